//! A film: its credits with each person's gender and how it is known, its selections, awards,
//! budget and the analyses of its poster and trailer.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::{Value, json};

use crate::api;
use crate::app::{href, use_lang};
use crate::i18n::{Lang, number, percent, t};
use crate::pages::gender::gender_text;

const FILM: &str = "query($id: ID!) { node(id: $id) { ... on Film { id title originalTitle year genre imdbId cncVisa \
  countries { country { nameFr nameEn } sharePercent } \
  credits { role person { id name gender genderSource genderProbability genderDeclaredBy { title } } } \
  selections { section { name edition { year festival { shortName } } } } \
  nominations { won award { name } edition { year festival { shortName } } } \
  budgets { amount currency year kind } \
  analyses { kind modelName external faceCount figures { perceivedGender faces faceAreaShare screenShare } } \
  source { slug licence } } } }";

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn film_view(f: Value, lang: Lang) -> AnyView {
    if f.is_null() {
        return view! { <p class="notice">{t(lang, "notfound")}</p> }.into_any();
    }
    let countries: Vec<String> = f["countries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| s(&c["country"][if lang == Lang::Fr { "nameFr" } else { "nameEn" }]))
        .collect();
    let credits = f["credits"].as_array().cloned().unwrap_or_default();
    let selections = f["selections"].as_array().cloned().unwrap_or_default();
    let nominations = f["nominations"].as_array().cloned().unwrap_or_default();
    let budgets = f["budgets"].as_array().cloned().unwrap_or_default();
    let analyses = f["analyses"].as_array().cloned().unwrap_or_default();
    view! {
        <article class="film">
            <h1>{s(&f["title"])} {f["year"].as_i64().map(|y| format!(" ({y})"))}</h1>
            {(!f["originalTitle"].is_null()).then(|| view! { <p class="original">{s(&f["originalTitle"])}</p> })}
            <p class="meta">{countries.join(", ")} {f["imdbId"].as_str().map(|i| format!(" · IMDb {i}"))}
                {f["cncVisa"].as_str().map(|v| format!(" · visa {v}"))}</p>
            <h2>{t(lang, "film.credits")}</h2>
            <ul id="credits">
                {credits.into_iter().map(|c| {
                    let p = c["person"].clone();
                    let id = s(&p["id"]).trim_start_matches("Person:").to_owned();
                    view! {
                        <li>
                            <span class="role">{t(lang, crate::pages::explorer::role_key(&s(&c["role"])))}</span> " : "
                            <a href=href(&format!("/person/{id}"), lang)>{s(&p["name"])}</a>
                            " — " <span class="gender">{gender_text(&p, lang)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!selections.is_empty()).then(|| view! {
                <h2>{t(lang, "film.selections")}</h2>
                <ul id="selections">
                    {selections.into_iter().map(|x| view! {
                        <li>{s(&x["section"]["edition"]["festival"]["shortName"])} " " {s(&x["section"]["edition"]["year"])} " — " {s(&x["section"]["name"])}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!nominations.is_empty()).then(|| view! {
                <h2>{t(lang, "film.awards")}</h2>
                <ul id="nominations">
                    {nominations.into_iter().map(|n| view! {
                        <li>{s(&n["edition"]["festival"]["shortName"])} " " {s(&n["edition"]["year"])} " — " {s(&n["award"]["name"])}
                            " — " {t(lang, if n["won"] == true { "film.won" } else { "film.nominated" })}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!budgets.is_empty()).then(|| view! {
                <h2>{t(lang, "film.budget")}</h2>
                <ul id="budgets">
                    {budgets.into_iter().map(|b| view! {
                        <li>{number(lang, b["amount"].as_f64().unwrap_or(0.0), 0)} " " {s(&b["currency"])} " (" {s(&b["year"])} ")"</li>
                    }).collect_view()}
                </ul>
            })}
            {(!analyses.is_empty()).then(|| view! {
                <h2>{t(lang, "film.analyses")}</h2>
                <ul id="analyses">
                    {analyses.into_iter().map(|a| {
                        let figures: Vec<String> = a["figures"].as_array().into_iter().flatten().map(|x| {
                            let share = x["faceAreaShare"].as_f64().or(x["screenShare"].as_f64());
                            format!("{} {} ({})", s(&x["faces"]), t(lang, match x["perceivedGender"].as_str() {
                                Some("WOMAN") => "perceived.WOMAN",
                                Some("MAN") => "perceived.MAN",
                                _ => "perceived.UNDETERMINED",
                            }), share.map(|v| percent(lang, v)).unwrap_or_default())
                        }).collect();
                        view! {
                            <li>{t(lang, if a["kind"] == "POSTER" { "film.poster" } else { "film.trailer" })} " — "
                                {figures.join(", ")} " — " <span class="model">{s(&a["modelName"])}</span></li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <p class="sources">{t(lang, "explorer.sources")} " " {s(&f["source"]["slug"])} " (" {s(&f["source"]["licence"])} ")"</p>
        </article>
    }
    .into_any()
}

/// The film page, at `/film/<number>`.
#[component]
pub fn FilmPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::query(FILM, json!({ "id": format!("Film:{id}") })).await }
    });
    view! {
        <main>
            <Transition fallback=move || view! { <p>{t(lang.get(), "loading")}</p> }>
                <ErrorBoundary fallback=move |_| view! { <p class="error">{t(lang.get(), "error.title")}</p> }>
                    {move || Suspend::new(async move {
                        let mut d = data.await?;
                        Ok::<_, api::ApiError>(film_view(d["node"].take(), lang.get()))
                    })}
                </ErrorBoundary>
            </Transition>
        </main>
    }
}
