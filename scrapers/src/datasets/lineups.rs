//! Curated festival line-ups (`data/curation/lineups.csv`): each film of an edition's section as
//! a page lists it, with its directors, the page, the words that name the film, the words that
//! show the list is that section, the search query and the date. And the number of films the
//! page gives for each edition (`data/curation/lineup_counts.csv`).

use std::io::Read;

use super::Parsed;
use super::evidence::{self, Evidence};

/// Bumped whenever the parser's output changes, and recorded with every run.
pub const PARSER_VERSION: &str = "curation_lineups/1";

/// The sections a curated line-up may list.
pub const SECTIONS: &[&str] = &["competition"];

/// Directors in one cell are joined by this.
pub const DIRECTOR_SEPARATOR: char = '|';

/// One film of a curated line-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineupFilm {
    /// 1-based line in the file.
    pub line: u64,
    /// The festival's slug.
    pub festival: String,
    /// The edition's year.
    pub year: i32,
    /// The section's slug.
    pub section: String,
    /// The title as the page writes it.
    pub title: String,
    /// The original title, when the page gives it.
    pub original_title: Option<String>,
    /// The IMDb title id, when the page gives it.
    pub imdb_id: Option<String>,
    /// The directors as the page names them, in order; empty when no page read names them.
    pub directors: Vec<String>,
    /// The page and the words that name the film (the cue is the title as quoted).
    pub evidence: Evidence,
    /// Words of the same page that show the list is that year's section.
    pub heading: String,
}

/// How many films a page gives for an edition's section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineupCount {
    /// 1-based line in the file.
    pub line: u64,
    /// The festival's slug.
    pub festival: String,
    /// The edition's year.
    pub year: i32,
    /// The section's slug.
    pub section: String,
    /// The number of films.
    pub films: u32,
    /// The page that gives it.
    pub url: String,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    festival: String,
    year: String,
    section: String,
    title: String,
    #[serde(default)]
    original_title: String,
    #[serde(default)]
    imdb_id: String,
    #[serde(default)]
    directors: String,
    url: String,
    quote: String,
    cue: String,
    heading: String,
    query: String,
    date: String,
}

#[derive(Debug, serde::Deserialize)]
struct CountRow {
    festival: String,
    year: String,
    section: String,
    films: String,
    url: String,
    quote: String,
    query: String,
    date: String,
}

/// Parses the line-up CSV; an unreadable file is an error, a malformed row is rejected with its
/// line and reason.
pub fn parse(input: impl Read) -> Result<Parsed<LineupFilm>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

/// Parses the film-count CSV.
pub fn parse_counts(input: impl Read) -> Result<Parsed<LineupCount>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<CountRow>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| count(line, row))
    })
}

/// The festival's slug, the edition year and the section, or what is wrong with them.
pub(crate) fn edition_cells(
    festival: &str,
    year: &str,
    section: &str,
) -> Result<(String, i32, String), String> {
    let festival = festival.trim().to_lowercase();
    if festival.is_empty() {
        return Err("festival is empty".into());
    }
    let year = evidence::film_year(year, "year")?;
    let section = section.trim().to_lowercase();
    if !SECTIONS.contains(&section.as_str()) {
        return Err(format!("section {section:?} is not one of {}", SECTIONS.join(", ")));
    }
    Ok((festival, year, section))
}

/// An IMDb title id, if the cell holds one.
pub(crate) fn imdb_title_id(cell: &str) -> Result<Option<String>, String> {
    let id = cell.trim();
    if id.is_empty() {
        return Ok(None);
    }
    let digits = id.strip_prefix("tt").unwrap_or_default();
    if digits.len() < 7 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("imdb_id {id:?} is not an IMDb title id (tt and 7 digits or more)"));
    }
    Ok(Some(id.to_owned()))
}

/// The names of a directors cell, in order.
pub(crate) fn directors(cell: &str) -> Vec<String> {
    cell.split(DIRECTOR_SEPARATOR)
        .map(crate::names::display_form)
        .filter(|n| !n.is_empty())
        .collect()
}

fn record(line: u64, row: Row) -> Result<LineupFilm, String> {
    let (festival, year, section) = edition_cells(&row.festival, &row.year, &row.section)?;
    let title = crate::names::display_form(&row.title);
    if title.is_empty() {
        return Err("title is empty".into());
    }
    let original_title = Some(crate::names::display_form(&row.original_title))
        .filter(|t| !t.is_empty() && *t != title);
    let imdb_id = imdb_title_id(&row.imdb_id)?;
    let evidence = evidence::parse_listing(evidence::Cells {
        url: &row.url,
        quote: &row.quote,
        cue: &row.cue,
        query: &row.query,
        date: &row.date,
        ..Default::default()
    })?;
    let heading = evidence::quote(&row.heading, "heading")?;
    Ok(LineupFilm {
        line,
        festival,
        year,
        section,
        title,
        original_title,
        imdb_id,
        directors: directors(&row.directors),
        evidence,
        heading,
    })
}

