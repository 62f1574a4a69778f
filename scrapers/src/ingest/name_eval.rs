//! The first-name inference measured where it matters: on the directors of the headline
//! line-ups (curated whole) whose gender a source declares or a curator settled. The labelled directors are split in two halves by a hash of
//! their name (the same halves on every database); the threshold is chosen on the tuning half,
//! and coverage, precision and recall for women are reported on the held-out half, by era and
//! by region, at that threshold.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use egalite_shared::entity::person;
use egalite_shared::{Gender, GenderSource};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::Digest;

use super::IngestError;
use super::gender_inference::contexts;
use crate::firstnames::evaluate::Scores;
use crate::firstnames::{FirstNames, NameQuery};

/// The thresholds tried on the tuning half, lowest first.
pub const THRESHOLDS: [f64; 20] = [
    0.80, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90, 0.91, 0.92, 0.93, 0.94, 0.95,
    0.96, 0.97, 0.98, 0.99,
];
/// The lowest threshold is kept at which, on the tuning half, both "woman" and "man" answers are
/// right at least this often: one woman read as a man moves a line-up's figure by a quarter.
pub const REQUIRED_PRECISION: f64 = 0.98;

/// One labelled director with what the inference says of them.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The name.
    pub name: String,
    /// The declared or curated gender.
    pub label: Gender,
    /// P(woman), if a dictionary knows the first name.
    pub p_woman: Option<f64>,
    /// Decade group of the first film.
    pub era: &'static str,
    /// Region of the films' production countries.
    pub region: &'static str,
    /// Whether the person is in the held-out half.
    pub held_out: bool,
}

/// What `egalite eval names` reports.
#[derive(Debug, Clone)]
pub struct NameEvaluation {
    /// The labelled directors.
    pub people: Vec<Labelled>,
    /// The threshold chosen on the tuning half.
    pub threshold: f64,
    /// The tuning half's scores at each threshold tried.
    pub tuning: Vec<(f64, Scores)>,
    /// The held-out half's scores at the chosen threshold.
    pub held_out: Scores,
    /// The held-out half by era.
    pub by_era: BTreeMap<&'static str, Scores>,
    /// The held-out half by region.
    pub by_region: BTreeMap<&'static str, Scores>,
}

fn answer(p_woman: Option<f64>, threshold: f64) -> Gender {
    match p_woman {
        Some(p) if p >= threshold => Gender::Woman,
        Some(p) if 1.0 - p >= threshold => Gender::Man,
        _ => Gender::Unknown,
    }
}

fn score<'a>(people: impl Iterator<Item = &'a Labelled>, threshold: f64) -> Scores {
    let mut s = Scores::default();
    for p in people {
        s.add(p.label, answer(p.p_woman, threshold));
    }
    s
}

/// Which half a name falls in: the first byte of its key's SHA-256, odd or even.
fn held_out(key: &str) -> bool {
    sha2::Sha256::digest(key.as_bytes())[0] % 2 == 1
}

fn era(first_year: Option<i32>) -> &'static str {
    match first_year {
        None => "no dated film",
        Some(y) if y < 1960 => "before 1960",
        Some(y) if y < 1990 => "1960–1989",
        Some(y) if y < 2010 => "1990–2009",
        Some(_) => "2010 and after",
    }
}

