//! People settled for the headline figures: the first-name inference kept beside a declared or
//! curated gender (so it can be measured against them), and the merges of records that name the
//! same person, whose merged names resolve to the survivor on every later ingest.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::columns::{created_at, fk, id, index, one_of_null, ref_id, ref_id_null};

const GENDERS: &[&str] = &["woman", "man", "non_binary", "unknown"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [
            one_of_null("inferred_gender", GENDERS),
            double_null("inferred_probability"),
            text_null("inferred_evidence"),
        ] {
            manager.alter_table(Table::alter().table("people").add_column(col).take()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("person_merges")
                    .if_not_exists()
                    .col(id())
                    .col(ref_id("survivor_id"))
                    .col(text("merged_name"))
                    .col(text("merged_normalized_name"))
                    .col(text_null("merged_imdb_id"))
                    .col(big_integer("merged_person_id"))
                    .col(text("rule"))
                    .col(text("evidence"))
                    .col(ref_id_null("source_id"))
                    .col(created_at())
                    .foreign_key(&mut fk("person_merges", "survivor_id", "people", "id", true))
                    .foreign_key(&mut fk("person_merges", "source_id", "sources", "id", false))
                    .take(),
            )
            .await?;
        manager.create_index(index("person_merges", &["merged_normalized_name"], false)).await?;
        manager.create_index(index("person_merges", &["survivor_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("person_merges").if_exists().take()).await?;
        for col in ["inferred_evidence", "inferred_probability", "inferred_gender"] {
            manager.alter_table(Table::alter().table("people").drop_column(col).take()).await?;
        }
        Ok(())
    }
}
