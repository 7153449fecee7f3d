//! A zlib encoder for QR code scanlines.
//!
//! It is a [`ScanlineSink`]: told "this row" or "n repeated rows", it finds the LZ77 parse
//! without searching (see [`tokens`]) and the checksum without reading the repeats (see
//! [`adler32`]); the repeated rows are never written out. One dynamic Huffman block codes the
//! parse. On the study's texts the stream comes out as small as zlib's at level 9 on the same
//! scanlines (322.8 against 322.4 bytes on average), in a few microseconds.

mod adler32;
mod bit_writer;
mod block;
mod huffman;
mod tokens;

use super::raster::{Layout, ScanlineSink, FILTER_UP};
use adler32::{Adler32, RowSums};
use bit_writer::BitWriter;
use tokens::RowParser;

/// zlib header: deflate with a 32 KiB window, "maximum compression" flag, check bits.
const ZLIB_HEADER: [u8; 2] = [0x78, 0xDA];

/// Encoder state, reused between images.
#[derive(Default)]
pub(crate) struct ZlibEncoder {
    parse: RowParser,
    adler: Adler32,
    /// One repeated scanline at the current stride, and its checksum contribution.
    repeated_row: Vec<u8>,
    repeated_row_sums: RowSums,
    blocks: block::BlockWriter,
    output: Vec<u8>,
}

impl ZlibEncoder {
    /// Starts an image drawn at `layout`.
    pub fn begin(&mut self, layout: Layout) {
        let stride = layout.stride();
        self.parse.begin(stride, layout.pixels_per_module);
        self.adler = Adler32::default();
        self.repeated_row.clear();
        self.repeated_row.resize(stride, 0);
        self.repeated_row[0] = FILTER_UP;
        self.repeated_row_sums = RowSums::of(&self.repeated_row);
    }

    /// The zlib stream of the scanlines received since [`ZlibEncoder::begin`], borrowed until
    /// the next image.
    pub fn finish(&mut self) -> &[u8] {
        self.parse.finish();
        self.output.clear();
        self.output.extend_from_slice(&ZLIB_HEADER);
        let mut bits = BitWriter::new(&mut self.output);
        self.blocks.write_final_block(&self.parse.tokens, &mut bits);
        bits.finish();
        self.output
            .extend_from_slice(&self.adler.checksum().to_be_bytes());
        &self.output
    }
}

impl ScanlineSink for ZlibEncoder {
    fn unfiltered(&mut self, scanline: &[u8]) {
        self.parse.unfiltered(scanline);
        self.adler.update(scanline);
    }

    fn repeated(&mut self, count: usize) {
        self.parse.repeated(count);
        self.adler.update_repeated(&self.repeated_row_sums, count);
    }
}
