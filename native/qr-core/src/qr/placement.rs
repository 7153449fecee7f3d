//! Placing the codewords in the symbol: two-module-wide columns from the right, zig-zagging up
//! and down, skipping function modules and the vertical timing pattern.

use super::grid::Grid;

/// The data modules of a symbol in the order codeword bits fill them (computed once per
/// version: the walk depends only on the function patterns).
pub(crate) fn data_module_order(function: &Grid) -> Vec<(u8, u8)> {
    let size = function.size();
    let mut order = Vec::with_capacity(size * size);
    let mut right = size - 1; // right column of the current pair
    loop {
        if right == 6 {
            right = 5; // the vertical timing pattern takes column 6
        }
        let upward = (right + 1) & 2 == 0;
        for step in 0..size {
            let y = if upward { size - 1 - step } else { step };
            for x in [right, right - 1] {
                if !function.get(x, y) {
                    order.push((x as u8, y as u8));
                }
            }
        }
        if right < 2 {
            break;
        }
        right -= 2;
    }
    order
}

/// Draws the bits of `codewords` (most significant first) into the data modules, in `order`.
/// Modules past the last codeword (the remainder bits) stay light, as the standard asks.
pub(crate) fn place(codewords: &[u8], order: &[(u8, u8)], modules: &mut Grid) {
    debug_assert!(codewords.len() * 8 <= order.len());
    for (&(x, y), bit) in order.iter().zip(0..codewords.len() * 8) {
        if (codewords[bit / 8] >> (7 - bit % 8)) & 1 == 1 {
            modules.set(usize::from(x), usize::from(y), true);
        }
    }
}
