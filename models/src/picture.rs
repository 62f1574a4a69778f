//! Decoding images (JPEG, PNG, WebP) into RGB with size limits, and the crops and bilinear
//! resizes the models' preprocessing needs.

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{ImageFormat, ImageReader, RgbImage};

/// Images wider or taller than this are refused: a poster is a few thousand pixels at most.
pub const MAX_SIDE: u32 = 12_000;
/// Memory the decoder may allocate for one image.
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// Why an image could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// No bytes at all.
    #[error("the file is empty")]
    Empty,
    /// The format is not one the worker reads.
    #[error("not a JPEG, PNG or WebP image ({0})")]
    Format(String),
    /// Larger than the limits.
    #[error("the image is {width}×{height} pixels; at most {MAX_SIDE} pixels a side are read")]
    TooLarge {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// The bytes are not a whole, valid image.
    #[error("the image cannot be decoded: {0}")]
    Corrupt(String),
}

/// Decodes `bytes` into an RGB image, refusing empty, unknown, oversized or corrupt files before
/// allocating for them.
pub fn decode(bytes: &[u8]) -> Result<RgbImage, PictureError> {
    if bytes.is_empty() {
        return Err(PictureError::Empty);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PictureError::Format(e.to_string()))?;
    match reader.format() {
        None => return Err(PictureError::Format("unrecognised signature".to_owned())),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        Some(other) => return Err(PictureError::Format(format!("a {other:?} file"))),
    }
    let (width, height) =
        reader.into_dimensions().map_err(|e| PictureError::Corrupt(e.to_string()))?;
    if width == 0 || height == 0 {
        return Err(PictureError::Corrupt(format!("{width}×{height} pixels")));
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(PictureError::TooLarge { width, height });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PictureError::Format(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| PictureError::Corrupt(e.to_string()))?;
    Ok(decoded.into_rgb8())
}

/// Pillow-compatible bilinear resampling (a triangle filter widened when shrinking), which the
/// models' reference outputs were made with.
#[derive(Default)]
pub struct Resampler {
    resizer: Resizer,
}

impl std::fmt::Debug for Resampler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Resampler")
    }
}

impl Resampler {
    /// `image` resized to `width` × `height`.
    pub fn resize(&mut self, image: &RgbImage, width: u32, height: u32) -> RgbImage {
        let mut out = RgbImage::new(width.max(1), height.max(1));
        if image.width() == 0 || image.height() == 0 {
            return out;
        }
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
        // Both images are RGB8 and non-empty, the only cases fast_image_resize refuses.
        if let Err(e) = self.resizer.resize(image, &mut out, &options) {
            tracing::error!(error = %e, "resize failed; the output stays black");
        }
        out
    }
}

/// The `width` × `height` region of `image` whose top-left corner is `(left, top)`; parts outside
/// the image are black, as Pillow's `crop` makes them.
pub fn crop(image: &RgbImage, left: i64, top: i64, width: u32, height: u32) -> RgbImage {
    let mut out = RgbImage::new(width, height);
    let (iw, ih) = (i64::from(image.width()), i64::from(image.height()));
    let x_from = left.max(0);
    let x_to = (left + i64::from(width)).min(iw);
    if x_to <= x_from {
        return out;
    }
    let row_bytes = usize::try_from(x_to - x_from).unwrap_or(0) * 3;
    let src = image.as_raw();
    let dst_stride = width as usize * 3;
    for y in top.max(0)..(top + i64::from(height)).min(ih) {
        let src_at = (y as usize * image.width() as usize + x_from as usize) * 3;
        let dst_at = (y - top) as usize * dst_stride + (x_from - left) as usize * 3;
        let dst: &mut [u8] = &mut out;
        dst[dst_at..dst_at + row_bytes].copy_from_slice(&src[src_at..src_at + row_bytes]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        RgbImage::new(width, height)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn an_empty_file_is_refused_as_empty() {
        assert!(matches!(decode(&[]), Err(PictureError::Empty)));
    }

    #[test]
    fn bytes_that_are_no_image_are_refused_by_format() {
        let err = decode(b"this is not an image at all").unwrap_err();
        assert!(matches!(err, PictureError::Format(_)), "{err}");
    }

    #[test]
    fn a_truncated_png_is_refused_as_corrupt() {
        let bytes = png(64, 64);
        let err = decode(&bytes[..bytes.len() / 2]).unwrap_err();
        assert!(matches!(err, PictureError::Corrupt(_)), "{err}");
    }

    #[test]
    fn a_20000_pixel_square_is_refused_from_its_header_alone() {
        // A PNG header that declares 20 000 × 20 000 pixels: refused before any pixel is decoded.
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let crc = crc32fast::hash(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = decode(&bytes).unwrap_err();
        assert!(err.to_string().contains("20000×20000"), "{err}");
    }

    #[test]
    fn a_crop_past_the_edges_is_padded_with_black() {
        let mut image = RgbImage::new(2, 2);
        for p in image.pixels_mut() {
            *p = image::Rgb([255, 255, 255]);
        }
        let out = crop(&image, -1, -1, 3, 3);
        assert_eq!(out.get_pixel(0, 0).0, [0, 0, 0]);
        assert_eq!(out.get_pixel(1, 1).0, [255, 255, 255]);
        assert_eq!(out.get_pixel(2, 2).0, [255, 255, 255]);
        assert_eq!(crop(&image, 5, 5, 2, 2).get_pixel(0, 0).0, [0, 0, 0]);
    }
}
