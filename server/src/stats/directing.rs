//! Films by the gender of their directors, per edition of a festival's competition and over a
//! range of years. The counting unit is the film; a co-directed film has its own category, as
//! Collectif 50/50 and the CNC count them: directed by women only, by men only, by women and men,
//! or unknown (a director of unknown gender, or none known, and no woman). Every figure says how
//! many of its films rest on an inferred gender and which sources it was computed from.

use std::collections::{BTreeMap, BTreeSet};

use egalite_shared::{DirectorshipCategory, Gender};
use sea_orm::{ConnectionTrait, DbErr, Statement};

/// The category a film falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Every director is a woman.
    WomenOnly,
    /// Directed by women and men together.
    Mixed,
    /// Every director is a man.
    MenOnly,
    /// No director known, or one of unknown gender and no woman.
    Unknown,
}

impl Direction {
    /// The category of a film from its directors' genders: women only; women with others
    /// (men, non-binary people or directors of unknown gender); men only; else unknown (no
    /// director known, or no woman and one whose gender is unknown or non-binary).
    pub fn of(genders: &[Gender]) -> Self {
        match DirectorshipCategory::of(genders.iter().copied()) {
            DirectorshipCategory::WomenOnly => Self::WomenOnly,
            DirectorshipCategory::Mixed => Self::Mixed,
            DirectorshipCategory::MenOnly => Self::MenOnly,
            DirectorshipCategory::Unknown => Self::Unknown,
        }
    }
}

/// Films counted by category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FilmCounts {
    /// Films counted: the denominator.
    pub films: i64,
    /// Directed by women only.
    pub women_only: i64,
    /// Directed by women and men.
    pub mixed: i64,
    /// Directed by men only.
    pub men_only: i64,
    /// Category unknown.
    pub unknown: i64,
    /// Films whose category rests on at least one inferred gender.
    pub resting_on_inferred: i64,
    /// Films whose category is known without any inferred gender.
    pub known_without_inferred: i64,
}

impl FilmCounts {
    /// Counts a film of category `d` (`inferred`: it rests on an inferred gender), `known_without`
    /// whether its category is known without inferred genders.
    pub(crate) fn add(&mut self, d: Direction, inferred: bool, known_without: bool) {
        self.films += 1;
        if known_without {
            self.known_without_inferred += 1;
        }
        match d {
            Direction::WomenOnly => self.women_only += 1,
            Direction::Mixed => self.mixed += 1,
            Direction::MenOnly => self.men_only += 1,
            Direction::Unknown => self.unknown += 1,
        }
        if inferred {
            self.resting_on_inferred += 1;
        }
    }
}

/// The figure: per edition and over the whole range, with its sources.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectingFigures {
    /// Per edition year, in order.
    pub editions: Vec<(i32, FilmCounts)>,
    /// Over every edition of the range (a film selected twice counts twice, once per edition).
    pub total: FilmCounts,
    /// Ids of the `sources` rows the figure was computed from.
    pub sources: Vec<i64>,
}

/// Films of `festival_id`'s competition sections from `years.0` to `years.1` by the gender of
/// their directors. With `include_inferred` false, genders inferred from first names count as
/// unknown.
pub async fn films_by_director_gender(
    db: &impl ConnectionTrait,
    festival_id: i64,
    years: (i32, i32),
    include_inferred: bool,
) -> Result<DirectingFigures, DbErr> {
    let (from, to) = years;
    // Ids and years come from the database and typed arguments, never from text.
    let sql = format!(
        "SELECT e.year AS year, s.id AS selection_id, s.film_id AS film_id, \
         s.source_id AS selection_source, c.source_id AS credit_source, \
         p.gender AS gender, p.gender_source AS gender_source, p.gender_source_id AS gender_source_id \
         FROM editions e \
         JOIN sections sc ON sc.edition_id = e.id AND sc.kind = 'competition' \
         JOIN selections s ON s.section_id = sc.id \
         LEFT JOIN credits c ON c.film_id = s.film_id AND c.role = 'director' \
         LEFT JOIN people p ON p.id = c.person_id \
         WHERE e.festival_id = {festival_id} AND e.year BETWEEN {from} AND {to}"
    );
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    // Per selection: its year, its directors' genders as counted and without inferred ones, and
    // whether one was inferred.
    let mut films: BTreeMap<i64, (i32, Vec<Gender>, bool, Vec<Gender>)> = BTreeMap::new();
    let mut sources = BTreeSet::new();
    for r in rows {
        let year: i32 = r.try_get("", "year")?;
        let selection: i64 = r.try_get("", "selection_id")?;
        let entry = films.entry(selection).or_insert((year, Vec::new(), false, Vec::new()));
        for col in ["selection_source", "credit_source"] {
            if let Some(id) = r.try_get::<Option<i64>>("", col)? {
                sources.insert(id);
            }
        }
        // A film without a director credit has no person on its row.
        if r.try_get::<Option<String>>("", "gender")?.is_none() {
            continue;
        }
        let (gender, inferred) = super::gender_of(&r)?;
        entry.3.push(if inferred { Gender::Unknown } else { gender });
        if inferred && !include_inferred {
            entry.1.push(Gender::Unknown);
            continue;
        }
        entry.1.push(gender);
        entry.2 |= inferred;
        if let Some(id) = r.try_get::<Option<i64>>("", "gender_source_id")? {
            sources.insert(id);
        }
    }
    let mut per_year: BTreeMap<i32, FilmCounts> = BTreeMap::new();
    let mut total = FilmCounts::default();
    for (year, genders, inferred, settled) in films.values() {
        let d = Direction::of(genders);
        // A film counts as resting on inference only when its category does.
        let rests = *inferred && d != Direction::Unknown;
        let known_without = Direction::of(settled) != Direction::Unknown;
        per_year.entry(*year).or_default().add(d, rests, known_without);
        total.add(d, rests, known_without);
    }
    Ok(DirectingFigures {
        editions: per_year.into_iter().collect(),
        total,
        sources: sources.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Gender::{Man, NonBinary, Unknown, Woman};

    #[test]
    fn co_directed_films_have_their_own_category() {
        assert_eq!(Direction::of(&[Woman]), Direction::WomenOnly);
        assert_eq!(Direction::of(&[Woman, Woman]), Direction::WomenOnly);
        assert_eq!(Direction::of(&[Woman, Man]), Direction::Mixed);
        assert_eq!(Direction::of(&[Woman, Unknown]), Direction::Mixed);
        assert_eq!(Direction::of(&[Man, Man]), Direction::MenOnly);
        assert_eq!(Direction::of(&[Man, Unknown]), Direction::Unknown);
        assert_eq!(Direction::of(&[Man, NonBinary]), Direction::Unknown);
        assert_eq!(Direction::of(&[]), Direction::Unknown);
    }
}
