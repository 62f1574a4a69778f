//! `stats { … }`: the statistics, each with its counting unit, denominator, unknowns, the part
//! resting on inferred genders, and the sources it was computed from.

use async_graphql::{Context, Object, Result, SimpleObject};
use egalite_shared::entity::{award, festival, source};
use egalite_shared::{CountingUnit, FilmGenre, FinancingKind};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::error::{bad_input, internal};
use crate::stats::awards::{self, NominationCounts};
use crate::stats::budgets::{self, Distribution};
use crate::stats::directing::Direction;
use crate::stats::directing::{self, FilmCounts};
use crate::stats::sufficiency::Sufficiency;

/// Films counted by the gender of their directors.
#[derive(SimpleObject)]
pub struct DirectorGenderCounts {
    /// Films counted: the denominator.
    pub films: i64,
    /// Directed by women only.
    pub women_only: i64,
    /// Directed by women with men (or with a director of unknown or non-binary gender).
    pub mixed: i64,
    /// Directed by men only.
    pub men_only: i64,
    /// No director known, or no woman and a director of unknown gender.
    pub unknown: i64,
    /// Films whose category rests on at least one gender inferred from a first name.
    pub resting_on_inferred: i64,
    /// Films of known category, as counted here (`films - unknown`).
    pub known: i64,
    /// Films whose category is known without any gender inferred from a first name.
    pub known_without_inferred: i64,
    /// Whether enough films have a known category for a share: at least 90 % of them and at
    /// least 10 (the methodology's coverage rule).
    pub enough_data: bool,
    /// Why the share is null, when it is.
    pub not_enough_reason: Option<String>,
    /// Share of the films directed or co-directed by women (women only + mixed), over the films
    /// whose category is known; null where too few are (`notEnoughReason`).
    pub share_with_a_woman: Option<f64>,
}

impl From<FilmCounts> for DirectorGenderCounts {
    fn from(c: FilmCounts) -> Self {
        let known = c.films - c.unknown;
        let coverage = Sufficiency::judge("films", c.films, known, c.known_without_inferred);
        Self {
            films: c.films,
            women_only: c.women_only,
            mixed: c.mixed,
            men_only: c.men_only,
            unknown: c.unknown,
            resting_on_inferred: c.resting_on_inferred,
            known,
            known_without_inferred: c.known_without_inferred,
            enough_data: coverage.enough(),
            share_with_a_woman: coverage.share(c.women_only + c.mixed),
            not_enough_reason: coverage.not_enough,
        }
    }
}

/// One edition's counts.
#[derive(SimpleObject)]
pub struct EditionDirectorGenderCounts {
    /// The edition's year.
    pub year: i32,
    /// Its counts.
    pub counts: DirectorGenderCounts,
}

/// A source a figure was computed from.
#[derive(SimpleObject)]
pub struct FigureSource {
    /// Its global id (`Source:3`), for `node(id:)`: the file or fetched page, its origin and date.
    pub id: async_graphql::ID,
    /// Stable name (`cannes_competition_gt`).
    pub slug: String,
    /// What it is.
    pub title: String,
    /// Its licence.
    pub licence: String,
    /// SHA-256 of the exact file ingested, if it is a file.
    pub sha256: Option<String>,
}

/// Films in a festival's competition by the gender of their directors.
#[derive(SimpleObject)]
pub struct DirectingStats {
    /// What is counted: films (a co-directed film once).
    pub unit: CountingUnit,
    /// Whether genders inferred from first names were counted (else they count as unknown).
    pub include_inferred: bool,
    /// Over every edition of the range.
    pub total: DirectorGenderCounts,
    /// Per edition.
    pub editions: Vec<EditionDirectorGenderCounts>,
    /// The sources the figure was computed from.
    pub sources: Vec<FigureSource>,
}

/// Nominations counted by the gender of the people they honour.
#[derive(SimpleObject)]
pub struct NominationGenderCounts {
    /// Nominations (or wins): the denominator.
    pub nominations: i64,
    /// Honouring women only.
    pub women_only: i64,
    /// Honouring women with others.
    pub mixed: i64,
    /// Honouring men only.
    pub men_only: i64,
    /// Category unknown.
    pub unknown: i64,
    /// Whose category rests on a gender inferred from a first name.
    pub resting_on_inferred: i64,
    /// Nominations of known category, as counted here (`nominations - unknown`).
    pub known: i64,
    /// Nominations whose category is known without any gender inferred from a first name.
    pub known_without_inferred: i64,
    /// Whether enough nominations have a known category for a share: at least 90 % of them and
    /// at least 10 (the methodology's coverage rule).
    pub enough_data: bool,
    /// Why the share is null, when it is.
    pub not_enough_reason: Option<String>,
    /// Share of the nominations honouring a woman (women only + mixed), over those of known
    /// category; null where too few are (`notEnoughReason`).
    pub share_with_a_woman: Option<f64>,
}

