//! Statistics computed from the database, without GraphQL: each figure says what it counts.

pub mod awards;
pub mod budgets;
pub mod coverage;
pub mod directing;
pub mod roles;
pub mod sufficiency;
pub mod visuals;

use egalite_shared::{Gender, GenderSource};
use sea_orm::{DbErr, QueryResult};

/// A person's gender as a statistics query row holds it (`gender`, `gender_source`), and whether
/// it was inferred from a first name.
pub(crate) fn gender_of(row: &QueryResult) -> Result<(Gender, bool), DbErr> {
    let gender: Gender = row
        .try_get::<String>("", "gender")?
        .parse()
        .map_err(|e| DbErr::Custom(format!("people.gender: {e}")))?;
    let source: Option<GenderSource> = row
        .try_get::<Option<String>>("", "gender_source")?
        .map(|s| s.parse())
        .transpose()
        .map_err(|e| DbErr::Custom(format!("people.gender_source: {e}")))?;
    Ok((gender, source.is_some_and(GenderSource::is_inferred)))
}
