//! The curators' decisions on pairs of person records (`data/curation/merges.csv`): the same
//! person, or different people, each side named by name with an IMDb id or a film and a year,
//! with the evidence a reviewer can check. A decision overrides the name rules of people resolution.

use std::io::Read;

use super::Parsed;
use super::evidence::{self, Evidence};

/// Bumped whenever the parser's output changes, and recorded with every run.
pub const PARSER_VERSION: &str = "curation_merges/1";

/// One side of a pair: a name with an IMDb id, or a film and a year, that tie it to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The name as the data spells it.
    pub name: String,
    /// The record's IMDb id: it alone decides (an honorary award names no film).
    pub imdb_id: Option<String>,
    /// A film that record is credited or nominated on.
    pub film: Option<String>,
    /// A year the data gives that film.
    pub year: Option<i32>,
}

/// What the curator decided, with the evidence described in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The two records are one person.
    Same(String),
    /// The two records are different people.
    Different(String),
}

/// One row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeDecision {
    /// 1-based line in the file.
    pub line: u64,
    /// The first record.
    pub a: Side,
    /// The second record.
    pub b: Side,
    /// The decision.
    pub decision: Decision,
    /// The page that shows it.
    pub evidence: Evidence,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    name_a: String,
    #[serde(default)]
    imdb_a: String,
    film_a: String,
    year_a: String,
    name_b: String,
    #[serde(default)]
    imdb_b: String,
    film_b: String,
    year_b: String,
    decision: String,
    evidence_url: String,
    quote: String,
    cue: String,
    query: String,
    date: String,
    #[serde(default)]
    second_url: String,
    #[serde(default)]
    second_quote: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<MergeDecision>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn side(name: &str, imdb: &str, film: &str, year: &str, which: char) -> Result<Side, String> {
    let name = crate::names::display_form(name);
    if name.is_empty() {
        return Err(format!("name_{which} is empty"));
    }
    let imdb_id =
        super::curation::imdb_person_id(imdb).map_err(|e| format!("imdb_{which}: {e}"))?;
    let film = Some(crate::names::display_form(film)).filter(|f| !f.is_empty());
    let year = match (year.trim(), &film) {
        ("", None) => None,
        (y, _) => Some(evidence::film_year(y, &format!("year_{which}"))?),
    };
    if imdb_id.is_none() && (film.is_none() || year.is_none()) {
        return Err(format!("film_{which} and year_{which} are both needed without imdb_{which}"));
    }
    Ok(Side { name, imdb_id, film, year })
}

fn record(line: u64, row: Row) -> Result<MergeDecision, String> {
    let a = side(&row.name_a, &row.imdb_a, &row.film_a, &row.year_a, 'a')?;
    let b = side(&row.name_b, &row.imdb_b, &row.film_b, &row.year_b, 'b')?;
    let evidence = evidence::parse(evidence::Cells {
        url: &row.evidence_url,
        quote: &row.quote,
        cue: &row.cue,
        query: &row.query,
        date: &row.date,
        second_url: &row.second_url,
        second_quote: &row.second_quote,
    })?;
    let described = evidence.describe();
    let decision = match row.decision.trim() {
        "same" => Decision::Same(described),
        "different" => Decision::Different(described),
        other => return Err(format!("decision {other:?} is not same or different")),
    };
    Ok(MergeDecision { line, a, b, decision, evidence })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "name_a,film_a,year_a,name_b,film_b,year_b,decision,evidence_url,quote,cue,query,date\n";

    #[test]
    fn decisions_name_both_records_and_carry_evidence() {
        let csv = format!(
            "{HEADER}Steve McQueen,Hunger,2008,Steve McQueen,The Sand Pebbles,1967,different,https://en.wikipedia.org/wiki/Steve_McQueen_(director),\"not to be confused with the actor\",actor,Steve McQueen director,2026-12-02\n\
             Steve McQueen,,2008,Steve McQueen,The Sand Pebbles,1967,different,https://x.org/a,actor,actor,q,2026-12-02\n\
             A,F,2000,B,G,2001,maybe,https://x.org/a,actor,actor,q,2026-12-02\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert!(matches!(p.records[0].decision, Decision::Different(_)));
        assert!(p.rejected[0].reason.contains("film_a"));
        assert!(p.rejected[1].reason.contains("decision"));
    }

    #[test]
    fn a_side_named_by_its_imdb_id_needs_no_film() {
        let csv = "name_a,imdb_a,film_a,year_a,name_b,imdb_b,film_b,year_b,decision,evidence_url,quote,cue,query,date\n\
             Stanley Donen,nm0002045,,,Stanley Donen,,Funny Face,1957,same,https://x.org/a,\"Donen, honorary Oscar, Funny Face\",Funny,q,2026-12-02\n\
             Stanley Donen,nm20x,,,Stanley Donen,,Funny Face,1957,same,https://x.org/a,Funny Face,Funny,q,2026-12-02\n\
             Stanley Donen,,,,Stanley Donen,,Funny Face,1957,same,https://x.org/a,Funny Face,Funny,q,2026-12-02\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1, "{:?}", p.rejected);
        assert_eq!(p.records[0].a.imdb_id.as_deref(), Some("nm0002045"));
        assert_eq!(p.records[0].a.film, None);
        assert_eq!(p.records[0].b.year, Some(1957));
        assert!(p.rejected[0].reason.contains("imdb_a"), "{:?}", p.rejected);
        assert!(p.rejected[1].reason.contains("film_a"), "{:?}", p.rejected);
    }
}
