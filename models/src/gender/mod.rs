//! Perceived gender of a face: HSE FaceRes (deep) decides, oarriaga's mini-XCEPTION gives a
//! second opinion, and disagreement lowers the confidence.
//!
//! Only P(man) is kept from FaceRes; its age output is never read, and its identity descriptor
//! is held in memory only, to match a poster's faces to a trailer's tracks.

mod crop;

use std::path::Path;

use egalite_shared::PerceivedGender;
use image::RgbImage;
use ort::value::TensorRef;

use crate::geometry::BoundingBox;
use crate::model_file::{self, FACERES_DEEP, GENDER_OARRIAGA, LoadedModel, ModelError};
use crate::picture::Resampler;
use crate::runtime::Runtime;

/// Below this confidence a face's perceived gender is `undetermined`.
pub const UNDETERMINED_BELOW: f32 = 0.6;
const FACERES_SIZE: u32 = 224;
const FACERES_MARGIN: f32 = 0.2;
/// The caffe/VGG means, blue, green, red.
const VGG_MEAN_BGR: [f32; 3] = [103.939, 116.779, 123.68];
const OARRIAGA_SIZE: u32 = 64;
/// The small model needs context around the face (27 of 29 test faces right at 40 %).
const OARRIAGA_MARGIN: f32 = 0.4;

/// What the models say about one face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenderEstimate {
    /// FaceRes's probability that the face is perceived as a man's.
    pub p_man: f32,
    /// The second opinion's, when it ran.
    pub second_p_man: Option<f32>,
}

impl GenderEstimate {
    /// Whether the second opinion agrees, when there is one.
    pub fn agrees(&self) -> Option<bool> {
        self.second_p_man.map(|q| (q >= 0.5) == (self.p_man >= 0.5))
    }

    /// The main model's confidence, lowered by half of how sure a disagreeing second opinion
    /// is: half, because the small model is the weaker one (it needs more context around the
    /// face and errs more on small faces).
    pub fn confidence(&self) -> f32 {
        let main = self.p_man.max(1.0 - self.p_man);
        match (self.agrees(), self.second_p_man) {
            (Some(false), Some(q)) => (main - (q.max(1.0 - q) - 0.5) / 2.0).max(0.5),
            _ => main,
        }
    }

    /// Man when P(man) ≥ 0.5, woman below, undetermined when the confidence is under 0.6.
    pub fn perceived(&self) -> PerceivedGender {
        if self.confidence() < UNDETERMINED_BELOW {
            PerceivedGender::Undetermined
        } else if self.p_man >= 0.5 {
            PerceivedGender::Man
        } else {
            PerceivedGender::Woman
        }
    }
}

/// The two gender models and their buffers.
#[derive(Debug)]
pub struct GenderClassifier {
    faceres: LoadedModel,
    second: Option<LoadedModel>,
    resampler: Resampler,
    faceres_input: Vec<f32>,
    second_input: Vec<f32>,
    descriptor: Vec<f32>,
}

impl GenderClassifier {
    /// Loads FaceRes with `threads` intra-op threads and, when `second_opinion`, the small model.
    pub fn load(
        runtime: &Runtime,
        dir: &Path,
        threads: usize,
        second_opinion: bool,
    ) -> Result<Self, ModelError> {
        let faceres = model_file::load(runtime, dir, FACERES_DEEP, threads)?;
        let second = if second_opinion {
            Some(model_file::load(runtime, dir, GENDER_OARRIAGA, 1)?)
        } else {
            None
        };
        Ok(GenderClassifier {
            faceres,
            second,
            resampler: Resampler::default(),
            faceres_input: vec![0.0; (FACERES_SIZE * FACERES_SIZE * 3) as usize],
            second_input: vec![0.0; (OARRIAGA_SIZE * OARRIAGA_SIZE) as usize],
            descriptor: Vec::new(),
        })
    }

    /// Time spent inside ONNX Runtime so far.
    pub fn busy(&self) -> std::time::Duration {
        self.faceres.busy + self.second.as_ref().map(|m| m.busy).unwrap_or_default()
    }

    /// FaceRes's identity descriptor of the last face classified, unit length: used in memory
    /// to match a poster's faces to a trailer's tracks, never stored.
    pub fn last_descriptor(&self) -> Vec<f32> {
        let norm = self.descriptor.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 { self.descriptor.iter().map(|v| v / norm).collect() } else { Vec::new() }
    }

