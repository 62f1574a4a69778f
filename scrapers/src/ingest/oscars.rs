//! The Academy Awards nominations into editions (one per ceremony), awards (one per canonical
//! category), nominations with their films and nominees, credits where a category names the
//! nominee's role on the film, and genders the acting categories declare.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use egalite_shared::entity::{award, credit, nomination, nomination_film, nomination_person};
use egalite_shared::{AwardSubject, Gender, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Set,
};

use super::IngestError;
use super::bulk;
use super::dataset::{Dataset, Written};
use super::progress::Progress;
use super::resolve::{Change, FilmFacts, ImdbPerson, Resolver};
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

/// Links already in the database, so that a second run knows what it adds.
struct Links {
    films: HashSet<(i64, i64)>,
    people: HashSet<(i64, i64)>,
    credits: HashSet<(i64, i64, Role)>,
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
        self.write_bulk(db, records, progress).await
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

    /// The edition of a ceremony, created if new.
    async fn edition(
        &mut self,
        db: &impl ConnectionTrait,
        r: &Nomination,
    ) -> Result<i64, IngestError> {
        let (year, sequence) = self.ceremonies.get(&r.ceremony).copied().unwrap_or((0, 1));
        let label = r.film_year.clone();
        let number = r.ceremony;
        Ok(self
            .resolver
            .edition(db, self.festival_id, year, sequence, |mut e| {
                e.number = Set(Some(number));
                e.label = Set(Some(label));
                e
            })
            .await?)
    }

    /// Writes every nomination: editions and awards as first met, then films, nominations,
    /// people and links in bulk, and the genders the acting categories declare.
    async fn write_bulk(
        &mut self,
        db: &impl ConnectionTrait,
        records: &[Nomination],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        let mut out = Written::default();
        let mut keys = Vec::with_capacity(records.len());
        for r in records {
            let edition_id = self.edition(db, r).await?;
            let award_id = self.award(db, r).await?;
            let films: Vec<&str> = r.films.iter().map(|f| f.imdb_id.as_str()).collect();
            let nominees: Vec<&str> = r.nominees.iter().map(|n| n.name.as_str()).collect();
            let base = format!(
                "{}|{}|{}|{}|{}",
                r.canonical_category,
                films.join(","),
                r.name,
                nominees.join(","),
                r.detail.as_deref().unwrap_or("")
            );
            let n = self.seen.entry((award_id, edition_id, base.clone())).or_insert(0);
            *n += 1;
            let key = if *n == 1 { base } else { format!("{base}#{n}") };
            keys.push((award_id, edition_id, key));
        }
        progress.advance((records.len() / 10) as u64);

        let film_changes = self
            .resolver
            .films(
                db,
                records.iter().flat_map(|r| {
                    r.films.iter().map(|f| {
                        (
                            FilmFacts {
                                imdb_id: f.imdb_id.clone(),
                                title: Some(f.title.clone()),
                                year: r.film_year.parse().ok(),
                                ..Default::default()
                            },
                            i64::try_from(r.line).ok(),
                        )
                    })
                }),
            )
            .await?;
        progress.advance((records.len() / 4) as u64);

        // Nominations: new ones in bulk, corrected ones one by one.
        let mut changes = Vec::with_capacity(records.len());
        let mut new = Vec::new();
        for (r, key) in records.iter().zip(&keys) {
            let line = i64::try_from(r.line).ok();
            let detail = r.detail.clone().or_else(|| (!r.name.is_empty()).then(|| r.name.clone()));
            let change = match self.nominations.get(key) {
                Some(e) if e.won == r.won && e.detail == detail => Change::Unchanged,
                Some(e) => {
                    let mut am: nomination::ActiveModel = e.clone().into();
                    am.won = Set(r.won);
                    am.detail = Set(detail);
                    am.source_line = Set(line);
                    am.update(db).await?;
                    Change::Updated
                }
                None => {
                    new.push(nomination::ActiveModel {
                        award_id: Set(key.0),
                        edition_id: Set(key.1),
                        won: Set(r.won),
                        detail: Set(detail),
                        natural_key: Set(key.2.clone()),
                        source_id: Set(Some(self.source_id)),
                        source_line: Set(line),
                        ..Default::default()
                    });
                    Change::Inserted
                }
            };
            changes.push(change);
        }
        bulk::insert_all(db, new).await?;
        let award_ids: Vec<i64> = self.awards.values().copied().collect();
        let ids: HashMap<(i64, i64, String), i64> = nomination::Entity::find()
            .select_only()
            .columns([
                nomination::Column::Id,
                nomination::Column::AwardId,
                nomination::Column::EditionId,
                nomination::Column::NaturalKey,
            ])
            .filter(nomination::Column::AwardId.is_in(award_ids))
            .into_tuple::<(i64, i64, i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, a, e, k)| ((a, e, k), id))
            .collect();
        progress.advance((records.len() / 2) as u64);

        // People by IMDb id, each with every film the file names them on, and those films'
        // years, as evidence.
        let mut years_of: HashMap<&str, Vec<i32>> = HashMap::new();
        for r in records {
            let year: Option<i32> = r.film_year.get(..4).and_then(|y| y.parse().ok());
            for n in &r.nominees {
                if let (NomineeId::Person(imdb_id), Some(y)) = (&n.id, year) {
                    years_of.entry(imdb_id.as_str()).or_default().push(y);
                }
            }
        }
        let mut named = Vec::new();
        for r in records {
            for n in &r.nominees {
                if let NomineeId::Person(imdb_id) = &n.id {
                    let films = self
                        .films_of
                        .get(imdb_id)
                        .map(|f| self.resolver.known_films(f))
                        .unwrap_or_default();
                    named.push(ImdbPerson {
                        imdb_id: imdb_id.clone(),
                        name: n.name.clone(),
                        films,
                        years: years_of.get(imdb_id.as_str()).cloned().unwrap_or_default(),
                        line: i64::try_from(r.line).ok(),
                    });
                }
            }
        }
        let people = self.resolver.people_by_imdb(db, &named).await?;
        for r in records {
            for n in &r.nominees {
                if let NomineeId::Company(imdb_id) = &n.id {
                    // An organisation: kept as one, never as a person.
                    self.resolver
                        .organisation_by_imdb(db, imdb_id, &n.name, i64::try_from(r.line).ok())
                        .await?;
                }
            }
        }
        progress.advance((records.len() * 3 / 4) as u64);

