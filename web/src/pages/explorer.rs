//! The festival explorer: festival, role, years, counting unit, inferred genders or not → a chart
//! of the share of women per edition with the unknowns visible, the table of the same numbers,
//! the coverage of those years, CSV and SVG downloads and an embed snippet. Every choice lives in
//! the URL, so a view can be shared and reloaded.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use serde_json::{Value, json};

use crate::api;
use crate::app::{use_embed, use_lang};
use crate::chart::{Point, share_chart};
use crate::i18n::{Lang, percent, t, tf};
use crate::table::{Cell, Row, escape};
use crate::ui::{chart_figure, festival_select, loaded, param_setter, sources};

const QUERY: &str = "query($festival: String!, $from: Int, $to: Int, $roles: [Role!], $inferred: Boolean!) { \
  stats { roles(festival: $festival, fromYear: $from, toYear: $to, roles: $roles, includeInferred: $inferred) { films scope roles { role total { ...U } editions { year counts { ...U } } } sources { slug title licence } } } \
  festival(slug: $festival) { coverage(fromYear: $from, toYear: $to) { year films filmsWithDirectors directors directorsWithGender } } } \
  fragment U on RoleUnits { people { total women men nonBinary unknown inferred shareWomen } films { films womenOnly mixed menOnly unknown restingOnInferred shareWithAWoman } filmsWithoutCredit }";

const ROLES: [&str; 7] =
    ["DIRECTOR", "SCREENWRITER", "PRODUCER", "CINEMATOGRAPHER", "COMPOSER", "EDITOR", "LEAD_CAST"];

/// What the URL asks for.
#[derive(Debug, Clone, PartialEq)]
struct View {
    festival: String,
    role: String,
    films: bool,
    from: Option<i32>,
    to: Option<i32>,
    inferred: bool,
}

/// The translation key of a role's name.
pub fn role_key(role: &str) -> &'static str {
    match role {
        "SCREENWRITER" => "role.SCREENWRITER",
        "PRODUCER" => "role.PRODUCER",
        "CINEMATOGRAPHER" => "role.CINEMATOGRAPHER",
        "COMPOSER" => "role.COMPOSER",
        "EDITOR" => "role.EDITOR",
        "LEAD_CAST" => "role.LEAD_CAST",
        _ => "role.DIRECTOR",
    }
}

/// The counts a row of the table shows: denominator, women, men, unknown, inferred, share.
fn row(counts: &Value, films: bool) -> (i64, i64, i64, i64, i64, Option<f64>) {
    let n = |v: &Value| v.as_i64().unwrap_or(0);
    if films {
        let f = &counts["films"];
        (
            n(&f["films"]),
            n(&f["womenOnly"]) + n(&f["mixed"]),
            n(&f["menOnly"]),
            n(&f["unknown"]),
            n(&f["restingOnInferred"]),
            f["shareWithAWoman"].as_f64(),
        )
    } else {
        let p = &counts["people"];
        (
            n(&p["total"]),
            n(&p["women"]),
            n(&p["men"]),
            n(&p["unknown"]),
            n(&p["inferred"]),
            p["shareWomen"].as_f64(),
        )
    }
}

