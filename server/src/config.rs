//! The `egalite` command line: every setting is a flag and an environment variable, with the
//! defaults README.md documents.
//!
//! | variable | flag | default |
//! |---|---|---|
//! | `DATABASE_URL` | `--database-url` | unset: SQLite file `<data dir>/egalite.sqlite3` |
//! | `EGALITE_DATA_DIR` | `--data-dir` | `./var` |
//! | `EGALITE_DB_MAX_CONNECTIONS` | `--db-max-connections` | 10 |
//! | `EGALITE_DB_CONNECT_TIMEOUT` | `--db-connect-timeout` | 5 (seconds) |
//! | `EGALITE_LOG` | `--log` | `info` (a tracing filter) |
//! | `EGALITE_LOG_FORMAT` | `--log-format` | `text` (or `json`) |
//! | `EGALITE_BUNDLED_DATA` | `--bundled-data` | `./data` |
//! | `EGALITE_HOST` | `serve --host` | `127.0.0.1` |
//! | `EGALITE_PORT` | `serve --port` | 8080 (0 picks a free port) |
//! | `EGALITE_WEB_DIR` | `serve --web-dir` | `./target/site` |
//! | `EGALITE_GRAPHQL_MAX_DEPTH` | `serve --graphql-max-depth` | 20 |
//! | `EGALITE_GRAPHQL_MAX_COMPLEXITY` | `serve --graphql-max-complexity` | 5000 |
//! | `EGALITE_IN_PROCESS_WORKER` | `serve --in-process-worker` | true |
//! | `ORT_DYLIB_PATH` | `--ort-library` | `./vendor/onnxruntime/libonnxruntime.so.1.31.1` |
//! | `EGALITE_MODELS_DIR` | `--models-dir` | `./models/onnx` |
//! | `EGALITE_JOB_LEASE_SECONDS` | `--job-lease-seconds` | 120 |
//! | `EGALITE_WORKER_POLL_MS` | `--worker-poll-ms` | 1000 |
//! | `EGALITE_WORKER_ID` | `--worker-id` | host name and process id |
//! | `EGALITE_TRAILER_FPS` | `--trailer-fps` | 2 |

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::database::PoolSettings;

/// Égalité: data on gender inequality in cinema and film festivals.
#[derive(Debug, Parser)]
#[command(
    name = "egalite",
    version,
    about = "Égalité: data on gender inequality in cinema and film festivals",
    propagate_version = true
)]
pub struct Cli {
    /// Settings every subcommand shares.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Settings every subcommand shares.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Database URL: postgres://user:password@host:port/db for PostgreSQL; unset for the
    /// embedded SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Folder for the SQLite file, raw snapshots and other local data.
    #[arg(long, env = "EGALITE_DATA_DIR", default_value = "./var", global = true)]
    pub data_dir: PathBuf,

    /// Folder of the bundled datasets (`egalite ingest`, and `serve` on an empty database).
    #[arg(long, env = "EGALITE_BUNDLED_DATA", default_value = "./data", global = true)]
    pub bundled_data: PathBuf,

    /// Gender inferred from a first name is published only when its probability reaches this.
    #[arg(
        long,
        env = "EGALITE_GENDER_THRESHOLD",
        default_value_t = egalite_scrapers::ingest::gender_inference::DEFAULT_THRESHOLD,
        value_parser = threshold,
        global = true
    )]
    pub gender_threshold: f64,

    /// Maximum database connections in the pool.
    #[arg(long, env = "EGALITE_DB_MAX_CONNECTIONS", default_value_t = 10, global = true)]
    pub db_max_connections: u32,

    /// Seconds to wait for the database when connecting.
    #[arg(long, env = "EGALITE_DB_CONNECT_TIMEOUT", default_value_t = 5, global = true)]
    pub db_connect_timeout: u64,

    /// Log filter (tracing's EnvFilter syntax: `info`, `egalite_server=debug,info`, ...).
    #[arg(long = "log", env = "EGALITE_LOG", default_value = "info", global = true)]
    pub log_filter: String,

    /// Log format.
    #[arg(long, env = "EGALITE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

