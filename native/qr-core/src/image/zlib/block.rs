//! One final deflate block for a parse: dynamic Huffman codes, or the fixed ones when they come
//! out smaller (RFC 1951 section 3.2.5 onwards).

use super::bit_writer::BitWriter;
use super::huffman::{canonical_codes, HuffmanBuilder};
use super::tokens::Token;

const END_OF_BLOCK: usize = 256;
/// Literal/length symbols in use (286, 287 exist only in the fixed code).
const LITERAL_LENGTH_SYMBOLS: usize = 286;
const FIXED_LITERAL_LENGTH_SYMBOLS: usize = 288;
const DISTANCE_SYMBOLS: usize = 30;
const FIXED_DISTANCE_SYMBOLS: usize = 32;
/// Symbols 0-15 are code lengths; 16 repeats the previous length, 17 and 18 repeat zeros.
const CODE_LENGTH_SYMBOLS: usize = 19;
const REPEAT_PREVIOUS: u8 = 16;
const REPEAT_ZERO_SHORT: u8 = 17;
const REPEAT_ZERO_LONG: u8 = 18;
/// The order in which the code-length code's own lengths are sent.
const CODE_LENGTH_ORDER: [usize; CODE_LENGTH_SYMBOLS] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];
const MAX_CODE_BITS: u8 = 15;
const MAX_CODE_LENGTH_BITS: u8 = 7;

const BLOCK_FIXED: u32 = 1;
const BLOCK_DYNAMIC: u32 = 2;

#[rustfmt::skip]
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
#[rustfmt::skip]
const LENGTH_EXTRA_BITS: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
#[rustfmt::skip]
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
#[rustfmt::skip]
const DISTANCE_EXTRA_BITS: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

/// A symbol with the extra bits that follow it.
#[derive(Clone, Copy)]
struct Coded {
    symbol: usize,
    extra_bits: u32,
    extra: u32,
}

/// For each match length 0-258, its index in LENGTH_BASE (entries below 3 unused).
const LENGTH_INDEX: [u8; 259] = base_index_table(&LENGTH_BASE, 0);
/// For distances 1-256, the index in DISTANCE_BASE of distance - 1; beyond, of
/// 256 + ((distance - 1) >> 7), as zlib does (those bases are all 1 + a multiple of 128).
const DISTANCE_INDEX: [u8; 512] = distance_index_table();

const fn base_index_table<const N: usize>(bases: &[u16], offset: usize) -> [u8; N] {
    let mut table = [0u8; N];
    let mut value = 0;
    while value < N {
        let mut index = 0;
        while index + 1 < bases.len() && bases[index + 1] as usize <= value + offset {
            index += 1;
        }
        table[value] = index as u8;
        value += 1;
    }
    table
}

const fn distance_index_table() -> [u8; 512] {
    let near: [u8; 256] = base_index_table(&DISTANCE_BASE, 1);
    let mut table = [0u8; 512];
    let mut i = 0;
    while i < 256 {
        table[i] = near[i];
        // Entry 256 + j covers distances 1 + 128j to 128(j + 1).
        let far_distance = 1 + (i << 7);
        let mut index = 0;
        while index + 1 < DISTANCE_BASE.len() && DISTANCE_BASE[index + 1] as usize <= far_distance {
            index += 1;
        }
        table[256 + i] = index as u8;
        i += 1;
    }
    table
}

fn length_code(length: u16) -> Coded {
    let index = usize::from(LENGTH_INDEX[usize::from(length)]);
    Coded {
        symbol: 257 + index,
        extra_bits: u32::from(LENGTH_EXTRA_BITS[index]),
        extra: u32::from(length - LENGTH_BASE[index]),
    }
}

fn distance_code(distance: u16) -> Coded {
    let zero_based = usize::from(distance - 1);
    let index = usize::from(if zero_based < 256 {
        DISTANCE_INDEX[zero_based]
    } else {
        DISTANCE_INDEX[256 + (zero_based >> 7)]
    });
    Coded {
        symbol: index,
        extra_bits: u32::from(DISTANCE_EXTRA_BITS[index]),
        extra: u32::from(distance - DISTANCE_BASE[index]),
    }
}

/// A prefix code over N symbols: a length and a bit-reversed code per symbol.
#[derive(Clone)]
pub(crate) struct Code<const N: usize> {
    lengths: [u8; N],
    codes: [u16; N],
}

impl<const N: usize> Code<N> {
    fn from_lengths(lengths: [u8; N]) -> Code<N> {
        let mut codes = [0; N];
        canonical_codes(&lengths, &mut codes);
        Code { lengths, codes }
    }

