//! A film.

use crate::FilmGenre;
use sea_orm::entity::prelude::*;

/// A film.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "films")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: Option<String>,
    pub original_title: Option<String>,
    pub normalized_title: Option<String>,
    pub year: Option<i32>,
    pub runtime_minutes: Option<i32>,
    pub genre: Option<FilmGenre>,
    #[sea_orm(unique)]
    pub imdb_id: Option<String>,
    #[sea_orm(unique)]
    pub wikidata_qid: Option<String>,
    #[sea_orm(unique)]
    pub cnc_visa: Option<String>,
    pub allocine_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub source_id: Option<i64>,
    pub source_line: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The title to show: the title, else the original title, else the IMDb id, else the
    /// record's id — never empty, so a film a line-up names only by IMDb id still reads as one.
    pub fn display_title(&self) -> String {
        self.title
            .clone()
            .or_else(|| self.original_title.clone())
            .or_else(|| self.imdb_id.clone())
            .unwrap_or_else(|| format!("film {}", self.id))
    }
}