/// Measures the inference on the declared and curated directors of the headline line-ups.
pub async fn evaluate_names(
    db: &DatabaseConnection,
    data_dir: &Path,
) -> Result<NameEvaluation, IngestError> {
    let names = FirstNames::load(data_dir).map_err(|e| IngestError::Unreadable {
        path: data_dir.join("firstnames"),
        reason: e.to_string(),
    })?;
    // Only the headline line-ups were curated whole; the CNC's directors were curated where the
    // inference left them unknown, so counting them would measure the hard names only.
    let directors: std::collections::HashSet<i64> =
        super::headline::headline_people(db).await?.into_iter().map(|p| p.id).collect();
    let settled = person::Entity::find()
        .filter(person::Column::GenderSource.is_in([GenderSource::Declared, GenderSource::Curated]))
        .filter(person::Column::Gender.is_in([Gender::Woman, Gender::Man]))
        .all(db)
        .await?;
    let contexts = contexts(db).await?;
    let mut people = Vec::new();
    for p in settled.into_iter().filter(|p| directors.contains(&p.id)) {
        let ctx = contexts.get(&p.id);
        let countries: Vec<String> =
            ctx.map(|c| c.countries.iter().cloned().collect()).unwrap_or_default();
        let first_year = ctx.and_then(|c| c.first_year);
        let q = NameQuery {
            full_name: &p.name,
            given_name: p.given_name.as_deref(),
            countries: &countries,
            first_year,
        };
        let inference = names.infer(&q, 1.0);
        people.push(Labelled {
            held_out: held_out(&p.normalized_name),
            name: p.name,
            label: p.gender,
            p_woman: inference.p_woman,
            era: era(first_year),
            region: super::regions::region_of(&countries),
        });
    }
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let tuning: Vec<(f64, Scores)> =
        THRESHOLDS.iter().map(|t| (*t, score(people.iter().filter(|p| !p.held_out), *t))).collect();
    let threshold = tuning
        .iter()
        .find(|(_, s)| {
            s.precision_women() >= REQUIRED_PRECISION && s.precision_men() >= REQUIRED_PRECISION
        })
        .map_or(THRESHOLDS[THRESHOLDS.len() - 1], |(t, _)| *t);
    let test: Vec<&Labelled> = people.iter().filter(|p| p.held_out).collect();
    let held_out = score(test.iter().copied(), threshold);
    let mut groups: [HashMap<&'static str, Vec<&Labelled>>; 2] = Default::default();
    for p in &test {
        groups[0].entry(p.era).or_default().push(p);
        groups[1].entry(p.region).or_default().push(p);
    }
    let [eras, regions] = groups;
    let by = |g: HashMap<&'static str, Vec<&Labelled>>| {
        g.into_iter().map(|(k, v)| (k, score(v.into_iter(), threshold))).collect()
    };
    Ok(NameEvaluation {
        threshold,
        tuning,
        held_out,
        by_era: by(eras),
        by_region: by(regions),
        people,
    })
}

fn line(f: &mut fmt::Formatter<'_>, label: &str, s: &Scores) -> fmt::Result {
    writeln!(
        f,
        "| {label} | {} | {:.1}% | {:.1}% | {:.1}% ({} of {}) | {:.1}% |",
        s.people,
        100.0 * s.coverage(),
        100.0 * s.precision(),
        100.0 * s.recall_women(),
        s.women.1,
        s.women.0,
        100.0 * s.precision_women(),
    )
}

impl fmt::Display for NameEvaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tuning = self.people.iter().filter(|p| !p.held_out).count();
        writeln!(
            f,
            "Labelled directors of the headline line-ups (declared or curated): {} — tuning half {tuning}, held-out half {}",
            self.people.len(),
            self.people.len() - tuning
        )?;
        writeln!(
            f,
            "Threshold chosen on the tuning half: {:.2} (the lowest at which both \"woman\" and \"man\" answers are right ≥ {:.0}% of the time)",
            self.threshold,
            100.0 * REQUIRED_PRECISION
        )?;
        writeln!(f)?;
        writeln!(f, "Held-out half at {:.2}:", self.threshold)?;
        writeln!(f)?;
        writeln!(
            f,
            "| group | people | coverage | precision | recall for women | precision of \"woman\" |"
        )?;
        writeln!(f, "|---|---|---|---|---|---|")?;
        line(f, "all", &self.held_out)?;
        for (k, s) in &self.by_era {
            line(f, &format!("era: {k}"), s)?;
        }
        for (k, s) in &self.by_region {
            line(f, &format!("region: {k}"), s)?;
        }
        writeln!(f)?;
        writeln!(f, "Tuning half by threshold:")?;
        writeln!(f)?;
        writeln!(f, "| threshold | coverage | precision of \"woman\" | precision of \"man\" |")?;
        writeln!(f, "|---|---|---|---|")?;
        for (t, s) in &self.tuning {
            writeln!(
                f,
                "| {t:.2} | {:.1}% | {:.1}% | {:.1}% |",
                100.0 * s.coverage(),
                100.0 * s.precision_women(),
                100.0 * s.precision_men()
            )?;
        }
        Ok(())
    }
}
