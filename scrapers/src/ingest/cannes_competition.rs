//! The Cannes competition dataset into editions, sections, films, production countries, directors,
//! credits and selections. 2020 had no competition: its films go into a `label` section, kept
//! apart from competition figures.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, Utc};
use egalite_shared::entity::{
    country, credit, edition, festival, film, film_country, person, review_item, section, selection,
};
use egalite_shared::{Gender, ReviewKind, ReviewStatus, Role, SectionKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionTrait, TryInsertResult,
};

use super::IngestError;
use super::run::{self, IngestReport, RowCounts};
use super::source_file::SourceFile;
use crate::datasets::RowError;
use crate::datasets::cannes_competition::{self as parser, CompetitionFilm, PARSER_VERSION};
use crate::names::matching_key;

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "cannes_competition";

/// The bundled file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "cannes_competition_gt",
        title: "Cannes Film Festival: feature films in competition, 1946–2025 (R package gt, dataset films)",
        origin_url: "https://github.com/rstudio/gt/blob/325cdd379e69565c04c8c30352c5ba43273be23c/data-raw/films.csv",
        licence: "MIT (c) Posit Software, PBC",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        relative_path: "cannes_competition_gt/cannes_competition_films.csv",
    }
}

/// Reads, parses and writes the dataset; records the run, also when it fails.
pub async fn ingest(db: &DatabaseConnection, data_dir: &Path) -> Result<IngestReport, IngestError> {
    let src = source();
    let file = src.load(data_dir)?;
    let parsed = parser::parse(&file.bytes[..])
        .map_err(|e| IngestError::Unreadable { path: file.path.clone(), reason: e.to_string() })?;
    let txn = db.begin().await?;
    let source_row = src.register(&txn, &file).await?;
    let run_row = run::start(&txn, NAME, source_row.id, &file.sha256, PARSER_VERSION).await?;
    let mut writer = Writer::load(&txn, source_row.id).await?;
    let mut counts = RowCounts {
        read: i64::try_from(parsed.records.len() + parsed.rejected.len()).unwrap_or(i64::MAX),
        ..Default::default()
    };
    let mut rejects = parsed.rejected;
    for record in &parsed.records {
        if let Some(bad) = record.countries.iter().find(|c| !writer.countries.contains(*c)) {
            rejects.push(RowError {
                line: record.line,
                reason: format!("country {bad:?} is not in the countries table"),
            });
            continue;
        }
        match writer.write(&txn, record).await? {
            Outcome::Inserted => counts.inserted += 1,
            Outcome::Updated => counts.updated += 1,
            Outcome::Unchanged => counts.unchanged += 1,
        }
    }
    rejects.sort_by_key(|r| r.line);
    counts.rejected = i64::try_from(rejects.len()).unwrap_or(i64::MAX);
    run::record_rejects(&txn, run_row.id, &rejects).await?;
    let run_id = run_row.id;
    run::finish(&txn, run_row, counts, None).await?;
    txn.commit().await?;
    for r in &rejects {
        tracing::warn!(file = %file.path.display(), line = r.line, reason = %r.reason, "row rejected");
    }
    Ok(IngestReport { dataset: NAME.to_owned(), run_id, counts })
}

enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

/// What the writer knows of the database, loaded once so rows cost no lookups.
struct Writer {
    source_id: i64,
    festival_id: i64,
    countries: HashSet<String>,
    editions: HashMap<i32, i64>,
    sections: HashMap<i64, i64>,
    films: HashMap<String, film::Model>,
    people: HashMap<String, Vec<i64>>,
}

