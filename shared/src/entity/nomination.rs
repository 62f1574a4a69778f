//! A nomination for an award at an edition, won or not.

use sea_orm::entity::prelude::*;

/// A nomination for an award at an edition, won or not.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "nominations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub award_id: i64,
    pub edition_id: i64,
    pub section_id: Option<i64>,
    pub won: bool,
    pub detail: Option<String>,
    pub natural_key: String,
    pub source_id: Option<i64>,
    pub source_line: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced award.
    #[sea_orm(
        belongs_to = "super::award::Entity",
        from = "Column::AwardId",
        to = "super::award::Column::Id"
    )]
    Award,
    /// The referenced edition.
    #[sea_orm(
        belongs_to = "super::edition::Entity",
        from = "Column::EditionId",
        to = "super::edition::Column::Id"
    )]
    Edition,
    /// The referenced section.
    #[sea_orm(
        belongs_to = "super::section::Entity",
        from = "Column::SectionId",
        to = "super::section::Column::Id"
    )]
    Section,
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Award.def()
    }
}

impl Related<super::edition::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Edition.def()
    }
}

impl Related<super::section::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Section.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
