//! Every Academy Awards nomination, ceremonies 1 (1929) to 98 (2026) (`data/oscars/`, from
//! DLu/oscar_data): category, films and nominees with their IMDb ids, and whether it won.

use std::io::Read;

use super::Parsed;

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "oscars/1";

/// Who a nomination names, as far as the source identifies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NomineeId {
    /// An IMDb person id (`nm0000759`).
    Person(String),
    /// An IMDb company id (`co0000756`): an organisation, never a person.
    Company(String),
    /// The source gives no id (`?` or nothing): kept as text only.
    Unknown,
}

/// One nominee of a nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nominee {
    /// The name as published.
    pub name: String,
    /// Its identity, if the source gives one.
    pub id: NomineeId,
}

/// One film a nomination names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NominatedFilm {
    /// The title as published.
    pub title: String,
    /// IMDb title id.
    pub imdb_id: String,
}

/// One nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nomination {
    /// 1-based line in the file.
    pub line: u64,
    /// Ceremony number (1 = 1929).
    pub ceremony: i32,
    /// The film year(s) honoured, as written (`1927/28`, `2025`).
    pub film_year: String,
    /// Broad class (`Acting`, `Directing`, `Title`, ...).
    pub class: String,
    /// Category normalised across eras (`DIRECTING`, `ACTRESS IN A LEADING ROLE`).
    pub canonical_category: String,
    /// Category as the Academy named it that year.
    pub category: String,
    /// Films named, with their ids (films without an id are left out of this list).
    pub films: Vec<NominatedFilm>,
    /// The nomination's text as published.
    pub name: String,
    /// Nominees, aligned with their ids.
    pub nominees: Vec<Nominee>,
    /// Whether it won.
    pub won: bool,
    /// Character names, song titles and the like.
    pub detail: Option<String>,
}

impl Nomination {
    /// The year the ceremony took place: the (last) film year plus one, except for the 3rd, 4th and
    /// 5th ceremonies, held in November of the films' own year (1930, 1931, 1932).
    pub fn ceremony_year(&self) -> Option<i32> {
        let last = self.film_year.rsplit('/').next()?;
        let first: i32 = self.film_year.get(..4)?.parse().ok()?;
        let last: i32 = match last.len() {
            4 => last.parse().ok()?,
            2 => first / 100 * 100 + last.parse::<i32>().ok()?,
            _ => return None,
        };
        Some(if (3..=5).contains(&self.ceremony) { last } else { last + 1 })
    }
}

fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("").trim()
}

/// Parses the TAB-separated file; rows may lack trailing columns. A malformed row is rejected
/// with its line.
pub fn parse(input: impl Read) -> Result<Parsed<Nomination>, csv::Error> {
    let reader =
        csv::ReaderBuilder::new().delimiter(b'\t').flexible(true).quoting(false).from_reader(input);
    super::read_rows(reader, |line, raw, _headers| record(line, raw))
}

fn split(s: &str) -> Vec<&str> {
    if s.is_empty() { Vec::new() } else { s.split('|').map(str::trim).collect() }
}

