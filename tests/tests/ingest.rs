//! Ingesting the bundled Cannes competition dataset, on PostgreSQL and SQLite: the database holds
//! what the raw file says (counted here independently of the parser), a second run changes
//! nothing, a corrected file updates in place, and bad input loses nothing.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use egalite_scrapers::ingest::{DATASETS, IngestError, cannes_competition, ingest_dataset, oscars};
use egalite_shared::entity::*;
use egalite_tests::{TestDb, on_both_test_dbs};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};

on_both_test_dbs!(
    cannes_films_per_year_match_the_raw_file,
    oscar_nominations_per_ceremony_match_the_raw_file,
    acting_categories_declare_the_gender_of_each_nominee,
    an_oscar_nominee_is_matched_to_the_cannes_director_of_the_same_film,
    a_namesake_active_in_the_same_years_is_the_same_person_and_one_decades_apart_is_asked_about,
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

/// Every content table's rows as sorted JSON lines (row order is not content).
async fn snapshot(db: &TestDb) -> BTreeMap<&'static str, Vec<String>> {
    fn rows<T: serde::Serialize>(v: Vec<T>) -> Vec<String> {
        let mut out: Vec<String> = v.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        out.sort();
        out
    }
    let d = &db.db;
    BTreeMap::from([
        ("sources", rows(source::Entity::find().all(d).await.unwrap())),
        ("editions", rows(edition::Entity::find().all(d).await.unwrap())),
        ("sections", rows(section::Entity::find().all(d).await.unwrap())),
        ("films", rows(film::Entity::find().all(d).await.unwrap())),
        ("film_countries", rows(film_country::Entity::find().all(d).await.unwrap())),
        ("people", rows(person::Entity::find().all(d).await.unwrap())),
        ("credits", rows(credit::Entity::find().all(d).await.unwrap())),
        ("selections", rows(selection::Entity::find().all(d).await.unwrap())),
        ("review_items", rows(review_item::Entity::find().all(d).await.unwrap())),
        ("awards", rows(award::Entity::find().all(d).await.unwrap())),
        ("nominations", rows(nomination::Entity::find().all(d).await.unwrap())),
        ("nomination_films", rows(nomination_film::Entity::find().all(d).await.unwrap())),
        ("nomination_people", rows(nomination_person::Entity::find().all(d).await.unwrap())),
        ("organisations", rows(organisation::Entity::find().all(d).await.unwrap())),
    ])
}

/// Asserts two snapshots are equal, naming the first table and row that differ (not the whole).
fn assert_same(before: &BTreeMap<&str, Vec<String>>, after: &BTreeMap<&str, Vec<String>>) {
    for (table, rows) in before {
        let other = &after[table];
        assert_eq!(rows.len(), other.len(), "row count of {table} changed");
        if let Some((a, b)) = rows.iter().zip(other).find(|(a, b)| a != b) {
            panic!("{table} changed:\n before {a}\n after  {b}");
        }
    }
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

async fn ingest_all(t: &TestDb) -> Vec<egalite_scrapers::ingest::IngestReport> {
    let mut reports = Vec::new();
    for name in DATASETS {
        reports.push(ingest_dataset(&t.db, &bundled(), name).await.unwrap());
    }
    reports
}

async fn a_second_ingest_changes_nothing(t: TestDb) {
    let first = ingest_all(&t).await;
    let before = snapshot(&t).await;
    for (report, first) in ingest_all(&t).await.into_iter().zip(first) {
        let c = report.counts;
        assert_eq!((c.inserted, c.updated), (0, 0), "{}", report.dataset);
        // The same rows are rejected or left to another dataset each time, for the same reasons.
        assert_eq!((c.rejected, c.skipped), (first.counts.rejected, first.counts.skipped));
        assert_eq!(c.unchanged + c.rejected + c.skipped, c.read, "{}", report.dataset);
    }
    assert_same(&before, &snapshot(&t).await);
    assert_eq!(ingest_run::Entity::find().count(&t.db).await.unwrap() as usize, 2 * DATASETS.len());
}

/// The raw Oscars file's rows as fields, read with a plain split: no parser of ours.
fn raw_oscars() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(bundled().join("oscars/oscars.tsv")).unwrap();
    text.lines().skip(1).map(|l| l.split('\t').map(str::to_owned).collect()).collect()
}

