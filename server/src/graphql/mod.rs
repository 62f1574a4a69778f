//! The GraphQL schema: resolvers translate between the API and the domain; limits keep hostile
//! queries cheap.

mod coverage;
pub mod edition_years;
pub mod entities;
pub mod error;
mod evaluations;
pub mod filters;
pub mod limits;
pub mod lists;
pub mod loaders;
mod methodology;
pub mod node;
pub mod paging;
mod search;
mod stats;
mod stats_roles;
mod stats_visuals;

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema, SchemaBuilder};
use sea_orm::DatabaseConnection;

/// The root query, merged from one object per area.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    entities::festival::FestivalQuery,
    lists::ListQuery,
    search::SearchQuery,
    stats::StatsQuery,
    evaluations::EvaluationQuery,
    methodology::MethodologyQuery,
);

/// The API's schema.
pub type EgaliteSchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub use limits::Limits;

fn builder(limits: Limits) -> SchemaBuilder<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .extension(limits::AliasLimit(limits.max_aliases))
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

    #[test]
    fn every_type_field_and_enum_value_is_documented() {
        use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};
        let doc = async_graphql::parser::parse_schema(super::sdl()).expect("the SDL parses");
        let mut missing = Vec::new();
        for def in doc.definitions {
            let TypeSystemDefinition::Type(t) = def else { continue };
            let name = t.node.name.node.to_string();
            // Relay's connection and edge types come from async-graphql; their fields are
            // documented, the wrapper types cannot be.
            let generated = name.ends_with("Connection") || name.ends_with("Edge");
            if t.node.description.is_none()
                && !generated
                && !matches!(t.node.kind, TypeKind::Scalar)
            {
                missing.push(name.clone());
            }
            let fields: Vec<(String, bool)> = match &t.node.kind {
                TypeKind::Object(o) => o
                    .fields
                    .iter()
                    .map(|f| (f.node.name.node.to_string(), f.node.description.is_some()))
                    .collect(),
                TypeKind::Interface(o) => o
                    .fields
                    .iter()
                    .map(|f| (f.node.name.node.to_string(), f.node.description.is_some()))
                    .collect(),
                TypeKind::InputObject(o) => o
                    .fields
                    .iter()
                    .map(|f| (f.node.name.node.to_string(), f.node.description.is_some()))
                    .collect(),
                TypeKind::Enum(e) => e
                    .values
                    .iter()
                    .map(|v| (v.node.value.node.to_string(), v.node.description.is_some()))
                    .collect(),
                _ => Vec::new(),
            };
            missing
                .extend(fields.into_iter().filter(|(_, d)| !d).map(|(f, _)| format!("{name}.{f}")));
        }
        assert!(missing.is_empty(), "undocumented in the schema: {missing:?}");
    }
}
