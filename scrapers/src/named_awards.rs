//! The prizes a newsroom asks about by name, each one award over its whole history: IMDb files
//! the same prize under different categories from year to year ("golden berlin bear" until 2016,
//! "best film" after; the César for Best Director as "meilleur réalisateur" until 2021, then
//! "meilleure réalisation"), which would split its history over several awards.

use egalite_shared::AwardSubject;

/// A prize known by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedAward {
    /// The festival's slug.
    pub festival: &'static str,
    /// The key curation files name it by (`golden_bear`).
    pub key: &'static str,
    /// The award's slug.
    pub slug: &'static str,
    /// Its display name.
    pub name: &'static str,
    /// Whom it honours: a film (counted by its directors) or people.
    pub subject: AwardSubject,
    /// Whether it is the festival's main prize.
    pub main_prize: bool,
}

impl NamedAward {
    /// Whether the prize names the people it honours.
    pub fn subject_is_person(&self) -> bool {
        self.subject == AwardSubject::Person
    }
}

/// The Golden Bear for best film.
pub const GOLDEN_BEAR: NamedAward = NamedAward {
    festival: "berlin",
    key: "golden_bear",
    slug: "berlin-golden-bear",
    name: "Golden Bear (Goldener Bär)",
    subject: AwardSubject::Film,
    main_prize: true,
};

/// The Golden Lion for best film.
pub const GOLDEN_LION: NamedAward = NamedAward {
    festival: "venice",
    key: "golden_lion",
    slug: "venice-golden-lion",
    name: "Golden Lion (Leone d'oro)",
    subject: AwardSubject::Film,
    main_prize: true,
};

/// The César for Best Director.
pub const CESAR_BEST_DIRECTOR: NamedAward = NamedAward {
    festival: "cesar",
    key: "cesar_best_director",
    slug: "cesar-best-director",
    name: "César for Best Director (César de la meilleure réalisation)",
    subject: AwardSubject::Person,
    main_prize: false,
};

/// The César for Best Film, counted by the films' directors.
pub const CESAR_BEST_FILM: NamedAward = NamedAward {
    festival: "cesar",
    key: "cesar_best_film",
    slug: "cesar-best-film",
    name: "César for Best Film (César du meilleur film)",
    subject: AwardSubject::Film,
    main_prize: true,
};

/// Every prize known by name.
pub const ALL: &[NamedAward] = &[GOLDEN_BEAR, GOLDEN_LION, CESAR_BEST_DIRECTOR, CESAR_BEST_FILM];

/// The prize an IMDb award and category stand for, if it is one known by name.
pub fn of_imdb(award: &str, category: &str) -> Option<NamedAward> {
    match award {
        // Short films and the documentary bears of the 1950s–60s are prizes of their own.
        "golden berlin bear"
            if !category.contains("short") && !category.contains("feature-length") =>
        {
            Some(GOLDEN_BEAR)
        }
        "golden lion" if matches!(category, "golden lion" | "best film") => Some(GOLDEN_LION),
        "césar" if category.starts_with("best director (") => Some(CESAR_BEST_DIRECTOR),
        "césar" if category == "best film (meilleur film)" => Some(CESAR_BEST_FILM),
        _ => None,
    }
}

/// The prize a curation file names by `key`.
pub fn by_key(key: &str) -> Option<NamedAward> {
    ALL.iter().copied().find(|a| a.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prize_filed_under_several_categories_is_one_award() {
        assert_eq!(of_imdb("golden berlin bear", "golden berlin bear"), Some(GOLDEN_BEAR));
        assert_eq!(of_imdb("golden berlin bear", "best film"), Some(GOLDEN_BEAR));
        assert_eq!(of_imdb("golden berlin bear", "best short film"), None);
        assert_eq!(of_imdb("golden berlin bear", "best feature-length documentary"), None);
        assert_eq!(of_imdb("golden lion", "best film"), Some(GOLDEN_LION));
        for c in [
            "best director (meilleur réalisateur)",
            "best director (meilleure réalisation)",
            "best director (meilleur réalisation)",
        ] {
            assert_eq!(of_imdb("césar", c), Some(CESAR_BEST_DIRECTOR), "{c}");
        }
        assert_eq!(of_imdb("césar", "best film (meilleur film)"), Some(CESAR_BEST_FILM));
        assert_eq!(
            of_imdb(
                "césar",
                "best film of the european community (meilleur film de l'europe communautaire)"
            ),
            None
        );
        assert_eq!(by_key("golden_lion"), Some(GOLDEN_LION));
        assert_eq!(by_key("palme"), None);
    }
}