async fn oscar_nominations_per_ceremony_match_the_raw_file(t: TestDb) {
    let report = ingest_dataset(&t.db, &bundled(), oscars::NAME).await.unwrap();
    assert_eq!((report.counts.read, report.counts.rejected), (12_137, 0));
    let mut expected: BTreeMap<i64, i64> = BTreeMap::new();
    let mut wins = 0;
    for row in raw_oscars() {
        *expected.entry(row[0].parse().unwrap()).or_insert(0) += 1;
        wins += i64::from(row.get(10).map(String::as_str) == Some("True"));
    }
    let sql = "SELECT CAST(e.number AS BIGINT) AS number, CAST(count(*) AS BIGINT) AS n FROM nominations n \
               JOIN editions e ON e.id = n.edition_id GROUP BY e.number";
    let rows =
        t.db.query_all_raw(Statement::from_string(t.db.get_database_backend(), sql)).await.unwrap();
    let got: BTreeMap<i64, i64> = rows
        .iter()
        .map(|r| (r.try_get::<i64>("", "number").unwrap(), r.try_get::<i64>("", "n").unwrap()))
        .collect();
    assert_eq!(got, expected);
    let won = nomination::Entity::find().all(&t.db).await.unwrap().iter().filter(|n| n.won).count();
    assert_eq!(won as i64, wins);
    // Two ceremonies were held in 1930: the 2nd (April) and the 3rd (November).
    let e1930: Vec<(i32, Option<i32>)> = edition::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.year == 1930)
        .map(|e| (e.sequence, e.number))
        .collect();
    assert_eq!(e1930, [(1, Some(2)), (2, Some(3))]);
}

async fn acting_categories_declare_the_gender_of_each_nominee(t: TestDb) {
    ingest_dataset(&t.db, &bundled(), oscars::NAME).await.unwrap();
    let (mut women, mut men) =
        (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    for row in raw_oscars() {
        let ids = row.get(9).cloned().unwrap_or_default();
        for id in ids.split('|').filter(|i| i.starts_with("nm")) {
            if row[3].starts_with("ACTRESS") {
                women.insert(id.to_owned());
            } else if row[3].starts_with("ACTOR") {
                men.insert(id.to_owned());
            }
        }
    }
    let people = person::Entity::find().all(&t.db).await.unwrap();
    let declared = |g: egalite_shared::Gender| {
        people
            .iter()
            .filter(|p| {
                p.gender == g && p.gender_source == Some(egalite_shared::GenderSource::Declared)
            })
            .filter_map(|p| p.imdb_id.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(declared(egalite_shared::Gender::Woman), women);
    assert_eq!(declared(egalite_shared::Gender::Man), men);
    let meryl = people.iter().find(|p| p.name == "Meryl Streep").unwrap();
    assert!(
        meryl.gender_evidence.as_deref().unwrap().starts_with("Academy Awards category \"ACTRESS")
    );
    assert!(meryl.gender_source_id.is_some());
}

async fn an_oscar_nominee_is_matched_to_the_cannes_director_of_the_same_film(t: TestDb) {
    ingest_all(&t).await;
    let triets: Vec<person::Model> = person::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.normalized_name == "justine triet")
        .collect();
    assert_eq!(triets.len(), 1, "{triets:?}");
    let triet = &triets[0];
    assert!(triet.imdb_id.as_deref().unwrap().starts_with("nm"));
    let anatomy = film::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.imdb_id.as_deref() == Some("tt17009710"))
        .unwrap();
    let credits: Vec<credit::Model> = credit::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.film_id == anatomy.id && c.person_id == triet.id)
        .filter(|c| c.role == egalite_shared::Role::Director)
        .collect();
    assert_eq!(credits.len(), 1, "one director credit, whichever source gave it first");
    // She is among the five Directing nominees of the 96th ceremony.
    let on_nomination = nomination_person::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|np| np.person_id == triet.id)
        .count();
    assert!(on_nomination >= 1);
}

const HEADER: &str =
    "year,title,original_title,director,languages,countries_of_origin,run_time,imdb_url\n";

async fn a_namesake_active_in_the_same_years_is_the_same_person_and_one_decades_apart_is_asked_about(
    t: TestDb,
) {
    ingest_dataset(&t.db, &bundled(), cannes_competition::NAME).await.unwrap();
    ingest_dataset(&t.db, &bundled(), oscars::NAME).await.unwrap();
    let people = person::Entity::find().all(&t.db).await.unwrap();
    let named = |key: &str| people.iter().filter(|p| p.normalized_name == key).collect::<Vec<_>>();
    // Hitchcock: Oscar nominations 1940–1960, Cannes competition 1946; no film in common.
    let hitchcock = named("alfred hitchcock");
    assert_eq!(hitchcock.len(), 1, "{hitchcock:?}");
    assert_eq!(hitchcock[0].imdb_id.as_deref(), Some("nm0000033"));
    // Steve McQueen the actor (nominated for 1966) and the director (Cannes 2008 on): two
    // people, and the question goes to the review queue instead of a merge.
    let mcqueens = named("steve mcqueen");
    assert_eq!(mcqueens.len(), 2, "{mcqueens:?}");
    let asked = review_item::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.reason.contains("Steve McQueen"))
        .count();
    assert_eq!(asked, 1);
}

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
    assert_eq!(films[0].title.as_deref(), Some("Anatomy of a Fall"));
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
    assert_same(&before, &snapshot(&t).await);
    assert_eq!(ingest_run::Entity::find().count(&t.db).await.unwrap(), 0);
}
