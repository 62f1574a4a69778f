//! Parsers of the bundled datasets: pure functions from a file's bytes to records, each record
//! with the line it came from; a malformed row becomes a [`RowError`] and the rest goes on.

pub mod award_lists;
pub mod award_winners;
pub mod cannes_competition;
pub mod cnc_films;
pub mod curation;
pub mod evidence;
pub mod face_predictions;
pub mod festival_nominations;
pub mod lineups;
pub mod merge_decisions;
pub mod name_corrections;
pub mod oscars;
pub mod rechecks;

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

/// Reads every row of `reader`, turning each into a record with `to_record(line, row, headers)`:
/// an I/O error stops the read, a malformed row (bad quoting, or `to_record`'s reason) is
/// rejected with its line and the rest goes on.
pub(crate) fn read_rows<R, T: std::io::Read>(
    mut reader: csv::Reader<T>,
    mut to_record: impl FnMut(u64, &csv::StringRecord, &csv::StringRecord) -> Result<R, String>,
) -> Result<Parsed<R>, csv::Error> {
    let headers = reader.headers()?.clone();
    let mut parsed = Parsed { records: Vec::new(), rejected: Vec::new() };
    for result in reader.records() {
        let raw = match result {
            Ok(raw) => raw,
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return Err(e),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                parsed.rejected.push(RowError { line, reason: e.to_string() });
                continue;
            }
        };
        let line = raw.position().map_or(0, |p| p.line());
        match to_record(line, &raw, &headers) {
            Ok(r) => parsed.records.push(r),
            Err(reason) => parsed.rejected.push(RowError { line, reason }),
        }
    }
    Ok(parsed)
}
