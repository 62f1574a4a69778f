//! The saved real pages of the 96th Academy Awards, read from `../shared` when it is there, and
//! the bundled ground truth they are checked against.

#![allow(clippy::unwrap_used)]

use sha2::{Digest, Sha256};

use super::Snapshot;

/// The IMDb event page's canonical URL.
pub(crate) const IMDB_URL: &str = "https://www.imdb.com/event/ev0000003/2024/1/";
/// The IMDb event page's file.
pub(crate) const IMDB_FILE: &str = "imdb_event_ev0000003_2024_oscars.html";
/// The oscars.org ceremony page's canonical URL.
pub(crate) const OSCARS_URL: &str = "https://www.oscars.org/oscars/ceremonies/2024";
/// The oscars.org ceremony page's file.
pub(crate) const OSCARS_FILE: &str = "oscars_org_ceremonies_2024.html";

/// A saved page's bytes, or `None` (with a line saying so) when `../shared` is absent.
pub(crate) fn read(name: &str) -> Option<Vec<u8>> {
    let path = format!("{}/../../shared/data/html_pages_awards/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!(
                "skipped: {path} absent (the saved pages are not redistributable and live only in ../shared)"
            );
            None
        }
    }
}

/// The hex SHA-256 of `bytes`, as the raw store names a snapshot.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A snapshot of `body` fetched from `url`.
pub(crate) fn snapshot<'a>(url: &'a str, sha256: &'a str, body: &'a [u8]) -> Snapshot<'a> {
    Snapshot { url, sha256, body }
}

/// The 96th ceremony's Directing nominees in `data/oscars/oscars.tsv`: (name, film, won), sorted.
pub(crate) fn directing_96() -> Vec<(String, String, bool)> {
    let path = format!("{}/../data/oscars/oscars.tsv", env!("CARGO_MANIFEST_DIR"));
    // Free text in the file holds bare quotes: the TSV is read without quoting, as its parser does.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .quoting(false)
        .from_path(path)
        .unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (ceremony, category, nominees, film, winner) = (
        column("Ceremony"),
        column("CanonicalCategory"),
        column("Nominees"),
        column("Film"),
        column("Winner"),
    );
    let mut rows: Vec<(String, String, bool)> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r.get(ceremony) == Some("96") && r.get(category) == Some("DIRECTING"))
        .map(|r| {
            let field = |i: usize| r.get(i).unwrap_or_default().to_owned();
            (field(nominees), field(film), field(winner) == "True")
        })
        .collect();
    rows.sort();
    rows
}
