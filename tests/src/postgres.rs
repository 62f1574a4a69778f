//! A throwaway PostgreSQL 15 cluster for tests: `initdb` in a temporary folder, its own port and
//! socket folder, removed afterwards. `initdb` refuses to run as root, so as root the cluster runs
//! as the unprivileged `postgres` user (override with `EGALITE_TEST_PG_USER`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// A running cluster; stopped and deleted on drop, or by a watcher process if this process dies.
#[derive(Debug)]
pub struct PgCluster {
    root: PathBuf,
    port: u16,
    bin: PathBuf,
    run_as: Option<String>,
}

/// The folder holding `initdb` and `pg_ctl`: `PG_BIN`, else `/usr/lib/postgresql/15/bin`, else
/// whatever `initdb` is on PATH.
fn pg_bin() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let debian = Path::new("/usr/lib/postgresql/15/bin");
    if debian.join("initdb").is_file() {
        return Ok(debian.to_owned());
    }
    let out = Command::new("sh").args(["-c", "command -v initdb"]).output()?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if path.is_empty() {
        bail!("PostgreSQL 15 server binaries not found: install postgresql-15 or set PG_BIN");
    }
    let resolved = std::fs::canonicalize(&path).unwrap_or_else(|_| PathBuf::from(&path));
    Ok(resolved.parent().map(Path::to_owned).unwrap_or_default())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl PgCluster {
    /// Creates and starts a cluster; fails with what initdb or pg_ctl said.
    pub fn start() -> anyhow::Result<Self> {
        let bin = pg_bin()?;
        let run_as = if is_root() {
            Some(std::env::var("EGALITE_TEST_PG_USER").unwrap_or_else(|_| "postgres".into()))
        } else {
            None
        };
        let root = std::env::temp_dir().join(format!(
            "egalite-pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_nanos()
        ));
        std::fs::create_dir_all(&root)?;
        let port = free_port()?;
        let cluster = Self { root, port, bin, run_as };
        if let Some(user) = &cluster.run_as {
            let status = Command::new("chown")
                .args(["-R", user])
                .arg(&cluster.root)
                .status()
                .context("chown of the cluster folder")?;
            if !status.success() {
                bail!("cannot give {} to user {user}", cluster.root.display());
            }
        }
        cluster.run(
            "initdb",
            &[
                "-D",
                &cluster.data_dir(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )?;
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=200",
            cluster.port,
            cluster.root.display()
        );
        let log = cluster.root.join("server.log").display().to_string();
        cluster
            .run("pg_ctl", &["-D", &cluster.data_dir(), "-o", &opts, "-l", &log, "-w", "start"])?;
        cluster.watch_parent()?;
        Ok(cluster)
    }

    fn data_dir(&self) -> String {
        self.root.join("data").display().to_string()
    }

    /// Runs a PostgreSQL program, as the cluster's user when root.
    fn command(&self, program: &str, args: &[&str]) -> Command {
        let exe = self.bin.join(program);
        match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(exe).args(args);
                c
            }
            None => {
                let mut c = Command::new(exe);
                c.args(args);
                c
            }
        }
    }

    fn run(&self, program: &str, args: &[&str]) -> anyhow::Result<()> {
        let out = self
            .command(program, args)
            .current_dir(&self.root)
            .output()
            .with_context(|| format!("running {program}"))?;
        if !out.status.success() {
            let log = std::fs::read_to_string(self.root.join("server.log")).unwrap_or_default();
            bail!(
                "{program} failed: {}{}\n{log}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    /// Starts a watcher that stops the cluster and removes its folder once this process is
    /// gone: a shared cluster lives in a static, and statics are never dropped.
    fn watch_parent(&self) -> anyhow::Result<()> {
        let script = format!(
            "while [ -d /proc/{pid} ]; do sleep 1; done; {pg_ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {root}",
            pid = std::process::id(),
            pg_ctl = self.bin.join("pg_ctl").display(),
            data = self.data_dir(),
            root = self.root.display(),
        );
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--", "sh", "-c", &script]);
                c
            }
            None => {
                let mut c = Command::new("sh");
                c.args(["-c", &script]);
                c
            }
        };
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        cmd.spawn().context("starting the cluster watcher")?;
        Ok(())
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A URL for database `db` as the `postgres` superuser.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// Stops the server now (a fault test's database restart or outage).
    pub fn stop(&self) -> anyhow::Result<()> {
        self.run("pg_ctl", &["-D", &self.data_dir(), "-m", "immediate", "-w", "stop"])
    }

    /// Waits until the server accepts TCP connections (after a start).
    pub fn wait_ready(&self, timeout: Duration) -> anyhow::Result<()> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!("PostgreSQL on port {} did not come up", self.port)
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        // The server may already be stopped by a test; either way the folder goes.
        let _ = self.stop();
        let _ = match &self.run_as {
            Some(_) => Command::new("rm").arg("-rf").arg(&self.root).status().map(|_| ()),
            None => std::fs::remove_dir_all(&self.root),
        };
    }
}
