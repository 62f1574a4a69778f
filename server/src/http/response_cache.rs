//! Answers to read-only GraphQL requests, kept per data version: the same request on the same
//! data is not executed twice. Errors are never cached; a request holding a mutation never is.

use axum::body::Bytes;
use moka::sync::Cache;

/// Cached response bodies keyed by data version and the exact request body.
#[derive(Clone)]
pub struct ResponseCache {
    inner: Option<Cache<(u64, Bytes), Bytes>>,
}

impl ResponseCache {
    /// A cache holding at most `max_bytes` of responses; 0 turns caching off.
    pub fn new(max_bytes: u64) -> Self {
        let inner = (max_bytes > 0).then(|| {
            Cache::builder()
                .max_capacity(max_bytes)
                .weigher(|k: &(u64, Bytes), v: &Bytes| {
                    u32::try_from(k.1.len() + v.len()).unwrap_or(u32::MAX)
                })
                .build()
        });
        Self { inner }
    }

    /// The response to `body` on data `version`, if one is kept.
    pub fn get(&self, version: u64, body: &Bytes) -> Option<Bytes> {
        self.inner.as_ref()?.get(&(version, body.clone()))
    }

    /// Keeps `response` for `body` on data `version`.
    pub fn insert(&self, version: u64, body: Bytes, response: Bytes) {
        if let Some(c) = &self.inner {
            c.insert((version, body), response);
        }
    }
}

/// Whether every operation of `query` is a query (not a mutation or subscription).
pub fn read_only(query: &str) -> bool {
    use async_graphql::parser::types::OperationType;
    async_graphql::parser::parse_query(query)
        .is_ok_and(|doc| doc.operations.iter().all(|(_, op)| op.node.ty == OperationType::Query))
}
