//! The entity API: connections, filters, `node`, search, dataloaders, limits and CSV export,
//! through real HTTP on PostgreSQL and on SQLite, checked against the raw files.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use egalite_tests::{Backend, TestApp, TestDb, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    cannes_competition_films_of_a_year_are_listed_as_the_raw_file_lists_them,
    walking_pages_forward_and_backward_visits_every_film_once,
    node_fetches_each_kind_again_by_its_global_id,
    search_ignores_accents_and_case_and_ranks_whole_names_first,
    a_negative_page_size_is_bad_user_input,
    a_first_page_over_100_nodes_is_refused_by_the_page_size_limit,
    a_last_page_over_100_nodes_is_refused_by_the_page_size_limit,
    a_malformed_cursor_is_bad_user_input,
    an_inverted_year_range_in_a_film_filter_is_bad_user_input_naming_both_years,
    an_unknown_festival_in_a_film_filter_is_bad_user_input_naming_it,
    a_node_id_without_a_row_number_is_bad_user_input,
    a_festival_asked_by_another_kind_of_id_is_bad_user_input,
    an_inverted_year_range_in_role_stats_is_bad_user_input,
    a_search_asking_for_more_than_100_hits_is_bad_user_input,
    hostile_queries_are_refused_with_stable_codes,
    role_stats_count_cannes_directors_by_people_and_films_as_the_raw_file_does,
    poster_stats_sum_faces_as_the_raw_predictions_do,
    csv_exports_carry_the_same_figures_as_the_api,
    a_cached_answer_is_replaced_once_the_data_changes,
);

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

async fn ingest(app: &TestApp, names: &[&str]) {
    for name in names {
        egalite_scrapers::ingest::ingest_dataset(&app.db.db, &data_dir(), name).await.unwrap();
    }
}

/// Titles of the Cannes competition of `year` in the raw file (plain CSV read).
fn raw_cannes_titles(year: i32) -> BTreeSet<String> {
    let path = data_dir().join("cannes_competition_gt/cannes_competition_films.csv");
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .filter(|r| r[0].parse::<i32>().unwrap() == year)
        .map(|r| r[1].to_owned())
        .collect()
}

async fn cannes_competition_films_of_a_year_are_listed_as_the_raw_file_lists_them(app: TestApp) {
    ingest(&app, &["cannes_competition"]).await;
    let v = app
        .graphql(
            "{ films(first: 100, filter: {festival: \"cannes\", fromYear: 2018, toYear: 2018, sectionKind: COMPETITION}, orderBy: {field: TITLE}) { totalCount nodes { title directors { name } selections { section { kind edition { year festival { slug } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let expected = raw_cannes_titles(2018);
    let films = v["data"]["films"]["nodes"].as_array().unwrap();
    assert_eq!(v["data"]["films"]["totalCount"], expected.len(), "{v}");
    let got: BTreeSet<String> =
        films.iter().map(|f| f["title"].as_str().unwrap().to_owned()).collect();
    assert_eq!(got, expected);
    // Ordered by title, each with its directors and its 2018 competition selection.
    let titles: Vec<&str> = films.iter().map(|f| f["title"].as_str().unwrap()).collect();
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| egalite_scrapers::names::matching_key(t));
    assert_eq!(titles, sorted);
    for f in films {
        assert!(!f["directors"].as_array().unwrap().is_empty(), "{f}");
        assert!(
            f["selections"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["section"]["kind"] == "COMPETITION"
                    && s["section"]["edition"]["year"] == 2018
                    && s["section"]["edition"]["festival"]["slug"] == "cannes"),
            "{f}"
        );
    }
}

