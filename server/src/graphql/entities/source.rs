//! The `Source` type: a dataset, page or decision that figures trace back to.

use async_graphql::{Context, ID, Object, Result};
use chrono::NaiveDate;
use egalite_shared::SourceKind;
use egalite_shared::entity::source;

use crate::graphql::loaders::{Loaders, SourceKey};
use crate::graphql::node::Kind;

/// A dataset, page or decision that figures and rows trace back to.
pub struct Source(pub source::Model);

impl Source {
    /// The source of id `id`, through the request's loader.
    pub async fn load(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<Self>> {
        let Some(id) = id else { return Ok(None) };
        Ok(ctx.data::<Loaders>()?.load_one(SourceKey(id)).await?.map(Source))
    }
}

/// A dataset, page or decision that figures and rows trace back to.
#[Object]
impl Source {
    /// Global id (`Source:1`).
    pub async fn id(&self) -> ID {
        Kind::Source.id(self.0.id)
    }

    /// Stable name (`cannes_competition_gt`).
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// What it is.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// A dataset, a page, a curation file, a dictionary.
    async fn kind(&self) -> SourceKind {
        self.0.kind
    }

    /// Where it comes from.
    async fn origin_url(&self) -> Option<&str> {
        self.0.origin_url.as_deref()
    }

    /// Its licence.
    async fn licence(&self) -> &str {
        &self.0.licence
    }

    /// The licence's text.
    async fn licence_url(&self) -> Option<&str> {
        self.0.licence_url.as_deref()
    }

    /// When it was retrieved from its origin.
    async fn retrieved_on(&self) -> Option<NaiveDate> {
        self.0.retrieved_on
    }

    /// SHA-256 of the exact file ingested, when it is a file.
    async fn sha256(&self) -> Option<&str> {
        self.0.sha256.as_deref()
    }

    /// Size in bytes of the file ingested.
    async fn size_bytes(&self) -> Option<i64> {
        self.0.size_bytes
    }

    /// Known gaps and caveats.
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Whether the project may redistribute it (and bundles it).
    async fn redistributable(&self) -> bool {
        self.0.redistributable
    }
}
