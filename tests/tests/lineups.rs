//! Curated line-ups and award lists, on PostgreSQL and SQLite, from small data folders written
//! here: a curated line-up is authoritative for its edition (the IMDb selections it does not list
//! leave the section and are asked about, the film it names is found where the data has it), a
//! curated award list names the people a prize honours and its winners, a prize IMDb files under
//! several categories is one award, bad rows are refused with their line, and a second run of
//! every dataset changes nothing.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use egalite_scrapers::ingest::{
    award_winners, curated_awards, curated_lineups, festival_nominations, ingest_dataset,
};
use egalite_shared::entity::*;
use egalite_shared::{ReviewStatus, SectionKind};
use egalite_tests::{TestDb, on_both_test_dbs};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

on_both_test_dbs!(a_curated_lineup_and_award_list_are_authoritative_for_their_editions);

const IMDB: &str = "imdb_event_id,event,edition,award,category,imdb_id,is_winner\n\
ev0000091,Berlin International Film Festival,2015,golden berlin bear,golden berlin bear,tt0000101,1\n\
ev0000091,Berlin International Film Festival,2015,golden berlin bear,golden berlin bear,tt0000102,0\n\
ev0000091,Berlin International Film Festival,2015,golden berlin bear,golden berlin bear,tt0000103,0\n\
ev0000091,Berlin International Film Festival,2015,golden berlin bear,golden berlin bear,tt0000105,0\n\
ev0000091,Berlin International Film Festival,2015,golden berlin bear,golden berlin bear,tt0000106,0\n\
ev0000091,Berlin International Film Festival,2017,golden berlin bear,best film,tt0000107,1\n\
ev0000157,\"César Awards, France\",2024,césar,best director (meilleure réalisation),tt0000201,1\n\
ev0000157,\"César Awards, France\",2024,césar,best director (meilleure réalisation),tt0000202,0\n\
ev0000157,\"César Awards, France\",2021,césar,best director (meilleur réalisateur),tt0000203,1\n";

const WINNERS: &str = "festival,award_key,year,title,imdb_id\n\
Berlin International Film Festival,berlin-golden-bear,2015,Taxi,tt0000101\n\
Berlin International Film Festival,berlin-silver-bear-director,2015,Twin,tt0000105\n\
Berlin International Film Festival,berlin-silver-bear-actor,2015,Twin,tt0000106\n";

const LINEUP_HEADER: &str = "festival,year,section,title,original_title,imdb_id,directors,url,quote,cue,heading,query,date,slice,reader,note\n";
const AWARD_HEADER: &str = "festival,year,award,outcome,title,original_title,imdb_id,directors,url,quote,cue,query,date,slice,reader,note\n";

fn lineups() -> String {
    let row = |year: &str, title: &str, directors: &str, quote: &str| {
        format!(
            "berlin,{year},competition,{title},,,{directors},https://www.berlinale.de/en/archive/2015,\"{quote}\",{title},The films of the Competition 2015,Berlinale 2015 Wettbewerb,2026-12-02,t/1,reader-T,\n"
        )
    };
    [
        LINEUP_HEADER.to_owned(),
        row("2015", "Taxi", "Jafar Panahi", "Taxi by Jafar Panahi"),
        row("2015", "Aferim!", "Radu Jude", "Aferim! by Radu Jude"),
        row("2015", "El Club", "Pablo Larraín", "El Club by Pablo Larraín"),
        // The data holds two films called Twin in the line-up: the row is refused.
        row("2015", "Twin", "Ann Other", "Twin by Ann Other"),
        // Berlin held no edition in 1890.
        row("1890", "Early", "Some One", "Early by Some One"),
        // No quote.
        "berlin,2015,competition,Elser,,,Oliver Hirschbiegel,https://x.org/a,,Elser,The films,q,2026-12-02,t/1,reader-T,\n".to_owned(),
    ]
    .concat()
}