impl GlobalArgs {
    /// The pool settings these flags give.
    pub fn pool_settings(&self) -> PoolSettings {
        PoolSettings {
            max_connections: self.db_max_connections.max(1),
            connect_timeout: Duration::from_secs(self.db_connect_timeout.max(1)),
        }
    }
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run migrations, then serve the site and the API on one port.
    Serve(ServeArgs),
    /// Run the database migrations and exit.
    Migrate,
    /// Load the bundled datasets (all, or one), recording each run.
    Ingest(IngestArgs),
    /// Fetch a public source's pages politely into the raw store, parse them and ingest the
    /// records (or, with --offline, re-parse the stored pages).
    Scrape(ScrapeArgs),
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Queue a poster or trailer of a film for face analysis (and, with --run, analyse it now).
    Analyse(AnalyseArgs),
    /// Run the analysis worker: take poster and trailer jobs from the database queue.
    Worker(WorkerArgs),
    /// Evaluate the face pipeline on a labelled image folder (labels.csv; see models/EVALUATION.md)
    /// and record the figures for the methodology page; `eval names` measures the first-name
    /// inference on the declared and curated directors.
    Eval(EvalArgs),
    /// The people of the headline figures: the curators' work list, coverage, duplicates.
    People(PeopleArgs),
}

/// What `egalite people` reports.
#[derive(Debug, Clone, Args)]
pub struct PeopleArgs {
    /// The report.
    #[command(subcommand)]
    pub report: PeopleReport,
}

/// The reports of `egalite people`.
#[derive(Debug, Clone, Subcommand)]
pub enum PeopleReport {
    /// Headline people whose gender is inferred or unknown, most-quoted and least sure first
    /// (tab-separated, for the curators), with a summary on standard error.
    Worklist,
    /// Directors of unknown gender on CNC films of unknown category (counted with inferred
    /// genders), most recent approval year first (tab-separated, for the curators).
    CncWorklist,
    /// How the genders of each headline line-up are known, the people left unknown, and the
    /// CNC's films of unknown category per approval year (with and without inferred genders).
    Coverage,
    /// Records merged as one person, and the pairs left (for review, or kept apart), with the
    /// rule that found each.
    Duplicates,
}

/// What `egalite eval names` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum EvalTarget {
    /// The first-name inference on the declared and curated directors: a threshold chosen on one
    /// half, coverage, precision and recall for women on the other, by era and region.
    Names,
}

/// Settings of `egalite eval`.
#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EvalArgs {
    /// `names`: evaluate the first-name inference instead of the face pipeline.
    #[command(subcommand)]
    pub target: Option<EvalTarget>,
    /// The labelled folder: images, labels.csv, optionally SET.md.
    #[arg(required = false)]
    pub folder: Option<PathBuf>,
    /// Where the models and ONNX Runtime are.
    #[command(flatten)]
    pub worker: AnalysisSettings,
}

/// What `egalite analyse` takes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssetArg {
    /// A poster image (JPEG, PNG or WebP).
    Poster,
    /// A trailer video.
    Trailer,
}

/// Settings of `egalite analyse`.
#[derive(Debug, Clone, Args)]
pub struct AnalyseArgs {
    /// Poster or trailer.
    #[arg(value_enum)]
    pub kind: AssetArg,
    /// The film: its number or global id (`123` or `Film:123`).
    pub film: String,
    /// The file.
    pub file: PathBuf,
    /// Analyse it in this process now instead of leaving it to a worker.
    #[arg(long)]
    pub run: bool,
    /// Worker settings, used with --run.
    #[command(flatten)]
    pub worker: AnalysisSettings,
}

