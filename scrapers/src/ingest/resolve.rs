//! Entity resolution shared by every dataset: films by IMDb id, people by IMDb id and then by
//! name with evidence, organisations by IMDb id, editions by festival and year. What the database
//! holds is loaded once per run, so resolving a row costs no lookups. An ambiguous match goes to
//! the review queue with its candidates; nothing is merged silently.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use egalite_shared::entity::{country, credit, edition, festival, film, organisation, person};
use egalite_shared::{Gender, GenderSource, OrganisationKind, ReviewKind, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};

use super::IngestError;
use crate::names::matching_key;

/// What writing a row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Created something new.
    Inserted,
    /// Changed something already there.
    Updated,
    /// Changed nothing.
    Unchanged,
}

impl Change {
    /// The change of a row made of several writes: new if its main record is new, updated if any
    /// write changed something.
    pub fn and(self, linked: bool) -> Self {
        match (self, linked) {
            (Self::Unchanged, true) => Self::Updated,
            (c, _) => c,
        }
    }
}

/// What a dataset says of a film.
#[derive(Debug, Clone, Default)]
pub struct FilmFacts {
    /// IMDb title id.
    pub imdb_id: String,
    /// Title as the source gives it, if it gives one.
    pub title: Option<String>,
    /// Original title, if given.
    pub original_title: Option<String>,
    /// Running time in minutes, if given.
    pub runtime_minutes: Option<i32>,
    /// Year, if given.
    pub year: Option<i32>,
}

/// The columns that say a person's gender and how it is known, rewritten together.
pub const GENDER_COLUMNS: [person::Column; 7] = [
    person::Column::Gender,
    person::Column::GenderSource,
    person::Column::GenderProbability,
    person::Column::GenderEvidence,
    person::Column::GenderSourceId,
    person::Column::GenderUpdatedAt,
    person::Column::UpdatedAt,
];

/// Years either side of a namesake's active years within which a person named with an IMDb id
/// but no common film is taken to be them.
const YEARS_ACTIVE_MARGIN: i32 = 10;

/// A person a source names with an IMDb id.
#[derive(Debug, Clone)]
pub struct ImdbPerson {
    /// The IMDb person id.
    pub imdb_id: String,
    /// The name as the source gives it.
    pub name: String,
    /// The films the source names them on that the database holds: evidence for a namesake.
    pub films: Vec<i64>,
    /// The years of those films as the source gives them: evidence of years active.
    pub years: Vec<i32>,
    /// The line that first names them.
    pub line: Option<i64>,
}

/// A person a source names, without an id, on a film.
#[derive(Debug, Clone)]
pub struct NamedPerson {
    /// The name as displayed.
    pub name: String,
    /// First name(s), when the source separates them.
    pub given_name: Option<String>,
    /// Surname, when the source separates it.
    pub family_name: Option<String>,
    /// The film the source names them on.
    pub film_id: i64,
    /// The role the source names them in.
    pub role: Role,
    /// Their place in the film's list of that role.
    pub position: usize,
    /// What the source says of them, for the review queue.
    pub context: String,
    /// The line that names them.
    pub line: Option<i64>,
    /// The nomination that honours them by name (a prize to people): a link that waits with
    /// the credit when the name is a namesake's.
    pub nomination_id: Option<i64>,
}

#[derive(Debug, Clone)]
struct PersonRef {
    id: i64,
    imdb_id: Option<String>,
}

