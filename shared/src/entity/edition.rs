//! One year's edition of a festival or ceremony.

use sea_orm::entity::prelude::*;

/// One year's edition of a festival or ceremony.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "editions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub festival_id: i64,
    pub year: i32,
    pub sequence: i32,
    pub number: Option<i32>,
    pub label: Option<String>,
    pub held: bool,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub notes: Option<String>,
    pub source_id: Option<i64>,
    pub source_line: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced festival.
    #[sea_orm(
        belongs_to = "super::festival::Entity",
        from = "Column::FestivalId",
        to = "super::festival::Column::Id"
    )]
    Festival,
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::festival::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Festival.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
