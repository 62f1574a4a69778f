//! The CNC's approved films into films (by visa), directors and their credits, production
//! companies (organisations, never people), the budget estimate in euros with its approval year,
//! co-production shares by country, and financing: pre-buying channels, SOFICA, tax credit,
//! regional aid, advance on receipts and the parity bonus. Written in bulk.
//!
//! A CNC film that another dataset already holds (same title or original title, and a director
//! of the same name) is that film: it gets the visa instead of a twin.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use egalite_shared::entity::{
    budget, credit, film, film_company, film_country, financing, organisation, person,
};
use egalite_shared::{BudgetKind, CompanyRole, FinancingKind, OrganisationKind, ReviewKind, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Set,
};

use super::IngestError;
use super::bulk;
use super::country_names::CountryNames;
use super::credits::credit_people;
use super::dataset::{Dataset, Written};
use super::progress::Progress;
use super::resolve::{Change, NamedPerson, Resolver};
use super::source_file::SourceFile;
use crate::datasets::cnc_films::{self as parser, CncFilm, PARSER_VERSION};
use crate::datasets::{Parsed, RowError};
use crate::names::matching_key;

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "budgets_cnc_fr";

/// The bundled file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "budgets_cnc_fr",
        title: "CNC, liste des films agréés 2003–2024: budgets (devis), directors, producers, financing, co-production shares",
        origin_url: "https://github.com/dataforgoodfr/13_reveler_inegalites_cinema/blob/c82584ba4c446cdb3d0d606ac28d8d451094aae0/database/data/cnc/dataset5050_cnc_films_agrees_2003_2024.xlsx",
        licence: "Public-sector information of the CNC, free reuse with attribution (CRPA art. L321-1); cite \"CNC, liste des films agréés\"",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        relative_path: "budgets_cnc_fr/cnc_films_agrees_2003_2024.csv",
    }
}

/// The CNC films' writer.
pub(crate) struct CncFilms {
    source_id: i64,
    resolver: Resolver,
    countries: CountryNames,
}

impl Dataset for CncFilms {
    type Record = CncFilm;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<CncFilm>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &CncFilm) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        _records: &[CncFilm],
    ) -> Result<Self, IngestError> {
        Ok(Self {
            source_id,
            resolver: Resolver::load(db, source_id).await?,
            countries: CountryNames::load(db).await?,
        })
    }

    async fn write_all(
        &mut self,
        db: &DatabaseTransaction,
        records: &[CncFilm],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        let mut out = Written::default();
        let mut first_line: HashMap<&str, u64> = HashMap::new();
        let mut rows: Vec<&CncFilm> = Vec::with_capacity(records.len());
        for r in records {
            if let Err(reason) = self.check(r) {
                out.rejects.push(RowError { line: r.line, reason });
            } else if let Some(first) = first_line.get(r.visa.as_str()) {
                out.rejects.push(RowError {
                    line: r.line,
                    reason: format!(
                        "visa {} is already given to the film on line {first}: one film per visa",
                        r.visa
                    ),
                });
            } else {
                first_line.insert(&r.visa, r.line);
                rows.push(r);
            }
        }

        let (film_ids, mut changes) = self.films(db, &rows).await?;
        progress.advance((records.len() / 4) as u64);
        let linked = self.directors(db, &rows, &film_ids).await?;
        progress.advance((records.len() / 2) as u64);
        let mut touched: HashSet<i64> = linked;
        touched.extend(self.countries_of(db, &rows, &film_ids).await?);
        touched.extend(self.companies(db, &rows, &film_ids).await?);
        touched.extend(self.budgets(db, &rows, &film_ids).await?);
        touched.extend(self.financings(db, &rows, &film_ids).await?);
        for film_id in &film_ids {
            let change = changes.remove(film_id).unwrap_or(Change::Unchanged);
            out.count(change.and(touched.contains(film_id)));
        }
        Ok(out)
    }
}

