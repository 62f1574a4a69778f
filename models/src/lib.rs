//! Égalité's inference worker: ONNX Runtime (through `ort`, loaded dynamically from the library
//! the project installs) for face detection and perceived-gender classification on posters and
//! trailers.

pub mod runtime;
