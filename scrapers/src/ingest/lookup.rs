//! Rows looked up by a list of keys, in chunks small enough for any database's parameter limit.

use std::collections::HashSet;

use egalite_shared::entity::country;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Value};

/// Keys per query: under SQLite's and PostgreSQL's limits on bound parameters.
const CHUNK: usize = 500;

/// The rows of `E` whose `column` holds one of `keys`.
pub async fn rows_where_in<E, K>(
    db: &impl ConnectionTrait,
    column: E::Column,
    keys: &[K],
) -> Result<Vec<E::Model>, DbErr>
where
    E: EntityTrait,
    K: Into<Value> + Clone,
{
    let mut out = Vec::new();
    for chunk in keys.chunks(CHUNK) {
        out.extend(E::find().filter(column.is_in(chunk.iter().cloned())).all(db).await?);
    }
    Ok(out)
}

/// The country codes the database knows (ISO 3166-1 and former 3166-3).
pub async fn country_codes(db: &impl ConnectionTrait) -> Result<HashSet<String>, DbErr> {
    let codes: Vec<String> = country::Entity::find()
        .select_only()
        .column(country::Column::Code)
        .into_tuple()
        .all(db)
        .await?;
    Ok(codes.into_iter().collect())
}
