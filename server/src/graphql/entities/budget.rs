//! The `Budget` type: an amount of money a source gives for a film.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::BudgetKind;
use egalite_shared::entity::budget;

use super::{Film, Source};
use crate::graphql::loaders::{FilmKey, Loaders};
use crate::graphql::node::Kind;

/// An amount a source gives for a film (for the CNC: the production budget estimate, the devis).
pub struct Budget(pub budget::Model);

/// An amount a source gives for a film (for the CNC: the production budget estimate, the devis).
#[Object]
impl Budget {
    /// Global id (`Budget:4`).
    pub async fn id(&self) -> ID {
        Kind::Budget.id(self.0.id)
    }

    /// What the amount is.
    async fn kind(&self) -> BudgetKind {
        self.0.kind
    }

    /// The amount in units of the currency (euros), as a decimal number.
    async fn amount(&self) -> f64 {
        self.0.amount_minor as f64 / 100.0
    }

    /// The amount in minor units (euro cents), exact.
    async fn amount_minor(&self) -> i64 {
        self.0.amount_minor
    }

    /// ISO 4217 currency code (`EUR`).
    async fn currency(&self) -> &str {
        &self.0.currency
    }

    /// The year it refers to (for the CNC, the year of approval).
    async fn year(&self) -> Option<i32> {
        self.0.year
    }

    /// The film.
    async fn film(&self, ctx: &Context<'_>) -> Result<Option<Film>> {
        Ok(ctx.data::<Loaders>()?.load_one(FilmKey(self.0.film_id)).await?.map(Film))
    }

    /// The source that gives it.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, Some(self.0.source_id)).await
    }

    /// The line of the source file it was read from.
    async fn source_line(&self) -> Option<i64> {
        self.0.source_line
    }
}
