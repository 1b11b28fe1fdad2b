//! Errors of the library. Every error that comes from one input names that input (and the line or
//! byte where it applies), so that a run over many files can report it and carry on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not UTF-8 text: invalid byte at offset {byte}")]
    NotUtf8 { path: PathBuf, byte: usize },
    #[error("{path}: binary file (NUL byte at offset {byte})")]
    Binary { path: PathBuf, byte: usize },
    #[error("{path}:{line}: {message}")]
    JsonLine { path: PathBuf, line: usize, message: String },
    #[error("{path}: grammar: {message}")]
    Grammar { path: PathBuf, message: String },
}
