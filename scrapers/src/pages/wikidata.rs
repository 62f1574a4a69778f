//! Wikidata, through its SPARQL endpoint: the queries that look films and people up by IMDb id
//! (P345), and the parsers of their results (the W3C SPARQL 1.1 JSON format).

use std::collections::{BTreeMap, BTreeSet};

use egalite_shared::Gender;

use super::sparql::{self, Row};
use super::{PageError, Snapshot, is_imdb_id};

/// Bumped whenever [`parse_films`]'s output changes, and recorded with every parse.
pub const FILMS_PARSER_VERSION: &str = "wikidata_films/1";
/// Bumped whenever [`parse_people`]'s output changes, and recorded with every parse.
pub const PEOPLE_PARSER_VERSION: &str = "wikidata_people/1";

/// Where the queries are sent (as `query=` of a GET or a form POST).
pub const ENDPOINT: &str = "https://query.wikidata.org/sparql";
/// The `Accept` header that asks the endpoint for the JSON results these parsers read.
pub const ACCEPT: &str = "application/sparql-results+json";

/// How Wikidata names its entities in query results.
const ENTITY_PREFIX: &str = "http://www.wikidata.org/entity/";
/// How Wikidata's query service writes an "unknown value" statement.
const UNKNOWN_VALUE_PREFIX: &str = "http://www.wikidata.org/.well-known/genid/";

/// Why a query could not be written.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// An id that is not an IMDb id of the kind the query looks up.
    #[error(
        "cannot write the Wikidata {query} query: {id:?} is not an IMDb id ({prefix} and 7 or more digits)"
    )]
    InvalidId {
        /// Which query (`films`, `people`).
        query: &'static str,
        /// The prefix it needed (`tt`, `nm`).
        prefix: &'static str,
        /// The id given.
        id: String,
    },
    /// No ids at all: the query would ask for nothing.
    #[error("cannot write the Wikidata {query} query: no IMDb ids given")]
    NoIds {
        /// Which query (`films`, `people`).
        query: &'static str,
    },
}

/// A film as Wikidata describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikidataFilm {
    /// Wikidata item (`Q108839994`).
    pub qid: String,
    /// The IMDb id it was looked up by.
    pub imdb_id: String,
    /// Its label in French, else English; `None` when it has neither.
    pub title: Option<String>,
    /// Its directors (P57), as Wikidata items, sorted.
    pub directors: Vec<String>,
    /// Its countries of origin (P495), as ISO 3166-1 alpha-2 codes (P297), sorted.
    pub countries: Vec<String>,
}

/// A person as Wikidata describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikidataPerson {
    /// Wikidata item (`Q25191`).
    pub qid: String,
    /// The IMDb id they were looked up by.
    pub imdb_id: String,
    /// Their label in French, else English; `None` when they have neither.
    pub name: Option<String>,
    /// Their gender as Wikidata states it (P21); `None` when it states none.
    pub gender: Option<DeclaredGender>,
    /// Their countries of citizenship (P27), as ISO 3166-1 alpha-2 codes (P297), sorted.
    pub citizenships: Vec<String>,
}

/// A gender Wikidata states (P21): the item as given, and its value on the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredGender {
    /// The P21 item (`Q6581072`), kept so that a value the platform cannot express is not lost.
    pub qid: String,
    /// The platform's value for it (see [`gender_of`]).
    pub gender: Gender,
}

/// The query for films by IMDb title id: item, label, directors, countries of origin.
pub fn films_query(imdb_ids: &[&str]) -> Result<String, QueryError> {
    let values = values_block("films", "tt", imdb_ids)?;
    Ok(format!(
        "SELECT ?film ?imdb ?filmLabel ?director ?countryCode WHERE {{\n\
         \x20 VALUES ?imdb {{ {values} }}\n\
         \x20 ?film wdt:P345 ?imdb .\n\
         \x20 OPTIONAL {{ ?film wdt:P57 ?director . }}\n\
         \x20 OPTIONAL {{ ?film wdt:P495/wdt:P297 ?countryCode . }}\n\
         \x20 SERVICE wikibase:label {{ bd:serviceParam wikibase:language \"fr,en\". }}\n\
         }}\n"
    ))
}

