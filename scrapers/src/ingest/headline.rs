//! The people behind the headline figures — every director of the Cannes, Berlin and Venice
//! competitions, of a Palme d'Or, Golden Bear or Golden Lion winner and of every film nominated
//! for the César for Best Film, every nominee for the Academy's and the César's Best Director —
//! and how their genders are
//! known: the curators' work list (those still inferred or unknown, most-quoted and most
//! ambiguous first) and the coverage a fact-checker asks for, with the CNC's films of unknown
//! category per approval year.

use std::collections::BTreeMap;

use egalite_shared::{DirectorshipCategory, Gender, GenderSource};
use sea_orm::{ConnectionTrait, DbErr, Statement};

/// One person in a headline line-up.
#[derive(Debug, Clone)]
pub struct HeadlinePerson {
    /// Record id.
    pub id: i64,
    /// Name as displayed.
    pub name: String,
    /// IMDb id, if known.
    pub imdb_id: Option<String>,
    /// Gender as recorded.
    pub gender: Gender,
    /// How it is known.
    pub source: Option<GenderSource>,
    /// P(gender) when inferred.
    pub probability: Option<f64>,
    /// The line-ups they sit in (`cannes_competition`, `palme_dor`, `berlin_golden_bear`…).
    pub lineups: Vec<String>,
    /// How many headline entries (films, wins, nominations) name them.
    pub entries: i64,
    /// Their most recent entry: a film's title and the edition or ceremony year.
    pub film: Option<(String, i32)>,
}

/// Every headline entry: (line-up, person, film title, year), in SQL both databases run.
const ENTRIES: &str = "
SELECT 'cannes_competition' AS lineup, c.person_id AS pid, COALESCE(f.title, f.original_title) AS title, e.year AS year
  FROM selections s JOIN sections se ON se.id = s.section_id JOIN editions e ON e.id = se.edition_id
  JOIN festivals fe ON fe.id = e.festival_id JOIN films f ON f.id = s.film_id
  JOIN credits c ON c.film_id = f.id AND c.role = 'director'
 WHERE fe.slug = 'cannes' AND se.kind = 'competition'
UNION ALL
SELECT fe.slug || '_competition', c.person_id, COALESCE(f.title, f.original_title), e.year
  FROM selections s JOIN sections se ON se.id = s.section_id JOIN editions e ON e.id = se.edition_id
  JOIN festivals fe ON fe.id = e.festival_id JOIN films f ON f.id = s.film_id
  JOIN credits c ON c.film_id = f.id AND c.role = 'director'
 WHERE fe.slug IN ('berlin', 'venice') AND se.kind = 'competition'
UNION ALL
SELECT REPLACE(a.slug, '-', '_'), c.person_id, COALESCE(f.title, f.original_title), e.year
  FROM nominations n JOIN awards a ON a.id = n.award_id JOIN editions e ON e.id = n.edition_id
  JOIN nomination_films nf ON nf.nomination_id = n.id JOIN films f ON f.id = nf.film_id
  JOIN credits c ON c.film_id = f.id AND c.role = 'director'
 WHERE (a.slug IN ('berlin-golden-bear', 'venice-golden-lion') AND n.won) OR a.slug = 'cesar-best-film'
UNION ALL
SELECT 'cesar_best_director', np.person_id, COALESCE(f.title, f.original_title), e.year
  FROM nominations n JOIN awards a ON a.id = n.award_id JOIN editions e ON e.id = n.edition_id
  JOIN nomination_people np ON np.nomination_id = n.id
  LEFT JOIN nomination_films nf ON nf.nomination_id = n.id LEFT JOIN films f ON f.id = nf.film_id
 WHERE a.slug = 'cesar-best-director'
UNION ALL
SELECT 'palme_dor', c.person_id, COALESCE(f.title, f.original_title), e.year
  FROM nominations n JOIN awards a ON a.id = n.award_id JOIN editions e ON e.id = n.edition_id
  JOIN nomination_films nf ON nf.nomination_id = n.id JOIN films f ON f.id = nf.film_id
  JOIN credits c ON c.film_id = f.id AND c.role = 'director'
 WHERE a.slug = 'imdb-palme-d-or' AND n.won
