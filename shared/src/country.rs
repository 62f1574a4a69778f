//! ISO 3166 country codes.

use std::fmt;
use std::str::FromStr;

/// A country code, upper case: ISO 3166-1 alpha-2 (`FR`), or ISO 3166-3 alpha-4 for a former
/// country (`SUHH`, the USSR), since festival histories name countries that no longer exist.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

/// A text that is not a two-letter country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid country code {0:?}: expected two letters (ISO 3166-1 alpha-2) or four (ISO 3166-3)"
)]
pub struct InvalidCountryCode(pub String);

impl CountryCode {
    /// The code, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CountryCode {
    type Err = InvalidCountryCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if (t.len() == 2 || t.len() == 4) && t.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self(t.to_ascii_uppercase()))
        } else {
            Err(InvalidCountryCode(s.to_owned()))
        }
    }
}

impl TryFrom<String> for CountryCode {
    type Error = InvalidCountryCode;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> Self {
        c.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_two_or_four_letters_upper_cased() {
        assert_eq!("fr".parse::<CountryCode>().unwrap().as_str(), "FR");
        assert_eq!("SUHH".parse::<CountryCode>().unwrap().as_str(), "SUHH");
        assert!("FRA".parse::<CountryCode>().is_err());
        assert!("F1".parse::<CountryCode>().is_err());
        assert!("".parse::<CountryCode>().is_err());
    }
}
