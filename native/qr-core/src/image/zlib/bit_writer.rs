//! Deflate's bit order: fields are packed starting at each byte's least significant bit.

pub(crate) struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    bits: u64,
    count: u32,
}

impl<'a> BitWriter<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> BitWriter<'a> {
        BitWriter {
            out,
            bits: 0,
            count: 0,
        }
    }

    /// Appends the low `count` bits of `value` (at most 32).
    pub fn write(&mut self, value: u32, count: u32) {
        debug_assert!(count <= 32 && u64::from(value) >> count == 0);
        self.bits |= u64::from(value) << self.count;
        self.count += count;
        if self.count >= 32 {
            // Four bytes at a time: fewer, larger appends.
            self.out
                .extend_from_slice(&(self.bits as u32).to_le_bytes());
            self.bits >>= 32;
            self.count -= 32;
        }
    }

    /// Flushes the last bits, padding the final byte with zeros.
    pub fn finish(self) {
        let bytes = (self.count + 7) / 8;
        self.out
            .extend_from_slice(&self.bits.to_le_bytes()[..bytes as usize]);
    }
}
