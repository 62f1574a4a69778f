//! Posters per second and trailer seconds per wall second on this machine, and where the time
//! goes (decode, detection, gender models, time inside ONNX Runtime). `bench/faces.sh` runs it
//! beside the Python peer and prints the ratio.
//!
//! `cargo bench -p egalite-models --bench faces -- [ROUNDS] [TRAILER_SECONDS]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egalite_models::detector::{POSTER_LEVELS, TileLevel};
use egalite_models::pipeline::{FacePipeline, PipelineSettings};
use egalite_models::runtime::{self, Runtime};
use egalite_models::trailer::TrailerSettings;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The peer's six test images: the project's own, and the others from ../shared when present.
fn images() -> Vec<(String, Vec<u8>)> {
    let names = [
        "astronaut.png",
        "biden.jpg",
        "camera.png",
        "grace_hopper.jpg",
        "montage_poster.jpg",
        "obama.jpg",
    ];
    let mut out = Vec::new();
    for name in names {
        let bundled = root().join("models/testimages").join(name);
        let shared = root().join("../shared/models/testimages").join(name);
        match std::fs::read(&bundled).or_else(|_| std::fs::read(&shared)) {
            Ok(bytes) => out.push((name.to_owned(), bytes)),
            Err(_) => eprintln!("  {name}: not found (../shared absent); left out"),
        }
    }
    out
}

fn pipeline(
    rt: &Runtime,
    levels: &[TileLevel],
    second_opinion: bool,
    threads: usize,
) -> FacePipeline {
    let settings = PipelineSettings {
        poster_levels: levels.to_vec(),
        gender_threads: threads,
        second_opinion,
    };
    FacePipeline::load(rt, &root().join("models/onnx"), settings).unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Sequential on one pipeline: ms per poster (median over rounds) and the share inside ORT.
fn sequential(p: &mut FacePipeline, blobs: &[(String, Vec<u8>)], rounds: usize) -> (f64, f64) {
    for (_, b) in blobs {
        p.analyse_poster(b).unwrap();
    }
    let mut per_poster = Vec::new();
    let mut outside = Vec::new();
    for _ in 0..rounds {
        let busy0 = p.ort_busy();
        let t = Instant::now();
        for (_, b) in blobs {
            p.analyse_poster(b).unwrap();
        }
        let dt = t.elapsed().as_secs_f64();
        let ort = (p.ort_busy() - busy0).as_secs_f64();
        per_poster.push(dt / blobs.len() as f64);
        outside.push(1.0 - ort / dt);
    }
    (median(per_poster) * 1000.0, median(outside))
}

/// Two pipelines on two threads, each taking every other poster: posters per second.
fn parallel(pipes: Vec<FacePipeline>, blobs: &[(String, Vec<u8>)], rounds: usize) -> f64 {
    let n = pipes.len();
    let blobs: Vec<Vec<u8>> = blobs.iter().map(|(_, b)| b.clone()).collect();
    let blobs = std::sync::Arc::new(blobs);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(n + 1));
    let handles: Vec<_> = pipes
        .into_iter()
        .enumerate()
        .map(|(i, mut p)| {
            let blobs = blobs.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                for b in blobs.iter() {
                    p.analyse_poster(b).unwrap();
                }
                barrier.wait();
                for _ in 0..rounds {
                    for b in blobs.iter().skip(i).step_by(n) {
                        p.analyse_poster(b).unwrap();
                    }
                }
            })
        })
        .collect();
    barrier.wait();
    let t = Instant::now();
    for h in handles {
        h.join().unwrap();
    }
    (blobs.len() * rounds) as f64 / t.elapsed().as_secs_f64()
}

