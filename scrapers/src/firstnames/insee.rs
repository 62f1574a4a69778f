//! INSEE's "Fichier des prénoms": births in France by first name, sex and decade.

use std::collections::HashMap;
use std::path::Path;

use super::{DictionaryError, name_key};

/// Births by decade for one name: (decade, girls, boys).
pub type Births = Vec<(i32, u64, u64)>;

/// The births of every first name, by its key.
#[derive(Debug, Default)]
pub struct Insee {
    names: HashMap<String, Births>,
}

impl Insee {
    /// Reads `prenoms_insee_by_decade.csv` (`prenom,decade,n_female,n_male`).
    pub fn load(path: &Path) -> Result<Self, DictionaryError> {
        let text = super::read(path)?;
        let mut names: HashMap<String, Births> = HashMap::new();
        for (i, line) in text.lines().enumerate().skip(1) {
            let bad = |reason: &str| DictionaryError::Format {
                path: path.to_owned(),
                line: i as u64 + 1,
                reason: reason.to_owned(),
            };
            let mut cols = line.rsplitn(4, ',');
            let (Some(m), Some(f), Some(decade), Some(name)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(bad("expected prenom,decade,n_female,n_male"));
            };
            let decade: i32 = decade.parse().map_err(|_| bad("decade is not a year"))?;
            let f: u64 = f.parse().map_err(|_| bad("n_female is not a count"))?;
            let m: u64 = m.parse().map_err(|_| bad("n_male is not a count"))?;
            names.entry(name_key(name)).or_default().push((decade, f, m));
        }
        Ok(Self { names })
    }

    /// Girls and boys given `name` in the decades from `from` to `to` (inclusive); all decades
    /// when no era is known.
    pub fn births(&self, name: &str, era: Option<(i32, i32)>) -> Option<(u64, u64)> {
        let births = self.names.get(&name_key(name))?;
        let (f, m) = births
            .iter()
            .filter(|(d, _, _)| era.is_none_or(|(from, to)| (from..=to).contains(d)))
            .fold((0, 0), |(f, m), (_, bf, bm)| (f + bf, m + bm));
        (f + m > 0).then_some((f, m))
    }
}
