//! Awards: an award's nominees and winners by gender over time, with its chart and table.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use serde_json::{Value, json};

use crate::api;
use crate::app::use_lang;
use crate::chart::{Point, share_chart};
use crate::i18n::{Lang, percent, t, tf};
use crate::table::{Cell, Row};

const AWARDS: &str =
    "query($festival: String!) { awards(festival: $festival, first: 100) { nodes { slug name } } }";
const FIGURE: &str = "query($festival: String!, $award: String!) { stats { awards(festival: $festival, award: $award) { \
  awardName distinctWomenNominated distinctWomenWon nominated { ...N } won { ...N } editions { year nominated { ...N } won { ...N } } sources { slug licence } } } } \
  fragment N on NominationGenderCounts { nominations womenOnly mixed menOnly unknown }";

/// Nominations honouring a woman, and the share over those whose category is known.
fn with_woman(c: &Value) -> (i64, i64, Option<f64>) {
    let n = |k: &str| c[k].as_i64().unwrap_or(0);
    let women = n("womenOnly") + n("mixed");
    let known = n("nominations") - n("unknown");
    (n("nominations"), women, (known > 0).then(|| women as f64 / known as f64))
}

fn figure_view(d: &Value, festival: &str, award: &str, lang: Lang) -> impl IntoView + use<> {
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
    let svg_href = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&svg).as_string().unwrap_or_default()
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
        <p id="award-summary">{tf(lang, "awards.summary", &[
            ("women", w.to_string()), ("total", n.to_string()),
            ("share", share.map(|v| percent(lang, v)).unwrap_or_else(|| "—".into())),
            ("distinct", s["distinctWomenNominated"].to_string()),
            ("wins", won_by_women.to_string()), ("allwins", wins.to_string()),
            ("distinctwon", s["distinctWomenWon"].to_string()),
        ])}</p>
        <figure id="chart">
            <div inner_html=svg></div>
            <figcaption>
                <a id="download-csv" href=format!("/export/awards.csv?festival={festival}&award={award}") download="egalite-awards.csv">{t(lang, "explorer.download.csv")}</a>
                " · "
                <a id="download-svg" href=svg_href download="egalite-awards.svg">{t(lang, "explorer.download.svg")}</a>
            </figcaption>
        </figure>
        <div inner_html=crate::table::table("awards-table", t(lang, "awards.share"), &[
            t(lang, "explorer.year"), t(lang, "awards.nominations"), t(lang, "awards.to.women"),
            t(lang, "awards.wins"), t(lang, "awards.wins.women"),
        ], &rows)></div>
        <p class="sources">{t(lang, "explorer.sources")} " " {sources.join(", ")}</p>
    }
}

/// The awards page: `/awards?festival=oscars&award=directing`.
#[component]
pub fn Awards() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let festival =
        Memo::new(move |_| query.with(|q| q.get("festival").unwrap_or_else(|| "oscars".into())));
    let award =
        Memo::new(move |_| query.with(|q| q.get("award").unwrap_or_else(|| "directing".into())));
    let set = move |key: &'static str, value: String| {
        let search = location.search.get_untracked();
        let mut params: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| {
                !p.is_empty()
                    && p.split('=').next() != Some(key)
                    && (key != "festival" || !p.starts_with("award="))
            })
            .map(str::to_owned)
            .collect();
        let encoded = js_sys::encode_uri_component(&value).as_string().unwrap_or_default();
        params.push(format!("{key}={encoded}"));
        navigate(
            &format!("/awards?{}", params.join("&")),
            NavigateOptions { replace: true, ..Default::default() },
        );
    };
    let awards = LocalResource::new(move || {
        let f = festival.get();
        async move { api::query(AWARDS, json!({ "festival": f })).await }
    });
    let data = LocalResource::new(move || {
        let (f, a) = (festival.get(), award.get());
        async move { api::query(FIGURE, json!({ "festival": f, "award": a })).await }
    });
    let set_festival = set.clone();
    view! {
        <main class="awards">
            <h1>{move || t(lang.get(), "awards.title")}</h1>
            <form class="controls" on:submit=|ev| ev.prevent_default()>
                <label>{move || t(lang.get(), "explorer.festival")} " "
                    <select id="festival" on:change=move |ev| set_festival("festival", event_target_value(&ev))>
                        {["cannes", "berlin", "venice", "cesar", "oscars"].into_iter().map(|f| view! {
                            <option value=f selected=move || festival.get() == f>{move || t(lang.get(), match f {
                                "cannes" => "festival.cannes", "berlin" => "festival.berlin", "venice" => "festival.venice",
                                "cesar" => "festival.cesar", _ => "festival.oscars" })}</option>
                        }).collect_view()}
                    </select>
                </label>
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
            <Transition fallback=move || view! { <p class="loading">{t(lang.get(), "loading")}</p> }>
                <ErrorBoundary fallback=move |errors| view! {
                    <p class="error">{t(lang.get(), "error.title")} " "
                        {move || errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("; ")}
                    </p>
                }>
                    {move || Suspend::new(async move {
                        let d = data.await?;
                        Ok::<_, api::ApiError>(figure_view(&d, &festival.get(), &award.get(), lang.get()))
                    })}
                </ErrorBoundary>
            </Transition>
        </main>
    }
}
