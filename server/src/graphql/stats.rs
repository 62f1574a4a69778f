//! `stats { … }`: the statistics, each with its counting unit, denominator, unknowns, the part
//! resting on inferred genders, and the sources it was computed from.

use async_graphql::{Context, Object, Result, SimpleObject};
use egalite_shared::CountingUnit;
use egalite_shared::entity::{award, festival, source};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::error::{bad_input, internal};
use crate::stats::awards::{self, NominationCounts};
use crate::stats::directing::{self, FilmCounts};

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
    /// Share of the films directed or co-directed by women (women only + mixed), over the films
    /// whose category is known; null when none is.
    pub share_with_a_woman: Option<f64>,
}

impl From<FilmCounts> for DirectorGenderCounts {
    fn from(c: FilmCounts) -> Self {
        let known = c.films - c.unknown;
        Self {
            films: c.films,
            women_only: c.women_only,
            mixed: c.mixed,
            men_only: c.men_only,
            unknown: c.unknown,
            resting_on_inferred: c.resting_on_inferred,
            share_with_a_woman: (known > 0).then(|| (c.women_only + c.mixed) as f64 / known as f64),
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
}

impl From<NominationCounts> for NominationGenderCounts {
    fn from(c: NominationCounts) -> Self {
        Self {
            nominations: c.nominations,
            women_only: c.women_only,
            mixed: c.mixed,
            men_only: c.men_only,
            unknown: c.unknown,
            resting_on_inferred: c.resting_on_inferred,
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

/// The statistics.
#[derive(Default)]
pub struct Stats;

#[Object]
impl Stats {
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
}

/// The festival with this slug, or an error that says there is none.
async fn festival_by_slug(db: &DatabaseConnection, slug: &str) -> Result<festival::Model> {
    festival::Entity::find()
        .filter(festival::Column::Slug.eq(slug))
        .one(db)
        .await
        .map_err(|e| internal("finding the festival", e))?
        .ok_or_else(|| bad_input(format!("no festival has the slug {slug:?}")))
}

/// The `sources` rows with these ids.
async fn sources_of(db: &DatabaseConnection, ids: &[i64]) -> Result<Vec<FigureSource>> {
    Ok(source::Entity::find()
        .filter(source::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(source::Column::Slug)
        .all(db)
        .await
        .map_err(|e| internal("listing sources", e))?
        .into_iter()
        .map(|s| FigureSource {
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
        Stats
    }
}
