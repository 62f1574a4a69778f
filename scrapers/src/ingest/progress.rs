//! How ingestion reports progress to whoever runs it (a terminal bar, log lines, nothing).

/// Receives progress of one dataset at a time.
pub trait Progress: Send + Sync {
    /// A dataset starts with `total` rows to write.
    fn start(&self, dataset: &str, total: u64);
    /// `done` rows of the current dataset are written.
    fn advance(&self, done: u64);
    /// The current dataset is finished.
    fn finish(&self);
}

/// Reports nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _dataset: &str, _total: u64) {}
    fn advance(&self, _done: u64) {}
    fn finish(&self) {}
}
