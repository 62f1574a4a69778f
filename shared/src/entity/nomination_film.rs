//! A film a nomination names.

use sea_orm::entity::prelude::*;

/// A film a nomination names.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "nomination_films")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub nomination_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub film_id: i64,
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
    /// The referenced film.
    #[sea_orm(
        belongs_to = "super::film::Entity",
        from = "Column::FilmId",
        to = "super::film::Column::Id"
    )]
    Film,
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Nomination.def()
    }
}

impl Related<super::film::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Film.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
