//! One record per person. After the datasets are in, records whose names are variants of each
//! other — the same words (one from a source with an IMDb id, one without), a transliteration
//! (Sergei / Sergey Loznitsa), family name first (Tran Anh Hung / Anh Hung Tran), initials
//! (F. Fellini / Federico Fellini) — are paired, and each pair is judged on evidence: a film both
//! are credited on, or careers in the same years. A shared film alone is never evidence (the
//! Dardenne brothers share every film): the names must be variants first. Strong evidence
//! merges; weaker goes to the review queue with both records and the reason; two different
//! IMDb ids or two different settled genders are never merged. A curator's decision in
//! `data/curation/merges.csv` (same / different, with evidence) overrides the rules.
//!
//! A merge moves every credit, nomination and nationality to the survivor, keeps a declared or
//! curated gender, and is recorded in `person_merges`, whose names resolve to the survivor on
//! every later ingest: running the step again changes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, Utc};
use egalite_shared::entity::{person, person_merge};
use egalite_shared::{GenderSource, ReviewKind};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QuerySelect, Set,
    Statement, TransactionTrait,
};

use super::IngestError;
use super::careers;
use super::people_index::{PeopleIndex, Tie};
use super::progress::Progress;
use super::run::{self, IngestReport, RowCounts};
use super::source_file::SourceFile;
use crate::datasets::RowError;
use crate::datasets::merge_decisions::{self, Decision, MergeDecision, Side};
use crate::datasets::name_corrections::{self, NameCorrection};
use crate::names::{
    initials_of_each_other, matching_key, order_free_key, order_free_keys, variant_key,
};

/// The step's name for `egalite ingest --dataset`.
pub const NAME: &str = "people_resolution";
/// The rules' version, recorded with every run.
pub const VERSION: &str = "people_resolution/1";
/// Careers this many years apart or less count as the same years.
const YEARS_MARGIN: i32 = 10;
/// For the same full name transliterated two ways, a wider gap: a career of forty years may
/// show in two sources at its two ends (Andrei Konchalovsky, Cannes 1979–1994, CNC 2007).
const TRANSLITERATION_MARGIN: i32 = 20;

/// The curators' decisions on pairs of records.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "curation_merges",
        title: "Égalité curation file: pairs of person records a curator judged the same person or different people, with evidence",
        origin_url: "data/curation/merges.csv",
        licence: "CC BY 4.0 (the project's curation); quotes are short citations of the pages named",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
        relative_path: "curation/merges.csv",
    }
}

/// The corrections of names a source misspells.
pub fn corrections_source() -> SourceFile {
    SourceFile {
        slug: "curation_names",
        title: "Égalité curation file: names a source misspells, with the page that shows the right spelling",
        origin_url: "data/curation/names.csv",
        licence: "CC BY 4.0 (the project's curation); quotes are short citations of the pages named",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
        relative_path: "curation/names.csv",
    }
}

/// How two records' names relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// The same name, once with an IMDb id and once without.
    SameName,
    /// The same name transliterated differently.
    Transliteration,
    /// The same words, family name first in one.
    FamilyNameFirst,
    /// Initials in one for first names in full in the other.
    Initials,
    /// A curator's decision.
    Curated,
    /// A misspelling in a source, corrected with evidence.
    CorrectedSpelling,
}

impl Rule {
    /// The rule's name as recorded.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SameName => "same_name",
            Self::Transliteration => "transliteration",
            Self::FamilyNameFirst => "family_name_first",
            Self::Initials => "initials",
            Self::Curated => "curated",
            Self::CorrectedSpelling => "corrected_spelling",
        }
    }
}

/// What the step decided of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Merged (or to be merged), with the evidence.
    Merge(String),
    /// Left apart for a curator, with the reason.
    Review(String),
    /// Kept apart: different people by id, gender or a curator's decision.
    Apart(String),
}