/// What one film's row says as a film.
fn film_fields(r: &CncFilm) -> (String, Option<String>) {
    (r.title.clone(), Some(matching_key(&r.title)))
}

impl CncFilms {
    /// Why a row cannot be written: a co-production country no one knows.
    fn check(&self, r: &CncFilm) -> Result<(), String> {
        match r.shares.iter().find(|(name, _)| self.countries.code(name).is_none()) {
            Some((bad, _)) => {
                Err(format!("nationalite names {bad:?}, which is not a known country"))
            }
            None => Ok(()),
        }
    }

    /// The film of each row: by visa, else the same film another dataset holds, else a new one.
    async fn films(
        &mut self,
        db: &impl ConnectionTrait,
        rows: &[&CncFilm],
    ) -> Result<(Vec<i64>, HashMap<i64, Change>), IngestError> {
        let by_visa: HashMap<String, film::Model> = film::Entity::find()
            .filter(film::Column::CncVisa.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|f| f.cnc_visa.clone().map(|v| (v, f)))
            .collect();
        let twins = self.films_by_title_and_director(db).await?;
        let now = Utc::now();
        let mut changes = HashMap::new();
        let mut new = Vec::new();
        let mut matched: Vec<Option<i64>> = Vec::with_capacity(rows.len());
        let mut twinned = HashSet::new();
        for r in rows {
            let line = i64::try_from(r.line).ok();
            let (title, normalized) = film_fields(r);
            if let Some(f) = by_visa.get(&r.visa) {
                let owned = f.source_id == Some(self.source_id);
                let differs = f.title.as_deref() != Some(title.as_str())
                    || f.genre != Some(r.genre)
                    || f.source_line != line;
                if owned && differs {
                    let mut am: film::ActiveModel = f.clone().into();
                    am.title = Set(Some(title));
                    am.normalized_title = Set(normalized);
                    am.genre = Set(Some(r.genre));
                    am.source_line = Set(line);
                    am.updated_at = Set(now);
                    am.update(db).await?;
                    changes.insert(f.id, Change::Updated);
                }
                matched.push(Some(f.id));
                continue;
            }
            let key = matching_key(&r.title);
            let twin = r
                .directors
                .iter()
                .find_map(|d| twins.get(&(key.clone(), matching_key(&d.display))).copied())
                .filter(|id| twinned.insert(*id));
            if let Some(id) = twin {
                let mut am = film::ActiveModel { id: Set(id), ..Default::default() };
                am.cnc_visa = Set(Some(r.visa.clone()));
                am.genre = Set(Some(r.genre));
                am.updated_at = Set(now);
                am.update(db).await?;
                changes.insert(id, Change::Updated);
                matched.push(Some(id));
                continue;
            }
            new.push(film::ActiveModel {
                title: Set(Some(title)),
                normalized_title: Set(normalized),
                genre: Set(Some(r.genre)),
                cnc_visa: Set(Some(r.visa.clone())),
                source_id: Set(Some(self.source_id)),
                source_line: Set(line),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
            matched.push(None);
        }
        bulk::insert_all(db, new).await?;
        let visas: Vec<String> = rows
            .iter()
            .zip(&matched)
            .filter(|(_, m)| m.is_none())
            .map(|(r, _)| r.visa.clone())
            .collect();
        let mut created = HashMap::new();
        for chunk in visas.chunks(1000) {
            let found: Vec<(i64, Option<String>)> = film::Entity::find()
                .select_only()
                .columns([film::Column::Id, film::Column::CncVisa])
                .filter(film::Column::CncVisa.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(db)
                .await?;
            for (id, visa) in found {
                if let Some(v) = visa {
                    created.insert(v, id);
                }
            }
        }
        let mut ids = Vec::with_capacity(rows.len());
        for (r, m) in rows.iter().zip(matched) {
            let id = match m {
                Some(id) => id,
                None => {
                    let id = created.get(&r.visa).copied().ok_or_else(|| {
                        IngestError::Database(sea_orm::DbErr::RecordNotFound(format!(
                            "film with visa {} after inserting it",
                            r.visa
                        )))
                    })?;
                    changes.insert(id, Change::Inserted);
                    id
                }
            };
            ids.push(id);
        }
        Ok((ids, changes))
    }

    /// Films other datasets hold, by (title key, director key), for films without a visa; the
    /// original title counts as a title.
    async fn films_by_title_and_director(
        &self,
        db: &impl ConnectionTrait,
    ) -> Result<HashMap<(String, String), i64>, sea_orm::DbErr> {
        let rows: Vec<(i64, Option<String>, Option<String>, String)> = credit::Entity::find()
            .select_only()
            .column(credit::Column::FilmId)
            .column(film::Column::NormalizedTitle)
            .column(film::Column::OriginalTitle)
            .column(person::Column::NormalizedName)
            .inner_join(film::Entity)
            .inner_join(person::Entity)
            .filter(credit::Column::Role.eq(Role::Director))
            .filter(film::Column::CncVisa.is_null())
            .into_tuple()
            .all(db)
            .await?;
        let mut out = HashMap::new();
        for (film_id, title, original, director) in rows {
            for t in [title, original.as_deref().map(matching_key)].into_iter().flatten() {
                out.insert((t, director.clone()), film_id);
            }
        }
        Ok(out)
    }

    /// Directors and their credits; returns the films that gained a credit.
    async fn directors(
        &mut self,
        db: &impl ConnectionTrait,
        rows: &[&CncFilm],
        film_ids: &[i64],
    ) -> Result<HashSet<i64>, IngestError> {
        let mut named = Vec::new();
        let mut at = Vec::new();
        for (r, film_id) in rows.iter().zip(film_ids) {
            for (position, d) in r.directors.iter().enumerate() {
                named.push(NamedPerson {
                    name: d.display.clone(),
                    given_name: d.given_name.clone(),
                    family_name: Some(d.family_name.clone()),
                    film_id: *film_id,
                    role: Role::Director,
                    position,
                    context: format!("director of {} (CNC visa {})", r.title, r.visa),
                    line: i64::try_from(r.line).ok(),
                    nomination_id: None,
                });
                at.push((*film_id, position, i64::try_from(r.line).ok()));
            }
        }
        let people = self.resolver.people_by_name(db, &named).await?;
        // A director written in one word (a pseudonym, or a name the file cut) keeps the film
        // and its budget, and is asked about: no first name can be read from it.
        for (n, person) in named.iter().zip(&people) {
            if n.given_name.is_none() {
                let question = super::review::Question {
                    kind: ReviewKind::Other,
                    table: "people",
                    subject: *person,
                    reason: format!(
                        "the CNC names a director in one word, {:?} ({}, line {}): a pseudonym or a cut name? No first name to read the gender from",
                        n.name,
                        n.context,
                        n.line.unwrap_or_default()
                    ),
                    proposal: serde_json::json!({ "name": n.name, "line": n.line }),
                    candidates: None,
                    source_id: self.source_id,
                };
                super::review::ask(db, question).await?;
            }
        }
        Ok(credit_people(db, self.source_id, Role::Director, at, people).await?)
    }

    /// Co-production shares by country; returns the films that gained or changed one.
    async fn countries_of(
        &self,
        db: &impl ConnectionTrait,
        rows: &[&CncFilm],
        film_ids: &[i64],
    ) -> Result<HashSet<i64>, IngestError> {
        let existing: HashMap<(i64, String), Option<f64>> = film_country::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|c| ((c.film_id, c.country_code), c.share_percent))
            .collect();
        let mut touched = HashSet::new();
        let mut new = Vec::new();
        for (r, film_id) in rows.iter().zip(film_ids) {
            let mut seen = HashSet::new();
            for (position, (name, pct)) in r.shares.iter().enumerate() {
                let Some(code) = self.countries.code(name) else { continue };
                if !seen.insert(code) {
                    continue;
                }
                match existing.get(&(*film_id, code.to_owned())) {
                    Some(share) if share == pct => {}
                    Some(_) => {
                        let am = film_country::ActiveModel {
                            film_id: Set(*film_id),
                            country_code: Set(code.to_owned()),
                            share_percent: Set(*pct),
                            ..Default::default()
                        };
                        am.update(db).await?;
                        touched.insert(*film_id);
                    }
                    None => {
                        touched.insert(*film_id);
                        new.push(film_country::ActiveModel {
                            film_id: Set(*film_id),
                            country_code: Set(code.to_owned()),
                            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                            share_percent: Set(*pct),
                            source_id: Set(Some(self.source_id)),
                        });
                    }
                }
            }
        }
        bulk::insert_new(
            db,
            new,
            [film_country::Column::FilmId, film_country::Column::CountryCode],
        )
        .await?;
        Ok(touched)
    }

    /// Production companies as organisations; returns the films that gained one.
    async fn companies(
        &self,
        db: &impl ConnectionTrait,
        rows: &[&CncFilm],
        film_ids: &[i64],
    ) -> Result<HashSet<i64>, IngestError> {
        let kind = OrganisationKind::ProductionCompany;
        let mut orgs: HashMap<String, i64> = organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(kind))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.normalized_name, o.id))
            .collect();
        let now = Utc::now();
        let mut new: HashMap<String, organisation::ActiveModel> = HashMap::new();
        for r in rows {
            for name in &r.producers {
                let key = matching_key(name);
                if key.is_empty() || orgs.contains_key(&key) {
                    continue;
                }
                new.entry(key.clone()).or_insert_with(|| organisation::ActiveModel {
                    name: Set(name.clone()),
                    normalized_name: Set(key),
                    kind: Set(kind),
                    country_code: Set(None),
                    source_id: Set(Some(self.source_id)),
                    source_line: Set(i64::try_from(r.line).ok()),
                    created_at: Set(now),
                    ..Default::default()
                });
            }
        }
        let keys: Vec<String> = new.keys().cloned().collect();
        bulk::insert_all(db, new.into_values()).await?;
        for chunk in keys.chunks(1000) {
            let found: Vec<(i64, String)> = organisation::Entity::find()
                .select_only()
                .columns([organisation::Column::Id, organisation::Column::NormalizedName])
                .filter(organisation::Column::Kind.eq(kind))
                .filter(organisation::Column::NormalizedName.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(db)
                .await?;
            orgs.extend(found.into_iter().map(|(id, key)| (key, id)));
        }
        let existing: HashSet<(i64, i64)> = film_company::Entity::find()
            .select_only()
            .columns([film_company::Column::FilmId, film_company::Column::OrganisationId])
            .filter(film_company::Column::Role.eq(CompanyRole::Production))
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let mut touched = HashSet::new();
        let mut links = Vec::new();
        let mut queued = HashSet::new();
        for (r, film_id) in rows.iter().zip(film_ids) {
            for (position, name) in r.producers.iter().enumerate() {
                let Some(org_id) = orgs.get(&matching_key(name)).copied() else { continue };
                if existing.contains(&(*film_id, org_id)) || !queued.insert((*film_id, org_id)) {
                    continue;
                }
                touched.insert(*film_id);
                links.push(film_company::ActiveModel {
                    film_id: Set(*film_id),
                    organisation_id: Set(org_id),
                    role: Set(CompanyRole::Production),
                    position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                    source_id: Set(Some(self.source_id)),
                    source_line: Set(i64::try_from(r.line).ok()),
                });
            }
        }
        bulk::insert_new(
            db,
            links,
            [
                film_company::Column::FilmId,
                film_company::Column::OrganisationId,
                film_company::Column::Role,
            ],
        )
        .await?;
        Ok(touched)
    }

