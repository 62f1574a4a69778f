//! Gender from a first name, with what the data knows of the person: the countries of their films
//! (Andrea is a man's name in Italy and a woman's in Britain), their era (born about 35 years
//! before their first film: Camille was a boy's name in France in the 1920s), and East Asian
//! family-name-first order. Each dictionary gives a probability, weighted by how much it knows of
//! the name and how well it fits the person's countries; a prior at one half pulls the mix back
//! when the evidence is thin. Below the threshold the gender stays unknown.

use std::path::Path;

use egalite_shared::Gender;

use super::insee::Insee;
use super::nam_dict::NamDict;
use super::nomquamgender::Nomquamgender;
use super::{DictionaryError, INSEE_FILE, NAM_DICT_FILE, NOMQUAMGENDER_FILE};

/// Weight of the prior at P = 0.5.
const PRIOR_WEIGHT: f64 = 0.05;
/// How much of its distance from one half an answer keeps when no dictionary speaks for the
/// person's countries: such an answer can lean, never pass the threshold.
const FOREIGN_EVIDENCE: f64 = 0.85;
/// A person is taken to be born this many years before their first film.
const AGE_AT_FIRST_FILM: i32 = 35;

/// Countries where names are written family name first.
const FAMILY_FIRST_COUNTRIES: &[&str] = &["CN", "TW", "HK", "MO", "KR", "KP", "VN", "SG"];
/// Honorifics before a name, never first names.
const HONORIFICS: &[&str] = &["sir", "dame", "lord", "lady", "dr", "dr.", "mr", "mr.", "mrs", "ms"];
/// Countries where French first-name usage applies.
const FRANCOPHONE: &[&str] = &["FR", "BE", "CH", "LU", "MC", "CA"];
/// Countries whose usage nomquamgender's (mostly English-language) records reflect well.
const ANGLOPHONE: &[&str] = &["US", "GB", "IE", "CA", "AU", "NZ"];

/// What the data knows of a person whose gender is inferred.
#[derive(Debug, Clone, Default)]
pub struct NameQuery<'a> {
    /// The full name as displayed.
    pub full_name: &'a str,
    /// The first name(s), when the source separates them.
    pub given_name: Option<&'a str>,
    /// Production countries of their films (country keys).
    pub countries: &'a [String],
    /// Year of their first film.
    pub first_year: Option<i32>,
}

/// An inferred gender with its probability and the counts it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    /// The first name looked up, if one could be told apart.
    pub first_name: Option<String>,
    /// P(woman), if any dictionary knows the name.
    pub p_woman: Option<f64>,
    /// Woman or man when P is past the threshold, else unknown.
    pub gender: Gender,
    /// Which dictionaries said what, in words.
    pub evidence: String,
}

/// The three dictionaries, loaded once.
#[derive(Debug, Default)]
pub struct FirstNames {
    insee: Insee,
    nam_dict: NamDict,
    nomquamgender: Nomquamgender,
}

/// One dictionary's say: P(woman), its weight, whether it speaks for the person's countries, and
/// the words for the evidence.
struct Say {
    p: f64,
    weight: f64,
    local: bool,
    words: String,
}

impl FirstNames {
    /// Loads the bundled dictionaries from `data_dir`.
    pub fn load(data_dir: &Path) -> Result<Self, DictionaryError> {
        Ok(Self {
            insee: Insee::load(&data_dir.join(INSEE_FILE))?,
            nam_dict: NamDict::load(&data_dir.join(NAM_DICT_FILE))?,
            nomquamgender: Nomquamgender::load(&data_dir.join(NOMQUAMGENDER_FILE))?,
        })
    }

    /// Infers a gender for `q`, publishing it only when P(woman) or P(man) is at least
    /// `threshold`.
    pub fn infer(&self, q: &NameQuery<'_>, threshold: f64) -> Inference {
        let candidates = first_name_candidates(q);
        let Some((name, says)) = candidates
            .iter()
            .map(|c| (c.clone(), self.says(c, q)))
            .find(|(_, says)| !says.is_empty())
        else {
            return Inference {
                first_name: candidates.into_iter().next(),
                p_woman: None,
                gender: Gender::Unknown,
                evidence: "no dictionary knows the first name".into(),
            };
        };
        let total: f64 = says.iter().map(|s| s.weight).sum();
        let mut p = (says.iter().map(|s| s.weight * s.p).sum::<f64>() + PRIOR_WEIGHT * 0.5)
            / (total + PRIOR_WEIGHT);
        let foreign = !q.countries.is_empty() && !says.iter().any(|s| s.local);
        if foreign {
            p = 0.5 + (p - 0.5) * FOREIGN_EVIDENCE;
        }
        let gender = if p >= threshold {
            Gender::Woman
        } else if 1.0 - p >= threshold {
            Gender::Man
        } else {
            Gender::Unknown
        };
        let words: Vec<&str> = says.iter().map(|s| s.words.as_str()).collect();
        Inference {
            evidence: format!("first name \"{name}\": {}; P(woman) = {p:.3}", words.join("; ")),
            first_name: Some(name),
            p_woman: Some(p),
            gender,
        }
    }

