//! The public site in a real browser (headless Chromium) against the real server with the bundled
//! data: the pages render from the API, the explorer's chart and table agree with the API, the
//! language switches, a shared URL reloads the same view, the CSV link downloads the same figures,
//! the home figures link their exports, the budgets page names every financing kind and draws the
//! median per year, and a keyboard alone reaches every control. Screenshots go to
//! `target/test-artifacts/`.

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

    // An edition whose line-up names no director (Berlin 2009, from IMDb ids only) says so
    // instead of drawing zeros.
    let berlin = dom(&app, "/explorer?festival=berlin&from=2009&to=2009").await;
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
                        "budgets.",
                        "financing.",
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
    // Pick the Oscars (once the API's list of festivals is there), then 2015–2024.
    c.wait().for_element(Locator::Css("#festival option[value='oscars']")).await.unwrap();
    c.find(Locator::Css("#festival")).await.unwrap().select_by_value("oscars").await.unwrap();
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

/// The CSV at `href` on the app: its header and its rows.
async fn csv_at(app: &TestApp, href: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let res = app.get(href).await;
    assert!(res.status().is_success(), "{href}: HTTP {}", res.status());
    let text = res.text().await.unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    (headers, rdr.records().map(Result::unwrap).collect())
}

/// The value of column `name` in `row`, as a number.
fn num(headers: &csv::StringRecord, row: &csv::StringRecord, name: &str) -> f64 {
    let i = headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column"));
    row[i].parse().unwrap_or_else(|e| panic!("{name} = {:?}: {e}", &row[i]))
}

/// The row of `csv` whose column `name` is `value`.
fn row_where<'a>(
    (headers, rows): &'a (csv::StringRecord, Vec<csv::StringRecord>),
    name: &str,
    value: &str,
) -> &'a csv::StringRecord {
    let i = headers.iter().position(|h| h == name).unwrap();
    rows.iter().find(|r| &r[i] == value).unwrap_or_else(|| panic!("no row with {name} = {value}"))
}

/// A number as the French site writes it before its unit: `31,8` for 0.318 at one decimal.
fn french(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}").replace('.', ",")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_home_figure_links_the_csv_export_that_holds_its_number() {
    let app = app_with_bundled_data().await;
    let home = dom(&app, "/").await;
    let figure = |id: &str| between(&home, &format!("id=\"{id}\""), "</article>").unwrap();
    let big = |id: &str| between(figure(id), "<p class=\"big\">", "</p>").unwrap().to_owned();
    let text = |id: &str| between(figure(id), "<p class=\"text\">", "</p>").unwrap().to_owned();
    let href = |id: &str| {
        between(figure(id), &format!("id=\"{id}-csv\" href=\""), "\"")
            .unwrap_or_else(|| panic!("{id} has no CSV link: {}", figure(id)))
            .replace("&amp;", "&")
    };

    // The latest complete Cannes edition: its share of films with a woman director.
    let href_latest = href("cannes-latest");
    let year = between(&href_latest, "fromYear=", "&").unwrap().to_owned();
    assert!(href_latest.starts_with("/export/directing.csv?festival=cannes&"), "{href_latest}");
    assert!(href_latest.ends_with(&format!("toYear={year}")), "{href_latest}");
    let csv = csv_at(&app, &href_latest).await;
    assert_eq!(csv.1.len(), 2, "the total and the one edition: {:?}", csv.1);
    let share = num(&csv.0, row_where(&csv, "year", &year), "shareWithAWoman");
    assert!(
        big("cannes-latest").starts_with(&french(share * 100.0, 1)),
        "{}",
        big("cannes-latest")
    );

    // Every Cannes competition: women's films over films whose directors' gender is known.
    let csv = csv_at(&app, &href("cannes-all")).await;
    let all = row_where(&csv, "year", "all");
    let women = num(&csv.0, all, "womenOnly") + num(&csv.0, all, "mixed");
    let known = num(&csv.0, all, "films") - num(&csv.0, all, "unknown");
    assert!(
        big("cannes-all").starts_with(&french(women / known * 100.0, 1)),
        "{}",
        big("cannes-all")
    );

    // The Palme d'or: the export counts the Palmes the figure's text gives.
    let csv = csv_at(&app, &href("palme")).await;
    let wins = num(&csv.0, row_where(&csv, "year", "all"), "won.nominations");
    assert!(text("palme").contains(&format!("({wins} ")), "{}: {}", text("palme"), wins);

    // The Academy's Best Director: nominations that went to women.
    let csv = csv_at(&app, &href("oscar")).await;
    let all = row_where(&csv, "year", "all");
    let women = num(&csv.0, all, "nominated.womenOnly") + num(&csv.0, all, "nominated.mixed");
    assert_eq!(big("oscar"), women.to_string());

    // Budgets: the median budget of films directed by women, over every year.
    let csv = csv_at(&app, &href("budget")).await;
    let median = num(&csv.0, row_where(&csv, "category", "WOMEN_ONLY"), "median");
    assert!(big("budget").starts_with(&french(median / 1e6, 2)), "{}", big("budget"));
    assert!(figure("budget").contains("href=\"/budgets\""), "{}", figure("budget"));
    shot(&app, "/", "site-home-phone.png", (390, 1800)).await;
}

