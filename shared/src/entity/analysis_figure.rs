//! An analysis' totals for one perceived gender.

use crate::PerceivedGender;
use sea_orm::entity::prelude::*;

/// An analysis' totals for one perceived gender.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "analysis_figures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub analysis_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub perceived_gender: PerceivedGender,
    pub faces: i32,
    pub face_area_share: Option<f64>,
    pub screen_seconds: Option<f64>,
    pub screen_share: Option<f64>,
    pub mean_face_size: Option<f64>,
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
