//! Coverage per edition: how many films a line-up (or a ceremony's nominations) holds, how many
//! have their directors known, and how many of those directors have a known gender (and how many
//! of those genders are inferred), so a reader sees what a directing figure can and cannot say.

use sea_orm::{ConnectionTrait, DbErr, Statement};

/// Which films of an edition coverage counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageScope {
    /// Films in the edition's competition sections.
    Competition,
    /// Films nominated for any of the edition's awards.
    Nominations,
}

/// Coverage of one edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionCoverage {
    /// The edition's year.
    pub year: i32,
    /// Which event of that year (the Academy held two in 1930).
    pub sequence: i32,
    /// Films counted.
    pub films: i64,
    /// Films with at least one director known by name.
    pub films_with_directors: i64,
    /// Distinct directors of those films.
    pub directors: i64,
    /// Directors whose gender is known (declared, curated or inferred).
    pub directors_with_gender: i64,
    /// Directors whose gender is known only by inference from their first name.
    pub directors_inferred: i64,
}

/// Coverage of every edition of a festival in `years` (inclusive), in order.
pub async fn festival_coverage(
    db: &impl ConnectionTrait,
    festival_id: i64,
    scope: CoverageScope,
    years: (i32, i32),
) -> Result<Vec<EditionCoverage>, DbErr> {
    // Ids and years come from the database and the typed arguments, never from text.
    let films = match scope {
        CoverageScope::Competition => format!(
            "SELECT DISTINCT e.id AS edition_id, s.film_id FROM editions e \
             JOIN sections sc ON sc.edition_id = e.id AND sc.kind = 'competition' \
             JOIN selections s ON s.section_id = sc.id WHERE e.festival_id = {festival_id}"
        ),
        CoverageScope::Nominations => format!(
            "SELECT DISTINCT e.id AS edition_id, nf.film_id FROM editions e \
             JOIN nominations n ON n.edition_id = e.id \
             JOIN nomination_films nf ON nf.nomination_id = n.id WHERE e.festival_id = {festival_id}"
        ),
    };
    let (from, to) = years;
    let sql = format!(
        "WITH ef AS ({films}), \
         d AS (SELECT ef.edition_id, ef.film_id, c.person_id FROM ef \
               JOIN credits c ON c.film_id = ef.film_id AND c.role = 'director') \
         SELECT e.year AS year, e.sequence AS sequence, \
         CAST((SELECT count(*) FROM ef WHERE ef.edition_id = e.id) AS BIGINT) AS films, \
         CAST((SELECT count(DISTINCT d.film_id) FROM d WHERE d.edition_id = e.id) AS BIGINT) AS films_with_directors, \
         CAST((SELECT count(DISTINCT d.person_id) FROM d WHERE d.edition_id = e.id) AS BIGINT) AS directors, \
         CAST((SELECT count(DISTINCT d.person_id) FROM d JOIN people p ON p.id = d.person_id \
               WHERE d.edition_id = e.id AND p.gender <> 'unknown') AS BIGINT) AS directors_with_gender, \
         CAST((SELECT count(DISTINCT d.person_id) FROM d JOIN people p ON p.id = d.person_id \
               WHERE d.edition_id = e.id AND p.gender_source = 'inferred_from_first_name') AS BIGINT) AS directors_inferred \
         FROM editions e WHERE e.festival_id = {festival_id} AND e.year BETWEEN {from} AND {to} \
         ORDER BY e.year, e.sequence"
    );
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    rows.iter()
        .map(|r| {
            Ok(EditionCoverage {
                year: r.try_get("", "year")?,
                sequence: r.try_get("", "sequence")?,
                films: r.try_get("", "films")?,
                films_with_directors: r.try_get("", "films_with_directors")?,
                directors: r.try_get("", "directors")?,
                directors_with_gender: r.try_get("", "directors_with_gender")?,
                directors_inferred: r.try_get("", "directors_inferred")?,
            })
        })
        .collect()
}
