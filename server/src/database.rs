//! Which database to use, and connecting to it: an embedded SQLite file under the data directory
//! by default, PostgreSQL when `DATABASE_URL` says `postgres://…`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};
use url::Url;

/// The SQLite file's name inside the data directory.
pub const SQLITE_FILE_NAME: &str = "egalite.sqlite3";

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    /// An embedded SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server; the URL as given (it may hold a password: never log it raw).
    Postgres(String),
}

/// Why the database could not be chosen or reached.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    /// `DATABASE_URL` does not parse as a URL.
    #[error("DATABASE_URL is malformed ({reason}): {shown}")]
    MalformedUrl {
        /// The URL with any password hidden.
        shown: String,
        /// What the URL parser said.
        reason: String,
    },
    /// `DATABASE_URL` names a database the platform does not support.
    #[error(
        "DATABASE_URL scheme {scheme:?} is not supported: use postgres://user@host:port/db, or sqlite://path, or leave it unset for the embedded SQLite file"
    )]
    UnsupportedScheme {
        /// The scheme given.
        scheme: String,
    },
    /// The SQLite file's folder cannot be created or written.
    #[error("cannot use SQLite file {path}: {reason}")]
    SqlitePath {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The server or file could not be reached or opened.
    #[error("cannot connect to {target}: {reason}")]
    Connect {
        /// The database, with any password hidden.
        target: String,
        /// What the driver said.
        reason: String,
    },
}

impl DatabaseTarget {
    /// Chooses the database from `DATABASE_URL` (if any) and the data directory.
    pub fn from_settings(url: Option<&str>, data_dir: &Path) -> Result<Self, DatabaseError> {
        let Some(raw) = url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(Self::Sqlite(data_dir.join(SQLITE_FILE_NAME)));
        };
        let parsed = Url::parse(raw).map_err(|e| DatabaseError::MalformedUrl {
            shown: redact(raw),
            reason: e.to_string(),
        })?;
        match parsed.scheme() {
            "postgres" | "postgresql" => {
                if parsed.host_str().is_none_or(str::is_empty) && !raw.contains("host=") {
                    return Err(DatabaseError::MalformedUrl {
                        shown: redact(raw),
                        reason: "no host".into(),
                    });
                }
                Ok(Self::Postgres(raw.to_owned()))
            }
            "sqlite" => {
                let path = raw
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:")
                    .split('?')
                    .next()
                    .unwrap_or_default();
                if path.is_empty() || path == ":memory:" {
                    return Err(DatabaseError::MalformedUrl {
                        shown: redact(raw),
                        reason: "an SQLite URL needs a file path (sqlite://var/egalite.sqlite3)"
                            .into(),
                    });
                }
                Ok(Self::Sqlite(PathBuf::from(path)))
            }
            other => Err(DatabaseError::UnsupportedScheme { scheme: other.to_owned() }),
        }
    }

    /// A description safe to log (no password).
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("SQLite file {}", path.display()),
            Self::Postgres(url) => format!("PostgreSQL {}", redact(url)),
        }
    }

    /// The backend this target speaks.
    pub fn backend(&self) -> DbBackend {
        match self {
            Self::Sqlite(_) => DbBackend::Sqlite,
            Self::Postgres(_) => DbBackend::Postgres,
        }
    }
}

/// Connection settings beyond the target.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Maximum connections in the pool.
    pub max_connections: u32,
    /// How long to wait for the server at start and for a free connection after.
    pub connect_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self { max_connections: 10, connect_timeout: Duration::from_secs(5) }
    }
}

/// Opens a pool on the target (creating the SQLite file and its folder if needed) and checks it
/// answers.
pub async fn connect(
    target: &DatabaseTarget,
    settings: PoolSettings,
) -> Result<DatabaseConnection, DatabaseError> {
    let mut options = match target {
        DatabaseTarget::Sqlite(path) => {
            prepare_sqlite_dir(path)?;
            let mut o = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
            o.map_sqlx_sqlite_opts(|opts: SqliteConnectOptions| {
                // WAL lets the site read while an ingest writes; the busy timeout makes writers
                // wait for each other instead of failing.
                opts.journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
            });
            o
        }
        DatabaseTarget::Postgres(url) => {
            probe_postgres(target, url, settings.connect_timeout).await?;
            ConnectOptions::new(url.clone())
        }
    };
    options
        .max_connections(settings.max_connections)
        .connect_timeout(settings.connect_timeout)
        .acquire_timeout(settings.connect_timeout)
        .sqlx_logging(false);
    let fail = |e: sea_orm::DbErr| DatabaseError::Connect {
        target: target.describe(),
        reason: driver_message(&e),
    };
    let db = Database::connect(options).await.map_err(fail)?;
    db.ping().await.map_err(fail)?;
    Ok(db)
}

