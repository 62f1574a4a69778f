//! Curated line-ups onto editions. A curated line-up is authoritative for its edition's section:
//! each film it lists is found among the films the section already holds (IMDb id, else title
//! with directors that do not disagree), else anywhere by title, director and a near year, else
//! created with its title; it is selected there and its directors credited. A selection the
//! curated line-up does not list leaves the section and goes to the review queue, so a film is
//! never counted twice under two records. A row for an edition the festival did not hold, or
//! whose film fits two films, is refused with its line.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use egalite_shared::entity::{film, section, selection};
use egalite_shared::{ReviewKind, Role, SectionKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use super::IngestError;
use super::credits::credit_people;
use super::dataset::{Dataset, Written};
use super::edition_lookup::Editions;
use super::film_match::{FilmIndex, Found, PageFilm};
use super::progress::Progress;
use super::resolve::{Change, NamedPerson, Resolver};
use super::review::{self, Question};
use super::source_file::SourceFile;
use crate::datasets::lineups::{self as parser, LineupFilm, PARSER_VERSION};
use crate::datasets::{Parsed, RowError};
use crate::names::matching_key;

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "curation_lineups";

/// The curated line-up file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "curation_lineups",
        title: "Égalité curation file: festival line-ups read from public pages, with address, quote and date",
        origin_url: "data/curation/lineups.csv",
        licence: "CC BY 4.0 (the project's curation); quotes are short citations of the pages named",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
        relative_path: "curation/lineups.csv",
    }
}

/// The line-ups' writer.
pub(crate) struct CuratedLineups {
    source_id: i64,
    editions: Editions,
    films: FilmIndex,
    resolver: Resolver,
}

impl Dataset for CuratedLineups {
    type Record = LineupFilm;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<LineupFilm>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &LineupFilm) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        _records: &[LineupFilm],
    ) -> Result<Self, IngestError> {
        Ok(Self {
            source_id,
            editions: Editions::load(db).await?,
            films: FilmIndex::load(db).await?,
            resolver: Resolver::load(db, source_id).await?,
        })
    }

    async fn write_all(
        &mut self,
        db: &DatabaseTransaction,
        records: &[LineupFilm],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        let mut out = Written::default();
        let mut by_list: BTreeMap<(String, i32, String), Vec<&LineupFilm>> = BTreeMap::new();
        for r in records {
            by_list.entry((r.festival.clone(), r.year, r.section.clone())).or_default().push(r);
        }
        let mut named = Vec::new();
        let mut places = Vec::new();
        let mut done = 0u64;
        for ((festival, year, slug), rows) in by_list {
            done += rows.len() as u64;
            progress.advance(done);
            let edition = match self.editions.of(&festival, year) {
                Ok(e) => e,
                Err(reason) => {
                    out.rejects.extend(
                        rows.iter().map(|r| RowError { line: r.line, reason: reason.clone() }),
                    );
                    continue;
                }
            };
            let list = format!("{} {year} {slug}", self.editions.name(&festival));
            let section_id = self.section(db, edition.id, &slug).await?;
            let held: Vec<selection::Model> = selection::Entity::find()
                .filter(selection::Column::SectionId.eq(section_id))
                .all(db)
                .await?;
            let pool: HashSet<i64> = held.iter().map(|s| s.film_id).collect();
            let mut listed: HashMap<i64, u64> = HashMap::new();
            for r in rows {
                let page = PageFilm {
                    title: &r.title,
                    original_title: r.original_title.as_deref(),
                    imdb_id: r.imdb_id.as_deref(),
                    directors: &r.directors,
                    year,
                };
                let found = match self.films.in_pool(&page, &pool) {
                    Found::None => self.films.elsewhere(&page),
                    other => other,
                };
                let (film_id, mut change) = match found {
                    Found::One(id) => (id, self.fill_titles(db, id, r).await?),
                    Found::Several(ids) => {
                        // The films it could be stay where they are until a curator says which.
                        for id in ids.iter().filter(|id| pool.contains(id)) {
                            listed.insert(*id, r.line);
                        }
                        out.rejects.push(RowError {
                            line: r.line,
                            reason: format!(
                                "{:?} ({list}) fits {} films: records {ids:?}; give its imdb_id",
                                r.title,
                                ids.len()
                            ),
                        });
                        continue;
                    }
                    Found::None => (self.create_film(db, r).await?, Change::Inserted),
                };
                if let Some(line) = listed.insert(film_id, r.line) {
                    out.rejects.push(RowError {
                        line: r.line,
                        reason: format!(
                            "{:?} is the film of line {line} again ({list}, record {film_id})",
                            r.title
                        ),
                    });
                    continue;
                }
                if !pool.contains(&film_id) {
                    selection::ActiveModel {
                        section_id: Set(section_id),
                        film_id: Set(film_id),
                        source_id: Set(Some(self.source_id)),
                        source_line: Set(i64::try_from(r.line).ok()),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?;
                    self.films.add_year(film_id, year);
                    change = change.and(true);
                }
                for (position, name) in r.directors.iter().enumerate() {
                    named.push(NamedPerson {
                        name: name.clone(),
                        given_name: None,
                        family_name: None,
                        film_id,
                        role: Role::Director,
                        position,
                        context: format!("director of {} ({list}, curated line-up)", r.title),
                        line: i64::try_from(r.line).ok(),
                        nomination_id: None,
                    });
                    places.push((film_id, position, i64::try_from(r.line).ok()));
                }
                self.films.add_directors(film_id, &r.directors);
                out.count(change);
            }
            // What the section held that the page does not list leaves it, and is asked about.
            for s in held.iter().filter(|s| !listed.contains_key(&s.film_id)) {
                let f = film::Entity::find_by_id(s.film_id).one(db).await?;
                let (title, imdb) = f.map(|f| (f.title, f.imdb_id)).unwrap_or_default();
                review::ask(
                    db,
                    Question {
                        kind: ReviewKind::EntityMatch,
                        table: "films",
                        subject: Some(s.film_id),
                        reason: format!(
                            "film {} ({}, IMDb {}) was in the {list} line-up of source {} but the curated line-up does not list it: left out; is it one of the curated films under another record?",
                            s.film_id,
                            title.as_deref().unwrap_or("no title"),
                            imdb.as_deref().unwrap_or("none"),
                            s.source_id.map_or("unknown".to_owned(), |id| id.to_string()),
                        ),
                        proposal: serde_json::json!({
                            "section_id": section_id,
                            "film_id": s.film_id,
                            "imdb_id": imdb,
                            "source_id": s.source_id,
                            "source_line": s.source_line,
                        }),
                        candidates: None,
                        source_id: self.source_id,
                    },
                )
                .await?;
                selection::Entity::delete_by_id(s.id).exec(db).await?;
            }
        }
        let people = self.resolver.people_by_name(db, &named).await?;
        credit_people(db, self.source_id, Role::Director, places, people).await?;
        Ok(out)
    }
}