    fn optimal(frequencies: &[u32; N], max_bits: u8, builder: &mut HuffmanBuilder) -> Code<N> {
        let mut lengths = [0; N];
        builder.code_lengths(frequencies, max_bits, &mut lengths);
        Code::from_lengths(lengths)
    }

    fn write(&self, out: &mut BitWriter, symbol: usize) {
        out.write(
            u32::from(self.codes[symbol]),
            u32::from(self.lengths[symbol]),
        );
    }

    /// Bits to send symbols with these frequencies.
    fn cost(&self, frequencies: &[u32]) -> u64 {
        frequencies
            .iter()
            .zip(&self.lengths)
            .map(|(&f, &l)| u64::from(f) * u64::from(l))
            .sum()
    }
}

/// The fixed codes of RFC 1951 section 3.2.6.
#[derive(Clone)]
struct FixedCodes {
    literal_length: Code<FIXED_LITERAL_LENGTH_SYMBOLS>,
    distance: Code<FIXED_DISTANCE_SYMBOLS>,
}

impl Default for FixedCodes {
    fn default() -> FixedCodes {
        let mut literal_length = [8u8; FIXED_LITERAL_LENGTH_SYMBOLS];
        literal_length[144..256].iter_mut().for_each(|l| *l = 9);
        literal_length[256..280].iter_mut().for_each(|l| *l = 7);
        FixedCodes {
            literal_length: Code::from_lengths(literal_length),
            distance: Code::from_lengths([5; FIXED_DISTANCE_SYMBOLS]),
        }
    }
}

/// Writes blocks; keeps the fixed codes and its work buffers between blocks.
#[derive(Default)]
pub(crate) struct BlockWriter {
    fixed: FixedCodes,
    huffman: HuffmanBuilder,
}

impl BlockWriter {
    /// Writes `tokens` as the final block, with whichever codes make it smaller.
    pub fn write_final_block(&mut self, tokens: &[Token], out: &mut BitWriter) {
        write_final_block(tokens, &self.fixed, &mut self.huffman, out);
    }
}

fn write_final_block(
    tokens: &[Token],
    fixed: &FixedCodes,
    huffman: &mut HuffmanBuilder,
    out: &mut BitWriter,
) {
    let mut literal_length_frequencies = [0u32; LITERAL_LENGTH_SYMBOLS];
    let mut distance_frequencies = [0u32; DISTANCE_SYMBOLS];
    for token in tokens {
        match *token {
            Token::Literal(byte) => literal_length_frequencies[usize::from(byte)] += 1,
            Token::Match { length, distance } => {
                literal_length_frequencies[length_code(length).symbol] += 1;
                distance_frequencies[distance_code(distance).symbol] += 1;
            }
        }
    }
    literal_length_frequencies[END_OF_BLOCK] = 1;

    let literal_length = Code::optimal(&literal_length_frequencies, MAX_CODE_BITS, huffman);
    let mut distance = Code::optimal(&distance_frequencies, MAX_CODE_BITS, huffman);
    if distance_frequencies.iter().all(|&f| f == 0) {
        // No matches: deflate still wants one distance code.
        distance.lengths[0] = 1;
    }
    let header = DynamicHeader::new(&literal_length.lengths, &distance.lengths, huffman);
    // Extra bits are the same for both kinds of block, so they are left out of the comparison.
    let dynamic_bits = header.cost()
        + literal_length.cost(&literal_length_frequencies)
        + distance.cost(&distance_frequencies);
    let fixed_bits = fixed.literal_length.cost(&literal_length_frequencies)
        + fixed.distance.cost(&distance_frequencies);

    out.write(1, 1); // BFINAL: this is the last block
    if dynamic_bits < fixed_bits {
        out.write(BLOCK_DYNAMIC, 2);
        header.write(out);
        write_tokens(tokens, &literal_length, &distance, out);
    } else {
        out.write(BLOCK_FIXED, 2);
        write_tokens(tokens, &fixed.literal_length, &fixed.distance, out);
    }
}

fn write_tokens<const L: usize, const D: usize>(
    tokens: &[Token],
    literal_length: &Code<L>,
    distance: &Code<D>,
    out: &mut BitWriter,
) {
    for token in tokens {
        match *token {
            Token::Literal(byte) => literal_length.write(out, usize::from(byte)),
            Token::Match {
                length,
                distance: back,
            } => {
                let length = length_code(length);
                literal_length.write(out, length.symbol);
                out.write(length.extra, length.extra_bits);
                let back = distance_code(back);
                distance.write(out, back.symbol);
                out.write(back.extra, back.extra_bits);
            }
        }
    }
    literal_length.write(out, END_OF_BLOCK);
}

