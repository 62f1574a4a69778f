//! The migrations on PostgreSQL and SQLite: every table the entities name exists with their
//! columns, the keys that make ingestion idempotent hold, and the migrations can be rolled back.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use egalite_migrations::{Migrator, MigratorTrait};
use egalite_shared::entity::*;
use egalite_shared::{Gender, GenderSource, Role};
use egalite_tests::{TestDb, on_both_test_dbs};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set};

on_both_test_dbs!(
    every_entity_reads_from_its_table,
    reference_rows_are_seeded,
    a_credit_is_unique_per_film_person_and_role,
    a_known_gender_must_say_how_it_is_known,
    an_inferred_gender_needs_a_probability,
    a_credit_cannot_name_a_missing_film,
    migrations_are_idempotent_and_roll_back_cleanly,
);

/// Selecting every column of every entity fails if a table or a column is missing or mistyped.
async fn every_entity_reads_from_its_table(t: TestDb) {
    let db = &t.db;
    macro_rules! read {
        ($($m:ident),+) => { $( $m::Entity::find().limit(1).all(db).await.unwrap_or_else(|e| panic!("{}: {e}", stringify!($m))); )+ };
    }
    read!(
        analysis,
        analysis_figure,
        api_token,
        audit_log,
        award,
        budget,
        country,
        credit,
        edition,
        face,
        face_track,
        festival,
        film,
        film_company,
        film_country,
        financing,
        ingest_reject,
        ingest_run,
        job,
        nomination,
        nomination_film,
        nomination_person,
        organisation,
        person,
        person_nationality,
        poster,
        raw_snapshot,
        review_item,
        section,
        selection,
        source,
        trailer
    );
}

async fn reference_rows_are_seeded(t: TestDb) {
    let countries = country::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(countries.len(), 280);
    let festivals = festival::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(festivals.len(), 5);
}

async fn insert_film_and_person(t: &TestDb, gender: Gender) -> (i64, i64) {
    let now = Utc::now();
    let film = film::ActiveModel {
        title: Set(Some("Anatomie d'une chute".into())),
        normalized_title: Set(Some("anatomie d'une chute".into())),
        year: Set(Some(2023)),
        imdb_id: Set(Some("tt17009710".into())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let person = person::ActiveModel {
        name: Set("Justine Triet".into()),
        normalized_name: Set("justine triet".into()),
        gender: Set(gender),
        gender_source: Set(Some(GenderSource::Curated)),
        gender_evidence: Set(Some("test".into())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    (film.id, person.id)
}

fn credit(film_id: i64, person_id: i64) -> credit::ActiveModel {
    credit::ActiveModel {
        film_id: Set(film_id),
        person_id: Set(person_id),
        role: Set(Role::Director),
        position: Set(0),
        ..Default::default()
    }
}

async fn a_credit_is_unique_per_film_person_and_role(t: TestDb) {
    let (film_id, person_id) = insert_film_and_person(&t, Gender::Woman).await;
    credit(film_id, person_id).insert(&t.db).await.unwrap();
    let err = credit(film_id, person_id).insert(&t.db).await.unwrap_err().to_string();
    assert!(err.to_lowercase().contains("unique"), "{err}");
    let mut other_role = credit(film_id, person_id);
    other_role.role = Set(Role::Screenwriter);
    other_role.insert(&t.db).await.unwrap();
}

async fn a_known_gender_must_say_how_it_is_known(t: TestDb) {
    let now = Utc::now();
    let err = person::ActiveModel {
        name: Set("X".into()),
        normalized_name: Set("x".into()),
        gender: Set(Gender::Woman),
        gender_source: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap_err()
    .to_string();
    assert!(err.to_lowercase().contains("check"), "{err}");
}

async fn an_inferred_gender_needs_a_probability(t: TestDb) {
    let now = Utc::now();
    let p = |prob: Option<f64>| person::ActiveModel {
        name: Set("Agnès Varda".into()),
        normalized_name: Set("agnes varda".into()),
        gender: Set(Gender::Woman),
        gender_source: Set(Some(GenderSource::InferredFromFirstName)),
        gender_probability: Set(prob),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    assert!(p(None).insert(&t.db).await.is_err());
    let ok = p(Some(0.99)).insert(&t.db).await.unwrap();
    assert_eq!(ok.gender_probability, Some(0.99));
}

async fn a_credit_cannot_name_a_missing_film(t: TestDb) {
    let (_, person_id) = insert_film_and_person(&t, Gender::Woman).await;
    let err = credit(999_999, person_id).insert(&t.db).await.unwrap_err().to_string();
    assert!(err.to_lowercase().contains("foreign key"), "{err}");
}

async fn migrations_are_idempotent_and_roll_back_cleanly(t: TestDb) {
    assert!(Migrator::get_pending_migrations(&t.db).await.unwrap().is_empty());
    Migrator::up(&t.db, None).await.unwrap();
    Migrator::down(&t.db, None).await.unwrap();
    let tables = match t.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'seaql_migrations'"
        }
        _ => {
            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT IN ('seaql_migrations', 'sqlite_sequence')"
        }
    };
    let row =
        t.db.query_one_raw(sea_orm::Statement::from_string(t.db.get_database_backend(), tables))
            .await
            .unwrap()
            .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    assert_eq!(n, 0, "tables left after rolling back every migration");
    Migrator::up(&t.db, None).await.unwrap();
    assert_eq!(festival::Entity::find().all(&t.db).await.unwrap().len(), 5);
}
