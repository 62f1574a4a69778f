//! IMDb's nominees and winners of Cannes, Berlin, Venice and the César into editions, awards (one
//! per award and category), nominations with their films, and the competition line-ups the main
//! prizes' nominee lists make. Films are known by IMDb id only. The Academy Awards rows are left
//! to the `oscars` dataset, which names the nominees; a line-up another dataset already gives
//! (the Cannes competition 1946–2025, with directors) is not added to.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use egalite_shared::entity::{
    award, nomination, nomination_film, nomination_person, section, selection,
};
use egalite_shared::{AwardSubject, SectionKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Set,
};

use super::IngestError;
use super::bulk;
use super::dataset::{Dataset, Written};
use super::lookup::rows_where_in;
use super::progress::Progress;
use super::resolve::{Change, FilmFacts, ImdbPerson, Resolver};
use super::source_file::SourceFile;
use crate::datasets::festival_nominations::{self as parser, FestivalNomination, PARSER_VERSION};
use crate::datasets::{Parsed, RowError};
use crate::named_awards;

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "festival_nominations_imdb";

/// The bundled file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "festival_nominations_imdb",
        title: "Cannes, Berlin, Venice, César and Academy Awards nominees and winners as IMDb lists them, by IMDb title id (Kometa-Team/IMDb-Awards)",
        origin_url: "https://github.com/Kometa-Team/IMDb-Awards/tree/0989bfecccb5d2663f092b714b152a317a6c9418/events",
        licence: "MIT (c) 2026 meisnate12 (Kometa-Team); facts from IMDb award pages",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        relative_path: "festival_nominations_imdb/imdb_awards_cannes_berlin_venice_cesar_oscars.csv",
    }
}

/// The festival (by slug) an IMDb event id stands for, and whether this dataset loads it.
fn festival_of(event_id: &str) -> Option<(&'static str, bool)> {
    match event_id {
        "ev0000147" => Some(("cannes", true)),
        "ev0000091" => Some(("berlin", true)),
        "ev0000681" => Some(("venice", true)),
        "ev0000157" => Some(("cesar", true)),
        // The `oscars` dataset holds the same nominations with the nominees' names.
        "ev0000003" => Some(("oscars", false)),
        _ => None,
    }
}

/// A section of an edition: slug, name and kind.
type SectionShape = (&'static str, &'static str, SectionKind);

/// The section whose line-up a nomination to this award and category lists: the nominees of a
/// festival's main prize are its competition.
fn lineup(festival: &str, award: &str, category: &str) -> Option<SectionShape> {
    match festival {
        "cannes" if award == "palme d'or" && category == "palme d'or" => {
            Some(("competition", "Compétition", SectionKind::Competition))
        }
        "cannes" if award == "un certain regard award" => {
            Some(("un-certain-regard", "Un Certain Regard", SectionKind::Parallel))
        }
        "berlin" if award == "golden berlin bear" && !category.contains("short") => {
            Some(("competition", "Wettbewerb", SectionKind::Competition))
        }
        "venice" if award == "golden lion" && matches!(category, "golden lion" | "best film") => {
            Some(("competition", "Concorso", SectionKind::Competition))
        }
        _ => None,
    }
}

/// Whether this award and category is the festival's main prize.
fn main_prize(festival: &str, award: &str, category: &str) -> bool {
    lineup(festival, award, category).is_some_and(|(_, _, kind)| kind == SectionKind::Competition)
        || (festival == "cesar" && category.starts_with("best film (meilleur film)"))
}

/// Whether the award goes to a person (IMDb reduces those nominations to the person's film).
fn subject(award: &str, category: &str) -> AwardSubject {
    const PERSONAL: &[&str] = &[
        "actor",
        "actress",
        "director",
        "screenplay",
        "performance",
        "volpi",
        "mastroianni",
        "acteur",
        "actrice",
        "réalisat",
        "espoir",
        "scénario",
    ];
    let text = format!("{award} {category}");
    if PERSONAL.iter().any(|w| text.contains(w)) {
        AwardSubject::Person
    } else {
        AwardSubject::Film
    }
}

