//! The roles a person holds on a film.

use crate::domain_enum;

domain_enum! {
    /// A credited role on a film.
    pub enum Role {
        /// Director (réalisation).
        Director => "director",
        /// Screenwriter (scénario).
        Screenwriter => "screenwriter",
        /// Producer (production).
        Producer => "producer",
        /// Director of photography (image).
        Cinematographer => "cinematographer",
        /// Composer of the original score.
        Composer => "composer",
        /// Film editor (montage).
        Editor => "editor",
        /// Lead cast member.
        LeadCast => "lead_cast",
    }
}
