//! Jörg Michael's first-name dictionary (`nam_dict.txt`, GFDL 1.2): for each name and gender
//! code, a frequency from 1 (rare) to 13 (extremely common) in each of 55 countries or regions.

use std::collections::HashMap;
use std::path::Path;

use super::{DictionaryError, name_key, plain_key};

/// The dictionary's country columns, in file order, as ISO 3166 codes (several for a region).
const COLUMNS: [&[&str]; 55] = [
    // Usage in a country without a column of its own is read from the closest one.
    &["GB", "AU", "NZ"],
    &["IE"],
    &["US", "CA"],
    &["IT"],
    &["MT"],
    &["PT", "BR"],
    &[
        "ES", "AR", "MX", "CL", "CO", "PE", "VE", "UY", "CU", "BO", "EC", "PY", "DO", "CR", "GT",
        "HN", "NI", "PA", "SV", "PR",
    ],
    &["FR", "CA"],
    &["BE"],
    &["LU"],
    &["NL"],
    &[], // East Frisia: a region of Germany, counted under Germany below.
    &["DE", "DD", "DDDE"],
    &["AT"],
    &["CH"],
    &["IS"],
    &["DK"],
    &["NO"],
    &["SE"],
    &["FI"],
    &["EE"],
    &["LV"],
    &["LT"],
    &["PL"],
    &["CZ", "CSHH", "CSXX"],
    &["SK"],
    &["HU"],
    &["RO"],
    &["BG"],
    &["BA"],
    &["HR", "YU", "YUCS"],
    &["XK"],
    &["MK"],
    &["ME"],
    &["RS"],
    &["SI"],
    &["AL"],
    &["GR"],
    &["RU", "SU", "SUHH"],
    &["BY"],
    &["MD"],
    &["UA"],
    &["AM"],
    &["AZ"],
    &["GE"],
    &["KZ", "UZ", "TM", "KG", "TJ"],
    &["TR"],
    &[
        "SA", "EG", "MA", "DZ", "TN", "LB", "SY", "JO", "IQ", "AE", "QA", "KW", "LY", "PS", "YE",
        "OM", "BH",
    ],
    &["IL"],
    &["CN", "TW", "HK", "MO"],
    &["IN"],
    &["JP"],
    &["KR"],
    &["VN"],
    &[],
];

/// How a line's gender code splits a name's weight between men and women. `1M`/`1F` mean
/// male/female when the name comes first, which is how it is looked up here.
fn male_share(code: &str) -> Option<f64> {
    match code.trim() {
        "M" | "1M" => Some(1.0),
        // "Mostly": the other use exists but is rare.
        "?M" => Some(0.95),
        "?" => Some(0.5),
        "?F" => Some(0.05),
        "F" | "1F" => Some(0.0),
        _ => None,
    }
}

/// One line: the male share its code gives and the frequency in each column (0 = absent).
#[derive(Debug, Clone)]
struct Entry {
    male: f64,
    freq: [u8; 55],
}

/// Weights of a name in some countries: how much of it is men's and women's.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Weights {
    /// Weight of the men's uses.
    pub male: f64,
    /// Weight of the women's uses.
    pub female: f64,
    /// The highest frequency code met (1–13).
    pub max_frequency: u8,
}

/// The dictionary.
#[derive(Debug, Default)]
pub struct NamDict {
    names: HashMap<String, Vec<Entry>>,
    /// Every spelling's entries under its key without accents, for names written without them.
    plain: HashMap<String, Vec<Entry>>,
}

impl NamDict {
    /// Reads the fixed-width file: code in columns 1–2, name in 4–29, sort marker in 30,
    /// frequencies from column 31.
    pub fn load(path: &Path) -> Result<Self, DictionaryError> {
        let text = super::read(path)?;
        let mut names: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut plain: HashMap<String, Vec<Entry>> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let chars: Vec<char> = line.chars().collect();
            let code: String = chars.iter().take(2).collect();
            let Some(male) = male_share(&code) else {
                continue; // "=": an equivalence between names, no gender.
            };
            if chars.get(29) == Some(&'+') {
                continue; // The same name again, sorted with expanded umlauts.
            }
            let name: String = chars.iter().skip(3).take(26).collect();
            let name = name.trim();
            if name.is_empty() {
                return Err(DictionaryError::Format {
                    path: path.to_owned(),
                    line: i as u64 + 1,
                    reason: "no name in columns 4–29".into(),
                });
            }
            let mut freq = [0u8; 55];
            for (k, f) in freq.iter_mut().enumerate() {
                *f = chars
                    .get(30 + k)
                    .and_then(|c| c.to_digit(16))
                    .and_then(|d| u8::try_from(d).ok())
                    .unwrap_or(0);
            }
            let entry = Entry { male, freq };
            // '+' joins the parts of Arabic, Chinese and Korean names with '-', ' ' or nothing.
            let variants: Vec<String> = if name.contains('+') {
                vec![name.replace('+', "-"), name.replace('+', " "), name.replace('+', "")]
            } else {
                vec![name.to_owned()]
            };
            for v in variants {
                names.entry(name_key(&v)).or_default().push(entry.clone());
                plain.entry(plain_key(&v)).or_default().push(entry.clone());
            }
        }
        Ok(Self { names, plain })
    }

    /// The name's weights in `countries`, or in every country when `countries` is empty.
    /// `None` when the dictionary has the name nowhere among them. A name written without
    /// accents counts every spelling it may have lost them from.
    pub fn weights(&self, name: &str, countries: &[String]) -> Option<Weights> {
        let entries = if super::may_have_lost_accents(name) {
            self.plain.get(&plain_key(name))?
        } else {
            self.names.get(&name_key(name))?
        };
        let columns: Vec<usize> = if countries.is_empty() {
            (0..55).collect()
        } else {
            (0..55)
                .filter(|k| COLUMNS[*k].iter().any(|c| countries.iter().any(|x| x == c)))
                .collect()
        };
        let mut w = Weights::default();
        for e in entries {
            for k in &columns {
                let f = e.freq[*k];
                if f == 0 {
                    continue;
                }
                // The frequency scale is logarithmic: each step about doubles the count.
                let mass = 2f64.powi(i32::from(f));
                w.male += mass * e.male;
                w.female += mass * (1.0 - e.male);
                w.max_frequency = w.max_frequency.max(f);
            }
        }
        (w.male + w.female > 0.0).then_some(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_cover_the_55_countries_of_the_file() {
        assert_eq!(COLUMNS.len(), 55);
        assert_eq!(COLUMNS[3], &["IT"]);
        assert_eq!(COLUMNS[51], &["JP"]);
    }

    #[test]
    fn a_line_is_read_by_its_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nam_dict.txt");
        let it = " ".repeat(3) + "9";
        let gb = "6";
        let lines = [
            "# header".to_owned(),
            format!("{:<2} {:<26} {}", "M", "Andrea", it),
            format!("{:<2} {:<26} {}", "F", "Andrea", gb),
            format!("{:<2} {:<26} {}", "=", "Andrea Andy", "1"),
        ];
        std::fs::write(&path, lines.join("\r\n")).unwrap();
        let d = NamDict::load(&path).unwrap();
        let italy = d.weights("Andrea", &["IT".to_owned()]).unwrap();
        assert_eq!((italy.male, italy.female), (512.0, 0.0));
        let britain = d.weights("andrea", &["GB".to_owned()]).unwrap();
        assert_eq!((britain.male, britain.female), (0.0, 64.0));
        assert!(d.weights("Andrea", &["JP".to_owned()]).is_none());
        assert!(d.weights("Zzz", &[]).is_none());
    }
}
