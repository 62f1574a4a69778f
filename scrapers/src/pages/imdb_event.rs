//! IMDb award event pages (`https://www.imdb.com/event/<event id>/<year>/<instance>/`): every
//! nomination of one edition, with the IMDb ids of its films and people. IMDb renders the page
//! with Next.js, which embeds the whole edition as JSON in `<script id="__NEXT_DATA__">`; that
//! JSON is read directly, without building an HTML tree of the (1.5 MB) page.

use serde::Deserialize;
use url::Url;

use super::{PageError, Snapshot, is_imdb_id};

/// Bumped whenever the parser's output changes, and recorded with every parse.
pub const PARSER_VERSION: &str = "imdb_event/1";

/// One edition of an award event, as its IMDb page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPage {
    /// IMDb event id (`ev0000147` Cannes, `ev0000003` Academy Awards), from the URL.
    pub event_id: String,
    /// The event's name as IMDb gives it (`Academy Awards, USA`).
    pub event_name: Option<String>,
    /// The edition's year.
    pub year: i32,
    /// Which edition of that year (IMDb counts from 1).
    pub instance: u32,
    /// IMDb edition id (`ee0163152`).
    pub edition_id: Option<String>,
    /// Every nomination, in page order.
    pub nominations: Vec<EventNomination>,
}

/// One nomination (or award given without nominees) of an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventNomination {
    /// The award's name (`Oscar`, `Palme d'Or`, `Honorary Award`).
    pub award: String,
    /// IMDb award id (`aw0000016`).
    pub award_id: String,
    /// The category (`Best Achievement in Directing`); `None` when the award has none and is
    /// itself the honour.
    pub category: Option<String>,
    /// Whether it won.
    pub won: bool,
    /// What the nomination honours first: a film, or people.
    pub primary: NomineeKind,
    /// The films it names: the honoured titles, then the titles it credits the people for.
    pub films: Vec<ImdbRef>,
    /// The people it names: the honoured people, then those it credits with the film.
    pub people: Vec<ImdbRef>,
    /// IMDb's note on the nomination (a song's title, a country, a citation).
    pub notes: Option<String>,
}

/// What a nomination honours first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NomineeKind {
    /// A film (IMDb's `AwardedTitles`), with the people credited for it.
    Film,
    /// People (IMDb's `AwardedNames`), with the films they are honoured for.
    Person,
}

/// A film or person as IMDb names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImdbRef {
    /// `tt…` for a film, `nm…` for a person.
    pub imdb_id: String,
    /// The name (a film's title as IMDb displays it).
    pub name: String,
    /// A film's original title, when it differs from `name`.
    pub original_name: Option<String>,
    /// IMDb's note on a person's credit (`(production designer)`).
    pub note: Option<String>,
}

