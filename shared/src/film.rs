//! Kinds of film.

use crate::domain_enum;

domain_enum! {
    /// A film's genre in the CNC's sense.
    pub enum FilmGenre {
        /// Fiction.
        Fiction => "fiction",
        /// Documentary.
        Documentary => "documentary",
        /// Animation.
        Animation => "animation",
    }
}
