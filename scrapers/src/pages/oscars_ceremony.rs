//! The Academy's ceremony pages (`https://www.oscars.org/oscars/ceremonies/<year>`): every
//! category of one ceremony with its winners and nominees, from the server-rendered Drupal HTML.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::{PageError, Snapshot};

/// Bumped whenever the parser's output changes, and recorded with every parse.
pub const PARSER_VERSION: &str = "oscars_ceremony/1";

/// One ceremony as the Academy's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeremonyPage {
    /// The ceremony's year (2024 for the 96th), from the title, else the URL.
    pub year: i32,
    /// The ceremony's number (96), from the title.
    pub ceremony: Option<u32>,
    /// The categories, in page order.
    pub categories: Vec<CeremonyCategory>,
}

/// One category of a ceremony.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeremonyCategory {
    /// The category as the Academy names it that year (`Directing`).
    pub name: String,
    /// Its winners and nominees, in page order.
    pub honorees: Vec<Honoree>,
}

/// One nomination of a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Honoree {
    /// Whether it won.
    pub won: bool,
    /// The people (or, for some categories, the film or country) named.
    pub names: Vec<String>,
    /// The films named.
    pub films: Vec<String>,
}

/// The page's CSS selectors, compiled once.
struct Selectors {
    category: Selector,
    category_name: Selector,
    honoree: Selector,
    honoree_type: Selector,
    entity: Selector,
    film: Selector,
    title: Selector,
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(|| {
    // The selectors are constants, checked by the tests: a failure here is a typo in this file.
    let compile = |css: &str| Selector::parse(css).expect("a constant CSS selector parses");
    Selectors {
        category: compile("div.paragraph--type--award-category"),
        category_name: compile(".field--name-field-award-category-oscars"),
        honoree: compile("div.paragraph--type--award-honoree"),
        honoree_type: compile(".field--name-field-honoree-type"),
        entity: compile(".field--name-field-award-entities .field__item"),
        film: compile(".field--name-field-award-film"),
        title: compile("title"),
    }
});

/// Reads every category of the ceremony the snapshot's page shows.
pub fn parse(snapshot: &Snapshot) -> Result<CeremonyPage, PageError> {
    let url_year = ceremony_url_year(snapshot)?;
    let html = Html::parse_document(snapshot.text()?);
    let selectors = &*SELECTORS;

    let mut categories = Vec::new();
    for (index, block) in html.select(&selectors.category).enumerate() {
        let name = block
            .select(&selectors.category_name)
            .next()
            .map(text_of)
            .filter(|name| !name.is_empty())
            .ok_or_else(|| {
                snapshot.error(format!(
                    "a category name (.field--name-field-award-category-oscars) in award \
                     category {}",
                    index + 1
                ))
            })?;
        let honorees = block
            .select(&selectors.honoree)
            .map(|honoree| Honoree {
                won: honoree
                    .select(&selectors.honoree_type)
                    .next()
                    .is_some_and(|kind| kind.value().classes().any(|c| c == "winner")),
                names: texts(honoree, &selectors.entity),
                films: texts(honoree, &selectors.film),
            })
            .collect();
        categories.push(CeremonyCategory { name, honorees });
    }
    if categories.is_empty() {
        return Err(snapshot.error("award categories (div.paragraph--type--award-category)"));
    }

    let title = html.select(&selectors.title).next().map(text_of).unwrap_or_default();
    let (ceremony, title_year) = read_title(&title);
    let year = title_year.or(url_year).ok_or_else(|| {
        snapshot.error("the ceremony's year, in the <title> (\"… | 2024\") or the URL")
    })?;
    Ok(CeremonyPage { year, ceremony, categories })
}

/// The year the URL names, after checking it is a ceremony page's URL.
fn ceremony_url_year(snapshot: &Snapshot) -> Result<Option<i32>, PageError> {
    let wrong = || {
        snapshot
            .error("an oscars.org ceremony URL (https://www.oscars.org/oscars/ceremonies/<year>)")
    };
    let url = Url::parse(snapshot.url).map_err(|_| wrong())?;
    if !matches!(url.host_str(), Some("www.oscars.org" | "oscars.org")) {
        return Err(wrong());
    }
    let segments: Vec<&str> =
        url.path_segments().map(|s| s.filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    match segments.as_slice() {
        ["oscars", "ceremonies", year] => Ok(year.parse().ok()),
        _ => Err(wrong()),
    }
}

/// The ceremony number and year of a title like "The 96th Academy Awards | 2024".
fn read_title(title: &str) -> (Option<u32>, Option<i32>) {
    let (name, year) = title.split_once('|').unwrap_or((title, ""));
    let ceremony = name.split_whitespace().find_map(|word| {
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &word[digits.len()..];
        let ordinal = matches!(suffix.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th");
        if ordinal { digits.parse().ok() } else { None }
    });
    let year = year.trim();
    let year = if year.len() == 4 { year.parse().ok() } else { None };
    (ceremony, year)
}

/// The text of every element `selector` finds under `root`, leaving out empty ones.
fn texts(root: ElementRef, selector: &Selector) -> Vec<String> {
    root.select(selector).map(text_of).filter(|t| !t.is_empty()).collect()
}

/// An element's text, trimmed, with inner white space collapsed to single spaces.
fn text_of(element: ElementRef) -> String {
    let mut out = String::new();
    for word in element.text().flat_map(str::split_whitespace) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::saved;
    use super::*;

    const URL: &str = "https://www.oscars.org/oscars/ceremonies/2024";
    const SHA: &str = "feed0123";

    fn snapshot(body: &[u8]) -> Snapshot<'_> {
        Snapshot { url: URL, sha256: SHA, body }
    }

    const SMALL: &str = r#"<html><head><title>The 96th Academy Awards | 2024</title></head><body>
      <div class="paragraph paragraph--type--award-category">
        <div class="field field--name-field-award-category-oscars">  Directing </div>
        <div class="paragraph paragraph--type--award-honoree">
          <div class="field field--name-field-honoree-type winner">Winner</div>
          <div class="field field--name-field-award-entities">
            <div class="field__item">Christopher
               Nolan</div></div>
          <div class="field field--name-field-award-film">Oppenheimer</div>
        </div>
        <div class="paragraph paragraph--type--award-honoree">
          <div class="field field--name-field-honoree-type nominee">Nominees</div>
          <div class="field field--name-field-award-entities">
            <div class="field__item">Justine <em>Triet</em></div></div>
          <div class="field field--name-field-award-film">Anatomy of a Fall</div>
        </div>
      </div></body></html>"#;

    fn error_of(result: Result<CeremonyPage, PageError>) -> String {
        let err = result.err().unwrap();
        assert_eq!((err.url.as_str(), err.sha256.as_str()), (URL, SHA));
        err.to_string()
    }

    #[test]
    fn the_selectors_compile() {
        let _ = &SELECTORS.category;
    }

    #[test]
    fn a_small_page_gives_its_categories_with_collapsed_text() {
        let page = parse(&snapshot(SMALL.as_bytes())).unwrap();
        assert_eq!((page.year, page.ceremony), (2024, Some(96)));
        assert_eq!(page.categories.len(), 1);
        let directing = &page.categories[0];
        assert_eq!(directing.name, "Directing");
        assert_eq!(
            directing.honorees,
            vec![
                Honoree {
                    won: true,
                    names: vec!["Christopher Nolan".into()],
                    films: vec!["Oppenheimer".into()]
                },
                Honoree {
                    won: false,
                    names: vec!["Justine Triet".into()],
                    films: vec!["Anatomy of a Fall".into()]
                },
            ]
        );
    }

    #[test]
    fn the_year_falls_back_to_the_url_when_the_title_lacks_it() {
        let html = SMALL.replace("The 96th Academy Awards | 2024", "Oscars");
        let page = parse(&snapshot(html.as_bytes())).unwrap();
        assert_eq!((page.year, page.ceremony), (2024, None));
        let url = "https://www.oscars.org/oscars/ceremonies/latest";
        let err = parse(&Snapshot { url, sha256: SHA, body: html.as_bytes() }).err().unwrap();
        assert!(err.expected.contains("the ceremony's year"), "{err}");
    }

    #[test]
    fn titles_give_the_ordinal_and_year() {
        assert_eq!(read_title("The 1st Academy Awards | 1929"), (Some(1), Some(1929)));
        assert_eq!(read_title("The 92nd Academy Awards | 2020"), (Some(92), Some(2020)));
        assert_eq!(read_title("The 93rd Academy Awards | 2021"), (Some(93), Some(2021)));
        assert_eq!(read_title("Academy Awards"), (None, None));
        assert_eq!(read_title("The 96th Academy Awards | soon"), (Some(96), None));
    }

    #[test]
    fn a_page_without_award_categories_is_an_error_naming_the_selector() {
        for body in [&b""[..], b"<html><title>The 96th Academy Awards | 2024</title></html>"] {
            let message = error_of(parse(&snapshot(body)));
            assert_eq!(
                message,
                format!(
                    "cannot parse {URL} (snapshot {SHA}): expected award categories \
                     (div.paragraph--type--award-category)"
                )
            );
        }
    }

    #[test]
    fn a_category_without_a_name_is_an_error() {
        let html = SMALL.replace("field--name-field-award-category-oscars", "other");
        let message = error_of(parse(&snapshot(html.as_bytes())));
        assert!(message.contains("expected a category name"), "{message}");
    }

    #[test]
    fn a_non_utf8_body_is_an_error_asking_for_utf8() {
        let message = error_of(parse(&snapshot(b"<html>\xc3\x28</html>")));
        assert!(message.contains("expected UTF-8 text"), "{message}");
    }

    #[test]
    fn a_url_that_is_not_a_ceremony_page_is_an_error() {
        for url in [
            "https://www.oscars.org/oscars/2024",
            "https://www.imdb.com/oscars/ceremonies/2024",
            "oscars.org/oscars/ceremonies/2024",
        ] {
            let err = parse(&Snapshot { url, sha256: SHA, body: SMALL.as_bytes() }).err().unwrap();
            assert_eq!(err.url, url);
            assert!(err.expected.starts_with("an oscars.org ceremony URL"), "{err}");
        }
    }

    #[test]
    fn the_saved_ceremony_page_gives_the_96th_directing_nominees_of_the_bundled_data() {
        let Some(body) = saved::read(saved::OSCARS_FILE) else { return };
        let sha = saved::sha256(&body);
        let page = parse(&saved::snapshot(saved::OSCARS_URL, &sha, &body)).unwrap();
        assert_eq!((page.year, page.ceremony), (2024, Some(96)));

        let directing = page.categories.iter().find(|c| c.name == "Directing").unwrap();
        let mut found: Vec<(String, String, bool)> = directing
            .honorees
            .iter()
            .map(|h| (h.names.join(", "), h.films.join(", "), h.won))
            .collect();
        found.sort();
        assert_eq!(found, saved::directing_96());

        let nominations: usize = page.categories.iter().map(|c| c.honorees.len()).sum();
        let winners = page.categories.iter().flat_map(|c| &c.honorees).filter(|h| h.won).count();
        let names: BTreeSet<&str> = page.categories.iter().map(|c| c.name.as_str()).collect();
        eprintln!(
            "oscars.org 96th Academy Awards: {nominations} nominations, {} categories, \
             {winners} winners",
            names.len()
        );
        // Counted independently by ../shared/peers/p3_parse.py (BeautifulSoup) on the same page:
        // 120 nominations, 23 categories, 23 winners.
        assert_eq!((nominations, names.len(), winners), (120, 23, 23));
        assert_eq!(page.categories.len(), 23);
    }
}