fn record(line: u64, raw: &csv::StringRecord) -> Result<Nomination, String> {
    let field = |i: usize| opt(raw.get(i));
    let ceremony: i32 = field(0)
        .parse()
        .ok()
        .filter(|c| *c >= 1)
        .ok_or_else(|| format!("Ceremony {:?} is not a ceremony number", field(0)))?;
    let canonical_category = field(3).to_owned();
    if canonical_category.is_empty() {
        return Err("CanonicalCategory is empty".into());
    }
    let titles = split(field(5));
    let film_ids = split(field(6));
    if !film_ids.is_empty() && titles.len() != film_ids.len() {
        return Err(format!("Film has {} titles but FilmId {} ids", titles.len(), film_ids.len()));
    }
    let mut films = Vec::new();
    for (title, id) in titles.iter().zip(&film_ids) {
        if id.is_empty() || *id == "?" {
            continue;
        }
        if !(id.starts_with("tt") && id.len() > 2 && id[2..].bytes().all(|b| b.is_ascii_digit())) {
            return Err(format!("FilmId {id:?} is not an IMDb title id"));
        }
        films.push(NominatedFilm {
            title: crate::names::display_form(title),
            imdb_id: (*id).to_owned(),
        });
    }
    let names = split(field(8));
    let ids = split(field(9));
    let nominees = if ids.is_empty() {
        names
            .iter()
            .map(|n| Nominee { name: crate::names::display_form(n), id: NomineeId::Unknown })
            .collect()
    } else if ids.len() == names.len() {
        names
            .iter()
            .zip(&ids)
            .map(|(n, id)| {
                let id = match *id {
                    i if i.starts_with("nm") => NomineeId::Person(i.to_owned()),
                    i if i.starts_with("co") => NomineeId::Company(i.to_owned()),
                    _ => NomineeId::Unknown,
                };
                Nominee { name: crate::names::display_form(n), id }
            })
            .collect()
    } else {
        return Err(format!("Nominees has {} names but NomineeIds {} ids", names.len(), ids.len()));
    };
    let won = match field(10) {
        "True" => true,
        "" | "False" => false,
        other => return Err(format!("Winner {other:?} is neither True nor empty")),
    };
    let nomination = Nomination {
        line,
        ceremony,
        film_year: field(1).to_owned(),
        class: field(2).to_owned(),
        canonical_category,
        category: field(4).to_owned(),
        films,
        name: crate::names::display_form(field(7)),
        nominees,
        won,
        detail: Some(field(11).to_owned()).filter(|d| !d.is_empty()),
    };
    if nomination.ceremony_year().is_none() {
        return Err(format!("Year {:?} is not a film year", nomination.film_year));
    }
    Ok(nomination)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Ceremony\tYear\tClass\tCanonicalCategory\tCategory\tFilm\tFilmId\tName\tNominees\tNomineeIds\tWinner\tDetail\tNote\tCitation\n";

    #[test]
    fn rows_become_nominations_with_aligned_films_and_nominees() {
        let tsv = format!(
            "{HEADER}96\t2023\tDirecting\tDIRECTING\tDIRECTING\tAnatomy of a Fall\ttt17009710\tJustine Triet\tJustine Triet\tnm1110019\n\
             1\t1927/28\tActing\tACTOR IN A LEADING ROLE\tACTOR\tThe Noose|The Patent Leather Kid\ttt0019217|tt0018253\tRichard Barthelmess\tRichard Barthelmess\tnm0001932\t\tNickie Elkins\n\
             4\t1930/31\tSciTech\tSCIENTIFIC OR TECHNICAL AWARD (Class I)\tSCI\t\t\t\tE. C. Wente|Bell Telephone Laboratories\t\tTrue\n"
        );
        let p = parse(tsv.as_bytes()).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let triet = &p.records[0];
        assert_eq!(triet.line, 2);
        assert_eq!(triet.ceremony_year(), Some(2024));
        assert_eq!(triet.nominees[0].id, NomineeId::Person("nm1110019".into()));
        assert!(!triet.won);
        let first = &p.records[1];
        assert_eq!(first.films.len(), 2);
        assert_eq!(first.ceremony_year(), Some(1929));
        assert_eq!(first.detail.as_deref(), Some("Nickie Elkins"));
        let scitech = &p.records[2];
        assert_eq!(scitech.ceremony_year(), Some(1931));
        assert!(scitech.won);
        assert!(scitech.nominees.iter().all(|n| n.id == NomineeId::Unknown));
    }

    #[test]
    fn misaligned_or_malformed_rows_are_rejected_with_their_line() {
        let tsv = format!(
            "{HEADER}x\t2023\tDirecting\tDIRECTING\tDIRECTING\tA\ttt1\tB\tB\tnm1\n\
             96\t2023\tDirecting\tDIRECTING\tDIRECTING\tA\ttt1\tB\tB|C\tnm1\n\
             96\t2023\tDirecting\tDIRECTING\tDIRECTING\tA\ttt1\tB\tB\tnm1\tmaybe\n"
        );
        let p = parse(tsv.as_bytes()).unwrap();
        assert!(p.records.is_empty());
        let lines: Vec<u64> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(p.rejected[1].reason.contains("2 names but NomineeIds 1"), "{}", p.rejected[1]);
    }

    #[test]
    fn the_bundled_file_parses_whole() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/oscars/oscars.tsv");
        let p = parse(std::fs::File::open(path).unwrap()).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", &p.rejected[..p.rejected.len().min(5)]);
        assert_eq!(p.records.len(), 12_137);
        assert_eq!(p.records.iter().filter(|r| r.won).count(), 3_515);
        let directing = p.records.iter().filter(|r| r.canonical_category == "DIRECTING").count();
        assert_eq!(directing, 479);
        // The 96th ceremony (2024): Justine Triet among the five Directing nominees.
        let d96: Vec<&str> = p
            .records
            .iter()
            .filter(|r| r.ceremony == 96 && r.canonical_category == "DIRECTING")
            .map(|r| r.nominees[0].name.as_str())
            .collect();
        assert_eq!(d96.len(), 5);
        assert!(d96.contains(&"Justine Triet"));
        assert!(
            p.records.iter().filter(|r| r.ceremony == 96).all(|r| r.ceremony_year() == Some(2024))
        );
    }
}
