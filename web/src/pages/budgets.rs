//! Budgets: the distribution of French films' budgets by the gender of their directors (box
//! plot and table), the median per year (line chart and table), and financing by director
//! gender, for a range of years and a genre.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde_json::{Value, json};

use crate::api;
use crate::app::use_lang;
use crate::chart::{BoxRow, Series, box_plot, line_chart};
use crate::i18n::{Lang, number, percent, t, tf};
use crate::table::{Cell, Row, escape, table};
use crate::ui::{chart_figure, loaded, param_setter, sources};

const QUERY: &str = "query($from: Int, $to: Int, $genre: FilmGenre) { stats { budgets(fromYear: $from, toYear: $to, genre: $genre) { \
  total { category films sum mean min q1 median q3 max } years { year categories { category films median } } \
  financing { kind category films share } restingOnInferred sources { slug licence } } } }";

fn category_key(c: &str) -> &'static str {
    match c {
        "WOMEN_ONLY" => "budgets.WOMEN_ONLY",
        "MIXED" => "budgets.MIXED",
        "MEN_ONLY" => "budgets.MEN_ONLY",
        _ => "budgets.UNKNOWN",
    }
}

fn euros(lang: Lang, v: &Value) -> String {
    v.as_f64().map(|x| format!("{} €", number(lang, x, 0))).unwrap_or_else(|| "—".into())
}

/// Millions of euros, for the line chart's axis.
fn millions(lang: Lang, v: f64) -> String {
    let m = v / 1e6;
    format!("{} M€", number(lang, m, if m.fract() == 0.0 { 0 } else { 1 }))
}

/// The median per year: a line per category over the years and the table of the same figures,
/// films and median per year and category.
fn years_html(s: &Value, lang: Lang, csv: &str) -> String {
    let cats: Vec<&str> = s["total"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["category"].as_str())
        .collect();
    let years = s["years"].as_array().cloned().unwrap_or_default();
    let of = |y: &Value, cat: &str| -> Value {
        y["categories"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["category"] == cat)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let series: Vec<Series> = cats
        .iter()
        .map(|cat| Series {
            label: t(lang, category_key(cat)).to_owned(),
            key: (*cat).to_owned(),
            points: years
                .iter()
                .filter_map(|y| {
                    let c = of(y, cat);
                    let median = c["median"].as_f64().filter(|_| c["films"].as_i64() > Some(0))?;
                    let tip = tf(
                        lang,
                        "budgets.years.point",
                        &[
                            ("year", y["year"].to_string()),
                            ("median", euros(lang, &c["median"])),
                            ("films", c["films"].to_string()),
                        ],
                    );
                    Some((y["year"].as_i64().unwrap_or(0) as i32, median, tip))
                })
                .collect(),
        })
        .collect();
    let first = years.first().map(|y| y["year"].to_string()).unwrap_or_default();
    let last = years.last().map(|y| y["year"].to_string()).unwrap_or_default();
    let svg = line_chart(
        "years",
        &series,
        t(lang, "budgets.years"),
        &tf(lang, "budgets.years.desc", &[("from", first), ("to", last)]),
        &|v| millions(lang, v),
    );
    let rows: Vec<Row> = years
        .iter()
        .map(|y| Row {
            key: ("year", y["year"].to_string()),
            head: y["year"].to_string(),
            cells: cats
                .iter()
                .flat_map(|cat| {
                    let c = of(y, cat);
                    [
                        Cell::text(c["films"].as_i64().unwrap_or(0).to_string()),
                        Cell::with_data(
                            euros(lang, &c["median"]),
                            "median",
                            c["median"].to_string(),
                        ),
                    ]
                })
                .collect(),
        })
        .collect();
    let labels: Vec<(String, String)> = cats
        .iter()
        .map(|cat| {
            let c = [("category", t(lang, category_key(cat)).to_owned())];
            (tf(lang, "budgets.years.films", &c), tf(lang, "budgets.years.median", &c))
        })
        .collect();
    let mut headers = vec![t(lang, "explorer.year")];
    for (films, median) in &labels {
        headers.push(films);
        headers.push(median);
    }
    format!(
        "<h2 id=\"years\">{}</h2>{}{}",
        escape(t(lang, "budgets.years")),
        chart_figure("years-chart", "years-download", &svg, csv, "budgets-years", lang),
        table("years-table", t(lang, "budgets.years"), &headers, &rows)
    )
}

fn figure_html(d: &Value, lang: Lang, csv: &str) -> String {
    let s = &d["stats"]["budgets"];
    let total = s["total"].as_array().cloned().unwrap_or_default();
    let rows: Vec<BoxRow> = total
        .iter()
        .filter(|c| c["films"].as_i64() > Some(0))
        .map(|c| {
            let f = |k: &str| c[k].as_f64().unwrap_or(0.0);
            BoxRow {
                label: t(lang, category_key(c["category"].as_str().unwrap_or(""))).to_owned(),
                five: [f("min"), f("q1"), f("median"), f("q3"), f("max")],
                title: tf(
                    lang,
                    "budgets.box.title",
                    &[("films", c["films"].to_string()), ("median", euros(lang, &c["median"]))],
                ),
            }
        })
        .collect();
    let svg = box_plot(&rows, t(lang, "budgets.title"), t(lang, "budgets.chart.desc"), "€");
    let distribution: Vec<Row> = total
        .iter()
        .map(|c| {
            let cat = c["category"].as_str().unwrap_or("").to_owned();
            Row {
                key: ("category", cat.clone()),
                head: t(lang, category_key(&cat)).to_owned(),
                cells: vec![
                    Cell::text(c["films"].to_string()),
                    Cell::text(euros(lang, &c["mean"])),
                    Cell::text(euros(lang, &c["q1"])),
                    Cell::with_data(euros(lang, &c["median"]), "median", c["median"].to_string()),
                    Cell::text(euros(lang, &c["q3"])),
                    Cell::text(euros(lang, &c["min"])),
                    Cell::text(euros(lang, &c["max"])),
                ],
            }
        })
        .collect();
    let financing: Vec<Row> = s["financing"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let kind = f["kind"].as_str().unwrap_or("");
            Row {
                key: ("kind", kind.to_owned()),
                head: t(lang, &format!("financing.{kind}")).to_owned(),
                cells: vec![
                    Cell::text(t(lang, category_key(f["category"].as_str().unwrap_or("")))),
                    Cell::text(f["films"].to_string()),
                    Cell::text(
                        f["share"].as_f64().map(|v| percent(lang, v)).unwrap_or_else(|| "—".into()),
                    ),
                ],
            }
        })
        .collect();
    let headers = [
        t(lang, "budgets.category"),
        t(lang, "budgets.films"),
        t(lang, "budgets.mean"),
        "Q1",
        t(lang, "budgets.median"),
        "Q3",
        "Min",
        "Max",
    ];
    let financing_headers = [
        t(lang, "budgets.financing.kind"),
        t(lang, "budgets.category"),
        t(lang, "budgets.films"),
        t(lang, "budgets.share"),
    ];
    format!(
        "{}{}{}<h2>{}</h2>{}{}",
        chart_figure("chart", "download", &svg, csv, "budgets", lang),
        table("budgets-table", t(lang, "budgets.title"), &headers, &distribution),
        years_html(s, lang, csv),
        escape(t(lang, "budgets.financing")),
        table("financing-table", "", &financing_headers, &financing),
        sources(s, lang)
    )
}

