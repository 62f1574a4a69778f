//! What a curation row must carry for a reviewer to check it: the page read, a short quote from
//! it with the cue word that states the fact, the search query that found the page and the date.
//! A page from a copy site or a content farm counts only beside a second, independent page.

use chrono::NaiveDate;

/// Quotes longer than this are not short citations any more.
pub const MAX_QUOTE_WORDS: usize = 25;

/// Hosts that copy or aggregate other pages (mirrors of Wikipedia, people-aggregators, content
/// farms): never the sole evidence of a fact.
const COPY_SITES: &[&str] = &[
    "alchetron.com",
    "dbpedia.org",
    "de-academic.com",
    "design-encyclopedia.com",
    "encyclopediahub.com",
    "enwikipedia.net",
    "everybodywiki.com",
    "fampeople.com",
    "famousfix.com",
    "hx.cz",
    "infinitelexicon.com",
    "kiddle.co",
    "owiki.org",
    "peoplepill.com",
    "piglix.com",
    "the-uncensored-wiki.com",
    "wiki.x.io",
    "wiki2.org",
    "wikimili.com",
    "wikisum.wiki",
    "wikiwand.com",
    "wikizero.com",
];

/// Whether `host` (or a domain above it) is a copy site.
pub fn is_copy_site(host: &str) -> bool {
    let host = host.trim_start_matches("www.");
    COPY_SITES.iter().any(|s| host == *s || host.ends_with(&format!(".{s}")))
}

/// A page and the words on it that state a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The page's address.
    pub url: String,
    /// At most [`MAX_QUOTE_WORDS`] words from it.
    pub quote: String,
}

/// The evidence of a curation row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The page read and its quote.
    pub page: Citation,
    /// The word of the quote that states the fact ("she", "son of", "actrice").
    pub cue: String,
    /// The search query that found the page.
    pub query: String,
    /// When the page was read.
    pub date: NaiveDate,
    /// A second, independent page, required when the first is a copy site.
    pub second: Option<Citation>,
}

impl Evidence {
    /// The evidence in one line, as stored with the fact.
    pub fn describe(&self) -> String {
        let mut out = format!(
            "{} — “{}” (cue “{}”; found with “{}”; read {})",
            self.page.url, self.page.quote, self.cue, self.query, self.date
        );
        if let Some(s) = &self.second {
            out.push_str(&format!("; also {} — “{}”", s.url, s.quote));
        }
        out
    }
}

/// The raw cells of a row's evidence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cells<'a> {
    /// `evidence_url`.
    pub url: &'a str,
    /// `quote`.
    pub quote: &'a str,
    /// `cue`.
    pub cue: &'a str,
    /// `query`.
    pub query: &'a str,
    /// `date`.
    pub date: &'a str,
    /// `second_url`.
    pub second_url: &'a str,
    /// `second_quote`.
    pub second_quote: &'a str,
}

/// A web page's address, or why the cell is not one.
fn page_url(cell: &str, column: &str) -> Result<url::Url, String> {
    let url =
        url::Url::parse(cell.trim()).map_err(|e| format!("{column} {cell:?} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("{column} {cell:?} is not a web page address"));
    }
    Ok(url)
}

/// A short quote from `column`, or why it is not one.
pub fn quote(cell: &str, column: &str) -> Result<String, String> {
    let q = crate::names::display_form(cell);
    if q.is_empty() {
        return Err(format!("{column} is empty: a row needs the words of its evidence"));
    }
    let words = q.split_whitespace().count();
    if words > MAX_QUOTE_WORDS {
        return Err(format!(
            "{column} has {words} words: a short citation has at most {MAX_QUOTE_WORDS}"
        ));
    }
    Ok(q)
}

/// Whether `cue` appears in `quote` as whole words, ignoring case. Elisions split words
/// ("D’elle", "quest’uomo"); in scripts written without spaces (Chinese, Japanese) the cue is
/// looked for as it stands.
fn cue_in(quote: &str, cue: &str) -> bool {
    let unspaced = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}');
    if cue.chars().any(unspaced) {
        return quote.contains(cue.trim());
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (q, c) = (words(quote), words(cue));
    !c.is_empty() && q.windows(c.len()).any(|w| w == c.as_slice())
}

/// The year of a film a row ties its person to, or why `column` does not hold one.
pub fn film_year(cell: &str, column: &str) -> Result<i32, String> {
    cell.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1880..=2100).contains(y))
        .ok_or_else(|| format!("{column} {cell:?} is not a year"))
}

/// The date a page was read.
pub fn read_date(cell: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(cell.trim(), "%Y-%m-%d")
        .map_err(|_| format!("date {cell:?} is not YYYY-MM-DD"))
}

/// Checks the cells of a row's evidence, naming the first thing wrong.
pub fn parse(c: Cells<'_>) -> Result<Evidence, String> {
    parse_with(c, CopySite::NeedsSecondPage)
}

