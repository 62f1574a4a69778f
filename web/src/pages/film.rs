//! A film: its credits with each person's gender and how it is known, its selections, awards,
//! budget and the analyses of its poster and trailer.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::{Value, json};

use crate::api;
use crate::app::href;
use crate::i18n::{Lang, number, percent, t};
use crate::pages::explorer::role_key;
use crate::pages::gender::gender_text;
use crate::table::{escape, link, section};
use crate::ui::loaded;

const FILM: &str = "query($id: ID!) { node(id: $id) { ... on Film { id title: displayTitle originalTitle year genre imdbId cncVisa \
  countries { country { nameFr nameEn } sharePercent } \
  credits { role person { id name gender genderSource genderProbability genderDeclaredBy { title } } } \
  selections { section { name edition { year festival { shortName } } } } \
  nominations { won award { name } edition { year festival { shortName } } } \
  budgets { amount currency year kind } \
  analyses { ...A } \
  source { slug licence } } } } \
  fragment A on Analysis { kind modelName external faceCount figures { perceivedGender faces faceAreaShare screenShare } \
  faces { x y width height perceivedGender confidence frameSeconds trackNumber } \
  tracks { number perceivedGender firstSeenSeconds lastSeenSeconds screenSeconds detections } \
  poster { width height imageUrl } trailer { durationSeconds } }";

/// A JSON value as text: strings as they are, null as nothing.
pub fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn film_html(f: &Value, lang: Lang) -> String {
    let e = |v: &Value| escape(&s(v));
    let countries: Vec<String> = f["countries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| s(&c["country"][if lang == Lang::Fr { "nameFr" } else { "nameEn" }]))
        .collect();
    let mut html = format!(
        "<h1>{}{}</h1>",
        e(&f["title"]),
        f["year"].as_i64().map(|y| format!(" ({y})")).unwrap_or_default()
    );
    if !f["originalTitle"].is_null() {
        html.push_str(&format!("<p class=\"original\">{}</p>", e(&f["originalTitle"])));
    }
    let mut meta = countries.join(", ");
    if let Some(i) = f["imdbId"].as_str() {
        meta.push_str(&format!(" · IMDb {i}"));
    }
    if let Some(v) = f["cncVisa"].as_str() {
        meta.push_str(&format!(" · visa {v}"));
    }
    html.push_str(&format!("<p class=\"meta\">{}</p>", escape(&meta)));
    let list = |key: &str| f[key].as_array().cloned().unwrap_or_default();
    let credits: Vec<String> = list("credits")
        .iter()
        .map(|c| {
            let p = &c["person"];
            let id = s(&p["id"]).trim_start_matches("Person:").to_owned();
            format!(
                "<span class=\"role\">{}</span> : {} — <span class=\"gender\">{}</span>",
                escape(t(lang, role_key(&s(&c["role"])))),
                link(&href(&format!("/person/{id}"), lang), &s(&p["name"])),
                escape(&gender_text(p, lang))
            )
        })
        .collect();
    html.push_str(&section(t(lang, "film.credits"), "credits", &credits));
    let selections: Vec<String> = list("selections")
        .iter()
        .map(|x| {
            let ed = &x["section"]["edition"];
            escape(&format!(
                "{} {} — {}",
                s(&ed["festival"]["shortName"]),
                s(&ed["year"]),
                s(&x["section"]["name"])
            ))
        })
        .collect();
    html.push_str(&section(t(lang, "film.selections"), "selections", &selections));
    html.push_str(&section(
        t(lang, "film.awards"),
        "nominations",
        &nominations(&list("nominations"), lang),
    ));
    let budgets: Vec<String> = list("budgets")
        .iter()
        .map(|b| {
            escape(&format!(
                "{} {} ({})",
                number(lang, b["amount"].as_f64().unwrap_or(0.0), 0),
                s(&b["currency"]),
                s(&b["year"])
            ))
        })
        .collect();
    html.push_str(&section(t(lang, "film.budget"), "budgets", &budgets));
    let analyses: Vec<String> = list("analyses")
        .iter()
        .map(|a| {
            let figures: Vec<String> = a["figures"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|x| {
                    let share = x["faceAreaShare"].as_f64().or(x["screenShare"].as_f64());
                    format!(
                        "{} {} ({})",
                        s(&x["faces"]),
                        t(
                            lang,
                            match x["perceivedGender"].as_str() {
                                Some("WOMAN") => "perceived.WOMAN",
                                Some("MAN") => "perceived.MAN",
                                _ => "perceived.UNDETERMINED",
                            }
                        ),
                        share.map(|v| percent(lang, v)).unwrap_or_default()
                    )
                })
                .collect();
            escape(&format!(
                "{} — {} — {}",
                t(lang, if a["kind"] == "POSTER" { "film.poster" } else { "film.trailer" }),
                figures.join(", "),
                s(&a["modelName"])
            ))
        })
        .collect();
    html.push_str(&section(t(lang, "film.analyses"), "analyses", &analyses));
    for (i, a) in list("analyses").iter().enumerate() {
        html.push_str(&analysis_figure(a, lang, &format!("analysis-{i}")));
    }
    html.push_str(&format!(
        "<p class=\"sources\">{} {} ({})</p>",
        escape(t(lang, "explorer.sources")),
        e(&f["source"]["slug"]),
        e(&f["source"]["licence"])
    ));
    html
}

/// A poster with its boxes or a trailer's timeline, for analyses that hold faces.
pub fn analysis_figure(a: &Value, lang: Lang, id: &str) -> String {
    if a["kind"] == "POSTER" {
        crate::faces::poster(a, lang, id)
    } else {
        crate::faces::timeline(a, lang, id)
    }
}

/// Nominations as list items: festival, year, award, won or nominated.
pub fn nominations(list: &[Value], lang: Lang) -> Vec<String> {
    list.iter()
        .map(|n| {
            escape(&format!(
                "{} {} — {} — {}",
                s(&n["edition"]["festival"]["shortName"]),
                s(&n["edition"]["year"]),
                s(&n["award"]["name"]),
                t(lang, if n["won"] == true { "film.won" } else { "film.nominated" })
            ))
        })
        .collect()
}

fn film_view(d: &Value, lang: Lang) -> String {
    let f = &d["node"];
    if f.is_null() {
        return format!("<p class=\"notice\">{}</p>", escape(t(lang, "notfound")));
    }
    format!("<article class=\"film\">{}</article>", film_html(f, lang))
}

/// The film page, at `/film/<number>`.
#[component]
pub fn FilmPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::query(FILM, json!({ "id": format!("Film:{id}") })).await }
    });
    view! {
        <main>
            {loaded(data, Arc::new(film_view))}
        </main>
    }
}
