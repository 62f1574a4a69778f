//! The `Edition` type: one year of a festival or one ceremony.

use async_graphql::{Context, ID, Object, Result};
use chrono::NaiveDate;
use egalite_shared::entity::edition;

use super::{Festival, Nomination, Section};
use crate::graphql::loaders::{FestivalKey, Loaders, NominationsOfEdition, SectionsOfEdition};
use crate::graphql::node::Kind;

/// One edition of a festival, or one ceremony.
pub struct Edition(pub edition::Model);

/// One edition of a festival, or one ceremony.
#[Object]
impl Edition {
    /// Global id (`Edition:12`).
    pub async fn id(&self) -> ID {
        Kind::Edition.id(self.0.id)
    }

    /// The year it was held (for a ceremony, the year of the ceremony).
    async fn year(&self) -> i32 {
        self.0.year
    }

    /// Order within a year that held more than one (1 otherwise).
    async fn sequence(&self) -> i32 {
        self.0.sequence
    }

    /// Its official number (the 96th Academy Awards: 96), when known.
    async fn number(&self) -> Option<i32> {
        self.0.number
    }

    /// A label, when the edition has one.
    async fn label(&self) -> Option<&str> {
        self.0.label.as_deref()
    }

    /// False for an edition announced but not held (Cannes 2020: a label selection only).
    async fn held(&self) -> bool {
        self.0.held
    }

    /// First day.
    async fn start_date(&self) -> Option<NaiveDate> {
        self.0.start_date
    }

    /// Last day.
    async fn end_date(&self) -> Option<NaiveDate> {
        self.0.end_date
    }

    /// Notes on what makes this edition unusual.
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// The festival.
    async fn festival(&self, ctx: &Context<'_>) -> Result<Option<Festival>> {
        Ok(ctx.data::<Loaders>()?.load_one(FestivalKey(self.0.festival_id)).await?.map(Festival))
    }

    /// Its sections (competition, parallel sections).
    #[graphql(complexity = "5 * child_complexity + 1")]
    async fn sections(&self, ctx: &Context<'_>) -> Result<Vec<Section>> {
        let rows = ctx.data::<Loaders>()?.load_one(SectionsOfEdition(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Section).collect())
    }

    /// Its nominations and awards given.
    #[graphql(complexity = "20 * child_complexity + 1")]
    async fn nominations(&self, ctx: &Context<'_>) -> Result<Vec<Nomination>> {
        let rows = ctx.data::<Loaders>()?.load_one(NominationsOfEdition(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Nomination).collect())
    }
}
