//! The entity lists' filters through the API, on PostgreSQL and on SQLite: names nothing has are
//! refused, and each filter keeps what a count made here from the raw files keeps.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use egalite_tests::raw::{self, Genders, category};
use egalite_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    an_unknown_section_slug_in_a_filter_is_a_bad_user_input_error,
    an_unknown_country_code_in_a_filter_is_a_bad_user_input_error,
    an_unknown_award_slug_in_a_filter_is_a_bad_user_input_error,
    credits_filtered_by_festival_years_and_country_are_the_raw_line_ups_directors,
    selections_filtered_by_director_gender_and_country_are_the_raw_line_ups_films,
    nominations_filtered_by_section_name_films_of_that_section,
    nominations_filtered_by_country_name_films_of_that_country,
    budgets_filtered_by_directors_category_are_the_raw_films_of_that_category,
);

async fn ingest(app: &TestApp, names: &[&str]) {
    for name in names {
        egalite_scrapers::ingest::ingest_dataset(&app.db.db, &raw::data_dir(), name).await.unwrap();
    }
}

/// Asserts that `query` is refused as bad input with a message naming `value`.
async fn refused_naming(app: &TestApp, query: &str, value: &str) {
    let v = app.graphql(query, json!({})).await;
    let e = &v["errors"][0];
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT", "{query}: {v}");
    let message = e["message"].as_str().unwrap();
    assert!(message.contains(&format!("{value:?}")), "{query}: {message}");
}

/// `totalCount` of a list query.
async fn total(app: &TestApp, list: &str, arguments: &str) -> i64 {
    let arguments = if arguments.is_empty() { String::new() } else { format!("({arguments})") };
    let v = app.graphql(&format!("{{ {list}{arguments} {{ totalCount }} }}"), json!({})).await;
    assert_eq!(v["errors"], Value::Null, "{list}({arguments}): {v}");
    v["data"][list]["totalCount"].as_i64().unwrap()
}

async fn an_unknown_section_slug_in_a_filter_is_a_bad_user_input_error(app: TestApp) {
    ingest(&app, &["cannes_competition"]).await;
    for q in [
        "{ films(filter: {section: \"semaine-de-la-critique\"}) { totalCount } }",
        "{ sections(slug: \"semaine-de-la-critique\") { totalCount } }",
        "{ selections(festival: \"cannes\", section: \"semaine-de-la-critique\") { totalCount } }",
        "{ nominations(section: \"semaine-de-la-critique\") { totalCount } }",
        "{ stats { roles(festival: \"cannes\", section: \"semaine-de-la-critique\") { films } } }",
    ] {
        refused_naming(&app, q, "semaine-de-la-critique").await;
    }
    // The error lists the slugs there are; a known one still answers.
    let v = app.graphql("{ films(filter: {section: \"nope\"}) { totalCount } }", json!({})).await;
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("competition"), "{v}");
    assert!(total(&app, "films", "filter: {section: \"competition\"}").await > 1000);
}

async fn an_unknown_country_code_in_a_filter_is_a_bad_user_input_error(app: TestApp) {
    ingest(&app, &["cannes_competition"]).await;
    for q in [
        "{ films(filter: {country: \"XQ\"}) { totalCount } }",
        "{ credits(country: \"XQ\") { totalCount } }",
        "{ selections(country: \"XQ\") { totalCount } }",
        "{ nominations(country: \"XQ\") { totalCount } }",
        "{ stats { roles(festival: \"cannes\", country: \"XQ\") { films } } }",
    ] {
        refused_naming(&app, q, "XQ").await;
    }
    // A known code in any case still answers.
    assert_eq!(
        total(&app, "films", "filter: {country: \"fr\"}").await,
        total(&app, "films", "filter: {country: \"FR\"}").await
    );
    assert!(total(&app, "films", "filter: {country: \"FR\"}").await > 0);
}

async fn an_unknown_award_slug_in_a_filter_is_a_bad_user_input_error(app: TestApp) {
    ingest(&app, &["oscars"]).await;
    refused_naming(&app, "{ nominations(award: \"best-mime\") { totalCount } }", "best-mime").await;
    // An award of another festival is unknown at this one, and the error says which festival.
    let q = "{ nominations(festival: \"cannes\", award: \"directing\") { totalCount } }";
    refused_naming(&app, q, "directing").await;
    let v = app.graphql(q, json!({})).await;
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("cannes"), "{v}");
    assert!(total(&app, "nominations", "festival: \"oscars\", award: \"directing\"").await > 400);
}

