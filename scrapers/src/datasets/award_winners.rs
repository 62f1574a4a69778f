//! Main prize winners of Cannes, Venice and Berlin with their English titles
//! (`data/festival_award_winners/`, from Wikipedia's award articles): the titles of films that
//! other datasets know by IMDb id only.

use std::io::Read;

use super::Parsed;

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "festival_award_winners/1";

/// One winning film of one award in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardWinner {
    /// 1-based line in the file.
    pub line: u64,
    /// Festival name as the file gives it.
    pub festival: String,
    /// The award, as the upstream file name (`cannes-palme-dor`).
    pub award_key: String,
    /// Festival year.
    pub year: i32,
    /// English title.
    pub title: String,
    /// IMDb title id.
    pub imdb_id: String,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    festival: String,
    award_key: String,
    year: String,
    title: String,
    imdb_id: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<AwardWinner>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<AwardWinner, String> {
    let year: i32 = row
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| format!("year {:?} is not a festival year", row.year))?;
    let title = crate::names::display_form(&row.title);
    if title.is_empty() {
        return Err("title is empty".into());
    }
    let imdb_id = row.imdb_id.trim();
    let valid = imdb_id
        .strip_prefix("tt")
        .is_some_and(|d| d.len() >= 7 && d.bytes().all(|b| b.is_ascii_digit()));
    if !valid {
        return Err(format!("imdb_id {:?} is not an IMDb title id", row.imdb_id));
    }
    Ok(AwardWinner {
        line,
        festival: crate::names::display_form(&row.festival),
        award_key: row.award_key.trim().to_owned(),
        year,
        title,
        imdb_id: imdb_id.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winners_keep_title_id_and_line_and_bad_rows_say_why() {
        let csv = "festival,award_key,year,title,imdb_id\n\
                   Cannes Film Festival,cannes-palme-dor,2023,Anatomy of a Fall,tt17009710\n\
                   Cannes Film Festival,cannes-palme-dor,20x3,Anatomy of a Fall,tt17009710\n\
                   Cannes Film Festival,cannes-palme-dor,2023,Anatomy of a Fall,\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].title, "Anatomy of a Fall");
        assert_eq!(p.records[0].line, 2);
        assert_eq!(p.rejected.len(), 2);
        assert!(p.rejected[0].reason.contains("year"));
        assert!(p.rejected[1].reason.contains("imdb_id"));
    }
}
