//! The inference worker end to end, on SQLite and PostgreSQL: a poster taken in, queued,
//! analysed by the real models and stored; a re-run replaces its result; bad files fail their
//! job with a reason naming the asset while the worker goes on; PostgreSQL workers never take
//! the same job twice; and a worker killed mid-job (SIGKILL) leaves a job that another takes
//! once its lease expires and finishes once.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use chrono::Utc;
use egalite_models::intake::{self, AssetKind, IntakeError};
use egalite_models::queue::{self, JobQueue};
use egalite_models::runtime;
use egalite_models::worker::JobOutcome;
use egalite_shared::entity::{analysis, analysis_figure, face, face_track, job};
use egalite_shared::{JobKind, JobStatus, PerceivedGender};
use egalite_tests::analyses::{a_film, root, take_in_stills_trailer, test_image, worker};
use egalite_tests::{Backend, TestDb};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn a_poster_is_analysed_stored_and_replaced_on_a_rerun(backend: Backend) {
    let t = TestDb::new(backend).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let assets = egalite_models::assets::store_in(dir.path());
    let film_id = a_film(&t.db, "Astronaut").await;
    let w = worker(&t.db, dir.path(), "w1", Duration::from_secs(60));
    let mut analysis_ids = Vec::new();
    for _ in 0..2 {
        let taken = intake::take_in(
            &t.db,
            &assets,
            AssetKind::Poster,
            film_id,
            &test_image("astronaut.png"),
            "astronaut.png",
        )
        .await
        .unwrap();
        let report = w.run_once().await.unwrap().unwrap();
        assert_eq!(report.job_id, taken.job.id);
        let JobOutcome::Done { analysis_id, faces } = report.outcome else {
            panic!("{:?}", report.outcome)
        };
        assert_eq!(faces, 1);
        analysis_ids.push(analysis_id);
        assert!(w.run_once().await.unwrap().is_none(), "the queue is empty");
    }
    // The second run replaced the first: one analysis, one face.
    let rows = analysis::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].id, analysis_ids[1]);
    assert_eq!(rows[0].film_id, Some(film_id));
    assert_eq!(rows[0].face_count, Some(1));
    assert_eq!(rows[0].model_name, "blazeface_full_range+faceres_deep");
    assert!(!rows[0].external);
    let faces = face::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(faces.len(), 1);
    // Eileen Collins: FaceRes gives P(man) 0.06; the small model, on the merged tiled box,
    // disagrees, which lowers the confidence without changing the call.
    assert_eq!(faces[0].perceived_gender, PerceivedGender::Woman);
    assert!(faces[0].confidence > 0.6, "{:?}", faces[0]);
    assert!(faces[0].second_opinion_agrees.is_some(), "{:?}", faces[0]);
    assert!(faces[0].x > 0.0 && faces[0].x + faces[0].width < 1.0, "{:?}", faces[0]);
    let woman = analysis_figure::Entity::find()
        .filter(analysis_figure::Column::PerceivedGender.eq(PerceivedGender::Woman))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((woman.faces, woman.face_area_share), (1, Some(1.0)));
    let jobs = job::Entity::find().all(&t.db).await.unwrap();
    assert!(jobs.iter().all(|j| j.status == JobStatus::Done && j.attempts == 1), "{jobs:?}");
}