/// Two records that may name the same person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The record kept.
    pub survivor: i64,
    /// The record merged into it.
    pub other: i64,
    /// The survivor's name.
    pub survivor_name: String,
    /// The other's name.
    pub other_name: String,
    /// How their names relate.
    pub rule: Rule,
    /// What was decided.
    pub verdict: Verdict,
}

#[derive(Debug, Clone)]
struct Record {
    id: i64,
    name: String,
    imdb_id: Option<String>,
    settled: Option<(egalite_shared::Gender, GenderSource)>,
    films: HashSet<i64>,
    years: Option<(i32, i32)>,
}

/// Every alias a merge left: the merged name's matching key and the survivor.
pub async fn aliases(db: &impl ConnectionTrait) -> Result<Vec<(String, i64)>, DbErr> {
    person_merge::Entity::find()
        .select_only()
        .columns([person_merge::Column::MergedNormalizedName, person_merge::Column::SurvivorId])
        .into_tuple()
        .all(db)
        .await
}

async fn records(db: &impl ConnectionTrait) -> Result<Vec<Record>, DbErr> {
    let mut films_of: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (p, f) in careers::films_of_people(db).await? {
        films_of.entry(p).or_default().insert(f);
    }
    let years = careers::years_active(db).await?;
    Ok(person::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| Record {
            id: p.id,
            settled: p
                .gender_source
                .filter(|s| matches!(s, GenderSource::Declared | GenderSource::Curated))
                .map(|s| (p.gender, s)),
            films: films_of.remove(&p.id).unwrap_or_default(),
            years: years.get(&p.id).copied(),
            name: p.name,
            imdb_id: p.imdb_id,
        })
        .collect())
}

/// Pairs of records whose names are variants of each other, each with the closest rule.
fn name_pairs(people: &[Record]) -> BTreeMap<(i64, i64), Rule> {
    let mut out: BTreeMap<(i64, i64), Rule> = BTreeMap::new();
    let mut add = |a: i64, b: i64, rule: Rule| {
        let key = (a.min(b), a.max(b));
        out.entry(key).and_modify(|r| *r = (*r).min(rule)).or_insert(rule);
    };
    let group = |key: fn(&str) -> String| {
        let mut g: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            let k = key(&p.name);
            if !k.is_empty() {
                g.entry(k).or_default().push(i);
            }
        }
        g.into_values().filter(|v| v.len() > 1).collect::<Vec<_>>()
    };
    for (key, rule) in [
        (matching_key as fn(&str) -> String, Rule::SameName),
        (variant_key, Rule::Transliteration),
        (order_free_key, Rule::FamilyNameFirst),
    ] {
        for members in group(key) {
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    add(people[i].id, people[j].id, rule);
                }
            }
        }
    }
    // A given name in syllables against its one-word form, either order.
    let mut by_joined: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        for k in order_free_keys(&p.name).into_iter().skip(1) {
            by_joined.entry(k).or_default().push(i);
        }
    }
    let mut by_order_free: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        by_order_free.entry(order_free_key(&p.name)).or_default().push(i);
    }
    for (k, members) in &by_joined {
        for &i in by_order_free.get(k).into_iter().flatten() {
            for &j in members.iter().filter(|j| **j != i) {
                add(people[i].id, people[j].id, Rule::FamilyNameFirst);
            }
        }
    }
    // Initials: the same family name and the same first letter.
    let mut by_initial: HashMap<(String, char), Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        let key = matching_key(&p.name);
        let words: Vec<&str> = key.split(' ').collect();
        if let (Some(first), Some(last)) = (words.first(), words.last())
            && words.len() >= 2
            && let Some(c) = first.chars().next()
        {
            by_initial.entry((variant_key(last), c)).or_default().push(i);
        }
    }
    for members in by_initial.values().filter(|v| v.len() > 1) {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if initials_of_each_other(&people[i].name, &people[j].name) {
                    add(people[i].id, people[j].id, Rule::Initials);
                }
            }
        }
    }
    out
}

