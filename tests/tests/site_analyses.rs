//! The site over the platform's own analyses, in headless Chromium: a film page draws its poster
//! with one box per face and its trailer's timeline with one row per track, each with the table
//! of the same rows the API gives; the posters and trailers page shows them in its gallery.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Duration;

use egalite_models::evaluation;
use egalite_models::intake::{self, AssetKind};
use egalite_models::pipeline::{FacePipeline, PipelineSettings};
use egalite_models::runtime;
use egalite_tests::analyses::{a_film, root, take_in_stills_trailer, test_image, worker};
use egalite_tests::browser::{artifacts_dir, rendered_dom, screenshot_sized};
use egalite_tests::{Backend, TestApp, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_film_page_draws_its_poster_boxes_and_trailer_timeline_from_the_analyses() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site/index.html");
    assert!(site.is_file(), "the site is not built: run scripts/build-web.sh first");
    let t = TestDb::new(Backend::Sqlite).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let assets = egalite_models::assets::store_in(dir.path());
    let film_id = a_film(&t.db, "Stills and faces").await;
    intake::take_in(
        &t.db,
        &assets,
        AssetKind::Poster,
        film_id,
        &test_image("astronaut.png"),
        "astronaut.png",
    )
    .await
    .unwrap();
    let scenes = [(Some("astronaut.png"), 3.0), (Some("camera.png"), 2.0)];
    take_in_stills_trailer(&t.db, &assets, dir.path(), film_id, &scenes, "stills.mp4").await;
    let w = worker(&t.db, dir.path(), "site", Duration::from_secs(60));
    while w.run_once().await.unwrap().is_some() {}
    let app = TestApp::spawn_serving(t, Some(assets)).await;
    let api = app
        .graphql(
            "query($id: ID!) { node(id: $id) { ... on Film { analyses { kind faces { perceivedGender } tracks { number perceivedGender screenSeconds } } } } }",
            serde_json::json!({ "id": format!("Film:{film_id}") }),
        )
        .await;
    let analyses = api["data"]["node"]["analyses"].as_array().unwrap().clone();
    let poster = analyses.iter().find(|a| a["kind"] == "POSTER").unwrap();
    let trailer = analyses.iter().find(|a| a["kind"] == "TRAILER").unwrap();

    let url = format!("{}/film/{film_id}?lang=en", app.base_url);
    let dom = tokio::task::spawn_blocking({
        let url = url.clone();
        move || rendered_dom(&url)
    })
    .await
    .unwrap()
    .unwrap();
    // The poster: the image the server keeps, one box per face, a focusable SVG with a title.
    assert!(dom.contains("class=\"poster-faces\""), "{dom}");
    assert!(dom.contains("href=\"/assets/posters/1\""), "{dom}");
    let boxes = dom.matches("<rect class=\"f-").count();
    assert_eq!(boxes, poster["faces"].as_array().unwrap().len(), "{dom}");
    assert!(dom.contains("<rect class=\"f-w\""), "the astronaut is boxed as perceived as a woman");
    assert!(dom.contains("Poster: 1 face(s) found"), "{dom}");
    // The timeline: one row per track in its table, with the API's screen time.
    let tracks = trailer["tracks"].as_array().unwrap();
    assert_eq!(tracks.len(), 2, "{trailer}");
    for tr in tracks {
        let row = format!("data-track=\"{}\"", tr["number"]);
        assert!(dom.contains(&row), "{row} missing: {dom}");
        let seconds = format!("data-seconds=\"{}\"", tr["screenSeconds"].as_f64().unwrap());
        assert!(dom.contains(&seconds), "{seconds} missing");
    }
    assert!(dom.contains("class=\"timeline\""));
    assert!(
        dom.contains("download=\"egalite-analysis-0.csv\"")
            && dom.contains("download=\"egalite-analysis-1.svg\"")
    );
    let file = artifacts_dir().join("film-analyses.png");
    tokio::task::spawn_blocking(move || screenshot_sized(&url, &file, (1200, 2000)))
        .await
        .unwrap()
        .unwrap();

    // The posters and trailers page shows them in its gallery instead of the empty state.
    let url = format!("{}/posters", app.base_url);
    let dom = tokio::task::spawn_blocking(move || rendered_dom(&url)).await.unwrap().unwrap();
    assert!(dom.contains("id=\"gallery\"") && !dom.contains("id=\"no-boxes\""), "{dom}");
    assert!(dom.contains("id=\"ours-0\"") && dom.contains("id=\"ours-1\""), "{dom}");

    // The methodology page: before any evaluation it says none can be given, with the authors'
    // figures marked as theirs; after one, our figures with the set's size and origin.
    let url = format!("{}/methodology?lang=en", app.base_url);
    let before = tokio::task::spawn_blocking({
        let url = url.clone();
        move || rendered_dom(&url)
    })
    .await
    .unwrap()
    .unwrap();
    assert!(
        before.contains("id=\"no-evaluation\"") && before.contains("id=\"published-accuracy\""),
        "{before}"
    );
    assert!(before.contains("theirs, not measured here"), "{before}");
    // The published methodology itself, under the page's title, with the version it shows.
    let document = include_str!("../../docs/methodology.md");
    assert!(before.contains("id=\"methodology-document\" lang=\"en\""), "{before}");
    assert!(before.contains("<h3>Counting units</h3>"), "{before}");
    for heading in document.lines().filter_map(|l| l.strip_prefix("## ")) {
        let first_words: String = heading.chars().take(20).collect();
        assert!(before.contains(&first_words), "{heading} missing");
    }
    let set = tempfile::tempdir().unwrap();
    std::fs::write(set.path().join("astronaut.png"), test_image("astronaut.png")).unwrap();
    std::fs::write(
        set.path().join("labels.csv"),
        "image,x0,y0,x1,y1,gender\nastronaut.png,175,70,280,175,woman\n",
    )
    .unwrap();
    std::fs::write(
        set.path().join("SET.md"),
        "# One astronaut\n\nOrigin: scikit-image, public domain\n",
    )
    .unwrap();
    let labelled = evaluation::load_set(set.path()).unwrap();
    let rt = runtime::load(&runtime::library_path(&root())).unwrap();
    let mut pipeline =
        FacePipeline::load(&rt, &root().join("models/onnx"), PipelineSettings::default()).unwrap();
    let measured = evaluation::evaluate(&mut pipeline, &labelled, |_, _| {}).unwrap();
    evaluation::save(&app.db.db, &labelled, &measured, &pipeline.info).await.unwrap();
    let after = tokio::task::spawn_blocking(move || rendered_dom(&url)).await.unwrap().unwrap();
    assert!(
        after.contains("id=\"evaluations\"") && !after.contains("id=\"no-evaluation\""),
        "{after}"
    );
    assert!(after.contains("One astronaut (scikit-image, public domain; 1 / 1)"), "{after}");
    assert!(after.contains("far too few for an accuracy figure"), "{after}");
}