fn table(data: &Value, v: &View, lang: Lang) -> String {
    let figure = data["stats"]["roles"]["roles"][0].clone();
    let films = v.films;
    let rows: Vec<Row> = figure["editions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (e["year"].to_string(), row(&e["counts"], films)))
        .chain(std::iter::once((
            t(lang, "explorer.total").to_owned(),
            row(&figure["total"], films),
        )))
        .map(|(year, (d, w, m, u, i, s))| Row {
            key: ("year", year.clone()),
            head: year,
            cells: vec![
                Cell::text(d.to_string()),
                Cell::text(w.to_string()),
                Cell::text(m.to_string()),
                Cell::text(u.to_string()),
                Cell::text(i.to_string()),
                Cell::with_data(
                    s.map(|s| percent(lang, s)).unwrap_or_else(|| "—".into()),
                    "share",
                    s.map(|s| format!("{s:.6}")).unwrap_or_default(),
                ),
            ],
        })
        .collect();
    let headers = [
        t(lang, "explorer.year"),
        t(lang, "explorer.denominator"),
        t(lang, if films { "explorer.with.woman" } else { "explorer.women" }),
        t(lang, if films { "explorer.men.only" } else { "explorer.men" }),
        t(lang, "explorer.unknown"),
        t(lang, "explorer.inferred.count"),
        t(lang, "explorer.share"),
    ];
    crate::table::table("explorer-table", t(lang, "explorer.share"), &headers, &rows)
}

fn points(data: &Value, films: bool) -> Vec<Point> {
    data["stats"]["roles"]["roles"][0]["editions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let (d, w, _, u, _, s) = row(&e["counts"], films);
            (d > 0).then(|| Point {
                year: e["year"].as_i64().unwrap_or(0) as i32,
                share: s,
                unknown: u as f64 / d as f64,
                label: format!("{}: {} / {}", e["year"], w, d - u),
            })
        })
        .collect()
}

/// The CSV export of the view: the same arguments as the figure.
fn csv_href(v: &View) -> String {
    let mut s = format!(
        "/export/roles.csv?festival={}&roles={}&includeInferred={}",
        v.festival, v.role, v.inferred
    );
    if let Some(f) = v.from {
        s.push_str(&format!("&fromYear={f}"));
    }
    if let Some(to) = v.to {
        s.push_str(&format!("&toYear={to}"));
    }
    s
}

/// Coverage, then the chart and the table (or why there are none), then the sources.
fn figure_html(d: &Value, v: &View, l: Lang) -> String {
    let figure = &d["stats"]["roles"]["roles"][0];
    let coverage = d["festival"]["coverage"].as_array().cloned().unwrap_or_default();
    let sum = |k: &str| coverage.iter().map(|c| c[k].as_i64().unwrap_or(0)).sum::<i64>();
    let denominator = row(&figure["total"], v.films).0;
    let without = figure["total"]["filmsWithoutCredit"].as_i64().unwrap_or(0);
    let no_directors = v.role == "DIRECTOR" && sum("films") > 0 && sum("filmsWithDirectors") == 0;
    let mut html = format!(
        "<section class=\"coverage\" id=\"coverage\"><h2>{}</h2><p>{}</p>",
        escape(t(l, "explorer.coverage")),
        escape(&tf(
            l,
            "explorer.coverage.text",
            &[
                ("films", sum("films").to_string()),
                ("with", sum("filmsWithDirectors").to_string()),
                ("known", sum("directorsWithGender").to_string()),
                ("directors", sum("directors").to_string()),
            ]
        ))
    );
    if without > 0 {
        html.push_str(&format!(
            "<p>{}</p>",
            escape(&tf(l, "explorer.no.credit", &[("n", without.to_string())]))
        ));
    }
    html.push_str("</section>");
    if no_directors || denominator == 0 {
        html.push_str(&format!(
            "<p id=\"no-data\" class=\"notice\">{}</p>",
            escape(t(l, "explorer.coverage.none"))
        ));
    } else {
        let pts = points(d, v.films);
        let (from, to) =
            (pts.first().map(|p| p.year).unwrap_or(0), pts.last().map(|p| p.year).unwrap_or(0));
        let title =
            format!("{} — {} — {}", t(l, "explorer.share"), t(l, role_key(&v.role)), v.festival);
        let desc =
            tf(l, "explorer.chart.desc", &[("from", from.to_string()), ("to", to.to_string())]);
        let svg = share_chart(&pts, &title, &desc);
        html.push_str(&chart_figure("chart", "download", &svg, &csv_href(v), "roles", l));
        html.push_str(&table(d, v, l));
    }
    html + &sources(&d["stats"]["roles"], l)
}