impl From<NominationCounts> for NominationGenderCounts {
    fn from(c: NominationCounts) -> Self {
        let known = c.nominations - c.unknown;
        let coverage =
            Sufficiency::judge("nominations", c.nominations, known, c.known_without_inferred);
        Self {
            nominations: c.nominations,
            women_only: c.women_only,
            mixed: c.mixed,
            men_only: c.men_only,
            unknown: c.unknown,
            resting_on_inferred: c.resting_on_inferred,
            known,
            known_without_inferred: c.known_without_inferred,
            enough_data: coverage.enough(),
            share_with_a_woman: coverage.share(c.women_only + c.mixed),
            not_enough_reason: coverage.not_enough,
        }
    }
}

/// One edition's nominations and wins.
#[derive(SimpleObject)]
pub struct EditionNominationCounts {
    /// The edition's year.
    pub year: i32,
    /// Nominations, wins included.
    pub nominated: NominationGenderCounts,
    /// Wins.
    pub won: NominationGenderCounts,
}

/// An award's nominations and wins by the gender of the people they honour: the nominees, or,
/// for an award to a film, its directors.
#[derive(SimpleObject)]
pub struct AwardStats {
    /// What is counted: nominations (a win is a nomination that won).
    pub unit: CountingUnit,
    /// Whether genders inferred from first names were counted (else they count as unknown).
    pub include_inferred: bool,
    /// The award's slug.
    pub award: String,
    /// The award's name.
    pub award_name: String,
    /// Every nomination of the range, wins included.
    pub nominated: NominationGenderCounts,
    /// The wins.
    pub won: NominationGenderCounts,
    /// Distinct women honoured by a nomination.
    pub distinct_women_nominated: i64,
    /// Distinct women honoured by a win.
    pub distinct_women_won: i64,
    /// Per edition.
    pub editions: Vec<EditionNominationCounts>,
    /// The sources the figure was computed from.
    pub sources: Vec<FigureSource>,
}

/// How a film's directors split by gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum DirectorCategory {
    /// Directed by women only.
    WomenOnly,
    /// Directed by women with men (or with a director of unknown gender).
    Mixed,
    /// Directed by men only.
    MenOnly,
    /// Category unknown.
    Unknown,
}

impl From<Direction> for DirectorCategory {
    fn from(d: Direction) -> Self {
        match d {
            Direction::WomenOnly => Self::WomenOnly,
            Direction::Mixed => Self::Mixed,
            Direction::MenOnly => Self::MenOnly,
            Direction::Unknown => Self::Unknown,
        }
    }
}

impl From<DirectorCategory> for Direction {
    fn from(c: DirectorCategory) -> Self {
        match c {
            DirectorCategory::WomenOnly => Self::WomenOnly,
            DirectorCategory::Mixed => Self::Mixed,
            DirectorCategory::MenOnly => Self::MenOnly,
            DirectorCategory::Unknown => Self::Unknown,
        }
    }
}

/// A distribution of budgets, in units of the currency (euros for the CNC).
#[derive(SimpleObject)]
pub struct BudgetDistribution {
    /// The directors' category.
    pub category: DirectorCategory,
    /// Films counted.
    pub films: i64,
    /// Sum.
    pub sum: f64,
    /// Mean.
    pub mean: Option<f64>,
    /// Smallest.
    pub min: Option<f64>,
    /// First quartile.
    pub q1: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
    /// Largest.
    pub max: Option<f64>,
}

fn distribution(category: Direction, d: Distribution) -> BudgetDistribution {
    // Minor units (cents) to units; empty categories have no mean or quantiles.
    let unit = |v: f64| v / 100.0;
    let some = |v: f64| (d.count > 0).then(|| unit(v));
    BudgetDistribution {
        category: category.into(),
        films: d.count,
        sum: unit(d.sum as f64),
        mean: some(d.mean),
        min: some(d.min as f64),
        q1: some(d.q1),
        median: some(d.median),
        q3: some(d.q3),
        max: some(d.max as f64),
    }
}

