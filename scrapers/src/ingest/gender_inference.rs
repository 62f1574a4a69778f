//! Gender inferred from first names for every person no source declares and no curator has
//! settled: with the countries of their films and the year of their first film, through the
//! bundled dictionaries (each registered as a source). Past the threshold the gender is written
//! with its probability and the counts it rests on; below it, the person stays unknown (and an
//! earlier inference that no longer holds is withdrawn). A run is recorded like a dataset's.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::Utc;
use egalite_shared::entity::{film_country, person};
use egalite_shared::{Gender, GenderSource};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QuerySelect, Set, TransactionTrait,
};

use super::IngestError;
use super::bulk;
use super::careers;
use super::progress::Progress;
use super::resolve::GENDER_COLUMNS;
use super::run::{self, IngestReport, RowCounts};
use super::source_file::SourceFile;
use crate::firstnames::{self, FirstNames, NameQuery};

/// The step's name for `egalite ingest --dataset`.
pub const NAME: &str = "gender_inference";
/// The inference's version, recorded with every run.
pub const VERSION: &str = "gender_inference/1";
/// The default threshold: P(woman) or P(man) at least this, or the gender stays unknown.
pub const DEFAULT_THRESHOLD: f64 = 0.99;

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// The dictionaries, as sources.
pub fn sources() -> [SourceFile; 3] {
    [
        SourceFile {
            slug: "firstnames_insee_fr",
            title: "INSEE, Fichier des prénoms (édition 2024): births in France by first name, sex and decade, 1900–2024",
            origin_url: "https://www.insee.fr/fr/statistiques/8595130",
            licence: "Licence Ouverte / Open Licence 2.0 (Etalab); Source : Insee, Fichier des prénoms",
            retrieved_on: date(),
            relative_path: firstnames::INSEE_FILE,
        },
        SourceFile {
            slug: "firstnames_nam_dict",
            title: "Jörg Michael's first-name dictionary (nam_dict.txt, as shipped in gender-guesser 0.4.0): gender and frequency in 55 countries",
            origin_url: "https://pypi.org/project/gender-guesser/0.4.0/",
            licence: "GNU Free Documentation License 1.2 or later",
            retrieved_on: date(),
            relative_path: firstnames::NAM_DICT_FILE,
        },
        SourceFile {
            slug: "firstnames_nomquamgender",
            title: "nomquamgender 0.1.4: probability that a name is gendered female, from 36 reference datasets",
            origin_url: "https://pypi.org/project/nomquamgender/0.1.4/",
            licence: "MIT (c) 2022 Ian Van Buskirk",
            retrieved_on: date(),
            relative_path: firstnames::NOMQUAMGENDER_FILE,
        },
    ]
}

/// What the data knows of each person: their films' countries and the year of their first film.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// Production countries of their films.
    pub countries: BTreeSet<String>,
    /// Year of their first film.
    pub first_year: Option<i32>,
}

