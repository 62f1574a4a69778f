//! Ingesting the bundled Cannes competition dataset, on PostgreSQL and SQLite: the database holds
//! what the raw file says (counted here independently of the parser), a second run changes
//! nothing, a corrected file updates in place, and bad input loses nothing.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use egalite_scrapers::ingest::{IngestError, cannes_competition, ingest_dataset};
use egalite_shared::entity::*;
use egalite_tests::TestDb;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};

macro_rules! both {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $(
            #[tokio::test]
            async fn $name() { super::$name(egalite_tests::TestDb::new(egalite_tests::Backend::Sqlite).await.unwrap()).await }
        )+ }
        mod postgres { $(
            #[tokio::test]
            async fn $name() { super::$name(egalite_tests::TestDb::new(egalite_tests::Backend::Postgres).await.unwrap()).await }
        )+ }
    };
}

both!(
    cannes_films_per_year_match_the_raw_file,
    a_second_ingest_changes_nothing,
    a_corrected_file_updates_in_place,
    a_malformed_row_is_rejected_with_its_line_and_the_rest_goes_in,
    a_missing_file_fails_the_dataset_and_touches_nothing,
);

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

const FILE: &str = "cannes_competition_gt/cannes_competition_films.csv";

/// Films per year and director credits, counted with a plain CSV read: no parser of ours.
fn raw_counts(path: &Path) -> (BTreeMap<i64, i64>, i64) {
    let mut per_year = BTreeMap::new();
    let mut credits = 0;
    let mut reader = csv::Reader::from_path(path).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        *per_year.entry(row[0].parse::<i64>().unwrap()).or_insert(0) += 1;
        credits += row[3].split(", ").count() as i64;
    }
    (per_year, credits)
}

async fn selections_per_year(db: &TestDb) -> BTreeMap<i64, i64> {
    let sql = "SELECT CAST(e.year AS BIGINT) AS year, CAST(count(*) AS BIGINT) AS n FROM selections s \
               JOIN sections sc ON sc.id = s.section_id JOIN editions e ON e.id = sc.edition_id \
               GROUP BY e.year";
    let rows = db
        .db
        .query_all_raw(Statement::from_string(db.db.get_database_backend(), sql))
        .await
        .unwrap();
    rows.iter()
        .map(|r| (r.try_get::<i64>("", "year").unwrap(), r.try_get::<i64>("", "n").unwrap()))
        .collect()
}

/// Every content table, as JSON: equal strings mean equal tables.
async fn snapshot(db: &TestDb) -> String {
    let d = &db.db;
    serde_json::json!({
        "sources": source::Entity::find().all(d).await.unwrap(),
        "editions": edition::Entity::find().all(d).await.unwrap(),
        "sections": section::Entity::find().all(d).await.unwrap(),
        "films": film::Entity::find().all(d).await.unwrap(),
        "film_countries": film_country::Entity::find().all(d).await.unwrap(),
        "people": person::Entity::find().all(d).await.unwrap(),
        "credits": credit::Entity::find().all(d).await.unwrap(),
        "selections": selection::Entity::find().all(d).await.unwrap(),
        "review_items": review_item::Entity::find().all(d).await.unwrap(),
    })
    .to_string()
}

async fn cannes_films_per_year_match_the_raw_file(t: TestDb) {
    let report = ingest_dataset(&t.db, &bundled(), cannes_competition::NAME).await.unwrap();
    let (per_year, credits) = raw_counts(&bundled().join(FILE));
    assert_eq!(report.counts.read, 1873);
    assert_eq!(report.counts.inserted, 1873);
    assert_eq!(report.counts.rejected, 0);
    assert_eq!(selections_per_year(&t).await, per_year);
    assert_eq!(film::Entity::find().count(&t.db).await.unwrap(), 1873);
    assert_eq!(credit::Entity::find().count(&t.db).await.unwrap() as i64, credits);
    // 2020 is a label selection, kept apart from the competition.
    let label = section::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.kind == egalite_shared::SectionKind::Label)
        .count();
    assert_eq!(label, 1);
    let run = ingest_run::Entity::find_by_id(report.run_id).one(&t.db).await.unwrap().unwrap();
    assert_eq!(run.status, egalite_shared::RunStatus::Succeeded);
    assert_eq!(run.parser_version, "cannes_competition/1");
    assert_eq!(run.file_sha256.as_deref().map(str::len), Some(64));
    // Every film keeps the file and line it came from.
    let f = film::Entity::find().all(&t.db).await.unwrap();
    assert!(f.iter().all(|f| f.source_id.is_some() && f.source_line.is_some()));
}

