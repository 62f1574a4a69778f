//! Home: headline figures, each with its counting unit and sources, linking to the view that
//! produced it and to the CSV export of the figure it comes from.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::{Value, json};

use crate::api;
use crate::app::{href, use_lang};
use crate::i18n::{Lang, number, percent, t, tf};
use crate::table::{escape, link};
use crate::ui::loaded;

const HEADLINES: &str = "{ \
  cannes: stats { directing(festival: \"cannes\") { total { films womenOnly mixed unknown shareWithAWoman } editions { year counts { films womenOnly mixed unknown shareWithAWoman } } sources { slug } } } \
  palme: stats { awards(festival: \"cannes\", award: \"imdb-palme-d-or\") { won { nominations } distinctWomenWon sources { slug } } } \
  oscar: stats { awards(festival: \"oscars\", award: \"directing\") { nominated { nominations womenOnly mixed } distinctWomenNominated sources { slug } } } \
  budgets: stats { budgets { total { category films median } years { year } sources { slug } } } }";

fn sources(v: &Value) -> String {
    v["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["slug"].as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A headline figure: the number, what it counts, its unit and sources, then its links: the
/// page that shows it (`more`, with the link's text `more_key`) and its CSV export (`csv`, with
/// the arguments of the query the figure comes from). None is drawn as a chart.
fn figure(
    id: &'static str,
    big: String,
    text: String,
    unit: &'static str,
    src: String,
    (more, more_key, csv): (String, &'static str, &str),
    lang: Lang,
) -> String {
    format!(
        "<article class=\"figure\" id=\"{id}\"><p class=\"big\">{}</p><p class=\"text\">{}</p>\
         <p class=\"meta\">{} · {} {}</p><p class=\"links\">{} · \
         <a id=\"{id}-csv\" href=\"{}\" download=\"egalite-{id}.csv\">{}</a></p></article>",
        escape(&big),
        escape(&text),
        escape(t(lang, unit)),
        escape(t(lang, "home.source")),
        escape(&src),
        link(&more, t(lang, more_key)),
        escape(csv),
        escape(t(lang, "explorer.download.csv"))
    )
}

fn euros(lang: Lang, v: &Value) -> String {
    let m = v.as_f64().unwrap_or(0.0) / 1e6;
    match lang {
        Lang::Fr => format!("{}\u{a0}M€", number(lang, m, 2)),
        Lang::En => format!("€{}M", number(lang, m, 2)),
    }
}

fn headlines(d: &Value, lang: Lang) -> String {
    let cannes = &d["cannes"]["directing"];
    // The latest edition whose directors are all known.
    let share = |v: &Value| v.as_f64().map_or_else(|| "—".to_owned(), |s| percent(lang, s));
    let latest = cannes["editions"]
        .as_array()
        .into_iter()
        .flatten()
        .rev()
        .find(|e| e["counts"]["films"].as_i64() > Some(0) && e["counts"]["unknown"] == 0)
        .cloned()
        .unwrap_or(Value::Null);
    let total = &cannes["total"];
    let women = total["womenOnly"].as_i64().unwrap_or(0) + total["mixed"].as_i64().unwrap_or(0);
    let known = total["films"].as_i64().unwrap_or(0) - total["unknown"].as_i64().unwrap_or(0);
    let palme = &d["palme"]["awards"];
    let oscar = &d["oscar"]["awards"];
    let oscar_women = oscar["nominated"]["womenOnly"].as_i64().unwrap_or(0)
        + oscar["nominated"]["mixed"].as_i64().unwrap_or(0);
    let budgets = &d["budgets"]["budgets"];
    let median = |cat: &str| {
        budgets["total"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["category"] == cat)
            .map(|c| c["median"].clone())
            .unwrap_or(Value::Null)
    };
    let years: Vec<i64> = budgets["years"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|y| y["year"].as_i64())
        .collect();
    let year = latest["year"].as_i64().unwrap_or(0);
    let figures = [
        figure(
            "cannes-latest",
            share(&latest["counts"]["shareWithAWoman"]),
            tf(lang, "home.cannes.latest", &[("year", year.to_string())]),
            "home.unit.films",
            sources(cannes),
            (
                href(
                    &format!(
                        "/explorer?festival=cannes&role=DIRECTOR&unit=films&from={year}&to={year}"
                    ),
                    lang,
                ),
                "home.explore",
                &format!("/export/directing.csv?festival=cannes&fromYear={year}&toYear={year}"),
            ),
            lang,
        ),
        figure(
            "cannes-all",
            share(&total["shareWithAWoman"]),
            tf(
                lang,
                "home.cannes.all",
                &[
                    ("women", number(lang, women as f64, 0)),
                    ("known", number(lang, known as f64, 0)),
                ],
            ),
            "home.unit.films",
            sources(cannes),
            (
                href("/explorer?festival=cannes&role=DIRECTOR&unit=films", lang),
                "home.explore",
                "/export/directing.csv?festival=cannes",
            ),
            lang,
        ),
        figure(
            "palme",
            palme["distinctWomenWon"].to_string(),
            tf(lang, "home.palme", &[("wins", palme["won"]["nominations"].to_string())]),
            "home.unit.nominations",
            sources(palme),
            (
                href("/explorer?festival=cannes&role=DIRECTOR&unit=films", lang),
                "home.explore",
                "/export/awards.csv?festival=cannes&award=imdb-palme-d-or",
            ),
            lang,
        ),
        figure(
            "oscar",
            oscar_women.to_string(),
            tf(
                lang,
                "home.oscar",
                &[
                    (
                        "total",
                        number(lang, oscar["nominated"]["nominations"].as_f64().unwrap_or(0.0), 0),
                    ),
                    ("distinct", oscar["distinctWomenNominated"].to_string()),
                ],
            ),
            "home.unit.nominations",
            sources(oscar),
            (
                href("/explorer?festival=oscars&role=DIRECTOR&unit=people", lang),
                "home.explore",
                "/export/awards.csv?festival=oscars&award=directing",
            ),
            lang,
        ),
        figure(
            "budget",
            euros(lang, &median("WOMEN_ONLY")),
            tf(
                lang,
                "home.budget",
                &[
                    ("men", euros(lang, &median("MEN_ONLY"))),
                    ("from", years.first().map(|y| y.to_string()).unwrap_or_default()),
                    ("to", years.last().map(|y| y.to_string()).unwrap_or_default()),
                ],
            ),
            "home.unit.films",
            sources(budgets),
            (href("/budgets", lang), "home.budgets", "/export/budgets.csv"),
            lang,
        ),
    ];
    format!(
        "<section class=\"figures\" aria-labelledby=\"headlines\"><h2 id=\"headlines\">{}</h2>{}</section>",
        escape(t(lang, "home.headlines")),
        figures.concat()
    )
}

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(|| api::query(HEADLINES, json!({})));
    view! {
        <main class="home">
            <p id="tagline">{move || t(lang.get(), "site.tagline")}</p>
            {loaded(data, Arc::new(headlines))}
        </main>
    }
}
