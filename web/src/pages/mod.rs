//! One module per page.

pub mod awards;
pub mod budgets;
pub mod explorer;
pub mod film;
pub mod gender;
pub mod home;
pub mod methodology;
pub mod person;
pub mod search;
pub mod visuals;
