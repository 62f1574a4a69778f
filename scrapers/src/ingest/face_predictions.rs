//! Published face predictions on posters and trailers as analyses by a named external model: one
//! analysis per film (joined on the CNC visa) with its figures per perceived gender: faces, share
//! of the face area or of the screen time, mean face size. The predictions carry no face boxes or
//! track times, so no face or track rows are written for them. Perceived gender is a property of
//! an image, never written onto a person.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use egalite_shared::entity::{analysis, analysis_figure, film};
use egalite_shared::{AnalysisKind, PerceivedGender};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set,
};

use super::IngestError;
use super::bulk;
use super::dataset::{Dataset, Written};
use super::progress::Progress;
use super::resolve::Change;
use super::source_file::SourceFile;
use crate::datasets::face_predictions::{self as parser, FacePrediction, Measure, PARSER_VERSION};
use crate::datasets::{Parsed, RowError};

/// The posters dataset's name for `egalite ingest --dataset`.
pub const POSTERS: &str = "posters_d4g";
/// The trailers dataset's name for `egalite ingest --dataset`.
pub const TRAILERS: &str = "trailers_d4g";

/// The model that made the predictions, as its publishers describe it.
const MODEL_NAME: &str = "Data For Good « Révéler les inégalités dans le cinéma »: YOLO face detection + demographic classifier";
/// The publishing repository's commit: the only fingerprint of the model there is.
const MODEL_VERSION: &str = "7c6387be04554a75c48ba1bedc3278378b3bc0b9";

fn source_file(slug: &'static str, title: &'static str, file: &'static str) -> SourceFile {
    SourceFile {
        slug,
        title,
        origin_url: "https://github.com/dataforgoodfr/13_reveler_inegalites_cinema/tree/7c6387be04554a75c48ba1bedc3278378b3bc0b9/database/data/machine_learning_predictions",
        licence: "MIT (c) Data4Good",
        retrieved_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        relative_path: file,
    }
}

/// Figures of one perceived gender in one analysis.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    faces: i32,
    area: f64,
    seconds: f64,
    size_sum: f64,
}

/// What the predictions say of one film: the Allociné asset, the first line naming it, the
/// tallies per perceived gender, and the lines.
type FilmFaces = (String, u64, BTreeMap<PerceivedGender, Tally>, Vec<u64>);

