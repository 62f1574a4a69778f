//! The `Selection` type: a film selected in a section of an edition.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::entity::selection;

use super::{Film, Section, Source};
use crate::graphql::loaders::{FilmKey, Loaders, SectionKey};
use crate::graphql::node::Kind;

/// A film selected in a section of an edition.
pub struct Selection(pub selection::Model);

/// A film selected in a section of an edition.
#[Object]
impl Selection {
    /// Global id (`Selection:5`).
    pub async fn id(&self) -> ID {
        Kind::Selection.id(self.0.id)
    }

    /// The film.
    async fn film(&self, ctx: &Context<'_>) -> Result<Option<Film>> {
        Ok(ctx.data::<Loaders>()?.load_one(FilmKey(self.0.film_id)).await?.map(Film))
    }

    /// The section (its edition and festival through it).
    async fn section(&self, ctx: &Context<'_>) -> Result<Option<Section>> {
        Ok(ctx.data::<Loaders>()?.load_one(SectionKey(self.0.section_id)).await?.map(Section))
    }

    /// The source that lists the selection.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, self.0.source_id).await
    }

    /// The line of the source file it was read from (the header is line 1).
    async fn source_line(&self) -> Option<i64> {
        self.0.source_line
    }
}
