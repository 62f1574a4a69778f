//! The share of women by role among the films of a festival: per edition and over a range of
//! years, in three counting units. **People**: each person once per edition, and once over the
//! range however many films they have. **Credits**: each (film, person, role) once. **Films**: each
//! film once per edition in one category (women only, mixed, men only, unknown), among the films
//! with at least one credit in the role; those without are counted apart, as missing data.
//!
//! The films are a festival's selections (the competition unless a section or kind is named) or,
//! for an awards ceremony, the films its nominations name; optionally only those with a given
//! production country.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use egalite_shared::{FestivalKind, Gender, Role, SectionKind};
use sea_orm::{ConnectionTrait, DbErr, Statement, Value};

use super::directing::{Direction, FilmCounts};

/// People or credits counted by gender.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenderCounts {
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
    /// Whose gender was inferred from a first name (and counted as known).
    pub inferred: i64,
}

impl GenderCounts {
    fn add(&mut self, g: Gender, inferred: bool) {
        self.total += 1;
        match g {
            Gender::Woman => self.women += 1,
            Gender::Man => self.men += 1,
            Gender::NonBinary => self.non_binary += 1,
            Gender::Unknown => self.unknown += 1,
        }
        if inferred && g != Gender::Unknown {
            self.inferred += 1;
        }
    }
}

/// One role's counts in one unit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleCounts {
    /// Each person once.
    pub people: GenderCounts,
    /// Each credit once.
    pub credits: GenderCounts,
    /// Films with at least one credit in the role, by category.
    pub films: FilmCounts,
    /// Films of the scope with no credit in the role: the data does not say who held it.
    pub films_without_credit: i64,
}

/// One role over the range and per edition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleFigure {
    /// The role.
    pub role: Option<Role>,
    /// Over the whole range.
    pub total: RoleCounts,
    /// Per edition year.
    pub editions: Vec<(i32, RoleCounts)>,
}

/// The figure for every role asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleFigures {
    /// Films in scope over the range (a film selected in two editions counts twice).
    pub films: i64,
    /// Per role, in the order asked.
    pub roles: Vec<RoleFigure>,
    /// Ids of the `sources` rows the figure was computed from.
    pub sources: Vec<i64>,
}

/// Which films of a festival count.
#[derive(Debug, Clone, Default)]
pub struct RoleScope {
    /// A section's slug (`un-certain-regard`).
    pub section: Option<String>,
    /// A kind of section (default: competition, for a festival with selections).
    pub section_kind: Option<SectionKind>,
    /// Only films with this production country.
    pub country: Option<String>,
}

