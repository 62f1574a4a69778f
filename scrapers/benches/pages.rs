//! Page parsers' throughput on the two saved pages of the 96th Academy Awards (IMDb event page,
//! oscars.org ceremony page): pages/s, MB/s and ms per call, median over rounds, from bytes in
//! memory (reading the files is not timed), single thread. Also prints what each parser found, so
//! that the output can be compared with the BeautifulSoup peer (`../shared/peers/p3_parse.py`),
//! which `bench/pages.sh` runs beside it.
//!
//! `cargo bench -p egalite-scrapers --bench pages -- [ROUNDS=7] [SECONDS_PER_ROUND=3]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use egalite_scrapers::pages::{Snapshot, imdb_event, oscars_ceremony};

const IMDB_URL: &str = "https://www.imdb.com/event/ev0000003/2024/1/";
const OSCARS_URL: &str = "https://www.oscars.org/oscars/ceremonies/2024";

fn read(name: &str) -> Option<Vec<u8>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/html_pages_awards")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            println!(
                "skipped: {} absent (the saved pages are not redistributable and live only in ../shared)",
                path.display()
            );
            None
        }
    }
}

/// A timed variant: its label, the bytes and pages one call parses, and the call.
type Variant<'a> = (&'static str, usize, usize, Box<dyn FnMut() + 'a>);

fn imdb(body: &[u8]) -> imdb_event::EventPage {
    imdb_event::parse(&Snapshot { url: IMDB_URL, sha256: "bench", body }).unwrap()
}

fn oscars(body: &[u8]) -> oscars_ceremony::CeremonyPage {
    oscars_ceremony::parse(&Snapshot { url: OSCARS_URL, sha256: "bench", body }).unwrap()
}

/// Calls per second in each round of `seconds`, after one warm-up call.
fn rates(rounds: usize, seconds: f64, mut call: impl FnMut()) -> Vec<f64> {
    call();
    let budget = Duration::from_secs_f64(seconds);
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut calls = 0u64;
            loop {
                call();
                calls += 1;
                if start.elapsed() >= budget {
                    break;
                }
            }
            calls as f64 / start.elapsed().as_secs_f64()
        })
        .collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let rounds: usize = args.next().map_or(7, |a| a.parse().expect("ROUNDS is a number"));
    let seconds: f64 = args.next().map_or(3.0, |a| a.parse().expect("SECONDS is a number"));
    let (Some(imdb_page), Some(oscars_page)) =
        (read("imdb_event_ev0000003_2024_oscars.html"), read("oscars_org_ceremonies_2024.html"))
    else {
        return;
    };

    let event = imdb(&imdb_page);
    let categories: BTreeSet<&str> =
        event.nominations.iter().map(|n| n.category.as_deref().unwrap_or(&n.award)).collect();
    let mut directing: Vec<(String, String, bool)> = event
        .nominations
        .iter()
        .filter(|n| n.category.as_deref().is_some_and(|c| c.to_lowercase().contains("direct")))
        .map(|n| {
            let first = |refs: &[imdb_event::ImdbRef]| refs.first().map(|r| r.name.clone());
            (first(&n.people).unwrap_or_default(), first(&n.films).unwrap_or_default(), n.won)
        })
        .collect();
    directing.sort();
    println!(
        "[imdb] nominations={} categories={} winners={} directing={directing:?}",
        event.nominations.len(),
        categories.len(),
        event.nominations.iter().filter(|n| n.won).count()
    );

    let ceremony = oscars(&oscars_page);
    let honorees: Vec<(&str, &oscars_ceremony::Honoree)> = ceremony
        .categories
        .iter()
        .flat_map(|c| c.honorees.iter().map(move |h| (c.name.as_str(), h)))
        .collect();
    let names: BTreeSet<&str> = ceremony.categories.iter().map(|c| c.name.as_str()).collect();
    let mut directing: Vec<(String, String, bool)> = honorees
        .iter()
        .filter(|(c, _)| c.to_lowercase().contains("direct"))
        .map(|(_, h)| {
            let first = |v: &[String]| v.first().cloned().unwrap_or_default();
            (first(&h.names), first(&h.films), h.won)
        })
        .collect();
    directing.sort();
    println!(
        "[oscars_org] ceremony={:?} year={} nominations={} categories={} winners={} \
         directing={directing:?}",
        ceremony.ceremony,
        ceremony.year,
        honorees.len(),
        names.len(),
        honorees.iter().filter(|(_, h)| h.won).count()
    );

    let parse_imdb = || drop(black_box(imdb(black_box(&imdb_page))));
    let parse_oscars = || drop(black_box(oscars(black_box(&oscars_page))));
    let both = imdb_page.len() + oscars_page.len();
    let variants: [Variant; 3] = [
        ("imdb", imdb_page.len(), 1, Box::new(parse_imdb)),
        ("oscars_org", oscars_page.len(), 1, Box::new(parse_oscars)),
        (
            "both pages (1 of each)",
            both,
            2,
            Box::new(|| {
                parse_imdb();
                parse_oscars();
            }),
        ),
    ];
    for (label, bytes, pages, mut call) in variants {
        let rates = rates(rounds, seconds, &mut call);
        let listed: Vec<String> = rates.iter().map(|r| format!("{r:.2}")).collect();
        let calls = median(rates);
        let mb = bytes as f64 / 1e6;
        println!(
            "[{label}] {mb:.3} MB: median {:.2} pages/s, {:.2} MB/s, {:.3} ms per call  \
             (rounds: {} calls/s)",
            calls * pages as f64,
            calls * mb,
            1000.0 / calls,
            listed.join(" ")
        );
    }
}
