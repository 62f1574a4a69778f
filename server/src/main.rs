//! `egalite`: the platform's one command.

use std::process::ExitCode;

use clap::Parser as _;
use clap::error::ErrorKind;
use egalite_server::config::Cli;

// The API allocates many small short-lived values per request; glibc's allocator spent over a
// third of the server's CPU time on them under load (bench/README.md), mimalloc far less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    if let Err(e) = egalite_server::telemetry::init(&cli.global.log_filter, cli.global.log_format) {
        eprintln!("egalite: error: {e:#}");
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("egalite: error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(egalite_server::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, the causes chained: what failed and why.
            eprintln!("egalite: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Help and version go out whole; a usage mistake is one line and exit status 2.
fn usage_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("invalid command line");
            let first = first.trim_start_matches("error: ");
            eprintln!("egalite: error: {first} (see `egalite --help`)");
            ExitCode::from(2)
        }
    }
}