/// The share of women by role among the films of `festival` (`kind` says whether it selects or
/// nominates) from `years.0` to `years.1`. With `include_inferred` false, genders inferred from
/// first names count as unknown.
pub async fn by_role(
    db: &impl ConnectionTrait,
    festival: (i64, FestivalKind),
    years: (i32, i32),
    scope: &RoleScope,
    roles: &[Role],
    include_inferred: bool,
) -> Result<RoleFigures, DbErr> {
    let backend = db.get_database_backend();
    let (festival_id, kind) = festival;
    let (from, to) = years;
    let mut values: Vec<Value> = vec![festival_id.into(), from.into(), to.into()];
    // (edition year, film, source of the row that puts the film in scope)
    let films_sql = match kind {
        FestivalKind::Festival => {
            let mut sql =
                "SELECT e.year AS year, s.film_id AS film_id, s.source_id AS scope_source \
                 FROM editions e JOIN sections sc ON sc.edition_id = e.id \
                 JOIN selections s ON s.section_id = sc.id \
                 WHERE e.festival_id = $1 AND e.year BETWEEN $2 AND $3"
                    .to_owned();
            if let Some(slug) = &scope.section {
                values.push(slug.clone().into());
                sql.push_str(&format!(" AND sc.slug = ${}", values.len()));
            } else {
                let kind = scope.section_kind.unwrap_or(SectionKind::Competition);
                values.push(kind.as_str().into());
                sql.push_str(&format!(" AND sc.kind = ${}", values.len()));
            }
            sql
        }
        FestivalKind::AwardCeremony => "SELECT DISTINCT e.year AS year, nf.film_id AS film_id, \
             n.source_id AS scope_source \
             FROM editions e JOIN nominations n ON n.edition_id = e.id \
             JOIN nomination_films nf ON nf.nomination_id = n.id \
             WHERE e.festival_id = $1 AND e.year BETWEEN $2 AND $3"
            .to_owned(),
    };
    let country_filter = match &scope.country {
        Some(code) => {
            values.push(code.to_uppercase().into());
            format!(
                " WHERE f.film_id IN (SELECT film_id FROM film_countries WHERE country_code = ${})",
                values.len()
            )
        }
        None => String::new(),
    };
    let sql = format!(
        "SELECT f.year AS year, f.film_id AS film_id, f.scope_source AS scope_source, \
         c.role AS role, c.person_id AS person_id, c.source_id AS credit_source, \
         p.gender AS gender, p.gender_source AS gender_source, p.gender_source_id AS gender_source_id \
         FROM ({films_sql}) f \
         LEFT JOIN credits c ON c.film_id = f.film_id \
         LEFT JOIN people p ON p.id = c.person_id{country_filter}"
    );
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;

    let mut sources = BTreeSet::new();
    // (year, film) → role → [(person, gender, inferred)]
    type Held = Vec<(i64, Gender, bool)>;
    let mut films: BTreeMap<(i32, i64), HashMap<Role, Held>> = BTreeMap::new();
    for r in rows {
        let year: i32 = r.try_get("", "year")?;
        let film: i64 = r.try_get("", "film_id")?;
        let entry = films.entry((year, film)).or_default();
        if let Some(id) = r.try_get::<Option<i64>>("", "scope_source")? {
            sources.insert(id);
        }
        let Some(role) = r.try_get::<Option<String>>("", "role")? else { continue };
        let role: Role = role.parse().map_err(|e| DbErr::Custom(format!("credits.role: {e}")))?;
        if !roles.contains(&role) {
            continue;
        }
        let person: i64 = r.try_get("", "person_id")?;
        let (mut gender, inferred) = super::gender_of(&r)?;
        if inferred && !include_inferred {
            gender = Gender::Unknown;
        }
        if let Some(id) = r.try_get::<Option<i64>>("", "credit_source")? {
            sources.insert(id);
        }
        if gender != Gender::Unknown
            && let Some(id) = r.try_get::<Option<i64>>("", "gender_source_id")?
        {
            sources.insert(id);
        }
        entry.entry(role).or_default().push((person, gender, inferred && include_inferred));
    }

    let mut out = RoleFigures { films: films.len() as i64, roles: Vec::new(), sources: Vec::new() };
    for &role in roles {
        let mut total = RoleCounts::default();
        let mut per_year: BTreeMap<i32, RoleCounts> = BTreeMap::new();
        let mut seen_in_range: BTreeSet<i64> = BTreeSet::new();
        let mut seen_in_year: BTreeSet<(i32, i64)> = BTreeSet::new();
        for ((year, _film), held) in &films {
            let year_counts = per_year.entry(*year).or_default();
            let Some(held) = held.get(&role) else {
                year_counts.films_without_credit += 1;
                total.films_without_credit += 1;
                continue;
            };
            let genders: Vec<Gender> = held.iter().map(|h| h.1).collect();
            let d = Direction::of(&genders);
            let rests = d != Direction::Unknown && held.iter().any(|h| h.2);
            let settled: Vec<Gender> =
                held.iter().map(|h| if h.2 { Gender::Unknown } else { h.1 }).collect();
            let known_without = Direction::of(&settled) != Direction::Unknown;
            year_counts.films.add(d, rests, known_without);
            total.films.add(d, rests, known_without);
            for &(person, gender, inferred) in held {
                year_counts.credits.add(gender, inferred);
                total.credits.add(gender, inferred);
                if seen_in_year.insert((*year, person)) {
                    year_counts.people.add(gender, inferred);
                }
                if seen_in_range.insert(person) {
                    total.people.add(gender, inferred);
                }
            }
        }
        out.roles.push(RoleFigure {
            role: Some(role),
            total,
            editions: per_year.into_iter().collect(),
        });
    }
    out.sources = sources.into_iter().collect();
    Ok(out)
}
