//! Typed identifiers: a film's id cannot be passed where a person's is expected.

use std::fmt;
use std::str::FromStr;

/// A text that is not a valid numeric id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} id {value:?}: expected a positive integer")]
pub struct InvalidId {
    /// Which id was being parsed.
    pub kind: &'static str,
    /// The text given.
    pub value: String,
}

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident => $kind:literal),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// What this id names, for messages.
            pub const KIND: &'static str = $kind;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().parse::<i64>() {
                    Ok(n) if n > 0 => Ok(Self(n)),
                    _ => Err(InvalidId { kind: $kind, value: s.to_owned() }),
                }
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    )+};
}

id_type! {
    /// A festival or ceremony.
    FestivalId => "festival",
    /// An edition of a festival.
    EditionId => "edition",
    /// A section of an edition.
    SectionId => "section",
    /// A film.
    FilmId => "film",
    /// A person.
    PersonId => "person",
    /// An organisation.
    OrganisationId => "organisation",
    /// An award of a festival.
    AwardId => "award",
    /// A nomination.
    NominationId => "nomination",
    /// A source file, page or decision.
    SourceId => "source",
    /// A raw snapshot.
    SnapshotId => "snapshot",
    /// An analysis of a poster or trailer.
    AnalysisId => "analysis",
    /// A background job.
    JobId => "job",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_from_positive_integers_only() {
        assert_eq!("42".parse::<FilmId>(), Ok(FilmId(42)));
        let err = "cannes".parse::<FestivalId>().unwrap_err();
        assert_eq!(err.to_string(), "invalid festival id \"cannes\": expected a positive integer");
        assert!("0".parse::<PersonId>().is_err());
        assert!("-3".parse::<PersonId>().is_err());
    }

    #[test]
    fn ids_serialise_as_bare_numbers() {
        assert_eq!(serde_json::to_string(&FilmId(7)).unwrap(), "7");
    }
}
