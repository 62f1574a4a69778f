//! A face followed across the frames of a trailer.

use crate::PerceivedGender;
use sea_orm::entity::prelude::*;

/// A face followed across the frames of a trailer.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "face_tracks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub analysis_id: i64,
    pub track_no: i32,
    pub perceived_gender: PerceivedGender,
    pub confidence: f64,
    pub first_seen_seconds: f64,
    pub last_seen_seconds: f64,
    pub screen_seconds: f64,
    pub detections: i32,
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
}

impl Related<super::analysis::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Analysis.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
