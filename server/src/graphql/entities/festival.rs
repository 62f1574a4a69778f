//! The `Festival` type and the queries that list and find festivals.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::FestivalKind;
use egalite_shared::entity::festival;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::country::Country;
use super::{Award, Edition};
use crate::graphql::coverage::{EditionCoverage, Scope};
use crate::graphql::error::{bad_input, internal};
use crate::graphql::loaders::{AwardsOfFestival, CountryKey, EditionsOfFestival, Loaders};
use crate::graphql::node::Kind;
use crate::stats::coverage::{self, CoverageScope};

/// A film festival or an awards ceremony.
pub struct Festival(pub festival::Model);

/// A film festival or an awards ceremony.
#[Object]
impl Festival {
    /// Global id (`Festival:1`).
    pub async fn id(&self) -> ID {
        Kind::Festival.id(self.0.id)
    }

    /// Short stable name used in URLs (`cannes`, `berlin`, `venice`, `cesar`, `oscars`).
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Official name, in the festival's own language (`Festival de Cannes`).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Name in English.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }

    /// Name in French.
    async fn name_fr(&self) -> &str {
        &self.0.name_fr
    }

    /// The name in common use (`Cannes`, `Berlinale`, `Mostra`, `César`, `Oscars`).
    async fn short_name(&self) -> &str {
        &self.0.short_name
    }

    /// A festival with a selection, or an awards ceremony.
    async fn kind(&self) -> FestivalKind {
        self.0.kind
    }

    /// The country the festival takes place in.
    async fn country(&self, ctx: &Context<'_>) -> Result<Option<Country>> {
        let loaders = ctx.data::<Loaders>()?;
        let row = loaders.load_one(CountryKey(self.0.country_code.clone())).await?;
        Ok(row.map(Country))
    }

    /// The city it takes place in.
    async fn city(&self) -> Option<&str> {
        self.0.city.as_deref()
    }

    /// The body that organises it.
    async fn organiser(&self) -> Option<&str> {
        self.0.organiser.as_deref()
    }

    /// The year of its first edition.
    async fn first_year(&self) -> Option<i32> {
        self.0.first_year
    }

    /// Official website.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }

    /// IMDb's event id (`ev0000147` for Cannes): where the award pages of the scrapers live.
    async fn imdb_event_id(&self) -> Option<&str> {
        self.0.imdb_event_id.as_deref()
    }

    /// Wikidata item, once a source has given it.
    async fn wikidata_qid(&self) -> Option<&str> {
        self.0.wikidata_qid.as_deref()
    }

    /// Its editions, in order, from `fromYear` to `toYear` when given.
    #[graphql(complexity = "50 * child_complexity + 1")]
    async fn editions(
        &self,
        ctx: &Context<'_>,
        from_year: Option<i32>,
        to_year: Option<i32>,
    ) -> Result<Vec<Edition>> {
        let (from, to) = crate::graphql::filters::years(from_year, to_year)?;
        let rows = ctx.data::<Loaders>()?.load_one(EditionsOfFestival(self.0.id)).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .filter(|e| (from..=to).contains(&e.year))
            .map(Edition)
            .collect())
    }

    /// The awards it gives (or gave).
    #[graphql(complexity = "20 * child_complexity + 1")]
    async fn awards(&self, ctx: &Context<'_>) -> Result<Vec<Award>> {
        let rows = ctx.data::<Loaders>()?.load_one(AwardsOfFestival(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Award).collect())
    }

    /// Per edition from `fromYear` to `toYear`: films, films with known directors, and directors
    /// with a known gender. `scope` defaults to the competition for festivals and to the
    /// nominations for awards ceremonies.
    async fn coverage(
        &self,
        ctx: &Context<'_>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        scope: Option<Scope>,
    ) -> Result<Vec<EditionCoverage>> {
        let (from, to) = crate::graphql::filters::years(from_year, to_year)?;
        let scope = scope.map_or(
            match self.0.kind {
                FestivalKind::Festival => CoverageScope::Competition,
                FestivalKind::AwardCeremony => CoverageScope::Nominations,
            },
            CoverageScope::from,
        );
        let db = ctx.data::<DatabaseConnection>()?;
        let figures = coverage::festival_coverage(db, self.0.id, scope, (from, to))
            .await
            .map_err(|e| internal("computing coverage", e))?;
        Ok(figures.into_iter().map(EditionCoverage::from).collect())
    }
}

/// Queries over festivals.
#[derive(Default)]
pub struct FestivalQuery;

#[Object]
impl FestivalQuery {
    /// Every festival and ceremony the platform follows.
    async fn festivals(&self, ctx: &Context<'_>) -> Result<Vec<Festival>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = festival::Entity::find()
            .order_by_asc(festival::Column::Id)
            .all(db)
            .await
            .map_err(|e| internal("listing festivals", e))?;
        Ok(rows.into_iter().map(Festival).collect())
    }

    /// One festival, by `id` or by `slug` (give exactly one); null when none matches.
    async fn festival(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> Result<Option<Festival>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let filter = match (id, slug) {
            (Some(id), None) => festival::Column::Id.eq(Kind::Festival.parse(&id)?),
            (None, Some(slug)) => festival::Column::Slug.eq(slug),
            _ => return Err(bad_input("give exactly one of `id` and `slug`")),
        };
        let row = festival::Entity::find()
            .filter(filter)
            .one(db)
            .await
            .map_err(|e| internal("finding a festival", e))?;
        Ok(row.map(Festival))
    }
}
