//! Arguments shared by many fields, checked once: year ranges, and the names a filter gives
//! (a section's slug, a country's code, an award's slug), which must name something the data
//! holds. A name nothing has is the reader's mistake, said so, rather than an empty answer that
//! reads like a finding.

use async_graphql::Result;
use egalite_shared::entity::{award, country, section};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::error::{bad_input, internal};

/// The earliest year a range starts at when `fromYear` is not given.
pub const EARLIEST_YEAR: i32 = 1800;
/// The latest year a range ends at when `toYear` is not given.
pub const LATEST_YEAR: i32 = 2200;

/// A year range from optional bounds; an inverted range is an error naming both years.
pub fn years(from: Option<i32>, to: Option<i32>) -> Result<(i32, i32)> {
    let (from, to) = (from.unwrap_or(EARLIEST_YEAR), to.unwrap_or(LATEST_YEAR));
    if from > to {
        return Err(bad_input(format!("fromYear {from} is after toYear {to}")));
    }
    Ok((from, to))
}

/// Checks that some section has the slug `slug`; else an error naming it and the known slugs.
pub async fn known_section(db: &DatabaseConnection, slug: &str) -> Result<()> {
    let found = section::Entity::find()
        .filter(section::Column::Slug.eq(slug))
        .one(db)
        .await
        .map_err(|e| internal("finding the section", e))?;
    if found.is_some() {
        return Ok(());
    }
    let known: Vec<String> = section::Entity::find()
        .select_only()
        .column(section::Column::Slug)
        .distinct()
        .order_by_asc(section::Column::Slug)
        .into_tuple()
        .all(db)
        .await
        .map_err(|e| internal("listing section slugs", e))?;
    Err(bad_input(if known.is_empty() {
        format!("unknown section {slug:?}: no section is loaded yet")
    } else {
        format!("unknown section {slug:?}: one of {}", known.join(", "))
    }))
}

/// The code of the country `code` names (ISO 3166-1 alpha-2, in any case: `fr` is `FR`); a code
/// the countries table lacks is an error naming it.
pub async fn known_country(db: &DatabaseConnection, code: &str) -> Result<String> {
    let upper = code.trim().to_uppercase();
    let found = country::Entity::find_by_id(upper.clone())
        .one(db)
        .await
        .map_err(|e| internal("finding the country", e))?;
    match found {
        Some(c) => Ok(c.code),
        None => Err(bad_input(format!(
            "unknown country {code:?}: expected an ISO 3166-1 alpha-2 code such as FR or US"
        ))),
    }
}

/// The ids of the awards with the slug `slug`, of the festival `festival` (its id and slug) when
/// given; none is an error naming the slug (and the festival).
pub async fn known_award(
    db: &DatabaseConnection,
    festival: Option<(i64, &str)>,
    slug: &str,
) -> Result<Vec<i64>> {
    let mut q = award::Entity::find().filter(award::Column::Slug.eq(slug));
    if let Some((id, _)) = festival {
        q = q.filter(award::Column::FestivalId.eq(id));
    }
    let ids: Vec<i64> = q
        .select_only()
        .column(award::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .map_err(|e| internal("finding the award", e))?;
    if !ids.is_empty() {
        return Ok(ids);
    }
    Err(bad_input(match festival {
        Some((_, f)) => format!("unknown award {slug:?}: {f} has no award with this slug"),
        None => format!("unknown award {slug:?}: no award has this slug"),
    }))
}
