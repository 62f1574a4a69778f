//! A film's production country, with its co-production share when the source gives one.

use sea_orm::entity::prelude::*;

/// A film's production country, with its co-production share when the source gives one.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "film_countries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub film_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub country_code: String,
    pub position: i32,
    pub share_percent: Option<f64>,
    pub source_id: Option<i64>,
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
    /// The referenced country.
    #[sea_orm(
        belongs_to = "super::country::Entity",
        from = "Column::CountryCode",
        to = "super::country::Column::Code"
    )]
    Country,
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

impl Related<super::country::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Country.def()
    }
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
