//! Wikidata's answer on films, into the database: for films it knows by IMDb id, the QID, the
//! title where the film has none, the countries of origin (P495) where no other source gave
//! any, and a director credit for each director (P57) the database knows by QID. Wikidata adds
//! facts to films, never new films.

use std::collections::{HashMap, HashSet};

use egalite_shared::Role;
use egalite_shared::entity::{credit, film, film_country, person};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::ingest::RowCounts;
use crate::ingest::lookup::{country_codes, rows_where_in};
use crate::names::matching_key;
use crate::pages::wikidata::WikidataFilm;

/// Writes what Wikidata says of films the database knows by IMDb id; unknown films are skipped.
pub async fn write(
    db: &impl ConnectionTrait,
    source_id: i64,
    films: &[WikidataFilm],
) -> Result<RowCounts, DbErr> {
    let mut counts = RowCounts { read: films.len() as i64, ..Default::default() };
    let ids: Vec<String> = films.iter().map(|f| f.imdb_id.clone()).collect();
    let known: HashMap<String, film::Model> =
        rows_where_in::<film::Entity, _>(db, film::Column::ImdbId, &ids)
            .await?
            .into_iter()
            .filter_map(|f| Some((f.imdb_id.clone()?, f)))
            .collect();
    let film_ids: Vec<i64> = known.values().map(|f| f.id).collect();
    let mut with_countries: HashSet<i64> =
        rows_where_in::<film_country::Entity, _>(db, film_country::Column::FilmId, &film_ids)
            .await?
            .into_iter()
            .map(|c| c.film_id)
            .collect();
    let mut credited: HashSet<(i64, i64)> =
        rows_where_in::<credit::Entity, _>(db, credit::Column::FilmId, &film_ids)
            .await?
            .into_iter()
            .filter(|c| c.role == Role::Director)
            .map(|c| (c.film_id, c.person_id))
            .collect();
    let countries = country_codes(db).await?;
    let director_qids: Vec<String> =
        films.iter().flat_map(|f| f.directors.iter().cloned()).collect();
    let people_by_qid: HashMap<String, i64> =
        rows_where_in::<person::Entity, _>(db, person::Column::WikidataQid, &director_qids)
            .await?
            .into_iter()
            .filter_map(|p| Some((p.wikidata_qid?, p.id)))
            .collect();
    let qids: Vec<String> = films.iter().map(|f| f.qid.clone()).collect();
    let mut taken: HashSet<String> =
        rows_where_in::<film::Entity, _>(db, film::Column::WikidataQid, &qids)
            .await?
            .into_iter()
            .filter_map(|f| f.wikidata_qid)
            .collect();

    for w in films {
        let Some(f) = known.get(&w.imdb_id) else {
            counts.skipped += 1;
            continue;
        };
        let mut changed = false;
        let mut am: film::ActiveModel = f.clone().into();
        // A QID held by another film is a question for curators, not a move.
        if f.wikidata_qid.is_none() && taken.insert(w.qid.clone()) {
            am.wikidata_qid = Set(Some(w.qid.clone()));
            changed = true;
        }
        if f.title.is_none()
            && let Some(title) = &w.title
        {
            am.title = Set(Some(title.clone()));
            am.normalized_title = Set(Some(matching_key(title)));
            changed = true;
        }
        if changed {
            am.updated_at = Set(chrono::Utc::now());
            am.update(db).await?;
        }
        // Countries of origin only for a film no source has given any: two sources' lists are
        // not merged into one.
        if !with_countries.contains(&f.id) {
            let mut position = 0;
            for code in w.countries.iter().filter(|c| countries.contains(*c)) {
                film_country::ActiveModel {
                    film_id: Set(f.id),
                    country_code: Set(code.clone()),
                    position: Set(position),
                    share_percent: Set(None),
                    source_id: Set(Some(source_id)),
                }
                .insert(db)
                .await?;
                position += 1;
                changed = true;
            }
            if position > 0 {
                with_countries.insert(f.id);
            }
        }
        for qid in &w.directors {
            if let Some(person_id) = people_by_qid.get(qid).copied()
                && credited.insert((f.id, person_id))
            {
                credit::ActiveModel {
                    film_id: Set(f.id),
                    person_id: Set(person_id),
                    role: Set(Role::Director),
                    position: Set(0),
                    credited_as: Set(None),
                    source_id: Set(Some(source_id)),
                    source_line: Set(None),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                changed = true;
            }
        }
        if changed {
            counts.updated += 1;
        } else {
            counts.unchanged += 1;
        }
    }
    Ok(counts)
}
