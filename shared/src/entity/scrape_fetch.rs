//! One request of a scrape run and how it ended.

use crate::FetchOutcome;
use sea_orm::entity::prelude::*;

/// One request of a scrape run and how it ended.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "scrape_fetches")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The run it belongs to.
    pub run_id: i64,
    /// The URL asked for.
    pub url: String,
    /// Which attempt at that URL, from 1.
    pub attempt: i32,
    /// When the request was sent (or refused before sending).
    pub requested_at: DateTimeUtc,
    /// How long it took.
    pub elapsed_ms: i64,
    /// The HTTP status, when one came back.
    pub http_status: Option<i32>,
    /// How it ended.
    pub outcome: FetchOutcome,
    /// The snapshot it stored or reused.
    pub snapshot_id: Option<i64>,
    /// What went wrong, or what was learnt (`Retry-After: 2`).
    pub detail: Option<String>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The run.
    #[sea_orm(
        belongs_to = "super::scrape_run::Entity",
        from = "Column::RunId",
        to = "super::scrape_run::Column::Id"
    )]
    Run,
}

impl Related<super::scrape_run::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Run.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
