//! `modelEvaluations`: what `egalite eval` measured, for the methodology page, beside the
//! accuracy the models' authors published.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use egalite_shared::entity::model_evaluation;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

/// The evaluations area of the root query.
#[derive(Default)]
pub struct EvaluationQuery;

/// The evaluations area of the root query.
#[Object]
impl EvaluationQuery {
    /// Evaluations of the face pipeline on labelled image sets, newest first.
    async fn model_evaluations(&self, ctx: &Context<'_>) -> Result<Vec<ModelEvaluation>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = model_evaluation::Entity::find()
            .order_by_desc(model_evaluation::Column::Id)
            .all(db)
            .await
            .map_err(|e| super::error::internal("loading model evaluations", e))?;
        Ok(rows.into_iter().map(ModelEvaluation).collect())
    }

    /// Accuracy the models' authors published for their own test sets: theirs, not measured by
    /// this project.
    async fn published_model_accuracy(&self) -> Vec<PublishedAccuracy> {
        vec![
            PublishedAccuracy {
                model: "faceres_deep".into(),
                measure: "gender accuracy, aligned and cropped UTKFace".into(),
                value: 0.919,
                source: "HSE_FaceRec_tf README (A. Savchenko)".into(),
            },
            PublishedAccuracy {
                model: "faceres_deep".into(),
                measure: "gender accuracy, in-the-wild UTKFace re-detected with dlib (two best models)".into(),
                value: 0.938,
                source: "HSE_FaceRec_tf README (A. Savchenko); 94.1 % for the other model".into(),
            },
            PublishedAccuracy {
                model: "blazeface".into(),
                measure: "average precision, front-camera model, Google's 2,000-image set".into(),
                value: 0.9861,
                source: "BlazeFace paper, arXiv:1907.05047 (no figure published for the full-range model)".into(),
            },
            PublishedAccuracy {
                model: "gender_oarriaga".into(),
                measure: "gender accuracy, IMDB test split".into(),
                value: 0.96,
                source: "oarriaga/face_classification README".into(),
            },
        ]
    }
}

/// A figure a model's authors published.
#[derive(SimpleObject)]
pub struct PublishedAccuracy {
    /// The model.
    pub model: String,
    /// What was measured, on which set.
    pub measure: String,
    /// The figure, 0 to 1.
    pub value: f64,
    /// Where it was published.
    pub source: String,
}

/// One run of `egalite eval`: the pipeline on a labelled set.
pub struct ModelEvaluation(model_evaluation::Model);

/// One run of `egalite eval`: the pipeline on a labelled set.
#[Object]
impl ModelEvaluation {
    /// The set's name.
    async fn set_name(&self) -> &str {
        &self.0.set_name
    }

    /// Where the set's images and labels come from.
    async fn set_origin(&self) -> &str {
        &self.0.set_origin
    }

    /// Images in the set.
    async fn images(&self) -> i32 {
        self.0.images
    }

    /// Faces labelled in it.
    async fn labelled_faces(&self) -> i32 {
        self.0.labelled_faces
    }

    /// The pipeline evaluated.
    async fn model_name(&self) -> &str {
        &self.0.model_name
    }

    /// Its checksum (models and settings).
    async fn model_sha256(&self) -> &str {
        &self.0.model_sha256
    }

    /// Detections that found a labelled face (IoU ≥ 0.5).
    async fn true_positives(&self) -> i32 {
        self.0.true_positives
    }

    /// Detections that found none.
    async fn false_positives(&self) -> i32 {
        self.0.false_positives
    }

    /// Labelled faces not found.
    async fn false_negatives(&self) -> i32 {
        self.0.false_negatives
    }

    /// Detection precision.
    async fn detection_precision(&self) -> Option<f64> {
        self.0.detection_precision
    }

    /// Detection recall.
    async fn detection_recall(&self) -> Option<f64> {
        self.0.detection_recall
    }

    /// Found faces labelled woman or man: the denominator of the gender accuracy.
    async fn gender_labelled(&self) -> i32 {
        self.0.gender_labelled
    }

    /// Of those, read as labelled.
    async fn gender_correct(&self) -> i32 {
        self.0.gender_correct
    }

    /// Of those, read as undetermined.
    async fn gender_undetermined(&self) -> i32 {
        self.0.gender_undetermined
    }

    /// Gender accuracy.
    async fn gender_accuracy(&self) -> Option<f64> {
        self.0.gender_accuracy
    }

    /// The confusion matrix as JSON: labelled gender → perceived gender → faces.
    async fn confusion(&self) -> String {
        self.0.confusion.to_string()
    }

    /// What the reader should know (a set too small for an accuracy figure says so).
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// When it was measured.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
