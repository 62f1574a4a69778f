//! Where a record comes from.

use crate::domain_enum;

domain_enum! {
    /// What kind of thing a source is.
    pub enum SourceKind {
        /// A published dataset file.
        Dataset => "dataset",
        /// A fetched web page (kept as a raw snapshot).
        WebPage => "web_page",
        /// An API's answer (Wikidata SPARQL, ...).
        Api => "api",
        /// A curator's decision with its evidence.
        Curation => "curation",
        /// A model's output.
        Model => "model",
    }
}
