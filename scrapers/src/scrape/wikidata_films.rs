//! Wikidata's answer on films, into the database: for films it knows by IMDb id, the QID, the
//! title where the film has none, the countries of origin (P495) where no other source gave
//! any, and a director credit for each director (P57) the database knows by QID. Wikidata adds
//! facts to films, never new films.

use std::collections::{HashMap, HashSet};

use egalite_shared::Role;
use egalite_shared::entity::{country, credit, film, film_country, person};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};

use crate::ingest::RowCounts;
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
    let mut known: HashMap<String, film::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for f in film::Entity::find()
            .filter(film::Column::ImdbId.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            if let Some(id) = f.imdb_id.clone() {
                known.insert(id, f);
            }
        }
    }
    let film_ids: Vec<i64> = known.values().map(|f| f.id).collect();
    let mut with_countries: HashSet<i64> = HashSet::new();
    let mut credited: HashSet<(i64, i64)> = HashSet::new();
    for chunk in film_ids.chunks(500) {
        let rows: Vec<i64> = film_country::Entity::find()
            .select_only()
            .column(film_country::Column::FilmId)
            .filter(film_country::Column::FilmId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        with_countries.extend(rows);
        let rows: Vec<(i64, i64)> = credit::Entity::find()
            .select_only()
            .columns([credit::Column::FilmId, credit::Column::PersonId])
            .filter(credit::Column::FilmId.is_in(chunk.iter().copied()))
            .filter(credit::Column::Role.eq(Role::Director))
            .into_tuple()
            .all(db)
            .await?;
        credited.extend(rows);
    }
    let countries: HashSet<String> = country::Entity::find()
        .select_only()
        .column(country::Column::Code)
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let director_qids: Vec<String> =
        films.iter().flat_map(|f| f.directors.iter().cloned()).collect();
    let mut people_by_qid: HashMap<String, i64> = HashMap::new();
    for chunk in director_qids.chunks(500) {
        let rows: Vec<(i64, Option<String>)> = person::Entity::find()
            .select_only()
            .columns([person::Column::Id, person::Column::WikidataQid])
            .filter(person::Column::WikidataQid.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        people_by_qid.extend(rows.into_iter().filter_map(|(id, qid)| Some((qid?, id))));
    }
    let qids: Vec<String> = films.iter().map(|f| f.qid.clone()).collect();
    let mut taken: HashSet<String> = HashSet::new();
    for chunk in qids.chunks(500) {
        let rows: Vec<Option<String>> = film::Entity::find()
            .select_only()
            .column(film::Column::WikidataQid)
            .filter(film::Column::WikidataQid.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        taken.extend(rows.into_iter().flatten());
    }

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
