//! Headless Chromium for end-to-end tests: loads a page, runs its scripts, and returns the DOM
//! as rendered, or a screenshot.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The Chromium binary: `CHROMIUM` if set, else Debian's `/usr/bin/chromium`.
pub fn chromium() -> anyhow::Result<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !path.is_file() {
        bail!(
            "Chromium not found at {}: run scripts/install-toolchains.sh (Debian packages chromium, chromium-driver) or set CHROMIUM",
            path.display()
        );
    }
    Ok(path)
}

fn base_command(profile: &Path) -> anyhow::Result<Command> {
    let mut cmd = Command::new(chromium()?);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        // Virtual time runs the page's scripts (fetches included) before the DOM is taken.
        "--virtual-time-budget=10000",
        "--window-size=1200,800",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    Ok(cmd)
}

/// The page's DOM after its scripts ran.
pub fn rendered_dom(url: &str) -> anyhow::Result<String> {
    let profile = tempfile::tempdir()?;
    let out = base_command(profile.path())?
        .arg("--dump-dom")
        .arg(url)
        .output()
        .context("running chromium")?;
    if !out.status.success() {
        bail!("chromium failed on {url}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Saves a PNG screenshot of the page to `file`.
pub fn screenshot(url: &str, file: &Path) -> anyhow::Result<()> {
    screenshot_sized(url, file, (1200, 800))
}

/// Saves a PNG screenshot of the page, in a window of `size` (width, height) pixels, to `file`.
pub fn screenshot_sized(url: &str, file: &Path, size: (u32, u32)) -> anyhow::Result<()> {
    let profile = tempfile::tempdir()?;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let out = base_command(profile.path())?
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!("--screenshot={}", file.display()))
        .arg(url)
        .output()
        .context("running chromium")?;
    if !out.status.success() || !file.is_file() {
        bail!("chromium took no screenshot of {url}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

/// Where tests leave screenshots for people to look at: `target/test-artifacts/`.
pub fn artifacts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/test-artifacts")
}

/// A headless Chromium driven through chromedriver (WebDriver), for tests that click, pick and
/// type. The driver process stops with the value.
pub struct Driver {
    /// The WebDriver session.
    pub client: fantoccini::Client,
    process: std::process::Child,
    _profile: tempfile::TempDir,
}

impl Driver {
    /// Starts chromedriver on a free port and opens a session in a fresh profile.
    pub async fn start() -> anyhow::Result<Self> {
        // The WebDriver client speaks plain HTTP to 127.0.0.1, but its TLS stack wants a crypto
        // provider chosen once per process; a second call finds one installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let chromium = chromium()?;
        let driver = std::env::var_os("CHROMEDRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"));
        if !driver.is_file() {
            bail!(
                "chromedriver not found at {}: run scripts/install-toolchains.sh (Debian package chromium-driver) or set CHROMEDRIVER",
                driver.display()
            );
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let process = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", driver.display()))?;
        let profile = tempfile::tempdir()?;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--window-size=1200,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut last = None;
        // chromedriver takes a moment to listen.
        for _ in 0..50 {
            match fantoccini::ClientBuilder::rustls()?
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => return Ok(Self { client, process, _profile: profile }),
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        bail!("no WebDriver session from chromedriver on {url}: {last:?}")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
