//! A source file, page or decision that records come from.

use crate::SourceKind;
use sea_orm::entity::prelude::*;

/// A source file, page or decision that records come from.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "sources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub kind: SourceKind,
    pub origin_url: Option<String>,
    pub licence: String,
    pub licence_url: Option<String>,
    pub retrieved_on: Option<Date>,
    pub sha256: Option<String>,
    pub size_bytes: Option<i64>,
    pub notes: Option<String>,
    pub redistributable: bool,
    pub created_at: DateTimeUtc,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
