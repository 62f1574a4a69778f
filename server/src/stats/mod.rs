//! Statistics computed from the database, without GraphQL: each figure says what it counts.

pub mod awards;
pub mod budgets;
pub mod coverage;
pub mod directing;