UNION ALL
SELECT 'oscar_best_director', np.person_id, COALESCE(f.title, f.original_title), e.year
  FROM nominations n JOIN awards a ON a.id = n.award_id JOIN festivals fe ON fe.id = a.festival_id
  JOIN editions e ON e.id = n.edition_id JOIN nomination_people np ON np.nomination_id = n.id
  LEFT JOIN nomination_films nf ON nf.nomination_id = n.id LEFT JOIN films f ON f.id = nf.film_id
 WHERE fe.slug = 'oscars' AND a.slug IN ('directing', 'directing-comedy-picture', 'directing-dramatic-picture')";

/// Every person of the headline line-ups.
pub async fn headline_people(db: &impl ConnectionTrait) -> Result<Vec<HeadlinePerson>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT h.lineup, h.pid, h.title, CAST(h.year AS BIGINT) AS year, p.name, p.imdb_id, \
         p.gender, p.gender_source, p.gender_probability FROM ({ENTRIES}) h \
         JOIN people p ON p.id = h.pid ORDER BY h.pid, h.year DESC"
    );
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await?;
    let mut out: BTreeMap<i64, HeadlinePerson> = BTreeMap::new();
    for r in rows {
        let id: i64 = r.try_get("", "pid")?;
        let lineup: String = r.try_get("", "lineup")?;
        let title: Option<String> = r.try_get("", "title")?;
        let year: i64 = r.try_get("", "year")?;
        let gender: String = r.try_get("", "gender")?;
        let source: Option<String> = r.try_get("", "gender_source")?;
        let entry = match out.entry(id) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => v.insert(HeadlinePerson {
                id,
                name: r.try_get("", "name")?,
                imdb_id: r.try_get("", "imdb_id")?,
                gender: gender.parse().unwrap_or(Gender::Unknown),
                source: source.and_then(|s| s.parse().ok()),
                probability: r.try_get("", "gender_probability")?,
                lineups: Vec::new(),
                entries: 0,
                film: None,
            }),
        };
        entry.entries += 1;
        if !entry.lineups.contains(&lineup) {
            entry.lineups.push(lineup);
        }
        if entry.film.is_none()
            && let Some(t) = title
        {
            entry.film = Some((t, i32::try_from(year).unwrap_or_default()));
        }
    }
    let mut people: Vec<HeadlinePerson> = out.into_values().collect();
    for p in &mut people {
        p.lineups.sort();
    }
    Ok(people)
}

/// The curators' work list: headline people whose gender is inferred or unknown and not
/// settled by curation, those in most entries first, then those whose inference is least sure.
pub fn worklist(people: &[HeadlinePerson]) -> Vec<&HeadlinePerson> {
    let mut out: Vec<&HeadlinePerson> = people
        .iter()
        .filter(|p| !matches!(p.source, Some(GenderSource::Declared | GenderSource::Curated)))
        .collect();
    out.sort_by(|a, b| {
        b.entries
            .cmp(&a.entries)
            .then(a.probability.unwrap_or(0.0).total_cmp(&b.probability.unwrap_or(0.0)))
            .then(a.name.cmp(&b.name))
    });
    out
}

/// How the genders of one line-up's people are known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineupCoverage {
    /// Distinct people.
    pub people: usize,
    /// Declared by a source.
    pub declared: usize,
    /// Curated with evidence (a gender).
    pub curated: usize,
    /// Inferred from the first name.
    pub inferred: usize,
    /// Unknown (curated as unsettled, or never known).
    pub unknown: usize,
}

/// Coverage per line-up.
pub fn coverage(people: &[HeadlinePerson]) -> BTreeMap<String, LineupCoverage> {
    let mut out: BTreeMap<String, LineupCoverage> = BTreeMap::new();
    for p in people {
        for l in &p.lineups {
            let c = out.entry(l.clone()).or_default();
            c.people += 1;
            match (p.gender, p.source) {
                (Gender::Unknown, _) => c.unknown += 1,
                (_, Some(GenderSource::Declared)) => c.declared += 1,
                (_, Some(GenderSource::Curated)) => c.curated += 1,
                (_, Some(GenderSource::InferredFromFirstName)) => c.inferred += 1,
                (_, None) => c.unknown += 1,
            }
        }
    }
    out
}

/// A director whose unknown gender leaves a CNC film in the unknown category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CncUnknown {
    /// Record id.
    pub id: i64,
    /// Name as displayed.
    pub name: String,
    /// The film (title as the CNC writes it) and its approval year: the most recent one.
    pub film: String,
    /// Its approval year.
    pub year: i32,
    /// How many CNC films of unknown category they direct.
    pub films: i64,
}

