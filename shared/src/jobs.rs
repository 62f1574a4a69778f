//! Background jobs taken by workers.

use crate::domain_enum;

domain_enum! {
    /// What a job does.
    pub enum JobKind {
        /// Fetch and parse a source.
        Scrape => "scrape",
        /// Analyse a poster.
        PosterAnalysis => "poster_analysis",
        /// Analyse a trailer.
        TrailerAnalysis => "trailer_analysis",
    }
}

domain_enum! {
    /// Where a job stands.
    pub enum JobStatus {
        /// Waiting for a worker (possibly until `run_after`).
        Queued => "queued",
        /// Taken by a worker.
        Running => "running",
        /// Finished.
        Done => "done",
        /// Gave up after its last attempt.
        Failed => "failed",
    }
}
