//! `GET /export/<list>.csv`: every film, person, nomination or budget matching the same filters
//! as the GraphQL field of that list, without paging (the other lists are in `export_entities`).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;

use axum::http::StatusCode;
use egalite_shared::entity::{
    award, credit, edition, festival, film, nomination_film, nomination_person, person,
};
use egalite_shared::{Gender, Role};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::export::{Refusal, refusal, to_csv};
use crate::app::AppState;
use crate::graphql::lists::{
    BudgetFilter, FilmFilter, NominationFilter, PersonFilter, budgets_select, films_select,
    nominations_select, people_select,
};
use crate::graphql::node::Kind;
use crate::stats::directing::Direction;

type Run = for<'a> fn(
    &'a AppState,
    &'a HashMap<String, String>,
) -> Pin<Box<dyn Future<Output = Result<String, Refusal>> + Send + 'a>>;

/// An export of an entity list.
pub struct ListExport {
    /// Its name in the URL.
    pub name: &'static str,
    /// Writes the CSV, or refuses with a response naming what was wrong.
    pub run: Run,
}

/// The list exports.
pub const LIST_EXPORTS: &[ListExport] = &[
    ListExport { name: "films", run: |s, p| Box::pin(films(s, p)) },
    ListExport { name: "people", run: |s, p| Box::pin(people(s, p)) },
    ListExport { name: "nominations", run: |s, p| Box::pin(nominations(s, p)) },
    ListExport { name: "budget-lines", run: |s, p| Box::pin(budgets(s, p)) },
    ListExport { name: "festivals", run: |s, p| Box::pin(super::export_entities::festivals(s, p)) },
    ListExport { name: "editions", run: |s, p| Box::pin(super::export_entities::editions(s, p)) },
    ListExport { name: "sections", run: |s, p| Box::pin(super::export_entities::sections(s, p)) },
    ListExport {
        name: "selections",
        run: |s, p| Box::pin(super::export_entities::selections(s, p)),
    },
    ListExport { name: "credits", run: |s, p| Box::pin(super::export_entities::credits(s, p)) },
    // `awards` is the statistic; the list of awards is `award-list`.
    ListExport { name: "award-list", run: |s, p| Box::pin(super::export_entities::awards(s, p)) },
    ListExport { name: "sources", run: |s, p| Box::pin(super::export_entities::sources(s, p)) },
];

const FILM_ARGS: &[&str] = &[
    "festival",
    "section",
    "sectionKind",
    "fromYear",
    "toYear",
    "country",
    "role",
    "gender",
    "genre",
    "search",
];
const NOMINATION_ARGS: &[&str] =
    &["festival", "award", "fromYear", "toYear", "won", "gender", "section", "country"];
const BUDGET_ARGS: &[&str] = &["fromYear", "toYear", "kind", "genre", "directorCategory"];
const PERSON_ARGS: &[&str] =
    &["gender", "genderSource", "role", "festival", "fromYear", "toYear", "search"];

