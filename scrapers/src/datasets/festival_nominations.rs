//! Nominees and winners of Cannes, Berlin, Venice, the César and the Oscars as IMDb lists them
//! (`data/festival_nominations_imdb/`): one row per award category, edition and nominated film,
//! with the IMDb title id only (person nominations are reduced to their film).

use std::io::Read;

use super::Parsed;

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "festival_nominations_imdb/1";

/// One film nominated in one award category of one edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FestivalNomination {
    /// 1-based line in the file.
    pub line: u64,
    /// IMDb event id (`ev0000147` is Cannes).
    pub event_id: String,
    /// Year of the edition.
    pub year: i32,
    /// Which event of that year (IMDb labels the second 1930 Academy ceremony `1930-2`).
    pub sequence: i32,
    /// Award name as IMDb gives it, lower case (`palme d'or`).
    pub award: String,
    /// Category under the award (`best director`), often the award's name again.
    pub category: String,
    /// IMDb title id of the nominated film.
    pub imdb_id: String,
    /// The film's title, when the source gives it (IMDb's event pages do; the CSV does not).
    pub title: Option<String>,
    /// Its original title, when the source gives one that differs.
    pub original_title: Option<String>,
    /// The people an award to a person names, as (IMDb id, name), when the source names them
    /// (IMDb's event pages do; the CSV reduces those nominations to their film).
    pub nominees: Vec<(String, String)>,
    /// Whether it won.
    pub won: bool,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    imdb_event_id: String,
    edition: String,
    award: String,
    category: String,
    imdb_id: String,
    is_winner: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<FestivalNomination>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<FestivalNomination, String> {
    let event_id = row.imdb_event_id.trim();
    if !is_imdb_id(event_id, "ev") {
        return Err(format!("imdb_event_id {:?} is not an IMDb event id", row.imdb_event_id));
    }
    let (year, sequence) = edition(&row.edition)
        .ok_or_else(|| format!("edition {:?} is not a year (or year-N)", row.edition))?;
    let imdb_id = row.imdb_id.trim();
    if !is_imdb_id(imdb_id, "tt") {
        return Err(format!("imdb_id {:?} is not an IMDb title id", row.imdb_id));
    }
    let award = crate::names::display_form(&row.award);
    if award.is_empty() {
        return Err("award is empty".into());
    }
    let category = Some(crate::names::display_form(&row.category))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| award.clone());
    let won = match row.is_winner.trim() {
        "1" => true,
        "0" => false,
        other => return Err(format!("is_winner {other:?} is neither 1 nor 0")),
    };
    Ok(FestivalNomination {
        line,
        event_id: event_id.to_owned(),
        year,
        sequence,
        award,
        category,
        imdb_id: imdb_id.to_owned(),
        title: None,
        original_title: None,
        nominees: Vec::new(),
        won,
    })
}

/// `1955` → (1955, 1); `1930-2` → (1930, 2).
fn edition(s: &str) -> Option<(i32, i32)> {
    let s = s.trim();
    let (year, sequence) = match s.split_once('-') {
        Some((y, n)) => (y, n.parse().ok().filter(|n| (1..=9).contains(n))?),
        None => (s, 1),
    };
    let year: i32 = year.parse().ok().filter(|y| (1900..=2100).contains(y))?;
    Some((year, sequence))
}

fn is_imdb_id(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|digits| digits.len() >= 7 && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "imdb_event_id,event,edition,award,category,imdb_id,is_winner\n";

    #[test]
    fn rows_become_nominations_with_their_lines() {
        let csv = format!(
            "{HEADER}ev0000147,Cannes Film Festival,2023,palme d'or,palme d'or,tt17009710,1\n\
             ev0000003,\"Academy Awards, USA\",1930-2,oscar,best picture,tt0020629,0\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert_eq!(p.records[0].line, 2);
        assert_eq!(p.records[0].year, 2023);
        assert_eq!(p.records[0].award, "palme d'or");
        assert!(p.records[0].won);
        assert_eq!((p.records[1].year, p.records[1].sequence), (1930, 2));
        assert!(!p.records[1].won);
    }

    #[test]
    fn malformed_rows_are_rejected_with_line_and_column() {
        let csv = format!(
            "{HEADER}ev0000147,Cannes,19x5,palme d'or,palme d'or,tt0047396,0\n\
             ev0000147,Cannes,1955,palme d'or,palme d'or,nm0000001,0\n\
             ev0000147,Cannes,1955,palme d'or,palme d'or,tt0047396,yes\n\
             ev0000147,Cannes,1955,palme d'or,palme d'or,tt0047396,1\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        let reasons: Vec<(u64, &str)> =
            p.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
        assert_eq!(reasons[0].0, 2);
        assert!(reasons[0].1.contains("edition"));
        assert!(reasons[1].1.contains("imdb_id"));
        assert!(reasons[2].1.contains("is_winner"));
    }
}