/// The query for people by IMDb name id: item, label, gender, countries of citizenship.
pub fn people_query(imdb_ids: &[&str]) -> Result<String, QueryError> {
    let values = values_block("people", "nm", imdb_ids)?;
    Ok(format!(
        "SELECT ?person ?imdb ?personLabel ?gender ?citizenshipCode WHERE {{\n\
         \x20 VALUES ?imdb {{ {values} }}\n\
         \x20 ?person wdt:P345 ?imdb .\n\
         \x20 OPTIONAL {{ ?person wdt:P21 ?gender . }}\n\
         \x20 OPTIONAL {{ ?person wdt:P27/wdt:P297 ?citizenshipCode . }}\n\
         \x20 SERVICE wikibase:label {{ bd:serviceParam wikibase:language \"fr,en\". }}\n\
         }}\n"
    ))
}

/// The ids as SPARQL string literals. Only validated ids (a prefix and digits) get in, so
/// nothing in them needs escaping.
fn values_block(
    query: &'static str,
    prefix: &'static str,
    ids: &[&str],
) -> Result<String, QueryError> {
    if ids.is_empty() {
        return Err(QueryError::NoIds { query });
    }
    let mut out = String::with_capacity(ids.len() * 13);
    for id in ids {
        if !is_imdb_id(id, prefix) {
            return Err(QueryError::InvalidId { query, prefix, id: (*id).to_owned() });
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('"');
        out.push_str(id);
        out.push('"');
    }
    Ok(out)
}

/// The platform's value for a Wikidata gender item. Women (Q6581072) and trans women
/// (Q1052281) are women, men (Q6581097) and trans men (Q2449503) are men, non-binary people
/// (Q48270) are non-binary. Every other item (genderfluid, intersex, …) has no value of its own
/// on the platform and maps to [`Gender::Unknown`] rather than to a guess; the item itself stays
/// in [`DeclaredGender::qid`] for curation.
pub fn gender_of(qid: &str) -> Gender {
    match qid {
        "Q6581072" | "Q1052281" => Gender::Woman,
        "Q6581097" | "Q2449503" => Gender::Man,
        "Q48270" => Gender::NonBinary,
        _ => Gender::Unknown,
    }
}

/// Reads the results of [`films_query`]: one film per item and IMDb id, sorted by item.
pub fn parse_films(snapshot: &Snapshot) -> Result<Vec<WikidataFilm>, PageError> {
    let rows = sparql::read(snapshot, &["film", "imdb"])?;
    let mut films: BTreeMap<(String, String), WikidataFilm> = BTreeMap::new();
    for row in &rows {
        let (qid, imdb_id) = subject(snapshot, row, "film", "tt")?;
        let title = label(snapshot, row, "filmLabel", &qid)?;
        let director = optional_entity(snapshot, row, "director")?;
        let country = country_code(snapshot, row, "countryCode")?;
        let film = films.entry((qid.clone(), imdb_id.clone())).or_insert_with(|| WikidataFilm {
            qid,
            imdb_id,
            title: None,
            directors: Vec::new(),
            countries: Vec::new(),
        });
        if film.title.is_none() {
            film.title = title;
        }
        film.directors.extend(director);
        film.countries.extend(country);
    }
    Ok(films
        .into_values()
        .map(|mut film| {
            sort_dedup(&mut film.directors);
            sort_dedup(&mut film.countries);
            film
        })
        .collect())
}

/// Reads the results of [`people_query`]: one person per item and IMDb id, sorted by item.
///
/// When Wikidata states several genders, the first item in sorted order is kept; if they do not
/// all map to the same platform value, the value is [`Gender::Unknown`], leaving it to curation
/// rather than picking one.
pub fn parse_people(snapshot: &Snapshot) -> Result<Vec<WikidataPerson>, PageError> {
    let rows = sparql::read(snapshot, &["person", "imdb"])?;
    let mut people: BTreeMap<(String, String), (WikidataPerson, BTreeSet<String>)> =
        BTreeMap::new();
    for row in &rows {
        let (qid, imdb_id) = subject(snapshot, row, "person", "nm")?;
        let name = label(snapshot, row, "personLabel", &qid)?;
        let gender = optional_entity(snapshot, row, "gender")?;
        let citizenship = country_code(snapshot, row, "citizenshipCode")?;
        let (person, genders) = people.entry((qid.clone(), imdb_id.clone())).or_insert_with(|| {
            let person =
                WikidataPerson { qid, imdb_id, name: None, gender: None, citizenships: Vec::new() };
            (person, BTreeSet::new())
        });
        if person.name.is_none() {
            person.name = name;
        }
        genders.extend(gender);
        person.citizenships.extend(citizenship);
    }
    Ok(people
        .into_values()
        .map(|(mut person, genders)| {
            person.gender = genders.first().map(|qid| {
                let gender = gender_of(qid);
                let agree = genders.iter().all(|other| gender_of(other) == gender);
                DeclaredGender {
                    qid: qid.clone(),
                    gender: if agree { gender } else { Gender::Unknown },
                }
            });
            sort_dedup(&mut person.citizenships);
            person
        })
        .collect())
}

/// A row's subject: its item (required) and the IMDb id it was found by (required, checked).
fn subject(
    snapshot: &Snapshot,
    row: &Row,
    var: &str,
    prefix: &str,
) -> Result<(String, String), PageError> {
    let qid = match row.uri(snapshot, var)? {
        Some(uri) => qid_of(uri).ok_or_else(|| row.error(snapshot, var, ENTITY_EXPECTED))?,
        None => return Err(row.error(snapshot, var, ENTITY_EXPECTED)),
    };
    let expected = format!("an IMDb id ({prefix} and 7 or more digits)");
    let imdb_id = row
        .literal(snapshot, "imdb")?
        .filter(|id| is_imdb_id(id, prefix))
        .ok_or_else(|| row.error(snapshot, "imdb", &expected))?;
    Ok((qid.to_owned(), imdb_id.to_owned()))
}

const ENTITY_EXPECTED: &str = "a Wikidata entity URI (http://www.wikidata.org/entity/Q…)";

/// An optional item: `None` when unbound or an "unknown value" statement, which names no item
/// (the query service sends those as blank nodes or as skolem IRIs).
fn optional_entity(snapshot: &Snapshot, row: &Row, var: &str) -> Result<Option<String>, PageError> {
    if row.kind(var) == Some("bnode") {
        return Ok(None);
    }
    match row.uri(snapshot, var)? {
        None => Ok(None),
        Some(uri) if uri.starts_with(UNKNOWN_VALUE_PREFIX) => Ok(None),
        Some(uri) => qid_of(uri)
            .map(|qid| Some(qid.to_owned()))
            .ok_or_else(|| row.error(snapshot, var, ENTITY_EXPECTED)),
    }
}

/// The label the label service gave, unless it fell back to the bare item id (no label).
fn label(
    snapshot: &Snapshot,
    row: &Row,
    var: &str,
    qid: &str,
) -> Result<Option<String>, PageError> {
    Ok(row
        .literal(snapshot, var)?
        .map(str::trim)
        .filter(|label| !label.is_empty() && *label != qid)
        .map(str::to_owned))
}

/// An ISO 3166-1 alpha-2 code, checked: two ASCII capitals.
fn country_code(snapshot: &Snapshot, row: &Row, var: &str) -> Result<Option<String>, PageError> {
    match row.literal(snapshot, var)? {
        None => Ok(None),
        Some(code) if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            Ok(Some(code.to_owned()))
        }
        Some(_) => Err(row.error(snapshot, var, "an ISO 3166-1 alpha-2 code (two capitals)")),
    }
}