    /// The models that ran, for the analysis record.
    pub fn models(&self) -> Vec<model_file::ModelSpec> {
        std::iter::once(self.faceres.spec).chain(self.second.as_ref().map(|m| m.spec)).collect()
    }

    /// What the models say about the face in `face` of `image`.
    pub fn classify(
        &mut self,
        image: &RgbImage,
        face: &BoundingBox,
    ) -> Result<GenderEstimate, ModelError> {
        let crop = crop::face_crop(image, face, FACERES_MARGIN, FACERES_SIZE, &mut self.resampler);
        for (dst, px) in self.faceres_input.chunks_exact_mut(3).zip(crop.pixels()) {
            let [r, g, b] = px.0;
            dst[0] = f32::from(b) - VGG_MEAN_BGR[0];
            dst[1] = f32::from(g) - VGG_MEAN_BGR[1];
            dst[2] = f32::from(r) - VGG_MEAN_BGR[2];
        }
        let side = FACERES_SIZE as usize;
        let p_man = run_single(
            &mut self.faceres,
            "input_1:0",
            [1, side, side, 3],
            &self.faceres_input,
            "gender_pred/Sigmoid:0",
            0,
            Some(("global_pooling/Mean:0", &mut self.descriptor)),
        )?;
        let second_p_man = match self.second.as_mut() {
            None => None,
            Some(model) => {
                let crop = crop::face_crop(
                    image,
                    face,
                    OARRIAGA_MARGIN,
                    OARRIAGA_SIZE,
                    &mut self.resampler,
                );
                for (dst, px) in self.second_input.iter_mut().zip(crop.pixels()) {
                    let [r, g, b] = px.0.map(|v| f32::from(v) / 255.0);
                    let grey = 0.2989 * r + 0.5870 * g + 0.1140 * b;
                    *dst = (grey - 0.5) * 2.0;
                }
                let side = OARRIAGA_SIZE as usize;
                // Softmax over [woman, man].
                Some(run_single(
                    model,
                    "input_1:0",
                    [1, side, side, 1],
                    &self.second_input,
                    "Identity:0",
                    1,
                    None,
                )?)
            }
        };
        Ok(GenderEstimate { p_man, second_p_man })
    }
}

/// Runs `model` on one input and reads element `index` of output `output`, and the whole of
/// another output into a buffer when asked.
#[allow(clippy::too_many_arguments)]
fn run_single(
    model: &mut LoadedModel,
    input_name: &str,
    shape: [usize; 4],
    input: &[f32],
    output: &str,
    index: usize,
    also: Option<(&str, &mut Vec<f32>)>,
) -> Result<f32, ModelError> {
    let name = model.spec.name;
    let fail = |reason: String| ModelError::Run { model: name, reason };
    let tensor = TensorRef::from_array_view((shape, input)).map_err(|e| fail(e.to_string()))?;
    let outputs = model.run(ort::inputs![input_name => tensor]).map_err(|e| fail(e.to_string()))?;
    let value = outputs.get(output).ok_or_else(|| fail(format!("no output {output}")))?;
    let (_, data) = value.try_extract_tensor::<f32>().map_err(|e| fail(e.to_string()))?;
    if let Some((name, buffer)) = also {
        let extra = outputs.get(name).ok_or_else(|| fail(format!("no output {name}")))?;
        let (_, values) = extra.try_extract_tensor::<f32>().map_err(|e| fail(e.to_string()))?;
        buffer.clear();
        buffer.extend_from_slice(values);
    }
    data.get(index)
        .copied()
        .ok_or_else(|| fail(format!("output {output} has {} values", data.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_keeps_the_main_confidence_and_disagreement_lowers_it() {
        let agree = GenderEstimate { p_man: 0.9, second_p_man: Some(0.8) };
        assert!((agree.confidence() - 0.9).abs() < 1e-6);
        assert_eq!(agree.perceived(), PerceivedGender::Man);
        let disagree = GenderEstimate { p_man: 0.9, second_p_man: Some(0.2) };
        assert!((disagree.confidence() - 0.75).abs() < 1e-6);
        let strong_disagreement = GenderEstimate { p_man: 0.7, second_p_man: Some(0.05) };
        assert_eq!(strong_disagreement.perceived(), PerceivedGender::Undetermined);
    }

    #[test]
    fn a_low_p_man_is_a_woman() {
        let e = GenderEstimate { p_man: 0.06, second_p_man: None };
        assert_eq!(e.perceived(), PerceivedGender::Woman);
        assert!((e.confidence() - 0.94).abs() < 1e-6);
    }
}
