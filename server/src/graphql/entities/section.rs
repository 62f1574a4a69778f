//! The `Section` type: a competition or parallel section of one edition.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::SectionKind;
use egalite_shared::entity::section;

use super::{Edition, Selection};
use crate::graphql::loaders::{EditionKey, Loaders, SelectionsOfSection};
use crate::graphql::node::Kind;

/// A section of one edition: the competition, a parallel section, a label selection.
pub struct Section(pub section::Model);

/// A section of one edition: the competition, a parallel section, a label selection.
#[Object]
impl Section {
    /// Global id (`Section:3`).
    pub async fn id(&self) -> ID {
        Kind::Section.id(self.0.id)
    }

    /// Stable name (`competition`, `un-certain-regard`).
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Its name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Competition, parallel section or label.
    async fn kind(&self) -> SectionKind {
        self.0.kind
    }

    /// The edition.
    async fn edition(&self, ctx: &Context<'_>) -> Result<Option<Edition>> {
        Ok(ctx.data::<Loaders>()?.load_one(EditionKey(self.0.edition_id)).await?.map(Edition))
    }

    /// The films selected, as selections.
    #[graphql(complexity = "25 * child_complexity + 1")]
    async fn selections(&self, ctx: &Context<'_>) -> Result<Vec<Selection>> {
        let rows = ctx.data::<Loaders>()?.load_one(SelectionsOfSection(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Selection).collect())
    }
}
