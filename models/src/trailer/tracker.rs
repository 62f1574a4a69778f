//! Linking face detections across sampled frames into tracks by box overlap (an IoU tracker): a
//! detection joins the track whose last box it overlaps most, if enough; a track not seen for a
//! few frames ends.

use crate::geometry::{BoundingBox, Detection};

/// How detections are linked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrackerSettings {
    /// Least overlap with a track's last box to continue it.
    pub min_iou: f32,
    /// Frames a track may go unseen and still continue.
    pub max_gap: usize,
}

impl Default for TrackerSettings {
    fn default() -> Self {
        // At 2 fps a face moves little between samples; a gap of two frames bridges a missed
        // detection without joining two people across a cut.
        TrackerSettings { min_iou: 0.3, max_gap: 2 }
    }
}

/// A track: the frames a face was seen in.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    /// Its number, from 1 in order of appearance.
    pub no: i32,
    /// (frame index, detection) in order.
    pub seen: Vec<(usize, Detection)>,
}

impl Track {
    fn last(&self) -> (usize, BoundingBox) {
        self.seen
            .last()
            .map(|(f, d)| (*f, d.bbox))
            .unwrap_or((0, BoundingBox { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0 }))
    }
}

/// The tracker's state.
#[derive(Debug, Default)]
pub struct Tracker {
    settings: TrackerSettings,
    tracks: Vec<Track>,
}

impl Tracker {
    /// A tracker with these settings.
    pub fn new(settings: TrackerSettings) -> Self {
        Tracker { settings, tracks: Vec::new() }
    }

    /// Adds frame `frame`'s detections; returns the track number of each, in order.
    pub fn update(&mut self, frame: usize, detections: &[Detection]) -> Vec<i32> {
        // Candidate pairs of (overlap, detection, open track), best overlap first: greedy
        // matching is enough for the few faces of a frame.
        let mut pairs = Vec::new();
        for (d, det) in detections.iter().enumerate() {
            for (t, track) in self.tracks.iter().enumerate() {
                let (last_frame, last_box) = track.last();
                if frame > last_frame && frame - last_frame <= self.settings.max_gap + 1 {
                    let iou = det.bbox.iou(&last_box);
                    if iou >= self.settings.min_iou {
                        pairs.push((iou, d, t));
                    }
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut assigned: Vec<Option<usize>> = vec![None; detections.len()];
        let mut taken = vec![false; self.tracks.len()];
        for (_, d, t) in pairs {
            if assigned[d].is_none() && !taken[t] {
                assigned[d] = Some(t);
                taken[t] = true;
            }
        }
        let mut numbers = Vec::with_capacity(detections.len());
        for (d, det) in detections.iter().enumerate() {
            let t = match assigned[d] {
                Some(t) => t,
                None => {
                    let no = self.tracks.len() as i32 + 1;
                    self.tracks.push(Track { no, seen: Vec::new() });
                    self.tracks.len() - 1
                }
            };
            self.tracks[t].seen.push((frame, det.clone()));
            numbers.push(self.tracks[t].no);
        }
        numbers
    }

    /// The tracks so far.
    pub fn tracks(&self) -> &[Track] {
        &self.tracks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(x0: f32) -> Detection {
        Detection {
            score: 0.9,
            bbox: BoundingBox { x0, y0: 0.0, x1: x0 + 10.0, y1: 10.0 },
            keypoints: [(0.0, 0.0); 6],
        }
    }

    #[test]
    fn a_face_moving_a_little_stays_one_track_and_a_new_place_starts_another() {
        let mut t = Tracker::new(TrackerSettings::default());
        assert_eq!(t.update(0, &[det(0.0)]), vec![1]);
        assert_eq!(t.update(1, &[det(1.0), det(50.0)]), vec![1, 2]);
        assert_eq!(t.update(2, &[det(51.0), det(2.0)]), vec![2, 1]);
    }

    #[test]
    fn a_gap_longer_than_allowed_ends_the_track() {
        let mut t = Tracker::new(TrackerSettings { min_iou: 0.3, max_gap: 1 });
        t.update(0, &[det(0.0)]);
        assert_eq!(t.update(2, &[det(0.0)]), vec![1], "one missed frame is bridged");
        assert_eq!(t.update(5, &[det(0.0)]), vec![2], "two are not");
    }
}
