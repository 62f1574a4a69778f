//! The pages a run reads: one URL per edition and year for the award sites, and for Wikidata one
//! query per hundred people (known by IMDb id) who directed a film selected in those years or
//! were nominated in them.

use egalite_shared::Role;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr};
use url::Url;

use super::source::{IMDB_EVENTS, ScrapeSource};
use super::years::YearRange;
use crate::pages::wikidata;

/// Ids per Wikidata query: small enough for a GET URL, few enough requests for the endpoint.
const IDS_PER_QUERY: usize = 100;

/// What a page is, hence which parser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// An IMDb award event page.
    ImdbEvent,
    /// An oscars.org ceremony page.
    OscarsCeremony,
    /// Wikidata's answer to a people query.
    WikidataPeople,
    /// Wikidata's answer to a films query.
    WikidataFilms,
}

/// One page a run reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPage {
    /// Its URL.
    pub url: Url,
    /// What it is.
    pub kind: PageKind,
}

/// The pages a run over `years` reads, under `origin`, in the order they are read (Wikidata's
/// people before its films, so that films' directors meet the people by QID).
pub async fn plan(
    db: &impl ConnectionTrait,
    source: ScrapeSource,
    years: YearRange,
    origin: &Url,
) -> Result<Vec<PlannedPage>, DbErr> {
    let at = |path: &str| origin.join(path).ok();
    let pages = |kind: PageKind, urls: Vec<Url>| -> Vec<PlannedPage> {
        urls.into_iter().map(|url| PlannedPage { url, kind }).collect()
    };
    Ok(match source {
        ScrapeSource::ImdbEvents => pages(
            PageKind::ImdbEvent,
            IMDB_EVENTS
                .iter()
                .flat_map(|(event, _)| years.years().map(move |y| format!("/event/{event}/{y}/1/")))
                .filter_map(|p| at(&p))
                .collect(),
        ),
        ScrapeSource::OscarsOrg => pages(
            PageKind::OscarsCeremony,
            years.years().filter_map(|y| at(&format!("/oscars/ceremonies/{y}"))).collect(),
        ),
        ScrapeSource::Wikidata => {
            let query_url = |query: String| {
                let mut url = at("/sparql")?;
                url.query_pairs_mut().append_pair("query", &query).append_pair("format", "json");
                Some(url)
            };
            let people = people_with_imdb_ids(db, years).await?;
            let films = films_with_imdb_ids(db, years).await?;
            let mut out = pages(
                PageKind::WikidataPeople,
                people
                    .chunks(IDS_PER_QUERY)
                    .filter_map(|chunk| {
                        let ids: Vec<&str> = chunk.iter().map(String::as_str).collect();
                        query_url(wikidata::people_query(&ids).ok()?)
                    })
                    .collect(),
            );
            out.extend(pages(
                PageKind::WikidataFilms,
                films
                    .chunks(IDS_PER_QUERY)
                    .filter_map(|chunk| {
                        let ids: Vec<&str> = chunk.iter().map(String::as_str).collect();
                        query_url(wikidata::films_query(&ids).ok()?)
                    })
                    .collect(),
            ));
            out
        }
    })
}

/// A join: the table joined, and the column of it equal to a column of a table already in.
type Join = (&'static str, (&'static str, &'static str), (&'static str, &'static str));

/// Joins from a selection to the edition it belongs to.
const SELECTION_TO_EDITION: [Join; 2] = [
    ("sections", ("sections", "id"), ("selections", "section_id")),
    ("editions", ("editions", "id"), ("sections", "edition_id")),
];

/// The join from a nomination to its edition.
const NOMINATION_TO_EDITION: Join = ("editions", ("editions", "id"), ("nominations", "edition_id"));

/// `SELECT <table>.imdb_id FROM <table> <joins>` where the id is known and the edition reached
/// was held in `years`.
fn imdb_ids(table: &'static str, joins: &[Join], years: YearRange) -> SelectStatement {
    let col = |(t, c): (&str, &str)| (Alias::new(t), Alias::new(c));
    let mut query = Query::select();
    query.column(col((table, "imdb_id"))).from(Alias::new(table));
    for (joined, left, right) in joins {
        query.inner_join(Alias::new(*joined), Expr::col(col(*left)).equals(col(*right)));
    }
    query
        .and_where(Expr::col(col((table, "imdb_id"))).is_not_null())
        .and_where(Expr::col(col(("editions", "year"))).between(years.from, years.to));
    query
}

/// The ids the queries return, sorted and once each.
async fn run_all(
    db: &impl ConnectionTrait,
    queries: [SelectStatement; 2],
) -> Result<Vec<String>, DbErr> {
    let mut ids = Vec::new();
    for query in queries {
        for row in db.query_all(&query).await? {
            ids.push(row.try_get::<String>("", "imdb_id")?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// IMDb ids of the films selected or nominated in an edition held in `years`, sorted.
async fn films_with_imdb_ids(
    db: &impl ConnectionTrait,
    years: YearRange,
) -> Result<Vec<String>, DbErr> {
    let selected = [("selections", ("selections", "film_id"), ("films", "id"))];
    let nominated = [
        ("nomination_films", ("nomination_films", "film_id"), ("films", "id")),
        ("nominations", ("nominations", "id"), ("nomination_films", "nomination_id")),
        NOMINATION_TO_EDITION,
    ];
    let selected: Vec<Join> = selected.into_iter().chain(SELECTION_TO_EDITION).collect();
    run_all(db, [imdb_ids("films", &selected, years), imdb_ids("films", &nominated, years)]).await
}

/// IMDb ids of the people a run over `years` asks Wikidata about, sorted: the directors of films
/// selected in an edition held in those years, and the people nominated in them.
async fn people_with_imdb_ids(
    db: &impl ConnectionTrait,
    years: YearRange,
) -> Result<Vec<String>, DbErr> {
    let credited: Vec<Join> = [
        ("credits", ("credits", "person_id"), ("people", "id")),
        ("selections", ("selections", "film_id"), ("credits", "film_id")),
    ]
    .into_iter()
    .chain(SELECTION_TO_EDITION)
    .collect();
    let mut directors = imdb_ids("people", &credited, years);
    directors.and_where(
        Expr::col((Alias::new("credits"), Alias::new("role"))).eq(Role::Director.as_str()),
    );
    let nominated = [
        ("nomination_people", ("nomination_people", "person_id"), ("people", "id")),
        ("nominations", ("nominations", "id"), ("nomination_people", "nomination_id")),
        NOMINATION_TO_EDITION,
    ];
    run_all(db, [directors, imdb_ids("people", &nominated, years)]).await
}
