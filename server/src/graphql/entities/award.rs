//! The `Award` type: a prize or category of a festival or ceremony.

use async_graphql::{Context, ID, Object, Result};
use egalite_shared::AwardSubject;
use egalite_shared::entity::award;

use super::Festival;
use crate::graphql::loaders::{FestivalKey, Loaders};
use crate::graphql::node::Kind;

/// A prize or category (the Palme d'Or, the Oscar for Best Director).
pub struct Award(pub award::Model);

/// A prize or category (the Palme d'Or, the Oscar for Best Director).
#[Object]
impl Award {
    /// Global id (`Award:2`).
    pub async fn id(&self) -> ID {
        Kind::Award.id(self.0.id)
    }

    /// Stable name within its festival (`directing`, `imdb-palme-d-or`): what `stats { awards }`
    /// takes.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Its name as the source gives it.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Name in English.
    async fn name_en(&self) -> Option<&str> {
        self.0.name_en.as_deref()
    }

    /// Name in French.
    async fn name_fr(&self) -> Option<&str> {
        self.0.name_fr.as_deref()
    }

    /// Whether it honours people or films.
    async fn subject(&self) -> AwardSubject {
        self.0.subject
    }

    /// The festival's main prize.
    async fn main_prize(&self) -> bool {
        self.0.main_prize
    }

    /// The festival.
    async fn festival(&self, ctx: &Context<'_>) -> Result<Option<Festival>> {
        Ok(ctx.data::<Loaders>()?.load_one(FestivalKey(self.0.festival_id)).await?.map(Festival))
    }
}
