//! Analysing a poster: decode, detect faces with tiling, classify perceived gender per face, and
//! sum up the faces and the share of face area by perceived gender.

use std::time::{Duration, Instant};

use egalite_shared::PerceivedGender;

use crate::gender::GenderEstimate;
use crate::geometry::Detection;
use crate::model_file::ModelError;
use crate::picture::{self, PictureError};
use crate::pipeline::FacePipeline;

/// A face with what the gender models say of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysedFace {
    /// Where it is, clamped to the image.
    pub detection: Detection,
    /// The gender models' estimate.
    pub gender: GenderEstimate,
}

/// Faces of one perceived gender.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenderFigure {
    /// The perceived gender.
    pub gender: PerceivedGender,
    /// Number of faces.
    pub faces: u32,
    /// Their share of the total face area (0 when there are no faces).
    pub face_area_share: f64,
    /// Their mean area as a share of the image's.
    pub mean_face_size: Option<f64>,
}

/// Where a poster's time went.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PosterTiming {
    /// Decoding the file.
    pub decode: Duration,
    /// Detection, tiling included.
    pub detect: Duration,
    /// The gender models.
    pub classify: Duration,
}

/// One poster's analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct PosterAnalysis {
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// The faces, best detector score first.
    pub faces: Vec<AnalysedFace>,
    /// Where the time went.
    pub timing: PosterTiming,
}

/// Why a poster could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    /// The file is not a usable image; retrying will not help.
    #[error(transparent)]
    Picture(#[from] PictureError),
    /// A model failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl FacePipeline {
    /// Analyses the poster in `bytes`.
    pub fn analyse_poster(&mut self, bytes: &[u8]) -> Result<PosterAnalysis, PosterError> {
        let t0 = Instant::now();
        let image = picture::decode(bytes)?;
        let t1 = Instant::now();
        let (w, h) = (image.width() as f32, image.height() as f32);
        let mut detections = self.detector.detect_tiled(&image, &self.settings.poster_levels)?;
        detections.sort_by(|a, b| b.score.total_cmp(&a.score));
        let t2 = Instant::now();
        let mut faces = Vec::with_capacity(detections.len());
        for mut detection in detections {
            detection.bbox = detection.bbox.clamped(w, h);
            if detection.bbox.area() <= 0.0 {
                continue;
            }
            let gender = self.gender.classify(&image, &detection.bbox)?;
            faces.push(AnalysedFace { detection, gender });
        }
        let t3 = Instant::now();
        Ok(PosterAnalysis {
            width: image.width(),
            height: image.height(),
            faces,
            timing: PosterTiming { decode: t1 - t0, detect: t2 - t1, classify: t3 - t2 },
        })
    }
}

impl PosterAnalysis {
    /// Faces, face-area share and mean face size per perceived gender (every gender listed).
    pub fn figures(&self) -> Vec<GenderFigure> {
        let image_area = f64::from(self.width) * f64::from(self.height);
        let total: f64 = self.faces.iter().map(|f| f64::from(f.detection.bbox.area())).sum();
        [PerceivedGender::Woman, PerceivedGender::Man, PerceivedGender::Undetermined]
            .into_iter()
            .map(|gender| {
                let areas: Vec<f64> = self
                    .faces
                    .iter()
                    .filter(|f| f.gender.perceived() == gender)
                    .map(|f| f64::from(f.detection.bbox.area()))
                    .collect();
                let sum: f64 = areas.iter().sum();
                GenderFigure {
                    gender,
                    faces: areas.len() as u32,
                    face_area_share: if total > 0.0 { sum / total } else { 0.0 },
                    mean_face_size: (!areas.is_empty() && image_area > 0.0)
                        .then(|| sum / areas.len() as f64 / image_area),
                }
            })
            .collect()
    }
}