async fn walking_pages_forward_and_backward_visits_every_film_once(app: TestApp) {
    ingest(&app, &["cannes_competition"]).await;
    let q = "query($after: String, $before: String, $first: Int, $last: Int) { films(filter: {festival: \"cannes\", fromYear: 2000, toYear: 2009}, first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } }";
    let mut after = Value::Null;
    let mut seen = Vec::new();
    let total = loop {
        let v = app.graphql(q, json!({ "first": 37, "after": after })).await;
        assert_eq!(v["errors"], Value::Null, "{v}");
        let page = &v["data"]["films"];
        seen.extend(page["nodes"].as_array().unwrap().iter().map(|n| n["id"].clone()));
        if page["pageInfo"]["hasNextPage"] == false {
            break page["totalCount"].as_u64().unwrap();
        }
        after = page["pageInfo"]["endCursor"].clone();
    };
    let distinct: BTreeSet<String> = seen.iter().map(|s| s.to_string()).collect();
    assert_eq!(seen.len() as u64, total);
    assert_eq!(distinct.len(), seen.len());
    // The last 5, then the 5 before them, read backwards.
    let v = app.graphql(q, json!({ "last": 5 })).await;
    let ids = |v: &Value| -> Vec<Value> {
        v["data"]["films"]["nodes"].as_array().unwrap().iter().map(|n| n["id"].clone()).collect()
    };
    let tail = ids(&v);
    assert_eq!(tail, seen[seen.len() - 5..].to_vec());
    assert_eq!(v["data"]["films"]["pageInfo"]["hasPreviousPage"], true);
    let before = v["data"]["films"]["pageInfo"]["startCursor"].clone();
    let v = app.graphql(q, json!({ "last": 5, "before": before })).await;
    let prev = ids(&v);
    assert_eq!(prev, seen[seen.len() - 10..seen.len() - 5].to_vec());
}

