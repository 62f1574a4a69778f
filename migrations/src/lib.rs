//! Égalité's database schema as sea-orm migrations. The same migrations run on PostgreSQL 15 and
//! on SQLite; `Migrator::up` brings a database to the current schema and seeds its reference rows.

mod columns;
mod m20261124_000001_domain_schema;
mod m20261124_000002_reference_rows;
mod m20261124_000003_model_evaluations;
mod m20261124_000004_scrape_runs;
mod m20261202_000005_people_resolution;

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

/// Every migration, in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_domain_schema::Migration),
            Box::new(m20261124_000002_reference_rows::Migration),
            Box::new(m20261124_000003_model_evaluations::Migration),
            Box::new(m20261124_000004_scrape_runs::Migration),
            Box::new(m20261202_000005_people_resolution::Migration),
        ]
    }
}
