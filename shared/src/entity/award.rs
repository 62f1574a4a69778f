//! A prize or award category of a festival or ceremony.

use crate::AwardSubject;
use sea_orm::entity::prelude::*;

/// A prize or award category of a festival or ceremony.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "awards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub festival_id: i64,
    pub slug: String,
    pub name: String,
    pub name_en: Option<String>,
    pub name_fr: Option<String>,
    pub subject: AwardSubject,
    pub main_prize: bool,
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
}

impl Related<super::festival::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Festival.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
