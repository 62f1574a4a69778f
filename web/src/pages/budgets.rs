//! Budgets: the distribution of French films' budgets by the gender of their directors (box
//! plot and table), per year and genre, and financing by director gender.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use serde_json::{Value, json};

use crate::api;
use crate::app::use_lang;
use crate::chart::{BoxRow, box_plot};
use crate::i18n::{Lang, number, percent, t, tf};
use crate::table::{Cell, Row};

const QUERY: &str = "query($from: Int, $to: Int, $genre: FilmGenre) { stats { budgets(fromYear: $from, toYear: $to, genre: $genre) { \
  total { ...B } years { year categories { ...B } } financing { kind category films share } restingOnInferred sources { slug licence } } } } \
  fragment B on BudgetDistribution { category films sum mean min q1 median q3 max }";

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

fn figure_view(d: &Value, lang: Lang, csv: String) -> impl IntoView + use<> {
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
    let svg_href = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&svg).as_string().unwrap_or_default()
    );
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
    let financing_rows: Vec<Row> = s["financing"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let kind = f["kind"].as_str().unwrap_or("").to_lowercase().replace('_', " ");
            Row {
                key: ("kind", kind.clone()),
                head: kind,
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
    let sources: Vec<String> = s["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| {
            format!(
                "{} ({})",
                x["slug"].as_str().unwrap_or(""),
                x["licence"].as_str().unwrap_or("")
            )
        })
        .collect();
    view! {
        <figure id="chart">
            <div inner_html=svg></div>
            <figcaption>
                <a id="download-csv" href=csv download="egalite-budgets.csv">{t(lang, "explorer.download.csv")}</a>
                " · "
                <a id="download-svg" href=svg_href download="egalite-budgets.svg">{t(lang, "explorer.download.svg")}</a>
            </figcaption>
        </figure>
        <div inner_html=crate::table::table("budgets-table", t(lang, "budgets.title"), &[
            t(lang, "budgets.category"), t(lang, "budgets.films"), t(lang, "budgets.mean"), "Q1",
            t(lang, "budgets.median"), "Q3", "Min", "Max",
        ], &distribution)></div>
        <h2>{t(lang, "budgets.financing")}</h2>
        <div inner_html=crate::table::table("financing-table", "", &[
            t(lang, "budgets.financing.kind"), t(lang, "budgets.category"), t(lang, "budgets.films"),
            t(lang, "budgets.share"),
        ], &financing_rows)></div>
        <p class="sources">{t(lang, "explorer.sources")} " " {sources.join(", ")}</p>
    }
}

/// The budgets page: `/budgets?from=2015&to=2024&genre=FICTION`.
#[component]
pub fn Budgets() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
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
    let set = move |key: &'static str, value: String| {
        let search = location.search.get_untracked();
        let mut params: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && p.split('=').next() != Some(key))
            .map(str::to_owned)
            .collect();
        if !value.is_empty() {
            let encoded = js_sys::encode_uri_component(&value).as_string().unwrap_or_default();
            params.push(format!("{key}={encoded}"));
        }
        navigate(
            &format!("/budgets?{}", params.join("&")),
            NavigateOptions { replace: true, ..Default::default() },
        );
    };
    let data = LocalResource::new(move || {
        let (from, to, genre) = state.get();
        async move { api::query(QUERY, json!({ "from": from, "to": to, "genre": genre })).await }
    });
    let csv = move || {
        let (from, to, genre) = state.get();
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
            <Transition fallback=move || view! { <p class="loading">{t(lang.get(), "loading")}</p> }>
                <ErrorBoundary fallback=move |errors| view! {
                    <p class="error">{t(lang.get(), "error.title")} " "
                        {move || errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("; ")}
                    </p>
                }>
                    {move || Suspend::new(async move {
                        let d = data.await?;
                        Ok::<_, api::ApiError>(figure_view(&d, lang.get(), csv()))
                    })}
                </ErrorBoundary>
            </Transition>
        </main>
    }
}
