//! The Cannes competition dataset into editions, sections, films, production countries, directors,
//! credits and selections. 2020 had no competition: its films go into a `label` section, kept
//! apart from competition figures.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use egalite_shared::entity::{film_country, section, selection};
use egalite_shared::{Role, SectionKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Set,
};

use super::IngestError;
use super::bulk;
use super::credits::credit_people;
use super::dataset::{Dataset, Written};
use super::progress::Progress;
use super::resolve::{Change, FilmFacts, NamedPerson, Resolver};
use super::source_file::SourceFile;
use crate::datasets::cannes_competition::{self as parser, CompetitionFilm, PARSER_VERSION};
use crate::datasets::{Parsed, RowError};

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

/// The Cannes competition's writer, with what it keeps across rows.
pub(crate) struct CannesCompetition {
    source_id: i64,
    festival_id: i64,
    resolver: Resolver,
    sections: HashMap<i64, i64>,
}

impl Dataset for CannesCompetition {
    type Record = CompetitionFilm;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<CompetitionFilm>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &CompetitionFilm) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        _records: &[CompetitionFilm],
    ) -> Result<Self, IngestError> {
        let festival_id = Resolver::festival(db, "cannes").await?;
        let resolver = Resolver::load(db, source_id).await?;
        Ok(Self { source_id, festival_id, resolver, sections: HashMap::new() })
    }

    async fn write_all(
        &mut self,
        db: &DatabaseTransaction,
        records: &[Self::Record],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        self.write_bulk(db, records, progress).await
    }
}

impl CannesCompetition {
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

    /// Why a row cannot be written: a country the countries table lacks.
    fn check(&self, record: &CompetitionFilm) -> Result<(), String> {
        match record.countries.iter().find(|c| !self.resolver.countries.contains(*c)) {
            Some(bad) => Err(format!("country {bad:?} is not in the countries table")),
            None => Ok(()),
        }
    }

    /// Writes every film: editions and sections as first met, then films, directors, countries,
    /// credits and selections in bulk.
    async fn write_bulk(
        &mut self,
        db: &impl ConnectionTrait,
        records: &[CompetitionFilm],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        let mut out = Written::default();
        let mut rows = Vec::with_capacity(records.len());
        for r in records {
            match self.check(r) {
                Ok(()) => rows.push(r),
                Err(reason) => out.rejects.push(RowError { line: r.line, reason }),
            }
        }
        let mut section_of = Vec::with_capacity(rows.len());
        for r in &rows {
            let year = r.year;
            let edition_id = self
                .resolver
                .edition(db, self.festival_id, year, 1, |mut e| {
                    if year == 2020 {
                        e.notes = Set(Some(
                            "Festival not held; the Official Selection was published as the Cannes 2020 label, without a competition".to_owned(),
                        ));
                    }
                    e
                })
                .await?;
            section_of.push(self.section(db, edition_id, year).await?);
        }
        let film_changes = self
            .resolver
            .films(
                db,
                rows.iter().map(|r| {
                    (
                        FilmFacts {
                            imdb_id: r.imdb_id.clone(),
                            title: Some(r.title.clone()),
                            original_title: r.original_title.clone(),
                            runtime_minutes: r.runtime_minutes,
                            year: None,
                        },
                        i64::try_from(r.line).ok(),
                    )
                }),
            )
            .await?;
        progress.advance((records.len() / 3) as u64);
        let film_ids: Vec<Option<i64>> =
            rows.iter().map(|r| self.resolver.film_id(&r.imdb_id)).collect();
        let mut named = Vec::new();
        let mut at = Vec::new();
        for (r, film_id) in rows.iter().zip(&film_ids) {
            let Some(film_id) = film_id else { continue };
            for (position, name) in r.directors.iter().enumerate() {
                named.push(NamedPerson {
                    name: name.clone(),
                    given_name: None,
                    family_name: None,
                    film_id: *film_id,
                    role: Role::Director,
                    position,
                    context: format!("director of {} ({}), Cannes {}", r.title, r.imdb_id, r.year),
                    line: i64::try_from(r.line).ok(),
                    nomination_id: None,
                });
                at.push((*film_id, position, i64::try_from(r.line).ok()));
            }
        }
        let people = self.resolver.people_by_name(db, &named).await?;
        progress.advance((records.len() * 2 / 3) as u64);

        let existing = self.links(db).await?;
        let mut touched = HashSet::new();
        let mut countries = Vec::new();
        let mut selections = Vec::new();
        let mut queued = HashSet::new();
        for ((r, film_id), section_id) in rows.iter().zip(&film_ids).zip(&section_of) {
            let Some(film_id) = *film_id else { continue };
            for (i, code) in r.countries.iter().enumerate() {
                if !existing.countries.contains(&(film_id, code.clone()))
                    && queued.insert((film_id, code.clone()))
                {
                    touched.insert(film_id);
                    countries.push(film_country::ActiveModel {
                        film_id: Set(film_id),
                        country_code: Set(code.clone()),
                        position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
                        share_percent: Set(None),
                        source_id: Set(Some(self.source_id)),
                    });
                }
            }
            if !existing.selections.contains(&(*section_id, film_id))
                && queued.insert((film_id, format!("section {section_id}")))
            {
                touched.insert(film_id);
                selections.push(selection::ActiveModel {
                    section_id: Set(*section_id),
                    film_id: Set(film_id),
                    source_id: Set(Some(self.source_id)),
                    source_line: Set(i64::try_from(r.line).ok()),
                    ..Default::default()
                });
            }
        }
        bulk::insert_new(
            db,
            countries,
            [film_country::Column::FilmId, film_country::Column::CountryCode],
        )
        .await?;
        bulk::insert_new(db, selections, [selection::Column::SectionId, selection::Column::FilmId])
            .await?;
        touched.extend(credit_people(db, self.source_id, Role::Director, at, people).await?);
        for (r, film_id) in rows.iter().zip(&film_ids) {
            let change = film_changes.get(&r.imdb_id).copied().unwrap_or(Change::Unchanged);
            out.count(change.and(film_id.is_some_and(|f| touched.contains(&f))));
        }
        Ok(out)
    }

    /// The countries and selections already recorded.
    async fn links(&self, db: &impl ConnectionTrait) -> Result<Links, sea_orm::DbErr> {
        let countries = film_country::Entity::find()
            .select_only()
            .columns([film_country::Column::FilmId, film_country::Column::CountryCode])
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let selections = selection::Entity::find()
            .select_only()
            .columns([selection::Column::SectionId, selection::Column::FilmId])
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Links { countries, selections })
    }
}

/// Links already in the database, so that a second run knows what it adds.
struct Links {
    countries: HashSet<(i64, String)>,
    selections: HashSet<(i64, i64)>,
}
