//! Coverage on every figure, through the API and the CSV export, on PostgreSQL and on SQLite:
//! a figure whose films are too little known (under nine tenths, or under ten films) draws no
//! share and says why; the counting unit is the film of an edition's competition.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use egalite_tests::raw;
use egalite_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(a_berlin_year_with_few_known_directors_says_there_is_not_enough_data);

const COUNTS: &str =
    "films unknown known knownWithoutInferred enoughData shareWithAWoman notEnoughReason";

async fn a_berlin_year_with_few_known_directors_says_there_is_not_enough_data(app: TestApp) {
    for name in ["festival_nominations_imdb"] {
        egalite_scrapers::ingest::ingest_dataset(&app.db.db, &raw::data_dir(), name).await.unwrap();
    }
    let q = format!(
        "{{ stats {{ directing(festival: \"berlin\", fromYear: 1985, toYear: 1995) {{ \
           total {{ {COUNTS} }} editions {{ year counts {{ {COUNTS} }} }} }} }} }}"
    );
    let v = app.graphql(&q, json!({})).await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let figure = &v["data"]["stats"]["directing"];
    let editions = figure["editions"].as_array().unwrap();
    assert!(editions.len() >= 10, "{figure}");
    let mut flagged = 0;
    for e in editions.iter().chain([&json!({ "year": "all", "counts": figure["total"] })]) {
        let c = &e["counts"];
        let (films, unknown, known) = (
            c["films"].as_i64().unwrap(),
            c["unknown"].as_i64().unwrap(),
            c["known"].as_i64().unwrap(),
        );
        assert_eq!(known, films - unknown, "{e}");
        assert!(c["knownWithoutInferred"].as_i64().unwrap() <= known, "{e}");
        // The rule, stated here on its own: nine tenths known and at least ten films.
        let enough = known >= 10 && known * 10 >= films * 9;
        assert_eq!(c["enoughData"], enough, "{e}");
        if enough {
            assert!(c["shareWithAWoman"].is_f64(), "{e}");
            assert_eq!(c["notEnoughReason"], Value::Null, "{e}");
        } else {
            flagged += 1;
            assert_eq!(c["shareWithAWoman"], Value::Null, "{e}");
            let reason = c["notEnoughReason"].as_str().unwrap();
            assert!(reason.starts_with("not enough data"), "{e}");
            assert!(reason.contains(&format!("{known} of {films} films")), "{e}");
        }
    }
    // The IMDb line-ups of those years name almost no director: no year is enough.
    assert_eq!(flagged, editions.len() + 1, "{figure}");

    // The CSV says the same, with the share left empty.
    let body = app
        .get("/export/directing.csv?festival=berlin&fromYear=1985&toYear=1995")
        .await
        .text()
        .await
        .unwrap();
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), editions.len() + 1, "{body}");
    for r in &rows {
        assert_eq!(&r[col("enoughData")], "false", "{body}");
        assert_eq!(&r[col("shareWithAWoman")], "", "{body}");
        assert!(r[col("notEnoughReason")].starts_with("not enough data"), "{body}");
    }
}
