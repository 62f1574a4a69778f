//! Analyses of posters and trailers.

use crate::domain_enum;

domain_enum! {
    /// What an analysis looked at.
    pub enum AnalysisKind {
        /// A poster image.
        Poster => "poster",
        /// A trailer video.
        Trailer => "trailer",
    }
}
