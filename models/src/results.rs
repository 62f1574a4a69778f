//! Writing analyses: one row per (asset, pipeline checksum) — a re-run replaces its earlier
//! result instead of adding one — with its figures per perceived gender and its faces.

use chrono::{DateTime, Utc};
use egalite_shared::entity::{analysis, analysis_figure, face, face_track, source};
use egalite_shared::{AnalysisKind, PerceivedGender, SourceKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::pipeline::PipelineInfo;
use crate::poster::{GenderFigure, PosterAnalysis};
use crate::trailer::{TrackSummary, TrailerAnalysis};

/// The asset an analysis is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysedAsset {
    /// Poster or trailer.
    pub kind: AnalysisKind,
    /// The film.
    pub film_id: i64,
    /// The poster row, for a poster.
    pub poster_id: Option<i64>,
    /// The trailer row, for a trailer.
    pub trailer_id: Option<i64>,
    /// The file's SHA-256.
    pub sha256: String,
}

/// A face to store, its box relative to the image (0..1).
#[derive(Debug, Clone, PartialEq)]
pub struct FaceRow {
    /// The track it belongs to (trailers), by its number in the analysis.
    pub track_no: Option<i32>,
    /// When it was seen (trailers).
    pub frame_seconds: Option<f64>,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The detector's score.
    pub detector_score: f64,
    /// Perceived gender.
    pub gender: PerceivedGender,
    /// Its confidence.
    pub confidence: f64,
    /// Whether the second opinion agreed.
    pub second_opinion_agrees: Option<bool>,
}

/// A trailer's face track to store.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackRow {
    /// Its number in the analysis.
    pub track_no: i32,
    /// Perceived gender, by the track's detections.
    pub gender: PerceivedGender,
    /// Its confidence.
    pub confidence: f64,
    /// First seen, seconds from the start.
    pub first_seen_seconds: f64,
    /// Last seen.
    pub last_seen_seconds: f64,
    /// Time on screen.
    pub screen_seconds: f64,
    /// Frames it was detected in.
    pub detections: i32,
}

/// What an analysis found, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisRows {
    /// When the work started.
    pub started_at: DateTime<Utc>,
    /// Figures per perceived gender.
    pub figures: Vec<GenderFigure>,
    /// Screen seconds and share per perceived gender (trailers).
    pub screen: Vec<(PerceivedGender, f64, f64)>,
    /// Tracks (trailers).
    pub tracks: Vec<TrackRow>,
    /// Faces.
    pub faces: Vec<FaceRow>,
}

