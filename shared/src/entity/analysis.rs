//! A model's analysis of a poster or trailer (ours, or published by another project).

use crate::AnalysisKind;
use sea_orm::entity::prelude::*;

/// A model's analysis of a poster or trailer (ours, or published by another project).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "analyses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: AnalysisKind,
    pub film_id: Option<i64>,
    pub poster_id: Option<i64>,
    pub trailer_id: Option<i64>,
    pub asset_key: String,
    pub model_name: String,
    pub model_version: String,
    pub model_sha256: String,
    pub runtime: Option<String>,
    pub external: bool,
    pub parameters: Option<Json>,
    pub face_count: Option<i32>,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub source_id: Option<i64>,
    pub source_line: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced film.
    #[sea_orm(
        belongs_to = "super::film::Entity",
        from = "Column::FilmId",
        to = "super::film::Column::Id"
    )]
    Film,
    /// The referenced poster.
    #[sea_orm(
        belongs_to = "super::poster::Entity",
        from = "Column::PosterId",
        to = "super::poster::Column::Id"
    )]
    Poster,
    /// The referenced trailer.
    #[sea_orm(
        belongs_to = "super::trailer::Entity",
        from = "Column::TrailerId",
        to = "super::trailer::Column::Id"
    )]
    Trailer,
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::film::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Film.def()
    }
}

impl Related<super::poster::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Poster.def()
    }
}

impl Related<super::trailer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trailer.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