fn awards() -> String {
    let row = |rest: &str| {
        format!(
            "{rest},https://www.academie-cinema.org/2024,\"{{q}}\",{{c}},César 2024,2026-12-02,t/1,reader-T,\n"
        )
    };
    let with =
        |rest: &str, quote: &str, cue: &str| row(rest).replace("{q}", quote).replace("{c}", cue);
    [
        AWARD_HEADER.to_owned(),
        with(
            "berlin,2015,golden_bear,won,Taxi,,,Jafar Panahi",
            "Golden Bear: Taxi by Jafar Panahi",
            "Taxi",
        ),
        with(
            "cesar,2024,cesar_best_director,won,Anatomie d'une chute,,,Justine Triet",
            "Justine Triet pour Anatomie d'une chute",
            "Justine Triet",
        ),
        with(
            "cesar,2024,cesar_best_director,nominated,Le Règne animal,,,Thomas Cailley",
            "Thomas Cailley pour Le Règne animal",
            "Thomas Cailley",
        ),
    ]
    .concat()
}

fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, body: &str| {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, body).unwrap();
    };
    write("festival_nominations_imdb/imdb_awards_cannes_berlin_venice_cesar_oscars.csv", IMDB);
    write("festival_award_winners/cannes_venice_berlin_major_award_winners.csv", WINNERS);
    write("curation/lineups.csv", &lineups());
    write("curation/awards.csv", &awards());
    dir
}

const ORDER: [&str; 4] =
    [festival_nominations::NAME, award_winners::NAME, curated_lineups::NAME, curated_awards::NAME];

/// The titles and directors of an edition's competition, sorted.
async fn competition(t: &TestDb, festival: &str, year: i32) -> Vec<(String, String)> {
    let sql = format!(
        "SELECT COALESCE(fm.title, fm.imdb_id) AS title, COALESCE(p.name, '') AS director \
         FROM selections s JOIN sections sc ON sc.id = s.section_id \
         JOIN editions e ON e.id = sc.edition_id JOIN festivals f ON f.id = e.festival_id \
         JOIN films fm ON fm.id = s.film_id \
         LEFT JOIN credits c ON c.film_id = fm.id AND c.role = 'director' \
         LEFT JOIN people p ON p.id = c.person_id \
         WHERE f.slug = '{festival}' AND e.year = {year} AND sc.kind = '{}' ORDER BY 1, 2",
        SectionKind::Competition
    );
    let rows =
        t.db.query_all_raw(Statement::from_string(t.db.get_database_backend(), sql)).await.unwrap();
    rows.iter()
        .map(|r| (r.try_get("", "title").unwrap(), r.try_get("", "director").unwrap()))
        .collect()
}

/// The nominations of an award in a year: (title, won, people named).
async fn nominations(t: &TestDb, slug: &str, year: i32) -> Vec<(String, bool, String)> {
    let sql = format!(
        "SELECT COALESCE(fm.title, fm.imdb_id) AS title, n.won AS won, COALESCE(p.name, '') AS person \
         FROM nominations n JOIN awards a ON a.id = n.award_id JOIN editions e ON e.id = n.edition_id \
         JOIN nomination_films nf ON nf.nomination_id = n.id JOIN films fm ON fm.id = nf.film_id \
         LEFT JOIN nomination_people np ON np.nomination_id = n.id \
         LEFT JOIN people p ON p.id = np.person_id \
         WHERE a.slug = '{slug}' AND e.year = {year} ORDER BY 1"
    );
    let rows =
        t.db.query_all_raw(Statement::from_string(t.db.get_database_backend(), sql)).await.unwrap();
    rows.iter()
        .map(|r| {
            (
                r.try_get("", "title").unwrap(),
                r.try_get("", "won").unwrap(),
                r.try_get("", "person").unwrap(),
            )
        })
        .collect()
}