/// Writes the analyses of `kind` for every film the predictions name.
async fn write_predictions(
    db: &DatabaseTransaction,
    source_id: i64,
    kind: AnalysisKind,
    records: &[FacePrediction],
    progress: &dyn Progress,
) -> Result<Written, IngestError> {
    let mut out = Written::default();
    let films: HashMap<String, i64> = film::Entity::find()
        .select_only()
        .columns([film::Column::CncVisa, film::Column::Id])
        .filter(film::Column::CncVisa.is_not_null())
        .into_tuple::<(Option<String>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(v, id)| v.map(|v| (v, id)))
        .collect();
    let mut per_film: BTreeMap<i64, FilmFaces> = BTreeMap::new();
    for r in records {
        let Some(film_id) = films.get(&r.visa).copied() else {
            out.rejects.push(RowError {
                line: r.line,
                reason: format!(
                    "visa_number {} is not the visa of a CNC film in the database",
                    r.visa
                ),
            });
            continue;
        };
        let entry = per_film
            .entry(film_id)
            .or_insert_with(|| (r.allocine_id.clone(), r.line, BTreeMap::new(), Vec::new()));
        if entry.0 != r.allocine_id {
            out.rejects.push(RowError {
                line: r.line,
                reason: format!(
                    "visa {} names Allociné film {} here and {} on line {}",
                    r.visa, r.allocine_id, entry.0, entry.1
                ),
            });
            continue;
        }
        let t = entry.2.entry(r.gender).or_default();
        t.faces += 1;
        match r.measure {
            Measure::PosterArea(a) => {
                t.area += a;
                t.size_sum += a;
            }
            Measure::ScreenTime { seconds, mean_size } => {
                t.seconds += seconds;
                t.size_sum += mean_size;
            }
        }
        entry.3.push(r.line);
    }
    progress.advance((records.len() / 2) as u64);

    let existing: HashMap<String, analysis::Model> = analysis::Entity::find()
        .filter(analysis::Column::Kind.eq(kind))
        .filter(analysis::Column::ModelSha256.eq(MODEL_VERSION))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.asset_key.clone(), a))
        .collect();
    let mut old_figures: HashMap<i64, Vec<analysis_figure::Model>> = HashMap::new();
    for f in analysis_figure::Entity::find()
        .filter(
            analysis_figure::Column::AnalysisId
                .is_in(existing.values().map(|a| a.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
    {
        old_figures.entry(f.analysis_id).or_default().push(f);
    }
    let now = Utc::now();
    let mut figures = Vec::new();
    for (film_id, (allocine_id, first_line, tallies, lines)) in per_film {
        let asset_key = format!("allocine:{}:{allocine_id}", kind.as_str());
        let face_count: i32 = tallies.values().map(|t| t.faces).sum();
        let new_figures = figures_of(kind, &tallies);
        let change = match existing.get(&asset_key) {
            Some(a) => {
                let mut old = old_figures.remove(&a.id).unwrap_or_default();
                old.sort_by_key(|f| f.perceived_gender);
                let same = a.film_id == Some(film_id)
                    && a.face_count == Some(face_count)
                    && old.len() == new_figures.len()
                    && old.iter().zip(&new_figures).all(|(o, n)| same_figure(o, n));
                if same {
                    Change::Unchanged
                } else {
                    analysis_figure::Entity::delete_many()
                        .filter(analysis_figure::Column::AnalysisId.eq(a.id))
                        .exec(db)
                        .await?;
                    let mut am: analysis::ActiveModel = a.clone().into();
                    am.film_id = Set(Some(film_id));
                    am.face_count = Set(Some(face_count));
                    am.source_line = Set(i64::try_from(first_line).ok());
                    am.update(db).await?;
                    figures.extend(new_figures.into_iter().map(|f| with_analysis(f, a.id)));
                    Change::Updated
                }
            }
            None => {
                let a = analysis::ActiveModel {
                    kind: Set(kind),
                    film_id: Set(Some(film_id)),
                    asset_key: Set(asset_key),
                    model_name: Set(MODEL_NAME.to_owned()),
                    model_version: Set(MODEL_VERSION.to_owned()),
                    model_sha256: Set(MODEL_VERSION.to_owned()),
                    runtime: Set(None),
                    external: Set(true),
                    parameters: Set(None),
                    face_count: Set(Some(face_count)),
                    created_at: Set(now),
                    source_id: Set(Some(source_id)),
                    source_line: Set(i64::try_from(first_line).ok()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                figures.extend(new_figures.into_iter().map(|f| with_analysis(f, a.id)));
                Change::Inserted
            }
        };
        // Every row of the film's analysis did what the analysis did.
        for _ in lines {
            out.count(change);
        }
    }
    bulk::insert_all(db, figures).await?;
    Ok(out)
}

/// The figures per perceived gender, in gender order, without their analysis id.
fn figures_of(
    kind: AnalysisKind,
    tallies: &BTreeMap<PerceivedGender, Tally>,
) -> Vec<analysis_figure::Model> {
    let total_area: f64 = tallies.values().map(|t| t.area).sum();
    let total_seconds: f64 = tallies.values().map(|t| t.seconds).sum();
    tallies
        .iter()
        .map(|(g, t)| {
            let poster = kind == AnalysisKind::Poster;
            analysis_figure::Model {
                analysis_id: 0,
                perceived_gender: *g,
                faces: t.faces,
                face_area_share: (poster && total_area > 0.0).then(|| t.area / total_area),
                screen_seconds: (!poster).then_some(t.seconds),
                screen_share: (!poster && total_seconds > 0.0).then(|| t.seconds / total_seconds),
                mean_face_size: Some(t.size_sum / f64::from(t.faces.max(1))),
            }
        })
        .collect()
}

fn same_figure(a: &analysis_figure::Model, b: &analysis_figure::Model) -> bool {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    };
    a.perceived_gender == b.perceived_gender
        && a.faces == b.faces
        && close(a.face_area_share, b.face_area_share)
        && close(a.screen_seconds, b.screen_seconds)
        && close(a.screen_share, b.screen_share)
        && close(a.mean_face_size, b.mean_face_size)
}

fn with_analysis(f: analysis_figure::Model, analysis_id: i64) -> analysis_figure::ActiveModel {
    analysis_figure::ActiveModel {
        analysis_id: Set(analysis_id),
        perceived_gender: Set(f.perceived_gender),
        faces: Set(f.faces),
        face_area_share: Set(f.face_area_share),
        screen_seconds: Set(f.screen_seconds),
        screen_share: Set(f.screen_share),
        mean_face_size: Set(f.mean_face_size),
    }
}

macro_rules! predictions_dataset {
    ($name:ident, $const:ident, $kind:expr, $slug:literal, $title:literal, $file:literal) => {
        /// A face predictions writer.
        pub(crate) struct $name {
            source_id: i64,
        }

        impl Dataset for $name {
            type Record = FacePrediction;
            const NAME: &'static str = $const;
            const PARSER_VERSION: &'static str = PARSER_VERSION;

            fn source() -> SourceFile {
                source_file($slug, $title, $file)
            }

            fn parse(bytes: &[u8]) -> Result<Parsed<FacePrediction>, csv::Error> {
                parser::parse(bytes)
            }

            fn line(record: &FacePrediction) -> u64 {
                record.line
            }

            async fn load(
                _db: &DatabaseTransaction,
                source_id: i64,
                _records: &[FacePrediction],
            ) -> Result<Self, IngestError> {
                Ok(Self { source_id })
            }

            async fn write_all(
                &mut self,
                db: &DatabaseTransaction,
                records: &[FacePrediction],
                progress: &dyn Progress,
            ) -> Result<Written, IngestError> {
                write_predictions(db, self.source_id, $kind, records, progress).await
            }
        }
    };
}

predictions_dataset!(
    PosterPredictions,
    POSTERS,
    AnalysisKind::Poster,
    "posters_d4g",
    "Faces on the posters of CNC films with perceived gender and area (Data For Good predictions)",
    "posters_trailers_d4g/poster_predictions.csv"
);

predictions_dataset!(
    TrailerPredictions,
    TRAILERS,
    AnalysisKind::Trailer,
    "trailers_d4g",
    "Characters in the trailers of CNC films with perceived gender and screen time (Data For Good predictions)",
    "posters_trailers_d4g/trailer_predictions.csv"
);