async fn bad_files_fail_their_job_naming_the_asset_and_the_worker_goes_on(backend: Backend) {
    let t = TestDb::new(backend).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let assets = egalite_models::assets::store_in(dir.path());
    let film_id = a_film(&t.db, "Bad input").await;
    // A zero-length file is refused before anything is stored.
    let err = intake::take_in(&t.db, &assets, AssetKind::Poster, film_id, &[], "empty.jpg")
        .await
        .unwrap_err();
    assert!(matches!(err, IntakeError::Empty(_)), "{err}");
    assert!(err.to_string().contains("empty.jpg"), "{err}");
    let err = intake::take_in(&t.db, &assets, AssetKind::Poster, 999_999, b"x", "x.jpg")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("999999"), "{err}");
    // A good poster first, analysed.
    let w = worker(&t.db, dir.path(), "w1", Duration::from_secs(60));
    intake::take_in(
        &t.db,
        &assets,
        AssetKind::Poster,
        film_id,
        &test_image("astronaut.png"),
        "good.png",
    )
    .await
    .unwrap();
    assert!(matches!(w.run_once().await.unwrap().unwrap().outcome, JobOutcome::Done { .. }));
    // Then three bad files and one more good one.
    let png = test_image("camera.png");
    let truncated = png[..png.len() / 3].to_vec();
    let mut huge = png.clone();
    huge[16..20].copy_from_slice(&20_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&20_000u32.to_be_bytes());
    let crc = crc32fast::hash(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    let bad = [
        (b"GIF89a not really an image".to_vec(), "not a JPEG, PNG or WebP"),
        (truncated, "cannot be decoded"),
        (huge, "20000×20000"),
    ];
    let mut bad_jobs = Vec::new();
    for (i, (bytes, _)) in bad.iter().enumerate() {
        let taken =
            intake::take_in(&t.db, &assets, AssetKind::Poster, film_id, bytes, &format!("bad{i}"))
                .await
                .unwrap();
        bad_jobs.push(taken);
    }
    intake::take_in(&t.db, &assets, AssetKind::Poster, film_id, &png, "camera.png").await.unwrap();
    let mut outcomes = Vec::new();
    while let Some(report) = w.run_once().await.unwrap() {
        outcomes.push(report);
    }
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");
    for ((taken, (_, expected)), report) in bad_jobs.iter().zip(&bad).zip(&outcomes) {
        let JobOutcome::Failed { error } = &report.outcome else { panic!("{report:?}") };
        assert!(error.contains(expected), "{error}");
        assert!(
            error.contains(&taken.sha256) && error.contains(&format!("poster {}", taken.asset_id)),
            "{error}"
        );
        let row = job::Entity::find_by_id(taken.job.id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(row.status, JobStatus::Failed);
        assert_eq!(row.attempts, 1, "bad input is not retried");
        assert_eq!(row.last_error.as_deref(), Some(error.as_str()));
    }
    assert!(matches!(outcomes[3].outcome, JobOutcome::Done { .. }), "{:?}", outcomes[3]);
    // The first analysis is untouched; the last one added.
    assert_eq!(analysis::Entity::find().count(&t.db).await.unwrap(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_poster_is_analysed_stored_and_replaced_on_a_rerun() {
    a_poster_is_analysed_stored_and_replaced_on_a_rerun(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_poster_is_analysed_stored_and_replaced_on_a_rerun() {
    a_poster_is_analysed_stored_and_replaced_on_a_rerun(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_bad_files_fail_their_job_naming_the_asset_and_the_worker_goes_on() {
    bad_files_fail_their_job_naming_the_asset_and_the_worker_goes_on(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_bad_files_fail_their_job_naming_the_asset_and_the_worker_goes_on() {
    bad_files_fail_their_job_naming_the_asset_and_the_worker_goes_on(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_workers_claiming_at_once_never_take_the_same_job() {
    let t = TestDb::new(Backend::Postgres).await.unwrap();
    for i in 0..40 {
        queue::enqueue(
            &t.db,
            JobKind::PosterAnalysis,
            &format!("poster:{i}"),
            serde_json::json!({}),
            5,
        )
        .await
        .unwrap();
    }
    let mut handles = Vec::new();
    for w in 0..4 {
        let q = JobQueue::new(t.db.clone(), format!("w{w}"), Duration::from_secs(60));
        handles.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while let Some(job) = q.claim(&[JobKind::PosterAnalysis]).await.unwrap() {
                mine.push(job.id);
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await.unwrap());
    }
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!((n, all.len()), (40, 40), "every job claimed exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_job_is_retried_after_a_backoff_until_its_last_attempt() {
    let t = TestDb::new(Backend::Sqlite).await.unwrap();
    let j = queue::enqueue(&t.db, JobKind::PosterAnalysis, "poster:1", serde_json::json!({}), 2)
        .await
        .unwrap();
    let q = JobQueue::new(t.db.clone(), "w", Duration::from_secs(60));
    let claimed = q.claim(&[JobKind::PosterAnalysis]).await.unwrap().unwrap();
    assert_eq!((claimed.id, claimed.attempts), (j.id, 1));
    let outcome = q.fail(&claimed, "model failed", false).await.unwrap();
    let queue::FailureOutcome::Retry(at) = outcome else { panic!("{outcome:?}") };
    assert!(at > Utc::now() + chrono::Duration::seconds(29), "{at}");
    // Not due yet.
    assert!(q.claim(&[JobKind::PosterAnalysis]).await.unwrap().is_none());
    // Made due, taken again, failed on the last attempt: failed for good.
    job::Entity::update_many()
        .col_expr(
            job::Column::RunAfter,
            sea_orm::sea_query::Expr::value(Utc::now() - chrono::Duration::seconds(1)),
        )
        .exec(&t.db)
        .await
        .unwrap();
    let again = q.claim(&[JobKind::PosterAnalysis]).await.unwrap().unwrap();
    assert_eq!(again.attempts, 2);
    assert_eq!(q.fail(&again, "model failed", false).await.unwrap(), queue::FailureOutcome::Failed);
    let row = job::Entity::find_by_id(j.id).one(&t.db).await.unwrap().unwrap();
    assert_eq!((row.status, row.last_error.as_deref()), (JobStatus::Failed, Some("model failed")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_job_leaves_it_to_another_after_the_lease_and_it_finishes_once() {
    let t = TestDb::new(Backend::Postgres).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let assets = egalite_models::assets::store_in(dir.path());
    let film_id = a_film(&t.db, "Killed").await;
    // A large poster keeps the worker busy for a while (dozens of tiles).
    let big = big_poster();
    let taken =
        intake::take_in(&t.db, &assets, AssetKind::Poster, film_id, &big, "big.png").await.unwrap();
    // The heir is ready before the kill, so that its first look comes well inside the lease.
    let w = worker(&t.db, dir.path(), "heir", Duration::from_secs(3));
    let mut child = std::process::Command::new(egalite_tests::egalite_bin())
        .args([
            "worker",
            "--job-lease-seconds",
            "2",
            "--worker-id",
            "doomed",
            "--worker-poll-ms",
            "20",
        ])
        .env("DATABASE_URL", &t.url)
        .env("EGALITE_DATA_DIR", dir.path())
        .env("ORT_DYLIB_PATH", runtime::library_path(&root()))
        .env("EGALITE_MODELS_DIR", root().join("models/onnx"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it holds the job, then SIGKILL it.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let row = job::Entity::find_by_id(taken.job.id).one(&t.db).await.unwrap().unwrap();
        if row.status == JobStatus::Running {
            assert_eq!(row.locked_by.as_deref(), Some("doomed"));
            break;
        }
        assert!(row.status == JobStatus::Queued, "the job ended before the kill: {row:?}");
        assert!(std::time::Instant::now() < deadline, "the worker never took the job");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let row = job::Entity::find_by_id(taken.job.id).one(&t.db).await.unwrap().unwrap();
    assert_eq!((row.status, row.attempts), (JobStatus::Running, 1), "killed mid-job");
    // Another worker does not take it while the lease holds…
    assert!(w.run_once().await.unwrap().is_none(), "taken before the lease expired");
    // …and takes and finishes it once the lease has expired.
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let report = w.run_once().await.unwrap().unwrap();
    assert!(matches!(report.outcome, JobOutcome::Done { .. }), "{report:?}");
    let row = job::Entity::find_by_id(taken.job.id).one(&t.db).await.unwrap().unwrap();
    assert_eq!(
        (row.status, row.attempts, row.locked_by.as_deref()),
        (JobStatus::Done, 2, Some("heir"))
    );
    assert_eq!(analysis::Entity::find().count(&t.db).await.unwrap(), 1);
    assert!(w.run_once().await.unwrap().is_none());
}

async fn a_trailer_gets_tracks_and_screen_time_per_perceived_gender(backend: Backend) {
    let t = TestDb::new(backend).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let assets = egalite_models::assets::store_in(dir.path());
    let film_id = a_film(&t.db, "Stills").await;
    // Astronaut (a woman) 4 s, black 1 s, the cameraman 3 s, the astronaut again 2 s.
    let scenes = [
        (Some("astronaut.png"), 4.0),
        (None, 1.0),
        (Some("camera.png"), 3.0),
        (Some("astronaut.png"), 2.0),
    ];
    let (taken, bytes) =
        take_in_stills_trailer(&t.db, &assets, dir.path(), film_id, &scenes, "stills.mp4").await;
    let w = worker(&t.db, dir.path(), "w1", Duration::from_secs(60));
    let report = w.run_once().await.unwrap().unwrap();
    let JobOutcome::Done { faces: tracks, .. } = report.outcome else { panic!("{report:?}") };
    // Three appearances: the astronaut, the cameraman, the astronaut after the cut.
    assert_eq!(tracks, 3);
    let rows = face_track::Entity::find().all(&t.db).await.unwrap();
    let mut summary: Vec<(PerceivedGender, f64, f64, f64)> = rows
        .iter()
        .map(|r| (r.perceived_gender, r.first_seen_seconds, r.last_seen_seconds, r.screen_seconds))
        .collect();
    summary.sort_by(|a, b| a.1.total_cmp(&b.1));
    let expected = [
        (PerceivedGender::Woman, 0.0, 4.0),
        (PerceivedGender::Man, 5.0, 8.0),
        (PerceivedGender::Woman, 8.0, 10.0),
    ];
    for ((gender, first, last, seconds), (want_gender, want_first, want_last)) in
        summary.iter().zip(expected)
    {
        assert_eq!(*gender, want_gender, "{summary:?}");
        // One sampled frame (0.5 s) of slack at each scene change.
        assert!(
            (first - want_first).abs() <= 0.5 && (last - want_last).abs() <= 0.5,
            "{summary:?}"
        );
        assert!((seconds - (want_last - want_first)).abs() <= 0.5, "{summary:?}");
    }
    let figures = analysis_figure::Entity::find().all(&t.db).await.unwrap();
    let of = |g: PerceivedGender| figures.iter().find(|f| f.perceived_gender == g).unwrap().clone();
    let (women, men) = (of(PerceivedGender::Woman), of(PerceivedGender::Man));
    assert_eq!((women.faces, men.faces), (2, 1));
    let (ws, ms) = (women.screen_seconds.unwrap(), men.screen_seconds.unwrap());
    assert!((ws - 6.0).abs() <= 1.0 && (ms - 3.0).abs() <= 0.5, "{ws} {ms}");
    assert!((women.screen_share.unwrap() - ws / (ws + ms)).abs() < 1e-9);
    // Every detection is kept, linked to its track, at its frame time.
    let faces = face::Entity::find().all(&t.db).await.unwrap();
    assert!(faces.iter().all(|f| f.track_id.is_some() && f.frame_seconds.is_some()));
    assert_eq!(faces.len() as i32, rows.iter().map(|r| r.detections).sum::<i32>());
    let trailer = egalite_shared::entity::trailer::Entity::find_by_id(taken.asset_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((trailer.width, trailer.height), (Some(512), Some(512)));
    assert!((trailer.duration_seconds.unwrap() - 10.0).abs() < 0.1);

    // A truncated copy fails its job with a reason naming the trailer; nothing else changes.
    let truncated = &bytes[..bytes.len() / 2];
    let bad = intake::take_in(&t.db, &assets, AssetKind::Trailer, film_id, truncated, "cut.mp4")
        .await
        .unwrap();
    let report = w.run_once().await.unwrap().unwrap();
    let JobOutcome::Failed { error } = report.outcome else { panic!("{report:?}") };
    assert!(
        error.contains(&format!("trailer {}", bad.asset_id)) && error.contains(&bad.sha256),
        "{error}"
    );
    assert!(error.contains("cannot be read") || error.contains("decoding"), "{error}");
    assert_eq!(analysis::Entity::find().count(&t.db).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_trailer_gets_tracks_and_screen_time_per_perceived_gender() {
    a_trailer_gets_tracks_and_screen_time_per_perceived_gender(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_trailer_gets_tracks_and_screen_time_per_perceived_gender() {
    a_trailer_gets_tracks_and_screen_time_per_perceived_gender(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_shows_our_analyses_with_boxes_tracks_and_the_poster_beside_their_statistics() {
    let t = TestDb::new(Backend::Sqlite).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let assets = egalite_models::assets::store_in(dir.path());
    let film_id = a_film(&t.db, "Shown").await;
    let poster = test_image("astronaut.png");
    intake::take_in(&t.db, &assets, AssetKind::Poster, film_id, &poster, "astronaut.png")
        .await
        .unwrap();
    take_in_stills_trailer(
        &t.db,
        &assets,
        dir.path(),
        film_id,
        &[(Some("astronaut.png"), 2.0)],
        "short.mp4",
    )
    .await;
    let w = worker(&t.db, dir.path(), "w1", Duration::from_secs(60));
    while w.run_once().await.unwrap().is_some() {}
    let app = egalite_tests::TestApp::spawn_serving(t, Some(assets)).await;
    let v = app
        .graphql(
            "query($id: ID!) { node(id: $id) { ... on Film { analyses { kind modelName external faceCount \
               figures { perceivedGender faces faceAreaShare screenSeconds screenShare } \
               faces { x y width height perceivedGender confidence frameSeconds trackNumber } \
               tracks { number perceivedGender screenSeconds firstSeenSeconds detections } \
               poster { width height imageUrl } trailer { durationSeconds width } \
               source { kind } } } } \
             stats { posters { model external total { analyses } } } }",
            serde_json::json!({ "id": format!("Film:{film_id}") }),
        )
        .await;
    assert!(v["errors"].is_null(), "{v}");
    let analyses = v["data"]["node"]["analyses"].as_array().unwrap();
    assert_eq!(analyses.len(), 2, "{v}");
    let poster_a = analyses.iter().find(|a| a["kind"] == "POSTER").unwrap();
    let trailer_a = analyses.iter().find(|a| a["kind"] == "TRAILER").unwrap();
    assert_eq!(poster_a["modelName"], "blazeface_full_range+faceres_deep");
    assert_eq!(poster_a["external"], false);
    assert_eq!(poster_a["source"]["kind"], "MODEL");
    let face = &poster_a["faces"][0];
    assert_eq!(face["perceivedGender"], "WOMAN", "{face}");
    assert!(face["x"].as_f64().unwrap() > 0.2 && face["width"].as_f64().unwrap() > 0.1, "{face}");
    assert!(face["frameSeconds"].is_null());
    // Matched by likeness to the trailer's one track of the same face.
    assert_eq!(face["trackNumber"], 1, "{face}");
    assert_eq!(poster_a["poster"]["width"], 512);
    // The poster itself, as the site shows it under its boxes.
    let url = poster_a["poster"]["imageUrl"].as_str().unwrap();
    let res = app.get(url).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.bytes().await.unwrap().as_ref(), poster.as_slice());
    assert_eq!(app.get("/assets/posters/999").await.status(), 404);
    // The trailer: one track of 2 s, its detections at their frame times.
    assert_eq!(trailer_a["tracks"].as_array().unwrap().len(), 1, "{trailer_a}");
    assert_eq!(trailer_a["tracks"][0]["perceivedGender"], "WOMAN", "{trailer_a}");
    assert_eq!(trailer_a["tracks"][0]["screenSeconds"], 2.0);
    let faces = trailer_a["faces"].as_array().unwrap();
    assert_eq!(faces.len(), 4);
    assert!(faces.iter().all(|f| f["trackNumber"] == 1 && f["frameSeconds"].is_number()));
    assert_eq!(
        trailer_a["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["perceivedGender"] == "WOMAN")
            .unwrap()["screenShare"],
        1.0
    );
    // The statistics count it under the pipeline's name, apart from imported analyses.
    let models = v["data"]["stats"]["posters"].as_array().unwrap();
    let ours = models.iter().find(|m| m["model"] == "blazeface_full_range+faceres_deep").unwrap();
    assert_eq!(
        (ours["external"].clone(), ours["total"]["analyses"].clone()),
        (serde_json::json!(false), serde_json::json!(1))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn egalite_eval_reports_and_records_detection_and_gender_figures_with_their_intervals() {
    let t = TestDb::new(Backend::Sqlite).await.unwrap();
    let set = tempfile::tempdir().unwrap();
    for name in ["astronaut.png", "camera.png"] {
        std::fs::copy(root().join("models/testimages").join(name), set.path().join(name)).unwrap();
    }
    // A grey image with no face: any detection on it is a false one.
    image::RgbImage::from_pixel(400, 300, image::Rgb([128, 128, 128]))
        .save(set.path().join("blank.png"))
        .unwrap();
    std::fs::write(
        set.path().join("labels.csv"),
        "image,x0,y0,x1,y1,gender\nastronaut.png,175,70,280,175,woman\ncamera.png,204,123,275,194,man\nblank.png,,,,,\n",
    )
    .unwrap();
    std::fs::write(
        set.path().join("SET.md"),
        "# Project test images\n\nOrigin: scikit-image sample data (public domain, CC0)\n",
    )
    .unwrap();
    let out = std::process::Command::new(egalite_tests::egalite_bin())
        .arg("eval")
        .arg(set.path())
        .env("DATABASE_URL", &t.url)
        .env("ORT_DYLIB_PATH", runtime::library_path(&root()))
        .env("EGALITE_MODELS_DIR", root().join("models/onnx"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("3 images, 2 labelled faces"), "{stdout}");
    assert!(stdout.contains("precision 100.0 % (2 of 2"), "{stdout}");
    assert!(stdout.contains("recall 100.0 % (2 of 2"), "{stdout}");
    assert!(stdout.contains("accuracy 100.0 % (2 of 2; 95 % interval 34–100 %)"), "{stdout}");
    assert!(stdout.contains("far too few for an accuracy figure"), "{stdout}");
    assert!(stdout.contains("theirs, not measured here"), "{stdout}");
    let rows = egalite_shared::entity::model_evaluation::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!((r.set_name.as_str(), r.images, r.labelled_faces), ("Project test images", 3, 2));
    assert_eq!((r.true_positives, r.false_positives, r.false_negatives), (2, 0, 0));
    assert_eq!((r.gender_labelled, r.gender_correct), (2, 2));
    assert_eq!(r.confusion["woman"]["woman"], 1);
    assert_eq!(r.model_name, "blazeface_full_range+faceres_deep");

    // A bad label names its line and records nothing.
    std::fs::write(
        set.path().join("labels.csv"),
        "image,x0,y0,x1,y1,gender\nastronaut.png,175,70,280,175,female\n",
    )
    .unwrap();
    let out = std::process::Command::new(egalite_tests::egalite_bin())
        .arg("eval")
        .arg(set.path())
        .env("DATABASE_URL", &t.url)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("line 2") && stderr.contains("female"), "{stderr}");
    assert_eq!(
        egalite_shared::entity::model_evaluation::Entity::find().count(&t.db).await.unwrap(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poster_face_is_matched_to_a_trailer_track_only_when_it_is_the_same_face() {
    let t = TestDb::new(Backend::Sqlite).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let assets = egalite_models::assets::store_in(dir.path());
    let w = worker(&t.db, dir.path(), "w1", Duration::from_secs(60));
    // The cameraman's poster, a trailer of the astronaut only: no match.
    let film_id = a_film(&t.db, "Not the same face").await;
    intake::take_in(
        &t.db,
        &assets,
        AssetKind::Poster,
        film_id,
        &test_image("camera.png"),
        "camera.png",
    )
    .await
    .unwrap();
    take_in_stills_trailer(
        &t.db,
        &assets,
        dir.path(),
        film_id,
        &[(Some("astronaut.png"), 2.0)],
        "astronaut.mp4",
    )
    .await;
    while w.run_once().await.unwrap().is_some() {}
    let poster_faces =
        face::Entity::find().filter(face::Column::FrameSeconds.is_null()).all(&t.db).await.unwrap();
    assert_eq!(poster_faces.len(), 1);
    assert_eq!(poster_faces[0].track_id, None, "the cameraman is not the astronaut");
    // The same poster with a trailer showing the astronaut then the cameraman: his track.
    let film_id = a_film(&t.db, "The same face").await;
    let other_copy = [test_image("camera.png"), b"\0".to_vec()].concat();
    intake::take_in(&t.db, &assets, AssetKind::Poster, film_id, &other_copy, "camera-copy.png")
        .await
        .unwrap();
    let scenes = [(Some("astronaut.png"), 2.0), (Some("camera.png"), 2.0)];
    take_in_stills_trailer(&t.db, &assets, dir.path(), film_id, &scenes, "both.mp4").await;
    while w.run_once().await.unwrap().is_some() {}
    let film_analyses: Vec<i64> = analysis::Entity::find()
        .filter(analysis::Column::FilmId.eq(film_id))
        .all(&t.db)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let poster_face = face::Entity::find()
        .filter(face::Column::FrameSeconds.is_null())
        .filter(face::Column::AnalysisId.is_in(film_analyses))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let track = face_track::Entity::find_by_id(poster_face.track_id.expect("matched"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((track.track_no, track.perceived_gender), (2, PerceivedGender::Man), "{track:?}");
}

/// A 3000 × 4500 poster: the astronaut's face tiled over a grey field.
fn big_poster() -> Vec<u8> {
    let face = image::load_from_memory(&test_image("astronaut.png")).unwrap().to_rgb8();
    let mut poster = image::RgbImage::from_pixel(3000, 4500, image::Rgb([90, 90, 90]));
    for (i, (x, y)) in [(100, 100), (1500, 900), (400, 2500), (2000, 3600)].into_iter().enumerate()
    {
        image::imageops::overlay(&mut poster, &face, x + i as i64 * 10, y);
    }
    let mut bytes = Vec::new();
    poster.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}
