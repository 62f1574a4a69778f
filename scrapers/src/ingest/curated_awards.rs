//! Curated award lists onto nominations. For a prize known by name and a year, the list is
//! authoritative for what it gives: its winners always, its nominees when it lists any. Each
//! film is found among the films the prize's nominations of that year already hold (IMDb id,
//! else title; a lone winner the data knows by IMDb id only is the lone winner the page names),
//! else anywhere by title, director and a near year, else created with its title. Its nomination
//! is confirmed (or made) under the curation's source, the people honoured are linked by name,
//! and the film's directors credited. What the data held that the list contradicts (a winner it
//! does not name, a nominee of a year it lists whole) is corrected and asked about.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use egalite_shared::entity::{award, film, nomination, nomination_film, nomination_person};
use egalite_shared::{ReviewKind, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use super::IngestError;
use super::credits::credit_people;
use super::curated_lineups::{create_film, fill_titles};
use super::dataset::{Dataset, Written};
use super::edition_lookup::Editions;
use super::film_match::{FilmIndex, Found, PageFilm};
use super::progress::Progress;
use super::resolve::{Change, NamedPerson, Resolver};
use super::review::{self, Question};
use super::source_file::SourceFile;
use crate::datasets::award_lists::{self as parser, AwardEntry, Outcome, PARSER_VERSION};
use crate::datasets::{Parsed, RowError};
use crate::named_awards::NamedAward;
use crate::names::matching_key;

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "curation_awards";

/// The curated award file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "curation_awards",
        title: "Égalité curation file: winners and nominees of named prizes read from public pages, with address, quote and date",
        origin_url: "data/curation/awards.csv",
        licence: "CC BY 4.0 (the project's curation); quotes are short citations of the pages named",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
        relative_path: "curation/awards.csv",
    }
}

/// A nomination the data held for the prize and year, with its film.
struct Held {
    nomination: nomination::Model,
    film: Option<i64>,
    titled: bool,
}

/// The award lists' writer.
pub(crate) struct CuratedAwards {
    source_id: i64,
    editions: Editions,
    films: FilmIndex,
    resolver: Resolver,
}

