//! Égalité's inference worker: ONNX Runtime (through `ort`, loaded dynamically from the library
//! the project installs) for face detection and perceived-gender classification on posters and
//! trailers, and the database job queue that feeds it.

pub mod assets;
pub mod detector;
pub mod evaluation;
pub mod gender;
pub mod geometry;
pub mod intake;
pub mod matching;
pub mod model_file;
pub mod picture;
pub mod pipeline;
pub mod poster;
pub mod queue;
pub mod results;
pub mod runtime;
pub mod trailer;
pub mod worker;
