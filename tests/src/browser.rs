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
