//! A kind of financing a film received, from a source.

use crate::FinancingKind;
use sea_orm::entity::prelude::*;

/// A kind of financing a film received, from a source.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "financings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub film_id: i64,
    pub kind: FinancingKind,
    pub organisation_id: Option<i64>,
    pub label: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
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
    /// The referenced organisation.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
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

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
