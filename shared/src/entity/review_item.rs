//! An ambiguous match or conflict waiting for a curator.

use crate::{ReviewKind, ReviewStatus};
use sea_orm::entity::prelude::*;

/// An ambiguous match or conflict waiting for a curator.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "review_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: ReviewKind,
    pub status: ReviewStatus,
    pub subject_table: String,
    pub subject_id: Option<i64>,
    pub reason: String,
    pub proposal: Json,
    pub candidates: Option<Json>,
    pub source_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by: Option<i64>,
    pub resolution_note: Option<String>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
    /// The referenced api token.
    #[sea_orm(
        belongs_to = "super::api_token::Entity",
        from = "Column::ResolvedBy",
        to = "super::api_token::Column::Id"
    )]
    ApiToken,
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl Related<super::api_token::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ApiToken.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
