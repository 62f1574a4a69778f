//! Counting units and the co-direction categories every figure states.

use crate::domain_enum;

domain_enum! {
    /// What a figure counts.
    pub enum CountingUnit {
        /// Each film once.
        Films => "films",
        /// Each person once over the range.
        People => "people",
        /// Each (film, person, role) once.
        Credits => "credits",
        /// Each nomination once.
        Nominations => "nominations",
        /// Each win once.
        Wins => "wins",
    }
}

domain_enum! {
    /// A film's directing team by gender, as Collectif 50/50 and the CNC count co-directed films.
    pub enum DirectorshipCategory {
        /// Every director is a woman.
        WomenOnly => "women_only",
        /// Every director is a man.
        MenOnly => "men_only",
        /// Women and men (or non-binary people) together.
        Mixed => "mixed",
        /// At least one director's gender is unknown, or no director is known.
        Unknown => "unknown",
    }
}

impl DirectorshipCategory {
    /// The category of a film from its directors' genders, as the methodology states it: women
    /// only; women with others (men, non-binary people or directors of unknown gender) are
    /// mixed; men only; else unknown (no director known, or no woman and one whose gender is
    /// unknown or non-binary).
    pub fn of<I>(genders: I) -> Self
    where
        I: IntoIterator<Item = crate::Gender>,
    {
        use crate::Gender;
        let (mut n, mut women, mut men) = (0usize, 0usize, 0usize);
        for g in genders {
            n += 1;
            match g {
                Gender::Woman => women += 1,
                Gender::Man => men += 1,
                Gender::NonBinary | Gender::Unknown => {}
            }
        }
        match (women, men) {
            (w, _) if w > 0 && w == n => Self::WomenOnly,
            (w, _) if w > 0 => Self::Mixed,
            (0, m) if m > 0 && m == n => Self::MenOnly,
            _ => Self::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Gender::*;

    #[test]
    fn a_film_counts_once_in_one_directorship_category() {
        assert_eq!(DirectorshipCategory::of([Woman]), DirectorshipCategory::WomenOnly);
        assert_eq!(DirectorshipCategory::of([Woman, Woman]), DirectorshipCategory::WomenOnly);
        assert_eq!(DirectorshipCategory::of([Man, Man]), DirectorshipCategory::MenOnly);
        assert_eq!(DirectorshipCategory::of([Woman, Man]), DirectorshipCategory::Mixed);
        assert_eq!(DirectorshipCategory::of([Man, NonBinary]), DirectorshipCategory::Unknown);
        assert_eq!(DirectorshipCategory::of([Woman, Unknown]), DirectorshipCategory::Mixed);
        assert_eq!(DirectorshipCategory::of([Man, Unknown]), DirectorshipCategory::Unknown);
        assert_eq!(DirectorshipCategory::of([]), DirectorshipCategory::Unknown);
    }
}