async fn credits_filtered_by_festival_years_and_country_are_the_raw_line_ups_directors(
    app: TestApp,
) {
    ingest(&app, &["cannes_competition"]).await;
    // Source: data/cannes_competition_gt, editions 2010–2017; unit: credits, one per film and
    // director (the line-ups name directors only).
    let films: Vec<raw::CannesFilm> = raw::cannes_competition()
        .unwrap()
        .into_iter()
        .filter(|f| (2010..=2017).contains(&f.year))
        .collect();
    let credits = |keep: &dyn Fn(&raw::CannesFilm) -> bool| -> usize {
        films.iter().filter(|f| keep(f)).map(|f| f.directors.len()).sum()
    };
    let range = "festival: \"cannes\", fromYear: 2010, toYear: 2017";
    let all = credits(&|_| true);
    assert_eq!(total(&app, "credits", range).await as usize, all);
    assert_eq!(total(&app, "credits", &format!("{range}, role: DIRECTOR")).await as usize, all);
    let italian = credits(&|f| f.countries.iter().any(|c| c == "IT"));
    assert!(italian > 0 && italian < all, "{italian} of {all}");
    assert_eq!(
        total(&app, "credits", &format!("{range}, country: \"IT\"")).await as usize,
        italian
    );
    // What the filter keeps is what it says: directors' credits on Italian productions.
    let v = app
        .graphql(
            &format!("{{ credits(first: 100, {range}, country: \"IT\") {{ nodes {{ role film {{ countries {{ country {{ code }} }} }} }} }} }}"),
            json!({}),
        )
        .await;
    for c in v["data"]["credits"]["nodes"].as_array().unwrap() {
        assert_eq!(c["role"], "DIRECTOR", "{c}");
        let codes: Vec<&str> = c["film"]["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["country"]["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"IT"), "{c}");
    }
}

async fn selections_filtered_by_director_gender_and_country_are_the_raw_line_ups_films(
    app: TestApp,
) {
    ingest(&app, &["cannes_competition", "curation", "gender_inference"]).await;
    let genders = Genders::read(&app.db.db).await.unwrap();
    // Source: data/cannes_competition_gt, editions 2000–2017, directors' genders from the people
    // table; unit: selections, one per film and edition.
    let films: Vec<raw::CannesFilm> = raw::cannes_competition()
        .unwrap()
        .into_iter()
        .filter(|f| (2000..=2017).contains(&f.year))
        .collect();
    let count = |keep: &dyn Fn(&raw::CannesFilm) -> bool| films.iter().filter(|f| keep(f)).count();
    let has = |f: &raw::CannesFilm, gender: &str| {
        f.directors.iter().any(|d| genders.of_name(d, true) == Some(gender))
    };
    let range = "festival: \"cannes\", fromYear: 2000, toYear: 2017";
    let with_a_woman = count(&|f| has(f, "woman"));
    assert!(with_a_woman > 0);
    assert_eq!(
        total(&app, "selections", &format!("{range}, gender: WOMAN")).await as usize,
        with_a_woman
    );
    let with_a_man = count(&|f| has(f, "man"));
    assert_eq!(
        total(&app, "selections", &format!("{range}, role: DIRECTOR, gender: MAN")).await as usize,
        with_a_man
    );
    // Every film of the line-up has a director credit.
    assert_eq!(
        total(&app, "selections", &format!("{range}, role: DIRECTOR")).await as usize,
        films.len()
    );
    let german = count(&|f| f.countries.iter().any(|c| c == "DE"));
    assert!(german > 0);
    assert_eq!(
        total(&app, "selections", &format!("{range}, country: \"DE\"")).await as usize,
        german
    );
    let german_by_women = count(&|f| has(f, "woman") && f.countries.iter().any(|c| c == "DE"));
    assert_eq!(
        total(&app, "selections", &format!("{range}, country: \"DE\", gender: WOMAN")).await
            as usize,
        german_by_women
    );
}

