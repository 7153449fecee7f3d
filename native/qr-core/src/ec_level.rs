//! The error-correction level a client may ask for.

use std::fmt;
use std::str::FromStr;

use crate::QrError;

/// How much of the symbol may be damaged and still read. Higher levels hold less text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EcLevel {
    /// About 7% recoverable: the smallest symbol, and the study's default.
    #[default]
    Low,
    /// About 15% recoverable.
    Medium,
    /// About 25% recoverable.
    Quartile,
    /// About 30% recoverable.
    High,
}

impl EcLevel {
    /// The numeric form used across the C ABI and wasm exports: 0 = L, 1 = M, 2 = Q, 3 = H.
    pub fn from_code(code: u32) -> Result<EcLevel, QrError> {
        match code {
            0 => Ok(EcLevel::Low),
            1 => Ok(EcLevel::Medium),
            2 => Ok(EcLevel::Quartile),
            3 => Ok(EcLevel::High),
            _ => Err(QrError::InvalidOption),
        }
    }

    /// The inverse of [`EcLevel::from_code`].
    pub fn code(self) -> u32 {
        match self {
            EcLevel::Low => 0,
            EcLevel::Medium => 1,
            EcLevel::Quartile => 2,
            EcLevel::High => 3,
        }
    }

    /// The one-letter name: "L", "M", "Q" or "H".
    pub fn letter(self) -> &'static str {
        match self {
            EcLevel::Low => "L",
            EcLevel::Medium => "M",
            EcLevel::Quartile => "Q",
            EcLevel::High => "H",
        }
    }
}

impl FromStr for EcLevel {
    type Err = QrError;

    /// Accepts "L", "M", "Q" or "H" in either case.
    fn from_str(s: &str) -> Result<EcLevel, QrError> {
        match s {
            "L" | "l" => Ok(EcLevel::Low),
            "M" | "m" => Ok(EcLevel::Medium),
            "Q" | "q" => Ok(EcLevel::Quartile),
            "H" | "h" => Ok(EcLevel::High),
            _ => Err(QrError::InvalidOption),
        }
    }
}

impl fmt::Display for EcLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.letter())
    }
}
