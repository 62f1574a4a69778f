//! Starting the platform: connect, migrate, and serve on one port until asked to stop.

use egalite_models::assets::AssetStore;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use egalite_migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::config::{GlobalArgs, ServeArgs};
use crate::data_version::DataVersion;
use crate::database::{self, DatabaseTarget};
use crate::graphql::{self, EgaliteSchema, Limits};
use crate::http;
use crate::http::response_cache::ResponseCache;
use egalite_scrapers::ingest::{self as ingest_lib, DATASETS};
use egalite_shared::entity::film;
use sea_orm::{EntityTrait, PaginatorTrait};

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The GraphQL schema.
    pub schema: EgaliteSchema,
    /// The built site's folder.
    pub web_dir: PathBuf,
    /// The request limits.
    pub limits: Limits,
    /// The data version caches are keyed by.
    pub version: DataVersion,
    /// How the data version is followed.
    pub caching: Caching,
    /// Answers already given, per data version.
    pub responses: ResponseCache,
    /// Permits to execute a GraphQL request that the cache could not answer.
    pub executions: Arc<Semaphore>,
    /// Poster and trailer files, when this server keeps them.
    pub assets: Option<AssetStore>,
}

/// How answers are cached.
#[derive(Debug, Clone, Copy)]
pub struct Caching {
    /// Bytes of GraphQL answers kept; 0 keeps none.
    pub response_cache_bytes: u64,
    /// How often the data version is re-read; zero reads it on every request.
    pub version_poll: Duration,
    /// GraphQL requests executed at once; more wait their turn.
    pub max_concurrent_executions: usize,
}

impl Default for Caching {
    fn default() -> Self {
        Self {
            response_cache_bytes: 64 << 20,
            version_poll: Duration::from_secs(1),
            max_concurrent_executions: default_concurrency(),
        }
    }
}

/// Two executions per core: enough to overlap database round trips, few enough that a burst of
/// requests does not spend the cores switching between dozens of half-done executions (measured
/// in bench/README.md: with 64 clients, a page of 100 films ran at 77 requests/s unlimited and at
/// 243 with two per core).
pub fn default_concurrency() -> usize {
    2 * std::thread::available_parallelism().map_or(2, usize::from)
}

impl AppState {
    /// State for a server on `db`; with a non-zero poll interval, starts following the data
    /// version in the background.
    pub fn new(db: DatabaseConnection, limits: Limits, web_dir: PathBuf, caching: Caching) -> Self {
        let schema = graphql::schema(db.clone(), limits);
        let version = DataVersion::default();
        if !caching.version_poll.is_zero() {
            version.watch(db.clone(), caching.version_poll);
        }
        let responses = ResponseCache::new(caching.response_cache_bytes);
        let executions = Arc::new(Semaphore::new(caching.max_concurrent_executions.max(1)));
        Self { db, schema, web_dir, limits, version, caching, responses, executions, assets: None }
    }

    /// The same state serving poster images from `assets`.
    pub fn with_assets(mut self, assets: AssetStore) -> Self {
        self.assets = Some(assets);
        self
    }

    /// The data version to key this request's caches by.
    pub async fn version_for_request(&self) -> Result<u64, sea_orm::DbErr> {
        if self.caching.version_poll.is_zero() {
            self.version.refresh(&self.db).await
        } else {
            Ok(self.version.current())
        }
    }
}

/// Connects to the configured database.
pub async fn connect(global: &GlobalArgs) -> anyhow::Result<DatabaseConnection> {
    let target = DatabaseTarget::from_settings(global.database_url.as_deref(), &global.data_dir)?;
    tracing::info!(database = %target.describe(), "connecting");
    Ok(database::connect(&target, global.pool_settings()).await?)
}

/// Brings the schema up to date; returns how many migrations ran.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let pending =
        Migrator::get_pending_migrations(db).await.context("reading the migration state")?.len();
    Migrator::up(db, None).await.context("running migrations")?;
    Ok(pending)
}

/// Serves on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    axum::serve(listener, http::router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")
}

