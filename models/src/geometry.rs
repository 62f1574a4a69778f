//! Boxes and face detections in image pixels.

/// An axis-aligned box, corners in pixels: `(x0, y0)` top left, `(x1, y1)` bottom right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl BoundingBox {
    /// Width (0 for an inverted box).
    pub fn width(&self) -> f32 {
        (self.x1 - self.x0).max(0.0)
    }

    /// Height (0 for an inverted box).
    pub fn height(&self) -> f32 {
        (self.y1 - self.y0).max(0.0)
    }

    /// Area.
    pub fn area(&self) -> f32 {
        self.width() * self.height()
    }

    /// Intersection over union, 0 when either box is empty.
    pub fn iou(&self, other: &BoundingBox) -> f32 {
        let ix = (self.x1.min(other.x1) - self.x0.max(other.x0)).max(0.0);
        let iy = (self.y1.min(other.y1) - self.y0.max(other.y0)).max(0.0);
        let inter = ix * iy;
        let union = self.area() + other.area() - inter;
        if union > 0.0 { inter / union } else { 0.0 }
    }

    /// The part of the box inside a `width` × `height` image.
    pub fn clamped(&self, width: f32, height: f32) -> BoundingBox {
        BoundingBox {
            x0: self.x0.clamp(0.0, width),
            y0: self.y0.clamp(0.0, height),
            x1: self.x1.clamp(0.0, width),
            y1: self.y1.clamp(0.0, height),
        }
    }

    /// The box moved by `(dx, dy)`.
    pub fn shifted(&self, dx: f32, dy: f32) -> BoundingBox {
        BoundingBox { x0: self.x0 + dx, y0: self.y0 + dy, x1: self.x1 + dx, y1: self.y1 + dy }
    }
}

/// One face found by the detector.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The detector's score, 0..1.
    pub score: f32,
    /// The face box.
    pub bbox: BoundingBox,
    /// Six landmarks: right eye, left eye, nose tip, mouth centre, right ear, left ear (the
    /// subject's right, on the left of the image).
    pub keypoints: [(f32, f32); 6],
}

impl Detection {
    /// The detection moved by `(dx, dy)`, from a tile's pixels to the whole image's.
    pub fn shifted(&self, dx: f32, dy: f32) -> Detection {
        Detection {
            score: self.score,
            bbox: self.bbox.shifted(dx, dy),
            keypoints: self.keypoints.map(|(x, y)| (x + dx, y + dy)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x0: f32, y0: f32, x1: f32, y1: f32) -> BoundingBox {
        BoundingBox { x0, y0, x1, y1 }
    }

    #[test]
    fn iou_of_half_overlapping_squares_is_one_third() {
        let iou = b(0.0, 0.0, 2.0, 2.0).iou(&b(1.0, 0.0, 3.0, 2.0));
        assert!((iou - 1.0 / 3.0).abs() < 1e-6, "{iou}");
    }

    #[test]
    fn iou_of_disjoint_or_empty_boxes_is_zero() {
        assert_eq!(b(0.0, 0.0, 1.0, 1.0).iou(&b(2.0, 2.0, 3.0, 3.0)), 0.0);
        assert_eq!(b(0.0, 0.0, 0.0, 0.0).iou(&b(0.0, 0.0, 0.0, 0.0)), 0.0);
    }
}
