//! The statistics' other dimensions through the API, on PostgreSQL and on SQLite, each checked
//! exactly against a count made here from the raw files: roles by section, by production country
//! and without inferred genders; trailers' screen time; budgets of one genre; every kind of
//! financing.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use egalite_tests::raw::{self, Genders, category};
use egalite_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    role_stats_of_a_named_section_count_its_line_up_as_the_raw_imdb_file_lists_it,
    role_stats_limited_to_a_production_country_count_only_its_films,
    role_stats_without_inferred_genders_count_those_people_as_unknown,
    trailer_stats_give_faces_and_screen_time_shares_as_the_raw_predictions_do,
    budget_stats_of_one_genre_match_the_raw_films_of_that_genre,
    financing_counts_every_kind_by_directors_category_as_the_raw_flags_do,
    a_figure_names_its_sources_by_ids_that_node_resolves_to_the_ingested_files,
);

async fn ingest(app: &TestApp, names: &[&str]) {
    for name in names {
        egalite_scrapers::ingest::ingest_dataset(&app.db.db, &raw::data_dir(), name).await.unwrap();
    }
}

async fn roles(app: &TestApp, arguments: &str) -> Value {
    let q = format!(
        "{{ stats {{ roles(festival: \"cannes\", roles: [DIRECTOR], {arguments}) {{ scope country \
           includeInferred films roles {{ total {{ \
             people {{ total women men unknown inferred }} credits {{ total women men unknown inferred }} \
             films {{ films womenOnly mixed menOnly unknown }} filmsWithoutCredit }} }} }} }} }}"
    );
    let v = app.graphql(&q, json!({})).await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    v["data"]["stats"]["roles"].clone()
}

/// What a count of directors by gender should give: people once, credits once per film.
#[derive(Default)]
struct DirectorCount {
    films: i64,
    without_director: i64,
    people: BTreeMap<String, &'static str>,
    credits: BTreeMap<&'static str, i64>,
    categories: BTreeMap<&'static str, i64>,
}

impl DirectorCount {
    fn add(&mut self, directors: &[String], genders: &Genders, with_inferred: bool) {
        self.films += 1;
        if directors.is_empty() {
            self.without_director += 1;
            return;
        }
        let of: Vec<&'static str> = directors
            .iter()
            .map(|d| genders.of_name(d, with_inferred).unwrap_or("unknown"))
            .collect();
        *self.categories.entry(category(&of)).or_default() += 1;
        for (d, g) in directors.iter().zip(of) {
            *self.credits.entry(g).or_default() += 1;
            self.people.insert(egalite_scrapers::names::matching_key(d), g);
        }
    }

    fn people_of(&self, gender: &str) -> usize {
        self.people.values().filter(|g| **g == gender).count()
    }

    fn check(&self, total: &Value) {
        assert_eq!(total["filmsWithoutCredit"], self.without_director, "{total}");
        assert_eq!(total["people"]["total"], self.people.len(), "{total}");
        for (unit, g) in [("women", "woman"), ("men", "man"), ("unknown", "unknown")] {
            assert_eq!(total["people"][unit], self.people_of(g), "people {unit}: {total}");
            let credits = self.credits.get(g).copied().unwrap_or(0);
            assert_eq!(total["credits"][unit], credits, "credits {unit}: {total}");
        }
        for cat in ["womenOnly", "mixed", "menOnly", "unknown"] {
            let want = self.categories.get(cat).copied().unwrap_or(0);
            assert_eq!(total["films"][cat], want, "films {cat}: {total}");
        }
    }
}

