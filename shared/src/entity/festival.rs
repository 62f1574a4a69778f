//! A festival or award ceremony.

use crate::FestivalKind;
use sea_orm::entity::prelude::*;

/// A festival or award ceremony.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "festivals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub name_fr: String,
    pub short_name: String,
    pub kind: FestivalKind,
    pub country_code: String,
    pub city: Option<String>,
    pub organiser: Option<String>,
    pub first_year: Option<i32>,
    pub website: Option<String>,
    #[sea_orm(unique)]
    pub imdb_event_id: Option<String>,
    #[sea_orm(unique)]
    pub wikidata_qid: Option<String>,
    pub created_at: DateTimeUtc,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced country.
    #[sea_orm(
        belongs_to = "super::country::Entity",
        from = "Column::CountryCode",
        to = "super::country::Column::Code"
    )]
    Country,
}

impl Related<super::country::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Country.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