async fn node_fetches_each_kind_again_by_its_global_id(app: TestApp) {
    ingest(&app, &["cannes_competition", "oscars"]).await;
    let v = app
        .graphql(
            "{ films(first: 1, filter: {festival: \"oscars\"}) { nodes { id credits { id person { id } } nominations { id award { id festival { id } } edition { id } } } } sources { nodes { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let film = &v["data"]["films"]["nodes"][0];
    let ids = [
        film["id"].clone(),
        film["credits"][0]["id"].clone(),
        film["credits"][0]["person"]["id"].clone(),
        film["nominations"][0]["id"].clone(),
        film["nominations"][0]["award"]["id"].clone(),
        film["nominations"][0]["award"]["festival"]["id"].clone(),
        film["nominations"][0]["edition"]["id"].clone(),
        v["data"]["sources"]["nodes"][0]["id"].clone(),
    ];
    for id in ids {
        let id = id.as_str().unwrap().to_owned();
        let n = app
            .graphql("query($id: ID!) { node(id: $id) { __typename id } }", json!({ "id": id }))
            .await;
        assert_eq!(n["data"]["node"]["id"], id, "{n}");
        assert_eq!(n["data"]["node"]["__typename"], id.split(':').next().unwrap(), "{n}");
    }
    // A well-formed id no row has is null; a malformed one is an error.
    let n = app.graphql("{ node(id: \"Film:999999999\") { id } }", json!({})).await;
    assert_eq!(n["data"]["node"], Value::Null, "{n}");
    assert_eq!(n["errors"], Value::Null, "{n}");
    let n = app.graphql("{ node(id: \"Spaceship:1\") { id } }", json!({})).await;
    assert_eq!(n["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{n}");
}

async fn search_ignores_accents_and_case_and_ranks_whole_names_first(app: TestApp) {
    ingest(&app, &["cannes_competition"]).await;
    let v = app
        .graphql(
            "{ search(text: \"ALMODOVAR\") { score node { __typename ... on Person { name } ... on Film { title } } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let hits = v["data"]["search"].as_array().unwrap();
    assert_eq!(hits[0]["node"]["name"], "Pedro Almodóvar", "{v}");
    // The whole name outranks a word of it.
    let v = app.graphql("{ search(text: \"pedro almodóvar\", kinds: [PERSON]) { score node { ... on Person { name } } } }", json!({})).await;
    assert_eq!(v["data"]["search"][0]["score"], 4, "{v}");
    // A title, found without its accents, by the film filter too.
    let v =
        app.graphql("{ films(filter: {search: \"CLEO 5\"}) { nodes { title } } }", json!({})).await;
    let titles: Vec<&str> = v["data"]["films"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Cléo from 5 to 7"), "{v}");
    // Text without a letter is the reader's mistake.
    let v = app.graphql("{ search(text: \"  !! \") { score } }", json!({})).await;
    assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{v}");
}

/// Asserts that `query` is refused with `code` and a message holding `words`.
async fn refused(app: &TestApp, query: &str, code: &str, words: &str) {
    let v = app.graphql(query, json!({})).await;
    let e = &v["errors"][0];
    assert_eq!(e["extensions"]["code"], code, "{query}: {v}");
    assert!(e["message"].as_str().unwrap().contains(words), "{query}: {v}");
}

async fn a_negative_page_size_is_bad_user_input(app: TestApp) {
    refused(&app, "{ films(first: -1) { totalCount } }", "BAD_USER_INPUT", "cannot be negative")
        .await;
}

async fn a_first_page_over_100_nodes_is_refused_by_the_page_size_limit(app: TestApp) {
    refused(&app, "{ films(first: 101) { totalCount } }", "PAGE_SIZE_LIMIT", "at most 100").await;
}

async fn a_last_page_over_100_nodes_is_refused_by_the_page_size_limit(app: TestApp) {
    refused(&app, "{ people(last: 5000) { totalCount } }", "PAGE_SIZE_LIMIT", "at most 100").await;
}

async fn a_malformed_cursor_is_bad_user_input(app: TestApp) {
    refused(
        &app,
        "{ films(after: \"bogus\") { totalCount } }",
        "BAD_USER_INPUT",
        "malformed cursor",
    )
    .await;
}

async fn an_inverted_year_range_in_a_film_filter_is_bad_user_input_naming_both_years(app: TestApp) {
    refused(
        &app,
        "{ films(filter: {fromYear: 2020, toYear: 2000}) { totalCount } }",
        "BAD_USER_INPUT",
        "fromYear 2020 is after toYear 2000",
    )
    .await;
}

async fn an_unknown_festival_in_a_film_filter_is_bad_user_input_naming_it(app: TestApp) {
    refused(
        &app,
        "{ films(filter: {festival: \"atlantis\"}) { totalCount } }",
        "BAD_USER_INPUT",
        "unknown festival \"atlantis\"",
    )
    .await;
}

async fn a_node_id_without_a_row_number_is_bad_user_input(app: TestApp) {
    refused(&app, "{ node(id: \"Film:abc\") { id } }", "BAD_USER_INPUT", "invalid id").await;
}

async fn a_festival_asked_by_another_kind_of_id_is_bad_user_input(app: TestApp) {
    refused(
        &app,
        "{ festival(id: \"Person:1\") { name } }",
        "BAD_USER_INPUT",
        "invalid festival id",
    )
    .await;
}

async fn an_inverted_year_range_in_role_stats_is_bad_user_input(app: TestApp) {
    refused(
        &app,
        "{ stats { roles(festival: \"cannes\", fromYear: 2010, toYear: 2000) { films } } }",
        "BAD_USER_INPUT",
        "after toYear",
    )
    .await;
}

async fn a_search_asking_for_more_than_100_hits_is_bad_user_input(app: TestApp) {
    refused(&app, "{ search(text: \"x\", first: 1000) { score } }", "BAD_USER_INPUT", "0 to 100")
        .await;
}

async fn hostile_queries_are_refused_with_stable_codes(app: TestApp) {
    // Thousands of aliases.
    let aliases: String = (0..1500).map(|i| format!("a{i}: festivals {{ slug }} ")).collect();
    let v = app.graphql(&format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(v["errors"][0]["extensions"]["code"], "ALIAS_LIMIT", "{v}");
    // Pages within pages: 100 films × 100 people × … exceeds the complexity limit.
    let v = app
        .graphql(
            "{ films(first: 100) { nodes { credits { person { credits { film { credits { person { credits { film { title } } } } } } } } } } people(first: 100) { nodes { name } } editions(first: 100) { nodes { sections { selections { film { title directors { name credits { film { title } } } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"][0]["extensions"]["code"], "COMPLEXITY_LIMIT", "{v}");
    // A body over the size limit is refused before it is parsed, in the same error shape.
    let huge = format!("{{ festivals {{ slug }} }} #{}", "x".repeat(200_000));
    let res = app
        .client
        .post(format!("{}/graphql", app.base_url))
        .json(&json!({ "query": huge }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["errors"][0]["extensions"]["code"], "BODY_SIZE_LIMIT", "{v}");
    // A body that is not JSON.
    let res = app
        .client
        .post(format!("{}/graphql", app.base_url))
        .header("content-type", "application/json")
        .body("{ festivals { slug } }")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_REQUEST", "{v}");
    // None of it hurt the server.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

async fn role_stats_count_cannes_directors_by_people_and_films_as_the_raw_file_does(app: TestApp) {
    use sea_orm::EntityTrait;
    ingest(&app, &["cannes_competition", "curation", "gender_inference"]).await;
    let people = egalite_shared::entity::person::Entity::find().all(&app.db.db).await.unwrap();
    let gender_of = |name: &str| -> &'static str {
        let key = egalite_scrapers::names::matching_key(name);
        match people.iter().find(|p| p.normalized_name == key).unwrap().gender {
            egalite_shared::Gender::Woman => "woman",
            egalite_shared::Gender::Man => "man",
            _ => "unknown",
        }
    };
    // Source: data/cannes_competition_gt, editions 2000–2017. Units: distinct directors over
    // the range, and films (a film per edition row).
    let path = data_dir().join("cannes_competition_gt/cannes_competition_films.csv");
    let mut directors: BTreeMap<String, &str> = BTreeMap::new();
    let mut films_with_a_woman = 0;
    let mut films = 0;
    for row in csv::Reader::from_path(path).unwrap().records() {
        let row = row.unwrap();
        let year: i32 = row[0].parse().unwrap();
        if !(2000..=2017).contains(&year) {
            continue;
        }
        films += 1;
        let names: Vec<&str> = row[3].split(',').map(str::trim).collect();
        if names.iter().any(|n| gender_of(n) == "woman") {
            films_with_a_woman += 1;
        }
        for n in names {
            directors.insert(egalite_scrapers::names::matching_key(n), gender_of(n));
        }
    }
    let women = directors.values().filter(|g| **g == "woman").count();
    let v = app
        .graphql(
            "{ stats { roles(festival: \"cannes\", fromYear: 2000, toYear: 2017, roles: [DIRECTOR]) { films roles { role total { people { total women } films { films womenOnly mixed } filmsWithoutCredit } editions { year } } sources { slug } } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let s = &v["data"]["stats"]["roles"];
    let total = &s["roles"][0]["total"];
    assert_eq!(s["films"], films, "{v}");
    assert_eq!(total["people"]["total"], directors.len(), "{v}");
    assert_eq!(total["people"]["women"], women, "{v}");
    assert_eq!(
        total["films"]["womenOnly"].as_i64().unwrap() + total["films"]["mixed"].as_i64().unwrap(),
        films_with_a_woman,
        "{v}"
    );
    assert_eq!(s["roles"][0]["editions"].as_array().unwrap().len(), 18, "{v}");
    let sources: Vec<&str> =
        s["sources"].as_array().unwrap().iter().map(|x| x["slug"].as_str().unwrap()).collect();
    assert!(sources.contains(&"cannes_competition_gt"), "{v}");
}

async fn poster_stats_sum_faces_as_the_raw_predictions_do(app: TestApp) {
    ingest(&app, &["budgets_cnc_fr", "posters_d4g"]).await;
    let v = app
        .graphql(
            "{ stats { posters { external total { analyses faces { women men undetermined } } sources { slug } } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let figure = &v["data"]["stats"]["posters"][0];
    assert_eq!(figure["external"], true);
    assert_eq!(figure["sources"][0]["slug"], "posters_d4g");
    assert!(figure["total"]["analyses"].as_u64().unwrap() > 0, "{v}");
    // Source: data/posters_trailers_d4g/poster_predictions.csv, one row per face with the
    // perceived gender; unit: faces. Every row's visa is a CNC film, so every face counts.
    let path = data_dir().join("posters_trailers_d4g/poster_predictions.csv");
    let mut raw: BTreeMap<String, u64> = BTreeMap::new();
    for row in csv::Reader::from_path(path).unwrap().records() {
        let row = row.unwrap();
        let g = match &row[2] {
            "Female" => "women",
            "Male" => "men",
            _ => "undetermined",
        };
        *raw.entry(g.to_owned()).or_default() += 1;
    }
    for (g, n) in raw {
        assert_eq!(figure["total"]["faces"][&g].as_f64().unwrap() as u64, n, "{g}: {v}");
    }
}

/// The rows of a CSV export, with its header; panics unless it answers 200 with CSV.
async fn csv_rows(app: &TestApp, path: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"), "{path}");
    let body = res.text().await.unwrap();
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    (headers, rdr.records().map(Result::unwrap).collect())
}

async fn csv_exports_carry_the_same_figures_as_the_api(app: TestApp) {
    ingest(
        &app,
        &["cannes_competition", "oscars", "budgets_cnc_fr", "curation", "gender_inference"],
    )
    .await;
    let v = app
        .graphql(
            "{ stats { directing(festival: \"cannes\", fromYear: 2010, toYear: 2017) { total { films womenOnly mixed menOnly unknown } editions { year counts { films womenOnly } } } } }",
            json!({}),
        )
        .await;
    let res = app.get("/export/directing.csv?festival=cannes&fromYear=2010&toYear=2017").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1 + 8, "{body}");
    let total = &v["data"]["stats"]["directing"]["total"];
    assert_eq!(&rows[0][col("year")], "all");
    for k in ["films", "womenOnly", "mixed", "menOnly", "unknown"] {
        assert_eq!(rows[0][col(k)], total[k].to_string(), "{k}: {body}");
    }
    assert!(rows[0][col("sources")].contains("cannes_competition_gt"), "{body}");
    // The film list with the same filter as the API, quoted as CSV must be.
    let v = app
        .graphql("{ films(filter: {festival: \"cannes\", fromYear: 2017, toYear: 2017}) { totalCount } }", json!({}))
        .await;
    let body = app
        .get("/export/films.csv?festival=cannes&fromYear=2017&toYear=2017")
        .await
        .text()
        .await
        .unwrap();
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(body.as_bytes()).records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, v["data"]["films"]["totalCount"].as_u64().unwrap(), "{body}");
    // The nominations of one ceremony for one award, as the API lists them.
    let body = app
        .get("/export/nominations.csv?festival=oscars&award=directing&fromYear=2024&toYear=2024")
        .await
        .text()
        .await
        .unwrap();
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let people = headers.iter().position(|h| h == "people").unwrap();
    let won = headers.iter().position(|h| h == "won").unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "{body}");
    assert!(rows.iter().any(|r| &r[people] == "Justine Triet" && &r[won] == "false"), "{body}");
    assert_eq!(rows.iter().filter(|r| &r[won] == "true").count(), 1, "{body}");
    // Every other list with a connection, with the arguments of its GraphQL field: the same
    // rows, in the same order.
    let lists = [
        ("festivals.csv", "festivals", ""),
        (
            "editions.csv?festival=cannes&fromYear=2010&toYear=2017",
            "editions",
            "festival: \"cannes\", fromYear: 2010, toYear: 2017",
        ),
        (
            "sections.csv?festival=cannes&kind=COMPETITION&fromYear=2000",
            "sections",
            "festival: \"cannes\", kind: COMPETITION, fromYear: 2000",
        ),
        (
            "selections.csv?festival=cannes&fromYear=2010&toYear=2017&gender=WOMAN",
            "selections",
            "festival: \"cannes\", fromYear: 2010, toYear: 2017, gender: WOMAN",
        ),
        (
            "credits.csv?festival=cannes&fromYear=2016&toYear=2017&country=FR",
            "credits",
            "festival: \"cannes\", fromYear: 2016, toYear: 2017, country: \"FR\"",
        ),
        ("award-list.csv?festival=oscars", "awards", "festival: \"oscars\""),
        ("sources.csv", "sources", ""),
        (
            "budget-lines.csv?fromYear=2015&toYear=2015&directorCategory=WOMEN_ONLY",
            "budgets",
            "fromYear: 2015, toYear: 2015, directorCategory: WOMEN_ONLY",
        ),
    ];
    for (path, field, args) in lists {
        let (headers, rows) = csv_rows(&app, &format!("/export/{path}")).await;
        assert_eq!(&headers[0], "id", "{path}");
        let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
        let q = if field == "festivals" {
            "{ festivals { id } }".to_owned()
        } else {
            let args = if args.is_empty() { String::new() } else { format!("{args}, ") };
            format!("{{ {field}({args}first: 100) {{ totalCount nodes {{ id }} }} }}")
        };
        let v = app.graphql(&q, json!({})).await;
        assert_eq!(v["errors"], Value::Null, "{q}: {v}");
        let nodes =
            if field == "festivals" { &v["data"][field] } else { &v["data"][field]["nodes"] };
        let api: Vec<&str> =
            nodes.as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
        assert!(!api.is_empty(), "{q}: {v}");
        if let Some(total) = v["data"][field]["totalCount"].as_u64() {
            assert_eq!(rows.len() as u64, total, "{path}");
        }
        assert_eq!(ids[..api.len()], api[..], "{path}");
    }
    // The budgets' financing, as `stats { budgets { financing } }` gives it.
    let v = app
        .graphql(
            "{ stats { budgets(fromYear: 2015, toYear: 2015) { financing { kind category films } } } }",
            json!({}),
        )
        .await;
    let financing = v["data"]["stats"]["budgets"]["financing"].as_array().unwrap();
    let (headers, rows) = csv_rows(&app, "/export/financing.csv?fromYear=2015&toYear=2015").await;
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), financing.len(), "{v}");
    for (row, f) in rows.iter().zip(financing) {
        assert_eq!(row[col("kind")], f["kind"].as_str().unwrap().to_owned());
        assert_eq!(row[col("category")], f["category"].as_str().unwrap().to_owned());
        assert_eq!(row[col("films")], f["films"].to_string(), "{f}");
        assert!(row[col("sources")].contains("budgets_cnc_fr"), "{row:?}");
    }
    assert!(rows.iter().any(|r| &r[col("kind")] == "PARITY_BONUS"));
    // A name nothing has is refused here as in the API.
    let res = app.get("/export/sections.csv?slug=nowhere").await;
    assert_eq!(res.status(), 400);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{v}");
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("\"nowhere\""), "{v}");
    // Bad arguments are refused with what was wrong.
    let res = app.get("/export/directing.csv?festival=cannes&fromYear=soon").await;
    assert_eq!(res.status(), 400);
    let v: Value = res.json().await.unwrap();
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("fromYear=\"soon\""), "{v}");
    let res = app.get("/export/nothing.csv").await;
    assert_eq!(res.status(), 404);
}

