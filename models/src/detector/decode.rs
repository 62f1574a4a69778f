//! From the detector's raw outputs to faces: anchor decoding, score threshold and MediaPipe's
//! weighted non-maximum suppression.

use super::anchors::INPUT_SIZE;
use crate::geometry::{BoundingBox, Detection};

/// Overlap above which two detections are the same face.
pub const NMS_IOU: f32 = 0.3;

/// Detections scoring at least `threshold`, in the square input's 0..1 coordinates.
///
/// `boxes` holds 16 values per anchor (centre, size, six keypoints, in input pixels relative to
/// the anchor), `logits` one per anchor.
pub fn decode(
    boxes: &[f32],
    logits: &[f32],
    anchors: &[(f32, f32)],
    threshold: f32,
) -> Vec<Detection> {
    let s = INPUT_SIZE as f32;
    let mut out = Vec::new();
    for (i, (&logit, &(ax, ay))) in logits.iter().zip(anchors).enumerate() {
        let score = 1.0 / (1.0 + (-logit.clamp(-100.0, 100.0)).exp());
        if score < threshold {
            continue;
        }
        let Some(r) = boxes.get(i * 16..i * 16 + 16) else { break };
        let (cx, cy) = (r[0] / s + ax, r[1] / s + ay);
        let (w, h) = (r[2] / s, r[3] / s);
        let mut keypoints = [(0.0, 0.0); 6];
        for (k, kp) in keypoints.iter_mut().enumerate() {
            *kp = (r[4 + 2 * k] / s + ax, r[5 + 2 * k] / s + ay);
        }
        out.push(Detection {
            score,
            bbox: BoundingBox {
                x0: cx - w / 2.0,
                y0: cy - h / 2.0,
                x1: cx + w / 2.0,
                y1: cy + h / 2.0,
            },
            keypoints,
        });
    }
    out
}

/// MediaPipe's WEIGHTED suppression: the best detection and every other overlapping it by more
/// than `iou` become one, their boxes and keypoints averaged by score, carrying the best score.
pub fn weighted_nms(mut detections: Vec<Detection>, iou: f32) -> Vec<Detection> {
    // A stable sort, as the reference's, so equal scores keep their order.
    detections.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out = Vec::new();
    while let Some(top) = detections.first().cloned() {
        let (group, rest): (Vec<Detection>, Vec<Detection>) =
            detections.into_iter().partition(|d| top.bbox.iou(&d.bbox) > iou);
        let total: f32 = group.iter().map(|d| d.score).sum();
        let mut merged = Detection {
            score: top.score,
            bbox: BoundingBox { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0 },
            keypoints: [(0.0, 0.0); 6],
        };
        for d in &group {
            let w = if total > 0.0 { d.score / total } else { 1.0 / group.len() as f32 };
            merged.bbox.x0 += w * d.bbox.x0;
            merged.bbox.y0 += w * d.bbox.y0;
            merged.bbox.x1 += w * d.bbox.x1;
            merged.bbox.y1 += w * d.bbox.y1;
            for (m, k) in merged.keypoints.iter_mut().zip(d.keypoints) {
                m.0 += w * k.0;
                m.1 += w * k.1;
            }
        }
        // A degenerate box (zero area) overlaps nothing, not even itself: keep it alone.
        if group.is_empty() {
            out.push(top);
            detections = rest.into_iter().skip(1).collect();
            continue;
        }
        out.push(merged);
        detections = rest;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(score: f32, x0: f32) -> Detection {
        Detection {
            score,
            bbox: BoundingBox { x0, y0: 0.0, x1: x0 + 1.0, y1: 1.0 },
            keypoints: [(x0, 0.0); 6],
        }
    }

    #[test]
    fn overlapping_detections_merge_into_their_score_weighted_average() {
        let out = weighted_nms(vec![det(0.6, 0.1), det(0.9, 0.0), det(0.8, 5.0)], NMS_IOU);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].score, 0.9);
        let expected = (0.9 * 0.0 + 0.6 * 0.1) / 1.5;
        assert!((out[0].bbox.x0 - expected).abs() < 1e-6, "{:?}", out[0]);
        assert_eq!(out[1].bbox.x0, 5.0);
    }

    #[test]
    fn a_zero_area_detection_does_not_loop_forever() {
        let flat = Detection {
            score: 0.9,
            bbox: BoundingBox { x0: 1.0, y0: 1.0, x1: 1.0, y1: 1.0 },
            keypoints: [(1.0, 1.0); 6],
        };
        assert_eq!(weighted_nms(vec![flat, det(0.7, 0.0)], NMS_IOU).len(), 2);
    }

    #[test]
    fn scores_below_the_threshold_are_dropped() {
        let anchors = [(0.5, 0.5), (0.25, 0.25)];
        let boxes = [0.0f32; 32];
        let kept = decode(&boxes, &[2.0, -2.0], &anchors, 0.5);
        assert_eq!(kept.len(), 1);
        assert!((kept[0].score - 0.880_797).abs() < 1e-5);
    }
}
