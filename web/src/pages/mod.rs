//! One module per page.

pub mod explorer;
pub mod home;
pub mod methodology;
pub mod search;
