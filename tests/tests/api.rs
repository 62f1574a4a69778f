//! The GraphQL API and the HTTP endpoints, through real HTTP, on PostgreSQL and on SQLite.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use egalite_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    festivals_lists_the_five_seeded_festivals_with_official_names_and_countries,
    festival_by_slug_and_by_id_is_the_same_row,
    festival_with_a_malformed_id_is_a_bad_user_input_error,
    festival_with_neither_id_nor_slug_is_a_bad_user_input_error,
    festival_with_an_unknown_slug_is_null,
    health_and_readiness_answer_ok,
    graphiql_is_served_with_its_assets_and_no_cdn,
    graphiql_introspection_is_accepted,
    a_query_nested_past_the_depth_limit_is_rejected,
    malformed_graphql_is_an_error_not_a_crash,
    coverage_says_which_line_ups_name_their_directors,
);

async fn festivals_lists_the_five_seeded_festivals_with_official_names_and_countries(app: TestApp) {
    let v = app
        .graphql("{ festivals { slug name nameEn shortName kind firstYear imdbEventId country { code nameFr } } }", json!({}))
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let got: Vec<(String, String, String, String)> = v["data"]["festivals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["slug"].as_str().unwrap().to_owned(),
                f["name"].as_str().unwrap().to_owned(),
                f["country"]["code"].as_str().unwrap().to_owned(),
                f["imdbEventId"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("cannes", "Festival de Cannes", "FR", "ev0000147"),
        ("berlin", "Internationale Filmfestspiele Berlin", "DE", "ev0000091"),
        ("venice", "Mostra Internazionale d'Arte Cinematografica", "IT", "ev0000681"),
        ("cesar", "César du cinéma", "FR", "ev0000157"),
        ("oscars", "Academy Awards", "US", "ev0000003"),
    ];
    assert_eq!(
        got,
        expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect::<Vec<_>>()
    );
    let oscars = &v["data"]["festivals"][4];
    assert_eq!(oscars["kind"], "AWARD_CEREMONY");
    assert_eq!(oscars["country"]["nameFr"], "États-Unis");
    assert_eq!(v["data"]["festivals"][0]["firstYear"], 1946);
}

async fn festival_by_slug_and_by_id_is_the_same_row(app: TestApp) {
    let by_slug = app.graphql("{ festival(slug: \"berlin\") { id nameEn } }", json!({})).await;
    let id = by_slug["data"]["festival"]["id"].as_str().unwrap().to_owned();
    let by_id = app
        .graphql("query($id: ID!) { festival(id: $id) { id nameEn } }", json!({ "id": id }))
        .await;
    assert_eq!(by_slug["data"], by_id["data"]);
    assert_eq!(by_id["data"]["festival"]["nameEn"], "Berlin International Film Festival");
}

async fn festival_with_a_malformed_id_is_a_bad_user_input_error(app: TestApp) {
    let v = app.graphql("{ festival(id: \"cannes\") { name } }", json!({})).await;
    let err = &v["errors"][0];
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{v}");
    assert!(err["message"].as_str().unwrap().contains("invalid festival id \"cannes\""), "{v}");
}

async fn festival_with_neither_id_nor_slug_is_a_bad_user_input_error(app: TestApp) {
    let v = app.graphql("{ festival { name } }", json!({})).await;
    assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{v}");
}

async fn festival_with_an_unknown_slug_is_null(app: TestApp) {
    let v = app.graphql("{ festival(slug: \"sundance\") { name } }", json!({})).await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    assert_eq!(v["data"]["festival"], Value::Null);
}

async fn health_and_readiness_answer_ok(app: TestApp) {
    for path in ["/healthz", "/readyz"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.text().await.unwrap(), "ok", "{path}");
    }
}

async fn graphiql_is_served_with_its_assets_and_no_cdn(app: TestApp) {
    let res = app.get("/graphql").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("/assets/graphiql/graphiql.min.js"), "{html}");
    for cdn in ["unpkg.com", "jsdelivr", "cdnjs"] {
        assert!(!html.contains(cdn), "GraphiQL page refers to {cdn}");
    }
    for asset in [
        "graphiql.min.js",
        "graphiql.min.css",
        "react.production.min.js",
        "react-dom.production.min.js",
        "init.js",
    ] {
        let res = app.get(&format!("/assets/graphiql/{asset}")).await;
        assert_eq!(res.status(), 200, "{asset}");
        assert!(res.bytes().await.unwrap().len() > 100, "{asset}");
    }
    assert_eq!(app.get("/assets/graphiql/nope.js").await.status(), 404);
}

/// The shape of the introspection query GraphiQL sends (graphql-js 16: `ofType` nine deep).
const INTROSPECTION: &str = r#"
query IntrospectionQuery {
  __schema {
    queryType { name }
    types { ...FullType }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) {
    name description
    args(includeDeprecated: true) { ...InputValue }
    type { ...TypeRef }
    isDeprecated deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue {
  name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
}
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name } } } } } } } } }
}
"#;

