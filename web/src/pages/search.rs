//! Search: films and people, accent-insensitive, from the box on every page.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde_json::{Value, json};

use crate::api;
use crate::app::use_lang;
use crate::i18n::{Lang, t};
use crate::table::{escape, link};
use crate::ui::loaded;

const SEARCH: &str = "query($text: String!) { search(text: $text, first: 30) { score node { __typename ... on Film { id title: displayTitle year directors { name } } ... on Person { id name gender } } } }";

/// The hits as a list of links, or a line saying there are none.
fn results_html(data: &Value, l: Lang) -> String {
    let items: Vec<String> = data["search"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            let n = &h["node"];
            let (kind, text) = if n["__typename"] == "Film" {
                let directors: Vec<&str> = n["directors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d["name"].as_str())
                    .collect();
                (
                    t(l, "search.film"),
                    format!(
                        "{} ({}) — {}",
                        n["title"].as_str().unwrap_or("?"),
                        n["year"].as_i64().map(|y| y.to_string()).unwrap_or_default(),
                        directors.join(", ")
                    ),
                )
            } else {
                (t(l, "search.person"), n["name"].as_str().unwrap_or("?").to_owned())
            };
            let id = n["id"].as_str().unwrap_or("").replace(':', "/").to_lowercase();
            format!(
                "<li><span class=\"kind\">{}</span> {}</li>",
                escape(kind),
                link(&crate::app::href(&format!("/{id}"), l), &text)
            )
        })
        .collect();
    if items.is_empty() {
        format!("<p id=\"no-results\">{}</p>", escape(t(l, "search.none")))
    } else {
        format!("<ol id=\"results\">{}</ol>", items.concat())
    }
}

/// The search results page.
#[component]
pub fn Search() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let text = Memo::new(move |_| query.with(|q| q.get("q").unwrap_or_default()));
    let results = LocalResource::new(move || {
        let text = text.get();
        async move {
            if text.trim().is_empty() {
                return Ok(Value::Null);
            }
            api::query(SEARCH, json!({ "text": text })).await
        }
    });
    view! {
        <main class="search-page">
            <h1>{move || t(lang.get(), "search.title")} " : " {move || text.get()}</h1>
            {loaded(results, Arc::new(results_html))}
        </main>
    }
}
