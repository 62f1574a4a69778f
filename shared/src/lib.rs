//! Égalité's common types: the vocabulary of the domain (genders and how they are known, roles,
//! sections, counting units, organisations, jobs), shared by every crate and by the WebAssembly
//! site. With the `orm` feature it also holds the SeaORM entities of the database schema.

mod analysis;
mod budget;
mod collection;
mod company;
mod counting;
mod country;
mod curation;
mod domain_enum;
mod festival;
mod film;
mod gender;
mod ids;
mod jobs;
mod provenance;
mod role;

#[cfg(feature = "orm")]
pub mod entity;

#[cfg(feature = "store")]
pub mod content_store;

pub use analysis::AnalysisKind;
pub use budget::BudgetKind;
pub use collection::FetchOutcome;
pub use company::{CompanyRole, FinancingKind, OrganisationKind};
pub use counting::{CountingUnit, DirectorshipCategory};
pub use country::{CountryCode, InvalidCountryCode};
pub use curation::{ReviewKind, ReviewStatus, RunStatus, TokenRole};
pub use domain_enum::UnknownValue;
pub use festival::{AwardSubject, FestivalKind, SectionKind};
pub use film::FilmGenre;
pub use gender::{Gender, GenderSource, PerceivedGender};
pub use ids::{
    AnalysisId, AwardId, EditionId, FestivalId, FilmId, InvalidId, JobId, NominationId,
    OrganisationId, PersonId, SectionId, SnapshotId, SourceId,
};
pub use jobs::{JobKind, JobStatus};
pub use provenance::SourceKind;
pub use role::Role;
