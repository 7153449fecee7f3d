//! The data codewords: segment headers, the text's bytes, terminator and padding.

use super::tables::{byte_count_bits, data_codewords, MAX_VERSION, MIN_VERSION};
use crate::{EcLevel, QrError};

const MODE_BITS: usize = 4;
const MODE_BYTE: u32 = 0b0100;
const MODE_ECI: u32 = 0b0111;
/// ECI assignment number 26 declares the byte-mode data to be UTF-8.
const ECI_UTF8: u32 = 26;
/// Assignment numbers below 128 take one 8-bit designator.
const ECI_DESIGNATOR_BITS: usize = 8;
const PAD_BYTES: [u8; 2] = [0xEC, 0x11];

/// The smallest version that holds `text` at exactly `ec`, and its data codewords.
///
/// The text is one byte-mode segment of its UTF-8 bytes, behind an ECI 26 designator only when
/// it is not ASCII: byte mode is read as Latin-1 or UTF-8 by readers anyway, and some scanners
/// print the ECI escape literally. The level is never boosted where the version has room for a
/// higher one: the symbol is then a function of (text, level) alone.
pub(crate) fn encode(text: &[u8], ec: EcLevel) -> Result<(u8, Vec<u8>), QrError> {
    if text.is_empty() {
        return Err(QrError::Empty);
    }
    let eci = !text.is_ascii();
    let too_long = QrError::TooLong { bytes: text.len() };
    let version = (MIN_VERSION..=MAX_VERSION)
        .find(|&version| {
            bits_needed(text.len(), eci, version)
                .map_or(false, |bits| bits <= data_codewords(version, ec) * 8)
        })
        .ok_or(too_long)?;

    let capacity = data_codewords(version, ec);
    let mut bits = BitWriter::with_capacity(capacity);
    if eci {
        bits.push(MODE_ECI, MODE_BITS);
        bits.push(ECI_UTF8, ECI_DESIGNATOR_BITS);
    }
    bits.push(MODE_BYTE, MODE_BITS);
    bits.push(text.len() as u32, byte_count_bits(version));
    for &byte in text {
        bits.push(u32::from(byte), 8);
    }
    // Terminator of up to four zero bits, then zeros to the byte boundary, then pad bytes.
    let terminator = (capacity * 8 - bits.len()).min(4);
    bits.push(0, terminator);
    bits.push(0, (8 - bits.len() % 8) % 8);
    let mut codewords = bits.into_bytes();
    let pad_count = capacity - codewords.len();
    codewords.extend(PAD_BYTES.iter().cycle().take(pad_count));
    Ok((version, codewords))
}

/// Bits the segments take at `version`, or None when the length overflows the count field.
fn bits_needed(len: usize, eci: bool, version: u8) -> Option<usize> {
    let count_bits = byte_count_bits(version);
    if len >= 1 << count_bits {
        return None;
    }
    let eci_bits = if eci {
        MODE_BITS + ECI_DESIGNATOR_BITS
    } else {
        0
    };
    Some(eci_bits + MODE_BITS + count_bits + len * 8)
}

/// Appends bit fields most significant bit first.
struct BitWriter {
    bytes: Vec<u8>,
    /// Bits not yet forming a whole byte, in the low `pending` bits.
    bits: u64,
    pending: usize,
    len: usize,
}

impl BitWriter {
    fn with_capacity(bytes: usize) -> BitWriter {
        BitWriter {
            bytes: Vec::with_capacity(bytes),
            bits: 0,
            pending: 0,
            len: 0,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// Appends the low `count` bits of `value` (at most 32).
    fn push(&mut self, value: u32, count: usize) {
        debug_assert!(count <= 32);
        self.bits = self.bits << count | u64::from(value) & ((1u64 << count) - 1);
        self.pending += count;
        self.len += count;
        while self.pending >= 8 {
            self.pending -= 8;
            self.bytes.push((self.bits >> self.pending) as u8);
        }
    }

    /// The bytes written, the last one padded with zero bits.
    fn into_bytes(mut self) -> Vec<u8> {
        if self.pending > 0 {
            self.bytes.push((self.bits << (8 - self.pending)) as u8);
        }
        self.bytes
    }
}
