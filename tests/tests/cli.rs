//! The `egalite` command itself: it starts and answers on a port it picks, and bad input (a
//! malformed or unreachable database, an unwritable SQLite path, an unknown subcommand) gets one
//! clear error line and a non-zero exit, never a panic.

// A test that meets an unexpected value should stop right there: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use egalite_tests::{PgCluster, egalite_bin, fresh_postgres_url};
use sea_orm::{EntityTrait, PaginatorTrait};

/// Runs `egalite` with `args` and a clean environment for its settings.
fn egalite(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(egalite_bin());
    cmd.args(args).env_remove("DATABASE_URL").env("EGALITE_DB_CONNECT_TIMEOUT", "3");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// The stderr lines that report an error; there must be exactly one, and no panic.
fn single_error_line(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("egalite: error:")).collect();
    assert_eq!(errors.len(), 1, "expected one error line in:\n{stderr}");
    errors[0].to_owned()
}

/// A server process, killed on drop.
struct Server {
    child: Child,
    base_url: String,
    /// Every line the server logged so far.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `egalite serve --port 0` and reads the address it logs.
fn serve(data_dir: &std::path::Path, env: &[(&str, &str)]) -> Server {
    let mut cmd = Command::new(egalite_bin());
    cmd.args(["serve", "--port", "0", "--data-dir"])
        .arg(data_dir)
        .env("EGALITE_BUNDLED_DATA", concat!(env!("CARGO_MANIFEST_DIR"), "/../data"))
        .env_remove("DATABASE_URL")
        .env("EGALITE_LOG", "info")
        .env("EGALITE_LOG_FORMAT", "text")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            kept.lock().unwrap().push(line.clone());
            if let Some(i) = line.find("address=http://") {
                let addr = line[i + "address=".len()..].split_whitespace().next().unwrap_or("");
                let _ = tx.send(addr.to_owned());
            }
        }
    });
    // On an empty database serve loads the bundled data before it listens (seconds in a debug
    // build, more on a loaded machine).
    let base_url =
        rx.recv_timeout(Duration::from_secs(300)).expect("egalite serve logged no address");
    Server { child, base_url, log }
}

