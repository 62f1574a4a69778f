//! Credits in bulk: the people a source names in one role on films, each credited once.

use std::collections::HashSet;

use egalite_shared::Role;
use egalite_shared::entity::credit;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Set};

/// Where a source names someone: the film, their position among those it names, the line.
pub type Place = (i64, usize, Option<i64>);

/// Credits each resolved person in `role` at their place (`people[i]` at `places[i]`; `None`
/// is a person the review queue has to settle first), unless already so credited. Returns the
/// films that gained a credit.
pub async fn credit_people(
    db: &impl ConnectionTrait,
    source_id: i64,
    role: Role,
    places: Vec<Place>,
    people: Vec<Option<i64>>,
) -> Result<HashSet<i64>, DbErr> {
    let existing: HashSet<(i64, i64)> = credit::Entity::find()
        .select_only()
        .columns([credit::Column::FilmId, credit::Column::PersonId])
        .filter(credit::Column::Role.eq(role))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut touched = HashSet::new();
    let mut queued = HashSet::new();
    let mut credits = Vec::new();
    for ((film_id, position, line), person) in places.into_iter().zip(people) {
        let Some(person_id) = person else { continue };
        if existing.contains(&(film_id, person_id)) || !queued.insert((film_id, person_id)) {
            continue;
        }
        touched.insert(film_id);
        credits.push(credit::ActiveModel {
            film_id: Set(film_id),
            person_id: Set(person_id),
            role: Set(role),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            credited_as: Set(None),
            source_id: Set(Some(source_id)),
            source_line: Set(line),
            ..Default::default()
        });
    }
    super::bulk::insert_new(
        db,
        credits,
        [credit::Column::FilmId, credit::Column::PersonId, credit::Column::Role],
    )
    .await?;
    Ok(touched)
}
