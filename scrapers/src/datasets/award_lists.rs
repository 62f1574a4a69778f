//! Curated award lists (`data/curation/awards.csv`): for a prize known by name and a year, each
//! winner and nominee with its film and directors as a page lists them, or that the prize was
//! not given; with the page, the words that name the film or person, the query and the date.

use std::io::Read;

use super::Parsed;
use super::evidence::{self, Evidence};
use super::lineups::{directors, imdb_title_id};
use crate::named_awards::{self, NamedAward};

/// Bumped whenever the parser's output changes, and recorded with every run.
pub const PARSER_VERSION: &str = "curation_awards/1";

/// What a row says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The film or person won.
    Won,
    /// Nominated, did not win.
    Nominated,
    /// The prize was not given that year.
    NotGiven,
}

/// One row of a curated award list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardEntry {
    /// 1-based line in the file.
    pub line: u64,
    /// The prize.
    pub award: NamedAward,
    /// The edition's (or ceremony's) year.
    pub year: i32,
    /// What happened.
    pub outcome: Outcome,
    /// The film's title as the page writes it (none when the prize was not given).
    pub title: Option<String>,
    /// The original title, when the page gives it.
    pub original_title: Option<String>,
    /// The IMDb title id, when the page gives it.
    pub imdb_id: Option<String>,
    /// For a director's prize the people nominated, else the film's directors, in order.
    pub directors: Vec<String>,
    /// The page and the words that name the film or person.
    pub evidence: Evidence,
    /// Whether the pages read give the year's nominees whole (`nominees` = `all`, the default)
    /// or only some of them (`some`): a partial list confirms and adds, and removes nothing.
    pub whole_list: bool,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    festival: String,
    year: String,
    award: String,
    outcome: String,
    #[serde(default)]
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
    query: String,
    date: String,
    #[serde(default)]
    nominees: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<AwardEntry>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<AwardEntry, String> {
    let key = row.award.trim();
    let award = named_awards::by_key(key).ok_or_else(|| {
        let known: Vec<&str> = named_awards::ALL.iter().map(|a| a.key).collect();
        format!("award {key:?} is not one of {}", known.join(", "))
    })?;
    let festival = row.festival.trim().to_lowercase();
    if festival != award.festival {
        return Err(format!("award {key} is given by {}, not {festival:?}", award.festival));
    }
    let year = evidence::film_year(&row.year, "year")?;
    let outcome = match row.outcome.trim() {
        "won" => Outcome::Won,
        "nominated" => Outcome::Nominated,
        "none" => Outcome::NotGiven,
        other => return Err(format!("outcome {other:?} is not won, nominated or none")),
    };
    let title = Some(crate::names::display_form(&row.title)).filter(|t| !t.is_empty());
    let directors = directors(&row.directors);
    match (outcome, &title) {
        (Outcome::NotGiven, Some(t)) => {
            return Err(format!("outcome none names a film ({t:?}): a prize not given has none"));
        }
        (Outcome::Won | Outcome::Nominated, None) => {
            return Err("title is empty: a winner or nominee needs its film".into());
        }
        _ => {}
    }
    if award.subject_is_person() && outcome != Outcome::NotGiven && directors.is_empty() {
        return Err(format!("directors is empty: {key} names the people it honours"));
    }
    let original_title = Some(crate::names::display_form(&row.original_title))
        .filter(|t| !t.is_empty() && Some(t) != title.as_ref());
    let evidence = evidence::parse_listing(evidence::Cells {
        url: &row.url,
        quote: &row.quote,
        cue: &row.cue,
        query: &row.query,
        date: &row.date,
        ..Default::default()
    })?;
    let whole_list = match row.nominees.trim() {
        "" | "all" => true,
        "some" => false,
        other => return Err(format!("nominees {other:?} is not all or some")),
    };
    Ok(AwardEntry {
        whole_list,
        line,
        award,
        year,
        outcome,
        title,
        original_title,
        imdb_id: imdb_title_id(&row.imdb_id)?,
        directors,
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "festival,year,award,outcome,title,original_title,imdb_id,directors,url,quote,cue,query,date,slice,reader,note\n";

    #[test]
    fn award_rows_name_the_prize_the_outcome_and_the_film() {
        let csv = format!(
            "{HEADER}cesar,1997,cesar_best_director,won,Ridicule,,,Patrice Leconte,https://x.org/a,César du meilleur réalisateur : Patrice Leconte pour Ridicule,Patrice Leconte,César 1997,2026-12-02,s,r,\n\
             venice,1973,golden_lion,none,,,,,https://x.org/b,1969–1979 no awards were given,no awards,Leone d'oro,2026-12-02,s,r,\n\
             cannes,2019,palme,won,Parasite,,,Bong Joon-ho,https://x.org/c,Parasite wins,Parasite,q,2026-12-02,s,r,\n\
             berlin,2015,golden_bear,won,Taxi,,,Jafar Panahi,https://x.org/d,Taxi wins,Taxi,q,2026-12-02,s,r,\n\
             venice,2021,golden_bear,won,L'Événement,,,Audrey Diwan,https://x.org/e,L'Événement,L'Événement,q,2026-12-02,s,r,\n\
             cesar,2024,cesar_best_director,nominated,Le Règne animal,,,,https://x.org/f,Le Règne animal,Le Règne animal,q,2026-12-02,s,r,\n\
             venice,1980,golden_lion,none,Gloria,,,,https://x.org/g,Gloria,Gloria,q,2026-12-02,s,r,\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 3, "{:?}", p.rejected);
        assert_eq!(p.records[0].outcome, Outcome::Won);
        assert_eq!(p.records[1].outcome, Outcome::NotGiven);
        assert_eq!(p.records[2].award, named_awards::GOLDEN_BEAR);
        let reasons: Vec<&str> = p.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons[0].contains("award \"palme\""), "{reasons:?}");
        assert!(reasons[1].contains("given by berlin"), "{reasons:?}");
        assert!(reasons[2].contains("directors is empty"), "{reasons:?}");
        assert!(reasons[3].contains("outcome none names a film"), "{reasons:?}");
    }

    #[test]
    fn a_list_read_in_part_says_so_and_a_whole_one_is_the_default() {
        let csv = "festival,year,award,outcome,title,original_title,imdb_id,directors,url,quote,cue,query,date,slice,reader,note,nominees\n\
             cesar,1999,cesar_best_film,nominated,Taxi,,,Gérard Pirès,https://x.org/a,Taxi nommé meilleur film,Taxi,q,2026-12-03,s,r,,some\n\
             cesar,1999,cesar_best_film,won,La vie rêvée des anges,,,Erick Zonca,https://x.org/a,La vie rêvée des anges,La vie rêvée,q,2026-12-03,s,r,,\n\
             cesar,1999,cesar_best_film,nominated,Place Vendôme,,,Nicole Garcia,https://x.org/a,Place Vendôme,Place Vendôme,q,2026-12-03,s,r,,most\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 2, "{:?}", p.rejected);
        assert!(!p.records[0].whole_list);
        assert!(p.records[1].whole_list);
        assert!(p.rejected[0].reason.contains("nominees \"most\""), "{:?}", p.rejected);
    }
}