    /// What each dictionary says of `name` for this person.
    fn says(&self, name: &str, q: &NameQuery<'_>) -> Vec<Say> {
        let has = |set: &[&str]| q.countries.iter().any(|c| set.contains(&c.as_str()));
        let no_context = q.countries.is_empty();
        let mut out = Vec::new();

        let era = q.first_year.map(|y| {
            let born = y - AGE_AT_FIRST_FILM;
            let from = ((born - 15).max(1900) / 10) * 10;
            let to = ((born + 10).max(1920) / 10) * 10;
            (from, to)
        });
        // French sources drop accents ("Helene", "Cedric"): for a French film, or one whose
        // country is unknown, an unaccented name counts the registry's accented spellings too.
        // Elsewhere it is the name as written ("Andrea" in Italy is not the French "Andréa").
        let fold = has(FRANCOPHONE) || no_context;
        let births = self
            .insee
            .births(name, era, fold)
            .map(|b| (b, era))
            .or_else(|| self.insee.births(name, None, fold).map(|b| (b, None)));
        if let Some(((f, m), window)) = births {
            let relevance = if has(FRANCOPHONE) {
                3.0
            } else if no_context {
                0.5
            } else {
                0.1
            };
            let n = f + m;
            let (fc, mc) = (f as f64, m as f64);
            let when = match window {
                Some((from, to)) => format!("born {from}s–{to}s"),
                None => "all years".into(),
            };
            out.push(Say {
                local: has(FRANCOPHONE),
                p: (fc + 0.5) / (fc + mc + 1.0),
                weight: relevance * confidence(n as f64, 3.0),
                words: format!("INSEE births in France ({when}): {f} girls, {m} boys"),
            });
        }

        let matched = if no_context { None } else { self.nam_dict.weights(name, q.countries) };
        let local = matched.is_some();
        let (weights, relevance, scope) = match matched {
            // Usage in the person's own countries is the best evidence there is.
            Some(w) => (Some(w), 5.0, q.countries.join(",")),
            None => (
                self.nam_dict.weights(name, &[]),
                if no_context { 1.0 } else { 0.3 },
                "any country".to_owned(),
            ),
        };
        if let Some(w) = weights {
            out.push(Say {
                local,
                p: w.female / (w.male + w.female),
                weight: relevance * (f64::from(w.max_frequency) / 6.0).min(1.0),
                words: format!(
                    "nam_dict ({scope}): {:.0}% women's use",
                    100.0 * w.female / (w.male + w.female)
                ),
            });
        }

        if let Some((p, n)) = self.nomquamgender.get(name) {
            let relevance = if no_context || has(ANGLOPHONE) { 1.0 } else { 0.2 };
            // Upstream reads P ≤ 0.1 as male and P ≥ 0.9 as female, the middle as unclassified.
            let calibrated = ((p - 0.1) / 0.8).clamp(0.0, 1.0);
            out.push(Say {
                local: has(ANGLOPHONE),
                p: calibrated,
                weight: relevance * confidence(n as f64, 4.0),
                words: format!("nomquamgender: P(female) = {p:.3} over {n} records"),
            });
        }
        out
    }
}

/// 0–1: how much `n` observations are worth, full at 10^`full_at`.
fn confidence(n: f64, full_at: f64) -> f64 {
    ((n + 1.0).log10() / full_at).min(1.0)
}

