//! A source row an ingest run rejected, with the reason and the row as read.

use sea_orm::entity::prelude::*;

/// A source row an ingest run rejected, with the reason and the row as read.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "ingest_rejects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub run_id: i64,
    pub line: Option<i64>,
    pub reason: String,
    pub raw: Option<String>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced ingest run.
    #[sea_orm(
        belongs_to = "super::ingest_run::Entity",
        from = "Column::RunId",
        to = "super::ingest_run::Column::Id"
    )]
    IngestRun,
}

impl Related<super::ingest_run::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::IngestRun.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
