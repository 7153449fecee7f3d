//! Capacity figures of QR Code Model 2 (ISO/IEC 18004), indexed by version and level.

use crate::EcLevel;

pub(crate) const MIN_VERSION: u8 = 1;
pub(crate) const MAX_VERSION: u8 = 40;

/// Error-correction codewords in each block. Row: level L, M, Q, H; column: version (0 unused).
#[rustfmt::skip]
const ECC_CODEWORDS_PER_BLOCK: [[u8; 41]; 4] = [
    [0,  7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];

/// Number of error-correction blocks. Row: level L, M, Q, H; column: version (0 unused).
#[rustfmt::skip]
const ERROR_CORRECTION_BLOCKS: [[u8; 41]; 4] = [
    [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4,  4,  4,  4,  4,  6,  6,  6,  6,  7,  8,  8,  9,  9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
    [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5,  5,  8,  9,  9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8,  8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
];

/// Modules per side: 21 at version 1, 4 more per version.
pub(crate) fn symbol_size(version: u8) -> usize {
    usize::from(version) * 4 + 17
}

pub(crate) fn ecc_codewords_per_block(version: u8, ec: EcLevel) -> usize {
    usize::from(ECC_CODEWORDS_PER_BLOCK[ec.code() as usize][usize::from(version)])
}

pub(crate) fn error_correction_blocks(version: u8, ec: EcLevel) -> usize {
    usize::from(ERROR_CORRECTION_BLOCKS[ec.code() as usize][usize::from(version)])
}

/// Modules left for codewords once the function patterns are drawn (remainder bits included).
pub(crate) fn raw_data_modules(version: u8) -> usize {
    let v = usize::from(version);
    let mut modules = (16 * v + 128) * v + 64;
    if v >= 2 {
        let alignments = v / 7 + 2;
        modules -= (25 * alignments - 10) * alignments - 55;
        if v >= 7 {
            modules -= 36; // two version-information blocks of 18 modules
        }
    }
    modules
}

/// All codewords, data and error correction, that the symbol holds.
pub(crate) fn total_codewords(version: u8) -> usize {
    raw_data_modules(version) / 8
}

/// Data codewords at this version and level.
pub(crate) fn data_codewords(version: u8, ec: EcLevel) -> usize {
    total_codewords(version)
        - ecc_codewords_per_block(version, ec) * error_correction_blocks(version, ec)
}

/// Bits of the byte-mode character count field.
pub(crate) fn byte_count_bits(version: u8) -> usize {
    if version <= 9 {
        8
    } else {
        16
    }
}

/// Centre coordinates of the alignment patterns, used on both axes (empty at version 1).
pub(crate) fn alignment_pattern_positions(version: u8) -> Vec<usize> {
    if version == 1 {
        return Vec::new();
    }
    let v = usize::from(version);
    let count = v / 7 + 2;
    let step = if version == 32 {
        26
    } else {
        (v * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    };
    let size = symbol_size(version);
    let mut positions: Vec<usize> = (0..count - 1).map(|i| size - 7 - i * step).collect();
    positions.push(6);
    positions.reverse();
    positions
}