/// Reads every nomination of the edition the snapshot's page shows.
pub fn parse(snapshot: &Snapshot) -> Result<EventPage, PageError> {
    let address = event_address(snapshot)?;
    let html = snapshot.text()?;
    let json = next_data(html)
        .ok_or_else(|| snapshot.error(r#"a <script id="__NEXT_DATA__"> element"#))?;
    let data: NextData = serde_json::from_str(json).map_err(|e| {
        if e.is_data() {
            snapshot.error(format!("JSON at props.pageProps.edition.awards in IMDb's shape: {e}"))
        } else {
            snapshot.error(format!(r#"JSON in the <script id="__NEXT_DATA__"> element: {e}"#))
        }
    })?;
    let page = data.props.and_then(|p| p.page_props);
    let (event_name, info, awards) = match page {
        Some(p) => (p.event_name, p.edition_info, p.edition.and_then(|e| e.awards)),
        None => (None, None, None),
    };
    let awards = awards.ok_or_else(|| {
        snapshot.error("JSON at props.pageProps.edition.awards: an array of awards, not found")
    })?;
    let info = info.unwrap_or_default();
    let year = info.year.or(address.year).ok_or_else(|| {
        snapshot.error("the edition's year, at props.pageProps.editionInfo.year or in the URL")
    })?;
    // IMDb numbers an event's editions within a year from 1 and shows the first when the URL
    // names none.
    let instance = info.instance_within_year.or(address.instance).unwrap_or(1);

    let mut nominations = Vec::new();
    for award in awards {
        for category in award.nomination_categories.edges {
            let category_name = category.node.category.map(|c| c.text);
            let at = Where { award: &award.text, category: category_name.as_deref() };
            for nomination in category.node.nominations.edges {
                let entities = entities_of(snapshot, nomination.node.awarded_entities, at)?;
                nominations.push(EventNomination {
                    award: award.text.clone(),
                    award_id: award.id.clone(),
                    category: category_name.clone(),
                    won: nomination.node.is_winner,
                    primary: entities.primary,
                    films: entities.films,
                    people: entities.people,
                    notes: nomination.node.notes.and_then(Markdown::into_text),
                });
            }
        }
    }
    Ok(EventPage {
        event_id: address.event_id,
        event_name,
        year,
        instance,
        edition_id: info.id,
        nominations,
    })
}

/// What the URL says: the event, and the edition when it names one.
struct EventAddress {
    event_id: String,
    year: Option<i32>,
    instance: Option<u32>,
}

fn event_address(snapshot: &Snapshot) -> Result<EventAddress, PageError> {
    let wrong =
        || snapshot.error("an IMDb event URL (https://www.imdb.com/event/ev…/<year>/<instance>/)");
    let url = Url::parse(snapshot.url).map_err(|_| wrong())?;
    if !matches!(url.host_str(), Some("www.imdb.com" | "imdb.com" | "m.imdb.com")) {
        return Err(wrong());
    }
    let segments: Vec<&str> =
        url.path_segments().map(|s| s.filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    let (event_id, rest) = match segments.as_slice() {
        ["event", id, rest @ ..] if is_imdb_id(id, "ev") && rest.len() <= 2 => (*id, rest),
        _ => return Err(wrong()),
    };
    let year = match rest.first() {
        Some(y) => Some(y.parse().map_err(|_| wrong())?),
        None => None,
    };
    let instance = match rest.get(1) {
        Some(i) => Some(i.parse().map_err(|_| wrong())?),
        None => None,
    };
    Ok(EventAddress { event_id: event_id.to_owned(), year, instance })
}

/// The text of the `<script id="__NEXT_DATA__">` element (either quote style), if any.
fn next_data(html: &str) -> Option<&str> {
    const ID: &str = "__NEXT_DATA__";
    let mut from = 0;
    while let Some(found) = html.get(from..).and_then(|rest| rest.find(ID)) {
        let at = from + found;
        from = at + ID.len();
        let before = &html[..at];
        let quote = if before.ends_with("id=\"") {
            '"'
        } else if before.ends_with("id='") {
            '\''
        } else {
            continue;
        };
        let after = &html[from..];
        // The id must close with its quote, inside a <script> start tag.
        let in_script = after.starts_with(quote)
            && before.rfind('<').is_some_and(|open| {
                before[open..].get(..7).is_some_and(|t| t.eq_ignore_ascii_case("<script"))
                    && !before[open..].contains('>')
            });
        if !in_script {
            continue;
        }
        let body = &after[after.find('>')? + 1..];
        return Some(&body[..script_end(body)?]);
    }
    None
}

/// Where the first `</script` (any case) starts in `text`.
fn script_end(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find("</")) {
        let at = from + found;
        let tag = text.as_bytes().get(at + 2..at + 8);
        if tag.is_some_and(|t| t.eq_ignore_ascii_case(b"script")) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Where in the page a nomination sits, for error messages.
#[derive(Clone, Copy)]
struct Where<'a> {
    award: &'a str,
    category: Option<&'a str>,
}

impl std::fmt::Display for Where<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.category {
            Some(category) => write!(f, "{} / {}", self.award, category),
            None => f.write_str(self.award),
        }
    }
}

/// What a nomination names, checked.
struct Entities {
    primary: NomineeKind,
    films: Vec<ImdbRef>,
    people: Vec<ImdbRef>,
}

fn entities_of(
    snapshot: &Snapshot,
    entities: AwardedEntities,
    at: Where,
) -> Result<Entities, PageError> {
    let primary = match entities.typename.as_str() {
        "AwardedTitles" => NomineeKind::Film,
        "AwardedNames" => NomineeKind::Person,
        other => {
            return Err(snapshot.error(format!(
                "awardedEntities.__typename AwardedTitles or AwardedNames in {at}, found {other:?}"
            )));
        }
    };
    let films = entities
        .award_titles
        .into_iter()
        .chain(entities.secondary_award_titles)
        .flatten()
        .map(|entry| film_ref(snapshot, entry.title, at))
        .collect::<Result<Vec<_>, _>>()?;
    let people = entities
        .award_names
        .into_iter()
        .chain(entities.secondary_award_names)
        .flatten()
        .map(|entry| person_ref(snapshot, entry, at))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Entities { primary, films, people })
}

fn film_ref(snapshot: &Snapshot, title: Title, at: Where) -> Result<ImdbRef, PageError> {
    if !is_imdb_id(&title.id, "tt") {
        return Err(snapshot.error(format!(
            "an IMDb title id (tt and 7 or more digits) in {at}, found {:?}",
            title.id
        )));
    }
    let name = title
        .title_text
        .map(|t| t.text)
        .ok_or_else(|| snapshot.error(format!("titleText for {} in {at}, not found", title.id)))?;
    let original_name = title.original_title_text.map(|t| t.text).filter(|o| *o != name);
    Ok(ImdbRef { imdb_id: title.id, name, original_name, note: None })
}

fn person_ref(snapshot: &Snapshot, entry: NameEntry, at: Where) -> Result<ImdbRef, PageError> {
    let person = entry.name;
    if !is_imdb_id(&person.id, "nm") {
        return Err(snapshot.error(format!(
            "an IMDb name id (nm and 7 or more digits) in {at}, found {:?}",
            person.id
        )));
    }
    let name = person
        .name_text
        .map(|t| t.text)
        .ok_or_else(|| snapshot.error(format!("nameText for {} in {at}, not found", person.id)))?;
    Ok(ImdbRef {
        imdb_id: person.id,
        name,
        original_name: None,
        note: entry.note.and_then(Markdown::into_text),
    })
}

// Only the fields read are declared: serde skips the rest of IMDb's (large) JSON.

#[derive(Deserialize)]
struct NextData {
    props: Option<Props>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Props {
    page_props: Option<PageProps>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageProps {
    event_name: Option<String>,
    edition_info: Option<EditionInfo>,
    edition: Option<Edition>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct EditionInfo {
    year: Option<i32>,
    id: Option<String>,
    instance_within_year: Option<u32>,
}

#[derive(Deserialize)]
struct Edition {
    awards: Option<Vec<Award>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Award {
    text: String,
    id: String,
    nomination_categories: Connection<CategoryNode>,
}

#[derive(Deserialize)]
struct Connection<T> {
    edges: Vec<Edge<T>>,
}

#[derive(Deserialize)]
struct Edge<T> {
    node: T,
}

#[derive(Deserialize)]
struct CategoryNode {
    category: Option<Text>,
    nominations: Connection<NominationNode>,
}

#[derive(Deserialize)]
struct Text {
    text: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NominationNode {
    is_winner: bool,
    notes: Option<Markdown>,
    awarded_entities: AwardedEntities,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AwardedEntities {
    #[serde(rename = "__typename")]
    typename: String,
    award_titles: Option<Vec<TitleEntry>>,
    secondary_award_titles: Option<Vec<TitleEntry>>,
    award_names: Option<Vec<NameEntry>>,
    secondary_award_names: Option<Vec<NameEntry>>,
}

#[derive(Deserialize)]
struct TitleEntry {
    title: Title,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Title {
    id: String,
    title_text: Option<Text>,
    original_title_text: Option<Text>,
}

#[derive(Deserialize)]
struct NameEntry {
    name: Name,
    note: Option<Markdown>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Name {
    id: String,
    name_text: Option<Text>,
}

/// A note: IMDb sends `{"plainText": …}`, older payloads a bare string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Markdown {
    Plain(String),
    Rich {
        #[serde(rename = "plainText")]
        plain_text: Option<String>,
    },
}

impl Markdown {
    fn into_text(self) -> Option<String> {
        let text = match self {
            Self::Plain(text) => text,
            Self::Rich { plain_text } => plain_text?,
        };
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::saved;
    use super::*;

    const URL: &str = "https://www.imdb.com/event/ev0000003/2024/1/";
    const SHA: &str = "0123abcd";

    fn snapshot(body: &[u8]) -> Snapshot<'_> {
        Snapshot { url: URL, sha256: SHA, body }
    }

    fn error_of(result: Result<EventPage, PageError>) -> String {
        let err = result.err().unwrap();
        assert_eq!((err.url.as_str(), err.sha256.as_str()), (URL, SHA));
        let message = err.to_string();
        assert!(message.starts_with(&format!("cannot parse {URL} (snapshot {SHA}): expected ")));
        message
    }

    fn page_with(json: &str) -> String {
        format!(
            "<html><head><script>var x = 1;</script></head><body>\
             <script id=\"__NEXT_DATA__\" type=\"application/json\">{json}</script></body></html>"
        )
    }

    const SMALL: &str = r#"{"props":{"pageProps":{"eventName":"Cannes Film Festival",
        "editionInfo":{"year":2023,"id":"ee0000001","instanceWithinYear":1},
        "edition":{"awards":[
          {"text":"Palme d'Or","id":"aw0000001","nominationCategories":{"edges":[
            {"node":{"category":null,"nominations":{"edges":[
              {"node":{"isWinner":true,"notes":null,"awardedEntities":{"__typename":"AwardedNames",
                "awardNames":[{"name":{"id":"nm2630323","nameText":{"text":"Justine Triet"}},"note":null}],
                "secondaryAwardTitles":[{"title":{"id":"tt17009710",
                  "titleText":{"text":"Anatomy of a Fall"},
                  "originalTitleText":{"text":"Anatomie d'une chute"}}}]}}},
              {"node":{"isWinner":false,"notes":{"plainText":" France "},
                "awardedEntities":{"__typename":"AwardedTitles",
                "awardTitles":[{"title":{"id":"tt17009710","titleText":{"text":"Anatomy of a Fall"},
                  "originalTitleText":{"text":"Anatomy of a Fall"}}}],
                "secondaryAwardNames":null}}}
            ]}}}]}}]}}}}"#;

    #[test]
    fn a_small_page_gives_its_nominations_with_films_and_people() {
        let html = page_with(SMALL);
        let page = parse(&snapshot(html.as_bytes())).unwrap();
        assert_eq!(page.event_id, "ev0000003");
        assert_eq!(page.event_name.as_deref(), Some("Cannes Film Festival"));
        assert_eq!((page.year, page.instance), (2023, 1));
        assert_eq!(page.edition_id.as_deref(), Some("ee0000001"));
        assert_eq!(page.nominations.len(), 2);
        let first = &page.nominations[0];
        assert_eq!((first.award.as_str(), first.award_id.as_str()), ("Palme d'Or", "aw0000001"));
        assert_eq!(first.category, None);
        assert!(first.won);
        assert_eq!(first.primary, NomineeKind::Person);
        assert_eq!(first.people[0].imdb_id, "nm2630323");
        assert_eq!(first.films[0].original_name.as_deref(), Some("Anatomie d'une chute"));
        let second = &page.nominations[1];
        assert_eq!(second.primary, NomineeKind::Film);
        assert_eq!(second.films[0].original_name, None);
        assert!(second.people.is_empty());
        assert_eq!(second.notes.as_deref(), Some("France"));
    }

    #[test]
    fn the_script_may_use_single_quotes_and_come_after_its_type() {
        let html = page_with(SMALL).replace(
            "<script id=\"__NEXT_DATA__\" type=\"application/json\">",
            "<SCRIPT type='application/json' id='__NEXT_DATA__'>",
        );
        let html = html.replacen("</script></body>", "</SCRIPT></body>", 1);
        assert_eq!(parse(&snapshot(html.as_bytes())).unwrap().nominations.len(), 2);
    }

    #[test]
    fn the_url_gives_the_year_and_instance_when_the_json_does_not() {
        let json = SMALL.replace(r#""year":2023,"#, "").replace(r#","instanceWithinYear":1"#, "");
        let html = page_with(&json);
        let body = html.as_bytes();
        let url = "https://www.imdb.com/event/ev0000147/2019/2";
        let page = parse(&Snapshot { url, sha256: SHA, body }).unwrap();
        assert_eq!((page.event_id.as_str(), page.year, page.instance), ("ev0000147", 2019, 2));
        let url = "https://www.imdb.com/event/ev0000147/";
        let err = parse(&Snapshot { url, sha256: SHA, body }).err().unwrap();
        assert!(err.expected.contains("year"), "{err}");
    }

    #[test]
    fn an_empty_body_is_an_error_saying_the_script_is_missing() {
        let message = error_of(parse(&snapshot(b"")));
        assert!(
            message.ends_with(r#"expected a <script id="__NEXT_DATA__"> element"#),
            "{message}"
        );
    }

    #[test]
    fn a_non_utf8_body_is_an_error_asking_for_utf8() {
        let message = error_of(parse(&snapshot(b"<html>\xff\xfe</html>")));
        assert!(message.contains("expected UTF-8 text"), "{message}");
    }

    #[test]
    fn html_without_the_script_is_an_error_saying_the_script_is_missing() {
        let html = b"<html><script id=\"other\">{}</script><p id=\"__NEXT_DATA__\">{}</p></html>";
        let message = error_of(parse(&snapshot(html)));
        assert!(
            message.ends_with(r#"expected a <script id="__NEXT_DATA__"> element"#),
            "{message}"
        );
    }

    #[test]
    fn a_script_with_broken_json_is_an_error_quoting_the_json_error() {
        let html = page_with(r#"{"props":{"pageProps":{"eventName":"X",,"edition":{}}}}"#);
        let message = error_of(parse(&snapshot(html.as_bytes())));
        assert!(message.contains(r#"expected JSON in the <script id="__NEXT_DATA__"> element: "#));
        assert!(message.contains("line 1 column"), "{message}");
    }

    #[test]
    fn json_without_awards_is_an_error_naming_the_path() {
        for json in [
            r#"{"props":{"pageProps":{"eventName":"X","edition":{}}}}"#,
            r#"{"props":{}}"#,
            r#"{}"#,
        ] {
            let message = error_of(parse(&snapshot(page_with(json).as_bytes())));
            assert!(
                message.contains("expected JSON at props.pageProps.edition.awards"),
                "{message}"
            );
        }
        let wrong_type = page_with(r#"{"props":{"pageProps":{"edition":{"awards":{"a":1}}}}}"#);
        let message = error_of(parse(&snapshot(wrong_type.as_bytes())));
        assert!(message.contains("expected JSON at props.pageProps.edition.awards"), "{message}");
        assert!(message.contains("invalid type: map, expected a sequence"), "{message}");
    }

    #[test]
    fn a_url_that_is_not_an_event_page_is_an_error() {
        let html = page_with(SMALL);
        for url in [
            "https://www.imdb.com/title/tt17009710/",
            "https://www.example.org/event/ev0000003/2024/1/",
            "https://www.imdb.com/event/ev12/2024/1/",
            "https://www.imdb.com/event/ev0000003/twenty/1/",
            "not a url",
        ] {
            let err = parse(&Snapshot { url, sha256: SHA, body: html.as_bytes() }).err().unwrap();
            assert_eq!((err.url.as_str(), err.sha256.as_str()), (url, SHA));
            assert!(err.to_string().contains("expected an IMDb event URL"), "{err}");
        }
    }

    #[test]
    fn a_malformed_imdb_id_is_an_error_naming_it() {
        let html = page_with(&SMALL.replace("nm2630323", "nm26x"));
        let message = error_of(parse(&snapshot(html.as_bytes())));
        assert!(
            message.contains(
                r#"an IMDb name id (nm and 7 or more digits) in Palme d'Or, found "nm26x""#
            ),
            "{message}"
        );
        let html = page_with(&SMALL.replacen("tt17009710", "nm17009710", 1));
        let message = error_of(parse(&snapshot(html.as_bytes())));
        assert!(message.contains(r#"found "nm17009710""#), "{message}");
    }

    #[test]
    fn an_unknown_kind_of_awarded_entity_is_an_error_naming_it() {
        let html = page_with(&SMALL.replace("AwardedTitles", "AwardedCompanies"));
        let message = error_of(parse(&snapshot(html.as_bytes())));
        assert!(message.contains(r#"found "AwardedCompanies""#), "{message}");
    }

    #[test]
    fn the_saved_oscars_page_gives_the_96th_directing_nominees_of_the_bundled_data() {
        let Some(body) = saved::read(saved::IMDB_FILE) else { return };
        let sha = saved::sha256(&body);
        let page = parse(&saved::snapshot(saved::IMDB_URL, &sha, &body)).unwrap();
        assert_eq!(page.event_id, "ev0000003");
        assert_eq!(page.event_name.as_deref(), Some("Academy Awards, USA"));
        assert_eq!((page.year, page.instance), (2024, 1));
        assert_eq!(page.edition_id.as_deref(), Some("ee0163152"));

        let directing: Vec<&EventNomination> = page
            .nominations
            .iter()
            .filter(|n| n.category.as_deref() == Some("Best Achievement in Directing"))
            .collect();
        let mut found: Vec<(String, String, bool)> = directing
            .iter()
            .map(|n| (n.people[0].name.clone(), n.films[0].name.clone(), n.won))
            .collect();
        found.sort();
        assert_eq!(found, saved::directing_96());
        assert!(directing.iter().all(|n| n.award == "Oscar" && n.primary == NomineeKind::Person));
        let triet = directing.iter().find(|n| n.people[0].imdb_id == "nm2630323").unwrap();
        assert_eq!(triet.people[0].name, "Justine Triet");
        assert_eq!(
            (triet.films[0].imdb_id.as_str(), triet.films[0].name.as_str()),
            ("tt17009710", "Anatomy of a Fall")
        );
        assert_eq!(triet.films[0].original_name.as_deref(), Some("Anatomie d'une chute"));
        let nolan = directing.iter().find(|n| n.people[0].name == "Christopher Nolan").unwrap();
        assert!(nolan.won && nolan.people[0].imdb_id == "nm0634240");

        let categories: BTreeSet<&str> =
            page.nominations.iter().map(|n| n.category.as_deref().unwrap_or(&n.award)).collect();
        let winners = page.nominations.iter().filter(|n| n.won).count();
        eprintln!(
            "IMDb 96th Academy Awards: {} nominations, {} categories, {winners} winners",
            page.nominations.len(),
            categories.len()
        );
        // Counted independently by ../shared/peers/p3_parse.py (BeautifulSoup + json) on the same
        // page: 130 nominations, 27 categories (the award's name when there is no category),
        // 32 winners.
        assert_eq!((page.nominations.len(), categories.len(), winners), (130, 27, 32));
    }
}
