//! Budgets.

use crate::domain_enum;

domain_enum! {
    /// What a budget figure is.
    pub enum BudgetKind {
        /// The production estimate filed for approval (the CNC's "devis").
        ProductionEstimate => "production_estimate",
        /// A budget reported by the press or a database.
        ReportedBudget => "reported_budget",
    }
}
