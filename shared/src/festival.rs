//! Festivals and award ceremonies, and the kinds of section an edition has.

use crate::domain_enum;

domain_enum! {
    /// What kind of event a festival row describes.
    pub enum FestivalKind {
        /// A film festival with a selection (Cannes, Berlin, Venice).
        Festival => "festival",
        /// An awards ceremony over a year's releases (César, Academy Awards).
        AwardCeremony => "award_ceremony",
    }
}

domain_enum! {
    /// The kind of a section of an edition; competition figures use only `Competition`.
    pub enum SectionKind {
        /// The main competition.
        Competition => "competition",
        /// Selected, shown out of competition.
        OutOfCompetition => "out_of_competition",
        /// An official parallel section (Un Certain Regard, Orizzonti, Panorama, ...).
        Parallel => "parallel",
        /// Short films.
        ShortFilm => "short_film",
        /// A label given without a competition (Cannes 2020).
        Label => "label",
        /// Anything else the sources name.
        Other => "other",
    }
}

domain_enum! {
    /// Whom an award honours.
    pub enum AwardSubject {
        /// A film (Palme d'Or, Best Picture).
        Film => "film",
        /// A person (Best Director, acting awards).
        Person => "person",
    }
}
