//! Face detection with BlazeFace full range: one letterboxed pass, or the whole image plus tiles
//! so that small faces on a poster come into the model's range.

mod anchors;
mod decode;
mod letterbox;
mod tiling;

use std::path::Path;

use image::RgbImage;
use ort::value::TensorRef;

pub use tiling::{POSTER_LEVELS, TileLevel};

use crate::geometry::Detection;
use crate::model_file::{self, BLAZEFACE_FULL_RANGE, LoadedModel, ModelError};
use crate::picture::Resampler;
use crate::runtime::Runtime;
use anchors::{ANCHOR_COUNT, INPUT_SIZE};
use decode::{NMS_IOU, decode, weighted_nms};

const BOXES_OUTPUT: &str = "reshaped_regressor_face_4";
const SCORES_OUTPUT: &str = "reshaped_classifier_face_4";

/// The score a detection needs in a single pass.
pub const SCORE_THRESHOLD: f32 = 0.5;

/// The detector and its buffers.
#[derive(Debug)]
pub struct FaceDetector {
    model: LoadedModel,
    anchors: Vec<(f32, f32)>,
    input: Vec<f32>,
    resampler: Resampler,
}

impl FaceDetector {
    /// Loads BlazeFace full range from `dir` (one intra-op thread: two are slower for it).
    pub fn load(runtime: &Runtime, dir: &Path) -> Result<Self, ModelError> {
        Ok(FaceDetector {
            model: model_file::load(runtime, dir, BLAZEFACE_FULL_RANGE, 1)?,
            anchors: anchors::anchors(),
            input: vec![0.0; INPUT_SIZE * INPUT_SIZE * 3],
            resampler: Resampler::default(),
        })
    }

    /// Time spent inside ONNX Runtime so far.
    pub fn busy(&self) -> std::time::Duration {
        self.model.busy
    }

    /// Faces in `image` from one letterboxed pass, scoring at least `threshold`, in its pixels.
    pub fn detect(
        &mut self,
        image: &RgbImage,
        threshold: f32,
    ) -> Result<Vec<Detection>, ModelError> {
        let placement = letterbox::letterbox(image, &mut self.resampler, &mut self.input);
        let fail = |reason: String| ModelError::Run { model: BLAZEFACE_FULL_RANGE.name, reason };
        let tensor =
            TensorRef::from_array_view(([1usize, INPUT_SIZE, INPUT_SIZE, 3], &self.input[..]))
                .map_err(|e| fail(e.to_string()))?;
        let outputs =
            self.model.run(ort::inputs!["input" => tensor]).map_err(|e| fail(e.to_string()))?;
        let read = |name: &str| {
            let value = outputs.get(name).ok_or_else(|| fail(format!("no output {name}")))?;
            value.try_extract_tensor::<f32>().map(|(_, data)| data).map_err(|e| fail(e.to_string()))
        };
        let boxes = read(BOXES_OUTPUT)?;
        let logits = read(SCORES_OUTPUT)?;
        if logits.len() != ANCHOR_COUNT || boxes.len() != ANCHOR_COUNT * 16 {
            return Err(fail(format!(
                "expected {ANCHOR_COUNT} anchors, got {} scores and {} box values",
                logits.len(),
                boxes.len()
            )));
        }
        let faces = weighted_nms(decode(boxes, logits, &self.anchors, threshold), NMS_IOU);
        Ok(faces.iter().map(|d| placement.map_to_image(d, image.width(), image.height())).collect())
    }

    /// Faces in `image` from the whole image and the tiles of each level, merged.
    pub fn detect_tiled(
        &mut self,
        image: &RgbImage,
        levels: &[TileLevel],
    ) -> Result<Vec<Detection>, ModelError> {
        let mut all = Vec::new();
        for level in levels {
            for tile in tiling::tiles(image.width(), image.height(), level.divisions) {
                let found = if tile.is_whole(image) {
                    self.detect(image, level.threshold)?
                } else {
                    let part = crate::picture::crop(
                        image,
                        tile.left as i64,
                        tile.top as i64,
                        tile.width,
                        tile.height,
                    );
                    self.detect(&part, level.threshold)?
                };
                all.extend(found.iter().map(|d| d.shifted(tile.offset_x, tile.offset_y)));
            }
        }
        Ok(weighted_nms(all, NMS_IOU))
    }
}
