//! The `EditionCoverage` type: what the data of one edition can say about directors.

use async_graphql::{Enum, SimpleObject};

use crate::stats::coverage::{CoverageScope, EditionCoverage as Figures};

/// Which films of an edition coverage counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum Scope {
    /// Films in the edition's competition sections.
    Competition,
    /// Films nominated for any of the edition's awards.
    Nominations,
}

impl From<Scope> for CoverageScope {
    fn from(s: Scope) -> Self {
        match s {
            Scope::Competition => Self::Competition,
            Scope::Nominations => Self::Nominations,
        }
    }
}

/// Coverage of one edition: films counted, films whose directors are known, and directors whose
/// gender is known. A festival whose line-ups name no directors yet shows films and no
/// directors, rather than figures of zero women.
#[derive(SimpleObject)]
pub struct EditionCoverage {
    /// The edition's year.
    pub year: i32,
    /// Which event of that year (1 but for the Academy's second 1930 ceremony).
    pub sequence: i32,
    /// Films counted (in competition, or nominated, by the scope asked).
    pub films: i64,
    /// Films with at least one director known by name.
    pub films_with_directors: i64,
    /// Distinct directors of those films.
    pub directors: i64,
    /// Directors whose gender is known (declared, curated or inferred).
    pub directors_with_gender: i64,
    /// Directors whose gender is known only by inference from their first name.
    pub directors_inferred: i64,
}

impl From<Figures> for EditionCoverage {
    fn from(f: Figures) -> Self {
        Self {
            year: f.year,
            sequence: f.sequence,
            films: f.films,
            films_with_directors: f.films_with_directors,
            directors: f.directors,
            directors_with_gender: f.directors_with_gender,
            directors_inferred: f.directors_inferred,
        }
    }
}