impl Writer {
    async fn load(db: &impl ConnectionTrait, source_id: i64) -> Result<Self, IngestError> {
        let festival = festival::Entity::find()
            .filter(festival::Column::Slug.eq("cannes"))
            .one(db)
            .await?
            .ok_or(IngestError::MissingReference("festival cannes"))?;
        let countries = country::Entity::find()
            .select_only()
            .column(country::Column::Code)
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let editions = edition::Entity::find()
            .filter(edition::Column::FestivalId.eq(festival.id))
            .all(db)
            .await?
            .into_iter()
            .map(|e| (e.year, e.id))
            .collect();
        let films = film::Entity::find()
            .filter(film::Column::ImdbId.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|f| f.imdb_id.clone().map(|id| (id, f)))
            .collect();
        let mut people: HashMap<String, Vec<i64>> = HashMap::new();
        let rows: Vec<(i64, String)> = person::Entity::find()
            .select_only()
            .columns([person::Column::Id, person::Column::NormalizedName])
            .into_tuple()
            .all(db)
            .await?;
        for (id, key) in rows {
            people.entry(key).or_default().push(id);
        }
        Ok(Self {
            source_id,
            festival_id: festival.id,
            countries,
            editions,
            sections: HashMap::new(),
            films,
            people,
        })
    }