        // Links, and the genders the acting categories declare (the first row naming a person
        // gives the evidence).
        let existing = self.links(db).await?;
        let mut film_links = Vec::new();
        let mut person_links = Vec::new();
        let mut credits = Vec::new();
        let mut queued = HashSet::new();
        let mut declared: HashMap<i64, (Gender, String)> = HashMap::new();
        let mut declared_by: Vec<Vec<i64>> = Vec::with_capacity(records.len());
        for (i, (r, key)) in records.iter().zip(&keys).enumerate() {
            let Some(nomination_id) = ids.get(key).copied() else {
                declared_by.push(Vec::new());
                continue;
            };
            let line = i64::try_from(r.line).ok();
            let mut linked = r.films.iter().any(|f| film_changes.contains_key(&f.imdb_id));
            let film_ids: Vec<i64> =
                r.films.iter().filter_map(|f| self.resolver.film_id(&f.imdb_id)).collect();
            for film_id in &film_ids {
                if !existing.films.contains(&(nomination_id, *film_id))
                    && queued.insert(("f", nomination_id, *film_id, Role::Director))
                {
                    film_links.push(nomination_film::ActiveModel {
                        nomination_id: Set(nomination_id),
                        film_id: Set(*film_id),
                    });
                    linked = true;
                }
            }
            let role = role_of(&r.canonical_category);
            let gender = declared_gender(&r.canonical_category);
            let mut mine = Vec::new();
            for (position, n) in r.nominees.iter().enumerate() {
                let NomineeId::Person(imdb_id) = &n.id else { continue };
                let Some(person_id) = people.get(imdb_id).copied() else { continue };
                if !existing.people.contains(&(nomination_id, person_id))
                    && queued.insert(("p", nomination_id, person_id, Role::Director))
                {
                    person_links.push(nomination_person::ActiveModel {
                        nomination_id: Set(nomination_id),
                        person_id: Set(person_id),
                        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                    });
                    linked = true;
                }
                if let Some(role) = role {
                    for film_id in &film_ids {
                        if !existing.credits.contains(&(*film_id, person_id, role))
                            && queued.insert(("c", *film_id, person_id, role))
                        {
                            credits.push(credit::ActiveModel {
                                film_id: Set(*film_id),
                                person_id: Set(person_id),
                                role: Set(role),
                                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                                credited_as: Set(None),
                                source_id: Set(Some(self.source_id)),
                                source_line: Set(line),
                                ..Default::default()
                            });
                            linked = true;
                        }
                    }
                }
                if let Some(g) = gender {
                    declared.entry(person_id).or_insert_with(|| {
                        let evidence = format!(
                            "Academy Awards category \"{}\" ({} ceremony, {}), which names {}",
                            r.category,
                            ordinal(r.ceremony),
                            r.film_year,
                            if g == Gender::Woman { "actresses" } else { "actors" }
                        );
                        (g, evidence)
                    });
                    mine.push(person_id);
                }
            }
            declared_by.push(mine);
            changes[i] = changes[i].and(linked);
        }
        bulk::insert_new(
            db,
            film_links,
            [nomination_film::Column::NominationId, nomination_film::Column::FilmId],
        )
        .await?;
        bulk::insert_new(
            db,
            person_links,
            [nomination_person::Column::NominationId, nomination_person::Column::PersonId],
        )
        .await?;
        bulk::insert_new(
            db,
            credits,
            [credit::Column::FilmId, credit::Column::PersonId, credit::Column::Role],
        )
        .await?;
        let changed = self.resolver.declare_genders(db, &declared).await?;
        // A declared gender changed the first row that names the person.
        let mut told = HashSet::new();
        for (i, mine) in declared_by.iter().enumerate() {
            let first = mine.iter().any(|p| changed.contains(p) && told.insert(*p));
            out.count(changes[i].and(first));
        }
        Ok(out)
    }

    /// The links this dataset's nominations already have, and every credit.
    async fn links(&self, db: &impl ConnectionTrait) -> Result<Links, sea_orm::DbErr> {
        let nominations: Vec<i64> = nomination::Entity::find()
            .select_only()
            .column(nomination::Column::Id)
            .filter(nomination::Column::SourceId.eq(self.source_id))
            .into_tuple()
            .all(db)
            .await?;
        let mine: HashSet<i64> = nominations.into_iter().collect();
        let films: HashSet<(i64, i64)> = nomination_film::Entity::find()
            .select_only()
            .columns([nomination_film::Column::NominationId, nomination_film::Column::FilmId])
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
            .into_iter()
            .filter(|(n, _)| mine.contains(n))
            .collect();
        let people: HashSet<(i64, i64)> = nomination_person::Entity::find()
            .select_only()
            .columns([nomination_person::Column::NominationId, nomination_person::Column::PersonId])
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
            .into_iter()
            .filter(|(n, _)| mine.contains(n))
            .collect();
        let credits: HashSet<(i64, i64, Role)> = credit::Entity::find()
            .select_only()
            .columns([credit::Column::FilmId, credit::Column::PersonId, credit::Column::Role])
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Links { films, people, credits })
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
