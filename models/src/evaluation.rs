//! Evaluating the pipeline on a labelled image set: detection precision and recall (a detection
//! matches a labelled face when their boxes overlap by IoU ≥ 0.5), perceived-gender accuracy,
//! per-class precision and recall and the confusion matrix, with Wilson 95 % intervals that show
//! how little a small set can say.
//!
//! A set is a folder: the images, `labels.csv` and optionally `SET.md`. `labels.csv` has the
//! header `image,x0,y0,x1,y1,gender`: one row per face, the box in pixels from the top left,
//! `gender` one of `woman`, `man`, `undetermined` as the curators perceived it; an image without
//! faces has one row with the box and gender empty. `SET.md` starts with `# <name>` and holds a
//! line `Origin: <where the images and labels come from>`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Utc;
use egalite_shared::PerceivedGender;
use egalite_shared::entity::model_evaluation;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbErr, Set};
use sha2::{Digest, Sha256};

use crate::geometry::BoundingBox;
use crate::pipeline::{FacePipeline, PipelineInfo};
use crate::poster::PosterError;

/// Overlap a detection needs with a labelled face to count as finding it.
pub const MATCH_IOU: f32 = 0.5;

/// Why a set could not be evaluated.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A row of labels.csv is wrong.
    #[error("{path} line {line}: {message}")]
    Label {
        /// labels.csv.
        path: PathBuf,
        /// The line (1 is the header).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// An image could not be analysed.
    #[error("image {image}: {source}")]
    Image {
        /// The image's file name.
        image: String,
        /// Why.
        source: PosterError,
    },
}

/// A labelled face.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledFace {
    /// Its box in pixels.
    pub bbox: BoundingBox,
    /// The perceived gender the curators labelled.
    pub gender: PerceivedGender,
}

/// An image and its labelled faces.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledImage {
    /// File name in the set's folder.
    pub file: String,
    /// Its faces (none for an image labelled as showing no face).
    pub faces: Vec<LabelledFace>,
}

/// A labelled set.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSet {
    /// Its name.
    pub name: String,
    /// Where it comes from.
    pub origin: String,
    /// SHA-256 over labels.csv and the images, in file-name order.
    pub sha256: String,
    /// The folder.
    pub dir: PathBuf,
    /// Its images, in file-name order.
    pub images: Vec<LabelledImage>,
}

#[derive(Debug, serde::Deserialize)]
struct LabelRow {
    image: String,
    x0: Option<f32>,
    y0: Option<f32>,
    x1: Option<f32>,
    y1: Option<f32>,
    gender: Option<String>,
}

/// Reads the set in `dir`, checking every row and that every image is there.
pub fn load_set(dir: &Path) -> Result<LabelledSet, EvalError> {
    let labels_path = dir.join("labels.csv");
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| EvalError::Read { path: path.to_owned(), source })
    };
    let labels = read(&labels_path)?;
    let bad =
        |line: u64, message: String| EvalError::Label { path: labels_path.clone(), line, message };
    let mut images: BTreeMap<String, Vec<LabelledFace>> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(labels.as_slice());
    for (i, row) in reader.deserialize::<LabelRow>().enumerate() {
        let line = i as u64 + 2;
        let row = row.map_err(|e| bad(line, e.to_string()))?;
        if row.image.trim().is_empty() || row.image.contains('/') || row.image.contains("..") {
            return Err(bad(
                line,
                format!("image {:?} is not a file name in the folder", row.image),
            ));
        }
        let faces = images.entry(row.image.clone()).or_default();
        match (row.x0, row.y0, row.x1, row.y1, row.gender.as_deref().map(str::trim)) {
            (None, None, None, None, None | Some("")) => {}
            (Some(x0), Some(y0), Some(x1), Some(y1), Some(g)) => {
                let gender = match g {
                    "woman" => PerceivedGender::Woman,
                    "man" => PerceivedGender::Man,
                    "undetermined" => PerceivedGender::Undetermined,
                    other => {
                        return Err(bad(line, format!("gender {other:?} is not woman, man or undetermined")));
                    }
                };
                if !(x1 > x0 && y1 > y0) || [x0, y0].iter().any(|v| *v < 0.0) {
                    return Err(bad(line, format!("box ({x0}, {y0}, {x1}, {y1}) is empty or inverted")));
                }
                faces.push(LabelledFace { bbox: BoundingBox { x0, y0, x1, y1 }, gender });
            }
            _ => return Err(bad(line, "a face needs x0, y0, x1, y1 and gender; an image without faces leaves all five empty".to_owned())),
        }
    }
    let mut hasher = Sha256::new();
    hasher.update(&labels);
    for file in images.keys() {
        hasher.update(file.as_bytes());
        hasher.update(read(&dir.join(file))?);
    }
    let (name, origin) = describe(dir);
    Ok(LabelledSet {
        name,
        origin,
        sha256: hex::encode(hasher.finalize()),
        dir: dir.to_owned(),
        images: images.into_iter().map(|(file, faces)| LabelledImage { file, faces }).collect(),
    })
}

