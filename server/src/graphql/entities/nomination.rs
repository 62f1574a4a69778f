//! The `Nomination` type: a nomination for an award, won or not.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::entity::nomination;

use super::{Award, Edition, Film, Person, Section, Source};
use crate::graphql::loaders::{
    AwardKey, EditionKey, FilmKey, FilmsOfNomination, Loaders, PeopleOfNomination, PersonKey,
    SectionKey,
};
use crate::graphql::node::Kind;

/// A nomination for an award at one edition; a win is a nomination that won.
pub struct Nomination(pub nomination::Model);

/// A nomination for an award at one edition; a win is a nomination that won.
#[Object]
impl Nomination {
    /// Global id (`Nomination:8`).
    pub async fn id(&self) -> ID {
        Kind::Nomination.id(self.0.id)
    }

    /// Whether it won.
    async fn won(&self) -> bool {
        self.0.won
    }

    /// What the source says beside the names (a character, a song).
    async fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }

    /// The award.
    async fn award(&self, ctx: &Context<'_>) -> Result<Option<Award>> {
        Ok(ctx.data::<Loaders>()?.load_one(AwardKey(self.0.award_id)).await?.map(Award))
    }

    /// The edition.
    async fn edition(&self, ctx: &Context<'_>) -> Result<Option<Edition>> {
        Ok(ctx.data::<Loaders>()?.load_one(EditionKey(self.0.edition_id)).await?.map(Edition))
    }

    /// The section it belongs to, for a section's own prize.
    async fn section(&self, ctx: &Context<'_>) -> Result<Option<Section>> {
        let Some(id) = self.0.section_id else { return Ok(None) };
        Ok(ctx.data::<Loaders>()?.load_one(SectionKey(id)).await?.map(Section))
    }

    /// The films it names.
    #[graphql(complexity = "1 * child_complexity + 1")]
    async fn films(&self, ctx: &Context<'_>) -> Result<Vec<Film>> {
        let l = ctx.data::<Loaders>()?;
        let links = l.load_one(FilmsOfNomination(self.0.id)).await?.unwrap_or_default();
        let found = l.load_many(links.iter().map(|n| FilmKey(n.film_id))).await?;
        Ok(links.iter().filter_map(|n| found.get(&FilmKey(n.film_id)).cloned().map(Film)).collect())
    }

    /// The people it names, in the source's order.
    #[graphql(complexity = "2 * child_complexity + 1")]
    async fn people(&self, ctx: &Context<'_>) -> Result<Vec<Person>> {
        let l = ctx.data::<Loaders>()?;
        let links = l.load_one(PeopleOfNomination(self.0.id)).await?.unwrap_or_default();
        let found = l.load_many(links.iter().map(|n| PersonKey(n.person_id))).await?;
        Ok(links
            .iter()
            .filter_map(|n| found.get(&PersonKey(n.person_id)).cloned().map(Person))
            .collect())
    }

    /// The source that lists it.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, self.0.source_id).await
    }

    /// The line of the source file it was read from.
    async fn source_line(&self) -> Option<i64> {
        self.0.source_line
    }
}
