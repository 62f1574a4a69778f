//! Organisations (never people, never gendered), their roles on a film, and film financing.

use crate::domain_enum;

domain_enum! {
    /// What an organisation is.
    pub enum OrganisationKind {
        /// A production company.
        ProductionCompany => "production_company",
        /// A television channel or platform.
        Broadcaster => "broadcaster",
        /// A public or private fund (SOFICA, region, CNC).
        Fund => "fund",
        /// A distributor or sales agent.
        Distributor => "distributor",
        /// Anything else.
        Other => "other",
    }
}

domain_enum! {
    /// An organisation's role on a film.
    pub enum CompanyRole {
        /// Lead production company.
        Production => "production",
        /// Co-producer.
        CoProduction => "co_production",
        /// Broadcaster that pre-bought the film.
        PreBuyingBroadcaster => "pre_buying_broadcaster",
        /// Fund that financed the film.
        Fund => "fund",
        /// Distributor.
        Distribution => "distribution",
    }
}

domain_enum! {
    /// A kind of financing a film received.
    pub enum FinancingKind {
        /// Investment by a SOFICA.
        Sofica => "sofica",
        /// Tax credit (crédit d'impôt).
        TaxCredit => "tax_credit",
        /// Regional aid.
        RegionalAid => "regional_aid",
        /// CNC advance on receipts (avance sur recettes).
        AdvanceOnReceipts => "advance_on_receipts",
        /// CNC parity bonus (bonus parité).
        ParityBonus => "parity_bonus",
        /// Pre-purchase by a pay-TV channel.
        PayTvPreBuy => "pay_tv_pre_buy",
        /// Pre-purchase by a free-to-air channel.
        FreeTvPreBuy => "free_tv_pre_buy",
    }
}