/// One year's budget distributions.
#[derive(SimpleObject)]
pub struct YearBudgets {
    /// The year (for the CNC, the year of approval).
    pub year: i32,
    /// One distribution per directors' category.
    pub categories: Vec<BudgetDistribution>,
}

/// Films of one directors' category drawing on one kind of financing.
#[derive(SimpleObject)]
pub struct FinancingShare {
    /// The kind of financing.
    pub kind: FinancingKind,
    /// The directors' category.
    pub category: DirectorCategory,
    /// Films of that category with that financing.
    pub films: i64,
    /// Over the films of that category in the range; null when there are none.
    pub share: Option<f64>,
}

/// Production budgets by the gender of the films' directors.
#[derive(SimpleObject)]
pub struct BudgetStats {
    /// What is counted: films, each with its budget.
    pub unit: CountingUnit,
    /// Whether genders inferred from first names were counted (else they count as unknown).
    pub include_inferred: bool,
    /// The currency the amounts are in.
    pub currency: String,
    /// Over the range, per directors' category.
    pub total: Vec<BudgetDistribution>,
    /// Per year.
    pub years: Vec<YearBudgets>,
    /// Financing by directors' category.
    pub financing: Vec<FinancingShare>,
    /// Films whose category rests on a gender inferred from a first name.
    pub resting_on_inferred: i64,
    /// The sources the figure was computed from.
    pub sources: Vec<FigureSource>,
}

/// The statistics.
#[derive(async_graphql::MergedObject, Default)]
pub struct Stats(
    FilmStats,
    super::stats_roles::RoleStatsQuery,
    super::stats_visuals::VisualStatsQuery,
);

/// Directing, awards and budgets.
#[derive(Default)]
pub struct FilmStats;

