//! Nominations and wins of one award by the gender of the people they honour: the nominees
//! when the award names people, else the directors of the nominated films. The counting unit is
//! the nomination (a win is a nomination that won); a nomination shared by several people falls
//! in one category, as a co-directed film does (women only, mixed, men only, unknown). Distinct
//! women are counted too: how many women were nominated, and how many won.

use std::collections::{BTreeMap, BTreeSet};

use egalite_shared::Gender;
use sea_orm::{ConnectionTrait, DbErr, Statement};

use super::directing::Direction;

/// Nominations counted by the gender of the people they honour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NominationCounts {
    /// Nominations: the denominator.
    pub nominations: i64,
    /// Nominations honouring women only.
    pub women_only: i64,
    /// Nominations honouring women and others.
    pub mixed: i64,
    /// Nominations honouring men only.
    pub men_only: i64,
    /// Nominations whose category is unknown.
    pub unknown: i64,
    /// Nominations whose category rests on an inferred gender.
    pub resting_on_inferred: i64,
    /// Nominations whose category is known without any inferred gender.
    pub known_without_inferred: i64,
}

impl NominationCounts {
    fn add(&mut self, d: Direction, inferred: bool, known_without: bool) {
        self.nominations += 1;
        if known_without {
            self.known_without_inferred += 1;
        }
        match d {
            Direction::WomenOnly => self.women_only += 1,
            Direction::Mixed => self.mixed += 1,
            Direction::MenOnly => self.men_only += 1,
            Direction::Unknown => self.unknown += 1,
        }
        if inferred && d != Direction::Unknown {
            self.resting_on_inferred += 1;
        }
    }
}

/// The figure for one award over a range of years.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwardFigures {
    /// All nominations (wins included).
    pub nominated: NominationCounts,
    /// Wins only.
    pub won: NominationCounts,
    /// Distinct women among the people honoured by a nomination.
    pub women_nominated: i64,
    /// Distinct women among the people honoured by a win.
    pub women_won: i64,
    /// Per edition year: nominations and wins.
    pub editions: Vec<(i32, NominationCounts, NominationCounts)>,
    /// Ids of the `sources` rows the figure was computed from.
    pub sources: Vec<i64>,
}

/// One person behind a nomination, as the database holds them.
struct Honoured {
    person: i64,
    gender: Gender,
    inferred: bool,
    gender_source: Option<i64>,
}

/// The award `award_id`'s nominations from `years.0` to `years.1` by the gender of the people
/// they honour; with `include_inferred` false, inferred genders count as unknown.
pub async fn nominations_by_gender(
    db: &impl ConnectionTrait,
    award_id: i64,
    years: (i32, i32),
    include_inferred: bool,
) -> Result<AwardFigures, DbErr> {
    let (from, to) = years;
    let people = |join: &str| {
        format!(
            "SELECT n.id AS nomination_id, e.year AS year, n.won AS won, n.source_id AS source_id, \
             p.id AS person_id, p.gender AS gender, p.gender_source AS gender_source, \
             p.gender_source_id AS gender_source_id \
             FROM nominations n JOIN editions e ON e.id = n.edition_id {join} \
             WHERE n.award_id = {award_id} AND e.year BETWEEN {from} AND {to}"
        )
    };
    // The nominees an award names; else the directors of the nominated films.
    let nominees = people(
        "LEFT JOIN nomination_people np ON np.nomination_id = n.id \
         LEFT JOIN people p ON p.id = np.person_id",
    );
    let directors = people(
        "JOIN nomination_films nf ON nf.nomination_id = n.id \
         JOIN credits c ON c.film_id = nf.film_id AND c.role = 'director' \
         JOIN people p ON p.id = c.person_id",
    );
    let mut by_nomination: BTreeMap<i64, (i32, bool, Vec<Honoured>)> = BTreeMap::new();
    let mut sources = BTreeSet::new();
    let mut named_people = BTreeSet::new();
    for (pass, sql) in [nominees, directors].into_iter().enumerate() {
        let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
        for r in rows {
            let id: i64 = r.try_get("", "nomination_id")?;
            let year: i32 = r.try_get("", "year")?;
            let won: bool = r.try_get("", "won")?;
            if let Some(s) = r.try_get::<Option<i64>>("", "source_id")? {
                sources.insert(s);
            }
            let entry = by_nomination.entry(id).or_insert((year, won, Vec::new()));
            let Some(person) = r.try_get::<Option<i64>>("", "person_id")? else { continue };
            // Directors stand in only for nominations that name no one.
            if pass == 0 {
                named_people.insert(id);
            } else if named_people.contains(&id) {
                continue;
            }
            let (gender, inferred) = super::gender_of(&r)?;
            entry.2.push(Honoured {
                person,
                gender,
                inferred,
                gender_source: r.try_get("", "gender_source_id")?,
            });
        }
    }
    let mut out = AwardFigures::default();
    let mut per_year: BTreeMap<i32, (NominationCounts, NominationCounts)> = BTreeMap::new();
    let (mut women_nominated, mut women_won) = (BTreeSet::new(), BTreeSet::new());
    for (year, won, honoured) in by_nomination.values() {
        let mut genders = Vec::with_capacity(honoured.len());
        let mut settled = Vec::with_capacity(honoured.len());
        let mut inferred = false;
        // The same person twice behind one nomination (credited on two nominated films) once.
        let mut seen = BTreeSet::new();
        for h in honoured.iter().filter(|h| seen.insert(h.person)) {
            settled.push(if h.inferred { Gender::Unknown } else { h.gender });
            if h.inferred && !include_inferred {
                genders.push(Gender::Unknown);
                continue;
            }
            genders.push(h.gender);
            inferred |= h.inferred;
            if let Some(s) = h.gender_source {
                sources.insert(s);
            }
            if h.gender == Gender::Woman {
                women_nominated.insert(h.person);
                if *won {
                    women_won.insert(h.person);
                }
            }
        }
        let d = Direction::of(&genders);
        let known = Direction::of(&settled) != Direction::Unknown;
        let counts = per_year.entry(*year).or_default();
        counts.0.add(d, inferred, known);
        out.nominated.add(d, inferred, known);
        if *won {
            counts.1.add(d, inferred, known);
            out.won.add(d, inferred, known);
        }
    }
    out.women_nominated = i64::try_from(women_nominated.len()).unwrap_or(i64::MAX);
    out.women_won = i64::try_from(women_won.len()).unwrap_or(i64::MAX);
    out.editions = per_year.into_iter().map(|(y, (n, w))| (y, n, w)).collect();
    out.sources = sources.into_iter().collect();
    Ok(out)
}
