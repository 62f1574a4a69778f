//! Parsers of fetched pages: pure functions from a stored snapshot (URL, SHA-256, bytes) to
//! records, so that a parser fix re-parses stored snapshots without fetching again. A page that
//! does not have the expected shape is a [`PageError`] naming the snapshot.

pub mod imdb_event;
pub mod oscars_ceremony;
mod sparql;
pub mod wikidata;

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod saved;

/// A fetched payload as a parser sees it.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot<'a> {
    /// The URL it was fetched from (after redirects).
    pub url: &'a str,
    /// The SHA-256 of `body`, in hex, as the raw store keys it.
    pub sha256: &'a str,
    /// The payload as received.
    pub body: &'a [u8],
}

impl Snapshot<'_> {
    /// A [`PageError`] for this snapshot, saying what was expected and not found.
    pub fn error(&self, expected: impl Into<String>) -> PageError {
        PageError {
            url: self.url.to_owned(),
            sha256: self.sha256.to_owned(),
            expected: expected.into(),
        }
    }

    /// The body as text: every page these parsers read is UTF-8.
    pub fn text(&self) -> Result<&str, PageError> {
        std::str::from_utf8(self.body).map_err(|e| self.error(format!("UTF-8 text ({e})")))
    }
}

/// Why a page could not be parsed: names the URL, the snapshot's SHA-256 and what was expected.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[error("cannot parse {url} (snapshot {sha256}): expected {expected}")]
pub struct PageError {
    /// The snapshot's URL.
    pub url: String,
    /// The snapshot's SHA-256.
    pub sha256: String,
    /// What the parser expected and did not find.
    pub expected: String,
}

/// Whether `id` is an IMDb id with this prefix (`tt`, `nm`, `ev`): the prefix, then 7 or more
/// ASCII digits, nothing else.
pub(crate) fn is_imdb_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|digits| digits.len() >= 7 && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imdb_ids_need_their_prefix_and_at_least_seven_digits() {
        assert!(is_imdb_id("tt17009710", "tt"));
        assert!(is_imdb_id("nm0634240", "nm"));
        assert!(!is_imdb_id("nm0634240", "tt"));
        assert!(!is_imdb_id("tt123456", "tt"));
        assert!(!is_imdb_id("tt1234567x", "tt"));
        assert!(!is_imdb_id("tt１２３４５６７", "tt"));
        assert!(!is_imdb_id("", "tt"));
    }

    #[test]
    fn a_non_utf8_body_is_an_error_naming_the_snapshot() {
        let snapshot = Snapshot { url: "https://example.org/x", sha256: "abc", body: b"\xff\xfe" };
        let err = snapshot.text().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.starts_with("cannot parse https://example.org/x (snapshot abc): expected UTF-8")
        );
    }
}
