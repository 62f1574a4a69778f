//! The `Country` type.

use async_graphql::Object;
use egalite_shared::entity::country;

/// A country (ISO 3166-1, or ISO 3166-3 for a former country such as the USSR).
pub struct Country(pub country::Model);

/// A country (ISO 3166-1, or ISO 3166-3 for a former country such as the USSR).
#[Object]
impl Country {
    /// ISO 3166-1 alpha-2 code (`FR`), or the platform's code for a former country (`SU`, `CSHH`).
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// ISO 3166-1 alpha-3 code, when the country has one.
    async fn alpha3(&self) -> Option<&str> {
        self.0.alpha3.as_deref()
    }

    /// Name in English.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }

    /// Name in French.
    async fn name_fr(&self) -> &str {
        &self.0.name_fr
    }

    /// For a former country, the year its ISO code was withdrawn.
    async fn former_until(&self) -> Option<i32> {
        self.0.former_until
    }
}