/// Which of two records survives a merge: the one with an IMDb id, else a settled gender, else
/// more films, else the older.
fn survivor<'a>(a: &'a Record, b: &'a Record) -> (&'a Record, &'a Record) {
    let rank = |r: &Record| (r.imdb_id.is_some(), r.settled.is_some(), r.films.len(), -r.id);
    if rank(a) >= rank(b) { (a, b) } else { (b, a) }
}

fn overlap(a: Option<(i32, i32)>, b: Option<(i32, i32)>, margin: i32) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 + margin && b0 <= a1 + margin,
        _ => false,
    }
}

/// Judges one pair on its evidence.
fn judge(a: &Record, b: &Record, rule: Rule, decided: Option<&Decision>) -> Verdict {
    if let (Some(x), Some(y)) = (&a.imdb_id, &b.imdb_id)
        && x != y
    {
        return Verdict::Apart(format!("different IMDb ids ({x}, {y})"));
    }
    if let (Some((ga, sa)), Some((gb, sb))) = (a.settled, b.settled)
        && ga != gb
    {
        return Verdict::Review(format!(
            "names are variants ({}) but the genders differ: {ga} ({sa}) and {gb} ({sb})",
            rule.as_str()
        ));
    }
    match decided {
        Some(Decision::Same(evidence)) => return Verdict::Merge(format!("curated: {evidence}")),
        Some(Decision::Different(evidence)) => {
            return Verdict::Apart(format!("curated: {evidence}"));
        }
        None => {}
    }
    let shared: Vec<i64> = a.films.intersection(&b.films).copied().collect();
    let years =
        |r: &Record| r.years.map_or("no dated film".to_owned(), |(f, l)| format!("{f}–{l}"));
    let within = |margin: i32| overlap(a.years, b.years, margin);
    let years_evidence = format!("careers in the same years ({} and {})", years(a), years(b));
    // A Western name written the other way round ("Vincent Thomas" / "Thomas Vincent") is as
    // likely two people as one: only a film in common says it is one.
    let east_asian = |r: &Record| {
        r.name.split_whitespace().next().is_some_and(crate::names::is_east_asian_family_name)
    };
    let family_first = rule == Rule::FamilyNameFirst && (east_asian(a) || east_asian(b));
    if let Some(film) = shared.iter().min() {
        return Verdict::Merge(format!("both credited on film {film}"));
    }
    match rule {
        Rule::Transliteration if within(TRANSLITERATION_MARGIN) => Verdict::Merge(years_evidence),
        Rule::FamilyNameFirst if family_first && within(YEARS_MARGIN) => {
            Verdict::Merge(years_evidence)
        }
        Rule::Initials if within(YEARS_MARGIN) => {
            Verdict::Review(format!("initials with {years_evidence} but no film in common"))
        }
        Rule::SameName => Verdict::Apart("the same name and no film in common".into()),
        Rule::FamilyNameFirst if !family_first && within(YEARS_MARGIN) => Verdict::Review(format!(
            "the same words in the other order, {years_evidence}, but no film in common"
        )),
        _ => Verdict::Review(format!(
            "names are variants ({}) with no film in common and careers apart ({} and {})",
            rule.as_str(),
            years(a),
            years(b)
        )),
    }
}

/// The pairs found now, each judged; nothing is written.
pub async fn find(
    db: &impl ConnectionTrait,
    decisions: &HashMap<(i64, i64), Decision>,
) -> Result<Vec<Pair>, DbErr> {
    let people = records(db).await?;
    let by_id: HashMap<i64, &Record> = people.iter().map(|p| (p.id, p)).collect();
    let mut pairs = name_pairs(&people);
    for key in decisions.keys() {
        pairs.entry(*key).or_insert(Rule::Curated);
    }
    let mut out = Vec::new();
    for ((a, b), rule) in pairs {
        let (Some(a), Some(b)) = (by_id.get(&a), by_id.get(&b)) else { continue };
        let (s, o) = survivor(a, b);
        let verdict = judge(s, o, rule, decisions.get(&(a.id.min(b.id), a.id.max(b.id))));
        out.push(Pair {
            survivor: s.id,
            other: o.id,
            survivor_name: s.name.clone(),
            other_name: o.name.clone(),
            rule,
            verdict,
        });
    }
    Ok(out)
}

