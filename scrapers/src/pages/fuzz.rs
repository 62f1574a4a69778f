//! Mutations of real pages (truncated, bytes replaced, a slice deleted or duplicated, two pages
//! spliced) fed to every page parser: each must return, `Ok` or `Err`, and never panic. The
//! saved pages come from `../shared`; without them the bundled Wikidata fixtures and small
//! synthetic pages of the same shapes are mutated instead.

#![allow(clippy::unwrap_used)]

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use proptest::prelude::*;
use proptest::test_runner::Config;

use super::{Snapshot, imdb_event, oscars_ceremony, saved, wikidata};

/// The pages mutated: IMDb event, oscars.org ceremony, Wikidata films, Wikidata people.
static CORPUS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let imdb = saved::read(saved::IMDB_FILE).unwrap_or_else(|| SYNTHETIC_IMDB.as_bytes().to_vec());
    let oscars =
        saved::read(saved::OSCARS_FILE).unwrap_or_else(|| SYNTHETIC_OSCARS.as_bytes().to_vec());
    vec![
        imdb,
        oscars,
        include_bytes!("../../tests/fixtures/wikidata/films.json").to_vec(),
        include_bytes!("../../tests/fixtures/wikidata/people.json").to_vec(),
    ]
});

const SYNTHETIC_IMDB: &str = r#"<html><body><script id="__NEXT_DATA__" type="application/json">
{"props":{"pageProps":{"eventName":"Academy Awards, USA","editionInfo":{"year":2024,"id":"ee0163152",
"instanceWithinYear":1},"edition":{"awards":[{"text":"Oscar","id":"aw0000016","nominationCategories":
{"edges":[{"node":{"category":{"text":"Best Achievement in Directing"},"nominations":{"edges":[
{"node":{"isWinner":true,"notes":null,"awardedEntities":{"__typename":"AwardedNames","awardNames":[
{"name":{"id":"nm0634240","nameText":{"text":"Christopher Nolan"}},"note":null}],
"secondaryAwardTitles":[{"title":{"id":"tt15398776","titleText":{"text":"Oppenheimer"},
"originalTitleText":{"text":"Oppenheimer"}}}]}}}]}}}]}}]}}}}
</script></body></html>"#;

const SYNTHETIC_OSCARS: &str = r#"<html><head><title>The 96th Academy Awards | 2024</title></head>
<body><div class="paragraph paragraph--type--award-category">
<div class="field field--name-field-award-category-oscars">Directing</div>
<div class="paragraph paragraph--type--award-honoree">
<div class="field field--name-field-honoree-type winner">Winner</div>
<div class="field field--name-field-award-entities"><div class="field__item">Christopher Nolan</div></div>
<div class="field field--name-field-award-film">Oppenheimer</div></div></div></body></html>"#;

/// Feeds `body` to every parser, under the URL each expects, counting the runs in `runs`.
fn parse_all(body: &[u8], runs: &AtomicU64) {
    let snapshot = |url| Snapshot { url, sha256: "fuzz", body };
    let _ = imdb_event::parse(&snapshot(saved::IMDB_URL));
    let _ = oscars_ceremony::parse(&snapshot(saved::OSCARS_URL));
    let _ = wikidata::parse_films(&snapshot("https://query.wikidata.org/sparql"));
    let _ = wikidata::parse_people(&snapshot("https://query.wikidata.org/sparql"));
    runs.fetch_add(4, Ordering::Relaxed);
}

/// A page and a position in it (as a fraction, so that one strategy fits every page).
fn page() -> impl Strategy<Value = usize> {
    0..CORPUS.len()
}

fn at(page: &[u8], fraction: f64) -> usize {
    // The fraction is in [0, 1]: the product is a valid index or the length.
    ((page.len() as f64 * fraction) as usize).min(page.len())
}

/// Mostly ASCII, so that most mutated bodies stay UTF-8 and reach the parsers' later steps;
/// sometimes any byte.
fn replacement() -> impl Strategy<Value = u8> {
    prop_oneof![15 => 0u8..0x80, 1 => any::<u8>()]
}

/// Cases per mutation kind: the saved IMDb page is 1.5 MB and the tests run unoptimised.
fn config() -> Config {
    Config { cases: 128, failure_persistence: None, ..Config::default() }
}

/// Counts a property's parser runs, and prints them with the time taken when it ends.
struct Report {
    name: &'static str,
    start: Instant,
    runs: AtomicU64,
}

impl Report {
    fn new(name: &'static str) -> Self {
        LazyLock::force(&CORPUS);
        Self { name, start: Instant::now(), runs: AtomicU64::new(0) }
    }
}

impl Drop for Report {
    fn drop(&mut self) {
        let runs = self.runs.load(Ordering::Relaxed);
        eprintln!(
            "fuzz {}: {runs} parser runs in {:.1} s",
            self.name,
            self.start.elapsed().as_secs_f64()
        );
    }
}

#[test]
fn truncated_pages_never_panic_a_parser() {
    let report = Report::new("truncate");
    proptest!(config(), |(page in page(), cut in 0.0..=1.0f64)| {
        let body = &CORPUS[page];
        parse_all(&body[..at(body, cut)], &report.runs);
    });
}

#[test]
fn pages_with_replaced_bytes_never_panic_a_parser() {
    let report = Report::new("replace bytes");
    let edits = prop::collection::vec((0.0..1.0f64, replacement()), 1..16);
    proptest!(config(), |(page in page(), edits in edits)| {
        let mut body = CORPUS[page].clone();
        for (position, byte) in edits {
            let i = at(&body, position);
            if let Some(b) = body.get_mut(i) {
                *b = byte;
            }
        }
        parse_all(&body, &report.runs);
    });
}

#[test]
fn pages_with_a_slice_deleted_never_panic_a_parser() {
    let report = Report::new("delete slice");
    proptest!(config(), |(page in page(), start in 0.0..=1.0f64, length in 0.0..=0.5f64)| {
        let mut body = CORPUS[page].clone();
        let from = at(&body, start);
        let to = (from + at(&body, length)).min(body.len());
        body.drain(from..to);
        parse_all(&body, &report.runs);
    });
}

#[test]
fn pages_with_a_slice_duplicated_never_panic_a_parser() {
    let report = Report::new("duplicate slice");
    proptest!(config(), |(page in page(), start in 0.0..=1.0f64, length in 0.0..=0.1f64)| {
        let body = &CORPUS[page];
        let from = at(body, start);
        let to = (from + at(body, length)).min(body.len());
        let mut mutated = body[..to].to_vec();
        mutated.extend_from_slice(&body[from..]);
        parse_all(&mutated, &report.runs);
    });
}

#[test]
fn two_pages_spliced_never_panic_a_parser() {
    let report = Report::new("splice");
    proptest!(config(), |(first in page(), second in page(), a in 0.0..=1.0f64, b in 0.0..=1.0f64)| {
        let (head, tail) = (&CORPUS[first], &CORPUS[second]);
        let mut body = head[..at(head, a)].to_vec();
        body.extend_from_slice(&tail[at(tail, b)..]);
        parse_all(&body, &report.runs);
    });
}
