//! A film's poster image.

use sea_orm::entity::prelude::*;

/// A film's poster image.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "posters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub film_id: i64,
    pub url: Option<String>,
    #[sea_orm(unique)]
    pub sha256: Option<String>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub content_type: Option<String>,
    pub snapshot_id: Option<i64>,
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
    /// The referenced raw snapshot.
    #[sea_orm(
        belongs_to = "super::raw_snapshot::Entity",
        from = "Column::SnapshotId",
        to = "super::raw_snapshot::Column::Id"
    )]
    RawSnapshot,
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

impl Related<super::raw_snapshot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RawSnapshot.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
