//! The eight data masks, and choosing one by the standard's penalty score.

use super::format;
use super::function_patterns::Skeleton;
use super::grid::{Grid, Line, WORDS};
use super::penalty::{penalty_score, PenaltyScratch};
use crate::EcLevel;

const MASKS: usize = 8;
/// Every mask pattern repeats along each axis with a period dividing 12.
const PERIOD: usize = 12;

/// Whether mask `mask` inverts module (x, y).
const fn inverts(mask: usize, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3) % 2 == 0,
        _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
    }
}

/// `[mask][y % 12]`: the row of inversions (bit x). Transposed: `[mask][x % 12]`, bit y.
const ROW_PATTERNS: [[Line; PERIOD]; MASKS] = patterns(false);
const COL_PATTERNS: [[Line; PERIOD]; MASKS] = patterns(true);

const fn patterns(transposed: bool) -> [[Line; PERIOD]; MASKS] {
    let mut table = [[[0u64; WORDS]; PERIOD]; MASKS];
    let mut mask = 0;
    while mask < MASKS {
        let mut line = 0;
        while line < PERIOD {
            let mut i = 0;
            while i < WORDS * 64 {
                let (x, y) = if transposed { (line, i) } else { (i, line) };
                if inverts(mask, x, y) {
                    table[mask][line][i / 64] |= 1 << (i % 64);
                }
                i += 1;
            }
            line += 1;
        }
        mask += 1;
    }
    table
}

/// Work buffers for choosing a mask, kept between symbols.
#[derive(Default)]
pub(crate) struct MaskScratch {
    candidate: Grid,
    penalty: PenaltyScratch,
}

/// Applies the mask with the lowest penalty (the first such, in mask order) to `unmasked` and
/// draws its format information, into `modules`.
pub(crate) fn apply_best_mask(
    skeleton: &Skeleton,
    ec: EcLevel,
    unmasked: &Grid,
    scratch: &mut MaskScratch,
    modules: &mut Grid,
) {
    let mut best = (i32::MAX, 0u8);
    for mask in 0..MASKS as u8 {
        apply(skeleton, ec, mask, unmasked, &mut scratch.candidate);
        let score = penalty_score(&scratch.candidate, &mut scratch.penalty);
        if score < best.0 {
            best = (score, mask);
        }
    }
    apply(skeleton, ec, best.1, unmasked, modules);
}

/// `modules` = `unmasked` with mask `mask` applied and its format information drawn.
fn apply(skeleton: &Skeleton, ec: EcLevel, mask: u8, unmasked: &Grid, modules: &mut Grid) {
    modules.reset(unmasked.size());
    let (rows, cols) = modules.lines_mut();
    let mask_index = usize::from(mask);
    xor_pattern(
        unmasked.rows(),
        &skeleton.data_rows,
        &ROW_PATTERNS[mask_index],
        rows,
    );
    xor_pattern(
        unmasked.cols(),
        &skeleton.data_cols,
        &COL_PATTERNS[mask_index],
        cols,
    );
    format::draw(modules, ec, mask);
}

/// `masked[i]` = `lines[i]` with the pattern's inversions applied where data is.
fn xor_pattern(lines: &[Line], data: &[Line], pattern: &[Line; PERIOD], masked: &mut [Line]) {
    for (i, ((masked, line), data)) in masked.iter_mut().zip(lines).zip(data).enumerate() {
        let inversions = &pattern[i % PERIOD];
        for w in 0..WORDS {
            masked[w] = line[w] ^ (inversions[w] & data[w]);
        }
    }
}
