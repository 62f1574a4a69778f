//! The public site in a real browser (headless Chromium) against the real server with the bundled
//! data: the pages render from the API, the explorer's chart and table agree with the API, the
//! language switches, a shared URL reloads the same view, the CSV link downloads the same figures.
//! Screenshots go to `target/test-artifacts/`.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use egalite_tests::browser::{artifacts_dir, rendered_dom, screenshot_sized};
use egalite_tests::{Backend, TestApp};
use serde_json::json;

async fn app_with_bundled_data() -> TestApp {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site/index.html");
    assert!(site.is_file(), "the site is not built: run scripts/build-web.sh first");
    let app = TestApp::spawn(Backend::Sqlite).await;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    for name in egalite_scrapers::ingest::DATASETS {
        egalite_scrapers::ingest::ingest_dataset(&app.db.db, &data, name).await.unwrap();
    }
    app
}

async fn dom(app: &TestApp, path: &str) -> String {
    let url = format!("{}{path}", app.base_url);
    tokio::task::spawn_blocking(move || rendered_dom(&url)).await.unwrap().unwrap()
}

async fn shot(app: &TestApp, path: &str, name: &str, size: (u32, u32)) {
    let url = format!("{}{path}", app.base_url);
    let file = artifacts_dir().join(name);
    tokio::task::spawn_blocking(move || screenshot_sized(&url, &file, size))
        .await
        .unwrap()
        .unwrap();
}

