//! Why a text could not be encoded, worded for the client that sent it.

use std::fmt;

use crate::status;

/// A reason the encoder refused a request. Every variant is the caller's doing, never a bug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QrError {
    /// The text is empty: a QR code of nothing is almost certainly a client mistake.
    Empty,
    /// The text needs more than a version-40 symbol holds at the requested level.
    TooLong {
        /// Length of the text in UTF-8 bytes (the unit QR capacity is counted in).
        bytes: usize,
    },
    /// The input bytes are not UTF-8.
    InvalidUtf8,
    /// An option (such as the error-correction level) has no meaning.
    InvalidOption,
}

impl QrError {
    /// The shared status code for this error (see [`crate::status`]).
    pub fn code(&self) -> i32 {
        match self {
            QrError::Empty => status::EMPTY,
            QrError::TooLong { .. } => status::TOO_LONG,
            QrError::InvalidUtf8 => status::INVALID_UTF8,
            QrError::InvalidOption => status::INVALID_ARGUMENT,
        }
    }
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::Empty => f.write_str("text is empty"),
            QrError::TooLong { bytes } => write!(
                f,
                "text is {} UTF-8 bytes, more than a QR code holds at the requested \
                 error-correction level",
                bytes
            ),
            QrError::InvalidUtf8 => f.write_str("text is not valid UTF-8"),
            QrError::InvalidOption => {
                f.write_str("unknown error-correction level (expected L, M, Q or H)")
            }
        }
    }
}

impl std::error::Error for QrError {}
