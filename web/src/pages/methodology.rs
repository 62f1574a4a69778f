//! Methodology and sources: how gender is known, what figures count, and every source.

use leptos::prelude::*;
use serde_json::json;

use crate::api;
use crate::app::use_lang;
use crate::i18n::t;
use crate::table::escape;

const SOURCES: &str =
    "{ sources(first: 100) { nodes { slug title licence originUrl retrievedOn } } }";

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
            <p>{move || t(lang.get(), "methodology.more")} " "
                <a href="https://github.com/egalite-cinema/egalite/blob/main/docs/methodology.md">"docs/methodology.md"</a>
            </p>
            <h2>{move || t(lang.get(), "explorer.sources")}</h2>
            <Transition fallback=move || view! { <p>{t(lang.get(), "loading")}</p> }>
                <ErrorBoundary fallback=move |_| view! { <p class="error">{t(lang.get(), "error.title")}</p> }>
                    {move || Suspend::new(async move {
                        let data = sources.await?;
                        let rows = data["sources"]["nodes"].as_array().cloned().unwrap_or_default();
                        let items: Vec<String> = rows.iter().map(|s| format!(
                            "<li><strong>{}</strong> — {} ({})</li>",
                            escape(s["slug"].as_str().unwrap_or("")),
                            escape(s["title"].as_str().unwrap_or("")),
                            escape(s["licence"].as_str().unwrap_or("")),
                        )).collect();
                        Ok::<_, api::ApiError>(view! { <ul id="sources" inner_html=items.concat()></ul> })
                    })}
                </ErrorBoundary>
            </Transition>
        </main>
    }
}