/// The budgets page: `/budgets?from=2015&to=2024&genre=FICTION`.
#[component]
pub fn Budgets() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("from").and_then(|y| y.parse::<i32>().ok()),
                q.get("to").and_then(|y| y.parse::<i32>().ok()),
                q.get("genre")
                    .filter(|g| ["FICTION", "DOCUMENTARY", "ANIMATION"].contains(&g.as_str())),
            )
        })
    });
    let set = param_setter("/budgets", "");
    let data = LocalResource::new(move || {
        let (from, to, genre) = state.get();
        async move { api::query(QUERY, json!({ "from": from, "to": to, "genre": genre })).await }
    });
    // The export's rows hold the distribution over the range and per year, by category.
    let csv = move |(from, to, genre): (Option<i32>, Option<i32>, Option<String>)| {
        let mut args = Vec::new();
        if let Some(f) = from {
            args.push(format!("fromYear={f}"));
        }
        if let Some(t) = to {
            args.push(format!("toYear={t}"));
        }
        if let Some(g) = genre {
            args.push(format!("genre={g}"));
        }
        format!("/export/budgets.csv?{}", args.join("&"))
    };
    let (set_genre, set_from, set_to) = (set.clone(), set.clone(), set);
    let render = Arc::new(move |d: &Value, l: Lang| figure_html(d, l, &csv(state.get())));
    view! {
        <main class="budgets">
            <h1>{move || t(lang.get(), "budgets.title")}</h1>
            <form class="controls" on:submit=|ev| ev.prevent_default()>
                <label>{move || t(lang.get(), "budgets.genre")} " "
                    <select id="genre" on:change=move |ev| set_genre("genre", event_target_value(&ev))>
                        {[("", "budgets.genre.all"), ("FICTION", "budgets.genre.FICTION"), ("DOCUMENTARY", "budgets.genre.DOCUMENTARY"), ("ANIMATION", "budgets.genre.ANIMATION")]
                            .into_iter().map(|(g, key)| view! {
                                <option value=g selected=move || state.get().2.as_deref().unwrap_or("") == g>{move || t(lang.get(), key)}</option>
                            }).collect_view()}
                    </select>
                </label>
                <label>{move || t(lang.get(), "explorer.from")} " "
                    <input id="from" type="number" min="2003" max="2100"
                        prop:value=move || state.get().0.map(|y| y.to_string()).unwrap_or_default()
                        on:change=move |ev| set_from("from", event_target_value(&ev))/>
                </label>
                <label>{move || t(lang.get(), "explorer.to")} " "
                    <input id="to" type="number" min="2003" max="2100"
                        prop:value=move || state.get().1.map(|y| y.to_string()).unwrap_or_default()
                        on:change=move |ev| set_to("to", event_target_value(&ev))/>
                </label>
            </form>
            <p class="meta">{move || t(lang.get(), "budgets.note")}</p>
            {loaded(data, render)}
        </main>
    }
}