/// Which of `people` already have a credit on one of `films`.
async fn credited_on(
    db: &impl ConnectionTrait,
    people: &[i64],
    films: &[i64],
) -> Result<Vec<i64>, DbErr> {
    if people.is_empty() || films.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<i64> = credit::Entity::find()
        .select_only()
        .column(credit::Column::PersonId)
        .filter(credit::Column::PersonId.is_in(people.iter().copied()))
        .filter(credit::Column::FilmId.is_in(films.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The run's view of the database.
#[derive(Debug)]
pub struct Resolver {
    source_id: i64,
    /// Country keys of the `countries` table.
    pub countries: HashSet<String>,
    films: HashMap<String, film::Model>,
    people_by_imdb: HashMap<String, i64>,
    people_by_key: HashMap<String, Vec<PersonRef>>,
    organisations_by_imdb: HashMap<String, i64>,
    editions: HashMap<(i64, i32, i32), i64>,
}

impl Resolver {
    /// Loads what resolution needs, for writes attributed to `source_id`.
    pub async fn load(db: &impl ConnectionTrait, source_id: i64) -> Result<Self, DbErr> {
        let countries = country::Entity::find()
            .select_only()
            .column(country::Column::Code)
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let films = film::Entity::find()
            .filter(film::Column::ImdbId.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|f| f.imdb_id.clone().map(|id| (id, f)))
            .collect();
        let mut people_by_imdb = HashMap::new();
        let mut people_by_key: HashMap<String, Vec<PersonRef>> = HashMap::new();
        let rows: Vec<(i64, String, Option<String>)> = person::Entity::find()
            .select_only()
            .columns([person::Column::Id, person::Column::NormalizedName, person::Column::ImdbId])
            .into_tuple()
            .all(db)
            .await?;
        let mut imdb_of = HashMap::new();
        for (id, key, imdb_id) in rows {
            if let Some(i) = &imdb_id {
                people_by_imdb.insert(i.clone(), id);
                imdb_of.insert(id, i.clone());
            }
            people_by_key.entry(key).or_default().push(PersonRef { id, imdb_id });
        }
        // A name merged into another record names the survivor (people resolution).
        for (key, survivor) in super::merges::aliases(db).await? {
            let refs = people_by_key.entry(key).or_default();
            if !refs.iter().any(|r| r.id == survivor) {
                refs.push(PersonRef { id: survivor, imdb_id: imdb_of.get(&survivor).cloned() });
            }
        }
        let organisations_by_imdb = organisation::Entity::find()
            .filter(organisation::Column::ImdbId.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|o| o.imdb_id.map(|i| (i, o.id)))
            .collect();
        let editions = edition::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|e| ((e.festival_id, e.year, e.sequence), e.id))
            .collect();
        Ok(Self {
            source_id,
            countries,
            films,
            people_by_imdb,
            people_by_key,
            organisations_by_imdb,
            editions,
        })
    }

    /// The id of the festival with this slug (seeded by the migrations).
    pub async fn festival(
        db: &impl ConnectionTrait,
        slug: &'static str,
    ) -> Result<i64, IngestError> {
        festival::Entity::find()
            .filter(festival::Column::Slug.eq(slug))
            .one(db)
            .await?
            .map(|f| f.id)
            .ok_or(IngestError::MissingReference(slug))
    }

    /// The edition of `festival_id` in `year` (the `sequence`-th event of that year), created
    /// with `fill` if missing.
    pub async fn edition(
        &mut self,
        db: &impl ConnectionTrait,
        festival_id: i64,
        year: i32,
        sequence: i32,
        fill: impl FnOnce(edition::ActiveModel) -> edition::ActiveModel,
    ) -> Result<i64, DbErr> {
        if let Some(id) = self.editions.get(&(festival_id, year, sequence)) {
            return Ok(*id);
        }
        let base = edition::ActiveModel {
            festival_id: Set(festival_id),
            year: Set(year),
            sequence: Set(sequence),
            held: Set(true),
            source_id: Set(Some(self.source_id)),
            ..Default::default()
        };
        let row = fill(base).insert(db).await?;
        self.editions.insert((festival_id, year, sequence), row.id);
        Ok(row.id)
    }

    /// The film with this IMDb id, created if new. Its fields belong to the row that created it:
    /// a correction of that row updates them; any other row (of this source or another) only
    /// fills what is missing, so rows that disagree cannot overwrite each other on every run.
    pub async fn film(
        &mut self,
        db: &impl ConnectionTrait,
        facts: &FilmFacts,
        line: Option<i64>,
    ) -> Result<(i64, Change), DbErr> {
        if let Some(existing) = self.films.get(&facts.imdb_id) {
            let owned = existing.source_id == Some(self.source_id) && existing.source_line == line;
            let mut am: film::ActiveModel = existing.clone().into();
            let mut changed = false;
            if facts.title.is_some()
                && existing.title != facts.title
                && (owned || existing.title.is_none())
            {
                am.title = Set(facts.title.clone());
                am.normalized_title = Set(facts.title.as_deref().map(matching_key));
                changed = true;
            }
            macro_rules! take {
                ($field:ident) => {
                    if facts.$field.is_some()
                        && existing.$field != facts.$field
                        && (owned || existing.$field.is_none())
                    {
                        am.$field = Set(facts.$field.clone());
                        changed = true;
                    }
                };
            }
            take!(original_title);
            take!(runtime_minutes);
            take!(year);
            if !changed {
                return Ok((existing.id, Change::Unchanged));
            }
            am.updated_at = Set(Utc::now());
            let updated = am.update(db).await?;
            let id = updated.id;
            self.films.insert(facts.imdb_id.clone(), updated);
            return Ok((id, Change::Updated));
        }
        let now = Utc::now();
        let row = film::ActiveModel {
            title: Set(facts.title.clone()),
            original_title: Set(facts.original_title.clone()),
            normalized_title: Set(facts.title.as_deref().map(matching_key)),
            year: Set(facts.year),
            runtime_minutes: Set(facts.runtime_minutes),
            imdb_id: Set(Some(facts.imdb_id.clone())),
            source_id: Set(Some(self.source_id)),
            source_line: Set(line),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let id = row.id;
        self.films.insert(facts.imdb_id.clone(), row);
        Ok((id, Change::Inserted))
    }

    /// Makes sure a film exists for each of `facts` (with the line that names it), creating the
    /// missing ones in bulk; returns what changed, by IMDb id. Existing films are filled as
    /// [`Resolver::film`] fills them.
    pub async fn films(
        &mut self,
        db: &impl ConnectionTrait,
        facts: impl IntoIterator<Item = (FilmFacts, Option<i64>)>,
    ) -> Result<HashMap<String, Change>, DbErr> {
        let mut changes = HashMap::new();
        let mut new = Vec::new();
        let now = Utc::now();
        for (f, line) in facts {
            if self.films.contains_key(&f.imdb_id) {
                let (_, c) = self.film(db, &f, line).await?;
                if c != Change::Unchanged {
                    changes.insert(f.imdb_id.clone(), c);
                }
            } else if !changes.contains_key(&f.imdb_id) {
                changes.insert(f.imdb_id.clone(), Change::Inserted);
                new.push(film::ActiveModel {
                    title: Set(f.title.clone()),
                    original_title: Set(f.original_title.clone()),
                    normalized_title: Set(f.title.as_deref().map(matching_key)),
                    year: Set(f.year),
                    runtime_minutes: Set(f.runtime_minutes),
                    imdb_id: Set(Some(f.imdb_id.clone())),
                    source_id: Set(Some(self.source_id)),
                    source_line: Set(line),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                });
            }
        }
        let created: Vec<String> = changes
            .iter()
            .filter(|(_, c)| **c == Change::Inserted)
            .map(|(id, _)| id.clone())
            .collect();
        super::bulk::insert_all(db, new).await?;
        for ids in created.chunks(1000) {
            let rows = film::Entity::find()
                .filter(film::Column::ImdbId.is_in(ids.iter().cloned()))
                .all(db)
                .await?;
            for f in rows {
                if let Some(id) = f.imdb_id.clone() {
                    self.films.insert(id, f);
                }
            }
        }
        Ok(changes)
    }

    /// The id of the film with this IMDb id, if the database holds it.
    pub fn film_id(&self, imdb_id: &str) -> Option<i64> {
        self.films.get(imdb_id).map(|f| f.id)
    }

    /// The ids of the films among `imdb_ids` that the database already holds.
    pub fn known_films(&self, imdb_ids: &[String]) -> Vec<i64> {
        imdb_ids.iter().filter_map(|i| self.films.get(i).map(|f| f.id)).collect()
    }

    /// Files an open review item, once: the same open question is not asked twice.
    async fn review(
        &self,
        db: &impl ConnectionTrait,
        kind: ReviewKind,
        subject_id: Option<i64>,
        reason: String,
        proposal: serde_json::Value,
        candidates: Option<&[i64]>,
    ) -> Result<(), DbErr> {
        let question = super::review::Question {
            kind,
            table: "people",
            subject: subject_id,
            reason,
            proposal,
            candidates,
            source_id: self.source_id,
        };
        super::review::ask(db, question).await
    }

    /// People a source names without an id, each on a film: the one person with that name, or
    /// among namesakes the one already credited on that film, or a new person (created in bulk).
    /// Several namesakes and no such evidence: the review queue decides, and that one is `None`.
    /// The answer is in the order of `named`.
    pub async fn people_by_name(
        &mut self,
        db: &impl ConnectionTrait,
        named: &[NamedPerson],
    ) -> Result<Vec<Option<i64>>, DbErr> {
        let mut out = vec![None; named.len()];
        let mut new: HashMap<String, person::ActiveModel> = HashMap::new();
        let mut waiting: Vec<(usize, String)> = Vec::new();
        let now = Utc::now();
        for (i, n) in named.iter().enumerate() {
            let key = matching_key(&n.name);
            let candidates: Vec<i64> = self
                .people_by_key
                .get(&key)
                .map(|v| v.iter().map(|p| p.id).collect())
                .unwrap_or_default();
            match candidates.as_slice() {
                [] => {
                    new.entry(key.clone()).or_insert_with(|| person::ActiveModel {
                        name: Set(n.name.clone()),
                        normalized_name: Set(key.clone()),
                        given_name: Set(n.given_name.clone()),
                        family_name: Set(n.family_name.clone()),
                        gender: Set(Gender::Unknown),
                        source_id: Set(Some(self.source_id)),
                        source_line: Set(n.line),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    });
                    waiting.push((i, key));
                }
                [one] => out[i] = Some(*one),
                many => {
                    let credited = credited_on(db, many, &[n.film_id]).await?;
                    if let [one] = credited.as_slice() {
                        out[i] = Some(*one);
                        continue;
                    }
                    let reason = format!(
                        "{} people are named {:?}; which one is meant ({})?",
                        many.len(),
                        n.name,
                        n.context
                    );
                    // The credit waits with the question: people resolution gives it once
                    // the namesakes are found to be one person.
                    let credit = super::pending_credits::HeldCredit {
                        film_id: n.film_id,
                        role: n.role,
                        position: n.position,
                        line: n.line,
                        nomination_id: n.nomination_id,
                    };
                    let proposal = serde_json::json!({
                        "name": n.name, "context": n.context, "line": n.line, "credit": credit
                    });
                    self.review(db, ReviewKind::EntityMatch, None, reason, proposal, Some(many))
                        .await?;
                }
            }
        }
        let keys: Vec<String> = new.keys().cloned().collect();
        super::bulk::insert_all(db, new.into_values()).await?;
        let mut created: HashMap<String, i64> = HashMap::new();
        for chunk in keys.chunks(1000) {
            let rows: Vec<(i64, String)> = person::Entity::find()
                .select_only()
                .columns([person::Column::Id, person::Column::NormalizedName])
                .filter(person::Column::SourceId.eq(self.source_id))
                .filter(person::Column::NormalizedName.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(db)
                .await?;
            for (id, key) in rows {
                created.insert(key.clone(), id);
                self.people_by_key.entry(key).or_default().push(PersonRef { id, imdb_id: None });
            }
        }
        for (i, key) in waiting {
            out[i] = created.get(&key).copied();
        }
        Ok(out)
    }

    /// People a source names with IMDb ids, each with the films it names them on: the person with
    /// that id; else the one namesake without an id who already has a credit on one of those films,
    /// or, failing a common film, the only namesake without an id whose films are within ten
    /// years of theirs (then the id is recorded on them); else a new person, created in bulk, and
    /// a namesake without such evidence goes to the review queue as a possible duplicate. Returns
    /// the person of each IMDb id.
    pub async fn people_by_imdb(
        &mut self,
        db: &impl ConnectionTrait,
        named: &[ImdbPerson],
    ) -> Result<HashMap<String, i64>, DbErr> {
        let mut out = HashMap::new();
        let mut new: Vec<person::ActiveModel> = Vec::new();
        let mut reviews = Vec::new();
        let now = Utc::now();
        let mut active: Option<HashMap<i64, (i32, i32)>> = None;
        for ImdbPerson { imdb_id, name, films, years, line } in named {
            if out.contains_key(imdb_id) {
                continue;
            }
            if let Some(id) = self.people_by_imdb.get(imdb_id) {
                out.insert(imdb_id.clone(), *id);
                continue;
            }
            let key = matching_key(name);
            let namesakes: Vec<i64> = self
                .people_by_key
                .get(&key)
                .map(|v| v.iter().filter(|p| p.imdb_id.is_none()).map(|p| p.id).collect())
                .unwrap_or_default();
            let mut with_evidence = credited_on(db, &namesakes, films).await?;
            if with_evidence.is_empty() && namesakes.len() == 1 && !years.is_empty() {
                // No common film: the one namesake active in the same years is the same person.
                if active.is_none() {
                    active = Some(super::careers::years_active(db).await?);
                }
                let (first, last) = (years.iter().min(), years.iter().max());
                let overlaps =
                    active.as_ref().and_then(|a| a.get(&namesakes[0])).is_some_and(|(from, to)| {
                        first.zip(last).is_some_and(|(f, l)| {
                            *from <= l + YEARS_ACTIVE_MARGIN && f - YEARS_ACTIVE_MARGIN <= *to
                        })
                    });
                if overlaps {
                    with_evidence = namesakes.clone();
                }
            }
            if let [one] = with_evidence.as_slice() {
                let mut am = person::ActiveModel { id: Set(*one), ..Default::default() };
                am.imdb_id = Set(Some(imdb_id.clone()));
                am.updated_at = Set(now);
                am.update(db).await?;
                self.people_by_imdb.insert(imdb_id.clone(), *one);
                if let Some(refs) = self.people_by_key.get_mut(&key) {
                    for r in refs.iter_mut().filter(|r| r.id == *one) {
                        r.imdb_id = Some(imdb_id.clone());
                    }
                }
                out.insert(imdb_id.clone(), *one);
                continue;
            }
            new.push(person::ActiveModel {
                name: Set(name.clone()),
                normalized_name: Set(key),
                imdb_id: Set(Some(imdb_id.clone())),
                gender: Set(Gender::Unknown),
                source_id: Set(Some(self.source_id)),
                source_line: Set(*line),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
            // Marks the id as taken, so a later row naming it again does not queue it twice.
            out.insert(imdb_id.clone(), 0);
            if !namesakes.is_empty() {
                reviews.push((imdb_id.clone(), name.clone(), namesakes));
            }
        }
        let created: Vec<String> =
            out.iter().filter(|(_, id)| **id == 0).map(|(i, _)| i.clone()).collect();
        super::bulk::insert_all(db, new).await?;
        for chunk in created.chunks(1000) {
            let rows: Vec<(i64, String, Option<String>)> = person::Entity::find()
                .select_only()
                .columns([
                    person::Column::Id,
                    person::Column::NormalizedName,
                    person::Column::ImdbId,
                ])
                .filter(person::Column::ImdbId.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(db)
                .await?;
            for (id, key, imdb_id) in rows {
                if let Some(i) = imdb_id {
                    self.people_by_imdb.insert(i.clone(), id);
                    self.people_by_key
                        .entry(key)
                        .or_default()
                        .push(PersonRef { id, imdb_id: Some(i.clone()) });
                    out.insert(i, id);
                }
            }
        }
        for (imdb_id, name, namesakes) in reviews {
            let Some(id) = out.get(&imdb_id).copied() else { continue };
            let reason = format!(
                "{name:?} ({imdb_id}) shares a name with {} person(s) without an IMDb id and no common film: the same person?",
                namesakes.len()
            );
            let proposal = serde_json::json!({ "person": id, "imdb_id": imdb_id, "name": name });
            self.review(db, ReviewKind::EntityMatch, Some(id), reason, proposal, Some(&namesakes))
                .await?;
        }
        out.retain(|_, id| *id != 0);
        Ok(out)
    }

    /// Records the genders a source declares for people (`declared`: person → gender and
    /// evidence). A declared gender replaces an inferred one; a declared or curated one that
    /// disagrees goes to the review queue instead of being overwritten. Returns the people changed.
    pub async fn declare_genders(
        &self,
        db: &impl ConnectionTrait,
        declared: &HashMap<i64, (Gender, String)>,
    ) -> Result<HashSet<i64>, DbErr> {
        let ids: Vec<i64> = declared.keys().copied().collect();
        let mut changed = HashSet::new();
        let mut updates = Vec::new();
        for chunk in ids.chunks(1000) {
            let people = person::Entity::find()
                .filter(person::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?;
            for p in people {
                let Some((gender, evidence)) = declared.get(&p.id) else { continue };
                let settled =
                    matches!(p.gender_source, Some(GenderSource::Declared | GenderSource::Curated));
                if settled && p.gender == *gender {
                    continue;
                }
                if settled {
                    let reason = format!(
                        "{} is recorded as {} ({}), a source declares {}: {evidence}",
                        p.name,
                        p.gender,
                        p.gender_evidence.as_deref().unwrap_or("no evidence"),
                        gender
                    );
                    let proposal = serde_json::json!({ "gender": gender, "evidence": evidence });
                    self.review(db, ReviewKind::GenderConflict, Some(p.id), reason, proposal, None)
                        .await?;
                    continue;
                }
                let now = Utc::now();
                let id = p.id;
                let mut am: person::ActiveModel = p.into();
                am.gender = Set(*gender);
                am.gender_source = Set(Some(GenderSource::Declared));
                am.gender_probability = Set(None);
                am.gender_evidence = Set(Some(evidence.clone()));
                am.gender_source_id = Set(Some(self.source_id));
                am.gender_updated_at = Set(Some(now));
                am.updated_at = Set(now);
                updates.push(am);
                changed.insert(id);
            }
        }
        super::bulk::update_all(db, updates, person::Column::Id, GENDER_COLUMNS).await?;
        Ok(changed)
    }

    /// The organisation with this IMDb company id, created if new: never a person.
    pub async fn organisation_by_imdb(
        &mut self,
        db: &impl ConnectionTrait,
        imdb_id: &str,
        name: &str,
        line: Option<i64>,
    ) -> Result<i64, DbErr> {
        if let Some(id) = self.organisations_by_imdb.get(imdb_id) {
            return Ok(*id);
        }
        let row = organisation::ActiveModel {
            name: Set(name.to_owned()),
            normalized_name: Set(matching_key(name)),
            kind: Set(OrganisationKind::Other),
            imdb_id: Set(Some(imdb_id.to_owned())),
            source_id: Set(Some(self.source_id)),
            source_line: Set(line),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        self.organisations_by_imdb.insert(imdb_id.to_owned(), row.id);
        Ok(row.id)
    }
}
