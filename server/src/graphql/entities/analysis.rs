//! The `Analysis` type and what hangs from it: figures per perceived gender, faces with their
//! boxes, trailer tracks, and the poster or trailer analysed.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use egalite_shared::entity::{analysis, analysis_figure, face, face_track, poster, trailer};
use egalite_shared::{AnalysisKind, PerceivedGender};

use super::Source;
use crate::graphql::loaders::{
    FacesOfAnalysis, FiguresOfAnalysis, FilmKey, Loaders, PosterKey, TrackKey, TracksOfAnalysis,
    TrailerKey,
};

/// An analysis of a poster or trailer by one model: faces by perceived gender. Perceived gender
/// is a model's reading of a face, never a person's gender.
pub struct Analysis(pub analysis::Model);

/// An analysis of a poster or trailer by one model: faces by perceived gender. Perceived gender
/// is a model's reading of a face, never a person's gender.
#[Object]
impl Analysis {
    /// The film whose poster or trailer it is.
    async fn film(&self, ctx: &Context<'_>) -> Result<Option<super::Film>> {
        let Some(id) = self.0.film_id else { return Ok(None) };
        Ok(ctx.data::<Loaders>()?.load_one(FilmKey(id)).await?.map(super::Film))
    }

    /// Poster or trailer.
    async fn kind(&self) -> AnalysisKind {
        self.0.kind
    }

    /// The model (or the external project's pipeline).
    async fn model_name(&self) -> &str {
        &self.0.model_name
    }

    /// Its version.
    async fn model_version(&self) -> &str {
        &self.0.model_version
    }

    /// SHA-256 identifying the models and settings that produced it (with the asset's SHA-256 it
    /// keys the result: a re-run replaces it).
    async fn model_sha256(&self) -> &str {
        &self.0.model_sha256
    }

    /// The inference runtime and its library's checksum, for analyses of ours.
    async fn runtime(&self) -> Option<&str> {
        self.0.runtime.as_deref()
    }

    /// True for an analysis made by another project and imported.
    async fn external(&self) -> bool {
        self.0.external
    }

    /// Faces found (on a trailer, faces are counted by track).
    async fn face_count(&self) -> Option<i32> {
        self.0.face_count
    }

    /// When the analysis finished.
    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at
    }

    /// Per perceived gender.
    async fn figures(&self, ctx: &Context<'_>) -> Result<Vec<AnalysisFigure>> {
        let rows = ctx.data::<Loaders>()?.load_one(FiguresOfAnalysis(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(AnalysisFigure::from).collect())
    }

    /// Every face with its box (on a trailer, every detection in a sampled frame), in frame
    /// order. Imported analyses hold no boxes.
    #[graphql(complexity = "20 * child_complexity + 1")]
    async fn faces(&self, ctx: &Context<'_>) -> Result<Vec<Face>> {
        let rows = ctx.data::<Loaders>()?.load_one(FacesOfAnalysis(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Face).collect())
    }

    /// A trailer's face tracks: one face followed across frames, with its screen time.
    #[graphql(complexity = "5 * child_complexity + 1")]
    async fn tracks(&self, ctx: &Context<'_>) -> Result<Vec<FaceTrack>> {
        let rows = ctx.data::<Loaders>()?.load_one(TracksOfAnalysis(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(FaceTrack).collect())
    }

    /// The poster analysed.
    async fn poster(&self, ctx: &Context<'_>) -> Result<Option<Poster>> {
        let Some(id) = self.0.poster_id else { return Ok(None) };
        Ok(ctx.data::<Loaders>()?.load_one(PosterKey(id)).await?.map(Poster))
    }

    /// The trailer analysed.
    async fn trailer(&self, ctx: &Context<'_>) -> Result<Option<Trailer>> {
        let Some(id) = self.0.trailer_id else { return Ok(None) };
        Ok(ctx.data::<Loaders>()?.load_one(TrailerKey(id)).await?.map(Trailer))
    }

    /// Where it comes from: the imported dataset, or the model pipeline that made it.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Source::load(ctx, self.0.source_id).await
    }
}

/// An analysis's figures for one perceived gender.
#[derive(SimpleObject)]
pub struct AnalysisFigure {
    /// The perceived gender.
    pub perceived_gender: PerceivedGender,
    /// Faces (on a trailer, tracks).
    pub faces: i32,
    /// Share of the face area (posters).
    pub face_area_share: Option<f64>,
    /// Seconds on screen (trailers).
    pub screen_seconds: Option<f64>,
    /// Share of the screen time (trailers).
    pub screen_share: Option<f64>,
    /// Mean face size, as a share of the image.
    pub mean_face_size: Option<f64>,
}