/// A 1280×720 H.264 24 fps video of `seconds` with motion: each test image zoomed and panned.
fn motion_trailer(seconds: u32) -> PathBuf {
    let out = root().join(format!("target/bench-cache/trailer-{seconds}s-1280x720.mp4"));
    if out.is_file() {
        return out;
    }
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let stills: Vec<PathBuf> =
        ["astronaut.png", "camera.png", "grace_hopper.jpg", "obama.jpg", "biden.jpg"]
            .iter()
            .map(|n| root().join("models/testimages").join(n))
            .chain(
                ["grace_hopper.jpg", "obama.jpg", "biden.jpg"]
                    .iter()
                    .map(|n| root().join("../shared/models/testimages").join(n)),
            )
            .filter(|p| p.is_file())
            .collect();
    let frames = (f64::from(seconds) * 24.0 / stills.len() as f64).round() as u32;
    let mut cmd = std::process::Command::new("ffmpeg");
    cmd.args(["-v", "error", "-nostdin", "-y"]);
    let mut filter = String::new();
    for (i, s) in stills.iter().enumerate() {
        // One frame in: zoompan makes `d` frames out of each input frame.
        cmd.arg("-i").arg(s);
        // Scaled up first so zoompan's steps are smooth; zoom in slowly while panning.
        filter.push_str(&format!(
            "[{i}:v]scale=2560:1440:force_original_aspect_ratio=decrease,pad=2560:1440:(ow-iw)/2:(oh-ih)/2,\
             zoompan=z='min(zoom+0.0015,1.5)':x='iw/2-(iw/zoom/2)+on*2':y='ih/2-(ih/zoom/2)':d={frames}:s=1280x720:fps=24,\
             setsar=1,format=yuv420p[v{i}];"
        ));
    }
    for i in 0..stills.len() {
        filter.push_str(&format!("[v{i}]"));
    }
    filter.push_str(&format!("concat=n={}:v=1:a=0[out]", stills.len()));
    let status = cmd
        .args([
            "-filter_complex",
            &filter,
            "-map",
            "[out]",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-r",
            "24",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "ffmpeg failed to build the benchmark trailer");
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let rounds: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(5);
    let trailer_seconds: u32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(120);
    let rt = runtime::load(&runtime::library_path(&root())).unwrap();
    println!(
        "egalite-models faces benchmark: onnxruntime {} ({}), {} CPUs",
        rt.info.version.as_deref().unwrap_or("?"),
        &rt.info.sha256[..12],
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    let blobs = images();
    let peer_levels = [POSTER_LEVELS[0], POSTER_LEVELS[1]];

    println!(
        "== posters, the peer's work (whole image + half tiles, FaceRes only), one pipeline, 1 thread"
    );
    let mut p = pipeline(&rt, &peer_levels, false, 1);
    for (name, b) in &blobs {
        let a = p.analyse_poster(b).unwrap();
        println!("   {name:18} {}x{} faces={}", a.width, a.height, a.faces.len());
    }
    let (ms, outside) = sequential(&mut p, &blobs, rounds);
    println!("RESULT rust_sequential_ms_per_poster {ms:.1}");
    println!("RESULT rust_share_outside_ort {:.1}", outside * 100.0);
    let pipes = (0..2).map(|_| pipeline(&rt, &peer_levels, false, 1)).collect();
    let pps = parallel(pipes, &blobs, rounds);
    println!("RESULT rust_posters_per_second_2_workers {pps:.2}");

    println!(
        "== posters, the worker's defaults (quarter tiles at 0.75, second opinion), 2 workers"
    );
    let pipes = (0..2).map(|_| pipeline(&rt, &POSTER_LEVELS, true, 1)).collect();
    let pps = parallel(pipes, &blobs, rounds);
    println!("RESULT rust_default_posters_per_second_2_workers {pps:.2}");
    let mut p = pipeline(&rt, &POSTER_LEVELS, true, 1);
    let (ms, outside) = sequential(&mut p, &blobs, rounds);
    println!("RESULT rust_default_sequential_ms_per_poster {ms:.1}");
    println!("RESULT rust_default_share_outside_ort {:.1}", outside * 100.0);

    println!(
        "== trailer: {trailer_seconds} s, 1280x720 H.264 24 fps with zoom and pan, sampled at 2 fps"
    );
    let t = Instant::now();
    let video = motion_trailer(trailer_seconds);
    println!("   video ready in {:.1} s: {}", t.elapsed().as_secs_f64(), video.display());
    let mut p = pipeline(&rt, &POSTER_LEVELS, true, 1);
    let settings = TrailerSettings::default();
    let busy0 = p.ort_busy();
    let t = Instant::now();
    let a = p.analyse_trailer(&video, &settings).unwrap();
    let wall = t.elapsed();
    let ort = p.ort_busy() - busy0;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "   {} frames, {} tracks, {} detections; waiting for frames {:.0} ms, detection {:.0} ms, gender {:.0} ms, inside ORT {:.0} ms",
        a.frames,
        a.tracks.len(),
        a.faces.len(),
        ms(a.timing.decode),
        ms(a.timing.detect),
        ms(a.timing.classify),
        ms(ort)
    );
    let duration = a.info.duration.unwrap_or(f64::from(trailer_seconds));
    println!("RESULT rust_trailer_wall_seconds {:.2}", wall.as_secs_f64());
    println!("RESULT rust_trailer_times_real_time {:.1}", duration / wall.as_secs_f64());
}