async fn a_second_ingest_changes_nothing(t: TestDb) {
    ingest_dataset(&t.db, &bundled(), cannes_competition::NAME).await.unwrap();
    let before = snapshot(&t).await;
    let second = ingest_dataset(&t.db, &bundled(), cannes_competition::NAME).await.unwrap();
    assert_eq!(snapshot(&t).await, before);
    let c = second.counts;
    assert_eq!((c.inserted, c.updated, c.unchanged, c.rejected), (0, 0, 1873, 0));
    assert_eq!(ingest_run::Entity::find().count(&t.db).await.unwrap(), 2);
}

const HEADER: &str =
    "year,title,original_title,director,languages,countries_of_origin,run_time,imdb_url\n";

fn data_dir_with(csv: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, csv).unwrap();
    dir
}

async fn a_corrected_file_updates_in_place(t: TestDb) {
    let first = data_dir_with(&format!(
        "{HEADER}2023,Anatomy of a Fal,Anatomie d'une chute,Justine Triet,fr,FR,2h 31m,https://www.imdb.com/title/tt17009710/\n"
    ));
    ingest_dataset(&t.db, first.path(), cannes_competition::NAME).await.unwrap();
    let fixed = data_dir_with(&format!(
        "{HEADER}2023,Anatomy of a Fall,Anatomie d'une chute,Justine Triet,fr,FR,2h 31m,https://www.imdb.com/title/tt17009710/\n"
    ));
    let report = ingest_dataset(&t.db, fixed.path(), cannes_competition::NAME).await.unwrap();
    assert_eq!((report.counts.inserted, report.counts.updated), (0, 1));
    let films = film::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(films.len(), 1);
    assert_eq!(films[0].title, "Anatomy of a Fall");
    assert_eq!(person::Entity::find().count(&t.db).await.unwrap(), 1);
}

async fn a_malformed_row_is_rejected_with_its_line_and_the_rest_goes_in(t: TestDb) {
    let dir = data_dir_with(&format!(
        "{HEADER}2023,Anatomy of a Fall,,Justine Triet,fr,FR,2h 31m,https://www.imdb.com/title/tt17009710/\n\
         2023,Broken,,Nobody,fr,FR,2h,not a url\n\
         2023,Nowhere,,Somebody,fr,XX,2h,https://www.imdb.com/title/tt0000001/\n\
         2024,Anora,,Sean Baker,en,US,2h 19m,https://www.imdb.com/title/tt28607951/\n"
    ));
    let report = ingest_dataset(&t.db, dir.path(), cannes_competition::NAME).await.unwrap();
    assert_eq!((report.counts.read, report.counts.inserted, report.counts.rejected), (4, 2, 2));
    let rejects = ingest_reject::Entity::find().all(&t.db).await.unwrap();
    let lines: Vec<Option<i64>> = rejects.iter().map(|r| r.line).collect();
    assert_eq!(lines, [Some(3), Some(4)]);
    assert!(rejects[0].reason.contains("imdb_url"), "{}", rejects[0].reason);
    assert!(rejects[1].reason.contains("\"XX\""), "{}", rejects[1].reason);
    assert_eq!(film::Entity::find().count(&t.db).await.unwrap(), 2);
}

async fn a_missing_file_fails_the_dataset_and_touches_nothing(t: TestDb) {
    let empty = tempfile::tempdir().unwrap();
    let before = snapshot(&t).await;
    let err = ingest_dataset(&t.db, empty.path(), cannes_competition::NAME).await.unwrap_err();
    assert!(matches!(err, IngestError::Unreadable { .. }), "{err}");
    assert!(err.to_string().contains("cannes_competition_films.csv"), "{err}");
    assert_eq!(snapshot(&t).await, before);
    assert_eq!(ingest_run::Entity::find().count(&t.db).await.unwrap(), 0);
}
