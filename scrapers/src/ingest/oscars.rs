//! The Academy Awards nominations into editions (one per ceremony), awards (one per canonical
//! category), nominations with their films and nominees, credits where a category names the
//! nominee's role on the film, and genders the acting categories declare.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use egalite_shared::entity::{award, nomination, nomination_film, nomination_person};
use egalite_shared::{AwardSubject, Gender, Role};
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
use crate::datasets::oscars::{self as parser, Nomination, NomineeId, PARSER_VERSION};

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "oscars";

/// The bundled file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "oscars_dlu",
        title: "Academy Awards: every nomination, 1927/28–2025 (DLu/oscar_data, from the Academy Awards Database with IMDb ids)",
        origin_url: "https://github.com/DLu/oscar_data/blob/c5e9716b7e020e70205d6b95f5a5678526c1b45f/oscars.csv",
        licence: "BSD-2-Clause (c) 2022 David V. Lu!!",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        relative_path: "oscars/oscars.tsv",
    }
}

/// The role a category names on the nominated film, where it names one.
fn role_of(canonical_category: &str) -> Option<Role> {
    let c = canonical_category;
    if c.starts_with("DIRECTING") {
        Some(Role::Director)
    } else if c.starts_with("ACTOR IN A LEADING ROLE") || c.starts_with("ACTRESS IN A LEADING ROLE")
    {
        Some(Role::LeadCast)
    } else if c.starts_with("WRITING") {
        Some(Role::Screenwriter)
    } else if c.starts_with("CINEMATOGRAPHY") {
        Some(Role::Cinematographer)
    } else if c.starts_with("FILM EDITING") {
        Some(Role::Editor)
    } else if c.starts_with("MUSIC (Original Score)")
        || c.starts_with("MUSIC (Original Dramatic Score)")
    {
        Some(Role::Composer)
    } else {
        None
    }
}

/// The gender an acting category declares (`ACTOR…` names men, `ACTRESS…` women).
fn declared_gender(canonical_category: &str) -> Option<Gender> {
    if canonical_category.starts_with("ACTRESS") {
        Some(Gender::Woman)
    } else if canonical_category.starts_with("ACTOR") {
        Some(Gender::Man)
    } else {
        None
    }
}