async fn role_stats_of_a_named_section_count_its_line_up_as_the_raw_imdb_file_lists_it(
    app: TestApp,
) {
    ingest(
        &app,
        &["cannes_competition", "festival_nominations_imdb", "curation", "gender_inference"],
    )
    .await;
    let genders = Genders::read(&app.db.db).await.unwrap();
    // Source: data/festival_nominations_imdb, the nominees of Cannes' "un certain regard award"
    // (the section's line-up), editions 2010–2019; unit: films once per edition. IMDb names no
    // director: those the data knows come from the competition file, for a film in both.
    let directors: BTreeMap<String, Vec<String>> = raw::cannes_competition()
        .unwrap()
        .into_iter()
        .filter_map(|f| f.imdb_id.map(|id| (id, f.directors)))
        .collect();
    let line_up: BTreeSet<(i32, String)> = raw::imdb_awards()
        .unwrap()
        .into_iter()
        .filter(|a| a.event == "ev0000147" && a.award == "un certain regard award")
        .map(|a| (a.edition.split('-').next().unwrap().parse::<i32>().unwrap(), a.imdb_id))
        .filter(|(year, _)| (2010..=2019).contains(year))
        .collect();
    assert!(line_up.len() > 100, "ten editions of Un Certain Regard: {}", line_up.len());
    let mut want = DirectorCount::default();
    for (_, id) in &line_up {
        want.add(directors.get(id).map(Vec::as_slice).unwrap_or_default(), &genders, true);
    }
    let s = roles(&app, "fromYear: 2010, toYear: 2019, section: \"un-certain-regard\"").await;
    assert_eq!(s["scope"], "section un-certain-regard", "{s}");
    assert_eq!(s["films"], line_up.len(), "{s}");
    want.check(&s["roles"][0]["total"]);
    println!("Un Certain Regard 2010–2019, directors: {s}");
    // Naming the competition is the same as naming no section.
    let named = roles(&app, "fromYear: 2010, toYear: 2019, section: \"competition\"").await;
    let default = roles(&app, "fromYear: 2010, toYear: 2019").await;
    assert_eq!(named["roles"], default["roles"]);
    assert_eq!(named["films"], default["films"]);
}

async fn role_stats_limited_to_a_production_country_count_only_its_films(app: TestApp) {
    ingest(&app, &["cannes_competition", "curation", "gender_inference"]).await;
    let genders = Genders::read(&app.db.db).await.unwrap();
    // Source: data/cannes_competition_gt, editions 2000–2017, films whose countries_of_origin
    // holds FR; units: distinct directors over the range, credits, films.
    let mut want = DirectorCount::default();
    let mut elsewhere = 0;
    for f in raw::cannes_competition().unwrap() {
        if !(2000..=2017).contains(&f.year) {
            continue;
        }
        if f.countries.iter().any(|c| c == "FR") {
            want.add(&f.directors, &genders, true);
        } else {
            elsewhere += 1;
        }
    }
    assert!(want.films > 0 && elsewhere > 0, "{} French films, {elsewhere} others", want.films);
    // The code is read in any case and given back as ISO writes it.
    let s = roles(&app, "fromYear: 2000, toYear: 2017, country: \"fr\"").await;
    assert_eq!(s["country"], "FR", "{s}");
    assert_eq!(s["films"], want.films, "{s}");
    want.check(&s["roles"][0]["total"]);
    println!("Cannes competition 2000–2017, French productions, directors: {s}");
}

