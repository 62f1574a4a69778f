//! The command-line edge of the inference worker: `egalite analyse`, `egalite worker`, and the
//! worker `egalite serve` runs in-process when ONNX Runtime is present.

use std::time::Duration;

use anyhow::Context as _;
use egalite_models::evaluation;
use egalite_models::intake::{self, AssetKind};
use egalite_models::pipeline::{FacePipeline, PipelineSettings};
use egalite_models::queue::JobQueue;
use egalite_models::runtime;
use egalite_models::trailer::TrailerSettings;
use egalite_models::worker::{JobOutcome, Worker};
use egalite_shared::JobStatus;
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::config::{AnalyseArgs, AnalysisSettings, AssetArg, EvalArgs, GlobalArgs, WorkerArgs};

/// Loads ONNX Runtime and the models, and makes a worker on `db`.
pub fn build_worker(
    db: DatabaseConnection,
    global: &GlobalArgs,
    settings: &AnalysisSettings,
) -> anyhow::Result<Worker> {
    let rt = runtime::load(&settings.ort_library)?;
    let pipeline = FacePipeline::load(&rt, &settings.models_dir, PipelineSettings::default())
        .with_context(|| format!("loading the models from {}", settings.models_dir.display()))?;
    let id = settings.worker_id.clone().unwrap_or_else(default_worker_id);
    let queue = JobQueue::new(db, id, Duration::from_secs(settings.job_lease_seconds.max(1)));
    Ok(Worker::new(
        queue,
        egalite_models::assets::store_in(&global.data_dir),
        pipeline,
        Duration::from_millis(settings.worker_poll_ms.max(10)),
    )
    .with_trailer_settings(TrailerSettings { fps: settings.trailer_fps, ..Default::default() }))
}

/// `host:pid`, unique enough among the workers of one database.
fn default_worker_id() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    format!("{host}:{}", std::process::id())
}

/// `egalite analyse poster|trailer <film> <file> [--run]`.
pub async fn run_analyse(global: &GlobalArgs, args: &AnalyseArgs) -> anyhow::Result<()> {
    let film_id = parse_film(&args.film)?;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let db = crate::app::connect(global).await?;
    crate::app::migrate(&db).await?;
    let kind = match args.kind {
        AssetArg::Poster => AssetKind::Poster,
        AssetArg::Trailer => AssetKind::Trailer,
    };
    let origin = args.file.display().to_string();
    let assets = egalite_models::assets::store_in(&global.data_dir);
    let taken = intake::take_in(&db, &assets, kind, film_id, &bytes, &origin)
        .await
        .with_context(|| format!("taking in {origin}"))?;
    tracing::info!(
        job = taken.job.id, asset = taken.asset_id, sha256 = %taken.sha256,
        "queued {} {} of film {film_id}", kind.as_str(), taken.asset_id
    );
    println!("job {} queued: {}", taken.job.id, taken.job.target);
    if !args.run {
        return Ok(());
    }
    let worker = build_worker(db.clone(), global, &args.worker)?;
    loop {
        let job = egalite_shared::entity::job::Entity::find_by_id(taken.job.id)
            .one(&db)
            .await?
            .context("the queued job disappeared")?;
        match job.status {
            JobStatus::Done => {
                println!("job {} done", job.id);
                return Ok(());
            }
            JobStatus::Failed => {
                anyhow::bail!("job {} failed: {}", job.id, job.last_error.unwrap_or_default())
            }
            _ => {}
        }
        match worker.run_once().await? {
            Some(report) => {
                if let (JobOutcome::Retry { error }, true) =
                    (&report.outcome, report.job_id == taken.job.id)
                {
                    anyhow::bail!(
                        "job {} failed and is queued for a retry: {error}",
                        report.job_id
                    );
                }
            }
            None => anyhow::bail!("job {} is not due yet (queued for a later retry)", job.id),
        }
    }
}

/// `egalite worker [--once]`.
pub async fn run_worker(global: &GlobalArgs, args: &WorkerArgs) -> anyhow::Result<()> {
    let db = crate::app::connect(global).await?;
    crate::app::migrate(&db).await?;
    let worker = build_worker(db, global, &args.worker)?;
    if args.once {
        let mut handled = 0;
        while let Some(report) = worker.run_once().await? {
            handled += 1;
            println!("job {} {}: {:?}", report.job_id, report.target, report.outcome);
        }
        println!("{handled} jobs handled; the queue has no due job");
        return Ok(());
    }
    worker.run(crate::app::shutdown_signal()).await;
    Ok(())
}

