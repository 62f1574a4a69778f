//! Home: headline figures, each with its counting unit and sources, linking to the view that
//! produced it.

use leptos::prelude::*;
use serde_json::{Value, json};

use crate::api;
use crate::app::{href, use_lang};
use crate::i18n::{Lang, number, percent, t, tf};
use crate::table::escape;

const HEADLINES: &str = "{ \
  cannes: stats { directing(festival: \"cannes\") { total { films womenOnly mixed unknown } editions { year counts { films womenOnly mixed unknown shareWithAWoman } } sources { slug } } } \
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

fn figure(
    id: &'static str,
    big: String,
    text: String,
    unit: &'static str,
    src: String,
    link: String,
    lang: Lang,
) -> String {
    format!(
        "<article class=\"figure\" id=\"{id}\"><p class=\"big\">{}</p><p class=\"text\">{}</p>\
         <p class=\"meta\">{} · {} {}</p>{}</article>",
        escape(&big),
        escape(&text),
        escape(t(lang, unit)),
        escape(t(lang, "home.source")),
        escape(&src),
        crate::table::link(&link, t(lang, "home.explore"))
    )
}

fn euros(lang: Lang, v: &Value) -> String {
    let m = v.as_f64().unwrap_or(0.0) / 1e6;
    match lang {
        Lang::Fr => format!("{}\u{a0}M€", number(lang, m, 2)),
        Lang::En => format!("€{}M", number(lang, m, 2)),
    }
}

fn headlines(d: &Value, lang: Lang) -> impl IntoView + use<> {
    let cannes = &d["cannes"]["directing"];
    // The latest edition whose directors are all known.
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
            percent(lang, latest["counts"]["shareWithAWoman"].as_f64().unwrap_or(0.0)),
            tf(lang, "home.cannes.latest", &[("year", year.to_string())]),
            "home.unit.films",
            sources(cannes),
            href(
                &format!(
                    "/explorer?festival=cannes&role=DIRECTOR&unit=films&from={year}&to={year}"
                ),
                lang,
            ),
            lang,
        ),
        figure(
            "cannes-all",
            percent(lang, if known > 0 { women as f64 / known as f64 } else { 0.0 }),
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
            href("/explorer?festival=cannes&role=DIRECTOR&unit=films", lang),
            lang,
        ),
        figure(
            "palme",
            palme["distinctWomenWon"].to_string(),
            tf(lang, "home.palme", &[("wins", palme["won"]["nominations"].to_string())]),
            "home.unit.nominations",
            sources(palme),
            href("/explorer?festival=cannes&role=DIRECTOR&unit=films", lang),
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
            href("/explorer?festival=oscars&role=DIRECTOR&unit=people", lang),
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
            "/export/budgets.csv".to_owned(),
            lang,
        ),
    ];
    let html = format!(
        "<h2 id=\"headlines\">{}</h2>{}",
        escape(t(lang, "home.headlines")),
        figures.concat()
    );
    view! { <section class="figures" aria-labelledby="headlines" inner_html=html></section> }
}

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(|| api::query(HEADLINES, json!({})));
    view! {
        <main class="home">
            <p id="tagline">{move || t(lang.get(), "site.tagline")}</p>
            <Transition fallback=move || view! { <p>{t(lang.get(), "loading")}</p> }>
                <ErrorBoundary fallback=move |_| view! { <p class="error">{t(lang.get(), "error.title")}</p> }>
                    {move || Suspend::new(async move {
                        let d = data.await?;
                        Ok::<_, api::ApiError>(headlines(&d, lang.get()))
                    })}
                </ErrorBoundary>
            </Transition>
        </main>
    }
}
