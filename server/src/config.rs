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
//! | `EGALITE_GRAPHQL_MAX_COMPLEXITY` | `serve --graphql-max-complexity` | 2000 |

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
        default_value_t = 0.95,
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
    /// Print the GraphQL schema (SDL).
    Schema,
}

/// Settings of `egalite ingest`.
#[derive(Debug, Clone, Args)]
pub struct IngestArgs {
    /// One dataset only (default: every bundled dataset).
    #[arg(long)]
    pub dataset: Option<String>,
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