async fn a_cached_answer_is_replaced_once_the_data_changes(app: TestApp) {
    let q = "{ films(filter: {festival: \"cannes\"}) { totalCount } }";
    let before = app.graphql(q, json!({})).await;
    assert_eq!(before["data"]["films"]["totalCount"], 0, "{before}");
    assert_eq!(app.graphql(q, json!({})).await, before);
    ingest(&app, &["cannes_competition"]).await;
    let after = app.graphql(q, json!({})).await;
    assert!(after["data"]["films"]["totalCount"].as_u64().unwrap() > 1000, "{after}");
}

/// Counts the SQL statements a GraphQL request sends.
async fn statements_for(db: &TestDb, query: &str) -> usize {
    let count = Arc::new(AtomicUsize::new(0));
    let mut counted = db.db.clone();
    let c = count.clone();
    counted.set_metric_callback(move |info| {
        c.fetch_add(1, Ordering::SeqCst);
        if std::env::var("EGALITE_TEST_PRINT_SQL").is_ok() {
            eprintln!("SQL: {}", &info.statement.to_string().chars().take(150).collect::<String>());
        }
    });
    let schema = egalite_server::graphql::schema(
        counted.clone(),
        egalite_server::graphql::Limits::default(),
    );
    // A wide batching window: the test is about batching, not about how fast a debug build
    // polls a hundred resolvers.
    let loaders = egalite_server::graphql::loaders::per_request_with_delay(
        counted,
        std::time::Duration::from_millis(50),
    );
    let request = async_graphql::Request::new(query).data(loaders);
    let response = schema.execute(request).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    count.load(Ordering::SeqCst)
}