async fn role_stats_without_inferred_genders_count_those_people_as_unknown(app: TestApp) {
    ingest(&app, &["cannes_competition", "curation", "gender_inference"]).await;
    let genders = Genders::read(&app.db.db).await.unwrap();
    // Source: data/cannes_competition_gt, editions 2000–2017; each director's gender and how it
    // is known from the people table; units: distinct directors, credits, films.
    let films: Vec<raw::CannesFilm> = raw::cannes_competition()
        .unwrap()
        .into_iter()
        .filter(|f| (2000..=2017).contains(&f.year))
        .collect();
    let inferred: BTreeSet<String> = films
        .iter()
        .flat_map(|f| &f.directors)
        .filter(|d| genders.inferred_by_name(d))
        .map(|d| egalite_scrapers::names::matching_key(d))
        .collect();
    assert!(!inferred.is_empty(), "some directors' genders are inferred from first names");
    for with_inferred in [true, false] {
        let mut want = DirectorCount::default();
        for f in &films {
            want.add(&f.directors, &genders, with_inferred);
        }
        let s =
            roles(&app, &format!("fromYear: 2000, toYear: 2017, includeInferred: {with_inferred}"))
                .await;
        assert_eq!(s["includeInferred"], with_inferred, "{s}");
        let total = &s["roles"][0]["total"];
        want.check(total);
        let counted_inferred = if with_inferred { inferred.len() } else { 0 };
        assert_eq!(total["people"]["inferred"], counted_inferred, "{total}");
        println!("Cannes competition 2000–2017, includeInferred {with_inferred}: {total}");
    }
}

async fn trailer_stats_give_faces_and_screen_time_shares_as_the_raw_predictions_do(app: TestApp) {
    ingest(&app, &["budgets_cnc_fr", "trailers_d4g"]).await;
    // Source: data/posters_trailers_d4g/trailer_predictions.csv (one row per character, with
    // seconds on screen), joined to data/budgets_cnc_fr by visa for the year (of approval); unit:
    // the analysis, one trailer per film. A film's screen-time share per perceived gender is its
    // seconds over all its characters' seconds; the figure is the mean over the films.
    let year_of: BTreeMap<String, i32> =
        raw::cnc_films().unwrap().into_iter().map(|f| (f.visa, f.year)).collect();
    let mut per_film: BTreeMap<String, BTreeMap<&str, (f64, f64)>> = BTreeMap::new();
    for face in raw::trailer_faces().unwrap() {
        let t = per_film.entry(face.visa).or_default().entry(face.gender).or_default();
        t.0 += 1.0;
        t.1 += face.seconds;
    }
    let expected = |range: Option<(i32, i32)>| {
        let mut faces: BTreeMap<&str, f64> = BTreeMap::new();
        let mut seconds: BTreeMap<&str, f64> = BTreeMap::new();
        let mut shares: BTreeMap<&str, f64> = BTreeMap::new();
        let mut analyses = 0;
        for (visa, by_gender) in &per_film {
            let year = year_of[visa];
            if range.is_some_and(|(from, to)| !(from..=to).contains(&year)) {
                continue;
            }
            analyses += 1;
            let total: f64 = by_gender.values().map(|t| t.1).sum();
            for (g, (n, s)) in by_gender {
                *faces.entry(g).or_default() += n;
                *seconds.entry(g).or_default() += s;
                if total > 0.0 {
                    *shares.entry(g).or_default() += s / total;
                }
            }
        }
        (analyses, faces, seconds, shares)
    };
    let close = |got: &Value, want: f64| (got.as_f64().unwrap() - want).abs() < 1e-6;
    for range in [None, Some((2015, 2019))] {
        let args = range.map_or(String::new(), |(f, t)| format!("(fromYear: {f}, toYear: {t})"));
        let v = app
            .graphql(
                &format!(
                    "{{ stats {{ trailers{args} {{ kind external sources {{ slug }} total {{ analyses withFaces \
                       faces {{ women men undetermined }} meanScreenShare {{ women men undetermined }} \
                       screenSeconds {{ women men undetermined }} meanFaceAreaShare {{ women }} }} }} }} }}"
                ),
                json!({}),
            )
            .await;
        assert_eq!(v["errors"], Value::Null, "{v}");
        let figures = v["data"]["stats"]["trailers"].as_array().unwrap();
        assert_eq!(figures.len(), 1, "one model: {v}");
        let f = &figures[0];
        assert_eq!((f["kind"].as_str(), f["external"].as_bool()), (Some("TRAILER"), Some(true)));
        assert_eq!(f["sources"][0]["slug"], "trailers_d4g", "{f}");
        let (analyses, faces, seconds, shares) = expected(range);
        let t = &f["total"];
        println!("Trailers {range:?}: {t}");
        assert_eq!(t["analyses"], analyses, "{range:?}: {t}");
        // Every film the predictions name has at least one character.
        assert_eq!(t["withFaces"], analyses, "{range:?}: {t}");
        assert_eq!(t["meanFaceAreaShare"], Value::Null, "a poster's measure: {t}");
        for g in ["women", "men", "undetermined"] {
            let n = faces.get(g).copied().unwrap_or(0.0);
            assert!(close(&t["faces"][g], n), "{g} faces {range:?}: {t} vs {n}");
            let s = seconds.get(g).copied().unwrap_or(0.0);
            assert!(close(&t["screenSeconds"][g], s), "{g} seconds {range:?}: {t} vs {s}");
            let mean = shares.get(g).copied().unwrap_or(0.0) / analyses as f64;
            assert!(close(&t["meanScreenShare"][g], mean), "{g} share {range:?}: {t} vs {mean}");
        }
    }
}