/// The text between `start` and the next `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// The `data-share` of each row of the explorer's table, by year (`Total` for the total row).
fn table_shares(dom: &str) -> Vec<(String, String)> {
    let table = between(dom, "id=\"explorer-table\"", "</table>").unwrap_or_default();
    table
        .split("<tr data-year=\"")
        .skip(1)
        .map(|r| {
            let year = r.split('"').next().unwrap().to_owned();
            let share = between(r, "data-share=\"", "\"").unwrap_or("").to_owned();
            (year, share)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_shows_headlines_and_an_explorer_that_agrees_with_the_api_in_both_languages() {
    let app = app_with_bundled_data().await;

    // Home: the headline figures, from the API.
    let home = dom(&app, "/").await;
    assert!(home.contains("id=\"tagline\""), "the app did not mount:\n{home}");
    assert!(home.contains("Chiffres clés"), "{home}");
    let palme = app
        .graphql("{ stats { awards(festival: \"cannes\", award: \"imdb-palme-d-or\") { distinctWomenWon } } }", json!({}))
        .await;
    let women = palme["data"]["stats"]["awards"]["distinctWomenWon"].to_string();
    let article = between(&home, "id=\"palme\"", "</article>").unwrap();
    assert!(article.contains(&format!("<p class=\"big\">{women}</p>")), "{article}");
    shot(&app, "/", "site-home.png", (1200, 900)).await;

    // The explorer: Cannes, directors, films, 2010–2019, from a shared URL.
    let path = "/explorer?festival=cannes&role=DIRECTOR&unit=films&from=2010&to=2019";
    let explorer = dom(&app, path).await;
    assert!(explorer.contains("Explorateur des festivals"), "{explorer}");
    let v = app
        .graphql(
            "{ stats { roles(festival: \"cannes\", fromYear: 2010, toYear: 2019, roles: [DIRECTOR]) { roles { total { films { shareWithAWoman } } editions { year counts { films { shareWithAWoman } } } } } } }",
            json!({}),
        )
        .await;
    let figure = &v["data"]["stats"]["roles"]["roles"][0];
    let mut expected: Vec<(String, String)> = figure["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["year"].to_string(),
                format!("{:.6}", e["counts"]["films"]["shareWithAWoman"].as_f64().unwrap()),
            )
        })
        .collect();
    let total = format!("{:.6}", figure["total"]["films"]["shareWithAWoman"].as_f64().unwrap());
    expected.push(("Total".into(), total.clone()));
    assert_eq!(table_shares(&explorer), expected, "table vs API");
    // The chart draws one point per edition, at the API's share.
    let chart = between(&explorer, "<svg", "</svg>").unwrap();
    for (year, share) in &expected[..expected.len() - 1] {
        assert!(
            chart.contains(&format!("data-year=\"{year}\" data-share=\"{share}\"")),
            "{year}: {chart}"
        );
    }
    assert!(chart.contains("role=\"img\"") && chart.contains("<title"), "{chart}");
    // The CSV link carries the same arguments and the same total.
    let csv_href =
        between(&explorer, "id=\"download-csv\" href=\"", "\"").unwrap().replace("&amp;", "&");
    let csv = app.get(&csv_href).await.text().await.unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let all = rdr.records().map(Result::unwrap).find(|r| &r[col("year")] == "all").unwrap();
    assert_eq!(
        format!("{:.6}", all[col("films.shareWithAWoman")].parse::<f64>().unwrap()),
        total,
        "{csv}"
    );
    // Reloading the shared URL gives the same view.
    assert_eq!(table_shares(&dom(&app, path).await), table_shares(&explorer));
    shot(&app, path, "site-explorer.png", (1200, 1400)).await;
    shot(&app, &format!("{path}&embed=1"), "site-explorer-embed.png", (800, 700)).await;
    shot(&app, path, "site-explorer-phone.png", (390, 1400)).await;

    // English, one parameter away, with the same numbers.
    let english = dom(&app, &format!("{path}&lang=en")).await;
    assert!(english.contains("Festival explorer"), "{english}");
    assert!(english.contains("<html lang=\"en\""), "{}", &english[..200.min(english.len())]);
    assert_eq!(table_shares(&english), table_shares(&explorer));

    // A festival whose line-ups do not name their directors says so instead of drawing zeros.
    let berlin = dom(&app, "/explorer?festival=berlin&from=2020&to=2022").await;
    assert!(berlin.contains("id=\"no-data\""), "{berlin}");
    assert!(!berlin.contains("id=\"explorer-table\""), "{berlin}");

    // Search, accent-insensitive, from the URL the search box leads to, linking to the person.
    let search = dom(&app, "/search?q=almodovar").await;
    assert!(search.contains("Pedro Almodóvar"), "{search}");
    assert!(search.contains("href=\"/person/"), "{search}");

    // A film page and a person page: credits with each gender and how it is known.
    let v = app
        .graphql(
            "{ search(text: \"anatomy of a fall\", kinds: [FILM], first: 1) { node { ... on Film { id directors { id name gender genderSource } } } } }",
            json!({}),
        )
        .await;
    let film = &v["data"]["search"][0]["node"];
    let film_id = film["id"].as_str().unwrap().trim_start_matches("Film:").to_owned();
    let page = dom(&app, &format!("/film/{film_id}")).await;
    let director = &film["directors"][0];
    assert!(page.contains(director["name"].as_str().unwrap()), "{page}");
    assert!(page.contains("femme — "), "the director's gender and its source: {page}");
    let person_id = director["id"].as_str().unwrap().trim_start_matches("Person:").to_owned();
    let page = dom(&app, &format!("/person/{person_id}?lang=en")).await;
    assert!(page.contains("id=\"gender\""), "{page}");
    let how = match director["genderSource"].as_str().unwrap() {
        "CURATED" => "set by curation",
        "DECLARED" => "declared by",
        _ => "inferred from the first name",
    };
    assert!(page.contains(&format!("woman — {how}")), "{page}");
    shot(&app, &format!("/film/{film_id}"), "site-film.png", (1200, 900)).await;

    // Awards: the Academy's Best Director, nominations to women as the API counts them.
    let v = app
        .graphql(
            "{ stats { awards(festival: \"oscars\", award: \"directing\") { nominated { nominations womenOnly mixed } } } }",
            json!({}),
        )
        .await;
    let n = &v["data"]["stats"]["awards"]["nominated"];
    let women = n["womenOnly"].as_i64().unwrap() + n["mixed"].as_i64().unwrap();
    let page = dom(&app, "/awards?festival=oscars&award=directing&lang=en").await;
    let summary = between(&page, "id=\"award-summary\">", "</p>").unwrap();
    assert!(
        summary.starts_with(&format!("{women} of {} nominations", n["nominations"])),
        "{summary}"
    );
    assert!(page.contains("id=\"awards-table\"") && page.contains("<svg"), "{page}");
    shot(&app, "/awards?festival=oscars&award=directing", "site-awards.png", (1200, 1200)).await;

    // Budgets: the medians in the table are the API's.
    let v = app
        .graphql(
            "{ stats { budgets(fromYear: 2015, toYear: 2015) { total { category median } } } }",
            json!({}),
        )
        .await;
    let page = dom(&app, "/budgets?from=2015&to=2015").await;
    for c in v["data"]["stats"]["budgets"]["total"].as_array().unwrap() {
        let row = between(
            &page,
            &format!("data-category=\"{}\"", c["category"].as_str().unwrap()),
            "</tr>",
        )
        .unwrap();
        assert!(row.contains(&format!("data-median=\"{}\"", c["median"])), "{row}");
    }
    assert!(page.contains("class=\"box\""), "the box plot: {page}");
    shot(&app, "/budgets?from=2015&to=2015", "site-budgets.png", (1200, 1200)).await;

    // Posters and trailers: the share of faces perceived as women, as the API gives it, and
    // the empty state for face boxes, which the imported predictions do not have.
    let v = app.graphql("{ stats { posters { total { shareOfFacesWomen } } } }", json!({})).await;
    let expected = v["data"]["stats"]["posters"][0]["total"]["shareOfFacesWomen"].to_string();
    let page = dom(&app, "/posters").await;
    let row = between(&page, "id=\"posters-table-0\"", "</table>").unwrap();
    let total = between(row, "data-year=\"Total\"", "</tr>").unwrap();
    assert!(total.contains(&format!("data-share=\"{expected}\"")), "{total}");
    assert!(page.contains("id=\"no-boxes\""), "{page}");
    shot(&app, "/posters", "site-posters.png", (1200, 1400)).await;
}

#[test]
fn every_text_of_the_site_exists_in_both_languages() {
    let read = |lang: &str| -> std::collections::BTreeSet<String> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../web/i18n/{lang}.txt"));
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
            .collect()
    };
    let (fr, en) = (read("fr"), read("en"));
    assert_eq!(fr, en, "the two translation files differ in keys");
    // Every key the code asks for is in the files.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let mut missing = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let code = std::fs::read_to_string(&path).unwrap();
            for piece in code.split('"').skip(1).step_by(2) {
                let looks_like_key = piece.contains('.')
                    && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                    && [
                        "site.",
                        "nav.",
                        "lang.",
                        "search.",
                        "home.",
                        "explorer.",
                        "role.",
                        "methodology.",
                        "error.",
                    ]
                    .iter()
                    .any(|p| piece.starts_with(p));
                if looks_like_key && !fr.contains(piece) {
                    missing.push(format!("{}: {piece}", path.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys used in web/src but missing from web/i18n: {missing:?}");
}

/// The text of the explorer's table once its year rows run exactly from `from` to `to`.
///
/// The table of the previous view stays on screen while the next one loads, so waiting for a
/// single year could read the old table.
async fn wait_for_table_spanning(client: &fantoccini::Client, from: u32, to: u32) -> String {
    use fantoccini::Locator;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut last = Vec::new();
    while std::time::Instant::now() < deadline {
        let mut years = Vec::new();
        for row in client.find_all(Locator::Css("#explorer-table tr[data-year]")).await.unwrap() {
            // A row can be replaced between listing and reading; the next poll sees the new one.
            if let Ok(Some(year)) = row.attr("data-year").await {
                years.push(year);
            }
        }
        let numeric: Vec<u32> = years.iter().filter_map(|y| y.parse().ok()).collect();
        if numeric.first() == Some(&from) && numeric.last() == Some(&to) {
            return client
                .find(Locator::Css("#explorer-table"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
        }
        last = years;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the explorer's table never spanned {from}–{to}; its last rows: {last:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_picks_a_festival_and_years_switches_language_and_reloads_the_same_view() {
    use fantoccini::Locator;
    let app = app_with_bundled_data().await;
    let driver = egalite_tests::browser::Driver::start().await.unwrap();
    let c = &driver.client;
    c.goto(&format!("{}/explorer", app.base_url)).await.unwrap();
    // Pick the Oscars, then 2015–2024, with the controls.
    c.wait()
        .for_element(Locator::Css("#festival"))
        .await
        .unwrap()
        .select_by_value("oscars")
        .await
        .unwrap();
    let from = c.find(Locator::Css("#from")).await.unwrap();
    from.clear().await.unwrap();
    from.send_keys("2015\n").await.unwrap();
    // `change` fires when the field loses focus.
    c.find(Locator::Css("#to")).await.unwrap().click().await.unwrap();
    let to = c.find(Locator::Css("#to")).await.unwrap();
    to.clear().await.unwrap();
    to.send_keys("2024\n").await.unwrap();
    c.find(Locator::Css("#role")).await.unwrap().click().await.unwrap();
    let table = wait_for_table_spanning(c, 2015, 2024).await;
    // The state is in the URL.
    let url = c.current_url().await.unwrap();
    let query: std::collections::BTreeMap<String, String> =
        url.query_pairs().into_owned().collect();
    assert_eq!(query.get("festival").map(String::as_str), Some("oscars"), "{url}");
    assert_eq!(query.get("from").map(String::as_str), Some("2015"), "{url}");
    assert_eq!(query.get("to").map(String::as_str), Some("2024"), "{url}");
    assert!(!table.contains("2014"), "{table}");
    // The table agrees with the API.
    let v = app
        .graphql(
            "{ stats { roles(festival: \"oscars\", fromYear: 2015, toYear: 2024, roles: [DIRECTOR]) { roles { total { films { films } } } } } }",
            json!({}),
        )
        .await;
    let films = v["data"]["stats"]["roles"]["roles"][0]["total"]["films"]["films"].to_string();
    let total_row = c
        .find(Locator::Css("#explorer-table tr[data-year=\"Total\"] td"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(total_row, films);
    // The language switch keeps the view.
    c.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::XPath("//h1[text()='Festival explorer']")).await.unwrap();
    let english = wait_for_table_spanning(c, 2015, 2024).await;
    assert!(english.contains("Denominator"), "{english}");
    // Reloading the URL gives the same view.
    let shared = c.current_url().await.unwrap();
    c.goto(shared.as_str()).await.unwrap();
    assert_eq!(wait_for_table_spanning(c, 2015, 2024).await, english);
    // The CSV link downloads the same figures.
    let href =
        c.find(Locator::Css("#download-csv")).await.unwrap().attr("href").await.unwrap().unwrap();
    let csv = app.get(&href).await.text().await.unwrap();
    assert!(csv.lines().count() > 10 && csv.contains("DIRECTOR,all"), "{href}: {csv}");
    driver.client.clone().close().await.unwrap();
}