async fn a_page_of_films_with_directors_and_selections_costs_a_constant_number_of_queries(
    backend: Backend,
) {
    let db = TestDb::new(backend).await.unwrap();
    for name in ["cannes_competition", "curation", "gender_inference"] {
        egalite_scrapers::ingest::ingest_dataset(&db.db, &data_dir(), name).await.unwrap();
    }
    let page = |n: usize| {
        format!(
            "{{ films(first: {n}, filter: {{festival: \"cannes\"}}) {{ nodes {{ id title directors {{ name gender }} selections {{ section {{ slug edition {{ year festival {{ slug }} }} }} }} }} }} }}"
        )
    };
    let one = statements_for(&db, &page(1)).await;
    let hundred = statements_for(&db, &page(100)).await;
    // The festival's id, the count, the page, then one per relation level: credits, people,
    // selections, sections, editions, festivals.
    assert_eq!(hundred, one, "a page of 100 sent {hundred} statements, a page of 1 sent {one}");
    assert!(hundred <= 9, "a page of 100 sent {hundred} statements");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_films_costs_a_constant_number_of_queries_on_sqlite() {
    a_page_of_films_with_directors_and_selections_costs_a_constant_number_of_queries(
        Backend::Sqlite,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_films_costs_a_constant_number_of_queries_on_postgres() {
    a_page_of_films_with_directors_and_selections_costs_a_constant_number_of_queries(
        Backend::Postgres,
    )
    .await;
}
