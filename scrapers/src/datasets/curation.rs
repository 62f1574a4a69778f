//! The curation file (`data/curation/people.csv`): a person's gender settled by a person who read
//! a public page that states it ([`evidence`](super::evidence)), or recorded as unknown with the
//! searches that found nothing. Each row names its person by IMDb id or by name with a film and a
//! year that tie the name to one record. A row without evidence or without a tie is refused.

use std::io::Read;

use chrono::NaiveDate;
use egalite_shared::Gender;

use super::Parsed;
use super::evidence::{self, Evidence};

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "curation_people/2";

/// What a curated row says of its person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The page states this gender.
    Settled {
        /// The gender the evidence states.
        gender: Gender,
        /// The page, quote, cue, query and date.
        evidence: Evidence,
    },
    /// No page found states it: the person counts as unknown, with the queries tried.
    Unsettled {
        /// Every query tried, in order.
        queries: Vec<String>,
        /// When the search was made.
        date: NaiveDate,
    },
}

/// One curated person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratedPerson {
    /// 1-based line in the file.
    pub line: u64,
    /// The name as the datasets spell it.
    pub name: String,
    /// IMDb person id, when the row names the person by it.
    pub imdb_id: Option<String>,
    /// A film the person is credited on in the data, with `year`: what ties a name to one person.
    pub film: Option<String>,
    /// The film's year, or the year of the edition or ceremony that names it.
    pub year: Option<i32>,
    /// What the row settles.
    pub verdict: Verdict,
    /// The slice of the work list the row was curated in.
    pub slice: Option<String>,
    /// Who read the page.
    pub reader: Option<String>,
    /// Why the row exists, if said.
    pub note: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    name: String,
    imdb_id: String,
    film: String,
    year: String,
    gender: String,
    evidence_url: String,
    quote: String,
    cue: String,
    query: String,
    date: String,
    second_url: String,
    second_quote: String,
    slice: String,
    reader: String,
    note: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<CuratedPerson>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn optional(cell: &str) -> Option<String> {
    Some(crate::names::display_form(cell)).filter(|c| !c.is_empty())
}

/// An IMDb person id (`nm` and at least seven digits), or why the cell is not one.
pub fn imdb_person_id(cell: &str) -> Result<Option<String>, String> {
    let Some(id) = optional(cell) else { return Ok(None) };
    let valid = id
        .strip_prefix("nm")
        .is_some_and(|d| d.len() >= 7 && d.bytes().all(|b| b.is_ascii_digit()));
    if !valid {
        return Err(format!("imdb_id {id:?} is not an IMDb person id"));
    }
    Ok(Some(id))
}

fn record(line: u64, row: Row) -> Result<CuratedPerson, String> {
    let name = crate::names::display_form(&row.name);
    if name.is_empty() {
        return Err("name is empty".into());
    }
    let imdb_id = imdb_person_id(&row.imdb_id)?;
    let film = optional(&row.film);
    let year = match row.year.trim() {
        "" => None,
        y => Some(evidence::film_year(y, "year")?),
    };
    if imdb_id.is_none() && (film.is_none() || year.is_none()) {
        return Err(format!(
            "{name:?} is named by name alone: give its imdb_id, or a film and year that tie it to the data"
        ));
    }
    let verdict = match row.gender.trim() {
        "unknown" => {
            let queries: Vec<String> = row.query.split(" | ").filter_map(optional).collect();
            if queries.is_empty() {
                return Err(
                    "gender is unknown but query is empty: record the searches tried".into()
                );
            }
            if !row.evidence_url.trim().is_empty() {
                return Err(
                    "gender is unknown but evidence_url is given: which does the page say?".into(),
                );
            }
            Verdict::Unsettled { queries, date: evidence::read_date(&row.date)? }
        }
        g => {
            let gender = match g {
                "woman" => Gender::Woman,
                "man" => Gender::Man,
                "non_binary" => Gender::NonBinary,
                other => {
                    return Err(format!(
                        "gender {other:?} is not woman, man, non_binary or unknown"
                    ));
                }
            };
            let evidence = evidence::parse(evidence::Cells {
                url: &row.evidence_url,
                quote: &row.quote,
                cue: &row.cue,
                query: &row.query,
                date: &row.date,
                second_url: &row.second_url,
                second_quote: &row.second_quote,
            })?;
            Verdict::Settled { gender, evidence }
        }
    };
    Ok(CuratedPerson {
        line,
        name,
        imdb_id,
        film,
        year,
        verdict,
        slice: optional(&row.slice),
        reader: optional(&row.reader),
        note: optional(&row.note),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "name,imdb_id,film,year,gender,evidence_url,quote,cue,query,date,second_url,second_quote,slice,reader,note\n";

    #[test]
    fn rows_need_a_tie_evidence_and_a_known_gender() {
        let csv = format!(
            "{HEADER}Mati Diop,,Atlantics,2019,woman,https://andscape.com/x,\"Her father, Wasis Diop, is a popular jazz musician.\",Her,Mati Diop director Atlantics,2026-12-02,,,01,reader-A,\n\
             Elia Kazan,nm0001415,,,man,https://example.org/kazan,\"He was born in 1909\",He,Elia Kazan,2026-12-02,,,,,first name misleads\n\
             Jean Mauran,,Le Visage,1957,unknown,,,,Jean Mauran director | Jean Mauran cinéaste,2026-12-02,,,02,reader-B,\n\
             Nobody,,,,man,https://example.org/x,He,He,q,2026-12-02,,,,,\n\
             Nobody,,Film,2000,man,,He,He,q,2026-12-02,,,,,\n\
             Nobody,,Film,2000,robot,https://example.org/x,He,He,q,2026-12-02,,,,,\n\
             Nobody,tt123,,,man,https://example.org/x,He,He,q,2026-12-02,,,,,\n\
             Nobody,,Film,2000,unknown,,,,,2026-12-02,,,,,\n\
             Nobody,,Film,20x0,man,https://example.org/x,He,He,q,2026-12-02,,,,,\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 3, "{:?}", p.rejected);
        assert!(matches!(p.records[0].verdict, Verdict::Settled { gender: Gender::Woman, .. }));
        assert_eq!(p.records[0].film.as_deref(), Some("Atlantics"));
        assert_eq!(p.records[1].imdb_id.as_deref(), Some("nm0001415"));
        let Verdict::Unsettled { queries, .. } = &p.records[2].verdict else { panic!() };
        assert_eq!(queries.len(), 2);
        let reasons: Vec<&str> = p.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons[0].contains("name alone"), "{reasons:?}");
        assert!(reasons[1].contains("evidence_url"));
        assert!(reasons[2].contains("gender"));
        assert!(reasons[3].contains("imdb_id"));
        assert!(reasons[4].contains("searches tried"));
        assert!(reasons[5].contains("year"));
    }
}