/// Settings of `egalite worker`.
#[derive(Debug, Clone, Args)]
pub struct WorkerArgs {
    /// Stop when the queue has no due job instead of waiting for more.
    #[arg(long)]
    pub once: bool,
    /// Worker settings.
    #[command(flatten)]
    pub worker: AnalysisSettings,
}

/// Where the models and ONNX Runtime are, and how the worker takes jobs.
#[derive(Debug, Clone, Args)]
pub struct AnalysisSettings {
    /// The ONNX Runtime library (libonnxruntime.so 1.31.1).
    #[arg(
        long,
        env = "ORT_DYLIB_PATH",
        default_value = "./vendor/onnxruntime/libonnxruntime.so.1.31.1"
    )]
    pub ort_library: PathBuf,
    /// Folder of the ONNX models.
    #[arg(long, env = "EGALITE_MODELS_DIR", default_value = "./models/onnx")]
    pub models_dir: PathBuf,
    /// Seconds a worker holds a job without renewing its lease before another may take it.
    #[arg(long, env = "EGALITE_JOB_LEASE_SECONDS", default_value_t = 120)]
    pub job_lease_seconds: u64,
    /// Milliseconds between looks at an empty queue.
    #[arg(long, env = "EGALITE_WORKER_POLL_MS", default_value_t = 1000)]
    pub worker_poll_ms: u64,
    /// This worker's name in the jobs table (default: host name and process id).
    #[arg(long, env = "EGALITE_WORKER_ID")]
    pub worker_id: Option<String>,
    /// Frames sampled per second of trailer.
    #[arg(long, env = "EGALITE_TRAILER_FPS", default_value_t = 2.0, value_parser = positive_rate)]
    pub trailer_fps: f64,
}

/// Settings of `egalite ingest`.
#[derive(Debug, Clone, Args)]
pub struct IngestArgs {
    /// One dataset only (default: every bundled dataset).
    #[arg(long)]
    pub dataset: Option<String>,
}

/// Settings of `egalite scrape`.
#[derive(Debug, Clone, Args)]
pub struct ScrapeArgs {
    /// The source: imdb-events, oscars-org or wikidata.
    pub source: String,
    /// The years to read: one (2024) or an inclusive range (2015..2025); default: this year.
    #[arg(long)]
    pub years: Option<String>,
    /// Re-parse the stored snapshots instead of fetching.
    #[arg(long)]
    pub offline: bool,
    /// Fetch the source's pages from this origin instead of its own (a mirror); the allow-list
    /// then holds this origin alone.
    #[arg(long, env = "EGALITE_SCRAPE_ORIGIN")]
    pub origin: Option<url::Url>,
    /// The User-Agent sent, with a contact address.
    #[arg(long, env = "EGALITE_SCRAPE_USER_AGENT", default_value = egalite_scrapers::fetch::DEFAULT_USER_AGENT)]
    pub user_agent: String,
    /// The shortest gap between two requests to one host, in milliseconds.
    #[arg(long, env = "EGALITE_SCRAPE_INTERVAL_MS", default_value_t = 1000)]
    pub interval_ms: u64,
    /// The longest a request may take, body included, in seconds.
    #[arg(long, env = "EGALITE_SCRAPE_TIMEOUT_SECONDS", default_value_t = 30.0)]
    pub timeout_seconds: f64,
    /// Bodies longer than this many bytes are dropped.
    #[arg(long, env = "EGALITE_SCRAPE_MAX_BODY_BYTES", default_value_t = 20 * 1024 * 1024)]
    pub max_body_bytes: u64,
    /// Attempts per page, the first included.
    #[arg(long, env = "EGALITE_SCRAPE_MAX_ATTEMPTS", default_value_t = 4)]
    pub max_attempts: u32,
    /// The pause before the first retry, in milliseconds (it doubles with each retry).
    #[arg(long, env = "EGALITE_SCRAPE_BACKOFF_MS", default_value_t = 1000)]
    pub backoff_ms: u64,
    /// The longest pause between attempts, and the longest Retry-After honoured, in seconds.
    #[arg(long, env = "EGALITE_SCRAPE_BACKOFF_MAX_SECONDS", default_value_t = 60)]
    pub backoff_max_seconds: u64,
}