impl CuratedLineups {
    /// The section `slug` of an edition, created if missing.
    async fn section(
        &self,
        db: &impl ConnectionTrait,
        edition_id: i64,
        slug: &str,
    ) -> Result<i64, IngestError> {
        if let Some(s) = section::Entity::find()
            .filter(section::Column::EditionId.eq(edition_id))
            .filter(section::Column::Slug.eq(slug))
            .one(db)
            .await?
        {
            return Ok(s.id);
        }
        let row = section::ActiveModel {
            edition_id: Set(edition_id),
            slug: Set(slug.to_owned()),
            name: Set("Competition".to_owned()),
            kind: Set(SectionKind::Competition),
            source_id: Set(Some(self.source_id)),
            source_line: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(row.id)
    }

    /// Gives a found film the titles the page gives, where it has none.
    async fn fill_titles(
        &mut self,
        db: &impl ConnectionTrait,
        film_id: i64,
        r: &LineupFilm,
    ) -> Result<Change, IngestError> {
        fill_titles(db, &mut self.films, film_id, &r.title, r.original_title.as_deref()).await
    }

    async fn create_film(
        &mut self,
        db: &impl ConnectionTrait,
        r: &LineupFilm,
    ) -> Result<i64, IngestError> {
        create_film(
            db,
            &mut self.films,
            self.source_id,
            r.line,
            &r.title,
            r.original_title.as_deref(),
            r.imdb_id.as_deref(),
        )
        .await
    }
}

/// Gives a film a page's titles where it has none; a title it has is kept.
pub(crate) async fn fill_titles(
    db: &impl ConnectionTrait,
    films: &mut FilmIndex,
    film_id: i64,
    title: &str,
    original_title: Option<&str>,
) -> Result<Change, IngestError> {
    let Some(f) = film::Entity::find_by_id(film_id).one(db).await? else {
        return Ok(Change::Unchanged);
    };
    let (new_title, new_original) = (
        f.title.is_none().then(|| title.to_owned()),
        f.original_title.is_none().then(|| original_title.map(str::to_owned)).flatten(),
    );
    if new_title.is_none() && new_original.is_none() {
        return Ok(Change::Unchanged);
    }
    films.add(film_id, new_title.as_deref(), new_original.as_deref(), None);
    let mut am: film::ActiveModel = f.into();
    if let Some(t) = new_title {
        am.normalized_title = Set(Some(matching_key(&t)));
        am.title = Set(Some(t));
    }
    if let Some(o) = new_original {
        am.original_title = Set(Some(o));
    }
    am.updated_at = Set(Utc::now());
    am.update(db).await?;
    Ok(Change::Updated)
}

/// Creates a film a page names that no record holds, with its titles.
pub(crate) async fn create_film(
    db: &impl ConnectionTrait,
    films: &mut FilmIndex,
    source_id: i64,
    line: u64,
    title: &str,
    original_title: Option<&str>,
    imdb_id: Option<&str>,
) -> Result<i64, IngestError> {
    let now = Utc::now();
    let row = film::ActiveModel {
        title: Set(Some(title.to_owned())),
        original_title: Set(original_title.map(str::to_owned)),
        normalized_title: Set(Some(matching_key(title))),
        imdb_id: Set(imdb_id.map(str::to_owned)),
        source_id: Set(Some(source_id)),
        source_line: Set(i64::try_from(line).ok()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    films.add(row.id, Some(title), original_title, imdb_id);
    Ok(row.id)
}
