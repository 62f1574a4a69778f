//! Parsers of the bundled datasets: pure functions from a file's bytes to records, each record
//! with the line it came from; a malformed row becomes a [`RowError`] and the rest goes on.

pub mod cannes_competition;
pub mod oscars;

/// A row a parser could not turn into a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct RowError {
    /// 1-based line in the file.
    pub line: u64,
    /// What was wrong, naming the column.
    pub reason: String,
}

/// What a parser read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<R> {
    /// The good rows.
    pub records: Vec<R>,
    /// The malformed rows, with their reasons.
    pub rejected: Vec<RowError>,
}
