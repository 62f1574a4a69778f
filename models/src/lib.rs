//! Égalité's inference worker: ONNX Runtime (through `ort`, loaded dynamically from the library
//! the project installs) for face detection and perceived-gender classification on posters and
//! trailers.

pub mod detector;
pub mod gender;
pub mod geometry;
pub mod model_file;
pub mod picture;
pub mod runtime;