/// The item id of a Wikidata entity URI (`Q` and digits), if it is one.
fn qid_of(uri: &str) -> Option<&str> {
    let qid = uri.strip_prefix(ENTITY_PREFIX)?;
    let digits = qid.strip_prefix('Q')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(qid)
}

fn sort_dedup(values: &mut Vec<String>) {
    values.sort();
    values.dedup();
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const URL: &str = "https://query.wikidata.org/sparql";
    const SHA: &str = "5ha256";
    const FILMS: &[u8] = include_bytes!("../../tests/fixtures/wikidata/films.json");
    const PEOPLE: &[u8] = include_bytes!("../../tests/fixtures/wikidata/people.json");

    fn snapshot(body: &[u8]) -> Snapshot<'_> {
        Snapshot { url: URL, sha256: SHA, body }
    }

    fn films_of(body: &str) -> Result<Vec<WikidataFilm>, PageError> {
        parse_films(&snapshot(body.as_bytes()))
    }

    fn people_of(body: &str) -> Result<Vec<WikidataPerson>, PageError> {
        parse_people(&snapshot(body.as_bytes()))
    }

    #[test]
    fn the_films_query_looks_up_every_id_in_a_values_block() {
        let query = films_query(&["tt15398776", "tt6751668"]).unwrap();
        assert!(query.contains(r#"VALUES ?imdb { "tt15398776" "tt6751668" }"#), "{query}");
        for needle in ["wdt:P345", "wdt:P57", "wdt:P495/wdt:P297", r#""fr,en""#, "?filmLabel"] {
            assert!(query.contains(needle), "{needle} missing from {query}");
        }
    }

    #[test]
    fn the_people_query_asks_for_gender_and_citizenship() {
        let query = people_query(&["nm0634240"]).unwrap();
        assert!(query.contains(r#"VALUES ?imdb { "nm0634240" }"#), "{query}");
        for needle in ["wdt:P345", "wdt:P21", "wdt:P27/wdt:P297", "?personLabel"] {
            assert!(query.contains(needle), "{needle} missing from {query}");
        }
    }

    #[test]
    fn queries_reject_ids_that_are_not_imdb_ids_of_their_kind() {
        let injected = r#"tt1234567" } ?x ?y ?z . { "#;
        for (ids, wanted) in [
            (&["nm0634240"][..], "nm0634240"),
            (&["tt15398776", injected][..], injected),
            (&["tt12"][..], "tt12"),
        ] {
            let err = films_query(ids).err().unwrap();
            assert_eq!(
                err,
                QueryError::InvalidId { query: "films", prefix: "tt", id: wanted.to_owned() }
            );
            assert!(err.to_string().contains("is not an IMDb id (tt and 7 or more digits)"));
        }
        assert!(people_query(&["tt15398776"]).is_err());
        assert_eq!(people_query(&[]), Err(QueryError::NoIds { query: "people" }));
    }

    #[test]
    fn the_films_fixture_groups_rows_by_film() {
        let films = parse_films(&snapshot(FILMS)).unwrap();
        let ids: Vec<(&str, &str)> =
            films.iter().map(|f| (f.qid.as_str(), f.imdb_id.as_str())).collect();
        assert_eq!(
            ids,
            [
                ("Q104686893", "tt10366460"),
                ("Q108839994", "tt15398776"),
                ("Q61448040", "tt6751668"),
                ("Q83808444", "tt6710474"),
            ]
        );
        let everything = &films[3];
        assert_eq!(everything.title.as_deref(), Some("Everything Everywhere All at Once"));
        assert_eq!(everything.directors, ["Q28746830", "Q28746848"]);
        assert!(everything.countries.is_empty());
        let parasite = &films[2];
        assert_eq!(
            (parasite.directors.as_slice(), parasite.countries.as_slice()),
            (&["Q495980".to_owned()][..], &["KR".to_owned()][..])
        );
        assert_eq!(films[1].directors, ["Q25191"]);
    }

    #[test]
    fn the_people_fixture_gives_declared_genders() {
        let people = parse_people(&snapshot(PEOPLE)).unwrap();
        let summary: Vec<(&str, &str, Option<Gender>)> = people
            .iter()
            .map(|p| (p.qid.as_str(), p.imdb_id.as_str(), p.gender.as_ref().map(|g| g.gender)))
            .collect();
        assert_eq!(
            summary,
            [
                ("Q25191", "nm0634240", None),
                ("Q38111", "nm0000138", Some(Gender::Man)),
                ("Q80966", "nm0000949", Some(Gender::Woman)),
                ("Q873", "nm0000658", Some(Gender::Woman)),
            ]
        );
        assert_eq!(people[3].name.as_deref(), Some("Meryl Streep"));
        assert_eq!(people[1].gender.as_ref().unwrap().qid, "Q6581097");
    }

    fn row(film: &str, extra: &str) -> String {
        format!(
            r#"{{"film":{{"type":"uri","value":"http://www.wikidata.org/entity/{film}"}},
                "imdb":{{"type":"literal","value":"tt0000001"}}{extra}}}"#
        )
    }

    fn document(vars: &str, rows: &[String]) -> String {
        format!(r#"{{"head":{{"vars":[{vars}]}},"results":{{"bindings":[{}]}}}}"#, rows.join(","))
    }

    const FILM_VARS: &str = r#""film","imdb","filmLabel","director","countryCode""#;

    #[test]
    fn repeated_rows_are_deduplicated_and_a_bare_qid_label_is_no_title() {
        let country = |c: &str| format!(r#","countryCode":{{"type":"literal","value":"{c}"}}"#);
        let label = r#","filmLabel":{"type":"literal","value":"Q1"}"#;
        let rows = [
            row("Q1", &(country("FR") + label)),
            row("Q1", &country("BE")),
            row("Q1", &country("FR")),
        ];
        let films = films_of(&document(FILM_VARS, &rows)).unwrap();
        assert_eq!(films.len(), 1);
        assert_eq!(films[0].countries, ["BE", "FR"]);
        assert_eq!(films[0].title, None);
    }

    #[test]
    fn a_non_entity_where_an_item_is_expected_is_an_error_naming_variable_and_value() {
        let director = r#","director":{"type":"literal","value":"Christopher Nolan"}"#;
        let err = films_of(&document(FILM_VARS, &[row("Q1", director)])).err().unwrap();
        assert_eq!((err.url.as_str(), err.sha256.as_str()), (URL, SHA));
        assert_eq!(
            err.expected,
            r#"a URI in ?director of result row 1, found literal "Christopher Nolan""#
        );

        let director = r#","director":{"type":"uri","value":"http://example.org/Q25191"}"#;
        let err = films_of(&document(FILM_VARS, &[row("Q1", director)])).err().unwrap();
        assert!(err.expected.starts_with("a Wikidata entity URI"), "{err}");
        assert!(
            err.expected.ends_with(
                r#"in ?director of result row 1, found uri "http://example.org/Q25191""#
            ),
            "{err}"
        );

        let err = films_of(&document(FILM_VARS, &[row("P57", "")])).err().unwrap();
        assert!(err.expected.contains("?film of result row 1"), "{err}");
    }

    #[test]
    fn unknown_value_statements_name_no_item() {
        let genid = r#","director":{"type":"uri","value":"http://www.wikidata.org/.well-known/genid/0f1e"}"#;
        let blank = r#","director":{"type":"bnode","value":"b0"}"#;
        let films = films_of(&document(FILM_VARS, &[row("Q1", genid), row("Q1", blank)])).unwrap();
        assert!(films[0].directors.is_empty());
    }

    #[test]
    fn bad_imdb_ids_and_country_codes_are_errors() {
        let doc = document(FILM_VARS, &[row("Q1", "")]).replace("tt0000001", "nm0000001");
        assert!(
            films_of(&doc)
                .err()
                .unwrap()
                .expected
                .contains("an IMDb id (tt and 7 or more digits) in ?imdb")
        );
        let bad = r#","countryCode":{"type":"literal","value":"France"}"#;
        let err = films_of(&document(FILM_VARS, &[row("Q1", bad)])).err().unwrap();
        assert!(
            err.expected.contains(r#"?countryCode of result row 1, found literal "France""#),
            "{err}"
        );
    }

    #[test]
    fn gender_items_map_to_platform_values_and_others_stay_unknown() {
        assert_eq!(gender_of("Q6581072"), Gender::Woman);
        assert_eq!(gender_of("Q1052281"), Gender::Woman);
        assert_eq!(gender_of("Q6581097"), Gender::Man);
        assert_eq!(gender_of("Q2449503"), Gender::Man);
        assert_eq!(gender_of("Q48270"), Gender::NonBinary);
        assert_eq!(gender_of("Q12964198"), Gender::Unknown);
    }

    #[test]
    fn conflicting_genders_are_left_unknown_and_citizenships_sorted() {
        let person = |gender: &str, code: &str| {
            format!(
                r#"{{"person":{{"type":"uri","value":"http://www.wikidata.org/entity/Q7"}},
                    "imdb":{{"type":"literal","value":"nm0000007"}},
                    "gender":{{"type":"uri","value":"http://www.wikidata.org/entity/{gender}"}},
                    "citizenshipCode":{{"type":"literal","value":"{code}"}}}}"#
            )
        };
        let vars = r#""person","imdb","personLabel","gender","citizenshipCode""#;
        let agree = document(vars, &[person("Q6581072", "US"), person("Q1052281", "GB")]);
        let people = people_of(&agree).unwrap();
        let gender = people[0].gender.clone().unwrap();
        assert_eq!((gender.qid.as_str(), gender.gender), ("Q1052281", Gender::Woman));
        assert_eq!(people[0].citizenships, ["GB", "US"]);
        let conflict = document(vars, &[person("Q6581072", "US"), person("Q6581097", "US")]);
        let gender = people_of(&conflict).unwrap()[0].gender.clone().unwrap();
        assert_eq!((gender.qid.as_str(), gender.gender), ("Q6581072", Gender::Unknown));
    }

    #[test]
    fn a_films_result_is_not_read_as_people() {
        let err = parse_people(&snapshot(FILMS)).err().unwrap();
        assert!(err.expected.contains("head.vars lacks ?person"), "{err}");
    }

    #[test]
    fn an_empty_or_non_utf8_body_is_an_error() {
        let err = films_of("").err().unwrap();
        assert!(err.expected.starts_with("SPARQL 1.1 query results in JSON"), "{err}");
        let err = parse_people(&snapshot(b"\xff")).err().unwrap();
        assert!(err.expected.starts_with("UTF-8 text"), "{err}");
    }
}
