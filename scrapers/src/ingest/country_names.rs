//! Country names as sources write them ("FRANCE", "Fr", "Grande-Bretagne", "Rép. tch.") to the
//! country keys of the `countries` table: its English and French names, plus the abbreviations
//! and short forms the CNC's lists use.

use std::collections::HashMap;

use egalite_shared::entity::country;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// The lookup key: the matching key with hyphens as spaces ("Pays-Bas", "PAYS BAS").
fn key(name: &str) -> String {
    crate::names::matching_key(&name.replace('-', " "))
}

/// Short forms seen in the CNC's co-production column, by matching key.
const ALIASES: &[(&str, &str)] = &[
    ("fr", "FR"),
    ("belg", "BE"),
    ("bel", "BE"),
    ("be", "BE"),
    ("all", "DE"),
    ("it", "IT"),
    ("lux", "LU"),
    ("esp", "ES"),
    ("es", "ES"),
    ("port", "PT"),
    ("gb", "GB"),
    ("r-u", "GB"),
    ("grande bretagne", "GB"),
    ("can", "CA"),
    ("russie", "RU"),
    ("dan", "DK"),
    ("pol", "PL"),
    ("irl", "IE"),
    ("roum", "RO"),
    ("arg", "AR"),
    ("mex", "MX"),
    ("isr", "IL"),
    ("norv", "NO"),
    ("bulg", "BG"),
    ("fin", "FI"),
    ("rep tch", "CZ"),
    ("rep tcheque", "CZ"),
    ("rep tcheq", "CZ"),
    ("republique tcheque", "CZ"),
    ("palestine", "PS"),
    ("macedoine", "MK"),
    ("macedoine du n", "MK"),
    ("af du sud", "ZA"),
    ("bosnie", "BA"),
    ("bosnie herz", "BA"),
    ("coree", "KR"),
    ("bolivie", "BO"),
    ("turquiee", "TR"),
    ("vatican", "VA"),
    ("taiwan", "TW"),
    ("kirghiztan", "KG"),
    ("syrie", "SY"),
    ("usa", "US"),
];

/// Country names to country keys.
#[derive(Debug, Clone, Default)]
pub struct CountryNames {
    by_key: HashMap<String, String>,
}

impl CountryNames {
    /// Loads the names of the `countries` table and adds the known short forms.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let mut by_key = HashMap::new();
        for c in country::Entity::find().all(db).await? {
            // A country that no longer exists yields its name to the one that does.
            let current = c.former_until.is_none();
            for name in [&c.name_en, &c.name_fr] {
                let key = key(name);
                if current || !by_key.contains_key(&key) {
                    by_key.insert(key, c.code.clone());
                }
            }
            by_key.entry(c.code.to_lowercase()).or_insert_with(|| c.code.clone());
        }
        for (alias, code) in ALIASES {
            by_key.insert(key(alias), (*code).to_owned());
        }
        Ok(Self { by_key })
    }

    /// The country key for a name as written, if known.
    pub fn code(&self, written: &str) -> Option<&str> {
        self.by_key.get(&key(written)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_matching_keys() {
        for (alias, code) in ALIASES {
            assert_eq!(key(alias), key(&key(alias)), "{alias}");
            assert!(code.len() == 2, "{code}");
        }
        let names = CountryNames {
            by_key: ALIASES.iter().map(|(a, c)| (key(a), (*c).to_owned())).collect(),
        };
        assert_eq!(names.code("Rép. tch."), Some("CZ"));
        assert_eq!(names.code("GRANDE-BRETAGNE"), Some("GB"));
        assert_eq!(names.code("Macédoine du N"), Some("MK"));
        assert_eq!(names.code("R-U"), Some("GB"));
        assert_eq!(names.code("Atlantide"), None);
    }
}
