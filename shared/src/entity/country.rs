//! An ISO 3166 country, current or former.

use sea_orm::entity::prelude::*;

/// An ISO 3166 country, current or former.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "countries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub iso3166_3: Option<String>,
    pub alpha3: Option<String>,
    pub numeric: Option<String>,
    pub name_en: String,
    pub name_fr: String,
    pub former_until: Option<i32>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
