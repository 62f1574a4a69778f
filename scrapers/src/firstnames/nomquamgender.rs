//! nomquamgender: the probability that a name is a woman's, across many countries' records.

use std::collections::HashMap;
use std::path::Path;

use super::{DictionaryError, plain_key};

/// Probability a name is female and the number of records behind it, by accent-free key.
#[derive(Debug, Default)]
pub struct Nomquamgender {
    names: HashMap<String, (f64, u64)>,
}

impl Nomquamgender {
    /// Reads `nomquamgender_name_pgf.csv` (`name,n_sources,n_counts,p_female`).
    pub fn load(path: &Path) -> Result<Self, DictionaryError> {
        let text = super::read(path)?;
        let mut names = HashMap::new();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for row in reader.records() {
            let bad = |line: u64, reason: &str| DictionaryError::Format {
                path: path.to_owned(),
                line,
                reason: reason.to_owned(),
            };
            let row = row.map_err(|e| bad(e.position().map_or(0, |p| p.line()), &e.to_string()))?;
            let line = row.position().map_or(0, |p| p.line());
            let (Some(name), Some(counts), Some(p)) = (row.get(0), row.get(2), row.get(3)) else {
                return Err(bad(line, "expected name,n_sources,n_counts,p_female"));
            };
            let counts: u64 = counts.parse().map_err(|_| bad(line, "n_counts is not a count"))?;
            let p: f64 = p
                .parse()
                .ok()
                .filter(|p| (0.0..=1.0).contains(p))
                .ok_or_else(|| bad(line, "p_female is not a probability"))?;
            names.insert(plain_key(name), (p, counts));
        }
        Ok(Self { names })
    }

    /// P(female) and the records behind it.
    pub fn get(&self, name: &str) -> Option<(f64, u64)> {
        self.names.get(&plain_key(name)).copied()
    }
}
