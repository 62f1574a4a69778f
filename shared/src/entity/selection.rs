//! A film selected in a section of an edition.

use sea_orm::entity::prelude::*;

/// A film selected in a section of an edition.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "selections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub section_id: i64,
    pub film_id: i64,
    pub source_id: Option<i64>,
    pub source_line: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced section.
    #[sea_orm(
        belongs_to = "super::section::Entity",
        from = "Column::SectionId",
        to = "super::section::Column::Id"
    )]
    Section,
    /// The referenced film.
    #[sea_orm(
        belongs_to = "super::film::Entity",
        from = "Column::FilmId",
        to = "super::film::Column::Id"
    )]
    Film,
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::section::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Section.def()
    }
}

impl Related<super::film::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Film.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