/// The name and origin from SET.md, else the folder's name and "not stated".
fn describe(dir: &Path) -> (String, String) {
    let text = std::fs::read_to_string(dir.join("SET.md")).unwrap_or_default();
    let name = text
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|s| s.trim().to_owned())
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "unnamed set".to_owned());
    let origin = text
        .lines()
        .find_map(|l| l.strip_prefix("Origin:"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "not stated".to_owned());
    (name, origin)
}

/// What the pipeline got right and wrong on a set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    /// Images evaluated.
    pub images: usize,
    /// Faces labelled.
    pub labelled_faces: usize,
    /// Detections matching a labelled face.
    pub true_positives: usize,
    /// Detections matching none.
    pub false_positives: usize,
    /// Labelled faces not found.
    pub false_negatives: usize,
    /// Labelled gender (woman, man) → perceived gender → matched faces.
    pub confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
}

/// A proportion with its Wilson 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportion {
    /// Successes.
    pub k: usize,
    /// Trials.
    pub n: usize,
}

impl Proportion {
    /// k / n, `None` when n is 0.
    pub fn value(&self) -> Option<f64> {
        (self.n > 0).then(|| self.k as f64 / self.n as f64)
    }

    /// The Wilson score interval at 95 %.
    pub fn wilson95(&self) -> Option<(f64, f64)> {
        let p = self.value()?;
        let n = self.n as f64;
        let z = 1.959_964f64;
        let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
        let half = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
        Some(((centre - half).max(0.0), (centre + half).min(1.0)))
    }
}

fn wire(g: PerceivedGender) -> &'static str {
    match g {
        PerceivedGender::Woman => "woman",
        PerceivedGender::Man => "man",
        PerceivedGender::Undetermined => "undetermined",
    }
}

impl Evaluation {
    /// TP / (TP + FP).
    pub fn precision(&self) -> Proportion {
        Proportion { k: self.true_positives, n: self.true_positives + self.false_positives }
    }

    /// TP / (TP + FN).
    pub fn recall(&self) -> Proportion {
        Proportion { k: self.true_positives, n: self.true_positives + self.false_negatives }
    }

    /// Matched faces labelled woman or man that were read as labelled (undetermined counts as
    /// not read).
    pub fn accuracy(&self) -> Proportion {
        let mut p = Proportion { k: 0, n: 0 };
        for (label, row) in &self.confusion {
            for (perceived, count) in row {
                p.n += count;
                if label == perceived {
                    p.k += count;
                }
            }
        }
        p
    }

    /// Matched faces labelled woman or man and read as undetermined.
    pub fn undetermined(&self) -> usize {
        self.confusion.values().filter_map(|row| row.get("undetermined")).sum()
    }

    /// Per class (woman, man): precision among the faces read as it, recall among the faces
    /// labelled as it.
    pub fn per_class(&self) -> Vec<(&'static str, Proportion, Proportion)> {
        ["woman", "man"]
            .into_iter()
            .map(|class| {
                let labelled: usize =
                    self.confusion.get(class).map(|r| r.values().sum()).unwrap_or(0);
                let correct =
                    self.confusion.get(class).and_then(|r| r.get(class)).copied().unwrap_or(0);
                let read_as: usize = self.confusion.values().filter_map(|r| r.get(class)).sum();
                (
                    class,
                    Proportion { k: correct, n: read_as },
                    Proportion { k: correct, n: labelled },
                )
            })
            .collect()
    }
}

