//! A person: their gender and how it is known, their credits and nominations.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::{Value, json};

use crate::api;
use crate::app::href;
use crate::i18n::{Lang, t};
use crate::pages::explorer::role_key;
use crate::pages::film::{nominations, s};
use crate::pages::gender::gender_text;
use crate::table::{escape, link, section};
use crate::ui::loaded;

const PERSON: &str = "query($id: ID!) { node(id: $id) { ... on Person { id name imdbId wikidataQid gender genderSource genderProbability genderEvidence genderDeclaredBy { title } \
  credits { role film { id title: displayTitle year } } \
  nominations { won award { name } edition { year festival { shortName } } films { title: displayTitle } } } } }";

fn person_view(d: &Value, lang: Lang) -> String {
    let p = &d["node"];
    if p.is_null() {
        return format!("<p class=\"notice\">{}</p>", escape(t(lang, "notfound")));
    }
    let mut html = format!(
        "<h1>{}</h1><p id=\"gender\" class=\"gender\">{}</p>",
        escape(&s(&p["name"])),
        escape(&gender_text(p, lang))
    );
    if let Some(e) = p["genderEvidence"].as_str() {
        html.push_str(&format!(
            "<p class=\"evidence\">{} {}</p>",
            escape(t(lang, "person.evidence")),
            escape(e)
        ));
    }
    let credits: Vec<String> = p["credits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let id = s(&c["film"]["id"]).trim_start_matches("Film:").to_owned();
            format!(
                "<span class=\"role\">{}</span> : {}{}",
                escape(t(lang, role_key(&s(&c["role"])))),
                link(&href(&format!("/film/{id}"), lang), &s(&c["film"]["title"])),
                c["film"]["year"].as_i64().map(|y| format!(" ({y})")).unwrap_or_default()
            )
        })
        .collect();
    html.push_str(&section(t(lang, "film.credits"), "credits", &credits));
    let list = p["nominations"].as_array().cloned().unwrap_or_default();
    html.push_str(&section(t(lang, "film.awards"), "nominations", &nominations(&list, lang)));
    format!("<article class=\"person\">{html}</article>")
}

/// The person page, at `/person/<number>`.
#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::query(PERSON, json!({ "id": format!("Person:{id}") })).await }
    });
    view! {
        <main>
            {loaded(data, Arc::new(person_view))}
        </main>
    }
}