    async fn edition(
        &mut self,
        db: &impl ConnectionTrait,
        year: i32,
    ) -> Result<(i64, bool), IngestError> {
        if let Some(id) = self.editions.get(&year) {
            return Ok((*id, false));
        }
        let row = edition::ActiveModel {
            festival_id: Set(self.festival_id),
            year: Set(year),
            held: Set(true),
            notes: Set((year == 2020).then(|| {
                "Festival not held; the Official Selection was published as the Cannes 2020 label, without a competition".to_owned()
            })),
            source_id: Set(Some(self.source_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        self.editions.insert(year, row.id);
        Ok((row.id, true))
    }

    async fn section(
        &mut self,
        db: &impl ConnectionTrait,
        edition_id: i64,
        year: i32,
    ) -> Result<i64, IngestError> {
        if let Some(id) = self.sections.get(&edition_id) {
            return Ok(*id);
        }
        let (slug, name, kind) = if year == 2020 {
            ("label", "Sélection officielle — label Cannes 2020", SectionKind::Label)
        } else {
            ("competition", "Compétition", SectionKind::Competition)
        };
        let existing = section::Entity::find()
            .filter(section::Column::EditionId.eq(edition_id))
            .filter(section::Column::Slug.eq(slug))
            .one(db)
            .await?;
        let id = match existing {
            Some(s) => s.id,
            None => {
                section::ActiveModel {
                    edition_id: Set(edition_id),
                    slug: Set(slug.to_owned()),
                    name: Set(name.to_owned()),
                    kind: Set(kind),
                    source_id: Set(Some(self.source_id)),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        self.sections.insert(edition_id, id);
        Ok(id)
    }

    async fn film(
        &mut self,
        db: &impl ConnectionTrait,
        r: &CompetitionFilm,
    ) -> Result<(i64, Outcome), IngestError> {
        let line = i64::try_from(r.line).ok();
        if let Some(existing) = self.films.get(&r.imdb_id) {
            let same = existing.title == r.title
                && existing.original_title == r.original_title
                && existing.runtime_minutes == r.runtime_minutes;
            if same {
                return Ok((existing.id, Outcome::Unchanged));
            }
            let mut am: film::ActiveModel = existing.clone().into();
            am.title = Set(r.title.clone());
            am.normalized_title = Set(matching_key(&r.title));
            am.original_title = Set(r.original_title.clone());
            am.runtime_minutes = Set(r.runtime_minutes);
            am.source_id = Set(Some(self.source_id));
            am.source_line = Set(line);
            am.updated_at = Set(Utc::now());
            let updated = am.update(db).await?;
            let id = updated.id;
            self.films.insert(r.imdb_id.clone(), updated);
            return Ok((id, Outcome::Updated));
        }
        let now = Utc::now();
        let row = film::ActiveModel {
            title: Set(r.title.clone()),
            original_title: Set(r.original_title.clone()),
            normalized_title: Set(matching_key(&r.title)),
            runtime_minutes: Set(r.runtime_minutes),
            imdb_id: Set(Some(r.imdb_id.clone())),
            source_id: Set(Some(self.source_id)),
            source_line: Set(line),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let id = row.id;
        self.films.insert(r.imdb_id.clone(), row);
        Ok((id, Outcome::Inserted))
    }

    /// The person a director's name resolves to: the one person with that matching key, or a new
    /// one; several candidates go to the review queue instead of being merged.
    async fn director(
        &mut self,
        db: &impl ConnectionTrait,
        name: &str,
        r: &CompetitionFilm,
    ) -> Result<Option<i64>, IngestError> {
        let key = matching_key(name);
        match self.people.get(&key).map(Vec::as_slice) {
            Some([one]) => Ok(Some(*one)),
            Some(candidates) => {
                review_item::ActiveModel {
                    kind: Set(ReviewKind::EntityMatch),
                    status: Set(ReviewStatus::Open),
                    subject_table: Set("people".to_owned()),
                    reason: Set(format!("{} people share the name {name:?}; which one directed {} ({})?", candidates.len(), r.title, r.imdb_id)),
                    proposal: Set(serde_json::json!({ "name": name, "film_imdb_id": r.imdb_id, "role": "director", "line": r.line })),
                    candidates: Set(Some(serde_json::json!(candidates))),
                    source_id: Set(Some(self.source_id)),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                Ok(None)
            }
            None => {
                let now = Utc::now();
                let row = person::ActiveModel {
                    name: Set(name.to_owned()),
                    normalized_name: Set(key.clone()),
                    gender: Set(Gender::Unknown),
                    source_id: Set(Some(self.source_id)),
                    source_line: Set(i64::try_from(r.line).ok()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                self.people.insert(key, vec![row.id]);
                Ok(Some(row.id))
            }
        }
    }

    async fn write(
        &mut self,
        db: &impl ConnectionTrait,
        r: &CompetitionFilm,
    ) -> Result<Outcome, IngestError> {
        let line = i64::try_from(r.line).ok();
        let (edition_id, _) = self.edition(db, r.year).await?;
        let section_id = self.section(db, edition_id, r.year).await?;
        let (film_id, mut outcome) = self.film(db, r).await?;
        let mut linked = false;
        for (i, code) in r.countries.iter().enumerate() {
            let res = film_country::Entity::insert(film_country::ActiveModel {
                film_id: Set(film_id),
                country_code: Set(code.clone()),
                position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
                share_percent: Set(None),
                source_id: Set(Some(self.source_id)),
            })
            .on_conflict_do_nothing_on([
                film_country::Column::FilmId,
                film_country::Column::CountryCode,
            ])
            .exec_without_returning(db)
            .await?;
            linked |= inserted(&res);
        }
        for (i, name) in r.directors.iter().enumerate() {
            let Some(person_id) = self.director(db, name, r).await? else { continue };
            let res = credit::Entity::insert(credit::ActiveModel {
                film_id: Set(film_id),
                person_id: Set(person_id),
                role: Set(Role::Director),
                position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
                credited_as: Set(None),
                source_id: Set(Some(self.source_id)),
                source_line: Set(line),
                ..Default::default()
            })
            .on_conflict_do_nothing_on([
                credit::Column::FilmId,
                credit::Column::PersonId,
                credit::Column::Role,
            ])
            .exec_without_returning(db)
            .await?;
            linked |= inserted(&res);
        }
        let res = selection::Entity::insert(selection::ActiveModel {
            section_id: Set(section_id),
            film_id: Set(film_id),
            source_id: Set(Some(self.source_id)),
            source_line: Set(line),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([selection::Column::SectionId, selection::Column::FilmId])
        .exec_without_returning(db)
        .await?;
        linked |= inserted(&res);
        if linked && matches!(outcome, Outcome::Unchanged) {
            outcome = Outcome::Updated;
        }
        Ok(outcome)
    }
}

fn inserted(res: &TryInsertResult<u64>) -> bool {
    matches!(res, TryInsertResult::Inserted(n) if *n > 0)
}