async fn nominations_filtered_by_section_name_films_of_that_section(app: TestApp) {
    ingest(&app, &["cannes_competition", "festival_nominations_imdb"]).await;
    // Source: data/festival_nominations_imdb, Cannes rows of 2010–2019; unit: nominations (a
    // film in one award category of one edition). Un Certain Regard's films are the nominees of
    // its award; other awards (the Caméra d'Or, the Queer Palm…) name some of them too.
    let cannes: Vec<raw::ImdbAward> = raw::imdb_awards()
        .unwrap()
        .into_iter()
        .filter(|a| a.event == "ev0000147")
        .filter(|a| a.edition.parse::<i32>().is_ok_and(|y| (2010..=2019).contains(&y)))
        .collect();
    let line_up: BTreeSet<&str> = cannes
        .iter()
        .filter(|a| a.award == "un certain regard award")
        .map(|a| a.imdb_id.as_str())
        .collect();
    let naming: BTreeSet<(&str, &str, &str, &str)> = cannes
        .iter()
        .filter(|a| line_up.contains(a.imdb_id.as_str()))
        .map(|a| (a.edition.as_str(), a.award.as_str(), a.category.as_str(), a.imdb_id.as_str()))
        .collect();
    let of_award =
        naming.iter().filter(|(_, award, _, _)| *award == "un certain regard award").count();
    assert!(naming.len() > of_award, "other awards name films of the section too");
    let args = "festival: \"cannes\", fromYear: 2010, toYear: 2019, section: \"un-certain-regard\"";
    assert_eq!(total(&app, "nominations", args).await as usize, naming.len());
}

async fn nominations_filtered_by_country_name_films_of_that_country(app: TestApp) {
    ingest(&app, &["cannes_competition", "festival_nominations_imdb"]).await;
    // Source: data/festival_nominations_imdb, the Palme d'Or's nominees of 2000–2017 (the
    // competition), production countries from data/cannes_competition_gt; unit: nominations.
    let french: BTreeSet<String> = raw::cannes_competition()
        .unwrap()
        .into_iter()
        .filter(|f| f.countries.iter().any(|c| c == "FR"))
        .filter_map(|f| f.imdb_id)
        .collect();
    let nominees: Vec<raw::ImdbAward> = raw::imdb_awards()
        .unwrap()
        .into_iter()
        .filter(|a| a.event == "ev0000147" && a.award == "palme d'or" && a.category == "palme d'or")
        .filter(|a| a.edition.parse::<i32>().is_ok_and(|y| (2000..=2017).contains(&y)))
        .collect();
    let of_france = nominees.iter().filter(|a| french.contains(&a.imdb_id)).count();
    assert!(of_france > 0 && of_france < nominees.len(), "{of_france} of {}", nominees.len());
    let args = "festival: \"cannes\", award: \"imdb-palme-d-or\", fromYear: 2000, toYear: 2017";
    assert_eq!(total(&app, "nominations", args).await as usize, nominees.len());
    let french_won = nominees.iter().filter(|a| a.won && french.contains(&a.imdb_id)).count();
    assert_eq!(
        total(&app, "nominations", &format!("{args}, country: \"FR\"")).await as usize,
        of_france
    );
    assert_eq!(
        total(&app, "nominations", &format!("{args}, country: \"FR\", won: true")).await as usize,
        french_won
    );
}

async fn budgets_filtered_by_directors_category_are_the_raw_films_of_that_category(app: TestApp) {
    ingest(&app, &["budgets_cnc_fr", "curation", "gender_inference"]).await;
    let genders = Genders::read(&app.db.db).await.unwrap();
    // Source: data/budgets_cnc_fr, the first row of each visa, directors' genders from the people
    // table; unit: budgets, one per film.
    let films = raw::cnc_films().unwrap();
    let category_of = |f: &raw::CncFilm| {
        let of: Vec<&str> = f
            .directors
            .iter()
            .map(|d| {
                let display = egalite_scrapers::datasets::cnc_films::director_name(d).display;
                genders.of_name(&display, true).unwrap_or("unknown")
            })
            .collect();
        category(&of)
    };
    let mut sum = 0;
    for (cat, api) in [
        ("womenOnly", "WOMEN_ONLY"),
        ("mixed", "MIXED"),
        ("menOnly", "MEN_ONLY"),
        ("unknown", "UNKNOWN"),
    ] {
        let n = films.iter().filter(|f| category_of(f) == cat).count();
        assert!(n > 0, "{cat}");
        assert_eq!(
            total(&app, "budgets", &format!("directorCategory: {api}")).await as usize,
            n,
            "{cat}"
        );
        sum += n;
        let in_2015 = films.iter().filter(|f| f.year == 2015 && category_of(f) == cat).count();
        let args = format!("directorCategory: {api}, fromYear: 2015, toYear: 2015");
        assert_eq!(total(&app, "budgets", &args).await as usize, in_2015, "{cat} 2015");
    }
    assert_eq!(sum, films.len());
    assert_eq!(total(&app, "budgets", "").await as usize, films.len());
}
