//! Review queue items, tokens and ingest runs: the records of who changed what.

use crate::domain_enum;

domain_enum! {
    /// Why an item waits for review.
    pub enum ReviewKind {
        /// A record could match several entities.
        EntityMatch => "entity_match",
        /// Sources disagree on a person's gender.
        GenderConflict => "gender_conflict",
        /// Anything else a parser flagged.
        Other => "other",
    }
}

domain_enum! {
    /// Where a review item stands.
    pub enum ReviewStatus {
        /// Waiting for a curator.
        Open => "open",
        /// A curator accepted the proposal.
        Accepted => "accepted",
        /// A curator rejected the proposal.
        Rejected => "rejected",
    }
}

domain_enum! {
    /// What an API token may do; reading is open to all.
    pub enum TokenRole {
        /// Curate data: genders with evidence, review items.
        Curator => "curator",
        /// Everything a curator can, and manage tokens, runs and releases.
        Admin => "admin",
    }
}

domain_enum! {
    /// Where an ingest run stands.
    pub enum RunStatus {
        /// In progress.
        Running => "running",
        /// Finished.
        Succeeded => "succeeded",
        /// Stopped on an error.
        Failed => "failed",
    }
}