/// The explorer page.
#[component]
pub fn Explorer() -> impl IntoView {
    let lang = use_lang();
    let embed = use_embed();
    let query = use_query_map();
    let location = use_location();
    let view_state = Memo::new(move |_| {
        query.with(|q| View {
            festival: q.get("festival").unwrap_or_else(|| "cannes".into()),
            role: q
                .get("role")
                .filter(|r| ROLES.contains(&r.as_str()))
                .unwrap_or_else(|| "DIRECTOR".into()),
            films: q.get("unit").as_deref() != Some("people"),
            from: q.get("from").and_then(|y| y.parse().ok()),
            to: q.get("to").and_then(|y| y.parse().ok()),
            inferred: q.get("inferred").as_deref() != Some("false"),
        })
    });
    let festival = Memo::new(move |_| view_state.get().festival);
    let set = param_setter("/explorer", "");
    let data = LocalResource::new(move || {
        let v = view_state.get();
        async move {
            api::query(
                QUERY,
                json!({ "festival": v.festival, "from": v.from, "to": v.to, "roles": [v.role], "inferred": v.inferred }),
            )
            .await
        }
    });
    let embed_snippet = move || {
        let origin = window().location().origin().unwrap_or_default();
        let search = location.search.get();
        let sep = if search.is_empty() { "?" } else { "&" };
        format!(
            "<iframe src=\"{origin}/explorer{search}{sep}embed=1\" width=\"760\" height=\"520\" style=\"border:0\" title=\"Égalité\"></iframe>"
        )
    };
    let set_role = set.clone();
    let set_unit = set.clone();
    let set_from = set.clone();
    let set_to = set.clone();
    let set_inferred = set.clone();
    let render = Arc::new(move |d: &Value, l: Lang| figure_html(d, &view_state.get(), l));
    view! {
        <main class="explorer">
            <Show when=move || !embed.get()>
                <h1>{move || t(lang.get(), "explorer.title")}</h1>
                <form class="controls" on:submit=|ev| ev.prevent_default()>
                    {festival_select(festival, set.clone())}
                    <label>{move || t(lang.get(), "explorer.role")} " "
                        <select id="role" on:change={let set = set_role.clone(); move |ev| set("role", event_target_value(&ev))}>
                            {ROLES.into_iter().map(|r| view! {
                                <option value=r selected=move || view_state.get().role == r>{move || t(lang.get(), role_key(r))}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>{move || t(lang.get(), "explorer.unit")} " "
                        <select id="unit" on:change={let set = set_unit.clone(); move |ev| set("unit", event_target_value(&ev))}>
                            <option value="films" selected=move || view_state.get().films>{move || t(lang.get(), "explorer.unit.films")}</option>
                            <option value="people" selected=move || !view_state.get().films>{move || t(lang.get(), "explorer.unit.people")}</option>
                        </select>
                    </label>
                    <label>{move || t(lang.get(), "explorer.from")} " "
                        <input id="from" type="number" min="1900" max="2100"
                            prop:value=move || view_state.get().from.map(|y| y.to_string()).unwrap_or_default()
                            on:change={let set = set_from.clone(); move |ev| set("from", event_target_value(&ev))}/>
                    </label>
                    <label>{move || t(lang.get(), "explorer.to")} " "
                        <input id="to" type="number" min="1900" max="2100"
                            prop:value=move || view_state.get().to.map(|y| y.to_string()).unwrap_or_default()
                            on:change={let set = set_to.clone(); move |ev| set("to", event_target_value(&ev))}/>
                    </label>
                    <label>
                        <input id="inferred" type="checkbox" prop:checked=move || view_state.get().inferred
                            on:change={let set = set_inferred.clone(); move |ev| set("inferred", if event_target_checked(&ev) { String::new() } else { "false".into() })}/>
                        " " {move || t(lang.get(), "explorer.inferred")}
                    </label>
                </form>
            </Show>
            {loaded(data, render)}
            <Show when=move || !embed.get()>
                <details class="embed">
                    <summary>{move || t(lang.get(), "explorer.embed")}</summary>
                    <textarea id="embed-snippet" readonly rows="3" cols="80" prop:value=embed_snippet></textarea>
                </details>
            </Show>
        </main>
    }
}
