//! A nationality a named source declares for a person.

use sea_orm::entity::prelude::*;

/// A nationality a named source declares for a person.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "person_nationalities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub country_code: String,
    pub source_id: i64,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced person.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id"
    )]
    Person,
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

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
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