/// `egalite eval <folder>`: runs the pipeline on a labelled set, prints and records the figures.
pub async fn run_eval(global: &GlobalArgs, args: &EvalArgs) -> anyhow::Result<()> {
    if args.target == Some(crate::config::EvalTarget::Names) {
        return crate::people::run_eval_names(global).await;
    }
    let Some(folder) = &args.folder else {
        anyhow::bail!("eval needs a labelled folder (or `names`): see `egalite eval --help`");
    };
    let set = evaluation::load_set(folder)
        .with_context(|| format!("reading the labelled set {}", folder.display()))?;
    let db = crate::app::connect(global).await?;
    crate::app::migrate(&db).await?;
    let rt = runtime::load(&args.worker.ort_library)?;
    let mut pipeline =
        FacePipeline::load(&rt, &args.worker.models_dir, PipelineSettings::default())
            .with_context(|| {
                format!("loading the models from {}", args.worker.models_dir.display())
            })?;
    let info = pipeline.info.clone();
    let progress = crate::progress::for_stderr();
    progress.start(&set.name, set.images.len() as u64);
    let set_for_run = set.clone();
    let (evaluated, progress) = tokio::task::spawn_blocking(move || {
        let e = evaluation::evaluate(&mut pipeline, &set_for_run, |done, _| {
            progress.advance(done as u64)
        });
        progress.finish();
        (e, progress)
    })
    .await
    .context("the evaluation thread stopped")?;
    drop(progress);
    let e = evaluated?;
    let row = evaluation::save(&db, &set, &e, &info).await.context("recording the evaluation")?;
    print!("{}", report(&set, &e, &row));
    Ok(())
}

/// The evaluation as people read it.
fn report(
    set: &evaluation::LabelledSet,
    e: &evaluation::Evaluation,
    row: &egalite_shared::entity::model_evaluation::Model,
) -> String {
    use std::fmt::Write as _;
    let pct = |p: evaluation::Proportion| match (p.value(), p.wilson95()) {
        (Some(v), Some((lo, hi))) => {
            format!(
                "{:.1} % ({} of {}; 95 % interval {:.0}–{:.0} %)",
                v * 100.0,
                p.k,
                p.n,
                lo * 100.0,
                hi * 100.0
            )
        }
        _ => "undefined (nothing to count)".to_owned(),
    };
    let mut out = String::new();
    let _ = writeln!(out, "Evaluation {} of {} on \"{}\"", row.id, row.model_name, set.name);
    let _ = writeln!(
        out,
        "  set: {} images, {} labelled faces; origin: {}",
        e.images, e.labelled_faces, set.origin
    );
    let _ = writeln!(
        out,
        "  detection (IoU ≥ {}): precision {}",
        evaluation::MATCH_IOU,
        pct(e.precision())
    );
    let _ = writeln!(out, "                       recall {}", pct(e.recall()));
    let _ = writeln!(
        out,
        "  perceived gender, matched faces labelled woman or man: accuracy {}",
        pct(e.accuracy())
    );
    let _ = writeln!(out, "    read as undetermined: {}", e.undetermined());
    for (class, precision, recall) in e.per_class() {
        let _ = writeln!(out, "    {class}: precision {}, recall {}", pct(precision), pct(recall));
    }
    let _ = writeln!(out, "  confusion (labelled → perceived woman / man / undetermined):");
    for label in ["woman", "man"] {
        let cell = |p: &str| e.confusion.get(label).and_then(|r| r.get(p)).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "    {label:>5}: {} / {} / {}",
            cell("woman"),
            cell("man"),
            cell("undetermined")
        );
    }
    if let Some(note) = &row.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    let _ = writeln!(
        out,
        "  published by the models' authors (theirs, not measured here): FaceRes 91.9 % gender \
         accuracy on aligned UTKFace, 93.8–94.1 % in the wild; BlazeFace 98.61 % AP (front-camera model)"
    );
    out
}

/// Starts the worker inside `egalite serve`, or says clearly why it does not run.
pub fn spawn_in_process(
    db: DatabaseConnection,
    global: &GlobalArgs,
    settings: &AnalysisSettings,
    enabled: bool,
) {
    if !enabled {
        tracing::info!("analysis worker not started (EGALITE_IN_PROCESS_WORKER=false)");
        return;
    }
    match build_worker(db, global, settings) {
        Ok(worker) => {
            tokio::spawn(async move { worker.run(std::future::pending()).await });
        }
        Err(e) => tracing::warn!(
            error = format!("{e:#}"),
            "analysis worker not started: posters and trailers stay queued; the API and site work \
             without it (install ONNX Runtime with scripts/install-toolchains.sh)"
        ),
    }
}

/// `123` or `Film:123`.
fn parse_film(raw: &str) -> anyhow::Result<i64> {
    let digits = raw.strip_prefix("Film:").unwrap_or(raw);
    digits
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .with_context(|| format!("film {raw:?} is not a film number or id like Film:123"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_film_is_named_by_number_or_global_id() {
        assert_eq!(parse_film("12").unwrap(), 12);
        assert_eq!(parse_film("Film:12").unwrap(), 12);
        let err = parse_film("Person:3").unwrap_err().to_string();
        assert!(err.contains("Person:3"), "{err}");
    }
}