/// Settings of `egalite serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "EGALITE_HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,

    /// Port to listen on (0 picks a free one, printed in the log).
    #[arg(long, env = "EGALITE_PORT", default_value_t = 8080)]
    pub port: u16,

    /// Folder of the built site (Trunk's output) served at `/`.
    #[arg(long, env = "EGALITE_WEB_DIR", default_value = "./target/site")]
    pub web_dir: PathBuf,

    /// Deepest query nesting the API accepts (GraphiQL's introspection query needs about 15).
    #[arg(long, env = "EGALITE_GRAPHQL_MAX_DEPTH", default_value_t = 20)]
    pub graphql_max_depth: usize,

    /// Highest query complexity the API accepts (a field counts 1; a connection its page size
    /// times the cost of one node).
    #[arg(long, env = "EGALITE_GRAPHQL_MAX_COMPLEXITY", default_value_t = 5000)]
    pub graphql_max_complexity: usize,

    /// Most aliased fields one query may hold.
    #[arg(long, env = "EGALITE_GRAPHQL_MAX_ALIASES", default_value_t = 50)]
    pub graphql_max_aliases: usize,

    /// Megabytes of GraphQL answers kept for repeated requests on unchanged data (0: none).
    #[arg(long, env = "EGALITE_RESPONSE_CACHE_MIB", default_value_t = 64)]
    pub response_cache_mib: u64,

    /// How often, in milliseconds, the server re-reads the data version that keys its caches
    /// (0: on every request).
    #[arg(long, env = "EGALITE_DATA_VERSION_POLL_MS", default_value_t = 1000)]
    pub data_version_poll_ms: u64,

    /// GraphQL requests executed at once (default: two per core); answers from the cache do
    /// not wait.
    #[arg(long, env = "EGALITE_GRAPHQL_CONCURRENCY")]
    pub graphql_concurrency: Option<usize>,

    /// Largest GraphQL request body accepted, in bytes.
    #[arg(long, env = "EGALITE_GRAPHQL_MAX_BODY_BYTES", default_value_t = 65536)]
    pub graphql_max_body_bytes: usize,

    /// Run the analysis worker inside the server when ONNX Runtime is present.
    #[arg(long, env = "EGALITE_IN_PROCESS_WORKER", default_value_t = true, action = clap::ArgAction::Set)]
    pub in_process_worker: bool,

    /// Worker settings.
    #[command(flatten)]
    pub worker: AnalysisSettings,
}

/// A frame rate above 0 and at most 60.
fn positive_rate(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if v > 0.0 && v <= 60.0 {
        Ok(v)
    } else {
        Err(format!("{v} is not a frame rate above 0 and at most 60"))
    }
}

/// A probability threshold between 0.5 (exclusive) and 1.
fn threshold(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if v > 0.5 && v <= 1.0 {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0.5 (exclusive) and 1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_defaults_match_the_readme() {
        let cli = Cli::try_parse_from(["egalite", "serve"]).unwrap();
        let Command::Serve(s) = cli.command else { panic!("not serve") };
        assert_eq!(s.port, 8080);
        assert_eq!(s.host.to_string(), "127.0.0.1");
        assert_eq!(cli.global.data_dir, PathBuf::from("./var"));
    }

    #[test]
    fn flags_override_defaults() {
        let cli = Cli::try_parse_from(["egalite", "serve", "--port", "0", "--data-dir", "/tmp/x"])
            .unwrap();
        let Command::Serve(s) = cli.command else { panic!("not serve") };
        assert_eq!(s.port, 0);
        assert_eq!(cli.global.data_dir, PathBuf::from("/tmp/x"));
    }

    #[test]
    fn an_unknown_subcommand_is_an_error() {
        assert!(Cli::try_parse_from(["egalite", "frobnicate"]).is_err());
    }
}
