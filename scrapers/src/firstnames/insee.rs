//! INSEE's "Fichier des prénoms": births in France by first name, sex and decade.

use std::collections::HashMap;
use std::path::Path;

use super::{DictionaryError, name_key, plain_key};

/// Births by decade for one name: (decade, girls, boys).
pub type Births = Vec<(i32, u64, u64)>;

/// The births of every first name, by its key.
#[derive(Debug, Default)]
pub struct Insee {
    names: HashMap<String, Births>,
    /// Every spelling's births under its key without accents, for names written without them.
    plain: HashMap<String, Births>,
}

impl Insee {
    /// Reads `prenoms_insee_by_decade.csv` (`prenom,decade,n_female,n_male`).
    pub fn load(path: &Path) -> Result<Self, DictionaryError> {
        let text = super::read(path)?;
        let mut names: HashMap<String, Births> = HashMap::new();
        let mut plain: HashMap<String, Births> = HashMap::new();
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
            plain.entry(plain_key(name)).or_default().push((decade, f, m));
        }
        Ok(Self { names, plain })
    }

    /// Girls and boys given `name` in the decades from `from` to `to` (inclusive); all decades
    /// when no era is known. With `fold`, a name written without accents ("HELENE", as the CNC
    /// writes many French directors) counts the births of every spelling it may have lost them
    /// from.
    pub fn births(&self, name: &str, era: Option<(i32, i32)>, fold: bool) -> Option<(u64, u64)> {
        let births = if fold && super::may_have_lost_accents(name) {
            self.plain.get(&plain_key(name))?
        } else {
            self.names.get(&name_key(name))?
        };
        let (f, m) = births
            .iter()
            .filter(|(d, _, _)| era.is_none_or(|(from, to)| (from..=to).contains(d)))
            .fold((0, 0), |(f, m), (_, bf, bm)| (f + bf, m + bm));
        (f + m > 0).then_some((f, m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_accents_counts_every_spelling_and_an_accented_one_only_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("insee.csv");
        std::fs::write(
            &path,
            "prenom,decade,n_female,n_male\nHélène,1970,900,0\nHelene,1970,5,0\nDanièle,1950,300,0\nDaniele,1950,0,40\n",
        )
        .unwrap();
        let d = Insee::load(&path).unwrap();
        assert_eq!(d.births("Helene", None, true), Some((905, 0)));
        assert_eq!(d.births("Helene", None, false), Some((5, 0)));
        assert_eq!(d.births("Hélène", None, true), Some((900, 0)));
        assert_eq!(d.births("Daniele", None, true), Some((300, 40)));
        assert_eq!(d.births("Danièle", None, true), Some((300, 0)));
    }
}
