//! Square tiles over an image: BlazeFace full range misses faces narrower than about a twelfth
//! of the image's long side in one pass; in a tile of half the short side they are in range.

use image::RgbImage;

/// One level of tiling: tiles of side min(W, H) / `divisions` with 50 % overlap (1 = the whole
/// image), and the score a detection needs there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TileLevel {
    /// 1 for the whole image, n for tiles of min(W, H) / n.
    pub divisions: u32,
    /// Detections scoring less are dropped.
    pub threshold: f32,
}

/// What posters are run with: the whole image and tiles of half the short side at the usual
/// threshold, and quarter tiles only for confident detections (at 0.5 the quarter tiles of the
/// montage test poster add three false faces scored 0.54–0.61).
pub const POSTER_LEVELS: [TileLevel; 3] = [
    TileLevel { divisions: 1, threshold: 0.5 },
    TileLevel { divisions: 2, threshold: 0.5 },
    TileLevel { divisions: 4, threshold: 0.75 },
];

/// A tile: the pixels to crop, and the offset that maps its detections back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tile {
    /// Left edge of the crop.
    pub left: u32,
    /// Top edge of the crop.
    pub top: u32,
    /// Crop width.
    pub width: u32,
    /// Crop height.
    pub height: u32,
    /// Horizontal offset of the tile's detections.
    pub offset_x: f32,
    /// Vertical offset of the tile's detections.
    pub offset_y: f32,
}

impl Tile {
    /// Whether the tile is the whole image.
    pub fn is_whole(&self, image: &RgbImage) -> bool {
        self.left == 0
            && self.top == 0
            && self.width == image.width()
            && self.height == image.height()
    }
}

/// The tiles of one level over a `width` × `height` image, row by row.
pub fn tiles(width: u32, height: u32, divisions: u32) -> Vec<Tile> {
    if divisions <= 1 {
        return vec![Tile { left: 0, top: 0, width, height, offset_x: 0.0, offset_y: 0.0 }];
    }
    let (w, h) = (f64::from(width), f64::from(height));
    let side = w.min(h) / f64::from(divisions);
    let step = side / 2.0;
    if step < 1.0 {
        return Vec::new();
    }
    // Start positions 0, step, 2·step … up to the last that fits, as numpy's arange does.
    let starts = |extent: f64| {
        let end = (extent - side).max(0.0) + 1.0;
        (0..).map(move |i| f64::from(i) * step).take_while(move |&v| v < end)
    };
    let mut out = Vec::new();
    for y0 in starts(h) {
        for x0 in starts(w) {
            // Pillow's crop box with truncated corners.
            let (left, top) = (x0 as u32, y0 as u32);
            let (right, bottom) = ((x0 + side) as u32, (y0 + side) as u32);
            out.push(Tile {
                left,
                top,
                width: right - left,
                height: bottom - top,
                offset_x: x0 as f32,
                offset_y: y0 as f32,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_tiles_of_a_1000_by_1500_poster_overlap_by_half() {
        let t = tiles(1000, 1500, 2);
        // Side 500, step 250: 3 columns (0, 250, 500) and 5 rows (0 … 1000).
        assert_eq!(t.len(), 15);
        assert_eq!((t[1].left, t[1].width), (250, 500));
        assert_eq!((t[14].left, t[14].top), (500, 1000));
    }

    #[test]
    fn level_one_is_the_whole_image() {
        assert_eq!(tiles(30, 20, 1)[0].width, 30);
    }
}