/// Opens one connection outside the pool: a pool that cannot connect only says it timed out,
/// while a single connection says why (refused, unknown host, bad password, no such database).
async fn probe_postgres(
    target: &DatabaseTarget,
    url: &str,
    timeout: Duration,
) -> Result<(), DatabaseError> {
    use sea_orm::sqlx::{ConnectOptions as _, Connection as _};
    let fail = |reason: String| DatabaseError::Connect { target: target.describe(), reason };
    let options: sea_orm::sqlx::postgres::PgConnectOptions =
        url.parse().map_err(|e: sea_orm::sqlx::Error| fail(e.to_string()))?;
    match tokio::time::timeout(timeout, options.connect()).await {
        Ok(Ok(conn)) => {
            // Closing politely is a courtesy to the server; the probe already did its job.
            let _ = conn.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(fail(e.to_string())),
        Err(_) => Err(fail(format!("no answer within {} s", timeout.as_secs()))),
    }
}

/// Creates the SQLite file's folder and checks it can be written, so the error names the path.
fn prepare_sqlite_dir(path: &Path) -> Result<(), DatabaseError> {
    let err = |reason: String| DatabaseError::SqlitePath { path: path.to_owned(), reason };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| err(format!("cannot create folder {}: {e}", dir.display())))?;
    if path.is_dir() {
        return Err(err("it is a folder".into()));
    }
    let probe = dir.join(format!(".egalite-write-test-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .map_err(|e| err(format!("folder {} is not writable: {e}", dir.display())))?;
    // The probe is ours and empty; failing to remove it changes nothing for the database.
    let _ = std::fs::remove_file(&probe);
    if path.exists() {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| err(format!("cannot open it for writing: {e}")))?;
    }
    Ok(())
}

/// The driver's message without sea-orm's wrapping.
fn driver_message(e: &sea_orm::DbErr) -> String {
    let s = e.to_string();
    s.trim_start_matches("Connection Error: ")
        .trim_start_matches("Conn Error: ")
        .trim_start_matches("Failed to acquire connection from pool: ")
        .to_owned()
}

/// The URL with its password replaced by `***`.
pub fn redact(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut u) if u.password().is_some() => {
            // Setting a password fails only on URLs that cannot have one, and this one has one.
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        // An unparsable URL may still hold a password after "user:": hide everything after
        // the scheme's userinfo rather than print it.
        Err(_) => match (raw.find("://"), raw.rfind('@')) {
            (Some(s), Some(at)) if at > s => format!("{}***{}", &raw[..s + 3], &raw[at..]),
            _ => raw.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_url_means_the_sqlite_file_in_the_data_dir() {
        let t = DatabaseTarget::from_settings(None, Path::new("./var")).unwrap();
        assert_eq!(t, DatabaseTarget::Sqlite(PathBuf::from("./var/egalite.sqlite3")));
        let t = DatabaseTarget::from_settings(Some("  "), Path::new("/d")).unwrap();
        assert_eq!(t, DatabaseTarget::Sqlite(PathBuf::from("/d/egalite.sqlite3")));
    }

    #[test]
    fn postgres_urls_select_postgres() {
        for u in ["postgres://u:p@localhost:5432/egalite", "postgresql://localhost/egalite"] {
            let t = DatabaseTarget::from_settings(Some(u), Path::new("var")).unwrap();
            assert_eq!(t.backend(), DbBackend::Postgres);
        }
    }

    #[test]
    fn sqlite_urls_name_a_file() {
        let t = DatabaseTarget::from_settings(Some("sqlite://data/e.db?mode=rwc"), Path::new("v"))
            .unwrap();
        assert_eq!(t, DatabaseTarget::Sqlite(PathBuf::from("data/e.db")));
    }

    #[test]
    fn malformed_urls_are_rejected_without_showing_the_password() {
        let err =
            DatabaseTarget::from_settings(Some("postgres://bob:s3cret@:5432:x/db"), Path::new("v"))
                .unwrap_err()
                .to_string();
        assert!(err.starts_with("DATABASE_URL is malformed"), "{err}");
        assert!(!err.contains("s3cret"), "{err}");
        let err = DatabaseTarget::from_settings(Some("not a url"), Path::new("v")).unwrap_err();
        assert!(matches!(err, DatabaseError::MalformedUrl { .. }));
    }

    #[test]
    fn other_databases_are_named_as_unsupported() {
        let err = DatabaseTarget::from_settings(Some("mysql://localhost/db"), Path::new("v"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"mysql\" is not supported"), "{err}");
    }

    #[test]
    fn redact_hides_passwords() {
        assert_eq!(redact("postgres://bob:pw@h:1/db"), "postgres://bob:***@h:1/db");
        assert_eq!(redact("postgres://h/db"), "postgres://h/db");
    }

    #[test]
    fn an_unwritable_sqlite_folder_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        // A folder cannot be created below a regular file.
        let err = prepare_sqlite_dir(&blocker.join("sub").join("e.sqlite3")).unwrap_err();
        assert!(err.to_string().contains("cannot create folder"), "{err}");
    }
}
