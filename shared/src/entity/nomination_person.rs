//! A person a nomination names.

use sea_orm::entity::prelude::*;

/// A person a nomination names.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "nomination_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub nomination_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i64,
    pub position: i32,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced nomination.
    #[sea_orm(
        belongs_to = "super::nomination::Entity",
        from = "Column::NominationId",
        to = "super::nomination::Column::Id"
    )]
    Nomination,
    /// The referenced person.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id"
    )]
    Person,
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Nomination.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
