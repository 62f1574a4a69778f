//! The `Person` type.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use egalite_shared::entity::person;
use egalite_shared::{Gender, GenderSource, Role};

use super::{Credit, Nomination, Source};
use crate::graphql::loaders::{CreditsOfPerson, Loaders, NominationKey, NominationsOfPerson};
use crate::graphql::node::Kind;

/// A person credited on a film or named by a nomination.
pub struct Person(pub person::Model);

/// A person credited on a film or named by a nomination.
#[Object]
impl Person {
    /// Global id (`Person:77`).
    pub async fn id(&self) -> ID {
        Kind::Person.id(self.0.id)
    }

    /// Name, as it is usually written.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Given name, when known apart.
    async fn given_name(&self) -> Option<&str> {
        self.0.given_name.as_deref()
    }

    /// Family name, when known apart.
    async fn family_name(&self) -> Option<&str> {
        self.0.family_name.as_deref()
    }

    /// Year of birth, when a source gives it.
    async fn birth_year(&self) -> Option<i32> {
        self.0.birth_year
    }

    /// IMDb id (`nm0000001`).
    async fn imdb_id(&self) -> Option<&str> {
        self.0.imdb_id.as_deref()
    }

    /// Wikidata item.
    async fn wikidata_qid(&self) -> Option<&str> {
        self.0.wikidata_qid.as_deref()
    }

    /// Gender as the platform records it; `genderSource` says how it is known.
    async fn gender(&self) -> Gender {
        self.0.gender
    }

    /// How the gender is known: declared by a source, set by a curator with evidence, or
    /// inferred from the first name (with `genderProbability`).
    async fn gender_source(&self) -> Option<GenderSource> {
        self.0.gender_source
    }

    /// For an inferred gender, the probability the dictionaries gave it.
    async fn gender_probability(&self) -> Option<f64> {
        self.0.gender_probability
    }

    /// The evidence: a URL and quote for a curated gender, the dictionaries used for an inferred
    /// one.
    async fn gender_evidence(&self) -> Option<&str> {
        self.0.gender_evidence.as_deref()
    }

    /// The source that declared, curated or inferred the gender.
    async fn gender_declared_by(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, self.0.gender_source_id).await
    }

    /// When the gender was last set.
    async fn gender_updated_at(&self) -> Option<DateTime<Utc>> {
        self.0.gender_updated_at
    }

    /// Their credits, of one `role` when given.
    #[graphql(complexity = "10 * child_complexity + 1")]
    async fn credits(&self, ctx: &Context<'_>, role: Option<Role>) -> Result<Vec<Credit>> {
        let rows = ctx.data::<Loaders>()?.load_one(CreditsOfPerson(self.0.id)).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .filter(|c| role.is_none_or(|r| c.role == r))
            .map(Credit)
            .collect())
    }

    /// The nominations that name them, wins included.
    #[graphql(complexity = "5 * child_complexity + 1")]
    async fn nominations(&self, ctx: &Context<'_>) -> Result<Vec<Nomination>> {
        let l = ctx.data::<Loaders>()?;
        let links = l.load_one(NominationsOfPerson(self.0.id)).await?.unwrap_or_default();
        let found = l.load_many(links.iter().map(|n| NominationKey(n.nomination_id))).await?;
        Ok(links
            .iter()
            .filter_map(|n| found.get(&NominationKey(n.nomination_id)).cloned().map(Nomination))
            .collect())
    }

    /// The source they were first read from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, self.0.source_id).await
    }
}
