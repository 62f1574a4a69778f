//! The site's texts, read from `web/i18n/fr.txt` and `web/i18n/en.txt` (one `key = value` a
//! line): French by default, English one click away. No text of the site lives in the code.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The site's two languages, French first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// French, the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The language a `lang` URL parameter names; French for anything else.
    pub fn from_param(p: Option<&str>) -> Self {
        if p == Some("en") { Lang::En } else { Lang::Fr }
    }

    /// The BCP 47 code (`fr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Self {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

fn parse(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static FR: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| parse(include_str!("../i18n/fr.txt"))),
        Lang::En => EN.get_or_init(|| parse(include_str!("../i18n/en.txt"))),
    }
}

/// The text of `key`; the key itself when a translation is missing, so it shows and gets fixed.
/// A key may be built at run time from a value the API returns (`financing.TAX_CREDIT`).
pub fn t(lang: Lang, key: &str) -> &str {
    table(lang).get(key).copied().unwrap_or(key)
}

/// The text of `key` with its `{name}` placeholders filled.
pub fn tf(lang: Lang, key: &'static str, args: &[(&str, String)]) -> String {
    let mut s = t(lang, key).to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// A number as the language writes it: `1 234` and `12,5` in French, `1,234` and `12.5` in English.
pub fn number(lang: Lang, n: f64, decimals: usize) -> String {
    let s = format!("{n:.decimals$}");
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let sep = if lang == Lang::Fr { "\u{202f}" } else { "," };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(sep);
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{}{f}", if lang == Lang::Fr { "," } else { "." }),
        None => format!("{sign}{grouped}"),
    }
}

/// A share as a percentage.
pub fn percent(lang: Lang, share: f64) -> String {
    let p = number(lang, share * 100.0, 1);
    if lang == Lang::Fr { format!("{p}\u{a0}%") } else { format!("{p}%") }
}
