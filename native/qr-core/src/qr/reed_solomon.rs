//! Reed-Solomon error correction over GF(2^8) with the QR polynomial x^8+x^4+x^3+x^2+1, and the
//! split of the data into blocks whose codewords are interleaved.

use super::tables::{ecc_codewords_per_block, error_correction_blocks, total_codewords};
use crate::EcLevel;

const FIELD_POLYNOMIAL: u16 = 0x11D;

/// Powers of the generator 2: `EXP[i] = 2^i`, doubled in length so products need no modulo.
const EXP: [u8; 512] = exp_table();
/// Discrete logarithms: `LOG[2^i] = i` (LOG[0] is unused).
const LOG: [u8; 256] = log_table();

const fn exp_table() -> [u8; 512] {
    let mut table = [0u8; 512];
    let mut value: u16 = 1;
    let mut i = 0;
    while i < 512 {
        table[i] = value as u8;
        value <<= 1;
        if value & 0x100 != 0 {
            value ^= FIELD_POLYNOMIAL;
        }
        i += 1;
    }
    table
}

const fn log_table() -> [u8; 256] {
    let exp = exp_table();
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 255 {
        table[exp[i] as usize] = i as u8;
        i += 1;
    }
    table
}

fn multiply(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        EXP[usize::from(LOG[usize::from(a)]) + usize::from(LOG[usize::from(b)])]
    }
}

/// Coefficients of (x - 2^0)(x - 2^1)...(x - 2^(degree-1)) from the highest power down, without
/// the leading 1.
fn generator(degree: usize) -> Vec<u8> {
    let mut poly = vec![0u8; degree];
    poly[degree - 1] = 1;
    let mut root: u8 = 1;
    for _ in 0..degree {
        for j in 0..degree {
            poly[j] = multiply(poly[j], root);
            if j + 1 < degree {
                poly[j] ^= poly[j + 1];
            }
        }
        root = multiply(root, 2);
    }
    poly
}

/// The remainder of data(x) * x^degree divided by the generator: the block's ECC codewords.
/// `generator_logs` are the logarithms of the generator's coefficients (none is zero).
fn remainder(data: &[u8], generator_logs: &[u8], ecc: &mut [u8]) {
    ecc.iter_mut().for_each(|e| *e = 0);
    for &byte in data {
        let factor = byte ^ ecc[0];
        ecc.copy_within(1.., 0);
        let last = ecc.len() - 1;
        ecc[last] = 0;
        if factor != 0 {
            let log_factor = usize::from(LOG[usize::from(factor)]);
            for (e, &g) in ecc.iter_mut().zip(generator_logs) {
                *e ^= EXP[usize::from(g) + log_factor];
            }
        }
    }
}

/// All codewords in placement order: data split into blocks (the short ones first), each block
/// followed by its ECC, then read column-wise across the blocks (the standard's interleaving).
pub(crate) fn add_ecc_and_interleave(data: &[u8], version: u8, ec: EcLevel) -> Vec<u8> {
    let blocks = error_correction_blocks(version, ec);
    let ecc_len = ecc_codewords_per_block(version, ec);
    let total = total_codewords(version);
    let short_blocks = blocks - total % blocks;
    let short_data_len = total / blocks - ecc_len;
    let generator_logs: Vec<u8> = generator(ecc_len)
        .iter()
        .map(|&coefficient| LOG[usize::from(coefficient)])
        .collect();

    let mut data_blocks = Vec::with_capacity(blocks);
    let mut ecc_blocks = vec![0u8; blocks * ecc_len];
    let mut start = 0;
    for (block, ecc) in ecc_blocks.chunks_mut(ecc_len).enumerate() {
        let len = short_data_len + usize::from(block >= short_blocks);
        let block_data = &data[start..start + len];
        remainder(block_data, &generator_logs, ecc);
        data_blocks.push(block_data);
        start += len;
    }
    debug_assert_eq!(start, data.len());

    let mut codewords = Vec::with_capacity(total);
    for i in 0..=short_data_len {
        for block in &data_blocks {
            // The short blocks have no codeword at the last data index.
            if let Some(&byte) = block.get(i) {
                codewords.push(byte);
            }
        }
    }
    for i in 0..ecc_len {
        for ecc in ecc_blocks.chunks(ecc_len) {
            codewords.push(ecc[i]);
        }
    }
    debug_assert_eq!(codewords.len(), total);
    codewords
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standards_worked_example() {
        // ISO/IEC 18004 Annex I: "01234567" at 1-M (numeric mode) has these 16 data codewords
        // and these 10 error-correction codewords.
        let data = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
            0xEC, 0x11,
        ];
        let codewords = add_ecc_and_interleave(&data, 1, EcLevel::Medium);
        assert_eq!(&codewords[..16], &data);
        assert_eq!(
            &codewords[16..],
            &[0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        );
    }

    #[test]
    fn generator_coefficients_are_never_zero() {
        // `remainder` works on their logarithms, which zero does not have.
        for degree in 7..=30 {
            assert!(
                generator(degree).iter().all(|&c| c != 0),
                "degree {}",
                degree
            );
        }
    }
}
