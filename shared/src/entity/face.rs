//! A detected face with its perceived gender (no age, no ethnicity, ever).

use crate::PerceivedGender;
use sea_orm::entity::prelude::*;

/// A detected face with its perceived gender (no age, no ethnicity, ever).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "faces")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub analysis_id: i64,
    pub track_id: Option<i64>,
    pub frame_seconds: Option<f64>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub detector_score: f64,
    pub perceived_gender: PerceivedGender,
    pub confidence: f64,
    pub second_opinion_agrees: Option<bool>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced analysis.
    #[sea_orm(
        belongs_to = "super::analysis::Entity",
        from = "Column::AnalysisId",
        to = "super::analysis::Column::Id"
    )]
    Analysis,
    /// The referenced face track.
    #[sea_orm(
        belongs_to = "super::face_track::Entity",
        from = "Column::TrackId",
        to = "super::face_track::Column::Id"
    )]
    FaceTrack,
}

impl Related<super::analysis::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Analysis.def()
    }
}

impl Related<super::face_track::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FaceTrack.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
