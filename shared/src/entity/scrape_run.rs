//! One run of `egalite scrape` over a source, with its counts.

use crate::RunStatus;
use sea_orm::entity::prelude::*;

/// One run of `egalite scrape` over a source, with its counts.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "scrape_runs")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The source scraped (`imdb-events`, `oscars-org`, `wikidata`).
    pub source: String,
    /// Whether stored snapshots were re-parsed instead of fetched.
    pub offline: bool,
    /// The years asked for, as given (`2015..2025`).
    pub years: Option<String>,
    /// Where the run stands.
    pub status: RunStatus,
    /// When it started.
    pub started_at: DateTimeUtc,
    /// When it ended.
    pub finished_at: Option<DateTimeUtc>,
    /// Pages it meant to read.
    pub pages_planned: i32,
    /// Pages received with a new or changed payload.
    pub pages_fetched: i32,
    /// Pages the server said were unchanged (304).
    pub pages_not_modified: i32,
    /// Pages that could not be fetched.
    pub pages_failed: i32,
    /// Pages parsed into records.
    pub pages_parsed: i32,
    /// Pages a parser refused.
    pub parse_failures: i32,
    /// Records the parsers produced.
    pub records: i32,
    /// Why the run failed, when it did.
    pub error: Option<String>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