async fn wait_ready(base_url: &str) -> String {
    let client = reqwest::Client::new();
    let start = Instant::now();
    loop {
        if let Ok(res) = client.get(format!("{base_url}/readyz")).send().await {
            return res.text().await.unwrap();
        }
        assert!(start.elapsed() < Duration::from_secs(30), "{base_url} never answered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn serve_with_no_configuration_uses_sqlite_in_the_data_dir_and_is_ready() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(dir.path(), &[]);
    assert_eq!(wait_ready(&server.base_url).await, "ok");
    assert!(dir.path().join("egalite.sqlite3").is_file());
    // The bundled data was loaded on the way up, every dataset in a recorded run.
    let db = sea_orm::Database::connect(format!(
        "sqlite://{}",
        dir.path().join("egalite.sqlite3").display()
    ))
    .await
    .unwrap();
    let runs = egalite_shared::entity::ingest_run::Entity::find().all(&db).await.unwrap();
    assert_eq!(runs.len(), egalite_scrapers::ingest::DATASETS.len());
    assert!(runs.iter().all(|r| r.status == egalite_shared::RunStatus::Succeeded));
    assert!(egalite_shared::entity::film::Entity::find().count(&db).await.unwrap() > 1873);
    let body: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/graphql", server.base_url))
        .json(&serde_json::json!({ "query": "{ festival(slug: \"cannes\") { name } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["data"]["festival"]["name"], "Festival de Cannes");
}

#[tokio::test]
async fn serve_with_a_postgres_url_uses_postgres_and_is_ready() {
    let url = fresh_postgres_url().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let server = serve(dir.path(), &[("DATABASE_URL", &url)]);
    assert_eq!(wait_ready(&server.base_url).await, "ok");
    assert!(!dir.path().join("egalite.sqlite3").exists(), "SQLite used despite DATABASE_URL");
}

#[tokio::test]
async fn readiness_fails_while_postgres_is_down() {
    let cluster = PgCluster::start().unwrap();
    let admin = sea_orm::Database::connect(cluster.url("postgres")).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&admin, "CREATE DATABASE egalite").await.unwrap();
    admin.close().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let server = serve(dir.path(), &[("DATABASE_URL", &cluster.url("egalite"))]);
    assert_eq!(wait_ready(&server.base_url).await, "ok");
    cluster.stop().unwrap();
    let client = reqwest::Client::new();
    let res = client.get(format!("{}/readyz", server.base_url)).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let res = client.get(format!("{}/healthz", server.base_url)).send().await.unwrap();
    assert_eq!(res.status(), 200, "the process itself is still up");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_without_onnx_runtime_says_the_worker_is_off_and_the_api_still_answers() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(dir.path(), &[("ORT_DYLIB_PATH", "/nonexistent/libonnxruntime.so")]);
    assert_eq!(wait_ready(&server.base_url).await, "ok");
    let log = server.log.lock().unwrap().join("\n");
    assert!(log.contains("analysis worker not started"), "{log}");
    assert!(
        log.contains("/nonexistent/libonnxruntime.so") && log.contains("install-toolchains.sh"),
        "{log}"
    );
    let res = reqwest::Client::new()
        .post(format!("{}/graphql", server.base_url))
        .json(&serde_json::json!({ "query": "{ festivals { slug } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("cannes"));
}

#[test]
fn migrate_twice_applies_then_finds_nothing_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let first = egalite(&["migrate", "--data-dir", d], &[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stderr).contains("migrations_applied=5"));
    let second = egalite(&["migrate", "--data-dir", d], &[]);
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("migrations_applied=0"));
}

#[test]
fn a_malformed_database_url_is_one_error_line_without_the_password() {
    let out = egalite(&["migrate"], &[("DATABASE_URL", "postgres://bob:hunter2@:5432:/x")]);
    assert_eq!(out.status.code(), Some(1));
    let line = single_error_line(&out);
    assert!(line.contains("DATABASE_URL is malformed"), "{line}");
    assert!(!line.contains("hunter2"), "{line}");
}

#[test]
fn an_unsupported_database_is_one_error_line() {
    let out = egalite(&["migrate"], &[("DATABASE_URL", "mysql://localhost/egalite")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(single_error_line(&out).contains("\"mysql\" is not supported"));
}

#[test]
fn an_unreachable_database_is_one_error_line_naming_it() {
    // A port nothing listens on: bind one, note it, free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("postgres://egalite:secret@127.0.0.1:{port}/egalite");
    let out = egalite(&["migrate"], &[("DATABASE_URL", &url)]);
    assert_eq!(out.status.code(), Some(1));
    let line = single_error_line(&out);
    assert!(
        line.contains(&format!(
            "cannot connect to PostgreSQL postgres://egalite:***@127.0.0.1:{port}/egalite"
        )),
        "{line}"
    );
    assert!(line.contains("refused"), "{line}");
    assert!(!line.contains("secret"), "{line}");
}

#[test]
fn an_unwritable_sqlite_path_is_one_error_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"").unwrap();
    let data_dir = file.join("var");
    let out = egalite(&["serve", "--port", "0", "--data-dir", data_dir.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    let line = single_error_line(&out);
    assert!(line.contains("cannot use SQLite file"), "{line}");
    assert!(line.contains(data_dir.to_str().unwrap()), "{line}");
}

#[test]
fn an_unknown_subcommand_is_one_error_line_and_exit_status_2() {
    let out = egalite(&["frobnicate"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let line = single_error_line(&out);
    assert!(line.contains("unrecognized subcommand 'frobnicate'"), "{line}");
}

#[test]
fn a_port_already_in_use_is_one_error_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = egalite(&["serve", "--port", &port, "--data-dir", dir.path().to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(single_error_line(&out).contains(&format!("cannot listen on 127.0.0.1:{port}")));
}

#[test]
fn schema_prints_the_committed_sdl() {
    let out = egalite(&["schema"], &[]);
    assert!(out.status.success());
    let committed = include_str!("../../server/schema.graphql");
    assert_eq!(String::from_utf8_lossy(&out.stdout), committed);
}

#[test]
fn scrape_names_an_unknown_source_or_a_backwards_year_range_in_one_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = egalite(&["scrape", "allocine", "--data-dir", d], &[]);
    assert_eq!(out.status.code(), Some(1));
    let line = single_error_line(&out);
    assert!(
        line.contains("\"allocine\"") && line.contains("imdb-events, oscars-org, wikidata"),
        "{line}"
    );
    let out = egalite(&["scrape", "imdb-events", "--years", "2025..2015", "--data-dir", d], &[]);
    assert_eq!(out.status.code(), Some(1));
    let line = single_error_line(&out);
    assert!(line.contains("2025..2015") && line.contains("backwards"), "{line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scrape_reports_each_page_and_exits_1_listing_the_pages_that_failed() {
    use egalite_tests::origin::{Origin, page};
    let origin = Origin::start().await;
    origin.route("/robots.txt", page("text/plain", "User-agent: *\nAllow: /\n"));
    // A page with no nominations, in IMDb's shape; the other four events answer 404.
    origin.route(
        "/event/ev0000157/2024/1/",
        page(
            "text/html",
            r#"<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"edition":{"awards":[]}}}}</script>"#,
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap().to_owned();
    let base = origin.base_url.clone();
    let run = move |extra: &'static [&'static str]| {
        let (d, base) = (d.clone(), base.clone());
        tokio::task::spawn_blocking(move || {
            let mut args = vec!["scrape", "imdb-events", "--years", "2024", "--data-dir", &d];
            args.extend(["--origin", &base, "--interval-ms", "10", "--max-attempts", "1"]);
            args.extend(extra);
            egalite(&args, &[])
        })
    };
    let out = run(&[]).await.unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "imdb-events 2024: 5 pages planned, 1 fetched, 0 unchanged (304), 4 failed; 1 parsed"
        ),
        "{stdout}"
    );
    let line = single_error_line(&out);
    assert!(line.contains("4 of 5 pages failed"), "{line}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for event in ["ev0000147", "ev0000091", "ev0000681", "ev0000003"] {
        assert!(stderr.contains(&format!("/event/{event}/2024/1/: HTTP 404")), "{event}: {stderr}");
    }
    let requests = origin.received().len();
    let offline = run(&["--offline"]).await.unwrap();
    assert_eq!(origin.received().len(), requests, "--offline sends nothing");
    let stdout = String::from_utf8_lossy(&offline.stdout);
    assert!(stdout.contains("0 fetched") && stdout.contains("1 parsed"), "{stdout}");
}
