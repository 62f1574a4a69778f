//! The editions a curated list may name: a festival by slug, one edition of it per year, and
//! why a list cannot name one (a festival the data does not know, a year it held no edition).

use std::collections::HashMap;

use egalite_shared::entity::{edition, festival};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Festivals by slug and their editions by year.
pub struct Editions {
    festivals: HashMap<String, (i64, String)>,
    editions: HashMap<(i64, i32), edition::Model>,
}

impl Editions {
    /// Reads every festival and its first edition of each year.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let festivals = festival::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.slug, (f.id, f.name)))
            .collect();
        let editions = edition::Entity::find()
            .filter(edition::Column::Sequence.eq(1))
            .all(db)
            .await?
            .into_iter()
            .map(|e| ((e.festival_id, e.year), e))
            .collect();
        Ok(Self { festivals, editions })
    }

    /// The festival's display name.
    pub fn name(&self, festival: &str) -> String {
        self.festivals.get(festival).map_or_else(|| festival.to_owned(), |(_, n)| n.clone())
    }

    /// The edition of `festival` in `year`, or why a list cannot name it.
    pub fn of(&self, festival: &str, year: i32) -> Result<edition::Model, String> {
        let (festival_id, name) = self
            .festivals
            .get(festival)
            .ok_or_else(|| format!("festival {festival:?} is not known"))?;
        let e = self
            .editions
            .get(&(*festival_id, year))
            .ok_or_else(|| format!("{name} held no edition in {year} that the data knows"))?;
        if !e.held {
            return Err(format!("{name} did not hold its {year} edition"));
        }
        Ok(e.clone())
    }
}
