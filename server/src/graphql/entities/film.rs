//! The `Film` type.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::entity::{film, film_country};
use egalite_shared::{FilmGenre, Role};

use super::country::Country;
use super::{Analysis, Budget, Credit, Nomination, Person, Selection, Source};
use crate::graphql::loaders::{
    AnalysesOfFilm, BudgetsOfFilm, CountriesOfFilm, CountryKey, CreditsOfFilm, Loaders,
    NominationKey, NominationsOfFilm, PersonKey, SelectionsOfFilm,
};
use crate::graphql::node::Kind;

/// A film.
pub struct Film(pub film::Model);

/// A film.
#[Object]
impl Film {
    /// Global id (`Film:123`).
    pub async fn id(&self) -> ID {
        Kind::Film.id(self.0.id)
    }

    /// Title as released in France when known, else as the source gives it; null for a film a
    /// line-up names only by IMDb id.
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }

    /// The title to show: the title, else the original title, else the IMDb id; never null.
    async fn display_title(&self) -> String {
        self.0.display_title()
    }

    /// The years of the editions of `festival` (its slug; every festival when omitted) that
    /// selected the film or named it in a nomination, in order: the edition year, beside the
    /// release year a source gives in `year`.
    async fn edition_years(&self, ctx: &Context<'_>, festival: Option<String>) -> Result<Vec<i32>> {
        let db = ctx.data::<sea_orm::DatabaseConnection>()?;
        crate::graphql::edition_years::of_film(db, self.0.id, festival.as_deref())
            .await
            .map_err(|e| crate::graphql::error::internal("reading edition years", e))
    }

    /// Original title, when a source gives one.
    async fn original_title(&self) -> Option<&str> {
        self.0.original_title.as_deref()
    }

    /// Year of release (or of the first festival screening).
    async fn year(&self) -> Option<i32> {
        self.0.year
    }

    /// Running time in minutes.
    async fn runtime_minutes(&self) -> Option<i32> {
        self.0.runtime_minutes
    }

    /// Fiction, documentary or animation, when a source says.
    async fn genre(&self) -> Option<FilmGenre> {
        self.0.genre
    }

    /// IMDb id (`tt0000001`).
    async fn imdb_id(&self) -> Option<&str> {
        self.0.imdb_id.as_deref()
    }

    /// Wikidata item.
    async fn wikidata_qid(&self) -> Option<&str> {
        self.0.wikidata_qid.as_deref()
    }

    /// The CNC's approval number (visa d'exploitation).
    async fn cnc_visa(&self) -> Option<&str> {
        self.0.cnc_visa.as_deref()
    }

    /// Its credits, of one `role` when given, in the source's order.
    #[graphql(complexity = "10 * child_complexity + 1")]
    async fn credits(&self, ctx: &Context<'_>, role: Option<Role>) -> Result<Vec<Credit>> {
        let rows = ctx.data::<Loaders>()?.load_one(CreditsOfFilm(self.0.id)).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .filter(|c| role.is_none_or(|r| c.role == r))
            .map(Credit)
            .collect())
    }

    /// Its directors, in the source's order.
    #[graphql(complexity = "2 * child_complexity + 1")]
    async fn directors(&self, ctx: &Context<'_>) -> Result<Vec<Person>> {
        let l = ctx.data::<Loaders>()?;
        let credits = l.load_one(CreditsOfFilm(self.0.id)).await?.unwrap_or_default();
        let ids: Vec<PersonKey> = credits
            .iter()
            .filter(|c| c.role == Role::Director)
            .map(|c| PersonKey(c.person_id))
            .collect();
        let found = l.load_many(ids.iter().copied()).await?;
        Ok(ids.iter().filter_map(|k| found.get(k).cloned().map(Person)).collect())
    }

    /// The sections it was selected in.
    #[graphql(complexity = "3 * child_complexity + 1")]
    async fn selections(&self, ctx: &Context<'_>) -> Result<Vec<Selection>> {
        let rows = ctx.data::<Loaders>()?.load_one(SelectionsOfFilm(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Selection).collect())
    }

    /// The nominations that name it, wins included.
    #[graphql(complexity = "5 * child_complexity + 1")]
    async fn nominations(&self, ctx: &Context<'_>) -> Result<Vec<Nomination>> {
        let l = ctx.data::<Loaders>()?;
        let links = l.load_one(NominationsOfFilm(self.0.id)).await?.unwrap_or_default();
        let found = l.load_many(links.iter().map(|n| NominationKey(n.nomination_id))).await?;
        Ok(links
            .iter()
            .filter_map(|n| found.get(&NominationKey(n.nomination_id)).cloned().map(Nomination))
            .collect())
    }

    /// Budgets sources give for it.
    #[graphql(complexity = "1 * child_complexity + 1")]
    async fn budgets(&self, ctx: &Context<'_>) -> Result<Vec<Budget>> {
        let rows = ctx.data::<Loaders>()?.load_one(BudgetsOfFilm(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Budget).collect())
    }

    /// Production countries, in the source's order, with their shares when known.
    #[graphql(complexity = "2 * child_complexity + 1")]
    async fn countries(&self, ctx: &Context<'_>) -> Result<Vec<FilmCountry>> {
        let l = ctx.data::<Loaders>()?;
        let rows = l.load_one(CountriesOfFilm(self.0.id)).await?.unwrap_or_default();
        let found = l.load_many(rows.iter().map(|r| CountryKey(r.country_code.clone()))).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let country = found.get(&CountryKey(r.country_code.clone())).cloned().map(Country);
                FilmCountry { row: r, country }
            })
            .collect())
    }

    /// Analyses of its posters and trailers: faces by perceived gender, per model.
    #[graphql(complexity = "2 * child_complexity + 1")]
    async fn analyses(&self, ctx: &Context<'_>) -> Result<Vec<Analysis>> {
        let l = ctx.data::<Loaders>()?;
        let rows = l.load_one(AnalysesOfFilm(self.0.id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Analysis).collect())
    }

    /// The source it was first read from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, self.0.source_id).await
    }

    /// The line of that source file.
    async fn source_line(&self) -> Option<i64> {
        self.0.source_line
    }
}

/// A production country of a film.
pub struct FilmCountry {
    row: film_country::Model,
    country: Option<Country>,
}

/// A production country of a film.
#[Object]
impl FilmCountry {
    /// The country.
    async fn country(&self) -> Option<&Country> {
        self.country.as_ref()
    }

    /// Order among the film's countries (1 first: the majority co-producer).
    async fn position(&self) -> i32 {
        self.row.position
    }

    /// Its share of the production in percent, when the source gives it.
    async fn share_percent(&self) -> Option<f64> {
        self.row.share_percent
    }
}
