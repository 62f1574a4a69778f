//! The GraphQL schema: resolvers translate between the API and the domain; limits keep hostile
//! queries cheap.

mod country;
mod coverage;
pub mod error;
mod festival;
pub mod loaders;
mod stats;

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema, SchemaBuilder};
use sea_orm::DatabaseConnection;

/// The root query, merged from one object per area.
#[derive(MergedObject, Default)]
pub struct Query(festival::FestivalQuery, stats::StatsQuery);

/// The API's schema.
pub type EgaliteSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// Limits on what one query may ask.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting.
    pub max_depth: usize,
    /// Highest complexity (each field counts 1 unless it says otherwise).
    pub max_complexity: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_depth: 20, max_complexity: 2000 }
    }
}

fn builder(limits: Limits) -> SchemaBuilder<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
}

/// The schema, serving from `db`.
pub fn schema(db: DatabaseConnection, limits: Limits) -> EgaliteSchema {
    builder(limits).data(db).finish()
}

/// The schema's SDL, as committed in `server/schema.graphql`.
pub fn sdl() -> String {
    builder(Limits::default()).finish().sdl()
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_sdl_matches_the_schema() {
        let committed = include_str!("../../schema.graphql");
        assert!(
            committed == super::sdl(),
            "server/schema.graphql is out of date: run `cargo run -p egalite-server -- schema > server/schema.graphql`"
        );
    }
}
