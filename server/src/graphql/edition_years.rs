//! The edition years of a film at a festival: the years of the editions that selected it or
//! named it in a nomination. A festival's film list gives them beside the release year, which
//! for a film the Academy honoured is the year after the festival that showed it.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DbErr, Statement, Value};

/// Edition years per film, for `film_ids`, at the festival `festival` (a slug) when given, in
/// `years` (inclusive) when given.
pub async fn of_films(
    db: &impl ConnectionTrait,
    film_ids: &[i64],
    festival: Option<&str>,
    years: Option<(i32, i32)>,
) -> Result<BTreeMap<i64, Vec<i32>>, DbErr> {
    let mut out: BTreeMap<i64, BTreeSet<i32>> = BTreeMap::new();
    let backend = db.get_database_backend();
    for chunk in film_ids.chunks(500) {
        // Ids are integers from the database; the slug and the years travel as values.
        let ids = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let mut values: Vec<Value> = Vec::new();
        let mut cond = String::new();
        let placeholder = |values: &mut Vec<Value>, v: Value| {
            values.push(v);
            match backend {
                sea_orm::DatabaseBackend::Postgres => format!("${}", values.len()),
                _ => "?".to_owned(),
            }
        };
        if let Some(slug) = festival {
            let p = placeholder(&mut values, slug.into());
            cond.push_str(&format!(" AND fe.slug = {p}"));
        }
        if let Some((from, to)) = years {
            let a = placeholder(&mut values, from.into());
            let b = placeholder(&mut values, to.into());
            cond.push_str(&format!(" AND e.year BETWEEN {a} AND {b}"));
        }
        let one = |join: &str, film: &str| {
            format!(
                "SELECT {film} AS film_id, e.year AS year FROM {join} \
                 JOIN festivals fe ON fe.id = e.festival_id WHERE {film} IN ({ids}){cond}"
            )
        };
        let selected = one(
            "selections s JOIN sections sc ON sc.id = s.section_id \
             JOIN editions e ON e.id = sc.edition_id",
            "s.film_id",
        );
        let nominated = one(
            "nomination_films nf JOIN nominations n ON n.id = nf.nomination_id \
             JOIN editions e ON e.id = n.edition_id",
            "nf.film_id",
        );
        // The condition's placeholders appear twice: the values are given twice, in order.
        let (sql, values) = match backend {
            sea_orm::DatabaseBackend::Postgres => (format!("{selected} UNION {nominated}"), values),
            _ => {
                let twice = values.iter().chain(values.iter()).cloned().collect();
                (format!("{selected} UNION {nominated}"), twice)
            }
        };
        let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
        for r in rows {
            let film: i64 = r.try_get("", "film_id")?;
            let year: i32 = r.try_get("", "year")?;
            out.entry(film).or_default().insert(year);
        }
    }
    Ok(out.into_iter().map(|(f, ys)| (f, ys.into_iter().collect())).collect())
}

/// One film's edition years at `festival` (every festival when `None`).
pub async fn of_film(
    db: &impl ConnectionTrait,
    film_id: i64,
    festival: Option<&str>,
) -> Result<Vec<i32>, DbErr> {
    Ok(of_films(db, &[film_id], festival, None).await?.remove(&film_id).unwrap_or_default())
}