    /// The budget estimate of each film; returns the films whose budget is new or corrected.
    async fn budgets(
        &self,
        db: &impl ConnectionTrait,
        rows: &[&CncFilm],
        film_ids: &[i64],
    ) -> Result<HashSet<i64>, IngestError> {
        let existing: HashMap<i64, budget::Model> = budget::Entity::find()
            .filter(budget::Column::SourceId.eq(self.source_id))
            .all(db)
            .await?
            .into_iter()
            .map(|b| (b.film_id, b))
            .collect();
        let mut touched = HashSet::new();
        let mut new = Vec::new();
        for (r, film_id) in rows.iter().zip(film_ids) {
            let line = i64::try_from(r.line).ok();
            match existing.get(film_id) {
                Some(b)
                    if b.amount_minor == r.budget_cents
                        && b.year == Some(r.approval_year)
                        && b.source_line == line => {}
                Some(b) => {
                    let mut am: budget::ActiveModel = b.clone().into();
                    am.amount_minor = Set(r.budget_cents);
                    am.year = Set(Some(r.approval_year));
                    am.source_line = Set(line);
                    am.update(db).await?;
                    touched.insert(*film_id);
                }
                None => {
                    touched.insert(*film_id);
                    new.push(budget::ActiveModel {
                        film_id: Set(*film_id),
                        kind: Set(BudgetKind::ProductionEstimate),
                        amount_minor: Set(r.budget_cents),
                        currency: Set("EUR".to_owned()),
                        year: Set(Some(r.approval_year)),
                        source_id: Set(self.source_id),
                        source_line: Set(line),
                        ..Default::default()
                    });
                }
            }
        }
        bulk::insert_all(db, new).await?;
        Ok(touched)
    }

