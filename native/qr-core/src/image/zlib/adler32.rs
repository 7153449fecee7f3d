//! Adler-32, the zlib stream's checksum, with a shortcut for repeated rows.
//!
//! Most of a QR image's scanlines repeat the one before; the checksum of k copies of a row has a
//! closed form, so the repeats cost O(1) instead of one step per byte.

const MODULUS: u64 = 65521;
/// Bytes that can be summed before `b` could overflow 32 bits (zlib's NMAX); u64 is far safer.
const CHUNK: usize = 5552;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Adler32 {
    a: u64,
    b: u64,
}

/// What one copy of a row adds: its length m, S = sum c_j and W = sum (m - j) c_j, mod 65521.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowSums {
    len: u64,
    sum: u64,
    weighted: u64,
}

impl RowSums {
    pub fn of(row: &[u8]) -> RowSums {
        let (mut sum, mut weighted) = (0u64, 0u64);
        for (j, &byte) in row.iter().enumerate() {
            sum += u64::from(byte);
            weighted += (row.len() - j) as u64 * u64::from(byte);
        }
        RowSums {
            len: row.len() as u64 % MODULUS,
            sum: sum % MODULUS,
            weighted: weighted % MODULUS,
        }
    }
}

impl Default for Adler32 {
    fn default() -> Adler32 {
        Adler32 { a: 1, b: 0 }
    }
}

impl Adler32 {
    pub fn update(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(CHUNK) {
            let (mut a, mut b) = (self.a, self.b);
            for &byte in chunk {
                a += u64::from(byte);
                b += a;
            }
            self.a = a % MODULUS;
            self.b = b % MODULUS;
        }
    }

    /// Adds `times` copies of the row `row` describes.
    ///
    /// One copy turns (a, b) into (a + S, b + m*a + W); k copies give a + kS and
    /// b + k*m*a + (k(k-1)/2)*m*S + k*W.
    pub fn update_repeated(&mut self, row: &RowSums, times: usize) {
        let k = times as u64 % MODULUS;
        let pairs = (times as u64 * (times as u64).saturating_sub(1) / 2) % MODULUS;
        let a = self.a;
        self.a = (a + k * row.sum) % MODULUS;
        self.b = (self.b
            + k * row.len % MODULUS * a
            + pairs * row.len % MODULUS * row.sum
            + k * row.weighted)
            % MODULUS;
    }

    pub fn checksum(&self) -> u32 {
        (self.b << 16 | self.a) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(bytes: &[u8]) -> u32 {
        adler::adler32_slice(bytes)
    }

    #[test]
    fn matches_the_adler_crate_on_plain_bytes() {
        let bytes: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let mut adler = Adler32::default();
        adler.update(&bytes);
        assert_eq!(adler.checksum(), reference(&bytes));
    }

    #[test]
    fn repeated_rows_match_the_bytes_written_out() {
        let first = [0u8, 0xFF, 0x3C, 0x00, 0x81];
        let row = [2u8, 0, 0, 0, 0, 7, 0xFF];
        for times in [0usize, 1, 2, 5, 300, 70_000] {
            let mut adler = Adler32::default();
            adler.update(&first);
            adler.update_repeated(&RowSums::of(&row), times);
            let mut bytes = first.to_vec();
            for _ in 0..times {
                bytes.extend_from_slice(&row);
            }
            assert_eq!(adler.checksum(), reference(&bytes), "{} copies", times);
        }
    }
}
