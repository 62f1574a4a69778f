//! The public site. For now a first page in French and English that says what the platform is
//! and where the API is; the explorer and the other pages build on it.

use egalite_shared::Gender;
use leptos::prelude::*;

/// The site's two languages, French first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Fr,
    En,
}

/// A text in both languages.
struct Text {
    fr: &'static str,
    en: &'static str,
}

impl Text {
    fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }
}

const TAGLINE: Text = Text {
    fr: "Les données sur les inégalités femmes-hommes au cinéma et dans les festivals : qui est sélectionné, nommé, récompensé, qui obtient les budgets, qui est à l'affiche.",
    en: "Data on gender inequality in cinema and film festivals: who is selected, nominated and awarded, who gets the budgets, who is on the posters.",
};
const API: Text =
    Text { fr: "L'API GraphQL et son bac à sable :", en: "The GraphQL API and its playground:" };
const CATEGORIES: Text = Text {
    fr: "Le genre de chaque personne est enregistré avec sa source :",
    en: "Each person's gender is recorded with its source:",
};
const SWITCH: Text = Text { fr: "English", en: "Français" };

fn gender_label(g: Gender, lang: Lang) -> &'static str {
    match (g, lang) {
        (Gender::Woman, Lang::Fr) => "femme",
        (Gender::Man, Lang::Fr) => "homme",
        (Gender::NonBinary, Lang::Fr) => "non binaire",
        (Gender::Unknown, Lang::Fr) => "inconnu",
        (Gender::Woman, Lang::En) => "woman",
        (Gender::Man, Lang::En) => "man",
        (Gender::NonBinary, Lang::En) => "non-binary",
        (Gender::Unknown, Lang::En) => "unknown",
    }
}

#[component]
fn App() -> impl IntoView {
    let (lang, set_lang) = signal(Lang::Fr);
    let toggle =
        move |_| set_lang.update(|l| *l = if *l == Lang::Fr { Lang::En } else { Lang::Fr });
    Effect::new(move |_| {
        let code = if lang.get() == Lang::Fr { "fr" } else { "en" };
        if let Some(root) = document().document_element() {
            // The attribute only helps screen readers pick a voice; failing to set it is harmless.
            let _ = root.set_attribute("lang", code);
        }
    });
    view! {
        <header>
            <h1>"Égalité"</h1>
            <button id="lang-switch" class="lang" on:click=toggle>
                {move || SWITCH.get(lang.get())}
            </button>
        </header>
        <main>
            <p id="tagline">{move || TAGLINE.get(lang.get())}</p>
            <p>{move || API.get(lang.get())} " " <a href="/graphql">"/graphql"</a></p>
            <p>{move || CATEGORIES.get(lang.get())}</p>
            <ul class="categories">
                {move || {
                    Gender::ALL
                        .iter()
                        .map(|g| view! { <li>{gender_label(*g, lang.get())}</li> })
                        .collect_view()
                }}
            </ul>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
