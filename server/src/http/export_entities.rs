//! `GET /export/<list>.csv` for the reference lists and the links between films and people:
//! festivals, editions, sections, selections, credits, awards (`award-list`, since `awards` is
//! the statistic) and sources. Each takes the arguments of its GraphQL field and lists every
//! match, without paging, through the same query.

use std::collections::HashMap;

use egalite_shared::entity::{edition, festival, film, person, section, source};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::export::{Refusal, to_csv};
use super::export_lists::{CHUNK, check_args, enumeration, gql_error, int, internal};
use crate::app::AppState;
use crate::graphql::lists::{
    CreditFilter, EditionFilter, SectionFilter, SelectionFilter, awards_select, credits_select,
    editions_select, sections_select, selections_select, sources_select,
};
use crate::graphql::node::Kind;

type Row = Vec<(String, Value)>;

fn csv(rows: &[Row]) -> Result<String, Refusal> {
    to_csv(rows).map_err(|e| internal("writing CSV", e))
}

fn text(params: &HashMap<String, String>, name: &str) -> Option<String> {
    params.get(name).cloned()
}

/// Every festival, by id: small, read whole.
async fn festivals_by_id(
    db: &DatabaseConnection,
) -> Result<HashMap<i64, festival::Model>, Refusal> {
    Ok(festival::Entity::find()
        .all(db)
        .await
        .map_err(|e| internal("reading festivals", e))?
        .into_iter()
        .map(|f| (f.id, f))
        .collect())
}

