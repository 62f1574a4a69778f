//! The square crop around a face that the gender models read.

use image::RgbImage;

use crate::geometry::BoundingBox;
use crate::picture::{Resampler, crop};

/// A square around `face`, enlarged by `margin` of its size on each side, resized to
/// `size` × `size` (black where it leaves the image).
pub fn face_crop(
    image: &RgbImage,
    face: &BoundingBox,
    margin: f32,
    size: u32,
    resampler: &mut Resampler,
) -> RgbImage {
    let (cx, cy) = ((face.x0 + face.x1) / 2.0, (face.y0 + face.y1) / 2.0);
    let side = face.width().max(face.height()) * (1.0 + 2.0 * margin);
    // Corners rounded as the reference rounds them: Python's round(), halves to even.
    let corner = |v: f32| f64::from(v).round_ties_even() as i64;
    let (left, top) = (corner(cx - side / 2.0), corner(cy - side / 2.0));
    let (right, bottom) = (corner(cx + side / 2.0), corner(cy + side / 2.0));
    let width = u32::try_from((right - left).max(1)).unwrap_or(1);
    let height = u32::try_from((bottom - top).max(1)).unwrap_or(1);
    let square = crop(image, left, top, width, height);
    resampler.resize(&square, size, size)
}
