//! Limits on what one request may ask: depth, complexity and aliases are checked before anything
//! runs, the body size before it is parsed, the page size by each connection. Each refusal carries
//! a stable `code` in its `extensions`.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ServerError, ServerResult, Variables};

/// Limits on what one query may ask.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting.
    pub max_depth: usize,
    /// Highest complexity: each field counts 1, a connection its page size times its nodes' cost.
    pub max_complexity: usize,
    /// Most aliased fields in one document.
    pub max_aliases: usize,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_depth: 20, max_complexity: 5000, max_aliases: 50, max_body_bytes: 64 * 1024 }
    }
}

/// The `code` of a refusal by depth.
pub const DEPTH_LIMIT: &str = "DEPTH_LIMIT";
/// The `code` of a refusal by complexity.
pub const COMPLEXITY_LIMIT: &str = "COMPLEXITY_LIMIT";
/// The `code` of a refusal by aliases.
pub const ALIAS_LIMIT: &str = "ALIAS_LIMIT";
/// The `code` of a refusal by body size.
pub const BODY_SIZE_LIMIT: &str = "BODY_SIZE_LIMIT";

fn count_aliases(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|s| match &s.node {
            Selection::Field(f) => {
                usize::from(f.node.alias.is_some()) + count_aliases(&f.node.selection_set.node)
            }
            Selection::InlineFragment(f) => count_aliases(&f.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

/// Aliased fields in every operation and fragment of `doc`.
pub fn aliases_in(doc: &ExecutableDocument) -> usize {
    doc.operations.iter().map(|(_, op)| count_aliases(&op.node.selection_set.node)).sum::<usize>()
        + doc.fragments.values().map(|f| count_aliases(&f.node.selection_set.node)).sum::<usize>()
}

/// Refuses documents with more aliases than the limit.
pub struct AliasLimit(pub usize);

impl ExtensionFactory for AliasLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AliasLimitExtension(self.0))
    }
}

struct AliasLimitExtension(usize);

#[async_trait::async_trait]
impl Extension for AliasLimitExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let n = aliases_in(&doc);
        if n > self.0 {
            let mut e = ServerError::new(
                format!("the query has {n} aliases: at most {} are allowed", self.0),
                None,
            );
            e.extensions.get_or_insert_with(Default::default).set("code", ALIAS_LIMIT);
            return Err(e);
        }
        Ok(doc)
    }
}

/// The code for a validation message of async-graphql's own limits, if it is one.
pub fn code_of_validation_message(message: &str) -> Option<&'static str> {
    match message {
        "Query is nested too deep." => Some(DEPTH_LIMIT),
        "Query is too complex." => Some(COMPLEXITY_LIMIT),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn aliases_are_counted_in_operations_and_fragments() {
        let doc = async_graphql::parser::parse_query(
            "query { a: festivals { b: slug } ...F } fragment F on Query { c: festivals { slug } }",
        )
        .unwrap();
        assert_eq!(aliases_in(&doc), 3);
    }
}
