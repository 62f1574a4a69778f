//! A person: their gender and how it is known, their credits and nominations.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::{Value, json};

use crate::api;
use crate::app::{href, use_lang};
use crate::i18n::{Lang, t};
use crate::pages::gender::gender_text;

const PERSON: &str = "query($id: ID!) { node(id: $id) { ... on Person { id name imdbId wikidataQid gender genderSource genderProbability genderEvidence genderDeclaredBy { title } \
  credits { role film { id title year } } \
  nominations { won award { name } edition { year festival { shortName } } films { title } } } } }";

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn person_view(p: Value, lang: Lang) -> AnyView {
    if p.is_null() {
        return view! { <p class="notice">{t(lang, "notfound")}</p> }.into_any();
    }
    let credits = p["credits"].as_array().cloned().unwrap_or_default();
    let nominations = p["nominations"].as_array().cloned().unwrap_or_default();
    view! {
        <article class="person">
            <h1>{s(&p["name"])}</h1>
            <p id="gender" class="gender">{gender_text(&p, lang)}</p>
            {p["genderEvidence"].as_str().map(|e| view! { <p class="evidence">{t(lang, "person.evidence")} " " {e.to_owned()}</p> })}
            <h2>{t(lang, "film.credits")}</h2>
            <ul id="credits">
                {credits.into_iter().map(|c| {
                    let id = s(&c["film"]["id"]).trim_start_matches("Film:").to_owned();
                    view! {
                        <li>
                            <span class="role">{t(lang, crate::pages::explorer::role_key(&s(&c["role"])))}</span> " : "
                            <a href=href(&format!("/film/{id}"), lang)>{s(&c["film"]["title"])}</a>
                            {c["film"]["year"].as_i64().map(|y| format!(" ({y})"))}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!nominations.is_empty()).then(|| view! {
                <h2>{t(lang, "film.awards")}</h2>
                <ul id="nominations">
                    {nominations.into_iter().map(|n| view! {
                        <li>{s(&n["edition"]["festival"]["shortName"])} " " {s(&n["edition"]["year"])} " — " {s(&n["award"]["name"])}
                            " — " {t(lang, if n["won"] == true { "film.won" } else { "film.nominated" })}</li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
    .into_any()
}

/// The person page, at `/person/<number>`.
#[component]
pub fn PersonPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::query(PERSON, json!({ "id": format!("Person:{id}") })).await }
    });
    view! {
        <main>
            <Transition fallback=move || view! { <p>{t(lang.get(), "loading")}</p> }>
                <ErrorBoundary fallback=move |_| view! { <p class="error">{t(lang.get(), "error.title")}</p> }>
                    {move || Suspend::new(async move {
                        let mut d = data.await?;
                        Ok::<_, api::ApiError>(person_view(d["node"].take(), lang.get()))
                    })}
                </ErrorBoundary>
            </Transition>
        </main>
    }
}
