//! One change made through the API: who, what, before and after.

use sea_orm::entity::prelude::*;

/// One change made through the API: who, what, before and after.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub token_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub request_id: Option<String>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced api token.
    #[sea_orm(
        belongs_to = "super::api_token::Entity",
        from = "Column::TokenId",
        to = "super::api_token::Column::Id"
    )]
    ApiToken,
}

impl Related<super::api_token::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ApiToken.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
