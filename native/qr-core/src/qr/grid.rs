//! A square of modules stored as bits, by row and by column at once.
//!
//! Keeping both orientations makes every penalty rule a word-wide operation on lines, which is
//! what lets all eight masks be scored in about ten microseconds.

/// Words per line: 192 bits hold the 177 modules of a version-40 side.
pub(crate) const WORDS: usize = 3;

/// One row or column: bit `i % 64` of word `i / 64` is module `i`; bits past the side are zero.
pub(crate) type Line = [u64; WORDS];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Grid {
    size: usize,
    /// `rows[y]` bit x is module (x, y).
    rows: Vec<Line>,
    /// `cols[x]` bit y is module (x, y).
    cols: Vec<Line>,
}

impl Grid {
    /// A grid of `size` x `size` light (zero) modules.
    pub fn new(size: usize) -> Grid {
        debug_assert!(size <= WORDS * 64);
        Grid {
            size,
            rows: vec![[0; WORDS]; size],
            cols: vec![[0; WORDS]; size],
        }
    }

    /// Makes this a grid of `size` x `size` light modules, reusing its memory.
    pub fn reset(&mut self, size: usize) {
        debug_assert!(size <= WORDS * 64);
        self.size = size;
        for lines in [&mut self.rows, &mut self.cols] {
            lines.clear();
            lines.resize(size, [0; WORDS]);
        }
    }

    pub fn size(&self) -> usize {
        self.size
    }

    pub fn rows(&self) -> &[Line] {
        &self.rows
    }

    pub fn cols(&self) -> &[Line] {
        &self.cols
    }

    pub fn get(&self, x: usize, y: usize) -> bool {
        line_bit(&self.rows[y], x)
    }

    pub fn set(&mut self, x: usize, y: usize, dark: bool) {
        set_line_bit(&mut self.rows[y], x, dark);
        set_line_bit(&mut self.cols[x], y, dark);
    }

    /// Both orientations, for operations that rewrite whole lines; the caller keeps them equal.
    pub fn lines_mut(&mut self) -> (&mut [Line], &mut [Line]) {
        (&mut self.rows, &mut self.cols)
    }
}

pub(crate) fn line_bit(line: &Line, i: usize) -> bool {
    (line[i / 64] >> (i % 64)) & 1 == 1
}

fn set_line_bit(line: &mut Line, i: usize, on: bool) {
    let bit = 1u64 << (i % 64);
    if on {
        line[i / 64] |= bit;
    } else {
        line[i / 64] &= !bit;
    }
}

/// The line with bits `0..len` set.
pub(crate) fn first_bits(len: usize) -> Line {
    let mut line = [0; WORDS];
    for (word_index, word) in line.iter_mut().enumerate() {
        let start = word_index * 64;
        *word = if len >= start + 64 {
            u64::MAX
        } else if len > start {
            (1u64 << (len - start)) - 1
        } else {
            0
        };
    }
    line
}