fn slug(s: &str) -> String {
    let key = crate::names::matching_key(s);
    key.split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The award's slug and display name: a prize known by name has its own; else the category alone
/// names it when it repeats the award.
fn award_names(award: &str, category: &str) -> (String, String) {
    if let Some(named) = named_awards::of_imdb(award, category) {
        return (named.slug.to_owned(), named.name.to_owned());
    }
    let name = if award == category { award.to_owned() } else { format!("{award} — {category}") };
    let mut chars = name.chars();
    let display = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    let slug = if award == category {
        format!("imdb-{}", slug(award))
    } else {
        format!("imdb-{}--{}", slug(award), slug(category))
    };
    (slug, display)
}

/// The IMDb nominations' writer.
pub(crate) struct FestivalNominations {
    source_id: i64,
    festivals: HashMap<&'static str, i64>,
    resolver: Resolver,
}

impl Dataset for FestivalNominations {
    type Record = FestivalNomination;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<FestivalNomination>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &FestivalNomination) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        _records: &[FestivalNomination],
    ) -> Result<Self, IngestError> {
        let mut festivals = HashMap::new();
        for slug in ["cannes", "berlin", "venice", "cesar"] {
            festivals.insert(slug, Resolver::festival(db, slug).await?);
        }
        let resolver = Resolver::load(db, source_id).await?;
        Ok(Self { source_id, festivals, resolver })
    }

    async fn write_all(
        &mut self,
        db: &DatabaseTransaction,
        records: &[FestivalNomination],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        let mut out = Written::default();
        let mut kept: Vec<(&FestivalNomination, i64, &'static str)> = Vec::new();
        for r in records {
            match festival_of(&r.event_id) {
                Some((slug, true)) => {
                    if let Some(id) = self.festivals.get(slug) {
                        kept.push((r, *id, slug));
                    }
                }
                Some((_, false)) => out.counts.skipped += 1,
                None => out.rejects.push(RowError {
                    line: r.line,
                    reason: format!(
                        "imdb_event_id {:?} is not a festival the platform follows",
                        r.event_id
                    ),
                }),
            }
        }
        progress.advance(0);

        // Editions, awards and sections: a few hundred, written one by one as first met.
        let mut editions = HashMap::new();
        for (r, festival_id, _) in &kept {
            if let std::collections::hash_map::Entry::Vacant(e) =
                editions.entry((*festival_id, r.year, r.sequence))
            {
                let id = self.resolver.edition(db, *festival_id, r.year, r.sequence, |e| e).await?;
                e.insert(id);
            }
        }
        let mut awards: HashMap<(i64, String), i64> = award::Entity::find()
            .filter(award::Column::FestivalId.is_in(self.festivals.values().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|a| ((a.festival_id, a.slug), a.id))
            .collect();
        // New awards in one go, then every row's award id.
        let mut new_awards = HashMap::new();
        for (r, festival_id, festival) in &kept {
            let (slug, name) = award_names(&r.award, &r.category);
            let key = (*festival_id, slug);
            if awards.contains_key(&key) || new_awards.contains_key(&key) {
                continue;
            }
            let row = award::ActiveModel {
                festival_id: Set(*festival_id),
                slug: Set(key.1.clone()),
                name: Set(name),
                name_en: Set(None),
                name_fr: Set(None),
                subject: Set(subject(&r.award, &r.category)),
                main_prize: Set(main_prize(festival, &r.award, &r.category)),
                ..Default::default()
            };
            new_awards.insert(key, row);
        }
        if !new_awards.is_empty() {
            bulk::insert_all(db, new_awards.into_values()).await?;
            awards = award::Entity::find()
                .filter(award::Column::FestivalId.is_in(self.festivals.values().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|a| ((a.festival_id, a.slug), a.id))
                .collect();
        }
        let mut award_of = Vec::with_capacity(kept.len());
        for (r, festival_id, _) in &kept {
            let key = (*festival_id, award_names(&r.award, &r.category).0);
            let id = awards.get(&key).copied().ok_or_else(|| {
                IngestError::Database(sea_orm::DbErr::RecordNotFound(format!(
                    "award {} after inserting it",
                    key.1
                )))
            })?;
            award_of.push(id);
        }
        let mut sections: HashMap<(i64, String), i64> = HashMap::new();
        let edition_ids: Vec<i64> = editions.values().copied().collect();
        for ids in edition_ids.chunks(1000) {
            for s in section::Entity::find()
                .filter(section::Column::EditionId.is_in(ids.iter().copied()))
                .all(db)
                .await?
            {
                sections.insert((s.edition_id, s.slug), s.id);
            }
        }
        // Line-ups another dataset gives are left as that dataset has them.
        let given_elsewhere: HashSet<i64> = selection::Entity::find()
            .select_only()
            .column(selection::Column::SectionId)
            .filter(selection::Column::SourceId.ne(self.source_id))
            .into_tuple::<i64>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let mut section_of = Vec::with_capacity(kept.len());
        for (r, festival_id, festival) in &kept {
            let edition_id = editions[&(*festival_id, r.year, r.sequence)];
            let Some((slug, name, kind)) = lineup(festival, &r.award, &r.category) else {
                section_of.push(None);
                continue;
            };
            let id = match sections.get(&(edition_id, slug.to_owned())) {
                Some(id) => *id,
                None => {
                    let row = section::ActiveModel {
                        edition_id: Set(edition_id),
                        slug: Set(slug.to_owned()),
                        name: Set(name.to_owned()),
                        kind: Set(kind),
                        source_id: Set(Some(self.source_id)),
                        source_line: Set(i64::try_from(r.line).ok()),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?;
                    sections.insert((edition_id, slug.to_owned()), row.id);
                    row.id
                }
            };
            section_of.push(Some(id));
        }
        progress.advance((records.len() / 10) as u64);

        // Films, in bulk.
        let film_changes = self
            .resolver
            .films(
                db,
                kept.iter().map(|(r, _, _)| {
                    (
                        FilmFacts {
                            imdb_id: r.imdb_id.clone(),
                            title: r.title.clone(),
                            original_title: r.original_title.clone(),
                            ..Default::default()
                        },
                        i64::try_from(r.line).ok(),
                    )
                }),
            )
            .await?;
        progress.advance((records.len() / 2) as u64);

        // Nominations: new ones in bulk, changed ones (a winner flag corrected) one by one.
        let award_ids: HashSet<i64> = award_of.iter().copied().collect();
        let award_ids: Vec<i64> = award_ids.into_iter().collect();
        let mut existing: HashMap<(i64, i64, String), nomination::Model> = HashMap::new();
        for ids in award_ids.chunks(1000) {
            for n in nomination::Entity::find()
                .filter(nomination::Column::AwardId.is_in(ids.iter().copied()))
                .all(db)
                .await?
            {
                existing.insert((n.award_id, n.edition_id, n.natural_key.clone()), n);
            }
        }
        // A prize's year another dataset gives (a curated award list) is left as it has it.
        let listed_elsewhere: HashSet<(i64, i64)> = existing
            .values()
            .filter(|n| n.source_id != Some(self.source_id))
            .map(|n| (n.award_id, n.edition_id))
            .collect();
        let mut seen: HashMap<(i64, i64, String), u32> = HashMap::new();
        let mut keys = Vec::with_capacity(kept.len());
        let mut changes = Vec::with_capacity(kept.len());
        let mut new = Vec::new();
        for (i, (r, festival_id, _)) in kept.iter().enumerate() {
            let edition_id = editions[&(*festival_id, r.year, r.sequence)];
            let award_id = award_of[i];
            let base = format!("imdb|{}", r.imdb_id);
            let n = seen.entry((award_id, edition_id, base.clone())).or_insert(0);
            *n += 1;
            let natural_key = if *n == 1 { base } else { format!("{base}#{n}") };
            let key = (award_id, edition_id, natural_key);
            let line = i64::try_from(r.line).ok();
            let change = match existing.get(&key) {
                _ if listed_elsewhere.contains(&(award_id, edition_id)) => Change::Unchanged,
                Some(e) if e.won == r.won && e.section_id == section_of[i] => Change::Unchanged,
                Some(e) => {
                    let mut am: nomination::ActiveModel = e.clone().into();
                    am.won = Set(r.won);
                    am.section_id = Set(section_of[i]);
                    am.source_line = Set(line);
                    am.update(db).await?;
                    Change::Updated
                }
                None => {
                    new.push(nomination::ActiveModel {
                        award_id: Set(award_id),
                        edition_id: Set(edition_id),
                        section_id: Set(section_of[i]),
                        won: Set(r.won),
                        detail: Set(None),
                        natural_key: Set(key.2.clone()),
                        source_id: Set(Some(self.source_id)),
                        source_line: Set(line),
                        ..Default::default()
                    });
                    Change::Inserted
                }
            };
            keys.push(key);
            changes.push(change);
        }
        bulk::insert_all(db, new).await?;
        let mut nomination_ids: HashMap<(i64, i64, String), i64> =
            existing.into_iter().map(|(k, n)| (k, n.id)).collect();
        for ids in award_ids.chunks(1000) {
            let rows: Vec<(i64, i64, i64, String)> = nomination::Entity::find()
                .select_only()
                .columns([
                    nomination::Column::Id,
                    nomination::Column::AwardId,
                    nomination::Column::EditionId,
                    nomination::Column::NaturalKey,
                ])
                .filter(nomination::Column::AwardId.is_in(ids.iter().copied()))
                .filter(nomination::Column::SourceId.eq(self.source_id))
                .into_tuple()
                .all(db)
                .await?;
            for (id, award_id, edition_id, key) in rows {
                nomination_ids.insert((award_id, edition_id, key), id);
            }
        }
        progress.advance((records.len() * 3 / 4) as u64);

        // Links: each nomination to its film, each line-up film to its section.
        let ids: Vec<i64> = nomination_ids.values().copied().collect();
        let linked_films = self.linked_films(db, &ids).await?;
        let people = self.nominees(db, &kept).await?;
        let mut linked_people = self.linked_people(db, &ids).await?;
        let mut person_links = Vec::new();
        let selected = self.selected(db).await?;
        let mut links = Vec::new();
        let mut selections = Vec::new();
        let mut queued_selections = HashSet::new();
        for (i, (r, _, _)) in kept.iter().enumerate() {
            let (Some(nomination_id), Some(film_id)) =
                (nomination_ids.get(&keys[i]).copied(), self.resolver.film_id(&r.imdb_id))
            else {
                // A year a curated list gives is left as that list has it: the row is unchanged.
                out.count(changes[i]);
                continue;
            };
            let mut linked = film_changes.contains_key(&r.imdb_id);
            if !linked_films.contains(&(nomination_id, film_id)) {
                links.push(nomination_film::ActiveModel {
                    nomination_id: Set(nomination_id),
                    film_id: Set(film_id),
                });
                linked = true;
            }
            if let Some(section_id) = section_of[i]
                && !given_elsewhere.contains(&section_id)
                && !selected.contains(&(section_id, film_id))
                && queued_selections.insert((section_id, film_id))
            {
                selections.push(selection::ActiveModel {
                    section_id: Set(section_id),
                    film_id: Set(film_id),
                    source_id: Set(Some(self.source_id)),
                    source_line: Set(i64::try_from(r.line).ok()),
                    ..Default::default()
                });
                linked = true;
            }
            for (position, (imdb_id, _)) in r.nominees.iter().enumerate() {
                if let Some(person_id) = people.get(imdb_id).copied()
                    && linked_people.insert((nomination_id, person_id))
                {
                    person_links.push(nomination_person::ActiveModel {
                        nomination_id: Set(nomination_id),
                        person_id: Set(person_id),
                        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                    });
                    linked = true;
                }
            }
            out.count(changes[i].and(linked));
        }
        bulk::insert_new(
            db,
            person_links,
            [nomination_person::Column::NominationId, nomination_person::Column::PersonId],
        )
        .await?;
        bulk::insert_new(
            db,
            links,
            [nomination_film::Column::NominationId, nomination_film::Column::FilmId],
        )
        .await?;
        bulk::insert_new(db, selections, [selection::Column::SectionId, selection::Column::FilmId])
            .await?;
        Ok(out)
    }
}

impl FestivalNominations {
    /// The (nomination, film) links these nominations already have, whichever source wrote them
    /// (a scraped page meets the bundled list's nominations).
    async fn linked_films(
        &self,
        db: &impl ConnectionTrait,
        nominations: &[i64],
    ) -> Result<HashSet<(i64, i64)>, sea_orm::DbErr> {
        let rows = rows_where_in::<nomination_film::Entity, _>(
            db,
            nomination_film::Column::NominationId,
            nominations,
        )
        .await?;
        Ok(rows.into_iter().map(|l| (l.nomination_id, l.film_id)).collect())
    }

    /// The people the records name as nominees, resolved by IMDb id (then a namesake credited on
    /// the film, or active in its years), created when new: IMDb id → person.
    async fn nominees(
        &mut self,
        db: &impl ConnectionTrait,
        kept: &[(&FestivalNomination, i64, &'static str)],
    ) -> Result<HashMap<String, i64>, sea_orm::DbErr> {
        let mut named: Vec<ImdbPerson> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for (r, _, _) in kept {
            let films = self.resolver.known_films(std::slice::from_ref(&r.imdb_id));
            for (imdb_id, name) in &r.nominees {
                match at.get(imdb_id.as_str()) {
                    Some(i) => {
                        named[*i].films.extend(films.iter().copied());
                        named[*i].years.push(r.year);
                    }
                    None => {
                        at.insert(imdb_id, named.len());
                        named.push(ImdbPerson {
                            imdb_id: imdb_id.clone(),
                            name: name.clone(),
                            films: films.clone(),
                            years: vec![r.year],
                            line: i64::try_from(r.line).ok(),
                        });
                    }
                }
            }
        }
        if named.is_empty() {
            return Ok(HashMap::new());
        }
        self.resolver.people_by_imdb(db, &named).await
    }

    /// The (nomination, person) links these nominations already have.
    async fn linked_people(
        &self,
        db: &impl ConnectionTrait,
        nominations: &[i64],
    ) -> Result<HashSet<(i64, i64)>, sea_orm::DbErr> {
        let rows = rows_where_in::<nomination_person::Entity, _>(
            db,
            nomination_person::Column::NominationId,
            nominations,
        )
        .await?;
        Ok(rows.into_iter().map(|l| (l.nomination_id, l.person_id)).collect())
    }

    /// The (section, film) selections already recorded.
    async fn selected(
        &self,
        db: &impl ConnectionTrait,
    ) -> Result<HashSet<(i64, i64)>, sea_orm::DbErr> {
        let rows: Vec<(i64, i64)> = selection::Entity::find()
            .select_only()
            .columns([selection::Column::SectionId, selection::Column::FilmId])
            .into_tuple()
            .all(db)
            .await?;
        Ok(rows.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_prize_nominees_make_the_competition_line_ups() {
        assert_eq!(lineup("cannes", "palme d'or", "palme d'or").map(|s| s.0), Some("competition"));
        assert_eq!(
            lineup("cannes", "palme d'or - best short film", "palme d'or - best short film"),
            None
        );
        assert!(lineup("berlin", "golden berlin bear", "best film").is_some());
        assert!(lineup("berlin", "golden berlin bear", "best short film").is_none());
        assert!(lineup("venice", "golden lion", "best film").is_some());
        assert!(main_prize("cesar", "césar", "best film (meilleur film)"));
        assert!(!main_prize("cesar", "césar", "best foreign film (meilleur film étranger)"));
        assert_eq!(subject("césar", "best director (meilleur réalisateur)"), AwardSubject::Person);
        assert_eq!(subject("golden lion", "golden lion"), AwardSubject::Film);
        assert_eq!(award_names("golden berlin bear", "best film").0, "berlin-golden-bear");
        assert_eq!(
            award_names("silver berlin bear", "best director"),
            (
                "imdb-silver-berlin-bear--best-director".to_owned(),
                "Silver berlin bear — best director".to_owned()
            )
        );
    }

    #[test]
    fn academy_rows_are_left_to_the_oscars_dataset() {
        assert_eq!(festival_of("ev0000003"), Some(("oscars", false)));
        assert_eq!(festival_of("ev0000147"), Some(("cannes", true)));
        assert_eq!(festival_of("ev9999999"), None);
    }
}
