//! Awards: an award's nominees and winners by gender over time, with its chart and table.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde_json::{Value, json};

use crate::api;
use crate::app::use_lang;
use crate::chart::{Point, share_chart};
use crate::i18n::{Lang, percent, t, tf};
use crate::table::{Cell, Row, escape, table};
use crate::ui::{chart_figure, festival_select, loaded, param_setter, sources};

const AWARDS: &str =
    "query($festival: String!) { awards(festival: $festival, first: 100) { nodes { slug name } } }";
const FIGURE: &str = "query($festival: String!, $award: String!) { stats { awards(festival: $festival, award: $award) { \
  awardName distinctWomenNominated distinctWomenWon nominated { ...N } won { ...N } editions { year nominated { ...N } won { ...N } } sources { slug licence } } } } \
  fragment N on NominationGenderCounts { nominations womenOnly mixed menOnly unknown shareWithAWoman }";

/// Nominations, those honouring a woman, and the API's share (null where too few are known).
fn with_woman(c: &Value) -> (i64, i64, Option<f64>) {
    let n = |k: &str| c[k].as_i64().unwrap_or(0);
    (n("nominations"), n("womenOnly") + n("mixed"), c["shareWithAWoman"].as_f64())
}

fn figure_html(d: &Value, festival: &str, award: &str, lang: Lang) -> String {
    let s = &d["stats"]["awards"];
    let editions = s["editions"].as_array().cloned().unwrap_or_default();
    let points: Vec<Point> = editions
        .iter()
        .filter_map(|e| {
            let (n, w, share) = with_woman(&e["nominated"]);
            (n > 0).then(|| Point {
                year: e["year"].as_i64().unwrap_or(0) as i32,
                share,
                unknown: e["nominated"]["unknown"].as_f64().unwrap_or(0.0) / n as f64,
                label: format!("{}: {w} / {n}", e["year"]),
            })
        })
        .collect();
    let (from, to) =
        (points.first().map(|p| p.year).unwrap_or(0), points.last().map(|p| p.year).unwrap_or(0));
    let title = format!("{} — {}", t(lang, "awards.share"), s["awardName"].as_str().unwrap_or(""));
    let svg = share_chart(
        &points,
        &title,
        &tf(lang, "awards.chart.desc", &[("from", from.to_string()), ("to", to.to_string())]),
    );
    let (n, w, share) = with_woman(&s["nominated"]);
    let (wins, won_by_women, _) = with_woman(&s["won"]);
    let rows: Vec<Row> = editions
        .iter()
        .map(|e| {
            let (n, w, _) = with_woman(&e["nominated"]);
            let (wins, ww, _) = with_woman(&e["won"]);
            let year = e["year"].to_string();
            Row {
                key: ("year", year.clone()),
                head: year,
                cells: [n, w, wins, ww].iter().map(|v| Cell::text(v.to_string())).collect(),
            }
        })
        .collect();
    let summary = tf(
        lang,
        "awards.summary",
        &[
            ("women", w.to_string()),
            ("total", n.to_string()),
            ("share", share.map(|v| percent(lang, v)).unwrap_or_else(|| "—".into())),
            ("distinct", s["distinctWomenNominated"].to_string()),
            ("wins", won_by_women.to_string()),
            ("allwins", wins.to_string()),
            ("distinctwon", s["distinctWomenWon"].to_string()),
        ],
    );
    let headers = [
        t(lang, "explorer.year"),
        t(lang, "awards.nominations"),
        t(lang, "awards.to.women"),
        t(lang, "awards.wins"),
        t(lang, "awards.wins.women"),
    ];
    let csv = format!("/export/awards.csv?festival={festival}&award={award}");
    format!(
        "<p id=\"award-summary\">{}</p>{}{}{}",
        escape(&summary),
        chart_figure("chart", "download", &svg, &csv, "awards", lang),
        table("awards-table", t(lang, "awards.share"), &headers, &rows),
        sources(s, lang)
    )
}

/// The awards page: `/awards?festival=oscars&award=directing`.
#[component]
pub fn Awards() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let festival =
        Memo::new(move |_| query.with(|q| q.get("festival").unwrap_or_else(|| "oscars".into())));
    let award =
        Memo::new(move |_| query.with(|q| q.get("award").unwrap_or_else(|| "directing".into())));
    // Another festival gives other awards: the award chosen goes with the festival.
    let set = param_setter("/awards", "award");
    let awards = LocalResource::new(move || {
        let f = festival.get();
        async move { api::query(AWARDS, json!({ "festival": f })).await }
    });
    let data = LocalResource::new(move || {
        let (f, a) = (festival.get(), award.get());
        async move { api::query(FIGURE, json!({ "festival": f, "award": a })).await }
    });
    let set_festival = set.clone();
    let render =
        Arc::new(move |d: &Value, l: Lang| figure_html(d, &festival.get(), &award.get(), l));
    view! {
        <main class="awards">
            <h1>{move || t(lang.get(), "awards.title")}</h1>
            <form class="controls" on:submit=|ev| ev.prevent_default()>
                {festival_select(festival, set_festival)}
                <Transition fallback=|| ()>
                    {move || {
                        let set = set.clone();
                        Suspend::new(async move {
                            let list = awards.await.unwrap_or_default();
                            let options = list["awards"]["nodes"].as_array().cloned().unwrap_or_default();
                            view! {
                                <label>{t(lang.get(), "awards.award")} " "
                                    <select id="award" on:change=move |ev| set("award", event_target_value(&ev))>
                                        {options.into_iter().map(|a| {
                                            let slug = a["slug"].as_str().unwrap_or("").to_owned();
                                            let selected = slug == award.get_untracked();
                                            view! { <option value=slug selected=selected>{a["name"].as_str().unwrap_or("").to_owned()}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                            }
                        })
                    }}
                </Transition>
            </form>
            {loaded(data, render)}
        </main>
    }
}
