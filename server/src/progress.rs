//! Progress for people (ingest rows, scraped pages): a bar with items per second on a terminal,
//! a log line every few seconds otherwise (a service's log, CI).

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use egalite_scrapers::ingest::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// The progress reporter fitting standard error, counting rows.
pub fn for_stderr() -> Box<dyn Progress> {
    counting("rows")
}

/// The progress reporter fitting standard error, counting `unit` (`rows`, `pages`).
pub fn counting(unit: &'static str) -> Box<dyn Progress> {
    if std::io::stderr().is_terminal() {
        Box::new(Bar(Mutex::new(None), unit))
    } else {
        Box::new(LogLines(Mutex::new(None), unit))
    }
}

struct Bar(Mutex<Option<ProgressBar>>, &'static str);

impl Progress for Bar {
    fn start(&self, dataset: &str, total: u64) {
        let bar = ProgressBar::new(total);
        let template = format!(
            "{{prefix:>20}} [{{bar:40}}] {{pos}}/{{len}} {}  {{per_sec}}  {{elapsed}}",
            self.1
        );
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(dataset.to_owned());
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(bar);
        }
    }

    fn advance(&self, done: u64) {
        if let Ok(slot) = self.0.lock()
            && let Some(bar) = slot.as_ref()
        {
            bar.set_position(done);
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.0.lock()
            && let Some(bar) = slot.take()
        {
            bar.finish();
        }
    }
}

struct LogState {
    dataset: String,
    total: u64,
    started: Instant,
    last: Instant,
}

struct LogLines(Mutex<Option<LogState>>, &'static str);

impl Progress for LogLines {
    fn start(&self, dataset: &str, total: u64) {
        let now = Instant::now();
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(LogState { dataset: dataset.to_owned(), total, started: now, last: now });
        }
    }

    fn advance(&self, done: u64) {
        let Ok(mut slot) = self.0.lock() else { return };
        let Some(state) = slot.as_mut() else { return };
        if state.last.elapsed() < Duration::from_secs(2) {
            return;
        }
        state.last = Instant::now();
        let secs = state.started.elapsed().as_secs_f64().max(1e-3);
        tracing::info!(
            dataset = %state.dataset,
            done,
            total = state.total,
            unit = self.1,
            per_second = (done as f64 / secs * 10.0).round() / 10.0,
            "in progress"
        );
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = None;
        }
    }
}