/// The description of a dynamic block's codes: both sets of code lengths as one sequence,
/// run-length coded, and the Huffman code of those run-length symbols.
struct DynamicHeader {
    literal_length_count: usize,
    distance_count: usize,
    /// (code-length symbol, value of its extra bits)
    runs: Vec<(u8, u8)>,
    code_length_code: Code<CODE_LENGTH_SYMBOLS>,
    code_length_count: usize,
}

impl DynamicHeader {
    fn new(literal_length: &[u8], distance: &[u8], huffman: &mut HuffmanBuilder) -> DynamicHeader {
        let literal_length_count = used_prefix(literal_length, 257);
        let distance_count = used_prefix(distance, 1);
        // Runs may cross from the literal/length lengths into the distance ones.
        let all = literal_length[..literal_length_count]
            .iter()
            .chain(&distance[..distance_count]);
        let runs = run_length_encode(all.copied());
        let mut frequencies = [0u32; CODE_LENGTH_SYMBOLS];
        for &(symbol, _) in &runs {
            frequencies[usize::from(symbol)] += 1;
        }
        if frequencies.iter().filter(|&&f| f > 0).count() == 1 {
            // A lone symbol would get an incomplete one-bit code, which zlib refuses for this
            // code (unlike the other two); a second, unused symbol completes it.
            let unused = frequencies
                .iter()
                .position(|&f| f == 0)
                .expect("19 symbols");
            frequencies[unused] = 1;
        }
        let code_length_code = Code::optimal(&frequencies, MAX_CODE_LENGTH_BITS, huffman);
        let code_length_count = CODE_LENGTH_ORDER
            .iter()
            .rposition(|&symbol| code_length_code.lengths[symbol] > 0)
            .map_or(0, |last| last + 1)
            .max(4);
        DynamicHeader {
            literal_length_count,
            distance_count,
            runs,
            code_length_code,
            code_length_count,
        }
    }

    fn cost(&self) -> u64 {
        let counts = 5 + 5 + 4;
        let code_length_lengths = 3 * self.code_length_count as u64;
        let runs: u64 = self
            .runs
            .iter()
            .map(|&(symbol, _)| {
                u64::from(self.code_length_code.lengths[usize::from(symbol)])
                    + u64::from(repeat_extra_bits(symbol))
            })
            .sum();
        counts + code_length_lengths + runs
    }

    fn write(&self, out: &mut BitWriter) {
        out.write((self.literal_length_count - 257) as u32, 5);
        out.write((self.distance_count - 1) as u32, 5);
        out.write((self.code_length_count - 4) as u32, 4);
        for &symbol in &CODE_LENGTH_ORDER[..self.code_length_count] {
            out.write(u32::from(self.code_length_code.lengths[symbol]), 3);
        }
        for &(symbol, extra) in &self.runs {
            self.code_length_code.write(out, usize::from(symbol));
            out.write(u32::from(extra), repeat_extra_bits(symbol));
        }
    }
}

/// How many leading lengths must be sent: up to the last non-zero one, at least `minimum`.
fn used_prefix(lengths: &[u8], minimum: usize) -> usize {
    lengths
        .iter()
        .rposition(|&l| l > 0)
        .map_or(0, |last| last + 1)
        .max(minimum)
}

fn repeat_extra_bits(symbol: u8) -> u32 {
    match symbol {
        REPEAT_PREVIOUS => 2,
        REPEAT_ZERO_SHORT => 3,
        REPEAT_ZERO_LONG => 7,
        _ => 0,
    }
}

/// Code lengths as code-length symbols: 16 repeats the previous length 3-6 times, 17 repeats
/// zero 3-10 times, 18 repeats zero 11-138 times.
fn run_length_encode(lengths: impl Iterator<Item = u8>) -> Vec<(u8, u8)> {
    let mut runs = Vec::with_capacity(64);
    let mut lengths = lengths.peekable();
    while let Some(length) = lengths.next() {
        let mut left = 1;
        while lengths.next_if_eq(&length).is_some() {
            left += 1;
        }
        if length == 0 {
            while left >= 11 {
                let n = left.min(138);
                runs.push((REPEAT_ZERO_LONG, (n - 11) as u8));
                left -= n;
            }
            if left >= 3 {
                runs.push((REPEAT_ZERO_SHORT, (left - 3) as u8));
                left = 0;
            }
        } else {
            runs.push((length, 0));
            left -= 1;
            while left >= 3 {
                let n = left.min(6);
                runs.push((REPEAT_PREVIOUS, (n - 3) as u8));
                left -= n;
            }
        }
        runs.extend(std::iter::repeat((length, 0)).take(left));
    }
    runs
}
