//! Link rows (credits, selections, nominees) inserted once: a second insert of the same link is
//! a no-op, and says so.

use egalite_shared::Role;
use egalite_shared::entity::credit;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set, TryInsertResult};

/// Whether an insert that may have met a conflict wrote a row.
pub fn inserted(res: &TryInsertResult<u64>) -> bool {
    matches!(res, TryInsertResult::Inserted(n) if *n > 0)
}

/// Credits `person_id` in `role` on `film_id` (at `position`), unless already credited so.
pub async fn link_credit(
    db: &impl ConnectionTrait,
    film_id: i64,
    person_id: i64,
    role: Role,
    position: usize,
    source_id: i64,
    line: Option<i64>,
) -> Result<bool, DbErr> {
    let res = credit::Entity::insert(credit::ActiveModel {
        film_id: Set(film_id),
        person_id: Set(person_id),
        role: Set(role),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        credited_as: Set(None),
        source_id: Set(Some(source_id)),
        source_line: Set(line),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        credit::Column::FilmId,
        credit::Column::PersonId,
        credit::Column::Role,
    ])
    .exec_without_returning(db)
    .await?;
    Ok(inserted(&res))
}
