//! The standard's mask penalty score (ISO/IEC 18004 section 7.8.3), exactly as qrcodegen reads
//! it (the tests compare the masks chosen), computed on bit planes.
//!
//! Runs along columns are found with whole rows as operands: bit x of `rows[y] & rows[y + 1]`
//! says that column x is dark at y and y + 1, so one word operation advances 64 columns at once.
//! Runs along rows are the same computation on the transposed grid. No loop visits a module.

use super::grid::{first_bits, Grid, Line};

/// N1: a run of five same-coloured modules in a line; each further module adds 1.
const PENALTY_RUN: i32 = 3;
/// N2: each 2x2 block of one colour.
const PENALTY_BLOCK: i32 = 3;
/// N3: each finder-like 1:1:3:1:1 pattern with four light modules on one side.
const PENALTY_FINDER_LIKE: i32 = 40;
/// N4: each 5% step of the dark proportion away from 50%.
const PENALTY_BALANCE: i32 = 10;

/// Work arrays reused across the masks of one symbol.
#[derive(Default)]
pub(crate) struct PenaltyScratch {
    /// Bits of the loaded word that lie inside the symbol.
    inside: u64,
    /// The loaded planes, with light padding around them.
    dark: Vec<u64>,
    light: Vec<u64>,
    /// `same[i]`: bit set where plane i equals plane i + 1 (unpadded).
    same: Vec<u64>,
    /// `dark_runs[i]` / `light_runs[i]`: planes i..i+n all dark / all light, for the current n.
    dark_runs: Vec<u64>,
    light_runs: Vec<u64>,
}

/// The penalty score of `modules`. Scoring counts the bits of a few hundred words per mask;
/// where the CPU has a population-count instruction it is used (the portable x86-64 baseline
/// lacks it and spends a dozen instructions per word instead).
pub(crate) fn penalty_score(modules: &Grid, scratch: &mut PenaltyScratch) -> i32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: penalty_with_popcnt requires only a CPU with POPCNT, just checked.
            return unsafe { penalty_with_popcnt(modules, scratch) };
        }
    }
    penalty_portable(modules, scratch)
}

/// The same computation, compiled to use POPCNT (everything it calls is inlined into it).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn penalty_with_popcnt(modules: &Grid, scratch: &mut PenaltyScratch) -> i32 {
    penalty_portable(modules, scratch)
}

#[inline(always)]
fn penalty_portable(modules: &Grid, scratch: &mut PenaltyScratch) -> i32 {
    let size = modules.size();
    let inside = first_bits(size);
    let mut runs = 0;
    let mut finder_like = 0;
    for (w, &inside) in inside.iter().enumerate().take(words_in_use(size)) {
        // rows as planes: runs down the columns; cols as planes: runs along the rows.
        for planes in [modules.rows(), modules.cols()] {
            scratch.load(planes, w, inside);
            runs += scratch.run_penalty(size);
            finder_like += scratch.finder_like_penalty(size);
        }
    }
    runs + finder_like + block_penalty(modules.rows(), size) + balance_penalty(modules.rows(), size)
}

impl PenaltyScratch {
    /// Loads word `w` of every plane, with light padding on both sides: the standard treats the
    /// area around the symbol as light, and a finder-like pattern may lean on it.
    #[inline(always)]
    fn load(&mut self, planes: &[Line], w: usize, inside: u64) {
        let size = planes.len();
        let pad = padding(size);
        self.inside = inside;
        self.dark.clear();
        self.dark.resize(pad, 0);
        self.dark.extend(planes.iter().map(|plane| plane[w]));
        self.dark.resize(size + 2 * pad, 0);
        self.light.clear();
        self.light
            .extend(self.dark.iter().map(|&dark| !dark & inside));
    }

    /// N1 for the loaded planes. A run of length L >= 5 costs 3 + (L - 5) = (L - 4) + 2: one for
    /// each window of five equal modules in it, plus two for the window that starts it.
    #[inline(always)]
    fn run_penalty(&mut self, size: usize) -> i32 {
        let pad = padding(size);
        let inside = self.inside;
        let dark = &self.dark[pad..pad + size];
        self.same.clear();
        self.same
            .extend(dark.windows(2).map(|pair| !(pair[0] ^ pair[1]) & inside));
        let same = &self.same;
        let mut windows = 0;
        let mut run_starts = 0;
        for i in 0..size.saturating_sub(4) {
            let window = same[i] & same[i + 1] & same[i + 2] & same[i + 3];
            let starts_run = if i == 0 { inside } else { !same[i - 1] };
            windows += window.count_ones();
            run_starts += (window & starts_run).count_ones();
        }
        PENALTY_RUN * run_starts as i32 + (windows as i32 - run_starts as i32)
    }

