//! Test videos built with ffmpeg from still images: a sequence of scenes of known durations, so
//! detections, tracks and screen time have known answers.

use std::path::Path;
use std::process::Command;

use anyhow::Context as _;

/// One scene: an image shown (or black when `None`) for `seconds`.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'a> {
    /// The still, scaled and padded into the frame.
    pub image: Option<&'a Path>,
    /// How long it stays.
    pub seconds: f64,
}

/// Writes an H.264 MP4 of `side` × `side` pixels at 24 fps showing `scenes` in order.
pub fn still_sequence(out: &Path, scenes: &[Scene<'_>], side: u32) -> anyhow::Result<()> {
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-v", "error", "-nostdin", "-y"]);
    let mut filter = String::new();
    for (i, scene) in scenes.iter().enumerate() {
        match scene.image {
            Some(path) => {
                cmd.args([
                    "-loop",
                    "1",
                    "-framerate",
                    "24",
                    "-t",
                    &scene.seconds.to_string(),
                    "-i",
                ]);
                cmd.arg(path);
            }
            None => {
                cmd.args(["-f", "lavfi", "-t", &scene.seconds.to_string(), "-i"]);
                cmd.arg(format!("color=c=black:s={side}x{side}:r=24"));
            }
        }
        filter.push_str(&format!(
            "[{i}:v]scale={side}:{side}:force_original_aspect_ratio=decrease,\
             pad={side}:{side}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=24,format=yuv420p[v{i}];"
        ));
    }
    for i in 0..scenes.len() {
        filter.push_str(&format!("[v{i}]"));
    }
    filter.push_str(&format!("concat=n={}:v=1:a=0[out]", scenes.len()));
    cmd.args([
        "-filter_complex",
        &filter,
        "-map",
        "[out]",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
    ]);
    cmd.args(["-pix_fmt", "yuv420p"]).arg(out);
    let output = cmd.output().context("running ffmpeg (install Debian's ffmpeg)")?;
    anyhow::ensure!(
        output.status.success(),
        "ffmpeg failed building {}: {}",
        out.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}
