//! The API's object types, one per entity; every relation loads through a dataloader.

mod analysis;
mod award;
mod budget;
pub mod country;
mod credit;
mod edition;
pub mod festival;
mod film;
mod nomination;
mod person;
mod section;
mod selection;
mod source;

pub use analysis::Analysis;
pub use award::Award;
pub use budget::Budget;
pub use credit::Credit;
pub use edition::Edition;
pub use festival::Festival;
pub use film::Film;
pub use nomination::Nomination;
pub use person::Person;
pub use section::Section;
pub use selection::Selection;
pub use source::Source;
