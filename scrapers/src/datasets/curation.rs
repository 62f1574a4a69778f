//! The curation file (`data/curation/people.csv`): a person's gender settled by a person who read
//! a public page that states it, with the page's address, a short quote from it and the date.
//! A row without evidence is refused.

use std::io::Read;

use chrono::NaiveDate;
use egalite_shared::Gender;

use super::Parsed;

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "curation_people/1";

/// One curated person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratedPerson {
    /// 1-based line in the file.
    pub line: u64,
    /// The name as the datasets spell it.
    pub name: String,
    /// IMDb person id, when the row is about that one person only.
    pub imdb_id: Option<String>,
    /// The gender the evidence states.
    pub gender: Gender,
    /// The public page that states it.
    pub evidence_url: String,
    /// A short quote from that page.
    pub quote: String,
    /// Why the row exists, if said.
    pub note: Option<String>,
    /// When the page was read.
    pub date: NaiveDate,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    name: String,
    imdb_id: String,
    gender: String,
    evidence_url: String,
    quote: String,
    note: String,
    date: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<CuratedPerson>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<CuratedPerson, String> {
    let name = crate::names::display_form(&row.name);
    if name.is_empty() {
        return Err("name is empty".into());
    }
    let imdb_id = Some(row.imdb_id.trim().to_owned()).filter(|i| !i.is_empty());
    if let Some(id) = &imdb_id {
        let valid = id
            .strip_prefix("nm")
            .is_some_and(|d| d.len() >= 7 && d.bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            return Err(format!("imdb_id {id:?} is not an IMDb person id"));
        }
    }
    let gender = match row.gender.trim() {
        "woman" => Gender::Woman,
        "man" => Gender::Man,
        "non_binary" => Gender::NonBinary,
        other => return Err(format!("gender {other:?} is not woman, man or non_binary")),
    };
    let url = url::Url::parse(row.evidence_url.trim())
        .map_err(|e| format!("evidence_url {:?} is not a URL: {e}", row.evidence_url))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("evidence_url {:?} is not a web page address", row.evidence_url));
    }
    let quote = crate::names::display_form(&row.quote);
    if quote.is_empty() {
        return Err("quote is empty: a row needs the words of its evidence".into());
    }
    let date = NaiveDate::parse_from_str(row.date.trim(), "%Y-%m-%d")
        .map_err(|_| format!("date {:?} is not YYYY-MM-DD", row.date))?;
    Ok(CuratedPerson {
        line,
        name,
        imdb_id,
        gender,
        evidence_url: url.to_string(),
        quote,
        note: Some(crate::names::display_form(&row.note)).filter(|n| !n.is_empty()),
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "name,imdb_id,gender,evidence_url,quote,note,date\n";

    #[test]
    fn rows_need_evidence_and_a_known_gender() {
        let csv = format!(
            "{HEADER}Elia Kazan,,man,https://example.org/kazan,\"He was born on September 7, 1909\",first name misleads,2026-11-24\n\
             Nobody,,man,,He,,2026-11-24\n\
             Nobody,,man,https://example.org/x,,,2026-11-24\n\
             Nobody,,robot,https://example.org/x,He,,2026-11-24\n\
             Nobody,tt123,man,https://example.org/x,He,,2026-11-24\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].gender, Gender::Man);
        assert_eq!(p.records[0].note.as_deref(), Some("first name misleads"));
        let reasons: Vec<&str> = p.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons[0].contains("evidence_url"), "{reasons:?}");
        assert!(reasons[1].contains("quote"));
        assert!(reasons[2].contains("gender"));
        assert!(reasons[3].contains("imdb_id"));
    }
}
