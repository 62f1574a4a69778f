//! A film's budget from a source, in minor units of its currency.

use crate::BudgetKind;
use sea_orm::entity::prelude::*;

/// A film's budget from a source, in minor units of its currency.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "budgets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub film_id: i64,
    pub kind: BudgetKind,
    pub amount_minor: i64,
    pub currency: String,
    pub year: Option<i32>,
    pub source_id: i64,
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

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
