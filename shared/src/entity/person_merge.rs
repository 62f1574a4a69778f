//! A record merged into another that names the same person: its name resolves to the survivor.

use sea_orm::entity::prelude::*;

/// A record merged into another that names the same person, with the rule and the evidence.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "person_merges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survivor_id: i64,
    pub merged_name: String,
    pub merged_normalized_name: String,
    pub merged_imdb_id: Option<String>,
    pub merged_person_id: i64,
    pub rule: String,
    pub evidence: String,
    pub source_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
