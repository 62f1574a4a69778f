//! Posters and trailers: the share of faces, face area and screen time by perceived gender, per
//! year and per model, from the analyses in the database. Perceived gender is a model's reading
//! of a face, never a person's gender.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::{Value, json};

use crate::api;
use crate::app::use_lang;
use crate::chart::{Point, share_chart};
use crate::i18n::{Lang, number, percent, t};
use crate::table::{Cell, Row, escape, table};
use crate::ui::{loaded, sources};

const QUERY: &str = "{ stats { posters { ...V } trailers { ...V } } \
  analyses(external: false, first: 6) { nodes { film { id title: displayTitle } kind modelName \
  faces { x y width height perceivedGender confidence frameSeconds trackNumber } \
  tracks { number perceivedGender firstSeenSeconds lastSeenSeconds screenSeconds detections } \
  poster { width height imageUrl } trailer { durationSeconds } } } } \
  fragment V on VisualStats { kind model external withoutYear total { ...C } years { year counts { ...C } } sources { slug licence } } \
  fragment C on VisualBreakdown { analyses withFaces faces { women men undetermined } shareOfFacesWomen \
  meanFaceAreaShare { women men undetermined } meanScreenShare { women men undetermined } }";

fn share(v: &Value, lang: Lang) -> String {
    v.as_f64().map(|x| percent(lang, x)).unwrap_or_else(|| "—".into())
}

/// One model's figures for posters or trailers: chart of the share of faces perceived as women,
/// and the table per year.
fn model_html(m: &Value, poster: bool, lang: Lang, index: usize) -> String {
    let years = m["years"].as_array().cloned().unwrap_or_default();
    let points: Vec<Point> = years
        .iter()
        .map(|y| {
            let c = &y["counts"];
            let faces = c["faces"]["women"].as_f64().unwrap_or(0.0)
                + c["faces"]["men"].as_f64().unwrap_or(0.0)
                + c["faces"]["undetermined"].as_f64().unwrap_or(0.0);
            Point {
                year: y["year"].as_i64().unwrap_or(0) as i32,
                share: c["shareOfFacesWomen"].as_f64(),
                unknown: if faces > 0.0 {
                    c["faces"]["undetermined"].as_f64().unwrap_or(0.0) / faces
                } else {
                    0.0
                },
                label: format!("{}: {}", y["year"], share(&c["shareOfFacesWomen"], lang)),
            }
        })
        .collect();
    let kind = t(lang, if poster { "visuals.posters" } else { "visuals.trailers" });
    let title = format!("{kind} — {}", t(lang, "visuals.share.faces"));
    let chart = share_chart(&points, &title, t(lang, "visuals.chart.desc"))
        .replace("chart-title", &format!("chart-title-{index}"))
        .replace("chart-desc", &format!("chart-desc-{index}"));
    let mean = if poster { "meanFaceAreaShare" } else { "meanScreenShare" };
    let row = |key: String, head: String, c: &Value| Row {
        key: ("year", key),
        head,
        cells: vec![
            Cell::text(c["analyses"].to_string()),
            Cell::text(number(lang, c["faces"]["women"].as_f64().unwrap_or(0.0), 0)),
            Cell::text(number(lang, c["faces"]["men"].as_f64().unwrap_or(0.0), 0)),
            Cell::text(number(lang, c["faces"]["undetermined"].as_f64().unwrap_or(0.0), 0)),
            Cell::with_data(
                share(&c["shareOfFacesWomen"], lang),
                "share",
                c["shareOfFacesWomen"].to_string(),
            ),
            Cell::text(share(&c[mean]["women"], lang)),
            Cell::text(share(&c[mean]["men"], lang)),
        ],
    };
    let mut rows: Vec<Row> = years
        .iter()
        .map(|y| row(y["year"].to_string(), y["year"].to_string(), &y["counts"]))
        .collect();
    rows.push(row("Total".into(), t(lang, "explorer.total").to_owned(), &m["total"]));
    let mean_key = if poster { "visuals.mean.area" } else { "visuals.mean.screen" };
    let headers = [
        t(lang, "explorer.year"),
        t(lang, "visuals.analyses"),
        t(lang, "perceived.WOMAN"),
        t(lang, "perceived.MAN"),
        t(lang, "perceived.UNDETERMINED"),
        t(lang, "visuals.share.faces"),
        t(lang, mean_key),
        t(lang, "visuals.men.mean"),
    ];
    format!(
        "<section class=\"visuals\" id=\"{}-{index}\"><h2>{}</h2><p class=\"meta\">{} {}{}</p>\
         <figure>{chart}<figcaption><a href=\"/export/{}.csv\" download>{}</a></figcaption></figure>{}{}</section>",
        if poster { "posters" } else { "trailers" },
        escape(kind),
        escape(t(lang, "visuals.model")),
        escape(m["model"].as_str().unwrap_or("")),
        if m["external"] == true {
            escape(&format!(" — {}", t(lang, "visuals.external")))
        } else {
            String::new()
        },
        if poster { "posters" } else { "trailers" },
        escape(t(lang, "explorer.download.csv")),
        table(
            &format!("{}-table-{index}", if poster { "posters" } else { "trailers" }),
            &title,
            &headers,
            &rows
        ),
        sources(m, lang)
    )
}

fn page_html(d: &Value, lang: Lang) -> String {
    let mut html = String::new();
    let mut index = 0;
    for (key, poster) in [("posters", true), ("trailers", false)] {
        let models = d["stats"][key].as_array().cloned().unwrap_or_default();
        if models.is_empty() {
            html.push_str(&format!("<p class=\"notice\">{}</p>", escape(t(lang, "visuals.none"))));
        }
        for m in models {
            html.push_str(&model_html(&m, poster, lang, index));
            index += 1;
        }
    }
    // Face boxes and trailer timelines come from the platform's own analyses, which hold boxes
    // and tracks; the imported predictions hold totals only.
    let ours = d["analyses"]["nodes"].as_array().cloned().unwrap_or_default();
    if ours.is_empty() {
        html.push_str(&format!(
            "<p class=\"notice\" id=\"no-boxes\">{}</p>",
            escape(t(lang, "visuals.no.boxes"))
        ));
    } else {
        html.push_str(&format!("<h2 id=\"gallery\">{}</h2>", escape(t(lang, "visuals.gallery"))));
    }
    for (i, a) in ours.iter().enumerate() {
        let film = &a["film"];
        let id = film["id"].as_str().unwrap_or("").trim_start_matches("Film:");
        html.push_str(&format!(
            "<h3>{}</h3>",
            crate::table::link(
                &crate::app::href(&format!("/film/{id}"), lang),
                film["title"].as_str().unwrap_or(id)
            )
        ));
        html.push_str(&super::film::analysis_figure(a, lang, &format!("ours-{i}")));
    }
    html
}

/// The posters and trailers page.
#[component]
pub fn Visuals() -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(|| api::query(QUERY, json!({})));
    view! {
        <main class="visuals-page">
            <h1>{move || t(lang.get(), "visuals.title")}</h1>
            <p>{move || t(lang.get(), "visuals.intro")}</p>
            {loaded(data, Arc::new(page_html))}
        </main>
    }
}
