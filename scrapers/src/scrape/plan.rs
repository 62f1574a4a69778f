//! The pages a run reads: one URL per edition and year for the award sites, and for Wikidata one
//! query per hundred people (known by IMDb id) who directed a film selected in those years or
//! were nominated in them.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
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

/// IMDb ids of the films selected or nominated in an edition held in `years`, sorted.
async fn films_with_imdb_ids(
    db: &impl ConnectionTrait,
    years: YearRange,
) -> Result<Vec<String>, DbErr> {
    let t = |name: &str| Alias::new(name);
    let col = |table: &str, column: &str| (Alias::new(table), Alias::new(column));
    let selected = Query::select()
        .column(col("films", "imdb_id"))
        .from(t("films"))
        .inner_join(
            t("selections"),
            Expr::col(col("selections", "film_id")).equals(col("films", "id")),
        )
        .inner_join(
            t("sections"),
            Expr::col(col("sections", "id")).equals(col("selections", "section_id")),
        )
        .inner_join(
            t("editions"),
            Expr::col(col("editions", "id")).equals(col("sections", "edition_id")),
        )
        .and_where(Expr::col(col("films", "imdb_id")).is_not_null())
        .and_where(Expr::col(col("editions", "year")).between(years.from, years.to))
        .to_owned();
    let nominated = Query::select()
        .column(col("films", "imdb_id"))
        .from(t("films"))
        .inner_join(
            t("nomination_films"),
            Expr::col(col("nomination_films", "film_id")).equals(col("films", "id")),
        )
        .inner_join(
            t("nominations"),
            Expr::col(col("nominations", "id")).equals(col("nomination_films", "nomination_id")),
        )
        .inner_join(
            t("editions"),
            Expr::col(col("editions", "id")).equals(col("nominations", "edition_id")),
        )
        .and_where(Expr::col(col("films", "imdb_id")).is_not_null())
        .and_where(Expr::col(col("editions", "year")).between(years.from, years.to))
        .to_owned();
    let mut ids = Vec::new();
    for query in [selected, nominated] {
        for row in db.query_all(&query).await? {
            ids.push(row.try_get::<String>("", "imdb_id")?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// IMDb ids of the people a run over `years` asks Wikidata about, sorted: the directors of films
/// selected in an edition held in those years, and the people nominated in them.
async fn people_with_imdb_ids(
    db: &impl ConnectionTrait,
    years: YearRange,
) -> Result<Vec<String>, DbErr> {
    let t = |name: &str| Alias::new(name);
    let col = |table: &str, column: &str| (Alias::new(table), Alias::new(column));
    let directors = Query::select()
        .column(col("people", "imdb_id"))
        .from(t("people"))
        .inner_join(
            t("credits"),
            Expr::col(col("credits", "person_id")).equals(col("people", "id")),
        )
        .inner_join(
            t("selections"),
            Expr::col(col("selections", "film_id")).equals(col("credits", "film_id")),
        )
        .inner_join(
            t("sections"),
            Expr::col(col("sections", "id")).equals(col("selections", "section_id")),
        )
        .inner_join(
            t("editions"),
            Expr::col(col("editions", "id")).equals(col("sections", "edition_id")),
        )
        .and_where(Expr::col(col("credits", "role")).eq("director"))
        .and_where(Expr::col(col("people", "imdb_id")).is_not_null())
        .and_where(Expr::col(col("editions", "year")).between(years.from, years.to))
        .to_owned();
    let nominees = Query::select()
        .column(col("people", "imdb_id"))
        .from(t("people"))
        .inner_join(
            t("nomination_people"),
            Expr::col(col("nomination_people", "person_id")).equals(col("people", "id")),
        )
        .inner_join(
            t("nominations"),
            Expr::col(col("nominations", "id")).equals(col("nomination_people", "nomination_id")),
        )
        .inner_join(
            t("editions"),
            Expr::col(col("editions", "id")).equals(col("nominations", "edition_id")),
        )
        .and_where(Expr::col(col("people", "imdb_id")).is_not_null())
        .and_where(Expr::col(col("editions", "year")).between(years.from, years.to))
        .to_owned();
    let mut ids = Vec::new();
    for query in [directors, nominees] {
        for row in db.query_all(&query).await? {
            ids.push(row.try_get::<String>("", "imdb_id")?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
