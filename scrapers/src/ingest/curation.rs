//! Curated genders onto people. A row with an IMDb id settles that person; a row with a name, a
//! film and a year settles the one person of that name (or of a name merged into theirs) credited
//! or nominated on that film in that year. A row that reaches no one, or two people, is rejected
//! with the reason; so is a second row that says otherwise of a person already settled. A
//! curated gender outranks a declared or inferred one; the inference stays stored beside it.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use egalite_shared::entity::person;
use egalite_shared::{Gender, GenderSource};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Set};

use super::IngestError;
use super::dataset::{Dataset, RowByRow, Written, write_each};
use super::people_index::{PeopleIndex, Tie};
use super::progress::Progress;
use super::resolve::Change;
use super::source_file::SourceFile;
use crate::datasets::Parsed;
use crate::datasets::curation::{self as parser, CuratedPerson, PARSER_VERSION, Verdict};

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "curation";

/// The curation file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "curation_people",
        title: "Égalité curation file: genders settled from public pages, with address, quote and date",
        origin_url: "data/curation/people.csv",
        licence: "CC BY 4.0 (the project's curation); quotes are short citations of the pages named",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
        relative_path: "curation/people.csv",
    }
}

/// The curation writer: each row's person, found once when the run starts.
pub(crate) struct Curation {
    source_id: i64,
    resolved: HashMap<u64, Result<i64, String>>,
    /// Each person's first row, which writes the evidence of every row that agrees with it.
    first_row: HashMap<i64, u64>,
    /// The evidence of the later rows that agree, by person.
    also: HashMap<i64, Vec<String>>,
}

impl Dataset for Curation {
    type Record = CuratedPerson;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<CuratedPerson>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &CuratedPerson) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        records: &[CuratedPerson],
    ) -> Result<Self, IngestError> {
        let people = PeopleIndex::load(db).await?;
        let mut resolved = HashMap::new();
        let mut settled: HashMap<i64, (u64, Option<Gender>)> = HashMap::new();
        let mut also: HashMap<i64, Vec<String>> = HashMap::new();
        for r in records {
            let said = match &r.verdict {
                Verdict::Settled { gender, .. } => Some(*gender),
                Verdict::Unsettled { .. } => None,
            };
            let outcome = people.person(&tie(r)).and_then(|id| match settled.get(&id) {
                Some((line, before)) if *before != said => Err(format!(
                    "line {line} already says {} of this person (record {id}); this row says {}",
                    before.map_or("unknown".to_owned(), |g| g.to_string()),
                    said.map_or("unknown".to_owned(), |g| g.to_string()),
                )),
                Some(_) => {
                    // Two rows for one person (a name and its variant, merged): one evidence.
                    also.entry(id).or_default().push(settlement(r).1);
                    Ok(id)
                }
                None => {
                    settled.insert(id, (r.line, said));
                    Ok(id)
                }
            });
            resolved.insert(r.line, outcome);
        }
        let first_row = settled.into_iter().map(|(id, (line, _))| (id, line)).collect();
        Ok(Self { source_id, resolved, first_row, also })
    }

    async fn write_all(
        &mut self,
        db: &DatabaseTransaction,
        records: &[CuratedPerson],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        write_each(self, db, records, progress).await
    }
}

/// How a row names its person.
fn tie(r: &CuratedPerson) -> Tie<'_> {
    Tie { name: &r.name, imdb_id: r.imdb_id.as_deref(), film: r.film.as_deref(), year: r.year }
}

/// The gender and the evidence a row writes.
fn settlement(r: &CuratedPerson) -> (Gender, String) {
    let mut evidence = match &r.verdict {
        Verdict::Settled { evidence, .. } => evidence.describe(),
        Verdict::Unsettled { queries, date } => {
            format!("no page found that states it (searched {date}: {})", queries.join(" | "))
        }
    };
    if let Some(note) = &r.note {
        evidence.push_str(&format!("; {note}"));
    }
    let gender = match &r.verdict {
        Verdict::Settled { gender, .. } => *gender,
        Verdict::Unsettled { .. } => Gender::Unknown,
    };
    (gender, evidence)
}

impl RowByRow for Curation {
    fn check(&self, r: &CuratedPerson) -> Result<(), String> {
        match self.resolved.get(&r.line) {
            Some(Ok(_)) => Ok(()),
            Some(Err(reason)) => Err(reason.clone()),
            None => Err("row was not resolved".into()),
        }
    }

    async fn write(
        &mut self,
        db: &DatabaseTransaction,
        r: &CuratedPerson,
    ) -> Result<Change, IngestError> {
        let Some(Ok(id)) = self.resolved.get(&r.line) else { return Ok(Change::Unchanged) };
        if self.first_row.get(id) != Some(&r.line) {
            return Ok(Change::Unchanged);
        }
        let Some(p) = person::Entity::find_by_id(*id).one(db).await? else {
            return Ok(Change::Unchanged);
        };
        let (gender, mut evidence) = settlement(r);
        for more in self.also.get(id).into_iter().flatten() {
            evidence.push_str(&format!(" | also {more}"));
        }
        if p.gender == gender
            && p.gender_source == Some(GenderSource::Curated)
            && p.gender_evidence.as_deref() == Some(evidence.as_str())
        {
            return Ok(Change::Unchanged);
        }
        let now = Utc::now();
        let mut am: person::ActiveModel = p.into();
        am.gender = Set(gender);
        am.gender_source = Set(Some(GenderSource::Curated));
        am.gender_probability = Set(None);
        am.gender_evidence = Set(Some(evidence));
        am.gender_source_id = Set(Some(self.source_id));
        am.gender_updated_at = Set(Some(now));
        am.updated_at = Set(now);
        am.update(db).await?;
        Ok(Change::Updated)
    }
}