/// The CNC's work list: directors of unknown gender (counted with inferred genders) on films of
/// unknown category, most recent approval year first, so each year's gap closes from the latest.
pub async fn cnc_worklist(db: &impl ConnectionTrait) -> Result<Vec<CncUnknown>, DbErr> {
    let films = cnc_films(db).await?;
    let mut out: BTreeMap<i64, CncUnknown> = BTreeMap::new();
    for f in films.into_values() {
        let genders = f.directors.iter().map(|d| d.gender);
        if DirectorshipCategory::of(genders) != DirectorshipCategory::Unknown {
            continue;
        }
        for d in f.directors.iter().filter(|d| d.gender == Gender::Unknown) {
            let e = out.entry(d.id).or_insert_with(|| CncUnknown {
                id: d.id,
                name: d.name.clone(),
                film: f.title.clone(),
                year: f.year,
                films: 0,
            });
            e.films += 1;
            if f.year > e.year {
                e.year = f.year;
                e.film = f.title.clone();
            }
        }
    }
    let mut list: Vec<CncUnknown> = out.into_values().collect();
    list.sort_by(|a, b| b.year.cmp(&a.year).then(b.films.cmp(&a.films)).then(a.name.cmp(&b.name)));
    Ok(list)
}

struct CncDirector {
    id: i64,
    name: String,
    gender: Gender,
    inferred: bool,
}

struct CncFilm {
    year: i32,
    title: String,
    directors: Vec<CncDirector>,
}

/// Every CNC-approved film with its approval year and directors.
async fn cnc_films(db: &impl ConnectionTrait) -> Result<BTreeMap<i64, CncFilm>, DbErr> {
    let backend = db.get_database_backend();
    let sql = "SELECT CAST(b.year AS BIGINT) AS year, b.film_id AS film, \
               COALESCE(f.original_title, f.title, '') AS title, p.id AS pid, p.name AS name, \
               p.gender AS gender, p.gender_source AS source FROM budgets b \
               JOIN sources s ON s.id = b.source_id JOIN films f ON f.id = b.film_id \
               LEFT JOIN credits c ON c.film_id = b.film_id AND c.role = 'director' \
               LEFT JOIN people p ON p.id = c.person_id \
               WHERE s.slug = 'budgets_cnc_fr' AND b.year IS NOT NULL";
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await?;
    let mut films: BTreeMap<i64, CncFilm> = BTreeMap::new();
    for r in rows {
        let year: i64 = r.try_get("", "year")?;
        let film: i64 = r.try_get("", "film")?;
        let e = films.entry(film).or_insert(CncFilm {
            year: i32::try_from(year).unwrap_or_default(),
            title: r.try_get("", "title")?,
            directors: Vec::new(),
        });
        let pid: Option<i64> = r.try_get("", "pid")?;
        let gender: Option<String> = r.try_get("", "gender")?;
        let source: Option<String> = r.try_get("", "source")?;
        if let (Some(id), Some(g)) = (pid, gender) {
            e.directors.push(CncDirector {
                id,
                name: r.try_get::<Option<String>>("", "name")?.unwrap_or_default(),
                gender: g.parse().unwrap_or(Gender::Unknown),
                inferred: source.as_deref() == Some("inferred_from_first_name"),
            });
        }
    }
    Ok(films)
}

/// CNC films per approval year by their directors' category: (films, unknown category counted
/// with inferred genders, unknown category with inferred genders left out).
pub async fn cnc_unknown_by_year(
    db: &impl ConnectionTrait,
) -> Result<BTreeMap<i32, (i64, i64, i64)>, DbErr> {
    let films = cnc_films(db).await?;
    let mut out: BTreeMap<i32, (i64, i64, i64)> = BTreeMap::new();
    for CncFilm { year, directors, .. } in films.into_values() {
        // The co-direction rule of the statistics: a film with no director known is unknown.
        let unknown = |with_inferred: bool| {
            let genders = directors
                .iter()
                .map(|d| if d.inferred && !with_inferred { Gender::Unknown } else { d.gender });
            DirectorshipCategory::of(genders) == DirectorshipCategory::Unknown
        };
        let e = out.entry(year).or_default();
        e.0 += 1;
        e.1 += i64::from(unknown(true));
        e.2 += i64::from(unknown(false));
    }
    Ok(out)
}
