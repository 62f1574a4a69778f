//! The end-to-end test harness: databases (a throwaway PostgreSQL cluster, or `DATABASE_URL`; an
//! SQLite file in a temporary folder), the server started on port 0 and reached over real HTTP,
//! and the `egalite` binary itself for command-line tests.

pub mod analyses;
pub mod browser;
pub mod origin;
mod postgres;
pub mod raw;
pub mod video;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use egalite_server::app::{self, AppState};
use egalite_server::database::{self, DatabaseTarget, PoolSettings};
use egalite_server::graphql::Limits;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use postgres::PgCluster;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file in a temporary folder.
    Sqlite,
    /// A fresh database on the test PostgreSQL server.
    Postgres,
}

/// The PostgreSQL server the tests share: `DATABASE_URL` if given, else a throwaway cluster
/// started on first use.
enum PgServer {
    External(url::Url),
    Own(PgCluster),
}

static PG: OnceLock<Result<PgServer, String>> = OnceLock::new();
static DB_COUNTER: AtomicUsize = AtomicUsize::new(0);

fn pg_server() -> anyhow::Result<&'static PgServer> {
    let server = PG.get_or_init(|| match std::env::var("DATABASE_URL") {
        Ok(u) if u.starts_with("postgres") => {
            url::Url::parse(&u).map(PgServer::External).map_err(|e| format!("DATABASE_URL: {e}"))
        }
        _ => PgCluster::start().map(PgServer::Own).map_err(|e| format!("{e:#}")),
    });
    server.as_ref().map_err(|e| anyhow::anyhow!("test PostgreSQL server: {e}"))
}

/// A URL to a new, empty PostgreSQL database (each test gets its own).
pub async fn fresh_postgres_url() -> anyhow::Result<String> {
    let name = format!(
        "egalite_test_{}_{}",
        std::process::id(),
        DB_COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let (admin_url, url) = match pg_server()? {
        PgServer::Own(c) => (c.url("postgres"), c.url(&name)),
        PgServer::External(base) => {
            let mut u = base.clone();
            u.set_path(&name);
            (base.to_string(), u.to_string())
        }
    };
    let admin = sea_orm::Database::connect(&admin_url).await.context("connecting as admin")?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .with_context(|| format!("creating database {name}"))?;
    admin.close().await.ok();
    Ok(url)
}

/// A database of the given kind, connected and migrated, with what keeps it alive.
pub struct TestDb {
    /// The pool.
    pub db: DatabaseConnection,
    /// The URL it was opened with (an SQLite URL for SQLite).
    pub url: String,
    _dir: Option<TempDir>,
}

impl TestDb {
    /// A fresh, migrated database.
    pub async fn new(backend: Backend) -> anyhow::Result<Self> {
        let (target, url, dir) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir()?;
                let path = dir.path().join("egalite.sqlite3");
                let url = format!("sqlite://{}", path.display());
                (DatabaseTarget::Sqlite(path), url, Some(dir))
            }
            Backend::Postgres => {
                let url = fresh_postgres_url().await?;
                (DatabaseTarget::Postgres(url.clone()), url, None)
            }
        };
        let db = database::connect(&target, PoolSettings::default()).await?;
        app::migrate(&db).await?;
        Ok(Self { db, url, _dir: dir })
    }
}

/// The server, started in-process on 127.0.0.1 port 0, and an HTTP client for it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// A client with a timeout.
    pub client: reqwest::Client,
    /// The database the server uses.
    pub db: TestDb,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestApp {
    /// Starts a server on a fresh database of `backend`.
    pub async fn spawn(backend: Backend) -> Self {
        let db = TestDb::new(backend).await.expect("test database");
        Self::spawn_on(db).await
    }

    /// Starts a server on `db`.
    pub async fn spawn_on(db: TestDb) -> Self {
        Self::spawn_serving(db, None).await
    }

    /// Starts a server on `db`, serving poster files from `assets` when given.
    pub async fn spawn_serving(
        db: TestDb,
        assets: Option<egalite_models::assets::AssetStore>,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
        let addr = listener.local_addr().expect("bound address");
        let web_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site");
        // The version is read on every request: tests write data and query it at once.
        let caching =
            app::Caching { version_poll: std::time::Duration::ZERO, ..Default::default() };
        let mut state = AppState::new(db.db.clone(), Limits::default(), web_dir, caching);
        state.assets = assets;
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let stop = async {
                let _ = rx.await;
            };
            if let Err(e) = app::serve(listener, state, stop).await {
                eprintln!("test server stopped: {e:#}");
            }
        });
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("HTTP client");
        Self { base_url: format!("http://{addr}"), client, db, shutdown: Some(tx) }
    }

    /// GET a path; panics only if no HTTP answer comes.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base_url)).send().await.expect("GET")
    }

    /// POSTs a GraphQL query and returns the JSON answer (data and errors).
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let res = self
            .client
            .post(format!("{}/graphql", self.base_url))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("POST /graphql");
        assert!(res.status().is_success(), "POST /graphql: HTTP {}", res.status());
        res.json().await.expect("JSON answer")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The `egalite` binary, built by cargo for this test run.
pub fn egalite_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        // The same package selection as a plain `cargo test` (the default members), so the
        // binary shares the test build's dependency artifacts instead of compiling its own.
        escargot::CargoBuild::new()
            .args(["--workspace", "--exclude", "egalite-web"])
            .bin("egalite")
            .current_release()
            .current_target()
            .manifest_path(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml"))
            .run()
            .expect("building the egalite binary")
            .path()
            .to_owned()
    })
    .clone()
}

/// Declares each named test function (`async fn(TestApp)`) once per database:
/// `sqlite::<name>` and `postgres::<name>`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::TestApp::spawn($crate::Backend::Sqlite).await).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::TestApp::spawn($crate::Backend::Postgres).await).await
                }
            )+
        }
    };
}

/// Declares each named test function (`async fn(TestDb)`) once per database, on a fresh migrated
/// database: `sqlite::<name>` and `postgres::<name>`.
#[macro_export]
macro_rules! on_both_test_dbs {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::TestDb::new($crate::Backend::Sqlite).await.expect("SQLite test database")).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::TestDb::new($crate::Backend::Postgres).await.expect("PostgreSQL test database")).await
                }
            )+
        }
    };
}