async fn a_curated_lineup_and_award_list_are_authoritative_for_their_editions(t: TestDb) {
    let dir = data_dir();
    let mut reports = Vec::new();
    for name in ORDER {
        reports.push(ingest_dataset(&t.db, dir.path(), name).await.unwrap());
    }

    // The competition is the page's: Taxi is the IMDb film of that title, the two others new;
    // every film has its director.
    let berlin = competition(&t, "berlin", 2015).await;
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        berlin,
        vec![
            pair("Aferim!", "Radu Jude"),
            pair("El Club", "Pablo Larraín"),
            pair("Taxi", "Jafar Panahi"),
            pair("Twin", ""),
            pair("Twin", ""),
        ],
    );
    let taxi = film::Entity::find()
        .filter(film::Column::ImdbId.eq("tt0000101"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(taxi.title.as_deref(), Some("Taxi"));

    // The IMDb selections the page does not list left the section, each asked about.
    let asked = review_item::Entity::find()
        .filter(review_item::Column::Status.eq(ReviewStatus::Open))
        .all(&t.db)
        .await
        .unwrap();
    for id in ["tt0000102", "tt0000103"] {
        assert_eq!(
            asked.iter().filter(|r| r.reason.contains(id) && r.reason.contains("left out")).count(),
            1,
            "{id}: {asked:?}"
        );
    }

    // Bad rows refused with their line and reason; the rest went in.
    let rejects = ingest_reject::Entity::find()
        .filter(ingest_reject::Column::RunId.eq(reports[2].run_id))
        .all(&t.db)
        .await
        .unwrap();
    let said: Vec<(Option<i64>, &str)> =
        rejects.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(said.iter().any(|(l, r)| *l == Some(5) && r.contains("fits 2 films")), "{said:?}");
    assert!(
        said.iter().any(|(l, r)| *l == Some(6) && r.contains("no edition in 1890")),
        "{said:?}"
    );
    assert!(said.iter().any(|(l, r)| *l == Some(7) && r.contains("quote is empty")), "{said:?}");

    // The Golden Bear: one award over both IMDb categories; 2015's winner is Taxi, directed.
    let bears = nominations(&t, "berlin-golden-bear", 2015).await;
    assert_eq!(bears.iter().filter(|n| n.1).map(|n| n.0.as_str()).collect::<Vec<_>>(), ["Taxi"]);
    assert_eq!(nominations(&t, "berlin-golden-bear", 2017).await.len(), 1);

    // The César for Best Director: one award from 2021 to 2024; 2024 is the page's list, by name.
    let cesar = nominations(&t, "cesar-best-director", 2024).await;
    assert_eq!(
        cesar,
        vec![
            ("Anatomie d'une chute".to_owned(), true, "Justine Triet".to_owned()),
            ("Le Règne animal".to_owned(), false, "Thomas Cailley".to_owned()),
        ]
    );
    assert_eq!(nominations(&t, "cesar-best-director", 2021).await.len(), 1);
    let cesar_awards = award::Entity::find()
        .filter(award::Column::Name.contains("irect"))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(cesar_awards.len(), 1, "{cesar_awards:?}");

    // Everything again: nothing changes, nothing comes back, nothing is asked twice.
    let questions = asked.len();
    for name in ORDER {
        let again = ingest_dataset(&t.db, dir.path(), name).await.unwrap();
        assert_eq!((again.counts.inserted, again.counts.updated), (0, 0), "{name}");
    }
    assert_eq!(competition(&t, "berlin", 2015).await, berlin);
    assert_eq!(nominations(&t, "cesar-best-director", 2024).await, cesar);
    let open = review_item::Entity::find()
        .filter(review_item::Column::Status.eq(ReviewStatus::Open))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(open.len(), questions);

    // Lists and exports: a film known only by its IMDb id reads as that id, never as null; a
    // festival's films give the years of their editions there, and unknown release years last.
    let app = egalite_tests::TestApp::spawn_on(t).await;
    let v = app
        .graphql(
            "{ films(filter: {festival: \"cesar\"}, first: 100, orderBy: {field: YEAR}) { \
               nodes { title displayTitle imdbId year editionYears(festival: \"cesar\") } } }",
            serde_json::json!({}),
        )
        .await;
    assert_eq!(v["errors"], serde_json::Value::Null, "{v}");
    let films = v["data"]["films"]["nodes"].as_array().unwrap();
    let untitled = films.iter().find(|f| f["imdbId"] == "tt0000203").unwrap();
    assert_eq!(
        (&untitled["title"], &untitled["displayTitle"]),
        (&serde_json::Value::Null, &"tt0000203".into())
    );
    assert_eq!(untitled["editionYears"], serde_json::json!([2021]));
    let years: Vec<bool> = films.iter().map(|f| f["year"].is_null()).collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "unknown years last: {films:?}");
    let body = app.get("/export/films.csv?festival=berlin&fromYear=2015&toYear=2015").await;
    let body = body.text().await.unwrap();
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 3, "{body}");
    for r in &rows {
        assert_eq!(&r[col("edition_years")], "2015", "{body}");
        assert!(!r[col("title")].is_empty() && &r[col("title")] != "None", "{body}");
    }
}
