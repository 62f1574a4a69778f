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
    /// The category of a film from its directors' genders.
    pub fn of<I>(genders: I) -> Self
    where
        I: IntoIterator<Item = crate::Gender>,
    {
        use crate::Gender;
        let (mut women, mut men, mut other, mut any) = (false, false, false, false);
        for g in genders {
            any = true;
            match g {
                Gender::Woman => women = true,
                Gender::Man => men = true,
                Gender::NonBinary => other = true,
                Gender::Unknown => return Self::Unknown,
            }
        }
        match (any, women, men, other) {
            (false, ..) => Self::Unknown,
            (true, true, false, false) => Self::WomenOnly,
            (true, false, true, false) => Self::MenOnly,
            _ => Self::Mixed,
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
        assert_eq!(DirectorshipCategory::of([Man, NonBinary]), DirectorshipCategory::Mixed);
        assert_eq!(DirectorshipCategory::of([Woman, Unknown]), DirectorshipCategory::Unknown);
        assert_eq!(DirectorshipCategory::of([]), DirectorshipCategory::Unknown);
    }
}
