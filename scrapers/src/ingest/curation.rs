//! Curated genders onto people. A row with an IMDb id settles that person; a row with a name only
//! settles every person of that name (the datasets name the same director in several places).
//! A curated gender outranks a declared or inferred one; a row that names no one is rejected.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use egalite_shared::GenderSource;
use egalite_shared::entity::person;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, QuerySelect, Set};

use super::IngestError;
use super::dataset::{Dataset, RowByRow, Written, write_each};
use super::progress::Progress;
use super::resolve::Change;
use super::source_file::SourceFile;
use crate::datasets::Parsed;
use crate::datasets::curation::{self as parser, CuratedPerson, PARSER_VERSION};
use crate::names::matching_key;

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "curation";

/// The curation file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "curation_people",
        title: "Égalité curation file: genders settled from public pages, with address, quote and date",
        origin_url: "data/curation/people.csv",
        licence: "CC BY 4.0 (the project's curation); quotes are short citations of the pages named",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        relative_path: "curation/people.csv",
    }
}

/// The curation writer.
pub(crate) struct Curation {
    source_id: i64,
    by_imdb: HashMap<String, i64>,
    by_key: HashMap<String, Vec<i64>>,
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
        _records: &[CuratedPerson],
    ) -> Result<Self, IngestError> {
        let rows: Vec<(i64, String, Option<String>)> = person::Entity::find()
            .select_only()
            .columns([person::Column::Id, person::Column::NormalizedName, person::Column::ImdbId])
            .into_tuple()
            .all(db)
            .await?;
        let mut by_imdb = HashMap::new();
        let mut by_key: HashMap<String, Vec<i64>> = HashMap::new();
        for (id, key, imdb) in rows {
            if let Some(i) = imdb {
                by_imdb.insert(i, id);
            }
            by_key.entry(key).or_default().push(id);
        }
        Ok(Self { source_id, by_imdb, by_key })
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

impl Curation {
    fn people(&self, r: &CuratedPerson) -> Vec<i64> {
        match &r.imdb_id {
            Some(i) => self.by_imdb.get(i).copied().into_iter().collect(),
            None => self.by_key.get(&matching_key(&r.name)).cloned().unwrap_or_default(),
        }
    }
}

impl RowByRow for Curation {
    fn check(&self, r: &CuratedPerson) -> Result<(), String> {
        if self.people(r).is_empty() {
            return Err(match &r.imdb_id {
                Some(i) => format!("no person has the IMDb id {i}"),
                None => format!("no person is named {:?}", r.name),
            });
        }
        Ok(())
    }

    async fn write(
        &mut self,
        db: &DatabaseTransaction,
        r: &CuratedPerson,
    ) -> Result<Change, IngestError> {
        let evidence = match &r.note {
            Some(note) => format!("{} — “{}” (read {}; {note})", r.evidence_url, r.quote, r.date),
            None => format!("{} — “{}” (read {})", r.evidence_url, r.quote, r.date),
        };
        let mut change = Change::Unchanged;
        let now = Utc::now();
        for id in self.people(r) {
            let Some(p) = person::Entity::find_by_id(id).one(db).await? else { continue };
            if p.gender == r.gender
                && p.gender_source == Some(GenderSource::Curated)
                && p.gender_evidence.as_deref() == Some(evidence.as_str())
            {
                continue;
            }
            let mut am: person::ActiveModel = p.into();
            am.gender = Set(r.gender);
            am.gender_source = Set(Some(GenderSource::Curated));
            am.gender_probability = Set(None);
            am.gender_evidence = Set(Some(evidence.clone()));
            am.gender_source_id = Set(Some(self.source_id));
            am.gender_updated_at = Set(Some(now));
            am.updated_at = Set(now);
            am.update(db).await?;
            change = Change::Updated;
        }
        Ok(change)
    }
}
