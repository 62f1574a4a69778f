//! Model evaluations: what `egalite eval` measured on a labelled image set (detection precision
//! and recall, perceived-gender accuracy and confusion), with the set's size and origin, shown on
//! the methodology page.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::columns::{created_at, id};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("model_evaluations")
                    .if_not_exists()
                    .col(id())
                    .col(text("set_name"))
                    .col(text("set_origin"))
                    .col(string_len("set_sha256", 64))
                    .col(integer("images"))
                    .col(integer("labelled_faces"))
                    .col(text("model_name"))
                    .col(text("model_sha256"))
                    .col(double("match_iou"))
                    .col(integer("true_positives"))
                    .col(integer("false_positives"))
                    .col(integer("false_negatives"))
                    .col(double_null("detection_precision"))
                    .col(double_null("detection_recall"))
                    .col(integer("gender_labelled"))
                    .col(integer("gender_correct"))
                    .col(integer("gender_undetermined"))
                    .col(double_null("gender_accuracy"))
                    // Rows: labelled gender; columns: perceived gender; and per-class figures.
                    .col(json_binary("confusion"))
                    .col(json_binary("per_class"))
                    .col(text_null("notes"))
                    .col(created_at())
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("model_evaluations").if_exists().take()).await
    }
}
