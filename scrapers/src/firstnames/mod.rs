//! First-name dictionaries and the gender inference built on them: INSEE births by sex and
//! decade (France), Jörg Michael's per-country dictionary (`nam_dict`), and nomquamgender's
//! probabilities across many countries. Loaded once; every answer says which counts it rests on.

pub mod evaluate;
pub mod infer;
pub mod insee;
pub mod nam_dict;
pub mod nomquamgender;

use std::path::{Path, PathBuf};

pub use infer::{FirstNames, Inference, NameQuery};

/// The bundled dictionary files, relative to the bundled data folder.
pub const INSEE_FILE: &str = "firstnames_insee_fr/prenoms_insee_by_decade.csv";
/// Jörg Michael's dictionary.
pub const NAM_DICT_FILE: &str = "firstnames_intl/nam_dict.txt";
/// nomquamgender's table.
pub const NOMQUAMGENDER_FILE: &str = "firstnames_intl/nomquamgender_name_pgf.csv";

/// Why a dictionary could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A line is not in the expected format.
    #[error("{path}:{line}: {reason}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What was wrong.
        reason: String,
    },
}

/// Reads a dictionary file whole.
fn read(path: &Path) -> Result<String, DictionaryError> {
    std::fs::read_to_string(path)
        .map_err(|source| DictionaryError::Io { path: path.to_owned(), source })
}

/// The dictionary key of a first name: lower case, accents kept (Danièle and Daniele are
/// different names), apostrophes and hyphens kept, spaces folded.
pub fn name_key(name: &str) -> String {
    crate::names::display_form(name).to_lowercase()
}

/// The key without accents, for dictionaries that strip them.
pub fn plain_key(name: &str) -> String {
    crate::names::matching_key(name)
}

/// Whether `name` is written in plain ASCII letters, as sources that drop accents write every
/// name: it may stand for any spelling that loses its accents to it ("Frederic" for "Frédéric").
pub fn may_have_lost_accents(name: &str) -> bool {
    name.is_ascii()
}

/// The bundled dictionaries, loaded once for all tests.
#[cfg(test)]
pub(crate) mod test_dictionaries {
    use std::path::PathBuf;
    use std::sync::OnceLock;

    use super::FirstNames;

    /// The bundled data folder.
    pub fn bundled() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data")
    }

    /// The dictionaries.
    pub fn dictionaries() -> &'static FirstNames {
        static NAMES: OnceLock<FirstNames> = OnceLock::new();
        NAMES.get_or_init(|| FirstNames::load(&bundled()).unwrap())
    }
}
