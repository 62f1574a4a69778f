//! A model evaluation on a labelled image set.

use sea_orm::entity::prelude::*;

/// A model evaluation on a labelled image set.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "model_evaluations")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The set's name.
    pub set_name: String,
    /// Where its images and labels come from.
    pub set_origin: String,
    /// SHA-256 over its labels and images.
    pub set_sha256: String,
    /// Images in the set.
    pub images: i32,
    /// Faces labelled in it.
    pub labelled_faces: i32,
    /// The pipeline evaluated.
    pub model_name: String,
    /// Its checksum (models and settings).
    pub model_sha256: String,
    /// Overlap a detection needs with a labelled face to match it.
    pub match_iou: f64,
    /// Detections matching a labelled face.
    pub true_positives: i32,
    /// Detections matching none.
    pub false_positives: i32,
    /// Labelled faces no detection matched.
    pub false_negatives: i32,
    /// TP / (TP + FP).
    pub detection_precision: Option<f64>,
    /// TP / (TP + FN).
    pub detection_recall: Option<f64>,
    /// Matched faces labelled woman or man.
    pub gender_labelled: i32,
    /// Of those, read as labelled.
    pub gender_correct: i32,
    /// Of those, read as undetermined.
    pub gender_undetermined: i32,
    /// gender_correct / gender_labelled.
    pub gender_accuracy: Option<f64>,
    /// Confusion matrix: labelled gender → perceived gender → count.
    pub confusion: Json,
    /// Per class: precision, recall, support.
    pub per_class: Json,
    /// What the reader should know.
    pub notes: Option<String>,
    /// When it was measured.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
