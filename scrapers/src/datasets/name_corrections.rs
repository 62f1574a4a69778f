//! Names a source misspells (`data/curation/names.csv`): the name as the file writes it on one
//! film, the name as the person writes it, and the page that shows the right spelling. People
//! resolution moves the misspelled record onto the right one (or renames it), and the misspelling
//! stays an alias, so the source's next ingest finds the right person.

use std::io::Read;

use super::Parsed;
use super::evidence::{self, Evidence};

/// Bumped whenever the parser's output changes, and recorded with every run.
pub const PARSER_VERSION: &str = "curation_names/1";

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCorrection {
    /// 1-based line in the file.
    pub line: u64,
    /// The name as the data displays it ("Uda Benyamina" for the CNC's "BENYAMINA Uda").
    pub written: String,
    /// The film the misspelt name is credited on.
    pub film: String,
    /// A year the data gives that film.
    pub year: i32,
    /// The first name(s) as the person writes them.
    pub given_name: String,
    /// The family name as the person writes it.
    pub family_name: String,
    /// The page that shows the right spelling (its cue is the family name).
    pub evidence: Evidence,
}

impl NameCorrection {
    /// The right name, first names first.
    pub fn corrected(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    written: String,
    film: String,
    year: String,
    given_name: String,
    family_name: String,
    evidence_url: String,
    quote: String,
    query: String,
    date: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<NameCorrection>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<NameCorrection, String> {
    let cell = |c: &str| crate::names::display_form(c);
    let (written, film) = (cell(&row.written), cell(&row.film));
    let (given_name, family_name) = (cell(&row.given_name), cell(&row.family_name));
    for (value, column) in [
        (&written, "written"),
        (&film, "film"),
        (&given_name, "given_name"),
        (&family_name, "family_name"),
    ] {
        if value.is_empty() {
            return Err(format!("{column} is empty"));
        }
    }
    let year = evidence::film_year(&row.year, "year")?;
    // The page must show the family name as corrected.
    let evidence = evidence::parse(evidence::Cells {
        url: &row.evidence_url,
        quote: &row.quote,
        cue: &family_name,
        query: &row.query,
        date: &row.date,
        ..evidence::Cells::default()
    })?;
    if crate::names::matching_key(&written)
        == crate::names::matching_key(&format!("{given_name} {family_name}"))
    {
        return Err(format!("{written:?} is already written {given_name} {family_name}"));
    }
    Ok(NameCorrection { line, written, film, year, given_name, family_name, evidence })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "written,film,year,given_name,family_name,evidence_url,quote,query,date\n";

    #[test]
    fn a_correction_shows_the_right_spelling_on_its_page() {
        let csv = format!(
            "{HEADER}Uda Benyamina,Divines,2016,Houda,Benyamina,https://example.org/divines,\"Divines, the first feature by Houda Benyamina\",Houda Benyamina Divines,2026-12-02\n\
             Uda Benyamina,Divines,2016,Houda,Benyamina,https://example.org/divines,\"Divines, a first feature\",q,2026-12-02\n\
             Uda Benyamina,Divines,2016,Uda,Benyamina,https://example.org/divines,\"by Uda Benyamina\",q,2026-12-02\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].corrected(), "Houda Benyamina");
        assert!(p.rejected[0].reason.contains("cue"), "{:?}", p.rejected);
        assert!(p.rejected[1].reason.contains("already written"));
    }
}