/// The `sources` row naming the pipeline, created on first use.
pub async fn pipeline_source<C: ConnectionTrait>(
    db: &C,
    info: &PipelineInfo,
) -> Result<i64, DbErr> {
    let slug = format!("model-{}-{}", info.name, &info.checksum[..12]);
    if let Some(row) = source::Entity::find().filter(source::Column::Slug.eq(&slug)).one(db).await?
    {
        return Ok(row.id);
    }
    let row = source::ActiveModel {
        slug: Set(slug),
        title: Set(format!("Égalité face pipeline: {}", info.version)),
        kind: Set(SourceKind::Model),
        licence: Set(
            "Apache-2.0 (BlazeFace, HSE FaceRes), MIT (tfjs conversions, mini-XCEPTION)".to_owned()
        ),
        sha256: Set(Some(info.checksum.clone())),
        notes: Set(Some(format!(
            "Perceived gender of faces, never written onto a person. {}",
            info.runtime
        ))),
        redistributable: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Replaces the analysis of `asset` by `info`'s pipeline with this one; returns its id.
pub async fn replace_analysis<C: ConnectionTrait>(
    db: &C,
    asset: &AnalysedAsset,
    info: &PipelineInfo,
    rows: &AnalysisRows,
) -> Result<i64, DbErr> {
    let earlier: Vec<i64> = analysis::Entity::find()
        .filter(analysis::Column::Kind.eq(asset.kind))
        .filter(analysis::Column::AssetKey.eq(&asset.sha256))
        .filter(analysis::Column::ModelSha256.eq(&info.checksum))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    if !earlier.is_empty() {
        face::Entity::delete_many()
            .filter(face::Column::AnalysisId.is_in(earlier.clone()))
            .exec(db)
            .await?;
        analysis_figure::Entity::delete_many()
            .filter(analysis_figure::Column::AnalysisId.is_in(earlier.clone()))
            .exec(db)
            .await?;
        // Poster faces matched to these tracks keep their rows and lose the link.
        let old_tracks: Vec<i64> = face_track::Entity::find()
            .filter(face_track::Column::AnalysisId.is_in(earlier.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        if !old_tracks.is_empty() {
            face::Entity::update_many()
                .col_expr(
                    face::Column::TrackId,
                    sea_orm::sea_query::Expr::value(Option::<i64>::None),
                )
                .filter(face::Column::TrackId.is_in(old_tracks))
                .exec(db)
                .await?;
        }
        face_track::Entity::delete_many()
            .filter(face_track::Column::AnalysisId.is_in(earlier.clone()))
            .exec(db)
            .await?;
        analysis::Entity::delete_many()
            .filter(analysis::Column::Id.is_in(earlier))
            .exec(db)
            .await?;
    }
    let source_id = pipeline_source(db, info).await?;
    let now = Utc::now();
    let row = analysis::ActiveModel {
        kind: Set(asset.kind),
        film_id: Set(Some(asset.film_id)),
        poster_id: Set(asset.poster_id),
        trailer_id: Set(asset.trailer_id),
        asset_key: Set(asset.sha256.clone()),
        model_name: Set(info.name.clone()),
        model_version: Set(info.version.clone()),
        model_sha256: Set(info.checksum.clone()),
        runtime: Set(Some(info.runtime.clone())),
        external: Set(false),
        parameters: Set(Some(info.parameters.clone())),
        // A trailer's faces are counted by track: one person seen in many frames is one face.
        face_count: Set(Some(match asset.kind {
            AnalysisKind::Poster => rows.faces.len() as i32,
            AnalysisKind::Trailer => rows.tracks.len() as i32,
        })),
        started_at: Set(Some(rows.started_at)),
        finished_at: Set(Some(now)),
        created_at: Set(now),
        source_id: Set(Some(source_id)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for f in &rows.figures {
        let (seconds, share) = Some(&rows.screen)
            .and_then(|s| s.iter().find(|(g, _, _)| *g == f.gender))
            .map(|&(_, seconds, share)| (Some(seconds), Some(share)))
            .unwrap_or((None, None));
        analysis_figure::ActiveModel {
            analysis_id: Set(row.id),
            perceived_gender: Set(f.gender),
            faces: Set(f.faces as i32),
            face_area_share: Set((asset.kind == AnalysisKind::Poster).then_some(f.face_area_share)),
            screen_seconds: Set(seconds),
            screen_share: Set(share),
            mean_face_size: Set(f.mean_face_size),
        }
        .insert(db)
        .await?;
    }
    let mut track_ids = std::collections::HashMap::new();
    for t in &rows.tracks {
        let inserted = face_track::ActiveModel {
            analysis_id: Set(row.id),
            track_no: Set(t.track_no),
            perceived_gender: Set(t.gender),
            confidence: Set(t.confidence),
            first_seen_seconds: Set(t.first_seen_seconds),
            last_seen_seconds: Set(t.last_seen_seconds),
            screen_seconds: Set(t.screen_seconds),
            detections: Set(t.detections),
            ..Default::default()
        }
        .insert(db)
        .await?;
        track_ids.insert(t.track_no, inserted.id);
    }
    let face_rows: Vec<face::ActiveModel> = rows
        .faces
        .iter()
        .map(|f| face::ActiveModel {
            analysis_id: Set(row.id),
            track_id: Set(f.track_no.and_then(|n| track_ids.get(&n).copied())),
            frame_seconds: Set(f.frame_seconds),
            x: Set(f.x),
            y: Set(f.y),
            width: Set(f.width),
            height: Set(f.height),
            detector_score: Set(f.detector_score),
            perceived_gender: Set(f.gender),
            confidence: Set(f.confidence),
            second_opinion_agrees: Set(f.second_opinion_agrees),
            ..Default::default()
        })
        .collect();
    // Inserted in chunks: SQLite caps the parameters of one statement.
    for chunk in face_rows.chunks(500) {
        face::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(row.id)
}

/// A poster's faces as rows, boxes relative to the image.
pub fn poster_faces(analysis: &PosterAnalysis) -> Vec<FaceRow> {
    let (w, h) = (f64::from(analysis.width), f64::from(analysis.height));
    analysis
        .faces
        .iter()
        .map(|f| {
            let b = f.detection.bbox;
            FaceRow {
                track_no: None,
                frame_seconds: None,
                x: f64::from(b.x0) / w,
                y: f64::from(b.y0) / h,
                width: f64::from(b.width()) / w,
                height: f64::from(b.height()) / h,
                detector_score: f64::from(f.detection.score),
                gender: f.gender.perceived(),
                confidence: f64::from(f.gender.confidence()),
                second_opinion_agrees: f.gender.agrees(),
            }
        })
        .collect()
}

/// A trailer's tracks and faces as rows, boxes relative to the frame.
pub fn trailer_rows(analysis: &TrailerAnalysis) -> (Vec<TrackRow>, Vec<FaceRow>) {
    let gender_of: std::collections::HashMap<i32, &TrackSummary> =
        analysis.tracks.iter().map(|t| (t.no, t)).collect();
    let tracks = analysis
        .tracks
        .iter()
        .map(|t| TrackRow {
            track_no: t.no,
            gender: t.gender.perceived(),
            confidence: f64::from(t.gender.confidence()),
            first_seen_seconds: t.first_seen,
            last_seen_seconds: t.last_seen,
            screen_seconds: t.seconds,
            detections: t.detections as i32,
        })
        .collect();
    let (w, h) = (f64::from(analysis.info.width), f64::from(analysis.info.height));
    let faces = analysis
        .faces
        .iter()
        .filter_map(|f| {
            let track = gender_of.get(&f.track_no)?;
            let b = f.detection.bbox;
            Some(FaceRow {
                track_no: Some(f.track_no),
                frame_seconds: Some(f.at),
                x: f64::from(b.x0) / w,
                y: f64::from(b.y0) / h,
                width: f64::from(b.width()) / w,
                height: f64::from(b.height()) / h,
                detector_score: f64::from(f.detection.score),
                gender: track.gender.perceived(),
                confidence: f64::from(track.gender.confidence()),
                second_opinion_agrees: track.gender.agrees(),
            })
        })
        .collect();
    (tracks, faces)
}

/// Links poster faces to the trailer tracks they were matched to: (face id, track number in the
/// trailer analysis `analysis_id`).
pub async fn link_poster_faces<C: ConnectionTrait>(
    db: &C,
    analysis_id: i64,
    matches: &[(i64, i32)],
) -> Result<(), DbErr> {
    if matches.is_empty() {
        return Ok(());
    }
    let tracks: std::collections::HashMap<i32, i64> = face_track::Entity::find()
        .filter(face_track::Column::AnalysisId.eq(analysis_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.track_no, t.id))
        .collect();
    for (face_id, track_no) in matches {
        if let Some(track_id) = tracks.get(track_no) {
            face::Entity::update_many()
                .col_expr(face::Column::TrackId, sea_orm::sea_query::Expr::value(*track_id))
                .filter(face::Column::Id.eq(*face_id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}
