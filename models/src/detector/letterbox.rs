//! Fitting an image into the detector's square input without distorting it, and mapping the
//! detections back.

use image::RgbImage;

use super::anchors::INPUT_SIZE;
use crate::geometry::{BoundingBox, Detection};
use crate::picture::Resampler;

/// Where the image sits inside the square, as fractions of its side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Left padding.
    pub pad_x: f32,
    /// Top padding.
    pub pad_y: f32,
    /// Width of the image inside the square.
    pub content_w: f32,
    /// Height of the image inside the square.
    pub content_h: f32,
}

/// The image scaled to fit 192 × 192 (aspect ratio kept, centred, black padding), as the model's
/// NHWC input: RGB scaled to [-1, 1].
pub fn letterbox(image: &RgbImage, resampler: &mut Resampler, input: &mut [f32]) -> Placement {
    let side = INPUT_SIZE as f64;
    let (w, h) = (f64::from(image.width()), f64::from(image.height()));
    let scale = (side / w).min(side / h);
    // Python's round(), which the reference used: halves go to the even neighbour.
    let nw = ((w * scale).round_ties_even() as usize).clamp(1, INPUT_SIZE);
    let nh = ((h * scale).round_ties_even() as usize).clamp(1, INPUT_SIZE);
    let (px, py) = ((INPUT_SIZE - nw) / 2, (INPUT_SIZE - nh) / 2);
    let scaled = resampler.resize(image, nw as u32, nh as u32);
    input.fill(-1.0);
    let raw = scaled.as_raw();
    for y in 0..nh {
        let src = &raw[y * nw * 3..(y + 1) * nw * 3];
        let at = ((py + y) * INPUT_SIZE + px) * 3;
        for (dst, &v) in input[at..at + nw * 3].iter_mut().zip(src) {
            *dst = f32::from(v) / 127.5 - 1.0;
        }
    }
    let s = INPUT_SIZE as f32;
    Placement {
        pad_x: px as f32 / s,
        pad_y: py as f32 / s,
        content_w: nw as f32 / s,
        content_h: nh as f32 / s,
    }
}

impl Placement {
    /// A detection in the square's 0..1 coordinates, in the `width` × `height` image's pixels.
    pub fn map_to_image(&self, d: &Detection, width: u32, height: u32) -> Detection {
        let (w, h) = (width as f32, height as f32);
        let x = |v: f32| (v - self.pad_x) / self.content_w * w;
        let y = |v: f32| (v - self.pad_y) / self.content_h * h;
        Detection {
            score: d.score,
            bbox: BoundingBox {
                x0: x(d.bbox.x0),
                y0: y(d.bbox.y0),
                x1: x(d.bbox.x1),
                y1: y(d.bbox.y1),
            },
            keypoints: d.keypoints.map(|(kx, ky)| (x(kx), y(ky))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tall_image_is_centred_with_black_bars_left_and_right() {
        let image = RgbImage::from_pixel(100, 200, image::Rgb([255, 255, 255]));
        let mut input = vec![0.0; INPUT_SIZE * INPUT_SIZE * 3];
        let p = letterbox(&image, &mut Resampler::default(), &mut input);
        assert_eq!(p.content_h, 1.0);
        assert_eq!(p.content_w, 96.0 / 192.0);
        assert_eq!(p.pad_x, 48.0 / 192.0);
        // Padding is black (-1), the image white (+1).
        assert_eq!(input[0], -1.0);
        assert_eq!(input[(100 * INPUT_SIZE + 96) * 3], 1.0);
    }
}