/// `egalite serve`: connect, migrate, listen, serve until SIGINT or SIGTERM.
pub async fn run_serve(global: &GlobalArgs, args: &ServeArgs) -> anyhow::Result<()> {
    let db = connect(global).await?;
    let ran = migrate(&db).await?;
    tracing::info!(migrations_applied = ran, "database schema is up to date");
    if film::Entity::find().count(&db).await.context("counting films")? == 0 {
        tracing::info!("empty database: loading the bundled datasets first");
        // The platform still serves without its data; the error says what to fix.
        if let Err(e) = ingest(&db, &global.bundled_data, settings(global), None).await {
            tracing::error!(error = format!("{e:#}"), "bundled data not loaded");
        }
    }
    let addr = SocketAddr::new(args.host, args.port);
    let listener =
        TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr().context("reading the bound address")?;
    let limits = Limits {
        max_depth: args.graphql_max_depth,
        max_complexity: args.graphql_max_complexity,
        max_aliases: args.graphql_max_aliases,
        max_body_bytes: args.graphql_max_body_bytes,
    };
    let caching = Caching {
        response_cache_bytes: args.response_cache_mib << 20,
        version_poll: Duration::from_millis(args.data_version_poll_ms),
        max_concurrent_executions: args.graphql_concurrency.unwrap_or_else(default_concurrency),
    };
    crate::analysis::spawn_in_process(db.clone(), global, &args.worker, args.in_process_worker);
    let state = AppState::new(db, limits, args.web_dir.clone(), caching)
        .with_assets(egalite_models::assets::store_in(&global.data_dir));
    state.version.refresh(&state.db).await.context("reading the data version")?;
    tracing::info!(address = %format!("http://{bound}"), "listening; GraphiQL at /graphql");
    serve(listener, state, shutdown_signal()).await
}

/// `egalite migrate`.
pub async fn run_migrate(global: &GlobalArgs) -> anyhow::Result<()> {
    let db = connect(global).await?;
    let ran = migrate(&db).await?;
    tracing::info!(migrations_applied = ran, "database schema is up to date");
    Ok(())
}

/// Ingests the bundled datasets (or one), logging each run's counts.
pub async fn ingest(
    db: &DatabaseConnection,
    data_dir: &std::path::Path,
    settings: ingest_lib::Settings,
    only: Option<&str>,
) -> anyhow::Result<()> {
    let names: Vec<&str> = match only {
        Some(name) => vec![name],
        None => DATASETS.to_vec(),
    };
    let progress = crate::progress::for_stderr();
    for name in names {
        let started = std::time::Instant::now();
        tracing::info!(dataset = name, "ingesting");
        let report = ingest_lib::ingest_with(db, data_dir, name, settings, progress.as_ref())
            .await
            .with_context(|| format!("ingesting dataset {name}"))?;
        let c = report.counts;
        tracing::info!(
            dataset = name,
            run = report.run_id,
            read = c.read,
            inserted = c.inserted,
            updated = c.updated,
            unchanged = c.unchanged,
            rejected = c.rejected,
            skipped = c.skipped,
            seconds = format!("{:.2}", started.elapsed().as_secs_f64()),
            "ingested"
        );
    }
    let coverage = ingest_lib::coverage::gender_coverage(db)
        .await
        .context("counting people by how their gender is known")?;
    for c in coverage {
        tracing::info!(
            dataset = c.dataset,
            people = c.people,
            declared = c.declared,
            curated = c.curated,
            inferred = c.inferred,
            unknown = c.unknown,
            "gender coverage"
        );
    }
    Ok(())
}

/// The ingestion settings the configuration gives.
fn settings(global: &GlobalArgs) -> ingest_lib::Settings {
    ingest_lib::Settings { gender_threshold: global.gender_threshold }
}

/// `egalite ingest`.
pub async fn run_ingest(global: &GlobalArgs, dataset: Option<&str>) -> anyhow::Result<()> {
    let db = connect(global).await?;
    migrate(&db).await?;
    ingest(&db, &global.bundled_data, settings(global), dataset).await
}

pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
