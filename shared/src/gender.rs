//! A person's gender and how it is known, and the perceived gender a model gives a face.

use crate::domain_enum;

domain_enum! {
    /// A person's gender as the platform records it.
    pub enum Gender {
        /// A woman.
        Woman => "woman",
        /// A man.
        Man => "man",
        /// A non-binary person.
        NonBinary => "non_binary",
        /// Not known from any source.
        Unknown => "unknown",
    }
}

domain_enum! {
    /// How a person's gender is known.
    pub enum GenderSource {
        /// Declared by a named source (a dataset, Wikidata's P21, an official page).
        Declared => "declared",
        /// Set by a curator, with evidence.
        Curated => "curated",
        /// Inferred from the first name with a dictionary, with a probability.
        InferredFromFirstName => "inferred_from_first_name",
    }
}

impl GenderSource {
    /// How strongly this source outranks others: curated wins over declared wins over inferred.
    pub const fn precedence(self) -> u8 {
        match self {
            Self::Curated => 3,
            Self::Declared => 2,
            Self::InferredFromFirstName => 1,
        }
    }

    /// Whether a value from `self` may replace a value already known from `current`.
    pub const fn may_replace(self, current: Option<Self>) -> bool {
        match current {
            None => true,
            Some(current) => self.precedence() >= current.precedence(),
        }
    }

    /// Whether statistics treat this gender as inferred (and can leave it out).
    pub const fn is_inferred(self) -> bool {
        matches!(self, Self::InferredFromFirstName)
    }
}

domain_enum! {
    /// The gender a model perceives in a face: an estimate about an image, never a person's gender.
    pub enum PerceivedGender {
        /// Perceived as a woman.
        Woman => "woman",
        /// Perceived as a man.
        Man => "man",
        /// The model's confidence is too low to say.
        Undetermined => "undetermined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_outranks_declared_which_outranks_inferred() {
        use GenderSource::*;
        assert!(Curated.may_replace(Some(Declared)));
        assert!(Declared.may_replace(Some(InferredFromFirstName)));
        assert!(!InferredFromFirstName.may_replace(Some(Declared)));
        assert!(!Declared.may_replace(Some(Curated)));
        assert!(InferredFromFirstName.may_replace(None));
    }

    #[test]
    fn gender_round_trips_through_its_wire_name() {
        for g in Gender::ALL {
            assert_eq!(g.as_str().parse::<Gender>(), Ok(*g));
            assert_eq!(serde_json::to_string(g).unwrap(), format!("\"{}\"", g.as_str()));
        }
    }

    #[test]
    fn unknown_wire_name_is_an_error_listing_the_accepted_values() {
        let err = "female".parse::<Gender>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown Gender \"female\": expected one of woman, man, non_binary, unknown"
        );
    }
}
