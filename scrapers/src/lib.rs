//! Collection: the bundled datasets and public sources, parsed into records that keep the line
//! or snapshot they came from. Fetching and parsing are separate steps, so a parser fix re-parses
//! stored files without fetching again.

pub mod datasets;
pub mod fetch;
pub mod firstnames;
pub mod ingest;
pub mod named_awards;
pub mod names;
pub mod pages;
pub mod scrape;
pub mod snapshots;
