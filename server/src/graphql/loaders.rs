//! Dataloaders: every relation field loads through one, so a list of N items costs one query per
//! relation, not N. A fresh set is made per request (its cache lives as long as the request).

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use egalite_shared::entity::country;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Loads rows by key from the database.
#[derive(Clone)]
pub struct DbLoader {
    db: DatabaseConnection,
}

/// A per-request dataloader over the database.
pub type Loaders = DataLoader<DbLoader, HashMapCache>;

/// A new set of loaders for one request.
pub fn per_request(db: DatabaseConnection) -> Loaders {
    DataLoader::with_cache(DbLoader { db }, tokio::spawn, HashMapCache::default())
}

/// A country code, as a dataloader key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryKey(pub String);

impl Loader<CountryKey> for DbLoader {
    type Value = country::Model;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[CountryKey],
    ) -> Result<HashMap<CountryKey, Self::Value>, Self::Error> {
        let codes: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
        let rows = country::Entity::find()
            .filter(country::Column::Code.is_in(codes))
            .all(&self.db)
            .await
            .map_err(|e| super::error::internal("loading countries", e))?;
        Ok(rows.into_iter().map(|c| (CountryKey(c.code.clone()), c)).collect())
    }
}
