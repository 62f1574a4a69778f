//! The `Credit` type: a person's role on a film.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::Role;
use egalite_shared::entity::credit;

use super::{Film, Person, Source};
use crate::graphql::loaders::{FilmKey, Loaders, PersonKey};
use crate::graphql::node::Kind;

/// A person's role on a film, as a source credits it.
pub struct Credit(pub credit::Model);

/// A person's role on a film, as a source credits it.
#[Object]
impl Credit {
    /// Global id (`Credit:9`).
    pub async fn id(&self) -> ID {
        Kind::Credit.id(self.0.id)
    }

    /// The role.
    async fn role(&self) -> Role {
        self.0.role
    }

    /// Order among the film's credits in this role (1 first).
    async fn position(&self) -> i32 {
        self.0.position
    }

    /// The name as the source credits it, when it differs from the person's.
    async fn credited_as(&self) -> Option<&str> {
        self.0.credited_as.as_deref()
    }

    /// The film.
    async fn film(&self, ctx: &Context<'_>) -> Result<Option<Film>> {
        Ok(ctx.data::<Loaders>()?.load_one(FilmKey(self.0.film_id)).await?.map(Film))
    }

    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(ctx.data::<Loaders>()?.load_one(PersonKey(self.0.person_id)).await?.map(Person))
    }

    /// The source that gives the credit.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, self.0.source_id).await
    }

    /// The line of the source file it was read from.
    async fn source_line(&self) -> Option<i64> {
        self.0.source_line
    }
}