    /// N3 for the loaded planes: dark-light-dark-light-dark runs in the ratio 1:1:3:1:1 (the
    /// "core", each unit n modules, every run exactly that long) with light for at least n on
    /// one side and 4n on the other. Counted twice when both sides have 4n.
    #[inline(always)]
    fn finder_like_penalty(&mut self, size: usize) -> i32 {
        let pad = padding(size);
        let len = self.dark.len();
        self.dark_runs.clear();
        self.dark_runs.extend_from_slice(&self.dark);
        self.light_runs.clear();
        self.light_runs.extend_from_slice(&self.light);
        let mut patterns = 0;
        let mut n = 1;
        while 7 * n <= size {
            if n > 1 {
                // Extend the runs by one plane; the last n - 1 entries are never read.
                let extended = len - (n - 1);
                let (dark, light) = (&self.dark[n - 1..], &self.light[n - 1..]);
                for (run, &plane) in self.dark_runs[..extended].iter_mut().zip(dark) {
                    *run &= plane;
                }
                for (run, &plane) in self.light_runs[..extended].iter_mut().zip(light) {
                    *run &= plane;
                }
            }
            // Each slice below is offset from the core's first plane (d0: its first dark run,
            // a1-a4 / b1-b4: n-plane steps after / before it), so entry i of every slice belongs
            // to the core starting at plane pad + i.
            let starts = size - 7 * n + 1;
            let (dark, light) = (&self.dark_runs, &self.light_runs);
            // `units` of n planes after (or before) the first plane of each core.
            let d0 = window(dark, pad, starts);
            let l1 = window(light, pad + n, starts);
            let d2 = window(dark, pad + 2 * n, starts);
            let d3 = window(dark, pad + 3 * n, starts);
            let d4 = window(dark, pad + 4 * n, starts);
            let l5 = window(light, pad + 5 * n, starts);
            let d6 = window(dark, pad + 6 * n, starts);
            let a1 = window(light, pad + 7 * n, starts);
            let a2 = window(light, pad + 8 * n, starts);
            let a3 = window(light, pad + 9 * n, starts);
            let a4 = window(light, pad + 10 * n, starts);
            let b1 = window(light, pad - n, starts);
            let b2 = window(light, pad - 2 * n, starts);
            let b3 = window(light, pad - 3 * n, starts);
            let b4 = window(light, pad - 4 * n, starts);
            let mut any_three_n_dark = 0;
            for i in 0..starts {
                let three_n_dark = d2[i] & d3[i] & d4[i];
                any_three_n_dark |= three_n_dark;
                let core = d0[i] & l1[i] & three_n_dark & l5[i] & d6[i];
                if core != 0 {
                    // Rare: most positions start no core, and counting bits is not free.
                    let light_after_4n = a1[i] & a2[i] & a3[i] & a4[i];
                    let light_before_4n = b1[i] & b2[i] & b3[i] & b4[i];
                    patterns += (core & b1[i] & light_after_4n).count_ones();
                    patterns += (core & light_before_4n & a1[i]).count_ones();
                }
            }
            if any_three_n_dark == 0 {
                break; // no run of 3n dark modules, so none longer either
            }
            n += 1;
        }
        patterns as i32 * PENALTY_FINDER_LIKE
    }
}

/// `len` entries of `runs` from `start`: one per core, so that index i lines up everywhere.
#[inline(always)]
fn window(runs: &[u64], start: usize, len: usize) -> &[u64] {
    &runs[start..start + len]
}

/// Light planes added before and after the symbol: enough for the widest pattern's light sides
/// (4n, where the 7n-module core fits the side).
fn padding(size: usize) -> usize {
    4 * (size / 7)
}

/// N2: 2x2 blocks of one colour, found a row pair at a time: for each word of two adjacent rows
/// and the same rows moved one module left, bit x says whether the block at x is uniform.
#[inline(always)]
fn block_penalty(rows: &[Line], size: usize) -> i32 {
    // A block's top-left corner can be in columns 0..size-1.
    let corners = first_bits(size - 1);
    let words = words_in_use(size);
    let mut blocks = 0;
    for pair in rows.windows(2) {
        let (top, bottom) = (&pair[0], &pair[1]);
        for w in 0..words {
            // Bit x of `*_right` is module x + 1, taken from the next word at the word's end.
            let carry = |line: &Line| if w + 1 < words { line[w + 1] << 63 } else { 0 };
            let top_right = top[w] >> 1 | carry(top);
            let bottom_right = bottom[w] >> 1 | carry(bottom);
            let uniform =
                !(top[w] ^ bottom[w]) & !(top_right ^ bottom_right) & !(top[w] ^ top_right);
            blocks += (uniform & corners[w]).count_ones();
        }
    }
    blocks as i32 * PENALTY_BLOCK
}

/// Words of a line that hold modules.
#[inline(always)]
fn words_in_use(size: usize) -> usize {
    (size + 63) / 64
}

/// N4: the smallest k such that the dark share is within (50 +- 5(k+1))%.
#[inline(always)]
fn balance_penalty(rows: &[Line], size: usize) -> i32 {
    let words = words_in_use(size);
    let mut dark = 0;
    for row in rows {
        for &word in &row[..words] {
            dark += word.count_ones();
        }
    }
    let dark = dark as i32;
    let total = (size * size) as i32;
    let k = ((dark * 20 - total * 10).abs() + total - 1) / total - 1;
    k * PENALTY_BALANCE
}

#[cfg(test)]
mod tests;
