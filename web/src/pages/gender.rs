//! How a person's gender is shown: the gender, and how it is known.

use serde_json::Value;

use crate::i18n::{Lang, number, t, tf};

/// "femme — déduit du prénom, p = 0,97", "man — declared by Cannes competition films", …
pub fn gender_text(p: &Value, lang: Lang) -> String {
    let gender = match p["gender"].as_str() {
        Some("WOMAN") => t(lang, "gender.WOMAN"),
        Some("MAN") => t(lang, "gender.MAN"),
        Some("NON_BINARY") => t(lang, "gender.NON_BINARY"),
        _ => t(lang, "gender.UNKNOWN"),
    };
    let source = p["genderDeclaredBy"]["title"].as_str().unwrap_or("").to_owned();
    let how = match p["genderSource"].as_str() {
        Some("DECLARED") => tf(lang, "gender.source.DECLARED", &[("source", source)]),
        Some("CURATED") => tf(lang, "gender.source.CURATED", &[("source", source)]),
        Some("INFERRED_FROM_FIRST_NAME") => tf(
            lang,
            "gender.source.INFERRED",
            &[("p", number(lang, p["genderProbability"].as_f64().unwrap_or(0.0), 2))],
        ),
        _ => String::new(),
    };
    if how.is_empty() { gender.to_owned() } else { format!("{gender} — {how}") }
}
