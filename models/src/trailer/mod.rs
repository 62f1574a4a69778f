//! Analysing a trailer: sample frames (default 2 a second), detect faces in each, link them into
//! tracks, classify perceived gender a few times per track, and sum up screen time per track
//! and per perceived gender.
//!
//! A track's gender is the area-weighted mean of its estimates: the largest, clearest views
//! count most. Each sampled frame stands for 1/fps seconds of screen time.

pub mod frames;
pub mod tracker;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use egalite_shared::PerceivedGender;

use crate::detector::SCORE_THRESHOLD;
use crate::gender::GenderEstimate;
use crate::geometry::Detection;
use crate::model_file::ModelError;
use crate::pipeline::FacePipeline;
use crate::poster::GenderFigure;
use frames::{FrameReader, VideoError, VideoInfo};
use tracker::{Tracker, TrackerSettings};

/// How trailers are sampled and tracked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrailerSettings {
    /// Frames sampled per second.
    pub fps: f64,
    /// How detections are linked.
    pub tracker: TrackerSettings,
    /// Gender estimates made at most per track: its first views, then every tenth.
    pub max_estimates_per_track: usize,
}

impl Default for TrailerSettings {
    fn default() -> Self {
        TrailerSettings {
            fps: 2.0,
            tracker: TrackerSettings::default(),
            max_estimates_per_track: 5,
        }
    }
}

/// A face in a sampled frame.
#[derive(Debug, Clone, PartialEq)]
pub struct TrailerFace {
    /// Seconds from the start.
    pub at: f64,
    /// Its track.
    pub track_no: i32,
    /// Where, in the frame's pixels.
    pub detection: Detection,
}

/// A track, summed up.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackSummary {
    /// Its number.
    pub no: i32,
    /// Its perceived gender estimate.
    pub gender: GenderEstimate,
    /// First seen, seconds.
    pub first_seen: f64,
    /// Last seen, seconds (the end of its last sampled frame).
    pub last_seen: f64,
    /// Screen time: frames seen × 1/fps.
    pub seconds: f64,
    /// Frames seen.
    pub detections: usize,
    /// Mean face area as a share of the frame.
    pub mean_face_size: f64,
    /// FaceRes's identity descriptor, area-weighted over the track's readings, unit length; in
    /// memory only (matching the poster's faces), never stored.
    pub descriptor: Vec<f32>,
}

/// Where a trailer's time went.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TrailerTiming {
    /// Waiting for ffmpeg's frames.
    pub decode: Duration,
    /// Face detection.
    pub detect: Duration,
    /// Gender models.
    pub classify: Duration,
}

/// One trailer's analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct TrailerAnalysis {
    /// Size and length.
    pub info: VideoInfo,
    /// The sampling rate.
    pub fps: f64,
    /// Frames sampled.
    pub frames: usize,
    /// Tracks, in order of appearance.
    pub tracks: Vec<TrackSummary>,
    /// Every detection.
    pub faces: Vec<TrailerFace>,
    /// Where the time went.
    pub timing: TrailerTiming,
}

