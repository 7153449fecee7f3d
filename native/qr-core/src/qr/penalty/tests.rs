//! The bit-plane penalty against a module-by-module port of qrcodegen's scoring, on random
//! grids built from runs of random length, so that long runs and finder-like patterns of every
//! scale turn up.

use super::{penalty_score, PenaltyScratch};
use crate::qr::grid::Grid;

/// qrcodegen 1.8's `get_penalty_score`, transcribed over a `Grid`.
fn reference_score(grid: &Grid) -> i32 {
    let size = grid.size() as i32;
    let dark = |x: i32, y: i32| grid.get(x as usize, y as usize);
    let mut result = 0;
    for transposed in [false, true] {
        for a in 0..size {
            let mut run_color = false;
            let mut run = 0;
            let mut history = [0i32; 7];
            let push = |history: &mut [i32; 7], mut length: i32| {
                if history[0] == 0 {
                    length += size;
                }
                history.copy_within(0..6, 1);
                history[0] = length;
            };
            let count = |h: &[i32; 7]| {
                let n = h[1];
                let core = n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n;
                i32::from(core && h[0] >= n * 4 && h[6] >= n)
                    + i32::from(core && h[6] >= n * 4 && h[0] >= n)
            };
            for b in 0..size {
                let color = if transposed { dark(a, b) } else { dark(b, a) };
                if color == run_color {
                    run += 1;
                    if run == 5 {
                        result += 3;
                    } else if run > 5 {
                        result += 1;
                    }
                } else {
                    push(&mut history, run);
                    if !run_color {
                        result += count(&history) * 40;
                    }
                    run_color = color;
                    run = 1;
                }
            }
            if run_color {
                push(&mut history, run);
                run = 0;
            }
            run += size;
            push(&mut history, run);
            result += count(&history) * 40;
        }
    }
    for y in 0..size - 1 {
        for x in 0..size - 1 {
            let c = dark(x, y);
            if c == dark(x + 1, y) && c == dark(x, y + 1) && c == dark(x + 1, y + 1) {
                result += 3;
            }
        }
    }
    let dark_count: i32 = (0..size)
        .flat_map(|y| (0..size).map(move |x| (x, y)))
        .filter(|&(x, y)| dark(x, y))
        .count() as i32;
    let total = size * size;
    let k = ((dark_count * 20 - total * 10).abs() + total - 1) / total - 1;
    result + k * 10
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

/// Rows made of runs up to `longest` modules; every few rows repeat the one above, so that
/// columns get long runs too.
fn random_grid(size: usize, longest: u64, random: &mut Random) -> Grid {
    let mut grid = Grid::new(size);
    let mut previous = vec![false; size];
    for y in 0..size {
        let mut row = previous.clone();
        if y == 0 || random.next(3) != 0 {
            let mut dark = random.next(2) == 1;
            let mut x = 0;
            while x < size {
                let run = 1 + random.next(longest) as usize;
                for cell in row.iter_mut().skip(x).take(run) {
                    *cell = dark;
                }
                x += run;
                dark = !dark;
            }
        }
        for (x, &dark) in row.iter().enumerate() {
            grid.set(x, y, dark);
        }
        previous = row;
    }
    grid
}

#[test]
fn scores_equal_the_reference_on_random_grids() {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut scratch = PenaltyScratch::default();
    for &size in &[21usize, 25, 29, 45, 57, 61, 65, 101, 129, 177] {
        for longest in [2u64, 4, 8, 16, 40] {
            for _ in 0..8 {
                let grid = random_grid(size, longest, &mut random);
                assert_eq!(
                    penalty_score(&grid, &mut scratch),
                    reference_score(&grid),
                    "size {} with runs up to {}",
                    size,
                    longest
                );
            }
        }
    }
}

#[test]
fn scaled_finder_like_patterns_are_counted() {
    // 1:1:3:1:1 at n = 2 with light on both sides, in one row of an otherwise checkered grid.
    let size = 29;
    let mut grid = Grid::new(size);
    for y in 0..size {
        for x in 0..size {
            grid.set(x, y, (x + y) % 2 == 0);
        }
    }
    let row = 10;
    let pattern = "00000000110011111100110000000000";
    for (x, c) in pattern.chars().take(size).enumerate() {
        grid.set(x, row, c == '1');
    }
    assert_eq!(
        penalty_score(&grid, &mut PenaltyScratch::default()),
        reference_score(&grid)
    );
}