impl From<analysis_figure::Model> for AnalysisFigure {
    fn from(m: analysis_figure::Model) -> Self {
        Self {
            perceived_gender: m.perceived_gender,
            faces: m.faces,
            face_area_share: m.face_area_share,
            screen_seconds: m.screen_seconds,
            screen_share: m.screen_share,
            mean_face_size: m.mean_face_size,
        }
    }
}

/// A face found by the detector, its box relative to the image or frame (0 to 1 from the top
/// left), with the perceived gender the models read. No age or other trait is inferred.
pub struct Face(pub face::Model);

/// A face found by the detector, its box relative to the image or frame (0 to 1 from the top
/// left), with the perceived gender the models read. No age or other trait is inferred.
#[Object]
impl Face {
    /// Left edge, as a share of the width.
    async fn x(&self) -> f64 {
        self.0.x
    }

    /// Top edge, as a share of the height.
    async fn y(&self) -> f64 {
        self.0.y
    }

    /// Width, as a share of the image's width.
    async fn width(&self) -> f64 {
        self.0.width
    }

    /// Height, as a share of the image's height.
    async fn height(&self) -> f64 {
        self.0.height
    }

    /// The detector's score, 0 to 1.
    async fn detector_score(&self) -> f64 {
        self.0.detector_score
    }

    /// Perceived gender (on a trailer, its track's).
    async fn perceived_gender(&self) -> PerceivedGender {
        self.0.perceived_gender
    }

    /// Confidence in it, 0.5 to 1, lowered when the second model disagrees.
    async fn confidence(&self) -> f64 {
        self.0.confidence
    }

    /// Whether the second, smaller model agreed (null when it did not run).
    async fn second_opinion_agrees(&self) -> Option<bool> {
        self.0.second_opinion_agrees
    }

    /// On a trailer: the sampled frame's time, in seconds from the start.
    async fn frame_seconds(&self) -> Option<f64> {
        self.0.frame_seconds
    }

    /// On a trailer: the number of the track it belongs to. On a poster: the number of the track
    /// of the film's trailer this face was matched to (by likeness, in memory), when one was.
    async fn track_number(&self, ctx: &Context<'_>) -> Result<Option<i32>> {
        let Some(id) = self.0.track_id else { return Ok(None) };
        Ok(ctx.data::<Loaders>()?.load_one(TrackKey(id)).await?.map(|t| t.track_no))
    }
}

/// One face followed across a trailer's sampled frames.
pub struct FaceTrack(pub face_track::Model);

/// One face followed across a trailer's sampled frames.
#[Object]
impl FaceTrack {
    /// Its number in the analysis, from 1 in order of appearance.
    async fn number(&self) -> i32 {
        self.0.track_no
    }

    /// Perceived gender, from the largest views of the face.
    async fn perceived_gender(&self) -> PerceivedGender {
        self.0.perceived_gender
    }

    /// Confidence in it, 0.5 to 1.
    async fn confidence(&self) -> f64 {
        self.0.confidence
    }

    /// First seen, seconds from the start.
    async fn first_seen_seconds(&self) -> f64 {
        self.0.first_seen_seconds
    }

    /// Last seen (the end of its last sampled frame).
    async fn last_seen_seconds(&self) -> f64 {
        self.0.last_seen_seconds
    }

    /// Seconds on screen: frames seen times the sampling interval.
    async fn screen_seconds(&self) -> f64 {
        self.0.screen_seconds
    }

    /// Sampled frames it was seen in.
    async fn detections(&self) -> i32 {
        self.0.detections
    }
}

/// A film's poster image.
pub struct Poster(pub poster::Model);

/// A film's poster image.
#[Object]
impl Poster {
    /// Width in pixels.
    async fn width(&self) -> Option<i32> {
        self.0.width
    }

    /// Height in pixels.
    async fn height(&self) -> Option<i32> {
        self.0.height
    }

    /// The file's SHA-256.
    async fn sha256(&self) -> Option<&str> {
        self.0.sha256.as_deref()
    }

    /// Where it came from (a URL, or the file name it was taken in from).
    async fn origin(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The image as this server serves it, when the file is kept here.
    async fn image_url(&self) -> Option<String> {
        self.0.sha256.as_ref().map(|_| format!("/assets/posters/{}", self.0.id))
    }
}

/// A film's trailer.
pub struct Trailer(pub trailer::Model);

/// A film's trailer.
#[Object]
impl Trailer {
    /// Length in seconds.
    async fn duration_seconds(&self) -> Option<f64> {
        self.0.duration_seconds
    }

    /// Frame width in pixels.
    async fn width(&self) -> Option<i32> {
        self.0.width
    }

    /// Frame height in pixels.
    async fn height(&self) -> Option<i32> {
        self.0.height
    }

    /// The file's SHA-256.
    async fn sha256(&self) -> Option<&str> {
        self.0.sha256.as_deref()
    }

    /// Where it came from.
    async fn origin(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
}
