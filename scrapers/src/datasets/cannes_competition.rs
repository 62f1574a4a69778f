//! The Cannes main competition 1946–2025 (`data/cannes_competition_gt/`, from the R package gt):
//! one row per film with its year, titles, directors, production countries and IMDb id.

use std::io::Read;

use super::Parsed;

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "cannes_competition/1";

/// One film in one year's competition (or, for 2020, the label selection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetitionFilm {
    /// 1-based line in the file.
    pub line: u64,
    /// Festival year.
    pub year: i32,
    /// Common English title.
    pub title: String,
    /// Original title, when it differs.
    pub original_title: Option<String>,
    /// Directors, in the file's order.
    pub directors: Vec<String>,
    /// Production countries as country keys of the `countries` table.
    pub countries: Vec<String>,
    /// Running time in minutes.
    pub runtime_minutes: Option<i32>,
    /// IMDb title id (`tt0038297`).
    pub imdb_id: String,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    year: String,
    title: String,
    original_title: String,
    director: String,
    countries_of_origin: String,
    run_time: String,
    imdb_url: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<CompetitionFilm>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<CompetitionFilm, String> {
    let year: i32 = row
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1939..=2100).contains(y))
        .ok_or_else(|| format!("year {:?} is not a festival year", row.year))?;
    let title = crate::names::display_form(&row.title);
    if title.is_empty() {
        return Err("title is empty".into());
    }
    let original_title =
        Some(crate::names::display_form(&row.original_title)).filter(|t| !t.is_empty());
    let directors: Vec<String> =
        row.director.split(',').map(crate::names::display_form).filter(|d| !d.is_empty()).collect();
    if directors.is_empty() {
        return Err("director is empty".into());
    }
    let countries = row
        .countries_of_origin
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| country_key(c, year))
        .collect::<Result<Vec<_>, _>>()?;
    let runtime_minutes = parse_runtime(&row.run_time)?;
    let imdb_id = imdb_title_id(&row.imdb_url)
        .ok_or_else(|| format!("imdb_url {:?} holds no IMDb title id", row.imdb_url))?;
    Ok(CompetitionFilm {
        line,
        year,
        title,
        original_title,
        directors,
        countries,
        runtime_minutes,
        imdb_id,
    })
}

/// The `countries` key for a code as the file writes it: `CS` was Czechoslovakia until 1992
/// and Serbia and Montenegro from 2003, which ISO 3166-3 tells apart as `CSHH` and `CSXX`.
fn country_key(code: &str, year: i32) -> Result<String, String> {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(format!("country {code:?} is not a two-letter code"));
    }
    let code = code.to_ascii_uppercase();
    Ok(match code.as_str() {
        "CS" if year <= 1992 => "CSHH".to_owned(),
        "CS" => "CSXX".to_owned(),
        _ => code,
    })
}

/// `1h 30m`, `2h`, `45m` → minutes; empty → none.
fn parse_runtime(s: &str) -> Result<Option<i32>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let mut minutes = 0;
    for part in s.split_whitespace() {
        let (n, unit) = part.split_at(part.len().saturating_sub(1));
        let n: i32 = n.parse().map_err(|_| format!("run_time {s:?} is not like \"1h 30m\""))?;
        minutes += match unit {
            "h" => n * 60,
            "m" => n,
            _ => return Err(format!("run_time {s:?} is not like \"1h 30m\"")),
        };
    }
    Ok(Some(minutes))
}

/// The `tt…` id in an IMDb title URL.
fn imdb_title_id(url: &str) -> Option<String> {
    let start = url.find("/title/tt")? + "/title/".len();
    let id: String = url[start..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (id.len() > 2 && id[2..].bytes().all(|b| b.is_ascii_digit())).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "year,title,original_title,director,languages,countries_of_origin,run_time,imdb_url\n";

    #[test]
    fn a_row_becomes_a_film_with_split_directors_and_countries() {
        let csv = format!(
            "{HEADER}1946,The Lovers,Amanti in fuga,Giacomo Gentilomo,it,IT,1h 30m,https://www.imdb.com/title/tt0038297/\n\
             1949,Dark Road,,\"Jean Cocteau, René Clément\",fr,\"FR,CS\",2h,https://www.imdb.com/title/tt0041000/\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert_eq!(p.records[0].line, 2);
        assert_eq!(p.records[0].original_title.as_deref(), Some("Amanti in fuga"));
        assert_eq!(p.records[0].runtime_minutes, Some(90));
        assert_eq!(p.records[0].imdb_id, "tt0038297");
        assert_eq!(p.records[1].directors, ["Jean Cocteau", "René Clément"]);
        assert_eq!(p.records[1].countries, ["FR", "CSHH"]);
        assert_eq!(p.records[1].original_title, None);
    }

    #[test]
    fn malformed_rows_are_rejected_with_their_line_and_the_rest_goes_in() {
        let csv = format!(
            "{HEADER}19x6,A,,B,en,US,1h,https://www.imdb.com/title/tt1/\n\
             1950,Good,,C,en,US,1h 5m,https://www.imdb.com/title/tt0000002/\n\
             1951,No id,,D,en,US,1h,https://example.org/\n\
             1952,Bad country,,E,en,USA,1h,https://www.imdb.com/title/tt0000003/\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].title, "Good");
        let lines: Vec<u64> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert!(p.rejected[0].reason.contains("year \"19x6\""), "{}", p.rejected[0]);
        assert!(p.rejected[1].reason.contains("no IMDb title id"), "{}", p.rejected[1]);
        assert!(p.rejected[2].reason.contains("\"USA\""), "{}", p.rejected[2]);
    }

    #[test]
    fn the_bundled_file_parses_whole() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/cannes_competition_gt/cannes_competition_films.csv"
        );
        let p = parse(std::fs::File::open(path).unwrap()).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert_eq!(p.records.len(), 1873);
        // SOURCE.md: 2023 had 21 films, 2024 22, 2025 22; no festival in 1948 and 1950.
        let count = |y| p.records.iter().filter(|r| r.year == y).count();
        assert_eq!((count(2023), count(2024), count(2025)), (21, 22, 22));
        assert_eq!((count(1948), count(1950)), (0, 0));
        assert_eq!(count(2020), 13);
    }
}