/// Why a trailer could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum TrailerError {
    /// The video cannot be read; retrying will not help.
    #[error(transparent)]
    Video(#[from] VideoError),
    /// A model failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl FacePipeline {
    /// Analyses the video at `path`.
    pub fn analyse_trailer(
        &mut self,
        path: &Path,
        settings: &TrailerSettings,
    ) -> Result<TrailerAnalysis, TrailerError> {
        let info = frames::probe(path)?;
        let mut reader = FrameReader::open(path, &info, settings.fps)?;
        let mut tracker = Tracker::new(settings.tracker);
        let mut estimates: HashMap<i32, Vec<(f32, GenderEstimate)>> = HashMap::new();
        let mut descriptors: HashMap<i32, Vec<f32>> = HashMap::new();
        let mut seen_count: HashMap<i32, usize> = HashMap::new();
        let mut faces = Vec::new();
        let mut timing = TrailerTiming::default();
        let mut frame_index = 0;
        loop {
            let t0 = Instant::now();
            let Some((at, frame)) = reader.next_frame()? else { break };
            let t1 = Instant::now();
            let (w, h) = (frame.width() as f32, frame.height() as f32);
            let mut found = self.detector.detect(&frame, SCORE_THRESHOLD)?;
            for d in &mut found {
                d.bbox = d.bbox.clamped(w, h);
            }
            found.retain(|d| d.bbox.area() > 0.0);
            let t2 = Instant::now();
            let numbers = tracker.update(frame_index, &found);
            for (d, &no) in found.iter().zip(&numbers) {
                let count = seen_count.entry(no).or_default();
                *count += 1;
                let mine = estimates.entry(no).or_default();
                // The first views, then every tenth, up to the cap.
                let due = mine.len() < 3 || count.is_multiple_of(10);
                if due && mine.len() < settings.max_estimates_per_track {
                    mine.push((d.bbox.area(), self.gender.classify(&frame, &d.bbox)?));
                    let sum = descriptors.entry(no).or_default();
                    let seen = self.gender.last_descriptor();
                    sum.resize(seen.len(), 0.0);
                    for (acc, v) in sum.iter_mut().zip(seen) {
                        *acc += v * d.bbox.area();
                    }
                }
                faces.push(TrailerFace { at, track_no: no, detection: d.clone() });
            }
            let t3 = Instant::now();
            timing.decode += t1 - t0;
            timing.detect += t2 - t1;
            timing.classify += t3 - t2;
            frame_index += 1;
        }
        let step = 1.0 / settings.fps;
        let frame_area = f64::from(info.width) * f64::from(info.height);
        let tracks = tracker
            .tracks()
            .iter()
            .map(|t| {
                let first = t.seen.first().map(|(f, _)| *f).unwrap_or(0);
                let last = t.seen.last().map(|(f, _)| *f).unwrap_or(0);
                let area: f64 = t.seen.iter().map(|(_, d)| f64::from(d.bbox.area())).sum();
                TrackSummary {
                    no: t.no,
                    gender: combine(estimates.get(&t.no).map(Vec::as_slice).unwrap_or(&[])),
                    first_seen: first as f64 * step,
                    last_seen: (last + 1) as f64 * step,
                    seconds: t.seen.len() as f64 * step,
                    detections: t.seen.len(),
                    mean_face_size: area / t.seen.len().max(1) as f64 / frame_area,
                    descriptor: crate::matching::unit(
                        descriptors.remove(&t.no).unwrap_or_default(),
                    ),
                }
            })
            .collect();
        Ok(TrailerAnalysis {
            info,
            fps: settings.fps,
            frames: reader.frames(),
            tracks,
            faces,
            timing,
        })
    }
}

/// The area-weighted mean of a track's estimates.
fn combine(estimates: &[(f32, GenderEstimate)]) -> GenderEstimate {
    let total: f32 = estimates.iter().map(|(a, _)| a).sum();
    if estimates.is_empty() || total <= 0.0 {
        return GenderEstimate { p_man: 0.5, second_p_man: None };
    }
    let p_man = estimates.iter().map(|(a, e)| a * e.p_man).sum::<f32>() / total;
    let second_p_man = estimates
        .iter()
        .map(|(a, e)| e.second_p_man.map(|q| a * q))
        .sum::<Option<f32>>()
        .map(|q| q / total);
    GenderEstimate { p_man, second_p_man }
}

impl TrailerAnalysis {
    /// Tracks and mean face size per perceived gender (every gender listed).
    pub fn figures(&self) -> Vec<GenderFigure> {
        GENDERS
            .into_iter()
            .map(|gender| {
                let mine: Vec<&TrackSummary> =
                    self.tracks.iter().filter(|t| t.gender.perceived() == gender).collect();
                let detections: usize = mine.iter().map(|t| t.detections).sum();
                GenderFigure {
                    gender,
                    faces: mine.len() as u32,
                    face_area_share: 0.0,
                    mean_face_size: (detections > 0).then(|| {
                        mine.iter().map(|t| t.mean_face_size * t.detections as f64).sum::<f64>()
                            / detections as f64
                    }),
                }
            })
            .collect()
    }

    /// Screen seconds and their share of all faces' screen time, per perceived gender.
    pub fn screen(&self) -> Vec<(PerceivedGender, f64, f64)> {
        let total: f64 = self.tracks.iter().map(|t| t.seconds).sum();
        GENDERS
            .into_iter()
            .map(|gender| {
                let seconds: f64 = self
                    .tracks
                    .iter()
                    .filter(|t| t.gender.perceived() == gender)
                    .map(|t| t.seconds)
                    .sum();
                (gender, seconds, if total > 0.0 { seconds / total } else { 0.0 })
            })
            .collect()
    }
}

const GENDERS: [PerceivedGender; 3] =
    [PerceivedGender::Woman, PerceivedGender::Man, PerceivedGender::Undetermined];