impl Dataset for CuratedAwards {
    type Record = AwardEntry;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<AwardEntry>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &AwardEntry) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        _records: &[AwardEntry],
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
        records: &[AwardEntry],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        let mut out = Written::default();
        let mut by_list: BTreeMap<(&'static str, i32), Vec<&AwardEntry>> = BTreeMap::new();
        for r in records {
            by_list.entry((r.award.key, r.year)).or_default().push(r);
        }
        let mut honoured: Vec<(i64, NamedPerson)> = Vec::new();
        let mut done = 0u64;
        for ((_, year), rows) in by_list {
            done += rows.len() as u64;
            progress.advance(done);
            let prize = rows[0].award;
            let edition = match self.editions.of(prize.festival, year) {
                Ok(e) => e,
                Err(reason) => {
                    out.rejects.extend(
                        rows.iter().map(|r| RowError { line: r.line, reason: reason.clone() }),
                    );
                    continue;
                }
            };
            let list = format!("{} {year}", prize.name);
            let award_id = self.award(db, edition.festival_id, prize).await?;
            let held = held(db, award_id, edition.id).await?;
            let pool: HashSet<i64> = held.iter().filter_map(|h| h.film).collect();
            let winners_listed = rows.iter().filter(|r| r.outcome == Outcome::Won).count();
            let lone_untitled_winner = match held
                .iter()
                .filter(|h| h.nomination.won && !h.titled)
                .collect::<Vec<_>>()
                .as_slice()
            {
                [one] if winners_listed == 1 => one.film,
                _ => None,
            };
            let mut confirmed: HashMap<i64, u64> = HashMap::new();
            for r in &rows {
                let Some(title) = r.title.as_deref() else {
                    // The prize not given: nothing to write; a winner the data holds is asked about.
                    for h in held.iter().filter(|h| h.nomination.won) {
                        self.ask(db, h, &format!("the page says the {list} was not given")).await?;
                    }
                    out.count(Change::Unchanged);
                    continue;
                };
                let page = PageFilm {
                    title,
                    original_title: r.original_title.as_deref(),
                    imdb_id: r.imdb_id.as_deref(),
                    directors: &r.directors,
                    year,
                };
                let found = match self.films.in_pool(&page, &pool) {
                    Found::None if r.outcome == Outcome::Won && lone_untitled_winner.is_some() => {
                        lone_untitled_winner.map_or(Found::None, Found::One)
                    }
                    Found::None => self.films.elsewhere(&page),
                    other => other,
                };
                let (film_id, mut change) = match found {
                    Found::One(id) => (
                        id,
                        fill_titles(db, &mut self.films, id, title, r.original_title.as_deref())
                            .await?,
                    ),
                    Found::Several(ids) => {
                        out.rejects.push(RowError {
                            line: r.line,
                            reason: format!(
                                "{title:?} ({list}) fits {} films: records {ids:?}; give its imdb_id",
                                ids.len()
                            ),
                        });
                        continue;
                    }
                    Found::None => {
                        let id = create_film(
                            db,
                            &mut self.films,
                            self.source_id,
                            r.line,
                            title,
                            r.original_title.as_deref(),
                            r.imdb_id.as_deref(),
                        )
                        .await?;
                        (id, Change::Inserted)
                    }
                };
                let won = r.outcome == Outcome::Won;
                let nomination_id = match held.iter().find(|h| h.film == Some(film_id)) {
                    Some(h) => {
                        let n = &h.nomination;
                        if n.won != won || n.source_id != Some(self.source_id) {
                            let mut am: nomination::ActiveModel = n.clone().into();
                            am.won = Set(won);
                            am.source_id = Set(Some(self.source_id));
                            am.source_line = Set(i64::try_from(r.line).ok());
                            am.update(db).await?;
                            change = change.and(true);
                        }
                        n.id
                    }
                    None => {
                        let n = nomination::ActiveModel {
                            award_id: Set(award_id),
                            edition_id: Set(edition.id),
                            section_id: Set(None),
                            won: Set(won),
                            detail: Set(None),
                            natural_key: Set(format!("curated|{}", matching_key(title))),
                            source_id: Set(Some(self.source_id)),
                            source_line: Set(i64::try_from(r.line).ok()),
                            ..Default::default()
                        }
                        .insert(db)
                        .await?;
                        nomination_film::ActiveModel {
                            nomination_id: Set(n.id),
                            film_id: Set(film_id),
                        }
                        .insert(db)
                        .await?;
                        change = change.and(true);
                        n.id
                    }
                };
                if let Some(line) = confirmed.insert(nomination_id, r.line) {
                    out.rejects.push(RowError {
                        line: r.line,
                        reason: format!("{title:?} is the film of line {line} again ({list})"),
                    });
                    continue;
                }
                for (position, name) in r.directors.iter().enumerate() {
                    honoured.push((
                        if prize.subject_is_person() { nomination_id } else { 0 },
                        NamedPerson {
                            name: name.clone(),
                            given_name: None,
                            family_name: None,
                            film_id,
                            role: Role::Director,
                            position,
                            context: format!("director of {title} ({list}, curated award list)"),
                            line: i64::try_from(r.line).ok(),
                            nomination_id: prize.subject_is_person().then_some(nomination_id),
                        },
                    ));
                }
                self.films.add_directors(film_id, &r.directors);
                out.count(change);
            }
            // What the list contradicts: a winner it does not name loses the win, a nominee of
            // a year it lists whole leaves the prize; each is asked about.
            // A list read only in part (a page cut short, a year no page gave whole) removes nothing.
            let lists_nominees = rows.iter().any(|r| r.outcome == Outcome::Nominated)
                && rows.iter().all(|r| r.whole_list);
            for h in held.iter().filter(|h| !confirmed.contains_key(&h.nomination.id)) {
                if lists_nominees {
                    self.ask(db, h, &format!("the curated {list} list does not name it: left out"))
                        .await?;
                    nomination::Entity::delete_by_id(h.nomination.id).exec(db).await?;
                } else if h.nomination.won && winners_listed > 0 {
                    self.ask(
                        db,
                        h,
                        &format!(
                            "the curated {list} list names other winners: counted as nominated"
                        ),
                    )
                    .await?;
                    let mut am: nomination::ActiveModel = h.nomination.clone().into();
                    am.won = Set(false);
                    am.update(db).await?;
                }
            }
        }
        let (links, named): (Vec<i64>, Vec<NamedPerson>) = honoured.into_iter().unzip();
        let places = named.iter().map(|n| (n.film_id, n.position, n.line)).collect();
        let people = self.resolver.people_by_name(db, &named).await?;
        let linked: HashSet<(i64, i64)> = nomination_person::Entity::find()
            .filter(
                nomination_person::Column::NominationId
                    .is_in(links.iter().copied().filter(|n| *n != 0)),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.nomination_id, l.person_id))
            .collect();
        for ((nomination_id, n), person) in links.iter().zip(&named).zip(&people) {
            if let Some(person_id) = person
                && *nomination_id != 0
                && !linked.contains(&(*nomination_id, *person_id))
            {
                nomination_person::ActiveModel {
                    nomination_id: Set(*nomination_id),
                    person_id: Set(*person_id),
                    position: Set(i32::try_from(n.position).unwrap_or(i32::MAX)),
                }
                .insert(db)
                .await?;
            }
        }
        credit_people(db, self.source_id, Role::Director, places, people).await?;
        Ok(out)
    }
}

