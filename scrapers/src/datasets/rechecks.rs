//! The second readers' re-checks of curated rows (`data/curation/rechecks.csv`): a random tenth of
//! each slice of `people.csv`, read again against its page, with the verdict and what was read.

use std::collections::BTreeMap;
use std::io::Read;

use super::Parsed;
use super::evidence;

/// The file, relative to the bundled data folder.
pub const FILE: &str = "curation/rechecks.csv";

/// What the second reader found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// The page came back and states the same gender of the same person.
    Confirmed,
    /// The page says otherwise, or is about someone else.
    Wrong,
    /// The page did not come back.
    Unverifiable,
}

/// One re-checked row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recheck {
    /// 1-based line in the file.
    pub line: u64,
    /// The slice of the curated row.
    pub slice: String,
    /// The curated row's name, film, year and gender, as written there.
    pub name: String,
    /// Its film.
    pub film: String,
    /// Its year.
    pub year: String,
    /// Its gender.
    pub gender: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Who re-checked it.
    pub checker: String,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    slice: String,
    name: String,
    film: String,
    year: String,
    gender: String,
    verdict: String,
    checked_url: String,
    checked_quote: String,
    query: String,
    checker: String,
    date: String,
    note: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<Recheck>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers)).map_err(|e| e.to_string()).and_then(|row| {
            let verdict = match row.verdict.trim() {
                "confirmed" => Verdict::Confirmed,
                "wrong" => Verdict::Wrong,
                "unverifiable" => Verdict::Unverifiable,
                other => {
                    return Err(format!(
                        "verdict {other:?} is not confirmed, wrong or unverifiable"
                    ));
                }
            };
            if row.query.trim().is_empty() || row.checker.trim().is_empty() {
                return Err("query and checker are needed: say how the page was sought".into());
            }
            // What was read is kept for a reviewer; a confirmed row must say what it read.
            if verdict == Verdict::Confirmed
                && (row.checked_url.trim().is_empty() || row.checked_quote.trim().is_empty())
            {
                return Err("a confirmed row needs checked_url and checked_quote".into());
            }
            evidence::read_date(&row.date)?;
            let _ = row.note;
            Ok(Recheck {
                line,
                slice: row.slice.trim().to_owned(),
                name: row.name.trim().to_owned(),
                film: row.film.trim().to_owned(),
                year: row.year.trim().to_owned(),
                gender: row.gender.trim().to_owned(),
                verdict,
                checker: row.checker.trim().to_owned(),
            })
        })
    })
}

/// Verdicts per slice: slice → verdict → rows.
pub fn by_slice(rechecks: &[Recheck]) -> BTreeMap<String, BTreeMap<Verdict, usize>> {
    let mut out: BTreeMap<String, BTreeMap<Verdict, usize>> = BTreeMap::new();
    for r in rechecks {
        *out.entry(r.slice.clone()).or_default().entry(r.verdict).or_default() += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::firstnames::test_dictionaries::bundled;

    const HEADER: &str =
        "slice,name,film,year,gender,verdict,checked_url,checked_quote,query,checker,date,note\n";

    #[test]
    fn a_recheck_needs_a_verdict_a_query_and_what_was_read() {
        let csv = format!(
            "{HEADER}01,Pedro Costa,Colossal Youth,2006,man,confirmed,https://example.org,his films,q,R1,2026-12-02,\n\
             01,X,Y,2000,man,maybe,https://example.org,his,q,R1,2026-12-02,\n\
             01,X,Y,2000,man,confirmed,,,q,R1,2026-12-02,\n\
             01,X,Y,2000,man,unverifiable,,,,R1,2026-12-02,\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        let reasons: Vec<&str> = p.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons[0].contains("verdict"), "{reasons:?}");
        assert!(reasons[1].contains("checked_url"));
        assert!(reasons[2].contains("query"));
    }

    #[test]
    fn every_bundled_recheck_is_of_a_curated_row_that_states_the_same_gender() {
        let rechecks = parse(std::fs::File::open(bundled().join(FILE)).unwrap()).unwrap();
        assert!(rechecks.rejected.is_empty(), "{:?}", rechecks.rejected);
        let file = std::fs::File::open(bundled().join("curation/people.csv")).unwrap();
        let mut rows = csv::Reader::from_reader(file);
        let mut curated: HashMap<(String, String, String), String> = HashMap::new();
        for row in rows.deserialize::<HashMap<String, String>>() {
            let row = row.unwrap();
            curated.insert(
                (row["slice"].clone(), row["name"].clone(), row["film"].clone()),
                row["gender"].clone(),
            );
        }
        for r in &rechecks.records {
            let gender = curated.get(&(r.slice.clone(), r.name.clone(), r.film.clone()));
            assert!(
                gender.is_some(),
                "line {}: no curated row {} / {} in slice {}",
                r.line,
                r.name,
                r.film,
                r.slice
            );
            // A row found wrong is corrected in the curation file in the same change.
            if r.verdict != Verdict::Wrong {
                assert_eq!(gender, Some(&r.gender), "line {}", r.line);
            }
        }
        // The re-checks reach the slices of every curation round.
        let per_slice = by_slice(&rechecks.records);
        assert!(per_slice.len() >= 20, "{per_slice:?}");
    }
}
