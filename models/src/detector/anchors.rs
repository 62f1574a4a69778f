//! BlazeFace full-range anchors: MediaPipe's SsdAnchorsCalculator with a fixed anchor size, one
//! anchor per cell of a 48 × 48 grid (stride 4 on a 192-pixel input).

/// The input side in pixels.
pub const INPUT_SIZE: usize = 192;
/// Cells per side.
const GRID: usize = INPUT_SIZE / 4;
/// Number of anchors, the model's output rows.
pub const ANCHOR_COUNT: usize = GRID * GRID;

/// Anchor centres `(x, y)` in 0..1, row-major (y outer, x inner), as the model's outputs are
/// ordered.
pub fn anchors() -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(ANCHOR_COUNT);
    for y in 0..GRID {
        for x in 0..GRID {
            out.push(((x as f32 + 0.5) / GRID as f32, (y as f32 + 0.5) / GRID as f32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_2304_anchors_from_the_first_cell_centre_to_the_last() {
        let a = anchors();
        assert_eq!(a.len(), 2304);
        assert_eq!(a[0], (0.5 / 48.0, 0.5 / 48.0));
        assert_eq!(a[1], (1.5 / 48.0, 0.5 / 48.0));
        assert_eq!(a[2303], (47.5 / 48.0, 47.5 / 48.0));
    }
}
