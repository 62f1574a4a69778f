//! A section of an edition (competition, parallel section, label, ...).

use crate::SectionKind;
use sea_orm::entity::prelude::*;

/// A section of an edition (competition, parallel section, label, ...).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "sections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub edition_id: i64,
    pub slug: String,
    pub name: String,
    pub kind: SectionKind,
    pub source_id: Option<i64>,
    pub source_line: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced edition.
    #[sea_orm(
        belongs_to = "super::edition::Entity",
        from = "Column::EditionId",
        to = "super::edition::Column::Id"
    )]
    Edition,
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::edition::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Edition.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
