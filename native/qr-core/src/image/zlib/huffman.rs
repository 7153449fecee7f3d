//! Length-limited Huffman codes in deflate's canonical form.

/// Deflate's longest code.
pub(crate) const MAX_BITS: usize = 15;

/// Builds code lengths; its buffers are kept between calls (a block builds three codes, and
/// the alphabets are mostly unused, so the work is in the few used symbols).
#[derive(Default)]
pub(crate) struct HuffmanBuilder {
    /// (frequency, symbol) of the used symbols, rarest first.
    used: Vec<(u32, u16)>,
    weight: Vec<u32>,
    parent: Vec<u16>,
    depth: Vec<u8>,
}

impl HuffmanBuilder {
    /// Code lengths for `frequencies` with no code longer than `max_bits`; unused symbols get 0.
    ///
    /// Plain Huffman construction; when a code comes out too long, the frequencies are halved
    /// (never below 1) and the tree rebuilt, which flattens it until it fits. A lone used symbol
    /// gets length 1, as deflate requires.
    pub fn code_lengths(&mut self, frequencies: &[u32], max_bits: u8, lengths: &mut [u8]) {
        debug_assert_eq!(frequencies.len(), lengths.len());
        lengths.iter_mut().for_each(|l| *l = 0);
        self.used.clear();
        self.used.extend(
            frequencies
                .iter()
                .enumerate()
                .filter(|&(_, &f)| f > 0)
                .map(|(symbol, &f)| (f, symbol as u16)),
        );
        match self.used.len() {
            0 => return,
            1 => {
                lengths[usize::from(self.used[0].1)] = 1;
                return;
            }
            _ => {}
        }
        self.used.sort_unstable();
        for shift in 0.. {
            self.build_tree(shift);
            if self.depth[..self.used.len()].iter().all(|&d| d <= max_bits) {
                break;
            }
        }
        for (&(_, symbol), &depth) in self.used.iter().zip(&self.depth) {
            lengths[usize::from(symbol)] = depth;
        }
    }

    /// Leaf depths (into `depth[..leaves]`) of a Huffman tree over the used symbols' frequencies
    /// shifted right by `shift` (at least 1), built with the two-queue method: leaves in order,
    /// merged nodes in the order they are made, always merging the two lightest.
    fn build_tree(&mut self, shift: u32) {
        let leaves = self.used.len();
        let nodes = 2 * leaves - 1;
        self.weight.clear();
        self.weight.extend(
            self.used
                .iter()
                .map(|&(frequency, _)| (frequency >> shift).max(1)),
        );
        self.parent.clear();
        self.parent.resize(nodes, 0);
        let weight = &mut self.weight;
        let (mut next_leaf, mut next_merged) = (0, leaves);
        for merged in leaves..nodes {
            let mut lightest = || {
                let leaf_first = next_merged == merged
                    || (next_leaf < leaves && weight[next_leaf] <= weight[next_merged]);
                if leaf_first {
                    next_leaf += 1;
                    next_leaf - 1
                } else {
                    next_merged += 1;
                    next_merged - 1
                }
            };
            let (a, b) = (lightest(), lightest());
            weight.push(weight[a] + weight[b]);
            self.parent[a] = merged as u16;
            self.parent[b] = merged as u16;
        }
        // Parents come after their children, so one backward pass sets every depth (saturating:
        // a degenerate tree deeper than 255 must still read as too deep).
        self.depth.clear();
        self.depth.resize(nodes, 0);
        for node in (0..nodes - 1).rev() {
            self.depth[node] = self.depth[usize::from(self.parent[node])].saturating_add(1);
        }
    }
}

/// Canonical codes for `lengths` (RFC 1951 section 3.2.2), bit-reversed so that they can be
/// written least significant bit first.
pub(crate) fn canonical_codes(lengths: &[u8], codes: &mut [u16]) {
    let mut length_count = [0u16; MAX_BITS + 1];
    for &length in lengths {
        length_count[usize::from(length)] += 1;
    }
    length_count[0] = 0;
    let mut next_code = [0u16; MAX_BITS + 1];
    let mut code = 0u16;
    for bits in 1..=MAX_BITS {
        code = (code + length_count[bits - 1]) << 1;
        next_code[bits] = code;
    }
    for (symbol, &length) in lengths.iter().enumerate() {
        if length > 0 {
            let code = next_code[usize::from(length)];
            next_code[usize::from(length)] += 1;
            codes[symbol] = code.reverse_bits() >> (16 - length);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kraft sum of the lengths, scaled by 2^15: exactly 2^15 for a complete code.
    fn kraft(lengths: &[u8]) -> u32 {
        lengths
            .iter()
            .filter(|&&l| l > 0)
            .map(|&l| 1u32 << (15 - l))
            .sum()
    }

    #[test]
    fn codes_are_complete_and_within_the_limit() {
        let mut builder = HuffmanBuilder::default();
        // Fibonacci frequencies make the deepest possible tree, forcing the limit.
        let mut frequencies = vec![0u32; 40];
        let (mut a, mut b) = (1u32, 1u32);
        for f in frequencies.iter_mut().take(30) {
            *f = a;
            let next = a + b;
            a = b;
            b = next;
        }
        for max_bits in [7u8, 15] {
            let mut lengths = vec![0u8; 40];
            builder.code_lengths(&frequencies, max_bits, &mut lengths);
            assert!(lengths.iter().all(|&l| l <= max_bits));
            assert!(lengths[..30].iter().all(|&l| l > 0) && lengths[30..].iter().all(|&l| l == 0));
            assert_eq!(kraft(&lengths), 1 << 15);
        }
    }

    #[test]
    fn canonical_codes_follow_rfc_1951_example() {
        // RFC 1951 section 3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) give codes
        // 010, 011, 100, 101, 110, 00, 1110, 1111 (here bit-reversed).
        let lengths = [3u8, 3, 3, 3, 3, 2, 4, 4];
        let mut codes = [0u16; 8];
        canonical_codes(&lengths, &mut codes);
        let expected = [0b010u16, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111];
        for ((&code, &want), &length) in codes.iter().zip(&expected).zip(&lengths) {
            assert_eq!(code, want.reverse_bits() >> (16 - length));
        }
    }
}
