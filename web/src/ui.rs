//! Pieces every page shares: the loading and error states around a page's data, the URL as the
//! page's state, the festival picker, charts with their downloads and the list of sources. Each
//! exists once so that the WebAssembly bundle carries its code once.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use serde_json::{Value, json};

use crate::api::{self, ApiError};
use crate::app::use_lang;
use crate::i18n::{Lang, t};
use crate::table::escape;

/// The markup a page makes of its data.
pub type Render = Arc<dyn Fn(&Value, Lang) -> String + Send + Sync>;

/// The page's data once loaded: a loading line until it comes, the error with its message if
/// the request failed, else the markup `render` makes of it (again when the language changes).
pub fn loaded(data: LocalResource<Result<Value, ApiError>>, render: Render) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Transition fallback=move || view! { <p class="loading">{t(lang.get(), "loading")}</p> }>
            <ErrorBoundary fallback=move |errors| view! {
                <p class="error">{t(lang.get(), "error.title")} " "
                    {move || errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("; ")}
                </p>
            }>
                {move || {
                    let render = render.clone();
                    Suspend::new(async move {
                        let d = data.await?;
                        Ok::<_, ApiError>(view! { <div inner_html=render(&d, lang.get())></div> })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}

/// Sets one URL parameter (an empty value removes it), keeping the others: the URL is the
/// page's state, so a view can be shared and reloaded.
pub type Setter = Arc<dyn Fn(&'static str, String) + Send + Sync>;

/// The [`Setter`] of the page at `path`; a new `festival` also removes the parameter `drop`
/// (an award belongs to its festival).
pub fn param_setter(path: &'static str, drop: &'static str) -> Setter {
    let location = use_location();
    let navigate = use_navigate();
    Arc::new(move |key, value| {
        let search = location.search.get_untracked();
        let mut params: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| {
                let name = p.split('=').next();
                !p.is_empty() && name != Some(key) && (key != "festival" || name != Some(drop))
            })
            .map(str::to_owned)
            .collect();
        if !value.is_empty() {
            let encoded = js_sys::encode_uri_component(&value).as_string().unwrap_or_default();
            params.push(format!("{key}={encoded}"));
        }
        navigate(
            &format!("{path}?{}", params.join("&")),
            NavigateOptions { replace: true, ..Default::default() },
        );
    })
}

/// The festival picker: every festival and ceremony the API lists (so one added to the
/// database appears), under its name in common use, `current` selected.
pub fn festival_select(current: Memo<String>, set: Setter) -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(|| api::query("{ festivals { slug shortName } }", json!({})));
    // Written as markup: the options change only when the list arrives or the URL changes.
    let options = move || {
        let festival = current.get();
        let mut html = String::new();
        if let Some(Ok(d)) = list.get() {
            for f in d["festivals"].as_array().into_iter().flatten() {
                let slug = f["slug"].as_str().unwrap_or("");
                html.push_str(&format!(
                    "<option value=\"{}\"{}>{}</option>",
                    escape(slug),
                    if slug == festival { " selected" } else { "" },
                    escape(f["shortName"].as_str().unwrap_or(slug))
                ));
            }
        }
        html
    };
    view! {
        <label>{move || t(lang.get(), "explorer.festival")} " "
            <select id="festival" on:change=move |ev| set("festival", event_target_value(&ev)) inner_html=options></select>
        </label>
    }
}

/// `text` as a `data:` URI of type `kind`, to download what the page computed.
pub fn data_uri(kind: &str, text: &str) -> String {
    format!(
        "data:{kind};charset=utf-8,{}",
        js_sys::encode_uri_component(text).as_string().unwrap_or_default()
    )
}

/// A chart and its downloads: the figures as CSV from `csv` and the chart itself as an SVG file
/// (`egalite-<name>.csv`, `.svg`); the links' ids are `<links>-csv` and `<links>-svg`.
pub fn chart_figure(id: &str, links: &str, svg: &str, csv: &str, name: &str, lang: Lang) -> String {
    format!(
        "<figure id=\"{id}\">{svg}<figcaption>\
         <a id=\"{links}-csv\" href=\"{}\" download=\"egalite-{name}.csv\">{}</a> · \
         <a id=\"{links}-svg\" href=\"{}\" download=\"egalite-{name}.svg\">{}</a></figcaption></figure>",
        escape(csv),
        escape(t(lang, "explorer.download.csv")),
        escape(&data_uri("image/svg+xml", svg)),
        escape(t(lang, "explorer.download.svg")),
    )
}

/// The sources a figure rests on, `slug (licence)` each, after the words that introduce them.
pub fn sources(figure: &Value, lang: Lang) -> String {
    let list: Vec<String> = figure["sources"]
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
    format!(
        "<p class=\"sources\">{} {}</p>",
        escape(t(lang, "explorer.sources")),
        escape(&list.join(", "))
    )
}
