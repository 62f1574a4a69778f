//! One fetch of a URL, its payload stored content-addressed by SHA-256.

use sea_orm::entity::prelude::*;

/// One fetch of a URL, its payload stored content-addressed by SHA-256.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "raw_snapshots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub url: String,
    pub final_url: String,
    pub host: String,
    pub fetched_at: DateTimeUtc,
    pub http_status: i32,
    pub content_type: Option<String>,
    pub sha256: String,
    pub size_bytes: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub headers: Option<Json>,
    pub source_id: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