/// Infers genders with `threshold`, reading the dictionaries under `data_dir`.
pub async fn infer_genders(
    db: &DatabaseConnection,
    data_dir: &Path,
    threshold: f64,
    progress: &dyn Progress,
) -> Result<IngestReport, IngestError> {
    let files = sources();
    let mut loaded = Vec::with_capacity(files.len());
    for f in &files {
        loaded.push(f.load(data_dir)?);
    }
    let names = FirstNames::load(data_dir).map_err(|e| IngestError::Unreadable {
        path: data_dir.join("firstnames"),
        reason: e.to_string(),
    })?;
    let txn = db.begin().await?;
    let mut source_ids = Vec::new();
    for (f, file) in files.iter().zip(&loaded) {
        source_ids.push(f.register(&txn, file).await?.id);
    }
    // One checksum for the three files (each one's own is on its `sources` row).
    let joined = loaded.iter().map(|f| f.sha256.as_str()).collect::<Vec<_>>().join("+");
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(joined.as_bytes()));
    let run_row = run::start(&txn, NAME, source_ids[0], &sha, VERSION).await?;

    // Everyone: the inference is kept beside a declared or curated gender, to be measured
    // against it; only where nothing settles the gender does it become the person's gender.
    let people: Vec<person::Model> = person::Entity::find().all(&txn).await?;
    progress.start(NAME, people.len() as u64);
    let contexts = contexts(&txn).await?;
    let mut counts =
        RowCounts { read: i64::try_from(people.len()).unwrap_or(i64::MAX), ..Default::default() };
    let now = Utc::now();
    let empty = Context::default();
    let mut changed = Vec::new();
    for (i, p) in people.into_iter().enumerate() {
        if i % 512 == 0 {
            progress.advance(i as u64);
        }
        let ctx = contexts.get(&p.id).unwrap_or(&empty);
        let countries: Vec<String> = ctx.countries.iter().cloned().collect();
        let q = NameQuery {
            full_name: &p.name,
            given_name: p.given_name.as_deref(),
            countries: &countries,
            first_year: ctx.first_year,
        };
        let inference = names.infer(&q, threshold);
        // The inference's answer is kept with its probability even below the threshold (curators
        // rank their work by it, and the evaluation reads it); only above does it publish.
        let lean = match inference.p_woman {
            Some(pw) if pw > 0.5 => Some((Gender::Woman, round(pw))),
            Some(pw) if pw < 0.5 => Some((Gender::Man, round(1.0 - pw))),
            _ => None,
        };
        let evidence = lean.map(|_| inference.evidence.clone());
        let inferred = lean.map(|(g, _)| g);
        let probability = lean.map(|(_, p)| p);
        let published = inference.gender != Gender::Unknown;
        let (gender, source, published_p, published_evidence) = if published {
            (
                inference.gender,
                Some(GenderSource::InferredFromFirstName),
                probability,
                evidence.clone(),
            )
        } else {
            (Gender::Unknown, None, None, None)
        };
        let settled =
            matches!(p.gender_source, Some(GenderSource::Declared | GenderSource::Curated));
        let same_inference = p.inferred_gender == inferred
            && p.inferred_probability == probability
            && p.inferred_evidence == evidence;
        let same_gender = settled
            || (p.gender == gender
                && p.gender_source == source
                && p.gender_probability == published_p
                && p.gender_evidence == published_evidence);
        if same_inference && same_gender {
            counts.unchanged += 1;
            continue;
        }
        let mut am: person::ActiveModel = p.into();
        am.inferred_gender = Set(inferred);
        am.inferred_probability = Set(probability);
        am.inferred_evidence = Set(evidence.clone());
        if !settled {
            am.gender = Set(gender);
            am.gender_source = Set(source);
            am.gender_probability = Set(published_p);
            am.gender_evidence = Set(published_evidence);
            am.gender_source_id = Set(source.map(|_| source_ids[0]));
            am.gender_updated_at = Set(Some(now));
        }
        am.updated_at = Set(now);
        changed.push(am);
        counts.updated += 1;
    }
    bulk::update_all(&txn, changed, person::Column::Id, INFERENCE_COLUMNS).await?;
    progress.finish();
    let run_id = run_row.id;
    run::finish(&txn, run_row, counts, None).await?;
    txn.commit().await?;
    Ok(IngestReport { dataset: NAME.to_owned(), run_id, counts })
}

/// The gender columns and the inference's own, rewritten together.
const INFERENCE_COLUMNS: [person::Column; 10] = [
    GENDER_COLUMNS[0],
    GENDER_COLUMNS[1],
    GENDER_COLUMNS[2],
    GENDER_COLUMNS[3],
    GENDER_COLUMNS[4],
    GENDER_COLUMNS[5],
    GENDER_COLUMNS[6],
    person::Column::InferredGender,
    person::Column::InferredProbability,
    person::Column::InferredEvidence,
];

/// Probabilities are stored to four decimals, so that a re-run over the same data compares equal.
fn round(p: f64) -> f64 {
    (p * 10_000.0).round() / 10_000.0
}

/// Every person's films' countries and first film year.
pub(crate) async fn contexts(db: &impl ConnectionTrait) -> Result<HashMap<i64, Context>, DbErr> {
    let films_of = careers::films_of_people(db).await?;
    let year_of = careers::film_years(db).await?;
    let mut countries_of: HashMap<i64, Vec<String>> = HashMap::new();
    let fc: Vec<(i64, String)> = film_country::Entity::find()
        .select_only()
        .columns([film_country::Column::FilmId, film_country::Column::CountryCode])
        .into_tuple()
        .all(db)
        .await?;
    for (f, c) in fc {
        countries_of.entry(f).or_default().push(c);
    }
    let mut out: HashMap<i64, Context> = HashMap::new();
    for (person_id, film_id) in films_of {
        let ctx = out.entry(person_id).or_default();
        if let Some(cs) = countries_of.get(&film_id) {
            ctx.countries.extend(cs.iter().cloned());
        }
        if let Some(y) = year_of.get(&film_id) {
            ctx.first_year = Some(ctx.first_year.map_or(*y, |f| std::cmp::min(f, *y)));
        }
    }
    Ok(out)
}
