//! Multi-row inserts in chunks: one statement per few hundred rows instead of one per row, within
//! the bound-parameter limits of both databases.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel};

/// Rows per statement: a row has at most about twenty columns, SQLite binds 32,766 parameters.
const CHUNK: usize = 500;

/// Inserts every row.
pub async fn insert_all<A, I>(db: &impl ConnectionTrait, rows: I) -> Result<(), DbErr>
where
    A: ActiveModelTrait + IntoActiveModel<A> + Send,
    I: IntoIterator<Item = A>,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Inserts every row that does not collide with one already there on `conflict` (a unique key),
/// and returns how many were written.
pub async fn insert_new<A, I, C>(
    db: &impl ConnectionTrait,
    rows: I,
    conflict: C,
) -> Result<u64, DbErr>
where
    A: ActiveModelTrait + IntoActiveModel<A> + Send,
    I: IntoIterator<Item = A>,
    C: IntoIterator<Item = <A::Entity as EntityTrait>::Column> + Clone,
{
    let mut written = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        written += <A::Entity as EntityTrait>::insert_many(chunk)
            .on_conflict(OnConflict::columns(conflict.clone()).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(written)
}

/// Rewrites `columns` of existing rows, found by their `key`, several hundred rows a statement:
/// an insert whose conflict on the key updates those columns. Each row must be whole (every
/// column set), as an insert needs it.
pub async fn update_all<A, I, C>(
    db: &impl ConnectionTrait,
    rows: I,
    key: <A::Entity as EntityTrait>::Column,
    columns: C,
) -> Result<(), DbErr>
where
    A: ActiveModelTrait + IntoActiveModel<A> + Send,
    I: IntoIterator<Item = A>,
    C: IntoIterator<Item = <A::Entity as EntityTrait>::Column> + Clone,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .on_conflict(OnConflict::column(key).update_columns(columns.clone()).to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