/// The prize's nominations of one edition, with their films.
async fn held(
    db: &impl ConnectionTrait,
    award_id: i64,
    edition_id: i64,
) -> Result<Vec<Held>, IngestError> {
    let nominations = nomination::Entity::find()
        .filter(nomination::Column::AwardId.eq(award_id))
        .filter(nomination::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let ids: Vec<i64> = nominations.iter().map(|n| n.id).collect();
    let film_of: HashMap<i64, i64> = nomination_film::Entity::find()
        .filter(nomination_film::Column::NominationId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.nomination_id, l.film_id))
        .collect();
    let film_ids: Vec<i64> = film_of.values().copied().collect();
    let titled: HashSet<i64> = film::Entity::find()
        .filter(film::Column::Id.is_in(film_ids))
        .filter(film::Column::Title.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect();
    Ok(nominations
        .into_iter()
        .map(|n| {
            let film = film_of.get(&n.id).copied();
            Held { titled: film.is_some_and(|f| titled.contains(&f)), film, nomination: n }
        })
        .collect())
}

impl CuratedAwards {
    /// The prize's award row, created if the data has none yet.
    async fn award(
        &self,
        db: &impl ConnectionTrait,
        festival_id: i64,
        prize: NamedAward,
    ) -> Result<i64, IngestError> {
        if let Some(a) = award::Entity::find()
            .filter(award::Column::FestivalId.eq(festival_id))
            .filter(award::Column::Slug.eq(prize.slug))
            .one(db)
            .await?
        {
            return Ok(a.id);
        }
        let row = award::ActiveModel {
            festival_id: Set(festival_id),
            slug: Set(prize.slug.to_owned()),
            name: Set(prize.name.to_owned()),
            name_en: Set(None),
            name_fr: Set(None),
            subject: Set(prize.subject),
            main_prize: Set(prize.main_prize),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(row.id)
    }

    async fn ask(
        &self,
        db: &impl ConnectionTrait,
        h: &Held,
        what: &str,
    ) -> Result<(), IngestError> {
        review::ask(
            db,
            Question {
                kind: ReviewKind::EntityMatch,
                table: "nominations",
                subject: Some(h.nomination.id),
                reason: format!(
                    "nomination {} (film {}, source {}, {}): {what}",
                    h.nomination.id,
                    h.film.map_or("none".to_owned(), |f| f.to_string()),
                    h.nomination.source_id.map_or("unknown".to_owned(), |s| s.to_string()),
                    if h.nomination.won { "won" } else { "nominated" },
                ),
                proposal: serde_json::json!({
                    "nomination_id": h.nomination.id,
                    "film_id": h.film,
                    "won": h.nomination.won,
                    "natural_key": h.nomination.natural_key,
                }),
                candidates: None,
                source_id: self.source_id,
            },
        )
        .await?;
        Ok(())
    }
}