/// Checks the evidence of a row that a published list states (a festival's line-up, a prize's
/// winners): a copy of an edition's encyclopedia page may stand alone, since the list it copies is
/// the festival's own and any reader can compare it with another copy; and the cue (a title or a
/// name, never a short word like "he") may run into the next word, as stored copies of tables
/// often join a name to the title beside it ("Agnès VardaVogelfrei").
pub fn parse_listing(c: Cells<'_>) -> Result<Evidence, String> {
    parse_with(c, CopySite::Enough)
}

/// Whether a page from a copy site may be a row's only page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopySite {
    NeedsSecondPage,
    Enough,
}

fn parse_with(c: Cells<'_>, copy_site: CopySite) -> Result<Evidence, String> {
    if c.url.trim().is_empty() {
        return Err("evidence_url is empty: a row needs the page that states it".into());
    }
    let url = page_url(c.url, "evidence_url")?;
    let page_quote = quote(c.quote, "quote")?;
    let cue = crate::names::display_form(c.cue);
    if cue.is_empty() {
        return Err("cue is empty: name the word of the quote that states it".into());
    }
    let cued = match copy_site {
        CopySite::NeedsSecondPage => cue_in(&page_quote, &cue),
        CopySite::Enough => page_quote.to_lowercase().contains(&cue.to_lowercase()),
    };
    if !cued {
        return Err(format!("cue {cue:?} is not in the quote {page_quote:?}"));
    }
    let query = crate::names::display_form(c.query);
    if query.is_empty() {
        return Err("query is empty: record the search that found the page".into());
    }
    let date = read_date(c.date)?;
    let host = url.host_str().unwrap_or_default().to_owned();
    let second = if c.second_url.trim().is_empty() {
        None
    } else {
        let second = page_url(c.second_url, "second_url")?;
        let second_host = second.host_str().unwrap_or_default();
        if second_host.trim_start_matches("www.") == host.trim_start_matches("www.") {
            return Err(format!("second_url is on the same site as evidence_url ({host})"));
        }
        if is_copy_site(second_host) && is_copy_site(&host) {
            return Err(format!(
                "evidence_url and second_url are both on copy sites ({host}, {second_host})"
            ));
        }
        Some(Citation { url: second.to_string(), quote: quote(c.second_quote, "second_quote")? })
    };
    if copy_site == CopySite::NeedsSecondPage && is_copy_site(&host) && second.is_none() {
        return Err(format!(
            "evidence_url is on a copy site ({host}): give a second, independent page in second_url"
        ));
    }
    Ok(Evidence {
        page: Citation { url: url.to_string(), quote: page_quote },
        cue,
        query,
        date,
        second,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(url: &'a str, quote: &'a str, cue: &'a str) -> Cells<'a> {
        Cells {
            url,
            quote,
            cue,
            query: "Mati Diop director",
            date: "2026-12-02",
            ..Cells::default()
        }
    }

    #[test]
    fn evidence_needs_a_page_a_short_quote_its_cue_and_the_query() {
        let ok = parse(cells(
            "https://www.lci.fr/cannes-2019",
            "D’elle, désormais, on attend beaucoup.",
            "elle",
        ))
        .unwrap();
        assert_eq!(ok.cue, "elle");
        assert!(ok.describe().contains("found with “Mati Diop director”"));
        assert!(parse(cells("", "She", "She")).unwrap_err().contains("evidence_url"));
        assert!(parse(cells("ftp://x.org/a", "She", "She")).unwrap_err().contains("web page"));
        assert!(parse(cells("https://x.org/a", "", "She")).unwrap_err().contains("quote"));
        assert!(
            parse(cells("https://x.org/a", "The director", "she")).unwrap_err().contains("cue")
        );
        assert!(parse(cells("https://x.org/a", "I cimeli di quest’uomo", "uomo")).is_ok());
        assert!(parse(cells("https://x.org/a", "作者榎本虎彦の次男として誕生。", "次男")).is_ok());
        // "he" is not found inside "the" or "she".
        assert!(parse(cells("https://x.org/a", "She is the one", "he")).is_err());
        let long = "word ".repeat(MAX_QUOTE_WORDS + 1) + "she";
        assert!(parse(cells("https://x.org/a", &long, "she")).unwrap_err().contains("words"));
        let no_query = Cells { query: " ", ..cells("https://x.org/a", "She won", "She") };
        assert!(parse(no_query).unwrap_err().contains("query"));
        let bad_date = Cells { date: "02/12/2026", ..cells("https://x.org/a", "She won", "She") };
        assert!(parse(bad_date).unwrap_err().contains("date"));
    }

    #[test]
    fn a_copy_site_needs_a_second_independent_page() {
        let farm = cells("http://piglix.com/piglix/Someone", "He is known for", "He");
        assert!(parse(farm).unwrap_err().contains("copy site"));
        let with_second = Cells {
            second_url: "https://en.wikipedia.org/wiki/Someone",
            second_quote: "his first film",
            ..farm
        };
        assert!(parse(with_second).unwrap().second.is_some());
        let second_farm = Cells { second_url: "https://www.fampeople.com/x", ..with_second };
        assert!(parse(second_farm).unwrap_err().contains("both on copy sites"));
        assert!(is_copy_site("en.wikiwand.com"));
        assert!(!is_copy_site("en.wikipedia.org"));
    }
}