fn slug(s: &str) -> String {
    let key = crate::names::matching_key(s);
    key.split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The Academy Awards writer, with what it keeps across rows.
pub(crate) struct Oscars {
    source_id: i64,
    festival_id: i64,
    resolver: Resolver,
    /// Ceremony number → (year held, which ceremony of that year).
    ceremonies: BTreeMap<i32, (i32, i32)>,
    awards: HashMap<String, i64>,
    nominations: HashMap<(i64, i64, String), nomination::Model>,
    /// Natural keys seen in this run, to number repeats (two identical rows in one ceremony).
    seen: HashMap<(i64, i64, String), u32>,
    /// Every film each nominee is named with in the whole file: the evidence that matches them
    /// to a namesake another dataset credits on one of those films.
    films_of: HashMap<String, Vec<String>>,
}

impl Dataset for Oscars {
    type Record = Nomination;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<Nomination>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &Nomination) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        records: &[Nomination],
    ) -> Result<Self, IngestError> {
        let festival_id = Resolver::festival(db, "oscars").await?;
        let resolver = Resolver::load(db, source_id).await?;
        let mut by_year: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
        for r in records {
            if let Some(y) = r.ceremony_year() {
                let v = by_year.entry(y).or_default();
                if !v.contains(&r.ceremony) {
                    v.push(r.ceremony);
                }
            }
        }
        let mut films_of: HashMap<String, Vec<String>> = HashMap::new();
        for r in records {
            for n in &r.nominees {
                if let NomineeId::Person(id) = &n.id {
                    let films = films_of.entry(id.clone()).or_default();
                    films.extend(r.films.iter().map(|f| f.imdb_id.clone()));
                }
            }
        }
        let mut ceremonies = BTreeMap::new();
        for (year, mut numbers) in by_year {
            numbers.sort_unstable();
            for (i, n) in numbers.into_iter().enumerate() {
                ceremonies.insert(n, (year, i32::try_from(i + 1).unwrap_or(i32::MAX)));
            }
        }
        let awards = award::Entity::find()
            .filter(award::Column::FestivalId.eq(festival_id))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.slug, a.id))
            .collect::<HashMap<_, _>>();
        let award_ids: Vec<i64> = awards.values().copied().collect();
        let nominations = nomination::Entity::find()
            .filter(nomination::Column::AwardId.is_in(award_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|n| ((n.award_id, n.edition_id, n.natural_key.clone()), n))
            .collect();
        Ok(Self {
            source_id,
            festival_id,
            resolver,
            ceremonies,
            awards,
            nominations,
            seen: HashMap::new(),
            films_of,
        })
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

impl RowByRow for Oscars {
    async fn write(
        &mut self,
        db: &DatabaseTransaction,
        r: &Nomination,
    ) -> Result<Change, IngestError> {
        self.write_nomination(db, r).await
    }
}

impl Oscars {
    async fn award(
        &mut self,
        db: &impl ConnectionTrait,
        r: &Nomination,
    ) -> Result<i64, IngestError> {
        let slug = slug(&r.canonical_category);
        if let Some(id) = self.awards.get(&slug) {
            return Ok(*id);
        }
        let row = award::ActiveModel {
            festival_id: Set(self.festival_id),
            slug: Set(slug.clone()),
            name: Set(r.canonical_category.clone()),
            name_en: Set(None),
            name_fr: Set(None),
            subject: Set(if r.class == "Title" {
                AwardSubject::Film
            } else {
                AwardSubject::Person
            }),
            main_prize: Set(r.canonical_category == "BEST PICTURE"),
            ..Default::default()
        }
        .insert(db)
        .await?;
        self.awards.insert(slug, row.id);
        Ok(row.id)
    }

    async fn write_nomination(
        &mut self,
        db: &impl ConnectionTrait,
        r: &Nomination,
    ) -> Result<Change, IngestError> {
        let line = i64::try_from(r.line).ok();
        let (year, sequence) = self.ceremonies.get(&r.ceremony).copied().unwrap_or((0, 1));
        let label = r.film_year.clone();
        let number = r.ceremony;
        let edition_id = self
            .resolver
            .edition(db, self.festival_id, year, sequence, |mut e| {
                e.number = Set(Some(number));
                e.label = Set(Some(label));
                e
            })
            .await?;
        let award_id = self.award(db, r).await?;
        let films: Vec<String> = r.films.iter().map(|f| f.imdb_id.clone()).collect();
        let nominees: Vec<&str> = r.nominees.iter().map(|n| n.name.as_str()).collect();
        let base_key = format!(
            "{}|{}|{}|{}|{}",
            r.canonical_category,
            films.join(","),
            r.name,
            nominees.join(","),
            r.detail.as_deref().unwrap_or("")
        );
        let n = self.seen.entry((award_id, edition_id, base_key.clone())).or_insert(0);
        *n += 1;
        let key = if *n == 1 { base_key } else { format!("{base_key}#{n}") };
        let detail = r.detail.clone().or_else(|| (!r.name.is_empty()).then(|| r.name.clone()));
        let map_key = (award_id, edition_id, key.clone());
        let (nomination_id, mut change) = match self.nominations.get(&map_key) {
            Some(existing) if existing.won == r.won && existing.detail == detail => {
                (existing.id, Change::Unchanged)
            }
            Some(existing) => {
                let mut am: nomination::ActiveModel = existing.clone().into();
                am.won = Set(r.won);
                am.detail = Set(detail);
                am.source_line = Set(line);
                let updated = am.update(db).await?;
                let id = updated.id;
                self.nominations.insert(map_key, updated);
                (id, Change::Updated)
            }
            None => {
                let row = nomination::ActiveModel {
                    award_id: Set(award_id),
                    edition_id: Set(edition_id),
                    won: Set(r.won),
                    detail: Set(detail),
                    natural_key: Set(key),
                    source_id: Set(Some(self.source_id)),
                    source_line: Set(line),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                let id = row.id;
                self.nominations.insert(map_key, row);
                (id, Change::Inserted)
            }
        };
        let mut linked = false;
        let mut film_ids = Vec::with_capacity(r.films.len());
        for f in &r.films {
            let facts = FilmFacts {
                imdb_id: f.imdb_id.clone(),
                title: Some(f.title.clone()),
                year: r.film_year.parse().ok(),
                ..Default::default()
            };
            let (film_id, c) = self.resolver.film(db, &facts, line).await?;
            linked |= c != Change::Unchanged;
            film_ids.push(film_id);
            let res = nomination_film::Entity::insert(nomination_film::ActiveModel {
                nomination_id: Set(nomination_id),
                film_id: Set(film_id),
            })
            .on_conflict_do_nothing_on([
                nomination_film::Column::NominationId,
                nomination_film::Column::FilmId,
            ])
            .exec_without_returning(db)
            .await?;
            linked |= inserted(&res);
        }
        let role = role_of(&r.canonical_category);
        let gender = declared_gender(&r.canonical_category);
        for (position, nominee) in r.nominees.iter().enumerate() {
            match &nominee.id {
                NomineeId::Person(imdb_id) => {
                    let evidence = self
                        .films_of
                        .get(imdb_id)
                        .map(|f| self.resolver.known_films(f))
                        .unwrap_or_default();
                    let person_id = self
                        .resolver
                        .person_by_imdb(db, imdb_id, &nominee.name, &evidence, line)
                        .await?;
                    let res = nomination_person::Entity::insert(nomination_person::ActiveModel {
                        nomination_id: Set(nomination_id),
                        person_id: Set(person_id),
                        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                    })
                    .on_conflict_do_nothing_on([
                        nomination_person::Column::NominationId,
                        nomination_person::Column::PersonId,
                    ])
                    .exec_without_returning(db)
                    .await?;
                    linked |= inserted(&res);
                    if let Some(role) = role {
                        for film_id in &film_ids {
                            linked |= link_credit(
                                db,
                                *film_id,
                                person_id,
                                role,
                                position,
                                self.source_id,
                                line,
                            )
                            .await?;
                        }
                    }
                    if let Some(g) = gender {
                        let evidence = format!(
                            "Academy Awards category \"{}\" ({} ceremony, {}), which names {}",
                            r.category,
                            ordinal(r.ceremony),
                            r.film_year,
                            if g == Gender::Woman { "actresses" } else { "actors" }
                        );
                        linked |= self.resolver.declare_gender(db, person_id, g, &evidence).await?;
                    }
                }
                NomineeId::Company(imdb_id) => {
                    // An organisation: kept as one, never as a person.
                    self.resolver.organisation_by_imdb(db, imdb_id, &nominee.name, line).await?;
                }
                NomineeId::Unknown => {}
            }
        }
        change = change.and(linked);
        Ok(change)
    }
}

fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_name_roles_and_declared_genders() {
        assert_eq!(role_of("DIRECTING"), Some(Role::Director));
        assert_eq!(role_of("ACTRESS IN A LEADING ROLE"), Some(Role::LeadCast));
        assert_eq!(role_of("ACTRESS IN A SUPPORTING ROLE"), None);
        assert_eq!(declared_gender("ACTRESS IN A SUPPORTING ROLE"), Some(Gender::Woman));
        assert_eq!(declared_gender("ACTOR IN A LEADING ROLE"), Some(Gender::Man));
        assert_eq!(declared_gender("DIRECTING"), None);
        assert_eq!(slug("MUSIC (Original Song)"), "music-original-song");
        assert_eq!(ordinal(96), "96th");
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
    }
}