/// The labels of `web/i18n/<lang>.txt`, by key.
fn texts(lang: &str) -> std::collections::BTreeMap<String, String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../web/i18n/{lang}.txt"));
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            l.split_once(" = ").map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

#[test]
fn every_financing_kind_the_api_can_return_has_a_label_in_both_languages() {
    let (fr, en) = (texts("fr"), texts("en"));
    for kind in egalite_shared::FinancingKind::ALL {
        // The API writes the enum value in capitals (`PAY_TV_PRE_BUY`).
        let key = format!("financing.{}", kind.as_str().to_uppercase());
        for (lang, labels) in [("fr", &fr), ("en", &en)] {
            let label = labels.get(&key).unwrap_or_else(|| panic!("{key} missing in {lang}.txt"));
            assert!(!label.is_empty() && !label.contains('_'), "{lang}: {key} = {label}");
        }
        assert_ne!(fr[&key], en[&key], "{key} is not translated");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_budgets_page_names_financing_kinds_and_shows_the_api_median_per_year_and_category() {
    let app = app_with_bundled_data().await;
    let v = app
        .graphql(
            "{ stats { budgets(fromYear: 2012, toYear: 2016) { total { category } years { year categories { category films median } } financing { kind } } } }",
            json!({}),
        )
        .await;
    let s = &v["data"]["stats"]["budgets"];
    let page = dom(&app, "/budgets?from=2012&to=2016").await;

    // Financing kinds under their French names, never the API's enum values.
    let fr = texts("fr");
    let financing = between(&page, "id=\"financing-table\"", "</table>").unwrap();
    let kinds = s["financing"].as_array().unwrap();
    assert!(!kinds.is_empty());
    for f in kinds {
        let kind = f["kind"].as_str().unwrap();
        let row = between(financing, &format!("data-kind=\"{kind}\">"), "</tr>").unwrap();
        let head = between(row, "<th scope=\"row\">", "</th>").unwrap();
        assert_eq!(head, fr[&format!("financing.{kind}")], "{kind}");
        assert!(!financing.contains(&kind.to_lowercase().replace('_', " ")), "{financing}");
    }

    // The table per year: films and median for each category, in the API's category order.
    let table = between(&page, "id=\"years-table\"", "</table>").unwrap();
    let categories: Vec<&str> =
        s["total"].as_array().unwrap().iter().map(|c| c["category"].as_str().unwrap()).collect();
    let years = s["years"].as_array().unwrap();
    assert_eq!(years.len(), 5, "{years:?}");
    for y in years {
        let row = between(table, &format!("data-year=\"{}\">", y["year"]), "</tr>").unwrap();
        // A category without films that year has no median: the API says null, the page "—".
        let medians: Vec<Option<f64>> = row
            .split("data-median=\"")
            .skip(1)
            .map(|c| c.split('"').next().unwrap().parse().ok())
            .collect();
        let expected: Vec<Option<f64>> = categories
            .iter()
            .map(|cat| {
                let c = y["categories"].as_array().unwrap().iter().find(|c| c["category"] == *cat);
                c.and_then(|c| c["median"].as_f64())
            })
            .collect();
        assert_eq!(medians, expected, "{}: {row}", y["year"]);
    }

    // The chart: one focusable line per category with a point per year at the API's median,
    // a title and a description, and its downloads.
    let chart = between(&page, "id=\"years-chart\"", "</figure>").unwrap();
    assert!(
        chart.contains("role=\"img\"") && chart.contains("<desc id=\"years-desc\">"),
        "{chart}"
    );
    for cat in &categories {
        let line = between(chart, &format!("data-series=\"{cat}\">"), "</g>").unwrap();
        for y in years {
            let c = y["categories"].as_array().unwrap().iter().find(|c| c["category"] == *cat);
            let point = between(line, &format!("data-year=\"{}\" data-value=\"", y["year"]), "\"");
            match c.and_then(|c| c["median"].as_f64()) {
                Some(median) => {
                    let point = point.unwrap_or_else(|| panic!("{cat} {}: {line}", y["year"]));
                    assert_eq!(point.parse::<f64>().unwrap(), median, "{cat} {}", y["year"]);
                }
                // No films of that category that year: no point drawn, never one at 0.
                None => assert!(point.is_none(), "{cat} {}: {line}", y["year"]),
            }
        }
    }
    assert_eq!(chart.matches("class=\"series\" tabindex=\"0\"").count(), categories.len());
    assert!(chart.contains("id=\"years-download-svg\" href=\"data:image/svg+xml"), "{chart}");
    // The CSV: the export with the page's arguments, one row per year and category.
    let href =
        between(chart, "id=\"years-download-csv\" href=\"", "\"").unwrap().replace("&amp;", "&");
    let csv = csv_at(&app, &href).await;
    let year_col = csv.0.iter().position(|h| h == "year").unwrap();
    let cat_col = csv.0.iter().position(|h| h == "category").unwrap();
    for y in years {
        for c in y["categories"].as_array().unwrap() {
            let row = csv
                .1
                .iter()
                .find(|r| {
                    r[year_col].parse().ok() == y["year"].as_i64() && r[cat_col] == c["category"]
                })
                .unwrap_or_else(|| panic!("{href}: no row for {} {}", y["year"], c["category"]));
            match c["median"].as_f64() {
                Some(median) => assert_eq!(num(&csv.0, row, "median"), median),
                None => {
                    let i = csv.0.iter().position(|h| h == "median").unwrap();
                    assert_eq!(&row[i], "", "{href}: {} {}", y["year"], c["category"]);
                }
            }
        }
    }
    shot(&app, "/budgets", "site-budgets-years.png", (1200, 2600)).await;
    shot(&app, "/budgets?lang=en", "site-budgets-phone.png", (390, 2600)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_explorer_lists_a_festival_added_to_the_database() {
    use egalite_shared::entity::festival;
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::spawn(Backend::Sqlite).await;
    festival::ActiveModel {
        slug: Set("sansebastian".into()),
        name: Set("Festival Internacional de Cine de San Sebastián".into()),
        name_en: Set("San Sebastián International Film Festival".into()),
        name_fr: Set("Festival international du film de Saint-Sébastien".into()),
        short_name: Set("San Sebastián".into()),
        kind: Set(egalite_shared::FestivalKind::Festival),
        country_code: Set("ES".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db.db)
    .await
    .unwrap();
    let page = dom(&app, "/explorer?festival=sansebastian").await;
    let select = between(&page, "<select id=\"festival\"", "</select>").unwrap();
    assert!(
        select.contains("<option value=\"sansebastian\" selected=\"\">San Sebastián</option>"),
        "{select}"
    );
    assert!(select.contains("<option value=\"cannes\">Cannes</option>"), "{select}");
}

/// Presses `key`, with Shift held when `shift`, and returns where the focus then is.
async fn press(c: &fantoccini::Client, key: char, shift: bool) -> String {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    use fantoccini::key::Key;
    let mut keys = KeyActions::new("keyboard".into());
    if shift {
        keys = keys.then(KeyAction::Down { value: Key::Shift.into() });
    }
    keys = keys.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    if shift {
        keys = keys.then(KeyAction::Up { value: Key::Shift.into() });
    }
    c.perform_actions(keys).await.unwrap();
    focus(c).await
}

/// Types `text` one key at a time.
async fn type_keys(c: &fantoccini::Client, text: &str) {
    for k in text.chars() {
        press(c, k, false).await;
    }
}

/// Where the focus is: `#id`, `chart` (the explorer's chart), `point` (one of its points),
/// `a:<href>` for a link, else the tag name.
async fn focus(c: &fantoccini::Client) -> String {
    let js = "const e = document.activeElement; \
        if (!e) return ''; \
        if (e.id) return '#' + e.id; \
        if (e.tagName.toLowerCase() === 'svg' && e.closest('#chart')) return 'chart'; \
        if (e.classList.contains('point')) return 'point'; \
        if (e.tagName === 'A') return 'a:' + e.getAttribute('href'); \
        return e.tagName.toLowerCase();";
    c.execute(js, vec![]).await.unwrap().as_str().unwrap_or_default().to_owned()
}

/// Presses Tab (Shift+Tab when `back`) until the focus is on `target`, at most `max` times;
/// returns where the focus stopped on the way, `target` last.
async fn tab_to(c: &fantoccini::Client, target: &str, back: bool, max: usize) -> Vec<String> {
    use fantoccini::key::Key;
    let mut stops = Vec::new();
    while stops.len() < max {
        let at = press(c, Key::Tab.into(), back).await;
        stops.push(at.clone());
        if at == target {
            return stops;
        }
    }
    panic!("{target} not reached in {max} presses of Tab; focus went {stops:?}");
}

/// Waits until `script` returns true.
async fn wait_until(c: &fantoccini::Client, script: &str, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        if c.execute(script, vec![]).await.unwrap() == json!(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("waited 30 s for {what}");
}

/// The query parameter `name` of the page's URL.
async fn param(c: &fantoccini::Client, name: &str) -> Option<String> {
    let url = c.current_url().await.unwrap();
    url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyboard_alone_searches_follows_a_link_changes_the_view_and_reaches_the_chart_and_csv() {
    use fantoccini::key::Key;
    let app = app_with_bundled_data().await;
    let driver = egalite_tests::browser::Driver::start().await.unwrap();
    let c = &driver.client;
    c.goto(&format!("{}/", app.base_url)).await.unwrap();
    wait_until(c, "return !!document.getElementById('headlines')", "the headlines").await;

    // From the top of the page, Tab goes through the header's links to the search box.
    let stops = tab_to(c, "#search-box", false, 12).await;
    assert_eq!(stops[0], "a:/", "the site's name comes first: {stops:?}");
    assert!(stops[..stops.len() - 1].iter().all(|s| s.starts_with("a:")), "{stops:?}");
    type_keys(c, "almodovar").await;
    press(c, Key::Enter.into(), false).await;
    wait_until(
        c,
        "return location.pathname === '/search' && !!document.querySelector('#results a[href^=\"/person/\"]')",
        "search results",
    )
    .await;
    assert_eq!(param(c, "q").await.as_deref(), Some("almodovar"));
    assert_eq!(focus(c).await, "#search-box", "the focus stays where the reader typed");

    // Back up the header to the explorer's link and follow it with Enter.
    let stops = tab_to(c, "a:/explorer", true, 10).await;
    assert!(stops.iter().all(|s| s.starts_with("a:")), "{stops:?}");
    press(c, Key::Enter.into(), false).await;
    wait_until(
        c,
        "return location.pathname === '/explorer' && !!document.querySelector('#explorer-table')",
        "the explorer",
    )
    .await;

    // The controls come right after the header: the festival first.
    let stops = tab_to(c, "#festival", false, 12).await;
    assert_eq!(stops[stops.len() - 2], "#lang-switch", "{stops:?}");
    wait_until(c, "return document.querySelectorAll('#festival option').length > 1", "festivals")
        .await;
    let options = c
        .execute(
            "return [...document.querySelectorAll('#festival option')].map(o => o.value)",
            vec![],
        )
        .await
        .unwrap();
    let options: Vec<&str> =
        options.as_array().unwrap().iter().map(|o| o.as_str().unwrap()).collect();
    assert_eq!(options[0], "cannes", "{options:?}");
    // The arrow keys pick the next festival and back; the URL follows.
    assert_eq!(press(c, Key::Down.into(), false).await, "#festival");
    wait_until(
        c,
        &format!("return location.search.includes('festival={}')", options[1]),
        "festival",
    )
    .await;
    assert_eq!(press(c, Key::Up.into(), false).await, "#festival");
    wait_until(c, "return location.search.includes('festival=cannes')", "Cannes again").await;

    // Role and unit, then the years, typed.
    assert_eq!(press(c, Key::Tab.into(), false).await, "#role");
    assert_eq!(press(c, Key::Tab.into(), false).await, "#unit");
    assert_eq!(press(c, Key::Tab.into(), false).await, "#from");
    type_keys(c, "2015").await;
    assert_eq!(press(c, Key::Tab.into(), false).await, "#to");
    type_keys(c, "2019").await;
    assert_eq!(press(c, Key::Tab.into(), false).await, "#inferred");
    wait_for_table_spanning(c, 2015, 2019).await;
    assert_eq!(param(c, "from").await.as_deref(), Some("2015"));
    assert_eq!(param(c, "to").await.as_deref(), Some("2019"));

    // The chart takes the focus, then each of its points, then the CSV link of the same view.
    assert_eq!(press(c, Key::Tab.into(), false).await, "chart");
    let points = c
        .execute("return document.querySelectorAll('#chart .point').length", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap() as usize;
    assert_eq!(points, 5, "one point per edition, 2015–2019");
    let stops = tab_to(c, "#download-csv", false, points + 1).await;
    assert!(stops[..points].iter().all(|s| s == "point"), "{stops:?}");
    let href =
        c.execute("return document.activeElement.getAttribute('href')", vec![]).await.unwrap();
    let href = href.as_str().unwrap();
    assert!(
        href.contains("festival=cannes")
            && href.contains("fromYear=2015")
            && href.contains("toYear=2019"),
        "{href}"
    );
    assert_eq!(press(c, Key::Tab.into(), false).await, "#download-svg");
    driver.client.clone().close().await.unwrap();
}
