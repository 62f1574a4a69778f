//! The sources `egalite scrape` knows: where their pages are, on what terms they are read, and
//! which parser reads them.

use std::fmt;
use std::str::FromStr;

use egalite_shared::SourceKind;

use crate::snapshots::Provenance;

/// A source of pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScrapeSource {
    /// IMDb's award event pages for Cannes, Berlin, Venice, the César and the Oscars.
    ImdbEvents,
    /// The Academy's ceremony pages on oscars.org.
    OscarsOrg,
    /// Wikidata's SPARQL endpoint: declared gender and citizenship of people known by IMDb id.
    Wikidata,
}

/// The IMDb event ids of the festivals and awards followed, with their names.
pub const IMDB_EVENTS: &[(&str, &str)] = &[
    ("ev0000147", "Cannes"),
    ("ev0000091", "Berlin"),
    ("ev0000681", "Venice"),
    ("ev0000157", "César"),
    ("ev0000003", "Academy Awards"),
];

impl ScrapeSource {
    /// Every source, in the order `egalite scrape` lists them.
    pub const ALL: [ScrapeSource; 3] =
        [ScrapeSource::ImdbEvents, ScrapeSource::OscarsOrg, ScrapeSource::Wikidata];

    /// The name `egalite scrape` takes.
    pub fn name(self) -> &'static str {
        match self {
            ScrapeSource::ImdbEvents => "imdb-events",
            ScrapeSource::OscarsOrg => "oscars-org",
            ScrapeSource::Wikidata => "wikidata",
        }
    }

    /// The one origin its pages are fetched from.
    pub fn origin(self) -> &'static str {
        match self {
            ScrapeSource::ImdbEvents => "https://www.imdb.com",
            ScrapeSource::OscarsOrg => "https://www.oscars.org",
            ScrapeSource::Wikidata => "https://query.wikidata.org",
        }
    }

    /// What its payloads are and the terms they are read under.
    pub fn provenance(self) -> Provenance {
        match self {
            ScrapeSource::ImdbEvents => Provenance {
                kind: SourceKind::WebPage,
                licence: "IMDb conditions of use: facts (nominations, names, titles) only; the page is not redistributed",
            },
            ScrapeSource::OscarsOrg => Provenance {
                kind: SourceKind::WebPage,
                licence: "© AMPAS: facts (nominations, names, titles) only; the page is not redistributed",
            },
            ScrapeSource::Wikidata => {
                Provenance { kind: SourceKind::Api, licence: "CC0 1.0 (Wikidata)" }
            }
        }
    }
}

impl fmt::Display for ScrapeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// No source has this name.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown source {0:?}: expected one of imdb-events, oscars-org, wikidata")]
pub struct UnknownSource(String);

impl FromStr for ScrapeSource {
    type Err = UnknownSource;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ScrapeSource::ALL
            .into_iter()
            .find(|source| source.name() == s.trim())
            .ok_or_else(|| UnknownSource(s.to_owned()))
    }
}