/// Each CNC film's directors' category, from the people table.
fn cnc_category(f: &raw::CncFilm, genders: &Genders) -> &'static str {
    let of: Vec<&str> = f
        .directors
        .iter()
        .map(|d| {
            let display = egalite_scrapers::datasets::cnc_films::director_name(d).display;
            genders.of_name(&display, true).unwrap_or("unknown")
        })
        .collect();
    category(&of)
}

/// The API's name of a category.
fn api_category(cat: &str) -> &'static str {
    match cat {
        "womenOnly" => "WOMEN_ONLY",
        "mixed" => "MIXED",
        "menOnly" => "MEN_ONLY",
        _ => "UNKNOWN",
    }
}

const CATEGORIES: [&str; 4] = ["womenOnly", "mixed", "menOnly", "unknown"];

async fn budget_stats_of_one_genre_match_the_raw_films_of_that_genre(app: TestApp) {
    ingest(&app, &["budgets_cnc_fr", "curation", "gender_inference"]).await;
    let genders = Genders::read(&app.db.db).await.unwrap();
    let films = raw::cnc_films().unwrap();
    // Source: data/budgets_cnc_fr, the first row of each visa, genre as the file writes it
    // (fiction, documentaire or docu, animation or anim); unit: films, with their budgets.
    for genre in ["DOCUMENTARY", "ANIMATION", "FICTION"] {
        let mut budgets: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for f in films.iter().filter(|f| f.genre == genre) {
            budgets.entry(cnc_category(f, &genders)).or_default().push(f.euros);
        }
        let v = app
            .graphql(
                &format!(
                    "{{ stats {{ budgets(genre: {genre}) {{ total {{ category films sum min max }} \
                       years {{ categories {{ films }} }} }} }} }}"
                ),
                json!({}),
            )
            .await;
        assert_eq!(v["errors"], Value::Null, "{v}");
        let b = &v["data"]["stats"]["budgets"];
        let mut all = 0;
        for cat in CATEGORIES {
            let got = b["total"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["category"] == api_category(cat))
                .unwrap();
            let values = budgets.get(cat).cloned().unwrap_or_default();
            all += values.len();
            assert_eq!(got["films"], values.len(), "{genre} {cat}: {got}");
            let sum: f64 = values.iter().sum();
            assert!((got["sum"].as_f64().unwrap() - sum).abs() < 0.01, "{genre} {cat}: {got}");
            if let (Some(min), Some(max)) = (
                values.iter().copied().min_by(f64::total_cmp),
                values.iter().copied().max_by(f64::total_cmp),
            ) {
                assert!((got["min"].as_f64().unwrap() - min).abs() < 0.01, "{got}");
                assert!((got["max"].as_f64().unwrap() - max).abs() < 0.01, "{got}");
            }
        }
        let per_year: i64 = b["years"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|y| y["categories"].as_array().unwrap())
            .map(|c| c["films"].as_i64().unwrap())
            .sum();
        assert_eq!(per_year as usize, all, "{genre}");
        assert!(all > 0, "{genre} has films");
    }
}