pub(super) fn bad(message: String) -> Refusal {
    refusal(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", message)
}

pub(super) fn check_args(
    name: &str,
    params: &HashMap<String, String>,
    known: &[&str],
) -> Result<(), Refusal> {
    match params.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(bad(format!(
            "unknown argument {k:?} for /export/{name}.csv: it takes {}",
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

pub(super) fn int(params: &HashMap<String, String>, name: &str) -> Result<Option<i32>, Refusal> {
    params
        .get(name)
        .map(|v| v.trim().parse().map_err(|_| bad(format!("{name}={v:?} is not a whole number"))))
        .transpose()
}

/// An enum argument, written as in GraphQL (`LEAD_CAST`) or as stored (`lead_cast`).
pub(super) fn enumeration<T: FromStr>(
    params: &HashMap<String, String>,
    name: &str,
) -> Result<Option<T>, Refusal>
where
    T::Err: std::fmt::Display,
{
    params
        .get(name)
        .map(|v| T::from_str(&v.trim().to_lowercase()).map_err(|e| bad(format!("{name}: {e}"))))
        .transpose()
}

pub(super) fn gql_error(e: async_graphql::Error) -> Refusal {
    let code = match e.extensions.as_ref().and_then(|x| x.get("code")) {
        Some(async_graphql::Value::String(s)) => s.clone(),
        _ => "BAD_USER_INPUT".to_owned(),
    };
    let status = if code == "INTERNAL" {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    refusal(status, &code, e.message)
}

pub(super) fn internal(what: &str, e: impl std::fmt::Display) -> Refusal {
    tracing::error!(error = %e, "{what}");
    refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        format!("{what} failed; the server log has the details"),
    )
}

/// Ids per statement, so that no `IN` list grows without bound.
pub(super) const CHUNK: usize = 1000;

async fn films(state: &AppState, params: &HashMap<String, String>) -> Result<String, Refusal> {
    check_args("films", params, FILM_ARGS)?;
    let filter = FilmFilter {
        festival: params.get("festival").cloned(),
        section: params.get("section").cloned(),
        section_kind: enumeration(params, "sectionKind")?,
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
        country: params.get("country").cloned(),
        role: enumeration(params, "role")?,
        gender: enumeration(params, "gender")?,
        genre: enumeration(params, "genre")?,
        search: params.get("search").cloned(),
    };
    let db = &state.db;
    let rows = films_select(db, &filter)
        .await
        .map_err(gql_error)?
        .order_by_asc(egalite_shared::entity::film::Column::Id)
        .all(db)
        .await
        .map_err(|e| internal("listing films", e))?;
    // Directors of every film, read in chunks.
    let mut directors: HashMap<i64, Vec<person::Model>> = HashMap::new();
    for chunk in rows.chunks(CHUNK) {
        let ids: Vec<i64> = chunk.iter().map(|f| f.id).collect();
        let found = credit::Entity::find()
            .filter(credit::Column::FilmId.is_in(ids))
            .filter(credit::Column::Role.eq(Role::Director))
            .order_by_asc(credit::Column::Position)
            .find_also_related(person::Entity)
            .all(db)
            .await
            .map_err(|e| internal("reading directors", e))?;
        for (c, p) in found {
            if let Some(p) = p {
                directors.entry(c.film_id).or_default().push(p);
            }
        }
    }
    // The edition years at the festival asked for (within the years asked for), or at any.
    let ids: Vec<i64> = rows.iter().map(|f| f.id).collect();
    let range = (filter.from_year.is_some() || filter.to_year.is_some())
        .then(|| (filter.from_year.unwrap_or(i32::MIN), filter.to_year.unwrap_or(i32::MAX)));
    let mut edition_years =
        crate::graphql::edition_years::of_films(db, &ids, filter.festival.as_deref(), range)
            .await
            .map_err(|e| internal("reading edition years", e))?;
    let out: Vec<Vec<(String, Value)>> = rows
        .into_iter()
        .map(|f| {
            let ds = directors.remove(&f.id).unwrap_or_default();
            let years = edition_years.remove(&f.id).unwrap_or_default();
            let genders: Vec<Gender> = ds.iter().map(|p| p.gender).collect();
            let category = match Direction::of(&genders) {
                Direction::WomenOnly => "women_only",
                Direction::Mixed => "mixed",
                Direction::MenOnly => "men_only",
                Direction::Unknown => "unknown",
            };
            let join = |f: &dyn Fn(&person::Model) -> String| {
                ds.iter().map(f).collect::<Vec<_>>().join("; ")
            };
            vec![
                ("id".to_owned(), json!(Kind::Film.id(f.id).0)),
                ("title".to_owned(), json!(f.display_title())),
                ("original_title".to_owned(), json!(f.original_title)),
                ("year".to_owned(), json!(f.year)),
                (
                    "edition_years".to_owned(),
                    json!(years.iter().map(i32::to_string).collect::<Vec<_>>().join("; ")),
                ),
                ("genre".to_owned(), json!(f.genre.map(|g| g.as_str()))),
                ("imdb_id".to_owned(), json!(f.imdb_id)),
                ("cnc_visa".to_owned(), json!(f.cnc_visa)),
                ("directors".to_owned(), json!(join(&|p| p.name.clone()))),
                ("director_genders".to_owned(), json!(join(&|p| p.gender.as_str().to_owned()))),
                (
                    "director_gender_sources".to_owned(),
                    json!(join(&|p| p.gender_source.map_or("", |s| s.as_str()).to_owned())),
                ),
                ("directors_category".to_owned(), json!(category)),
            ]
        })
        .collect();
    to_csv(&out).map_err(|e| internal("writing CSV", e))
}

async fn people(state: &AppState, params: &HashMap<String, String>) -> Result<String, Refusal> {
    check_args("people", params, PERSON_ARGS)?;
    let filter = PersonFilter {
        gender: enumeration(params, "gender")?,
        gender_source: enumeration(params, "genderSource")?,
        role: enumeration(params, "role")?,
        festival: params.get("festival").cloned(),
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
        search: params.get("search").cloned(),
    };
    let rows = people_select(&state.db, &filter)
        .await
        .map_err(gql_error)?
        .order_by_asc(person::Column::Id)
        .all(&state.db)
        .await
        .map_err(|e| internal("listing people", e))?;
    let out: Vec<Vec<(String, Value)>> = rows
        .into_iter()
        .map(|p| {
            vec![
                ("id".to_owned(), json!(Kind::Person.id(p.id).0)),
                ("name".to_owned(), json!(p.name)),
                ("gender".to_owned(), json!(p.gender.as_str())),
                ("gender_source".to_owned(), json!(p.gender_source.map(|s| s.as_str()))),
                ("gender_probability".to_owned(), json!(p.gender_probability)),
                ("gender_evidence".to_owned(), json!(p.gender_evidence)),
                ("imdb_id".to_owned(), json!(p.imdb_id)),
                ("wikidata_qid".to_owned(), json!(p.wikidata_qid)),
            ]
        })
        .collect();
    to_csv(&out).map_err(|e| internal("writing CSV", e))
}

pub(super) fn boolean(
    params: &HashMap<String, String>,
    name: &str,
) -> Result<Option<bool>, Refusal> {
    params
        .get(name)
        .map(|v| match v.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(bad(format!("{name}={v:?} is not true or false"))),
        })
        .transpose()
}

/// Names (and genders) of the people of each nomination, and titles of its films.
async fn named_by(
    db: &sea_orm::DatabaseConnection,
    ids: &[i64],
) -> Result<(HashMap<i64, Vec<person::Model>>, HashMap<i64, Vec<film::Model>>), Refusal> {
    let mut people: HashMap<i64, Vec<person::Model>> = HashMap::new();
    let mut films: HashMap<i64, Vec<film::Model>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let found = nomination_person::Entity::find()
            .filter(nomination_person::Column::NominationId.is_in(chunk.iter().copied()))
            .order_by_asc(nomination_person::Column::Position)
            .find_also_related(person::Entity)
            .all(db)
            .await
            .map_err(|e| internal("reading nominees", e))?;
        for (link, p) in found {
            if let Some(p) = p {
                people.entry(link.nomination_id).or_default().push(p);
            }
        }
        let found = nomination_film::Entity::find()
            .filter(nomination_film::Column::NominationId.is_in(chunk.iter().copied()))
            .find_also_related(film::Entity)
            .all(db)
            .await
            .map_err(|e| internal("reading nominated films", e))?;
        for (link, f) in found {
            if let Some(f) = f {
                films.entry(link.nomination_id).or_default().push(f);
            }
        }
    }
    Ok((people, films))
}

async fn nominations(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<String, Refusal> {
    check_args("nominations", params, NOMINATION_ARGS)?;
    let filter = NominationFilter {
        festival: params.get("festival").cloned(),
        award: params.get("award").cloned(),
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
        won: boolean(params, "won")?,
        gender: enumeration(params, "gender")?,
        section: params.get("section").cloned(),
        country: params.get("country").cloned(),
    };
    let db = &state.db;
    let rows = nominations_select(db, &filter)
        .await
        .map_err(gql_error)?
        .all(db)
        .await
        .map_err(|e| internal("listing nominations", e))?;
    // The reference tables are small: read them whole.
    let festivals: HashMap<i64, festival::Model> = festival::Entity::find()
        .all(db)
        .await
        .map_err(|e| internal("reading festivals", e))?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let awards: HashMap<i64, award::Model> = award::Entity::find()
        .all(db)
        .await
        .map_err(|e| internal("reading awards", e))?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let editions: HashMap<i64, edition::Model> = edition::Entity::find()
        .all(db)
        .await
        .map_err(|e| internal("reading editions", e))?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let ids: Vec<i64> = rows.iter().map(|n| n.id).collect();
    let (people, films) = named_by(db, &ids).await?;
    let out: Vec<Vec<(String, Value)>> = rows
        .into_iter()
        .map(|n| {
            let a = awards.get(&n.award_id);
            let e = editions.get(&n.edition_id);
            let f = a.and_then(|a| festivals.get(&a.festival_id));
            let ps = people.get(&n.id).map(Vec::as_slice).unwrap_or_default();
            let fs = films.get(&n.id).map(Vec::as_slice).unwrap_or_default();
            let join = |v: Vec<String>| v.join("; ");
            vec![
                ("id".to_owned(), json!(Kind::Nomination.id(n.id).0)),
                ("festival".to_owned(), json!(f.map(|f| f.slug.clone()))),
                ("year".to_owned(), json!(e.map(|e| e.year))),
                ("award".to_owned(), json!(a.map(|a| a.slug.clone()))),
                ("award_name".to_owned(), json!(a.map(|a| a.name.clone()))),
                ("won".to_owned(), json!(n.won)),
                ("detail".to_owned(), json!(n.detail)),
                (
                    "films".to_owned(),
                    json!(join(fs.iter().filter_map(|f| f.title.clone()).collect())),
                ),
                ("people".to_owned(), json!(join(ps.iter().map(|p| p.name.clone()).collect()))),
                (
                    "people_genders".to_owned(),
                    json!(join(ps.iter().map(|p| p.gender.as_str().to_owned()).collect())),
                ),
            ]
        })
        .collect();
    to_csv(&out).map_err(|e| internal("writing CSV", e))
}

async fn budgets(state: &AppState, params: &HashMap<String, String>) -> Result<String, Refusal> {
    check_args("budget-lines", params, BUDGET_ARGS)?;
    let filter = BudgetFilter {
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
        kind: enumeration(params, "kind")?,
        genre: enumeration(params, "genre")?,
        directors: director_category(params)?,
    };
    let q = budgets_select(&filter).map_err(gql_error)?;
    let db = &state.db;
    let rows = q
        .find_also_related(film::Entity)
        .all(db)
        .await
        .map_err(|e| internal("listing budgets", e))?;
    let out: Vec<Vec<(String, Value)>> = rows
        .into_iter()
        .map(|(b, f)| {
            vec![
                ("id".to_owned(), json!(Kind::Budget.id(b.id).0)),
                ("film".to_owned(), json!(Kind::Film.id(b.film_id).0)),
                ("title".to_owned(), json!(f.as_ref().and_then(|f| f.title.clone()))),
                ("cnc_visa".to_owned(), json!(f.as_ref().and_then(|f| f.cnc_visa.clone()))),
                ("genre".to_owned(), json!(f.as_ref().and_then(|f| f.genre).map(|g| g.as_str()))),
                ("year".to_owned(), json!(b.year)),
                ("kind".to_owned(), json!(b.kind.as_str())),
                (
                    "amount".to_owned(),
                    json!(format!("{}.{:02}", b.amount_minor / 100, b.amount_minor % 100)),
                ),
                ("currency".to_owned(), json!(b.currency)),
                ("source_line".to_owned(), json!(b.source_line)),
            ]
        })
        .collect();
    to_csv(&out).map_err(|e| internal("writing CSV", e))
}

/// `directorCategory`, written as in GraphQL (`WOMEN_ONLY`) or in lower case.
fn director_category(params: &HashMap<String, String>) -> Result<Option<Direction>, Refusal> {
    let Some(v) = params.get("directorCategory") else { return Ok(None) };
    match v.trim().to_uppercase().as_str() {
        "WOMEN_ONLY" => Ok(Some(Direction::WomenOnly)),
        "MIXED" => Ok(Some(Direction::Mixed)),
        "MEN_ONLY" => Ok(Some(Direction::MenOnly)),
        "UNKNOWN" => Ok(Some(Direction::Unknown)),
        _ => Err(bad(format!(
            "directorCategory={v:?} is not one of WOMEN_ONLY, MIXED, MEN_ONLY, UNKNOWN"
        ))),
    }
}