fn count(line: u64, row: CountRow) -> Result<LineupCount, String> {
    let (festival, year, section) = edition_cells(&row.festival, &row.year, &row.section)?;
    let films = row
        .films
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("films {:?} is not a number of films", row.films))?;
    if row.url.trim().is_empty() {
        return Err("url is empty: a count needs the page that gives it".into());
    }
    evidence::quote(&row.quote, "quote")?;
    if row.query.trim().is_empty() {
        return Err("query is empty: record the search that found the page".into());
    }
    evidence::read_date(&row.date)?;
    Ok(LineupCount { line, festival, year, section, films, url: row.url.trim().to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "festival,year,section,title,original_title,imdb_id,directors,url,quote,cue,heading,query,date,slice,reader,note\n";

    #[test]
    fn a_lineup_row_names_its_film_directors_and_page() {
        let csv = format!(
            "{HEADER}berlin,2015,competition,Aferim!,,,Radu Jude,https://weltexpresso.de/x,\"Aferim! Rumänien / Bulgarien / Tschechische Republik Von Radu Jude\",Aferim!,Folgende Filme bilden das Wettbewerbsprogramm,Wettbewerb Berlinale 2015,2026-12-02,s,r,\n\
             berlin,2021,competition,Ballad of a White Cow,Ghasideyeh gave sefid,tt13372470,Behtash Sanaeeha | Maryam Moghaddam,https://owiki.org/wiki/71st_Berlin_International_Film_Festival,\"Ballad of a White Cow by Behtash Sanaeeha and Maryam Moghaddam\",Ballad of a White Cow,The following films were selected for the main competition,q,2026-12-02,s,r,\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.rejected, vec![]);
        assert_eq!(p.records[0].directors, vec!["Radu Jude"]);
        assert_eq!(p.records[1].directors, vec!["Behtash Sanaeeha", "Maryam Moghaddam"]);
        assert_eq!(p.records[1].imdb_id.as_deref(), Some("tt13372470"));
        assert_eq!(p.records[1].original_title.as_deref(), Some("Ghasideyeh gave sefid"));
    }

    #[test]
    fn a_lineup_row_without_its_quote_or_section_is_refused_and_the_rest_kept() {
        let csv = format!(
            "{HEADER}berlin,2015,competition,Aferim!,,,Radu Jude,https://weltexpresso.de/x,,Aferim!,Wettbewerb,q,2026-12-02,s,r,\n\
             berlin,2015,panorama,Aferim!,,,Radu Jude,https://weltexpresso.de/x,Aferim! Von Radu Jude,Aferim!,Wettbewerb,q,2026-12-02,s,r,\n\
             berlin,2015,competition,Taxi,,tt12,Jafar Panahi,https://x.org/a,Taxi by Jafar Panahi,Taxi,Wettbewerb,q,2026-12-02,s,r,\n\
             berlin,2015,competition,Taxi,,,Jafar Panahi,https://x.org/a,Taxi by Jafar Panahi,Panahi's Taxi,Wettbewerb,q,2026-12-02,s,r,\n\
             berlin,2015,competition,Taxi,,,Jafar Panahi,https://x.org/a,Taxi by Jafar Panahi,Taxi,Wettbewerb,q,2026-12-02,s,r,\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        let reasons: Vec<&str> = p.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons[0].contains("quote is empty"), "{reasons:?}");
        assert!(reasons[1].contains("section \"panorama\""), "{reasons:?}");
        assert!(reasons[2].contains("imdb_id"), "{reasons:?}");
        assert!(reasons[3].contains("cue"), "{reasons:?}");
        assert_eq!(p.rejected.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3, 4, 5]);
    }

    #[test]
    fn a_count_row_needs_a_number_and_its_page() {
        let csv = "festival,year,section,films,url,quote,query,date,slice,reader,note\n\
                   berlin,2015,competition,19,https://x.org/a,19 Filme im Wettbewerb,q,2026-12-02,s,r,\n\
                   berlin,2016,competition,many,https://x.org/a,Filme,q,2026-12-02,s,r,\n";
        let p = parse_counts(csv.as_bytes()).unwrap();
        assert_eq!(p.records[0].films, 19);
        assert!(p.rejected[0].reason.contains("films \"many\""));
    }

    #[test]
    fn every_lineup_slice_has_second_readings_of_rows_it_holds() {
        use std::collections::{BTreeMap, HashSet};
        let bundled = crate::firstnames::test_dictionaries::bundled();
        let rows = |file: &str| {
            let f = std::fs::File::open(bundled.join("curation").join(file)).unwrap();
            csv::Reader::from_reader(f)
                .deserialize::<BTreeMap<String, String>>()
                .map(Result::unwrap)
                .collect::<Vec<_>>()
        };
        let key = |r: &BTreeMap<String, String>| {
            ["slice", "festival", "year", "section", "title"].map(|k| r[k].clone())
        };
        let lineups = rows("lineups.csv");
        let listed: HashSet<[String; 5]> = lineups.iter().map(key).collect();
        let mut checked: HashSet<String> = HashSet::new();
        for r in rows("lineup_rechecks.csv") {
            assert!(listed.contains(&key(&r)), "no line-up row {:?}", key(&r));
            let verdict = r["verdict"].as_str();
            assert!(matches!(verdict, "confirmed" | "wrong" | "unverifiable"), "{r:?}");
            if verdict != "unverifiable" {
                assert!(r["checked_url"].starts_with("http") && !r["checked_quote"].is_empty());
            }
            // A line-up row found wrong is corrected in the same change, so none stays wrong.
            assert_ne!(verdict, "wrong", "{r:?}");
            checked.insert(r["slice"].clone());
        }
        let slices: HashSet<String> = lineups.iter().map(|r| r["slice"].clone()).collect();
        assert_eq!(checked, slices);
    }
}