#[Object]
impl FilmStats {
    /// Films of a festival's competition from `fromYear` to `toYear` by the gender of their
    /// directors, per edition and in all; `includeInferred: false` counts genders inferred from
    /// first names as unknown.
    async fn directing(
        &self,
        ctx: &Context<'_>,
        festival: String,
        from_year: Option<i32>,
        to_year: Option<i32>,
        #[graphql(default = true)] include_inferred: bool,
    ) -> Result<DirectingStats> {
        let (from, to) = (from_year.unwrap_or(1900), to_year.unwrap_or(2100));
        if from > to {
            return Err(bad_input(format!("fromYear {from} is after toYear {to}")));
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let f = festival_by_slug(db, &festival).await?;
        let figures = directing::films_by_director_gender(db, f.id, (from, to), include_inferred)
            .await
            .map_err(|e| internal("counting films by director gender", e))?;
        let sources = source::Entity::find()
            .filter(source::Column::Id.is_in(figures.sources.iter().copied()))
            .order_by_asc(source::Column::Slug)
            .all(db)
            .await
            .map_err(|e| internal("listing sources", e))?
            .into_iter()
            .map(|s| FigureSource {
                id: super::node::Kind::Source.id(s.id),
                slug: s.slug,
                title: s.title,
                licence: s.licence,
                sha256: s.sha256,
            })
            .collect();
        Ok(DirectingStats {
            unit: CountingUnit::Films,
            include_inferred,
            total: figures.total.into(),
            editions: figures
                .editions
                .into_iter()
                .map(|(year, c)| EditionDirectorGenderCounts { year, counts: c.into() })
                .collect(),
            sources,
        })
    }

    /// Nominations and wins of one award (`award`: its slug, as `directing` for the Academy's
    /// Best Director or `imdb-palme-d-or` for the Palme d'Or) from `fromYear` to `toYear`, by the
    /// gender of the people they honour, with the distinct women nominated and winning.
    async fn awards(
        &self,
        ctx: &Context<'_>,
        festival: String,
        award: String,
        from_year: Option<i32>,
        to_year: Option<i32>,
        #[graphql(default = true)] include_inferred: bool,
    ) -> Result<AwardStats> {
        let (from, to) = (from_year.unwrap_or(1900), to_year.unwrap_or(2100));
        if from > to {
            return Err(bad_input(format!("fromYear {from} is after toYear {to}")));
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let f = festival_by_slug(db, &festival).await?;
        let Some(a) = award::Entity::find()
            .filter(award::Column::FestivalId.eq(f.id))
            .filter(award::Column::Slug.eq(award.as_str()))
            .one(db)
            .await
            .map_err(|e| internal("finding the award", e))?
        else {
            return Err(bad_input(format!("{festival} has no award with the slug {award:?}")));
        };
        let figures = awards::nominations_by_gender(db, a.id, (from, to), include_inferred)
            .await
            .map_err(|e| internal("counting nominations by gender", e))?;
        Ok(AwardStats {
            unit: CountingUnit::Nominations,
            include_inferred,
            award: a.slug,
            award_name: a.name,
            nominated: figures.nominated.into(),
            won: figures.won.into(),
            distinct_women_nominated: figures.women_nominated,
            distinct_women_won: figures.women_won,
            editions: figures
                .editions
                .into_iter()
                .map(|(year, n, w)| EditionNominationCounts {
                    year,
                    nominated: n.into(),
                    won: w.into(),
                })
                .collect(),
            sources: sources_of(db, &figures.sources).await?,
        })
    }

    /// Production budget estimates (the CNC's devis, in euros) from `fromYear` to `toYear` (year of
    /// approval), optionally of one `genre`, by the gender of the films' directors: count, sum,
    /// mean, quartiles and extremes per category, per year and in all, and financing by category.
    async fn budgets(
        &self,
        ctx: &Context<'_>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        genre: Option<FilmGenre>,
        #[graphql(default_with = "String::from(\"EUR\")")] currency: String,
        #[graphql(default = true)] include_inferred: bool,
    ) -> Result<BudgetStats> {
        let (from, to) = (from_year.unwrap_or(1900), to_year.unwrap_or(2100));
        if from > to {
            return Err(bad_input(format!("fromYear {from} is after toYear {to}")));
        }
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(bad_input(format!("currency {currency:?} is not an ISO 4217 code")));
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let f =
            budgets::budgets_by_director_gender(db, &currency, (from, to), genre, include_inferred)
                .await
                .map_err(|e| internal("computing budget figures", e))?;
        let films_in = |d: Direction| f.films.iter().find(|(c, _)| *c == d).map_or(0, |(_, n)| *n);
        Ok(BudgetStats {
            unit: CountingUnit::Films,
            include_inferred,
            currency: f.currency.clone(),
            total: f.total.iter().map(|(c, d)| distribution(*c, *d)).collect(),
            years: f
                .per_year
                .iter()
                .map(|(year, cats)| YearBudgets {
                    year: *year,
                    categories: cats.iter().map(|(c, d)| distribution(*c, *d)).collect(),
                })
                .collect(),
            financing: f
                .financing
                .iter()
                .map(|(kind, c, n)| {
                    let of = films_in(*c);
                    FinancingShare {
                        kind: *kind,
                        category: (*c).into(),
                        films: *n,
                        share: (of > 0).then(|| *n as f64 / of as f64),
                    }
                })
                .collect(),
            resting_on_inferred: f.resting_on_inferred,
            sources: sources_of(db, &f.sources).await?,
        })
    }
}

/// The festival with this slug, or an error that says there is none.
pub(super) async fn festival_by_slug(
    db: &DatabaseConnection,
    slug: &str,
) -> Result<festival::Model> {
    festival::Entity::find()
        .filter(festival::Column::Slug.eq(slug))
        .one(db)
        .await
        .map_err(|e| internal("finding the festival", e))?
        .ok_or_else(|| bad_input(format!("no festival has the slug {slug:?}")))
}

/// The `sources` rows with these ids.
pub(super) async fn sources_of(db: &DatabaseConnection, ids: &[i64]) -> Result<Vec<FigureSource>> {
    Ok(source::Entity::find()
        .filter(source::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(source::Column::Slug)
        .all(db)
        .await
        .map_err(|e| internal("listing sources", e))?
        .into_iter()
        .map(|s| FigureSource {
            id: super::node::Kind::Source.id(s.id),
            slug: s.slug,
            title: s.title,
            licence: s.licence,
            sha256: s.sha256,
        })
        .collect())
}

/// The root field.
#[derive(Default)]
pub struct StatsQuery;

#[Object]
impl StatsQuery {
    /// Every statistic, with its counting unit, denominator, unknowns and sources.
    async fn stats(&self) -> Stats {
        Stats::default()
    }
}