/// What `egalite people duplicates` reports: the merges made, and the pairs found now.
#[derive(Debug, Clone)]
pub struct Duplicates {
    /// Every merge recorded, oldest first.
    pub merged: Vec<person_merge::Model>,
    /// The pairs left (for review, or kept apart), with their rule and reason.
    pub left: Vec<Pair>,
}

/// The merges recorded and the pairs left now.
pub async fn duplicates(db: &impl ConnectionTrait) -> Result<Duplicates, DbErr> {
    let merged = person_merge::Entity::find().all(db).await?;
    let left = find(db, &HashMap::new())
        .await?
        .into_iter()
        .filter(|p| !matches!(p.verdict, Verdict::Merge(_)))
        .collect();
    Ok(Duplicates { merged, left })
}

/// Moves everything of `other` onto `survivor`, records the merge and removes `other`.
async fn merge(
    db: &impl ConnectionTrait,
    pair: &Pair,
    evidence: &str,
    source_id: i64,
) -> Result<(), DbErr> {
    let (s, o) = (pair.survivor, pair.other);
    let Some(other) = person::Entity::find_by_id(o).one(db).await? else { return Ok(()) };
    let Some(kept) = person::Entity::find_by_id(s).one(db).await? else { return Ok(()) };
    let backend = db.get_database_backend();
    let statements = [
        format!(
            "DELETE FROM credits WHERE person_id = {o} AND EXISTS (SELECT 1 FROM credits c2 \
             WHERE c2.person_id = {s} AND c2.film_id = credits.film_id AND c2.role = credits.role)"
        ),
        format!("UPDATE credits SET person_id = {s} WHERE person_id = {o}"),
        format!(
            "DELETE FROM nomination_people WHERE person_id = {o} AND EXISTS (SELECT 1 FROM \
             nomination_people n2 WHERE n2.person_id = {s} AND n2.nomination_id = \
             nomination_people.nomination_id)"
        ),
        format!("UPDATE nomination_people SET person_id = {s} WHERE person_id = {o}"),
        format!(
            "DELETE FROM person_nationalities WHERE person_id = {o} AND EXISTS (SELECT 1 FROM \
             person_nationalities p2 WHERE p2.person_id = {s} AND p2.country_code = \
             person_nationalities.country_code)"
        ),
        format!("UPDATE person_nationalities SET person_id = {s} WHERE person_id = {o}"),
        format!("UPDATE person_merges SET survivor_id = {s} WHERE survivor_id = {o}"),
        format!(
            "UPDATE review_items SET subject_id = {s} WHERE subject_table = 'people' AND subject_id = {o}"
        ),
    ];
    for sql in statements {
        db.execute_raw(Statement::from_string(backend, sql)).await?;
    }
    person_merge::ActiveModel {
        survivor_id: Set(s),
        merged_name: Set(other.name.clone()),
        merged_normalized_name: Set(other.normalized_name.clone()),
        merged_imdb_id: Set(other.imdb_id.clone()),
        merged_person_id: Set(o),
        rule: Set(pair.rule.as_str().to_owned()),
        evidence: Set(evidence.to_owned()),
        source_id: Set(Some(source_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let other_settled =
        matches!(other.gender_source, Some(GenderSource::Declared | GenderSource::Curated));
    let kept_settled =
        matches!(kept.gender_source, Some(GenderSource::Declared | GenderSource::Curated));
    let (imdb, qid) = (other.imdb_id.clone(), other.wikidata_qid.clone());
    // The ids are unique: the merged record lets go of them first.
    person::Entity::delete_by_id(o).exec(db).await?;
    let mut am: person::ActiveModel = kept.clone().into();
    if kept.imdb_id.is_none() && imdb.is_some() {
        am.imdb_id = Set(imdb);
    }
    if kept.wikidata_qid.is_none() && qid.is_some() {
        am.wikidata_qid = Set(qid);
    }
    if kept.given_name.is_none() {
        am.given_name = Set(other.given_name.clone());
    }
    if kept.family_name.is_none() {
        am.family_name = Set(other.family_name.clone());
    }
    if kept.birth_year.is_none() {
        am.birth_year = Set(other.birth_year);
    }
    // Initials give way to the full first names ("F. Fellini" shows as "Federico Fellini"); the
    // initials stay an alias of the record, so a later ingest naming them finds it.
    if pair.rule == Rule::Initials && other.name.chars().count() > kept.name.chars().count() {
        am.name = Set(other.name.clone());
        am.normalized_name = Set(other.normalized_name.clone());
        person_merge::ActiveModel {
            survivor_id: Set(s),
            merged_name: Set(kept.name.clone()),
            merged_normalized_name: Set(kept.normalized_name.clone()),
            merged_imdb_id: Set(None),
            merged_person_id: Set(s),
            rule: Set(pair.rule.as_str().to_owned()),
            evidence: Set(format!("shown as {:?}, the full form; {evidence}", other.name)),
            source_id: Set(Some(source_id)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if other_settled && !kept_settled {
        am.gender = Set(other.gender);
        am.gender_source = Set(other.gender_source);
        am.gender_probability = Set(None);
        am.gender_evidence = Set(other.gender_evidence.clone());
        am.gender_source_id = Set(other.gender_source_id);
        am.gender_updated_at = Set(other.gender_updated_at);
    }
    am.updated_at = Set(Utc::now());
    am.update(db).await?;
    Ok(())
}

/// The curated decisions, as pairs of record ids; a row naming no one, or a pair said to be two
/// people that is one record, is rejected with its line. A pair said to be one person that is one
/// record already is a decision applied on an earlier run: nothing to do.
fn decisions(
    index: &PeopleIndex,
    rows: &[MergeDecision],
) -> (HashMap<(i64, i64), Decision>, Vec<RowError>) {
    let mut out = HashMap::new();
    let mut rejects = Vec::new();
    for r in rows {
        let person = |s: &Side| {
            index.person(&Tie {
                name: &s.name,
                imdb_id: s.imdb_id.as_deref(),
                film: s.film.as_deref(),
                year: s.year,
            })
        };
        match (person(&r.a), person(&r.b)) {
            (Ok(a), Ok(b)) if a == b => {
                if matches!(r.decision, Decision::Different(_)) {
                    rejects.push(RowError {
                        line: r.line,
                        reason: format!(
                            "both sides are record {a}: one person already, not two as the row says"
                        ),
                    });
                }
            }
            (Ok(a), Ok(b)) => {
                out.insert((a.min(b), a.max(b)), r.decision.clone());
            }
            (Err(e), _) | (_, Err(e)) => rejects.push(RowError { line: r.line, reason: e }),
        }
    }
    (out, rejects)
}

/// Applies the spelling corrections: the misspelt record is merged into the one of the right
/// name, or renamed when there is none; a correction already applied changes nothing. Returns
/// the records changed and the rows that could not be applied.
async fn correct_spellings(
    db: &impl ConnectionTrait,
    rows: &[NameCorrection],
    source_id: i64,
) -> Result<(i64, Vec<RowError>), DbErr> {
    let mut changed = 0;
    let mut rejects = Vec::new();
    for r in rows {
        let index = PeopleIndex::load(db).await?;
        let tie = Tie { name: &r.written, imdb_id: None, film: Some(&r.film), year: Some(r.year) };
        let misspelt = match index.person(&tie) {
            Ok(id) => id,
            Err(reason) => {
                rejects.push(RowError { line: r.line, reason });
                continue;
            }
        };
        let Some(record) = person::Entity::find_by_id(misspelt).one(db).await? else { continue };
        let corrected = r.corrected();
        let key = matching_key(&corrected);
        if record.normalized_name == key {
            continue;
        }
        let namesakes: Vec<person::Model> = person::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .filter(|p| p.normalized_name == key && p.id != misspelt)
            .collect();
        let evidence = format!("spelling corrected: {}", r.evidence.describe());
        match namesakes.as_slice() {
            [] => {
                let mut am: person::ActiveModel = record.clone().into();
                am.name = Set(corrected.clone());
                am.normalized_name = Set(key);
                am.given_name = Set(Some(r.given_name.clone()));
                am.family_name = Set(Some(r.family_name.clone()));
                am.updated_at = Set(Utc::now());
                am.update(db).await?;
                person_merge::ActiveModel {
                    survivor_id: Set(misspelt),
                    merged_name: Set(record.name.clone()),
                    merged_normalized_name: Set(record.normalized_name.clone()),
                    merged_imdb_id: Set(None),
                    merged_person_id: Set(misspelt),
                    rule: Set(Rule::CorrectedSpelling.as_str().to_owned()),
                    evidence: Set(evidence),
                    source_id: Set(Some(source_id)),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                changed += 1;
            }
            [right] => {
                let settled = |p: &person::Model| {
                    matches!(p.gender_source, Some(GenderSource::Declared | GenderSource::Curated))
                        .then_some(p.gender)
                };
                if let (Some(a), Some(b)) = (settled(right), settled(&record))
                    && a != b
                {
                    rejects.push(RowError {
                        line: r.line,
                        reason: format!(
                            "records {} ({:?}, {a}) and {misspelt} ({:?}, {b}) have different settled genders: not joined",
                            right.id, right.name, record.name
                        ),
                    });
                    continue;
                }
                if let (Some(a), Some(b)) = (&right.imdb_id, &record.imdb_id)
                    && a != b
                {
                    rejects.push(RowError {
                        line: r.line,
                        reason: format!(
                            "records {} and {misspelt} have different IMDb ids ({a}, {b})",
                            right.id
                        ),
                    });
                    continue;
                }
                let pair = Pair {
                    survivor: right.id,
                    other: misspelt,
                    survivor_name: right.name.clone(),
                    other_name: record.name.clone(),
                    rule: Rule::CorrectedSpelling,
                    verdict: Verdict::Merge(evidence.clone()),
                };
                merge(db, &pair, &evidence, source_id).await?;
                changed += 1;
            }
            many => rejects.push(RowError {
                line: r.line,
                reason: format!(
                    "{} records are named {corrected:?} ({:?}): which one is meant?",
                    many.len(),
                    many.iter().map(|p| p.id).collect::<Vec<_>>()
                ),
            }),
        }
    }
    Ok((changed, rejects))
}

/// Runs the step: judges every pair, merges the strong ones, asks about the weaker ones.
pub async fn resolve_people(
    db: &DatabaseConnection,
    data_dir: &Path,
    progress: &dyn Progress,
) -> Result<IngestReport, IngestError> {
    let file = source();
    let loaded = file.load(data_dir)?;
    let parsed = merge_decisions::parse(loaded.bytes.as_slice()).map_err(|e| {
        IngestError::Unreadable { path: data_dir.join(file.relative_path), reason: e.to_string() }
    })?;
    let names_file = corrections_source();
    let names_loaded = names_file.load(data_dir)?;
    let corrections = name_corrections::parse(names_loaded.bytes.as_slice()).map_err(|e| {
        IngestError::Unreadable {
            path: data_dir.join(names_file.relative_path),
            reason: e.to_string(),
        }
    })?;
    let txn = db.begin().await?;
    let source_id = file.register(&txn, &loaded).await?.id;
    let names_source_id = names_file.register(&txn, &names_loaded).await?.id;
    // One checksum for the two files (each one's own is on its `sources` row).
    let joined = format!("{}+{}", loaded.sha256, names_loaded.sha256);
    let checksum = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(joined.as_bytes()));
    let run_row = run::start(&txn, NAME, source_id, &checksum, VERSION).await?;
    // Read: the decision and correction rows, and the pairs judged; updated: records merged or
    // renamed; skipped: pairs left for review. A second run reads the same and changes nothing.
    let rows_read = parsed.records.len()
        + parsed.rejected.len()
        + corrections.records.len()
        + corrections.rejected.len();
    let mut counts =
        RowCounts { read: i64::try_from(rows_read).unwrap_or(i64::MAX), ..Default::default() };
    // Rejected rows keep their line; those of names.csv say which file they are from.
    let mut rejects = parsed.rejected;
    let in_names =
        |e: RowError| RowError { line: e.line, reason: format!("names.csv: {}", e.reason) };
    rejects.extend(corrections.rejected.into_iter().map(in_names));
    let (corrected, bad) = correct_spellings(&txn, &corrections.records, names_source_id).await?;
    counts.updated += corrected;
    rejects.extend(bad.into_iter().map(in_names));
    // Merges chain (a into b, then b into c): judged again after each round until none is left.
    let mut first_round = true;
    loop {
        let index = PeopleIndex::load(&txn).await?;
        let (decided, bad) = decisions(&index, &parsed.records);
        if first_round {
            rejects.extend(bad);
        }
        let pairs = find(&txn, &decided).await?;
        if first_round {
            counts.read += i64::try_from(pairs.len()).unwrap_or(i64::MAX);
        }
        first_round = false;
        progress.start(NAME, pairs.len() as u64);
        let mut merged = HashSet::new();
        let mut reviews = 0;
        for (i, pair) in pairs.iter().enumerate() {
            progress.advance(i as u64);
            match &pair.verdict {
                Verdict::Merge(evidence) => {
                    if merged.contains(&pair.survivor) || merged.contains(&pair.other) {
                        continue;
                    }
                    merge(&txn, pair, evidence, source_id).await?;
                    merged.insert(pair.survivor);
                    merged.insert(pair.other);
                    counts.updated += 1;
                }
                Verdict::Review(reason) => {
                    reviews += 1;
                    let question = super::review::Question {
                        kind: ReviewKind::EntityMatch,
                        table: "people",
                        subject: Some(pair.survivor),
                        reason: format!(
                            "{:?} (record {}) and {:?} (record {}): the same person? {reason}",
                            pair.survivor_name, pair.survivor, pair.other_name, pair.other
                        ),
                        proposal: serde_json::json!({
                            "merge": [pair.survivor, pair.other],
                            "rule": pair.rule.as_str(),
                        }),
                        candidates: Some(&[pair.survivor, pair.other]),
                        source_id,
                    };
                    super::review::ask(&txn, question).await?;
                }
                Verdict::Apart(_) => {}
            }
        }
        progress.finish();
        counts.skipped = reviews;
        if merged.is_empty() {
            break;
        }
    }
    // Namesakes now one record: the credits the sources held for them are given.
    let settled = super::pending_credits::settle(&txn).await?;
    counts.updated += settled.credits;
    tracing::info!(
        credits = settled.credits,
        questions = settled.questions,
        "namesake questions settled by the merges"
    );
    counts.rejected = i64::try_from(rejects.len()).unwrap_or(i64::MAX);
    counts.unchanged = (counts.read - counts.updated - counts.skipped - counts.rejected).max(0);
    run::record_rejects(&txn, run_row.id, &rejects).await?;
    let run_id = run_row.id;
    run::finish(&txn, run_row, counts, None).await?;
    txn.commit().await?;
    Ok(IngestReport { dataset: NAME.to_owned(), run_id, counts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use egalite_shared::Gender;

    fn record(id: i64, name: &str, films: &[i64], years: Option<(i32, i32)>) -> Record {
        Record {
            id,
            name: name.to_owned(),
            imdb_id: None,
            settled: None,
            films: films.iter().copied().collect(),
            years,
        }
    }

    #[test]
    fn siblings_and_namesakes_of_other_first_names_are_never_paired() {
        let people = [
            record(1, "Jean-Pierre Dardenne", &[10, 11], Some((1996, 2025))),
            record(2, "Luc Dardenne", &[10, 11], Some((1996, 2025))),
            record(3, "Paolo Taviani", &[12], Some((1977, 2012))),
            record(4, "Vittorio Taviani", &[12], Some((1977, 2012))),
        ];
        assert!(name_pairs(&people).is_empty());
    }

    #[test]
    fn variants_with_evidence_merge_and_without_go_to_review() {
        let sergei = record(1, "Sergei Loznitsa", &[20], Some((2010, 2018)));
        let sergey = record(2, "Sergey Loznitsa", &[21], Some((2018, 2025)));
        let pairs = name_pairs(&[sergei.clone(), sergey.clone()]);
        assert_eq!(pairs.get(&(1, 2)), Some(&Rule::Transliteration));
        assert!(matches!(judge(&sergei, &sergey, Rule::Transliteration, None), Verdict::Merge(_)));
        let far = record(3, "Sergey Loznitsa", &[22], Some((1950, 1960)));
        assert!(matches!(judge(&sergei, &far, Rule::Transliteration, None), Verdict::Review(_)));
        let fellini = record(4, "Federico Fellini", &[30], Some((1960, 1980)));
        let initial = record(5, "F. Fellini", &[30], Some((1960, 1960)));
        assert_eq!(
            name_pairs(&[fellini.clone(), initial.clone()]).get(&(4, 5)),
            Some(&Rule::Initials)
        );
        assert!(matches!(judge(&fellini, &initial, Rule::Initials, None), Verdict::Merge(_)));
        let other_film = record(6, "F. Fellini", &[31], Some((1962, 1962)));
        assert!(matches!(judge(&fellini, &other_film, Rule::Initials, None), Verdict::Review(_)));
    }

    #[test]
    fn different_ids_or_different_settled_genders_are_never_merged() {
        let mut actor = record(1, "Steve McQueen", &[40], Some((1959, 1980)));
        actor.imdb_id = Some("nm0000537".into());
        let mut director = record(2, "Steve McQueen", &[40], Some((2008, 2020)));
        director.imdb_id = Some("nm2588606".into());
        assert!(matches!(judge(&actor, &director, Rule::SameName, None), Verdict::Apart(_)));
        let mut a = record(3, "Andrei Konchalovsky", &[41], Some((1979, 2007)));
        a.settled = Some((Gender::Man, GenderSource::Curated));
        let mut b = record(4, "Andrey Konchalovskiy", &[41], Some((1979, 1994)));
        b.settled = Some((Gender::Woman, GenderSource::Declared));
        assert!(
            matches!(judge(&a, &b, Rule::Transliteration, None), Verdict::Review(r) if r.contains("genders differ"))
        );
        // A Western name the other way round needs a film in common.
        let v = record(5, "Vincent Thomas", &[50], Some((2003, 2015)));
        let t = record(6, "Thomas Vincent", &[51], Some((2003, 2003)));
        assert!(matches!(judge(&v, &t, Rule::FamilyNameFirst, None), Verdict::Review(_)));
        let jia = record(7, "Jia Zhangke", &[52], Some((2002, 2024)));
        let zhangke = record(8, "Zhangke Jia", &[53], Some((2018, 2018)));
        assert!(matches!(judge(&jia, &zhangke, Rule::FamilyNameFirst, None), Verdict::Merge(_)));
    }
}
