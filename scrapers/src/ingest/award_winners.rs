//! Festival prize winners' titles onto their films. The prizes themselves come from
//! `festival_nominations_imdb` (with winner flags); this dataset names the winning films that
//! dataset knows by IMDb id only, and a film it names that no line-up holds is created with its
//! title.

use chrono::NaiveDate;
use sea_orm::DatabaseTransaction;

use super::IngestError;
use super::dataset::{Dataset, Written};
use super::progress::Progress;
use super::resolve::{Change, FilmFacts, Resolver};
use super::source_file::SourceFile;
use crate::datasets::Parsed;
use crate::datasets::award_winners::{self as parser, AwardWinner, PARSER_VERSION};

/// The dataset's name for `egalite ingest --dataset`.
pub const NAME: &str = "festival_award_winners";

/// The bundled file.
pub fn source() -> SourceFile {
    SourceFile {
        slug: "festival_award_winners",
        title: "Cannes, Venice and Berlin main prize winners with English titles and IMDb ids (stremio-film-festivals, from Wikipedia)",
        origin_url: "https://github.com/damianjerry/stremio-film-festivals/tree/cae696b58f8d0174ffffacd1bbdb18177d5bd873/data",
        licence: "AGPL-3.0 (upstream repository); facts from Wikipedia (CC BY-SA)",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        relative_path: "festival_award_winners/cannes_venice_berlin_major_award_winners.csv",
    }
}

/// The winners' writer.
pub(crate) struct AwardWinners {
    resolver: Resolver,
}

impl Dataset for AwardWinners {
    type Record = AwardWinner;
    const NAME: &'static str = NAME;
    const PARSER_VERSION: &'static str = PARSER_VERSION;

    fn source() -> SourceFile {
        source()
    }

    fn parse(bytes: &[u8]) -> Result<Parsed<AwardWinner>, csv::Error> {
        parser::parse(bytes)
    }

    fn line(record: &AwardWinner) -> u64 {
        record.line
    }

    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        _records: &[AwardWinner],
    ) -> Result<Self, IngestError> {
        Ok(Self { resolver: Resolver::load(db, source_id).await? })
    }

    async fn write_all(
        &mut self,
        db: &DatabaseTransaction,
        records: &[AwardWinner],
        _progress: &dyn Progress,
    ) -> Result<Written, IngestError> {
        let changes = self.resolver.films(db, records.iter().map(facts)).await?;
        let mut out = Written::default();
        let mut counted = std::collections::HashSet::new();
        for r in records {
            // A film that won several prizes changed once; its other rows changed nothing.
            let change = match changes.get(&r.imdb_id) {
                Some(c) if counted.insert(r.imdb_id.as_str()) => *c,
                _ => Change::Unchanged,
            };
            out.count(change);
        }
        Ok(out)
    }
}

fn facts(r: &AwardWinner) -> (FilmFacts, Option<i64>) {
    (
        FilmFacts {
            imdb_id: r.imdb_id.clone(),
            title: Some(r.title.clone()),
            ..Default::default()
        },
        i64::try_from(r.line).ok(),
    )
}
