//! The pages a run reads: one URL per edition and year for the award sites, and for Wikidata one
//! query per hundred people (known by IMDb id) who directed a film selected in those years or
//! were nominated in them.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr};
use url::Url;

use super::source::{IMDB_EVENTS, ScrapeSource};
use super::years::YearRange;
use crate::pages::wikidata;

/// People per Wikidata query: small enough for a GET URL, few enough requests for the endpoint.
const PEOPLE_PER_QUERY: usize = 100;

/// The URLs a run over `years` reads, under `origin`.
pub async fn plan(
    db: &impl ConnectionTrait,
    source: ScrapeSource,
    years: YearRange,
    origin: &Url,
) -> Result<Vec<Url>, DbErr> {
    let at = |path: &str| origin.join(path).ok();
    Ok(match source {
        ScrapeSource::ImdbEvents => IMDB_EVENTS
            .iter()
            .flat_map(|(event, _)| years.years().map(move |y| format!("/event/{event}/{y}/1/")))
            .filter_map(|p| at(&p))
            .collect(),
        ScrapeSource::OscarsOrg => {
            years.years().filter_map(|y| at(&format!("/oscars/ceremonies/{y}"))).collect()
        }
        ScrapeSource::Wikidata => {
            let ids = people_with_imdb_ids(db, years).await?;
            ids.chunks(PEOPLE_PER_QUERY)
                .filter_map(|chunk| {
                    let ids: Vec<&str> = chunk.iter().map(String::as_str).collect();
                    let query = wikidata::people_query(&ids).ok()?;
                    let mut url = at("/sparql")?;
                    url.query_pairs_mut()
                        .append_pair("query", &query)
                        .append_pair("format", "json");
                    Some(url)
                })
                .collect()
        }
    })
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