async fn graphiql_introspection_is_accepted(app: TestApp) {
    let v = app.graphql(INTROSPECTION, json!({})).await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let types = v["data"]["__schema"]["types"].as_array().unwrap();
    assert!(types.iter().any(|t| t["name"] == "Festival"));
}

async fn a_query_nested_past_the_depth_limit_is_rejected(app: TestApp) {
    let mut q = String::from("kind");
    for _ in 0..25 {
        q = format!("ofType {{ {q} }}");
    }
    let v = app.graphql(&format!("{{ __type(name: \"Festival\") {{ {q} }} }}"), json!({})).await;
    assert_eq!(v["data"], Value::Null, "{v}");
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("nested too deep"), "{v}");
    assert_eq!(v["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{v}");
}

async fn malformed_graphql_is_an_error_not_a_crash(app: TestApp) {
    let v = app.graphql("{ festivals { slug ", json!({})).await;
    assert!(v["errors"][0]["message"].as_str().is_some(), "{v}");
    assert_eq!(v["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{v}");
    let v = app.graphql("{ festivals { nonsense } }", json!({})).await;
    assert_eq!(v["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{v}");
    // The server still answers.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// Films per year of a line-up in the raw files, counted with a plain CSV read.
fn raw_line_up(
    file: &str,
    keep: impl Fn(&csv::StringRecord) -> Option<(i64, String)>,
) -> std::collections::BTreeMap<i64, usize> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data").join(file);
    let mut per_year: std::collections::BTreeMap<i64, std::collections::BTreeSet<String>> =
        Default::default();
    for row in csv::Reader::from_path(path).unwrap().records() {
        if let Some((year, film)) = keep(&row.unwrap()) {
            per_year.entry(year).or_default().insert(film);
        }
    }
    per_year.into_iter().map(|(y, f)| (y, f.len())).collect()
}

async fn coverage_says_which_line_ups_name_their_directors(app: TestApp) {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    for name in ["cannes_competition", "festival_nominations_imdb", "curation", "gender_inference"]
    {
        egalite_scrapers::ingest::ingest_dataset(&app.db.db, &data, name).await.unwrap();
    }
    let v = app
        .graphql(
            "{ cannes: festival(slug: \"cannes\") { coverage(fromYear: 2023, toYear: 2026) { year films filmsWithDirectors directors directorsWithGender directorsInferred } } \
               berlin: festival(slug: \"berlin\") { coverage(fromYear: 2020, toYear: 2020, scope: COMPETITION) { year films filmsWithDirectors directors } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let cannes_gt = raw_line_up("cannes_competition_gt/cannes_competition_films.csv", |r| {
        Some((r[0].parse().unwrap(), r[7].to_owned()))
    });
    let imdb = "festival_nominations_imdb/imdb_awards_cannes_berlin_venice_cesar_oscars.csv";
    let cannes_imdb = raw_line_up(imdb, |r| {
        (&r[0] == "ev0000147" && &r[3] == "palme d'or" && &r[4] == "palme d'or")
            .then(|| (r[2].parse().unwrap(), r[5].to_owned()))
    });
    let berlin_imdb = raw_line_up(imdb, |r| {
        (&r[0] == "ev0000091" && &r[3] == "golden berlin bear" && !r[4].contains("short"))
            .then(|| (r[2].parse().unwrap(), r[5].to_owned()))
    });
    let cannes = v["data"]["cannes"]["coverage"].as_array().unwrap();
    let year = |y: i64| cannes.iter().find(|c| c["year"] == y).unwrap();
    // 2023: the competition with its directors, all of them with a known gender.
    let c2023 = year(2023);
    assert_eq!(c2023["films"], cannes_gt[&2023], "{c2023}");
    assert_eq!(c2023["filmsWithDirectors"], c2023["films"], "{c2023}");
    assert_eq!(c2023["directorsWithGender"], c2023["directors"], "{c2023}");
    // 2026: IMDb's line-up, films without directors yet, said as such.
    let c2026 = year(2026);
    assert_eq!(c2026["films"], cannes_imdb[&2026], "{c2026}");
    assert_eq!(
        (c2026["filmsWithDirectors"].as_i64(), c2026["directors"].as_i64()),
        (Some(0), Some(0))
    );
    let berlin = &v["data"]["berlin"]["coverage"][0];
    assert_eq!(berlin["films"], berlin_imdb[&2020], "{berlin}");
    assert_eq!(berlin["filmsWithDirectors"], 0, "{berlin}");
    // A range the wrong way round is the reader's mistake, said so.
    let v = app
        .graphql(
            "{ festival(slug: \"cannes\") { coverage(fromYear: 2020, toYear: 2010) { year } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{v}");
}