/// Runs the pipeline on every image of `set`, calling `progress(done, total)` after each.
pub fn evaluate(
    pipeline: &mut FacePipeline,
    set: &LabelledSet,
    mut progress: impl FnMut(usize, usize),
) -> Result<Evaluation, EvalError> {
    let mut e = Evaluation { images: set.images.len(), ..Default::default() };
    for (i, image) in set.images.iter().enumerate() {
        let path = set.dir.join(&image.file);
        let bytes = std::fs::read(&path).map_err(|source| EvalError::Read { path, source })?;
        let analysis = pipeline
            .analyse_poster(&bytes)
            .map_err(|source| EvalError::Image { image: image.file.clone(), source })?;
        e.labelled_faces += image.faces.len();
        // Every overlapping pair, best overlap first: each face and detection matched once.
        let mut pairs = Vec::new();
        for (l, label) in image.faces.iter().enumerate() {
            for (d, found) in analysis.faces.iter().enumerate() {
                let iou = label.bbox.iou(&found.detection.bbox);
                if iou >= MATCH_IOU {
                    pairs.push((iou, l, d));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut label_used = vec![false; image.faces.len()];
        let mut found_used = vec![false; analysis.faces.len()];
        for (_, l, d) in pairs {
            if label_used[l] || found_used[d] {
                continue;
            }
            label_used[l] = true;
            found_used[d] = true;
            e.true_positives += 1;
            let labelled = image.faces[l].gender;
            if labelled != PerceivedGender::Undetermined {
                let perceived = analysis.faces[d].gender.perceived();
                *e.confusion
                    .entry(wire(labelled))
                    .or_default()
                    .entry(wire(perceived))
                    .or_default() += 1;
            }
        }
        e.false_negatives += label_used.iter().filter(|u| !**u).count();
        e.false_positives += found_used.iter().filter(|u| !**u).count();
        progress(i + 1, set.images.len());
    }
    Ok(e)
}

/// Records `evaluation` of `set` by the pipeline `info`.
pub async fn save(
    db: &DatabaseConnection,
    set: &LabelledSet,
    evaluation: &Evaluation,
    info: &PipelineInfo,
) -> Result<model_evaluation::Model, DbErr> {
    let accuracy = evaluation.accuracy();
    let per_class: serde_json::Value = evaluation
        .per_class()
        .into_iter()
        .map(|(class, precision, recall)| {
            (
                class.to_owned(),
                serde_json::json!({
                    "precision": precision.value(), "read_as": precision.n,
                    "recall": recall.value(), "support": recall.n,
                }),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    let notes = (evaluation.labelled_faces < 500).then(|| {
        format!(
            "{} labelled faces: far too few for an accuracy figure (the 95 % interval of the gender \
             accuracy is {}); this checks that the pipeline runs as described, nothing more.",
            evaluation.labelled_faces,
            accuracy
                .wilson95()
                .map(|(lo, hi)| format!("{:.0}–{:.0} %", lo * 100.0, hi * 100.0))
                .unwrap_or_else(|| "undefined".to_owned())
        )
    });
    model_evaluation::ActiveModel {
        set_name: Set(set.name.clone()),
        set_origin: Set(set.origin.clone()),
        set_sha256: Set(set.sha256.clone()),
        images: Set(evaluation.images as i32),
        labelled_faces: Set(evaluation.labelled_faces as i32),
        model_name: Set(info.name.clone()),
        model_sha256: Set(info.checksum.clone()),
        match_iou: Set(f64::from(MATCH_IOU)),
        true_positives: Set(evaluation.true_positives as i32),
        false_positives: Set(evaluation.false_positives as i32),
        false_negatives: Set(evaluation.false_negatives as i32),
        detection_precision: Set(evaluation.precision().value()),
        detection_recall: Set(evaluation.recall().value()),
        gender_labelled: Set(accuracy.n as i32),
        gender_correct: Set(accuracy.k as i32),
        gender_undetermined: Set(evaluation.undetermined() as i32),
        gender_accuracy: Set(accuracy.value()),
        confusion: Set(serde_json::to_value(&evaluation.confusion).unwrap_or_default()),
        per_class: Set(per_class),
        notes: Set(notes),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handful_of_faces_gives_a_wide_wilson_interval() {
        let (lo, hi) = Proportion { k: 6, n: 7 }.wilson95().unwrap();
        assert!(lo < 0.5 && hi > 0.97, "{lo} {hi}");
        let (lo, hi) = Proportion { k: 900, n: 1000 }.wilson95().unwrap();
        assert!((lo - 0.880).abs() < 0.002 && (hi - 0.918).abs() < 0.002, "{lo} {hi}");
        assert_eq!(Proportion { k: 0, n: 0 }.wilson95(), None);
    }

    #[test]
    fn a_bad_label_row_is_named_by_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("labels.csv"),
            "image,x0,y0,x1,y1,gender\na.png,1,1,5,5,woman\nb.png,1,1,5,5,female\n",
        )
        .unwrap();
        let err = load_set(dir.path()).unwrap_err().to_string();
        assert!(err.contains("line 3") && err.contains("female"), "{err}");
        std::fs::write(
            dir.path().join("labels.csv"),
            "image,x0,y0,x1,y1,gender\na.png,5,5,1,1,man\n",
        )
        .unwrap();
        let err = load_set(dir.path()).unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("inverted"), "{err}");
        std::fs::write(
            dir.path().join("labels.csv"),
            "image,x0,y0,x1,y1,gender\nmissing.png,,,,,\n",
        )
        .unwrap();
        let err = load_set(dir.path()).unwrap_err().to_string();
        assert!(err.contains("missing.png"), "{err}");
    }
}
