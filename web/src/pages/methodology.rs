//! Methodology and sources: how gender is known, what figures count, and every source.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::{Value, json};

use crate::api;
use crate::app::use_lang;
use crate::i18n::{Lang, percent, t};
use crate::table::{Cell, Row, escape, table};
use crate::ui::loaded;

const SOURCES: &str = "{ methodology { html language sha256 } sources(first: 100) { nodes { slug title licence originUrl retrievedOn } } \
  modelEvaluations { setName setOrigin images labelledFaces modelName detectionPrecision detectionRecall \
  genderLabelled genderCorrect genderAccuracy notes } publishedModelAccuracy { model measure value source } }";

/// Our evaluations (or why there are none) and the authors' published figures, marked as theirs.
fn models_html(d: &Value, lang: Lang) -> String {
    let pct = |v: &Value| v.as_f64().map(|x| percent(lang, x)).unwrap_or_else(|| "—".into());
    let mut html = format!(
        "<h2 id=\"models\">{}</h2><p>{}</p>",
        escape(t(lang, "methodology.models")),
        escape(t(lang, "methodology.models.text"))
    );
    let ours = d["modelEvaluations"].as_array().cloned().unwrap_or_default();
    if ours.is_empty() {
        html.push_str(&format!(
            "<p class=\"notice\" id=\"no-evaluation\">{}</p>",
            escape(t(lang, "methodology.models.none"))
        ));
    }
    let rows: Vec<Row> = ours
        .iter()
        .enumerate()
        .map(|(i, e)| Row {
            key: ("evaluation", i.to_string()),
            head: format!(
                "{} ({}; {} / {})",
                e["setName"].as_str().unwrap_or(""),
                e["setOrigin"].as_str().unwrap_or(""),
                e["images"],
                e["labelledFaces"]
            ),
            cells: vec![
                Cell::text(e["modelName"].as_str().unwrap_or("")),
                Cell::text(pct(&e["detectionPrecision"])),
                Cell::text(pct(&e["detectionRecall"])),
                Cell::text(format!(
                    "{} ({} / {})",
                    pct(&e["genderAccuracy"]),
                    e["genderCorrect"],
                    e["genderLabelled"]
                )),
                Cell::text(e["notes"].as_str().unwrap_or("")),
            ],
        })
        .collect();
    if !rows.is_empty() {
        let headers = [
            t(lang, "methodology.models.set"),
            t(lang, "visuals.model"),
            t(lang, "methodology.models.precision"),
            t(lang, "methodology.models.recall"),
            t(lang, "methodology.models.accuracy"),
            t(lang, "methodology.models.note"),
        ];
        html.push_str(&table("evaluations", t(lang, "methodology.models.ours"), &headers, &rows));
    }
    let theirs: Vec<Row> = d["publishedModelAccuracy"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| Row {
            key: ("published", i.to_string()),
            head: p["model"].as_str().unwrap_or("").to_owned(),
            cells: vec![
                Cell::text(p["measure"].as_str().unwrap_or("")),
                Cell::text(pct(&p["value"])),
                Cell::text(p["source"].as_str().unwrap_or("")),
            ],
        })
        .collect();
    let headers = [
        t(lang, "visuals.model"),
        t(lang, "methodology.models.measure"),
        t(lang, "methodology.models.value"),
        t(lang, "explorer.sources"),
    ];
    html.push_str(&table(
        "published-accuracy",
        t(lang, "methodology.models.theirs"),
        &headers,
        &theirs,
    ));
    html
}

/// The published methodology, its headings a level down under the page's own title.
fn document_html(d: &Value, lang: Lang) -> String {
    let m = &d["methodology"];
    let mut html = m["html"].as_str().unwrap_or("").to_owned();
    for (from, to) in [("h3", "h4"), ("h2", "h3"), ("h1", "h2")] {
        html = html.replace(&format!("<{from}"), &format!("<{to}"));
        html = html.replace(&format!("</{from}"), &format!("</{to}"));
    }
    format!(
        "<p>{} <code>{}</code></p><section id=\"methodology-document\" lang=\"{}\">{html}</section>",
        escape(t(lang, "methodology.more")),
        escape(m["sha256"].as_str().unwrap_or("").get(..12).unwrap_or("")),
        escape(m["language"].as_str().unwrap_or("en")),
    )
}

/// The methodology, every source, then the models' evaluations.
fn sources_html(d: &Value, lang: Lang) -> String {
    let items: Vec<String> = d["sources"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            format!(
                "<li><strong>{}</strong> — {} ({})</li>",
                escape(s["slug"].as_str().unwrap_or("")),
                escape(s["title"].as_str().unwrap_or("")),
                escape(s["licence"].as_str().unwrap_or("")),
            )
        })
        .collect();
    format!(
        "{}<h2>{}</h2><ul id=\"sources\">{}</ul>{}",
        document_html(d, lang),
        escape(t(lang, "explorer.sources")),
        items.concat(),
        models_html(d, lang)
    )
}

/// The methodology page.
#[component]
pub fn Methodology() -> impl IntoView {
    let lang = use_lang();
    let sources = LocalResource::new(|| api::query(SOURCES, json!({})));
    view! {
        <main class="methodology">
            <h1>{move || t(lang.get(), "methodology.title")}</h1>
            <p>{move || t(lang.get(), "methodology.gender")}</p>
            <p>{move || t(lang.get(), "methodology.units")}</p>
            {loaded(sources, Arc::new(sources_html))}
        </main>
    }
}
