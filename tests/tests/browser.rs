//! In a real browser (headless Chromium): GraphiQL renders from the bundled assets, and the
//! WebAssembly site renders at `/`. Screenshots go to `target/test-artifacts/`.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use egalite_tests::browser::{artifacts_dir, rendered_dom, screenshot};
use egalite_tests::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_renders_in_a_browser_from_the_bundled_assets() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let url = format!("{}/graphql", app.base_url);
    let dom = tokio::task::spawn_blocking(move || rendered_dom(&url)).await.unwrap().unwrap();
    assert!(dom.contains("graphiql-container"), "GraphiQL did not render:\n{dom}");
    assert!(!dom.contains("Loading GraphiQL"), "GraphiQL never mounted:\n{dom}");
    let url = format!("{}/graphql", app.base_url);
    let file = artifacts_dir().join("graphiql.png");
    tokio::task::spawn_blocking(move || screenshot(&url, &file)).await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_renders_its_webassembly_page_in_french() {
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site/index.html");
    assert!(site.is_file(), "the site is not built: run scripts/build-web.sh first");
    let app = TestApp::spawn(Backend::Sqlite).await;
    let url = format!("{}/", app.base_url);
    let dom = tokio::task::spawn_blocking(move || rendered_dom(&url)).await.unwrap().unwrap();
    // These texts exist only once the WebAssembly app has mounted.
    assert!(dom.contains("id=\"tagline\""), "the app did not mount:\n{dom}");
    assert!(dom.contains("inégalités femmes-hommes"), "{dom}");
    assert!(dom.contains("Explorateur"), "{dom}");
    let url = format!("{}/", app.base_url);
    let file = artifacts_dir().join("home.png");
    tokio::task::spawn_blocking(move || screenshot(&url, &file)).await.unwrap().unwrap();
}
