//! The Rust port against the Python reference (`models/testimages/reference_outputs.json`, made
//! with PIL and numpy by the conversion's `facepipe.py`): the same faces in one pass, boxes and
//! scores within a stated tolerance (image resizing differs slightly from PIL's), and the same
//! P(man) within a tolerance.
//!
//! The public-domain and CC0 images are in the project; the others are read from
//! `../shared/models/testimages/` and skipped, with a message, when it is absent.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use egalite_models::detector::{FaceDetector, POSTER_LEVELS, SCORE_THRESHOLD};
use egalite_models::gender::GenderClassifier;
use egalite_models::{model_file, picture, runtime};
use serde_json::Value;

/// A box corner may move by this share of the image's longer side.
const BOX_TOLERANCE: f32 = 0.005;
/// Detector scores may differ by this much.
const SCORE_TOLERANCE: f32 = 0.01;
/// P(man) may differ by this much.
const P_MAN_TOLERANCE: f32 = 0.03;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn reference() -> Value {
    let path = root().join("models/testimages/reference_outputs.json");
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The image's bytes from the project, else from ../shared, else None (skipped).
fn image_bytes(name: &str) -> Option<Vec<u8>> {
    let bundled = root().join("models/testimages").join(name);
    let shared = root().join("../shared/models/testimages").join(name);
    for path in [bundled, shared] {
        if let Ok(bytes) = std::fs::read(&path) {
            return Some(bytes);
        }
    }
    eprintln!(
        "skipped {name}: not in models/testimages/ and ../shared/models/testimages/ is absent"
    );
    None
}

fn models() -> (FaceDetector, GenderClassifier) {
    let rt = runtime::load(&runtime::library_path(&root())).unwrap_or_else(|e| panic!("{e}"));
    let dir = model_file::models_dir(&root());
    (
        FaceDetector::load(&rt, &dir).unwrap_or_else(|e| panic!("{e}")),
        GenderClassifier::load(&rt, &dir, 1, true).unwrap_or_else(|e| panic!("{e}")),
    )
}

#[test]
fn single_pass_detections_and_p_man_match_the_python_reference() {
    let reference = reference();
    let (mut detector, mut gender) = models();
    let mut compared = 0;
    let mut worst_box = 0.0f32;
    let mut worst_score = 0.0f32;
    let mut worst_p = 0.0f32;
    for (name, expected) in reference["detector"]["blazeface_full_range"].as_object().unwrap() {
        let Some(bytes) = image_bytes(name) else { continue };
        let image = picture::decode(&bytes).unwrap();
        let long = image.width().max(image.height()) as f32;
        let mut found = detector.detect(&image, SCORE_THRESHOLD).unwrap();
        let expected = expected.as_array().unwrap();
        assert_eq!(found.len(), expected.len(), "{name}: {found:?}");
        // Both lists are sorted by score; order the found ones as the reference does.
        found.sort_by(|a, b| b.score.total_cmp(&a.score));
        for (i, (face, want)) in found.iter().zip(expected).enumerate() {
            let want_box: Vec<f32> = want["box_xyxy"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap() as f32)
                .collect();
            let got = [face.bbox.x0, face.bbox.y0, face.bbox.x1, face.bbox.y1];
            for (g, w) in got.iter().zip(&want_box) {
                let off = (g - w).abs() / long;
                worst_box = worst_box.max(off);
                assert!(off <= BOX_TOLERANCE, "{name} face {i}: box {got:?} vs {want_box:?}");
            }
            let want_score = want["score"].as_f64().unwrap() as f32;
            worst_score = worst_score.max((face.score - want_score).abs());
            assert!(
                (face.score - want_score).abs() <= SCORE_TOLERANCE,
                "{name} face {i}: score {} vs {want_score}",
                face.score
            );
            let key = format!("{name}#{i}");
            let want_p = reference["gender"][&key]["faceres_deep_p_man"].as_f64().unwrap() as f32;
            let want_q =
                reference["gender"][&key]["gender_oarriaga_p_man"].as_f64().unwrap() as f32;
            let estimate = gender.classify(&image, &face.bbox).unwrap();
            let q = estimate.second_p_man.unwrap();
            worst_p = worst_p.max((estimate.p_man - want_p).abs()).max((q - want_q).abs());
            assert!(
                (estimate.p_man - want_p).abs() <= P_MAN_TOLERANCE,
                "{key}: P(man) {} vs {want_p}",
                estimate.p_man
            );
            assert!((q - want_q).abs() <= P_MAN_TOLERANCE, "{key}: second P(man) {q} vs {want_q}");
            compared += 1;
        }
    }
    eprintln!(
        "compared {compared} faces: worst box offset {:.4} of the long side, score {worst_score:.4}, P(man) {worst_p:.4}",
        worst_box
    );
    // The project's own images alone hold two faces.
    assert!(compared >= 2);
}

#[test]
fn tiling_finds_all_five_faces_of_the_montage_poster() {
    let Some(bytes) = image_bytes("montage_poster.jpg") else { return };
    let image = picture::decode(&bytes).unwrap();
    let (mut detector, _) = models();
    // One pass finds the two largest faces (the reference's count).
    assert_eq!(detector.detect(&image, SCORE_THRESHOLD).unwrap().len(), 2);
    // The whole image, half tiles at 0.5 and quarter tiles at 0.75 find the five, and nothing else.
    let faces = detector.detect_tiled(&image, &POSTER_LEVELS).unwrap();
    assert_eq!(faces.len(), 5, "{faces:#?}");
}
