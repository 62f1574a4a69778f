//! The Cannes competition dataset into editions, sections, films, production countries, directors,
//! credits and selections. 2020 had no competition: its films go into a `label` section, kept
//! apart from competition figures.

use std::collections::HashMap;

use chrono::NaiveDate;
use egalite_shared::entity::{film_country, section, selection};
use egalite_shared::{Role, SectionKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use super::IngestError;
use super::dataset::{Dataset, RowByRow, Written, write_each};
use super::links::{inserted, link_credit};
use super::progress::Progress;
use super::resolve::{Change, FilmFacts, Resolver};
use super::source_file::SourceFile;
use crate::datasets::Parsed;
use crate::datasets::cannes_competition::{self as parser, CompetitionFilm, PARSER_VERSION};

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
        write_each(self, db, records, progress).await
    }
}

impl RowByRow for CannesCompetition {
    fn check(&self, record: &CompetitionFilm) -> Result<(), String> {
        match record.countries.iter().find(|c| !self.resolver.countries.contains(*c)) {
            Some(bad) => Err(format!("country {bad:?} is not in the countries table")),
            None => Ok(()),
        }
    }

    async fn write(
        &mut self,
        db: &DatabaseTransaction,
        r: &CompetitionFilm,
    ) -> Result<Change, IngestError> {
        self.write_film(db, r).await
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

    async fn write_film(
        &mut self,
        db: &impl ConnectionTrait,
        r: &CompetitionFilm,
    ) -> Result<Change, IngestError> {
        let line = i64::try_from(r.line).ok();
        let edition_id = self
            .resolver
            .edition(db, self.festival_id, r.year, 1, |mut e| {
                if r.year == 2020 {
                    e.notes = Set(Some(
                        "Festival not held; the Official Selection was published as the Cannes 2020 label, without a competition".to_owned(),
                    ));
                }
                e
            })
            .await?;
        let section_id = self.section(db, edition_id, r.year).await?;
        let facts = FilmFacts {
            imdb_id: r.imdb_id.clone(),
            title: Some(r.title.clone()),
            original_title: r.original_title.clone(),
            runtime_minutes: r.runtime_minutes,
            year: None,
        };
        let (film_id, change) = self.resolver.film(db, &facts, line).await?;
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
        let context = format!("director of {} ({}), Cannes {}", r.title, r.imdb_id, r.year);
        for (i, name) in r.directors.iter().enumerate() {
            let Some(person_id) =
                self.resolver.person_by_name(db, name, film_id, &context, line).await?
            else {
                continue;
            };
            linked |= link_credit(db, film_id, person_id, Role::Director, i, self.source_id, line)
                .await?;
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
        Ok(change.and(linked))
    }
}
