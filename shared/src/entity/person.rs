//! A person, with their gender and how it is known.

use crate::{Gender, GenderSource};
use sea_orm::entity::prelude::*;

/// A person, with their gender and how it is known.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub normalized_name: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub birth_year: Option<i32>,
    #[sea_orm(unique)]
    pub imdb_id: Option<String>,
    #[sea_orm(unique)]
    pub wikidata_qid: Option<String>,
    pub gender: Gender,
    pub gender_source: Option<GenderSource>,
    pub gender_probability: Option<f64>,
    pub gender_evidence: Option<String>,
    pub gender_source_id: Option<i64>,
    pub gender_updated_at: Option<DateTimeUtc>,
    /// What the first-name inference leans to, kept even where a source or a curator settled the
    /// gender (so the inference can be measured against them) and below the publishing threshold.
    pub inferred_gender: Option<Gender>,
    /// P(inferred_gender), when a dictionary knows the name.
    pub inferred_probability: Option<f64>,
    /// The dictionaries' counts the inference rests on.
    pub inferred_evidence: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub source_id: Option<i64>,
    pub source_line: Option<i64>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
