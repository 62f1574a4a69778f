//! How people's genders are known after ingestion, per dataset that named them first: declared
//! by a source, curated, inferred from the first name, or unknown.

use sea_orm::{ConnectionTrait, DbErr, Statement};

/// People of one dataset by how their gender is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenderCoverage {
    /// The dataset's source slug (the source that created the person).
    pub dataset: String,
    /// People in all.
    pub people: i64,
    /// Gender declared by a source.
    pub declared: i64,
    /// Gender settled by the curation file (a curated "no page states it" counts as unknown).
    pub curated: i64,
    /// Gender inferred from the first name.
    pub inferred: i64,
    /// Gender unknown.
    pub unknown: i64,
}

/// The coverage of every dataset that created people, by dataset slug.
pub async fn gender_coverage(db: &impl ConnectionTrait) -> Result<Vec<GenderCoverage>, DbErr> {
    let sql = "SELECT COALESCE(s.slug, '(none)') AS dataset, \
               CAST(count(*) AS BIGINT) AS people, \
               CAST(sum(CASE WHEN p.gender_source = 'declared' THEN 1 ELSE 0 END) AS BIGINT) AS declared, \
               CAST(sum(CASE WHEN p.gender_source = 'curated' AND p.gender <> 'unknown' THEN 1 ELSE 0 END) AS BIGINT) AS curated, \
               CAST(sum(CASE WHEN p.gender_source = 'inferred_from_first_name' THEN 1 ELSE 0 END) AS BIGINT) AS inferred, \
               CAST(sum(CASE WHEN p.gender = 'unknown' THEN 1 ELSE 0 END) AS BIGINT) AS unknown \
               FROM people p LEFT JOIN sources s ON s.id = p.source_id \
               GROUP BY COALESCE(s.slug, '(none)') ORDER BY 1";
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    rows.iter()
        .map(|r| {
            Ok(GenderCoverage {
                dataset: r.try_get("", "dataset")?,
                people: r.try_get("", "people")?,
                declared: r.try_get("", "declared")?,
                curated: r.try_get("", "curated")?,
                inferred: r.try_get("", "inferred")?,
                unknown: r.try_get("", "unknown")?,
            })
        })
        .collect()
}
