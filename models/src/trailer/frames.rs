//! Frames sampled from a video at a fixed rate by ffmpeg (Debian's), read as raw RGB from its
//! standard output, with the video's size and length read first by ffprobe.

use std::io::Read;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use image::RgbImage;

/// Videos longer than this are refused: trailers run a few minutes.
pub const MAX_SECONDS: f64 = 1800.0;
/// Frames wider or taller than this are refused.
pub const MAX_SIDE: u32 = 4096;

/// Why a video could not be read.
#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    /// ffmpeg or ffprobe is missing.
    #[error("cannot run {tool}: {source} (install Debian's ffmpeg: scripts/install-toolchains.sh)")]
    Tool {
        /// The program.
        tool: &'static str,
        /// Why it could not start.
        source: std::io::Error,
    },
    /// The file is not a readable video.
    #[error("the video cannot be read: {0}")]
    Unreadable(String),
    /// Outside the limits.
    #[error("the video is refused: {0}")]
    Refused(String),
    /// Decoding stopped with an error.
    #[error("decoding the video failed after {frames} frames: {message}")]
    Decode {
        /// Frames read before the failure.
        frames: usize,
        /// What ffmpeg said.
        message: String,
    },
}

/// What ffprobe says of a video.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VideoInfo {
    /// Frame width.
    pub width: u32,
    /// Frame height.
    pub height: u32,
    /// Length in seconds, when the container says.
    pub duration: Option<f64>,
}

/// Reads the first video stream's size and the file's length.
pub fn probe(path: &Path) -> Result<VideoInfo, VideoError> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_entries"])
        .args(["stream=width,height:format=duration", "-of", "json"])
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| VideoError::Tool { tool: "ffprobe", source })?;
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    if !out.status.success() {
        return Err(VideoError::Unreadable(last_line(&stderr)));
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| VideoError::Unreadable(format!("ffprobe's answer is not JSON: {e}")))?;
    let stream = &json["streams"][0];
    let dim = |k: &str| stream[k].as_u64().and_then(|v| u32::try_from(v).ok()).filter(|v| *v > 0);
    let (Some(width), Some(height)) = (dim("width"), dim("height")) else {
        return Err(VideoError::Unreadable(if stderr.is_empty() {
            "no video stream".to_owned()
        } else {
            last_line(&stderr)
        }));
    };
    let duration = json["format"]["duration"].as_str().and_then(|d| d.parse::<f64>().ok());
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(VideoError::Refused(format!(
            "{width}×{height} frames; at most {MAX_SIDE} a side"
        )));
    }
    if duration.is_some_and(|d| d > MAX_SECONDS) {
        return Err(VideoError::Refused(format!(
            "{:.0} s long; at most {MAX_SECONDS:.0} s",
            duration.unwrap_or_default()
        )));
    }
    Ok(VideoInfo { width, height, duration })
}

fn last_line(text: &str) -> String {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message").to_owned()
}

/// ffmpeg decoding a video and handing out one frame every 1/`fps` seconds.
#[derive(Debug)]
pub struct FrameReader {
    child: Child,
    stdout: ChildStdout,
    stderr: Option<std::thread::JoinHandle<String>>,
    width: u32,
    height: u32,
    fps: f64,
    frames: usize,
}

impl FrameReader {
    /// Starts ffmpeg on `path`.
    pub fn open(path: &Path, info: &VideoInfo, fps: f64) -> Result<Self, VideoError> {
        let mut child = Command::new("ffmpeg")
            .args(["-v", "error", "-nostdin", "-threads", "2", "-i"])
            .arg(path)
            .args([
                "-an",
                "-sn",
                "-vf",
                &format!("fps={fps}"),
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
            ])
            .arg("pipe:1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| VideoError::Tool { tool: "ffmpeg", source })?;
        let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
            return Err(VideoError::Unreadable("ffmpeg's output pipes are missing".to_owned()));
        };
        // Drained aside so a chatty ffmpeg never blocks on a full pipe.
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Ok(FrameReader {
            child,
            stdout,
            stderr: Some(stderr),
            width: info.width,
            height: info.height,
            fps,
            frames: 0,
        })
    }

    /// The next frame and its time in seconds; `None` at the end of the video.
    pub fn next_frame(&mut self) -> Result<Option<(f64, RgbImage)>, VideoError> {
        let size = self.width as usize * self.height as usize * 3;
        let mut buf = vec![0u8; size];
        let mut filled = 0;
        while filled < size {
            match self.stdout.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(VideoError::Decode { frames: self.frames, message: e.to_string() });
                }
            }
        }
        if filled == 0 {
            return self.finish().map(|()| None);
        }
        if filled < size {
            self.finish()?;
            return Err(VideoError::Decode {
                frames: self.frames,
                message: format!("the last frame stopped after {filled} of {size} bytes"),
            });
        }
        let at = self.frames as f64 / self.fps;
        self.frames += 1;
        let frame =
            RgbImage::from_raw(self.width, self.height, buf).ok_or_else(|| VideoError::Decode {
                frames: self.frames,
                message: "frame buffer size mismatch".to_owned(),
            })?;
        Ok(Some((at, frame)))
    }

    /// Waits for ffmpeg and turns a failed exit into an error.
    fn finish(&mut self) -> Result<(), VideoError> {
        let status = self.child.wait().map_err(|e| VideoError::Decode {
            frames: self.frames,
            message: format!("waiting for ffmpeg: {e}"),
        })?;
        let stderr = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
        if !status.success() {
            return Err(VideoError::Decode { frames: self.frames, message: last_line(&stderr) });
        }
        if !stderr.trim().is_empty() {
            tracing::warn!(frames = self.frames, ffmpeg = %last_line(&stderr), "ffmpeg reported problems");
        }
        Ok(())
    }

    /// Frames read so far.
    pub fn frames(&self) -> usize {
        self.frames
    }
}

impl Drop for FrameReader {
    fn drop(&mut self) {
        // A reader dropped early (an error upstream) must not leave ffmpeg running.
        if self.stderr.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
