//! Matching the faces on a film's poster to the face tracks of its trailer, by the cosine
//! similarity of FaceRes's identity descriptors (held in memory only): each poster face goes to
//! the track most like it, each track to one poster face at most, and only above a threshold.

use crate::geometry::BoundingBox;
use crate::model_file::ModelError;
use crate::picture::{self, PictureError};
use crate::pipeline::FacePipeline;

/// Least cosine similarity for a poster face and a track to be the same face. Views of one face
/// in the test stills score above 0.8; different people below 0.6.
pub const MATCH_SIMILARITY: f32 = 0.7;

/// A vector scaled to unit length (empty stays empty).
pub fn unit(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// For each poster face, the matched track's number and the similarity.
pub fn match_faces(poster: &[Vec<f32>], tracks: &[(i32, Vec<f32>)]) -> Vec<Option<(i32, f32)>> {
    let mut pairs = Vec::new();
    for (p, pd) in poster.iter().enumerate() {
        for (t, (_, td)) in tracks.iter().enumerate() {
            let s = cosine(pd, td);
            if s >= MATCH_SIMILARITY {
                pairs.push((s, p, t));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = vec![None; poster.len()];
    let mut taken = vec![false; tracks.len()];
    for (s, p, t) in pairs {
        if out[p].is_none() && !taken[t] {
            out[p] = Some((tracks[t].0, s));
            taken[t] = true;
        }
    }
    out
}

/// Why a poster's faces could not be described.
#[derive(Debug, thiserror::Error)]
pub enum DescribeError {
    /// The poster file is not a usable image.
    #[error(transparent)]
    Picture(#[from] PictureError),
    /// FaceRes failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl FacePipeline {
    /// Identity descriptors of the faces at `boxes` (relative to the image, 0..1) in the poster
    /// `bytes`.
    pub fn describe_faces(
        &mut self,
        bytes: &[u8],
        boxes: &[BoundingBox],
    ) -> Result<Vec<Vec<f32>>, DescribeError> {
        let image = picture::decode(bytes)?;
        let (w, h) = (image.width() as f32, image.height() as f32);
        let mut out = Vec::with_capacity(boxes.len());
        for b in boxes {
            let pixels = BoundingBox { x0: b.x0 * w, y0: b.y0 * h, x1: b.x1 * w, y1: b.y1 * h };
            self.gender.classify(&image, &pixels)?;
            out.push(self.gender.last_descriptor());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_poster_face_takes_its_most_similar_track_once_and_only_above_the_threshold() {
        let tracks =
            vec![(1, unit(vec![1.0, 0.0])), (2, unit(vec![0.0, 1.0])), (3, unit(vec![1.0, 0.1]))];
        let poster = vec![unit(vec![1.0, 0.05]), unit(vec![1.0, 1.0]), unit(vec![0.0, 1.0])];
        let m = match_faces(&poster, &tracks);
        assert!(matches!(m[0], Some((1 | 3, _))), "{m:?}");
        // Face 2 sits halfway (0.71 to either axis) but track 2 goes to face 3, its exact match.
        assert_eq!(m[2].map(|x| x.0), Some(2));
        assert!(m[1].is_none() || m[1].map(|x| x.0) != Some(2));
    }
}
