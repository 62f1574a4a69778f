//! Scrape runs and their fetches: what `egalite scrape` asked of which host, when, and how each
//! request ended (fetched, unchanged, refused by robots.txt, retried, failed), so every outcome
//! of a collection run can be read back.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::columns::{fk, id, index, one_of, ref_id};

const RUN_STATUSES: &[&str] = &["running", "succeeded", "failed"];
const FETCH_OUTCOMES: &[&str] = &[
    "fetched",
    "not_modified",
    "retried",
    "disallowed",
    "host_not_allowed",
    "timeout",
    "too_large",
    "truncated",
    "http_error",
    "network_error",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("scrape_runs")
                    .if_not_exists()
                    .col(id())
                    .col(text("source"))
                    .col(boolean("offline"))
                    .col(text_null("years"))
                    .col(one_of("status", RUN_STATUSES))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .col(integer("pages_planned").default(0))
                    .col(integer("pages_fetched").default(0))
                    .col(integer("pages_not_modified").default(0))
                    .col(integer("pages_failed").default(0))
                    .col(integer("pages_parsed").default(0))
                    .col(integer("parse_failures").default(0))
                    .col(integer("records").default(0))
                    .col(text_null("error"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("scrape_fetches")
                    .if_not_exists()
                    .col(id())
                    .col(ref_id("run_id"))
                    .col(text("url"))
                    .col(integer("attempt"))
                    .col(timestamp_with_time_zone("requested_at"))
                    .col(big_integer("elapsed_ms"))
                    .col(integer_null("http_status"))
                    .col(one_of("outcome", FETCH_OUTCOMES))
                    .col(big_integer_null("snapshot_id"))
                    .col(text_null("detail"))
                    .foreign_key(&mut fk("scrape_fetches", "run_id", "scrape_runs", "id", true))
                    .foreign_key(&mut fk(
                        "scrape_fetches",
                        "snapshot_id",
                        "raw_snapshots",
                        "id",
                        false,
                    ))
                    .take(),
            )
            .await?;
        manager.create_index(index("scrape_fetches", &["run_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("scrape_fetches").if_exists().take()).await?;
        manager.drop_table(Table::drop().table("scrape_runs").if_exists().take()).await
    }
}
