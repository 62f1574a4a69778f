//! The Égalité server: the `egalite` command's subcommands, the GraphQL API (axum +
//! async-graphql over SeaORM), health checks, and the site's static files.

pub mod analysis;
pub mod app;
pub mod config;
pub mod data_version;
pub mod database;
pub mod graphql;
pub mod http;
pub mod people;
pub mod progress;
pub mod scrape;
pub mod stats;
pub mod telemetry;

use config::{Cli, Command};

/// Runs one subcommand to its end.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Serve(args) => app::run_serve(&cli.global, args).await,
        Command::Migrate => app::run_migrate(&cli.global).await,
        Command::Ingest(args) => app::run_ingest(&cli.global, args.dataset.as_deref()).await,
        Command::Scrape(args) => scrape::run_scrape(&cli.global, args).await,
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Analyse(args) => analysis::run_analyse(&cli.global, args).await,
        Command::Worker(args) => analysis::run_worker(&cli.global, args).await,
        Command::Eval(args) => analysis::run_eval(&cli.global, args).await,
        Command::People(args) => people::run_people(&cli.global, &args.report).await,
    }
}