/// The first names to look up, best first: the source's given name (whole, then its first
/// part), or the name's first word, or after the family name where names are written family
/// name first. A single-word name (a pseudonym) has none.
pub fn first_name_candidates(q: &NameQuery<'_>) -> Vec<String> {
    let given: String = match q.given_name {
        Some(g) => g.to_owned(),
        None => {
            let words: Vec<&str> = q
                .full_name
                .split_whitespace()
                .skip_while(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
                .collect();
            if words.len() < 2 {
                return Vec::new();
            }
            let family_first =
                q.countries.iter().any(|c| FAMILY_FIRST_COUNTRIES.contains(&c.as_str()))
                    && crate::names::is_east_asian_family_name(words[0]);
            if family_first { words[1..].join(" ") } else { words[0].to_owned() }
        }
    };
    // Initials are not first names and are never glued to one: "Ivan I." is Ivan, "S. Pierre"
    // is Pierre, "C.S." gives nothing to look up.
    let is_initial =
        |w: &str| w.split('.').filter(|p| !p.is_empty()).all(|p| p.chars().count() == 1);
    let given = given.split_whitespace().filter(|w| !is_initial(w)).collect::<Vec<_>>().join(" ");
    if given.is_empty() || given.chars().count() < 2 {
        return Vec::new();
    }
    let mut out = vec![given.clone()];
    let first_word = given.split_whitespace().next().unwrap_or_default().to_owned();
    if first_word != given {
        out.push(given.replace(' ', "-"));
        out.push(given.replace(' ', ""));
        out.push(first_word.clone());
    }
    if let Some((first_part, _)) = first_word.split_once('-') {
        out.push(first_part.to_owned());
    }
    out.retain(|c| c.chars().filter(|ch| ch.is_alphabetic()).count() >= 2 && !c.contains('.'));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q<'a>(full_name: &'a str, countries: &'a [String]) -> NameQuery<'a> {
        NameQuery { full_name, countries, ..Default::default() }
    }

    #[test]
    fn first_names_are_found_in_each_naming_order() {
        let none: Vec<String> = Vec::new();
        let korea = vec!["KR".to_owned()];
        assert_eq!(first_name_candidates(&q("Agnès Varda", &none)), ["Agnès"]);
        assert_eq!(first_name_candidates(&q("Sir Carol Reed", &none)), ["Carol"]);
        assert_eq!(
            first_name_candidates(&q("Kim Ki-duk", &korea)),
            ["Ki-duk", "Ki"].map(str::to_owned)
        );
        assert_eq!(first_name_candidates(&q("Kim Novak", &none)), ["Kim"]);
        assert!(first_name_candidates(&q("JR", &none)).is_empty());
        let jp = NameQuery { given_name: Some("Jean-Pierre"), ..q("Jean-Pierre Jeunet", &none) };
        assert_eq!(first_name_candidates(&jp), ["Jean-Pierre", "Jean"]);
        let ivan = NameQuery { given_name: Some("Ivan I."), ..q("Ivan I. Tverdovskiy", &none) };
        assert_eq!(first_name_candidates(&ivan), ["Ivan"]);
        let pierre = NameQuery { given_name: Some("S. Pierre"), ..q("S. Pierre Yameogo", &none) };
        assert_eq!(first_name_candidates(&pierre), ["Pierre"]);
        assert_eq!(first_name_candidates(&q("Alejandro G. Iñárritu", &none)), ["Alejandro"]);
        let initials = NameQuery { given_name: Some("C.S."), ..q("C.S. Leigh", &none) };
        assert!(first_name_candidates(&initials).is_empty());
    }

    fn inference(full_name: &str, countries: &[&str], first_year: Option<i32>) -> Inference {
        let countries: Vec<String> = countries.iter().map(|c| (*c).to_owned()).collect();
        let q = NameQuery { full_name, countries: &countries, first_year, given_name: None };
        crate::firstnames::test_dictionaries::dictionaries().infer(&q, 0.95)
    }

    fn inferred(full_name: &str, countries: &[&str], first_year: Option<i32>) -> Gender {
        inference(full_name, countries, first_year).gender
    }

    #[test]
    fn the_countries_and_era_of_a_person_weigh_on_the_answer() {
        // Andrea: a man's name in Italy, a woman's in Britain.
        assert_eq!(inferred("Andrea Segre", &["IT"], Some(2010)), Gender::Man);
        let britain = inference("Andrea Riseborough", &["GB"], Some(2010));
        assert!(britain.p_woman.unwrap() > 0.6, "{britain:?}");
        // Common names are clear everywhere.
        assert_eq!(inferred("Agnès Varda", &["FR"], Some(1955)), Gender::Woman);
        assert_eq!(inferred("François Truffaut", &["FR"], Some(1959)), Gender::Man);
        // Family name first: Ki-duk is not Kim.
        assert_ne!(inferred("Kim Ki-duk", &["KR"], Some(1996)), Gender::Woman);
        // Where no dictionary covers the person's countries, the answer leans but is not given.
        assert_eq!(inferred("Flora Gomes", &["GW"], Some(1988)), Gender::Unknown);
        // A pseudonym of one word has no first name.
        assert_eq!(inferred("JR", &["FR"], Some(2017)), Gender::Unknown);
    }

    #[test]
    fn a_french_name_written_without_its_accents_reads_as_the_accented_one() {
        // The CNC writes "CATTET Helene" and "JIMENEZ Cedric".
        let helene = inference("Helene Cattet", &["FR"], Some(2009));
        let accented = inference("Hélène Cattet", &["FR"], Some(2009));
        assert!(helene.p_woman.unwrap() > 0.99, "{helene:?}");
        assert!((helene.p_woman.unwrap() - accented.p_woman.unwrap()).abs() < 0.01);
        assert!(inference("Cedric Jimenez", &["FR"], Some(2012)).p_woman.unwrap() < 0.01);
        // Outside France the name is read as written: Andrea in Italy is not the French Andréa.
        assert_eq!(inferred("Andrea Segre", &["IT"], Some(2010)), Gender::Man);
    }
}