/// The editions with these ids.
async fn editions_by_id(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, edition::Model>, Refusal> {
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let found = edition::Entity::find()
            .filter(edition::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await
            .map_err(|e| internal("reading editions", e))?;
        out.extend(found.into_iter().map(|e| (e.id, e)));
    }
    Ok(out)
}

/// The films with these ids.
async fn films_by_id(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, film::Model>, Refusal> {
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let found = film::Entity::find()
            .filter(film::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await
            .map_err(|e| internal("reading films", e))?;
        out.extend(found.into_iter().map(|f| (f.id, f)));
    }
    Ok(out)
}

/// `GET /export/festivals.csv`: every festival and ceremony, as `festivals` lists them.
pub async fn festivals(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<String, Refusal> {
    check_args("festivals", params, &[])?;
    let rows = festival::Entity::find()
        .order_by_asc(festival::Column::Id)
        .all(&state.db)
        .await
        .map_err(|e| internal("listing festivals", e))?;
    let out: Vec<Row> = rows
        .into_iter()
        .map(|f| {
            vec![
                ("id".to_owned(), json!(Kind::Festival.id(f.id).0)),
                ("slug".to_owned(), json!(f.slug)),
                ("name".to_owned(), json!(f.name)),
                ("name_en".to_owned(), json!(f.name_en)),
                ("name_fr".to_owned(), json!(f.name_fr)),
                ("short_name".to_owned(), json!(f.short_name)),
                ("kind".to_owned(), json!(f.kind.as_str())),
                ("country".to_owned(), json!(f.country_code)),
                ("city".to_owned(), json!(f.city)),
                ("first_year".to_owned(), json!(f.first_year)),
                ("imdb_event_id".to_owned(), json!(f.imdb_event_id)),
            ]
        })
        .collect();
    csv(&out)
}

/// `GET /export/editions.csv`: `festival`, `fromYear`, `toYear`, as `editions` takes them.
pub async fn editions(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<String, Refusal> {
    check_args("editions", params, &["festival", "fromYear", "toYear"])?;
    let filter = EditionFilter {
        festival: text(params, "festival"),
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
    };
    let db = &state.db;
    let rows = editions_select(db, &filter)
        .await
        .map_err(gql_error)?
        .all(db)
        .await
        .map_err(|e| internal("listing editions", e))?;
    let festivals = festivals_by_id(db).await?;
    let out: Vec<Row> = rows
        .into_iter()
        .map(|e| {
            vec![
                ("id".to_owned(), json!(Kind::Edition.id(e.id).0)),
                ("festival".to_owned(), json!(festivals.get(&e.festival_id).map(|f| &f.slug))),
                ("year".to_owned(), json!(e.year)),
                ("sequence".to_owned(), json!(e.sequence)),
                ("number".to_owned(), json!(e.number)),
                ("label".to_owned(), json!(e.label)),
                ("held".to_owned(), json!(e.held)),
                ("start_date".to_owned(), json!(e.start_date.map(|d| d.to_string()))),
                ("end_date".to_owned(), json!(e.end_date.map(|d| d.to_string()))),
            ]
        })
        .collect();
    csv(&out)
}

/// `GET /export/sections.csv`: `festival`, `fromYear`, `toYear`, `slug`, `kind`, as `sections`
/// takes them.
pub async fn sections(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<String, Refusal> {
    check_args("sections", params, &["festival", "fromYear", "toYear", "slug", "kind"])?;
    let filter = SectionFilter {
        festival: text(params, "festival"),
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
        slug: text(params, "slug"),
        kind: enumeration(params, "kind")?,
    };
    let db = &state.db;
    let rows = sections_select(db, &filter)
        .await
        .map_err(gql_error)?
        .all(db)
        .await
        .map_err(|e| internal("listing sections", e))?;
    let festivals = festivals_by_id(db).await?;
    let editions = editions_by_id(db, rows.iter().map(|s| s.edition_id)).await?;
    let out: Vec<Row> = rows
        .into_iter()
        .map(|s| {
            let e = editions.get(&s.edition_id);
            let f = e.and_then(|e| festivals.get(&e.festival_id));
            vec![
                ("id".to_owned(), json!(Kind::Section.id(s.id).0)),
                ("festival".to_owned(), json!(f.map(|f| &f.slug))),
                ("year".to_owned(), json!(e.map(|e| e.year))),
                ("slug".to_owned(), json!(s.slug)),
                ("name".to_owned(), json!(s.name)),
                ("kind".to_owned(), json!(s.kind.as_str())),
            ]
        })
        .collect();
    csv(&out)
}

/// `GET /export/selections.csv`: the arguments of `selections`.
pub async fn selections(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<String, Refusal> {
    const ARGS: &[&str] =
        &["festival", "section", "sectionKind", "fromYear", "toYear", "role", "gender", "country"];
    check_args("selections", params, ARGS)?;
    let filter = SelectionFilter {
        festival: text(params, "festival"),
        section: text(params, "section"),
        section_kind: enumeration(params, "sectionKind")?,
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
        role: enumeration(params, "role")?,
        gender: enumeration(params, "gender")?,
        country: text(params, "country"),
    };
    let db = &state.db;
    let rows = selections_select(db, &filter)
        .await
        .map_err(gql_error)?
        .find_also_related(section::Entity)
        .all(db)
        .await
        .map_err(|e| internal("listing selections", e))?;
    let festivals = festivals_by_id(db).await?;
    let editions =
        editions_by_id(db, rows.iter().filter_map(|(_, s)| s.as_ref()).map(|s| s.edition_id))
            .await?;
    let films = films_by_id(db, rows.iter().map(|(x, _)| x.film_id)).await?;
    let out: Vec<Row> = rows
        .into_iter()
        .map(|(x, s)| {
            let e = s.as_ref().and_then(|s| editions.get(&s.edition_id));
            let f = e.and_then(|e| festivals.get(&e.festival_id));
            let film = films.get(&x.film_id);
            vec![
                ("id".to_owned(), json!(Kind::Selection.id(x.id).0)),
                ("festival".to_owned(), json!(f.map(|f| &f.slug))),
                ("year".to_owned(), json!(e.map(|e| e.year))),
                ("section".to_owned(), json!(s.as_ref().map(|s| &s.slug))),
                ("section_kind".to_owned(), json!(s.as_ref().map(|s| s.kind.as_str()))),
                ("film".to_owned(), json!(Kind::Film.id(x.film_id).0)),
                ("title".to_owned(), json!(film.and_then(|f| f.title.clone()))),
                ("imdb_id".to_owned(), json!(film.and_then(|f| f.imdb_id.clone()))),
            ]
        })
        .collect();
    csv(&out)
}

/// `GET /export/credits.csv`: the arguments of `credits`.
pub async fn credits(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<String, Refusal> {
    check_args(
        "credits",
        params,
        &["role", "gender", "festival", "fromYear", "toYear", "country"],
    )?;
    let filter = CreditFilter {
        role: enumeration(params, "role")?,
        gender: enumeration(params, "gender")?,
        festival: text(params, "festival"),
        from_year: int(params, "fromYear")?,
        to_year: int(params, "toYear")?,
        country: text(params, "country"),
    };
    let db = &state.db;
    let rows = credits_select(db, &filter)
        .await
        .map_err(gql_error)?
        .find_also_related(person::Entity)
        .all(db)
        .await
        .map_err(|e| internal("listing credits", e))?;
    let films = films_by_id(db, rows.iter().map(|(c, _)| c.film_id)).await?;
    let out: Vec<Row> = rows
        .into_iter()
        .map(|(c, p)| {
            let film = films.get(&c.film_id);
            vec![
                ("id".to_owned(), json!(Kind::Credit.id(c.id).0)),
                ("film".to_owned(), json!(Kind::Film.id(c.film_id).0)),
                ("title".to_owned(), json!(film.and_then(|f| f.title.clone()))),
                ("year".to_owned(), json!(film.and_then(|f| f.year))),
                ("role".to_owned(), json!(c.role.as_str())),
                ("position".to_owned(), json!(c.position)),
                ("person".to_owned(), json!(Kind::Person.id(c.person_id).0)),
                ("name".to_owned(), json!(p.as_ref().map(|p| &p.name))),
                ("gender".to_owned(), json!(p.as_ref().map(|p| p.gender.as_str()))),
                (
                    "gender_source".to_owned(),
                    json!(p.as_ref().and_then(|p| p.gender_source).map(|s| s.as_str())),
                ),
                ("credited_as".to_owned(), json!(c.credited_as)),
            ]
        })
        .collect();
    csv(&out)
}

/// `GET /export/award-list.csv`: `festival`, as `awards` takes it.
pub async fn awards(state: &AppState, params: &HashMap<String, String>) -> Result<String, Refusal> {
    check_args("award-list", params, &["festival"])?;
    let db = &state.db;
    let rows = awards_select(db, params.get("festival").map(String::as_str))
        .await
        .map_err(gql_error)?
        .all(db)
        .await
        .map_err(|e| internal("listing awards", e))?;
    let festivals = festivals_by_id(db).await?;
    let out: Vec<Row> = rows
        .into_iter()
        .map(|a| {
            vec![
                ("id".to_owned(), json!(Kind::Award.id(a.id).0)),
                ("festival".to_owned(), json!(festivals.get(&a.festival_id).map(|f| &f.slug))),
                ("slug".to_owned(), json!(a.slug)),
                ("name".to_owned(), json!(a.name)),
                ("name_en".to_owned(), json!(a.name_en)),
                ("name_fr".to_owned(), json!(a.name_fr)),
                ("subject".to_owned(), json!(a.subject.as_str())),
                ("main_prize".to_owned(), json!(a.main_prize)),
            ]
        })
        .collect();
    csv(&out)
}

/// `GET /export/sources.csv`: every source, as `sources` lists them.
pub async fn sources(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<String, Refusal> {
    check_args("sources", params, &[])?;
    let rows: Vec<source::Model> =
        sources_select().all(&state.db).await.map_err(|e| internal("listing sources", e))?;
    let out: Vec<Row> = rows
        .into_iter()
        .map(|s| {
            vec![
                ("id".to_owned(), json!(Kind::Source.id(s.id).0)),
                ("slug".to_owned(), json!(s.slug)),
                ("title".to_owned(), json!(s.title)),
                ("kind".to_owned(), json!(s.kind.as_str())),
                ("origin_url".to_owned(), json!(s.origin_url)),
                ("licence".to_owned(), json!(s.licence)),
                ("retrieved_on".to_owned(), json!(s.retrieved_on.map(|d| d.to_string()))),
                ("sha256".to_owned(), json!(s.sha256)),
                ("redistributable".to_owned(), json!(s.redistributable)),
            ]
        })
        .collect();
    csv(&out)
}
