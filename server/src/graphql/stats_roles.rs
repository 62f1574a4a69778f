//! `stats { roles }`: the share of women by role among a festival's films, in three counting
//! units, with denominators, unknowns, the part resting on inferred genders, and sources.

use async_graphql::{Context, Object, Result, SimpleObject};
use egalite_shared::{CountingUnit, Role, SectionKind};
use sea_orm::DatabaseConnection;

use super::error::internal;
use super::filters::{known_country, known_section, years};
use super::stats::{DirectorGenderCounts, FigureSource, festival_by_slug, sources_of};
use crate::stats::roles::{self, GenderCounts, RoleCounts, RoleScope};

/// People or credits counted by gender.
#[derive(SimpleObject)]
pub struct GenderBreakdown {
    /// What is counted: people (each once) or credits (each film, person and role once).
    pub unit: CountingUnit,
    /// Counted: the denominator.
    pub total: i64,
    /// Women.
    pub women: i64,
    /// Men.
    pub men: i64,
    /// Non-binary people.
    pub non_binary: i64,
    /// Gender unknown.
    pub unknown: i64,
    /// Counted as known on a gender inferred from a first name.
    pub inferred: i64,
    /// Women over those whose gender is known; null when none is.
    pub share_women: Option<f64>,
}

impl GenderBreakdown {
    fn of(unit: CountingUnit, c: GenderCounts) -> Self {
        let known = c.total - c.unknown;
        Self {
            unit,
            total: c.total,
            women: c.women,
            men: c.men,
            non_binary: c.non_binary,
            unknown: c.unknown,
            inferred: c.inferred,
            share_women: (known > 0).then(|| c.women as f64 / known as f64),
        }
    }
}

/// One role's counts in each unit.
#[derive(SimpleObject)]
pub struct RoleUnits {
    /// Unit people: each person once (once per edition, and once over the whole range).
    pub people: GenderBreakdown,
    /// Unit credits: each (film, person, role) once.
    pub credits: GenderBreakdown,
    /// Unit films: each film with a credit in the role once, by category (women only, mixed,
    /// men only, unknown).
    pub films: DirectorGenderCounts,
    /// Films in scope with no credit in the role (not counted in `films`).
    pub films_without_credit: i64,
}

impl From<RoleCounts> for RoleUnits {
    fn from(c: RoleCounts) -> Self {
        Self {
            people: GenderBreakdown::of(CountingUnit::People, c.people),
            credits: GenderBreakdown::of(CountingUnit::Credits, c.credits),
            films: c.films.into(),
            films_without_credit: c.films_without_credit,
        }
    }
}

/// One edition's counts for a role.
#[derive(SimpleObject)]
pub struct EditionRoleUnits {
    /// The edition's year.
    pub year: i32,
    /// Its counts.
    pub counts: RoleUnits,
}

/// One role over the range and per edition.
#[derive(SimpleObject)]
pub struct RoleShare {
    /// The role.
    pub role: Role,
    /// Over the whole range.
    pub total: RoleUnits,
    /// Per edition.
    pub editions: Vec<EditionRoleUnits>,
}

/// The share of women by role among a festival's films.
#[derive(SimpleObject)]
pub struct RoleStats {
    /// The units each role is counted in: people, credits and films (`RoleUnits` has one
    /// breakdown per unit, each saying its own).
    pub units: Vec<CountingUnit>,
    /// The festival's slug.
    pub festival: String,
    /// Whether genders inferred from first names were counted (else they count as unknown).
    pub include_inferred: bool,
    /// Which films: the section or kind of section, or the nominated films of a ceremony.
    pub scope: String,
    /// The production country the films were limited to, if any.
    pub country: Option<String>,
    /// Films in scope over the range (a film in two editions counts twice).
    pub films: i64,
    /// Per role asked.
    pub roles: Vec<RoleShare>,
    /// The sources the figure was computed from.
    pub sources: Vec<FigureSource>,
}

/// `stats { roles }`.
#[derive(Default)]
pub struct RoleStatsQuery;

#[Object]
impl RoleStatsQuery {
    /// The share of women by role (`roles`, default every role) among the films of `festival`
    /// from `fromYear` to `toYear`: its competition, or the section with slug `section`, or the
    /// sections of kind `sectionKind`; for an awards ceremony, the films its nominations name.
    /// `country` keeps only films with that production country (ISO code). Counted by people,
    /// by credits and by films, per edition and over the range. A section slug or a country code
    /// the data does not hold is an error, not an empty figure.
    #[allow(clippy::too_many_arguments)]
    async fn roles(
        &self,
        ctx: &Context<'_>,
        festival: String,
        from_year: Option<i32>,
        to_year: Option<i32>,
        section: Option<String>,
        section_kind: Option<SectionKind>,
        country: Option<String>,
        roles: Option<Vec<Role>>,
        #[graphql(default = true)] include_inferred: bool,
    ) -> Result<RoleStats> {
        let range = years(from_year, to_year)?;
        let db = ctx.data::<DatabaseConnection>()?;
        let f = festival_by_slug(db, &festival).await?;
        if let Some(slug) = &section {
            known_section(db, slug).await?;
        }
        let country = match country {
            Some(code) => Some(known_country(db, &code).await?),
            None => None,
        };
        let roles = roles.unwrap_or_else(|| Role::ALL.to_vec());
        let scope = RoleScope { section, section_kind, country };
        let figures = roles::by_role(db, (f.id, f.kind), range, &scope, &roles, include_inferred)
            .await
            .map_err(|e| internal("counting credits by role and gender", e))?;
        let scope_label = match (f.kind, &scope.section, scope.section_kind) {
            (egalite_shared::FestivalKind::AwardCeremony, _, _) => "nominated films".to_owned(),
            (_, Some(slug), _) => format!("section {slug}"),
            (_, None, Some(k)) => format!("sections of kind {}", k.as_str()),
            (_, None, None) => "sections of kind competition".to_owned(),
        };
        Ok(RoleStats {
            units: vec![CountingUnit::People, CountingUnit::Credits, CountingUnit::Films],
            festival,
            include_inferred,
            scope: scope_label,
            country: scope.country,
            films: figures.films,
            roles: figures
                .roles
                .into_iter()
                .filter_map(|r| {
                    Some(RoleShare {
                        role: r.role?,
                        total: r.total.into(),
                        editions: r
                            .editions
                            .into_iter()
                            .map(|(year, c)| EditionRoleUnits { year, counts: c.into() })
                            .collect(),
                    })
                })
                .collect(),
            sources: sources_of(db, &figures.sources).await?,
        })
    }
}
