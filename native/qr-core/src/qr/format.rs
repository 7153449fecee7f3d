//! Format information: the level and mask number with their BCH code, drawn twice.

use super::grid::Grid;
use crate::EcLevel;

/// The 15 format bits, least significant first, for `ec` and `mask`.
fn format_bits(ec: EcLevel, mask: u8) -> u32 {
    let level_bits: u32 = match ec {
        EcLevel::Low => 1,
        EcLevel::Medium => 0,
        EcLevel::Quartile => 3,
        EcLevel::High => 2,
    };
    let data = level_bits << 3 | u32::from(mask);
    let mut remainder = data;
    for _ in 0..10 {
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
    }
    (data << 10 | remainder) ^ 0x5412
}

/// The modules of both copies, in bit order (bit i of the format word goes to entry i and to
/// entry 15 + i).
pub(crate) fn positions(size: usize) -> [(usize, usize); 30] {
    let mut at = [(0, 0); 30];
    for (i, position) in at.iter_mut().enumerate() {
        *position = if i < 15 {
            first_copy(i)
        } else {
            second_copy(size, i - 15)
        };
    }
    at
}

/// Around the top-left finder: down column 8, then left along row 8, skipping the timing
/// patterns at 6.
fn first_copy(bit: usize) -> (usize, usize) {
    match bit {
        0..=5 => (8, bit),
        6 => (8, 7),
        7 => (8, 8),
        8 => (7, 8),
        _ => (14 - bit, 8),
    }
}

/// Split between the top-right finder (row 8) and the bottom-left one (column 8).
fn second_copy(size: usize, bit: usize) -> (usize, usize) {
    if bit < 8 {
        (size - 1 - bit, 8)
    } else {
        (8, size - 15 + bit)
    }
}

/// Draws the format information for `ec` and `mask` over the reserved area of `modules`.
pub(crate) fn draw(modules: &mut Grid, ec: EcLevel, mask: u8) {
    let bits = format_bits(ec, mask);
    for (i, &(x, y)) in positions(modules.size()).iter().enumerate() {
        modules.set(x, y, (bits >> (i % 15)) & 1 == 1);
    }
}