async fn financing_counts_every_kind_by_directors_category_as_the_raw_flags_do(app: TestApp) {
    ingest(&app, &["budgets_cnc_fr", "curation", "gender_inference"]).await;
    let genders = Genders::read(&app.db.db).await.unwrap();
    let films = raw::cnc_films().unwrap();
    const KINDS: [&str; 7] = [
        "SOFICA",
        "TAX_CREDIT",
        "REGIONAL_AID",
        "ADVANCE_ON_RECEIPTS",
        "PARITY_BONUS",
        "PAY_TV_PRE_BUY",
        "FREE_TV_PRE_BUY",
    ];
    // Source: data/budgets_cnc_fr, the first row of each visa: a mark in bonus_parite, asr,
    // chaine_payante, chaine_clair, sofica, credit_impot or aide_regionale; unit: films of each
    // directors' category drawing on each kind, over the films of that category.
    for genre in [None, Some("DOCUMENTARY")] {
        let mut of_category: BTreeMap<&str, i64> = BTreeMap::new();
        let mut with: BTreeMap<(&str, &str), i64> = BTreeMap::new();
        for f in films.iter().filter(|f| genre.is_none_or(|g| f.genre == g)) {
            let cat = cnc_category(f, &genders);
            *of_category.entry(cat).or_default() += 1;
            for kind in &f.financing {
                *with.entry((kind, cat)).or_default() += 1;
            }
        }
        let args = genre.map_or(String::new(), |g| format!("(genre: {g})"));
        let v = app
            .graphql(
                &format!("{{ stats {{ budgets{args} {{ financing {{ kind category films share }} }} }} }}"),
                json!({}),
            )
            .await;
        assert_eq!(v["errors"], Value::Null, "{v}");
        let financing = v["data"]["stats"]["budgets"]["financing"].as_array().unwrap();
        assert_eq!(financing.len(), KINDS.len() * CATEGORIES.len(), "{v}");
        for kind in KINDS {
            assert!(with.keys().any(|(k, _)| *k == kind), "the raw file flags {kind}");
            for cat in CATEGORIES {
                let got = financing
                    .iter()
                    .find(|f| f["kind"] == kind && f["category"] == api_category(cat))
                    .unwrap();
                let n = with.get(&(kind, cat)).copied().unwrap_or(0);
                assert_eq!(got["films"], n, "{genre:?} {kind} {cat}: {got}");
                let of = of_category.get(cat).copied().unwrap_or(0);
                if of == 0 {
                    assert_eq!(got["share"], Value::Null, "{got}");
                } else {
                    let share = n as f64 / of as f64;
                    assert!((got["share"].as_f64().unwrap() - share).abs() < 1e-9, "{got}");
                }
            }
        }
    }
}

async fn a_figure_names_its_sources_by_ids_that_node_resolves_to_the_ingested_files(app: TestApp) {
    ingest(&app, &["cannes_competition"]).await;
    let v = app
        .graphql(
            "{ stats { directing(festival: \"cannes\") { sources { id slug sha256 } } } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"], Value::Null, "{v}");
    let sources = v["data"]["stats"]["directing"]["sources"].as_array().unwrap().clone();
    assert!(!sources.is_empty(), "{v}");
    for s in sources {
        let id = s["id"].as_str().unwrap();
        assert!(id.starts_with("Source:"), "{id}");
        let q = "query($id: ID!) { node(id: $id) { ... on Source { slug sha256 } } }";
        let n = app.graphql(q, json!({ "id": id })).await;
        assert_eq!(n["data"]["node"]["slug"], s["slug"], "{n}");
        assert_eq!(n["data"]["node"]["sha256"], s["sha256"], "{n}");
    }
}
