//! Dataloaders: every relation field loads through one, so a list of N items costs one query per
//! relation, not N. A fresh set is made per request (its cache lives as long as the request).

use std::collections::HashMap;
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use egalite_shared::entity::{
    analysis, analysis_figure, award, budget, country, credit, edition, face, face_track, festival,
    film, film_country, nomination, nomination_film, nomination_person, person, poster, section,
    selection, source, trailer,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// Loads rows by key from the database.
#[derive(Clone)]
pub struct DbLoader {
    db: DatabaseConnection,
}

/// A per-request dataloader over the database.
pub type Loaders = DataLoader<DbLoader, HashMapCache>;

/// How long a loader waits after its first key for more before it queries: every resolver of a
/// list adds its key within this window, so a page costs one query per relation.
pub const DEFAULT_BATCH_DELAY: Duration = Duration::from_millis(2);

/// A new set of loaders for one request.
pub fn per_request(db: DatabaseConnection) -> Loaders {
    per_request_with_delay(db, DEFAULT_BATCH_DELAY)
}

/// A new set of loaders for one request, batching keys that arrive within `delay`.
pub fn per_request_with_delay(db: DatabaseConnection, delay: Duration) -> Loaders {
    DataLoader::with_cache(DbLoader { db }, tokio::spawn, HashMapCache::default()).delay(delay)
}

/// A country code, as a dataloader key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryKey(pub String);

impl Loader<CountryKey> for DbLoader {
    type Value = country::Model;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[CountryKey],
    ) -> Result<HashMap<CountryKey, Self::Value>, Self::Error> {
        let codes: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
        let rows = country::Entity::find()
            .filter(country::Column::Code.is_in(codes))
            .all(&self.db)
            .await
            .map_err(|e| super::error::internal("loading countries", e))?;
        Ok(rows.into_iter().map(|c| (CountryKey(c.code.clone()), c)).collect())
    }
}

/// One row per key, by primary key.
macro_rules! by_id {
    ($(#[$meta:meta])* $key:ident => $module:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl Loader<$key> for DbLoader {
            type Value = $module::Model;
            type Error = async_graphql::Error;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
                let rows = $module::Entity::find()
                    .filter($module::Column::Id.is_in(ids))
                    .all(&self.db)
                    .await
                    .map_err(|e| super::error::internal(concat!("loading ", $what), e))?;
                Ok(rows.into_iter().map(|r| ($key(r.id), r)).collect())
            }
        }
    };
}

/// Every row whose `$column` is the key, in the given order.
macro_rules! children {
    ($(#[$meta:meta])* $key:ident => $module:ident . $column:ident, |$r:ident| $field:expr, [$($order:ident),+], $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl Loader<$key> for DbLoader {
            type Value = Vec<$module::Model>;
            type Error = async_graphql::Error;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
                let rows = $module::Entity::find()
                    .filter($module::Column::$column.is_in(ids))
                    $(.order_by_asc($module::Column::$order))+
                    .all(&self.db)
                    .await
                    .map_err(|e| super::error::internal(concat!("loading ", $what), e))?;
                let mut grouped: HashMap<$key, Self::Value> =
                    keys.iter().map(|k| (*k, Vec::new())).collect();
                for $r in rows {
                    grouped.entry($key($field)).or_default().push($r);
                }
                Ok(grouped)
            }
        }
    };
}

by_id!(/** A festival by id. */ FestivalKey => festival, "festivals");
by_id!(/** An edition by id. */ EditionKey => edition, "editions");
by_id!(/** A section by id. */ SectionKey => section, "sections");
by_id!(/** A film by id. */ FilmKey => film, "films");
by_id!(/** A person by id. */ PersonKey => person, "people");
by_id!(/** An award by id. */ AwardKey => award, "awards");
by_id!(/** A nomination by id. */ NominationKey => nomination, "nominations");
by_id!(/** A source by id. */ SourceKey => source, "sources");

children!(/** A film's credits. */ CreditsOfFilm => credit.FilmId, |r| r.film_id, [Role, Position, Id], "credits of films");
children!(/** A person's credits. */ CreditsOfPerson => credit.PersonId, |r| r.person_id, [FilmId, Id], "credits of people");
children!(/** A film's selections. */ SelectionsOfFilm => selection.FilmId, |r| r.film_id, [SectionId, Id], "selections of films");
children!(/** A section's selections. */ SelectionsOfSection => selection.SectionId, |r| r.section_id, [Id], "selections of sections");
children!(/** An edition's sections. */ SectionsOfEdition => section.EditionId, |r| r.edition_id, [Id], "sections of editions");
children!(/** A festival's editions. */ EditionsOfFestival => edition.FestivalId, |r| r.festival_id, [Year, Sequence, Id], "editions of festivals");
children!(/** A festival's awards. */ AwardsOfFestival => award.FestivalId, |r| r.festival_id, [Id], "awards of festivals");
children!(/** An edition's nominations. */ NominationsOfEdition => nomination.EditionId, |r| r.edition_id, [AwardId, Id], "nominations of editions");
children!(/** A film's nominations (links). */ NominationsOfFilm => nomination_film.FilmId, |r| r.film_id, [NominationId], "nominations of films");
children!(/** A person's nominations (links). */ NominationsOfPerson => nomination_person.PersonId, |r| r.person_id, [NominationId], "nominations of people");
children!(/** A nomination's films (links). */ FilmsOfNomination => nomination_film.NominationId, |r| r.nomination_id, [FilmId], "films of nominations");
children!(/** A nomination's people (links). */ PeopleOfNomination => nomination_person.NominationId, |r| r.nomination_id, [Position], "people of nominations");
children!(/** A film's budgets. */ BudgetsOfFilm => budget.FilmId, |r| r.film_id, [Id], "budgets of films");
children!(/** A film's production countries. */ CountriesOfFilm => film_country.FilmId, |r| r.film_id, [Position], "countries of films");
children!(/** A film's analyses. */ AnalysesOfFilm => analysis.FilmId, |r| r.film_id.unwrap_or_default(), [Id], "analyses of films");
children!(/** An analysis's figures. */ FiguresOfAnalysis => analysis_figure.AnalysisId, |r| r.analysis_id, [PerceivedGender], "figures of analyses");
children!(/** An analysis's faces. */ FacesOfAnalysis => face.AnalysisId, |r| r.analysis_id, [FrameSeconds, Id], "faces of analyses");
children!(/** An analysis's face tracks. */ TracksOfAnalysis => face_track.AnalysisId, |r| r.analysis_id, [TrackNo], "tracks of analyses");
by_id!(/** A poster by id. */ PosterKey => poster, "posters");
by_id!(/** A trailer by id. */ TrailerKey => trailer, "trailers");
by_id!(/** A face track by id. */ TrackKey => face_track, "face tracks");
by_id!(/** A credit by id. */ CreditKey => credit, "credits");
by_id!(/** A selection by id. */ SelectionKey => selection, "selections");
by_id!(/** A budget by id. */ BudgetKey => budget, "budgets");
