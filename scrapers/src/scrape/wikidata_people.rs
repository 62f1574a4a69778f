//! Wikidata's answer on people, into the database: the gender Wikidata states (P21) becomes a
//! gender *declared by a source*, with the item's QID as evidence, through the same rule as the
//! other sources (a declared or curated gender that disagrees goes to review); the QID is kept on
//! the person, with the countries of citizenship (P27) it states.

use std::collections::{HashMap, HashSet};

use egalite_shared::entity::{person, person_nationality};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::ingest::RowCounts;
use crate::ingest::lookup::{country_codes, rows_where_in};
use crate::ingest::resolve::Resolver;
use crate::pages::wikidata::WikidataPerson;

/// Writes what Wikidata says of people the database knows by IMDb id; people it does not know
/// are counted as skipped (Wikidata adds facts to people, never new people).
pub async fn write(
    db: &impl ConnectionTrait,
    source_id: i64,
    people: &[WikidataPerson],
) -> Result<RowCounts, DbErr> {
    let mut counts = RowCounts { read: people.len() as i64, ..Default::default() };
    let ids: Vec<String> = people.iter().map(|p| p.imdb_id.clone()).collect();
    let known: HashMap<String, person::Model> =
        rows_where_in::<person::Entity, _>(db, person::Column::ImdbId, &ids)
            .await?
            .into_iter()
            .filter_map(|p| Some((p.imdb_id.clone()?, p)))
            .collect();
    let qids: Vec<String> = people.iter().map(|p| p.qid.clone()).collect();
    let mut taken: HashSet<String> =
        rows_where_in::<person::Entity, _>(db, person::Column::WikidataQid, &qids)
            .await?
            .into_iter()
            .filter_map(|p| p.wikidata_qid)
            .collect();
    let countries = country_codes(db).await?;
    let person_ids: Vec<i64> = known.values().map(|p| p.id).collect();
    let mut nationalities: HashSet<(i64, String)> = rows_where_in::<person_nationality::Entity, _>(
        db,
        person_nationality::Column::PersonId,
        &person_ids,
    )
    .await?
    .into_iter()
    .map(|n| (n.person_id, n.country_code))
    .collect();
    let mut declared = HashMap::new();
    let mut touched = HashSet::new();
    let mut matched = 0i64;
    for w in people {
        let Some(p) = known.get(&w.imdb_id) else {
            counts.skipped += 1;
            continue;
        };
        matched += 1;
        // A QID already recorded is kept, and one held by another person is not moved: both are
        // questions for curators.
        if p.wikidata_qid.is_none() && taken.insert(w.qid.clone()) {
            let mut am: person::ActiveModel = p.clone().into();
            am.wikidata_qid = Set(Some(w.qid.clone()));
            am.update(db).await?;
            touched.insert(p.id);
        }
        for code in w.citizenships.iter().filter(|c| countries.contains(*c)) {
            if nationalities.insert((p.id, code.clone())) {
                person_nationality::ActiveModel {
                    person_id: Set(p.id),
                    country_code: Set(code.clone()),
                    source_id: Set(source_id),
                }
                .insert(db)
                .await?;
                touched.insert(p.id);
            }
        }
        if let Some(g) = &w.gender {
            // The page is known by the source row; the evidence names the statement alone, so
            // that the same disagreement met on several pages is asked once.
            let evidence = format!("Wikidata {} states sex or gender (P21) {}", w.qid, g.qid);
            declared.insert(p.id, (g.gender, evidence));
        }
    }
    let resolver = Resolver::load(db, source_id).await?;
    touched.extend(resolver.declare_genders(db, &declared).await?);
    counts.updated = touched.len() as i64;
    counts.unchanged = matched - counts.updated;
    Ok(counts)
}
