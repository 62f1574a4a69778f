//! The review queue's one way in: a question for curators, asked once while it is open.

use chrono::Utc;
use egalite_shared::entity::review_item;
use egalite_shared::{ReviewKind, ReviewStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

/// A question for curators about a row of `table` (or about something no row holds yet).
#[derive(Debug, Clone)]
pub struct Question<'a> {
    /// What kind of question.
    pub kind: ReviewKind,
    /// The table of the row it is about.
    pub table: &'a str,
    /// The row, when there is one.
    pub subject: Option<i64>,
    /// The question, with both versions: the same open question is not asked twice.
    pub reason: String,
    /// What the source proposes.
    pub proposal: serde_json::Value,
    /// Rows it could be about, when several.
    pub candidates: Option<&'a [i64]>,
    /// The source that raised it.
    pub source_id: i64,
}

/// Opens the question unless the same one is already open.
pub async fn ask(db: &impl ConnectionTrait, q: Question<'_>) -> Result<(), DbErr> {
    let asked = review_item::Entity::find()
        .filter(review_item::Column::Status.eq(ReviewStatus::Open))
        .filter(review_item::Column::Reason.eq(q.reason.as_str()))
        .count(db)
        .await?;
    if asked > 0 {
        return Ok(());
    }
    review_item::ActiveModel {
        kind: Set(q.kind),
        status: Set(ReviewStatus::Open),
        subject_table: Set(q.table.to_owned()),
        subject_id: Set(q.subject),
        reason: Set(q.reason),
        proposal: Set(q.proposal),
        candidates: Set(q.candidates.map(|c| serde_json::json!(c))),
        source_id: Set(Some(q.source_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