    /// Financing of each film; returns the films that gained a financing row.
    async fn financings(
        &self,
        db: &impl ConnectionTrait,
        rows: &[&CncFilm],
        film_ids: &[i64],
    ) -> Result<HashSet<i64>, IngestError> {
        let existing: HashSet<(i64, FinancingKind, String)> = financing::Entity::find()
            .filter(financing::Column::SourceId.eq(self.source_id))
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.film_id, f.kind, f.label))
            .collect();
        let mut touched = HashSet::new();
        let mut new = Vec::new();
        let mut queued = HashSet::new();
        for (r, film_id) in rows.iter().zip(film_ids) {
            for (kind, label) in financing_of(r) {
                let key = (*film_id, kind, label);
                if existing.contains(&key) || !queued.insert(key.clone()) {
                    continue;
                }
                touched.insert(*film_id);
                new.push(financing::ActiveModel {
                    film_id: Set(*film_id),
                    kind: Set(kind),
                    organisation_id: Set(None),
                    label: Set(key.2),
                    amount_minor: Set(None),
                    currency: Set(None),
                    source_id: Set(self.source_id),
                    source_line: Set(i64::try_from(r.line).ok()),
                    ..Default::default()
                });
            }
        }
        bulk::insert_new(
            db,
            new,
            [
                financing::Column::FilmId,
                financing::Column::Kind,
                financing::Column::Label,
                financing::Column::SourceId,
            ],
        )
        .await?;
        Ok(touched)
    }
}

/// The financing rows a film's flags and channel lists make: (kind, label).
fn financing_of(r: &CncFilm) -> Vec<(FinancingKind, String)> {
    let mut out = Vec::new();
    out.extend(r.pay_tv.iter().map(|c| (FinancingKind::PayTvPreBuy, c.clone())));
    out.extend(r.free_tv.iter().map(|c| (FinancingKind::FreeTvPreBuy, c.clone())));
    if r.sofica {
        out.push((FinancingKind::Sofica, String::new()));
    }
    if let Some(flag) = &r.tax_credit {
        out.push((FinancingKind::TaxCredit, flag.clone()));
    }
    if r.regional_aid {
        out.push((FinancingKind::RegionalAid, String::new()));
    }
    if let Some(when) = &r.advance_on_receipts {
        out.push((FinancingKind::AdvanceOnReceipts, when.clone()));
    }
    if r.parity_bonus {
        out.push((FinancingKind::ParityBonus, String::new()));
    }
    out
}
