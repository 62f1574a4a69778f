//! The router and the frame every page shares: header with navigation, search box and language
//! switch (hidden in embed mode), and the page itself.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::path;

use crate::i18n::{Lang, t};
use crate::pages::{
    awards::Awards, budgets::Budgets, explorer::Explorer, film::FilmPage, home::Home,
    methodology::Methodology, person::PersonPage, search::Search, visuals::Visuals,
};

/// The page's language, from its `lang` URL parameter.
pub fn use_lang() -> Memo<Lang> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| Lang::from_param(q.get("lang").as_deref())))
}

/// Whether the page is shown embedded (`?embed=1`): the chart alone, without the site's frame.
pub fn use_embed() -> Memo<bool> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("embed").as_deref() == Some("1")))
}

/// A link to `path` that keeps the page's language.
pub fn href(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => path.to_owned(),
        Lang::En if path.contains('?') => format!("{path}&lang=en"),
        Lang::En => format!("{path}?lang=en"),
    }
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let embed = use_embed();
    let location = use_location();
    // The same page in the other language: the query string with `lang` changed.
    let switch_href = move || {
        let other = lang.get().other();
        let mut params: Vec<String> = location
            .search
            .get()
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang="))
            .map(str::to_owned)
            .collect();
        if other == Lang::En {
            params.push("lang=en".into());
        }
        let q = params.join("&");
        format!("{}{}{}", location.pathname.get(), if q.is_empty() { "" } else { "?" }, q)
    };
    let (text, set_text) = signal(String::new());
    let navigate = use_navigate();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = text.get();
        let encoded = js_sys::encode_uri_component(q.trim()).as_string().unwrap_or_default();
        navigate(&href(&format!("/search?q={encoded}"), lang.get()), Default::default());
    };
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            // The attribute helps screen readers pick a voice; failing to set it is harmless.
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
    view! {
        <Show when=move || !embed.get()>
            <header class="site">
                <a class="brand" href=move || href("/", lang.get())>{move || t(lang.get(), "site.title")}</a>
                <nav>
                    <a href=move || href("/explorer", lang.get())>{move || t(lang.get(), "nav.explorer")}</a>
                    <a href=move || href("/awards", lang.get())>{move || t(lang.get(), "nav.awards")}</a>
                    <a href=move || href("/budgets", lang.get())>{move || t(lang.get(), "nav.budgets")}</a>
                    <a href=move || href("/posters", lang.get())>{move || t(lang.get(), "nav.posters")}</a>
                    <a href=move || href("/methodology", lang.get())>{move || t(lang.get(), "nav.methodology")}</a>
                    <a href="/graphql">{move || t(lang.get(), "nav.api")}</a>
                </nav>
                <form class="search" role="search" on:submit=on_search.clone()>
                    <input
                        id="search-box"
                        type="search"
                        aria-label=move || t(lang.get(), "search.title")
                        placeholder=move || t(lang.get(), "search.placeholder")
                        on:input=move |ev| set_text.set(event_target_value(&ev))
                    />
                    <button type="submit">{move || t(lang.get(), "search.button")}</button>
                </form>
                <a
                    id="lang-switch"
                    class="lang"
                    href=switch_href
                    hreflang=move || lang.get().other().code()
                    aria-label=move || t(lang.get(), "lang.switch.label")
                >
                    {move || t(lang.get(), "lang.switch")}
                </a>
            </header>
        </Show>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! { <main><p>{move || t(lang.get(), "notfound")}</p></main> }
}

/// The site.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Header/>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/explorer") view=Explorer/>
                <Route path=path!("/search") view=Search/>
                <Route path=path!("/methodology") view=Methodology/>
                <Route path=path!("/awards") view=Awards/>
                <Route path=path!("/budgets") view=Budgets/>
                <Route path=path!("/posters") view=Visuals/>
                <Route path=path!("/film/:id") view=FilmPage/>
                <Route path=path!("/person/:id") view=PersonPage/>
            </Routes>
        </Router>
    }
}
