//! QR symbol to PNG scanlines, described rather than stored.
//!
//! Every module row is `ppm` identical pixel rows. Each module row is packed into bits once; its
//! first pixel row is stored as is (filter "None") and the repeats as filter "Up" with nothing
//! changed, i.e. all zeros. A module row equal to the one above it (the quiet zone, runs of a
//! finder pattern) is repeats throughout. The rows go to a [`ScanlineSink`], which is told "a
//! row" or "n repeats" and so never has to look for the repetition itself.

use crate::qr::Symbol;

/// Light modules around the symbol, as the standard asks.
pub(crate) const QUIET_ZONE_MODULES: usize = 4;
/// The image is the smallest whole-pixel scale at least this wide (the study's 200 x 200).
pub(crate) const MIN_IMAGE_PIXELS: usize = 200;

pub(crate) const FILTER_NONE: u8 = 0;
pub(crate) const FILTER_UP: u8 = 2;

/// Image geometry for one symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Modules across, quiet zone included.
    pub modules: usize,
    /// Pixels per module edge.
    pub pixels_per_module: usize,
}

impl Layout {
    pub fn for_symbol_size(symbol_size: usize) -> Layout {
        let modules = symbol_size + 2 * QUIET_ZONE_MODULES;
        Layout {
            modules,
            pixels_per_module: (MIN_IMAGE_PIXELS + modules - 1) / modules,
        }
    }

    /// Width and height in pixels (the image is square).
    pub fn pixels(&self) -> usize {
        self.modules * self.pixels_per_module
    }

    /// Bytes per scanline: the filter-type byte and the packed pixels.
    pub fn stride(&self) -> usize {
        1 + (self.pixels() + 7) / 8
    }
}

/// Receives the scanlines of an image, top to bottom.
pub(crate) trait ScanlineSink {
    /// A scanline stored as is: the filter-type byte 0 ("None") and the packed pixels.
    fn unfiltered(&mut self, scanline: &[u8]);
    /// `count` scanlines equal to the one above, stored as filter "Up" with zero differences:
    /// the byte 2 and a row of zeros, each.
    fn repeated(&mut self, count: usize);
}

/// Buffers kept between images.
#[derive(Default)]
pub(crate) struct RowBuffers {
    /// The current module row's scanline: filter-type byte and packed pixels.
    scanline: Vec<u8>,
    /// The previous module row's scanline.
    previous: Vec<u8>,
    /// Pixel expansion tables, by pixels per module (2 to 7 occur), built on first use.
    expansions: Vec<Option<Box<[u64; 256]>>>,
}

/// Sends the scanlines of `symbol` drawn at `layout` to `sink`.
pub(crate) fn draw(
    symbol: &Symbol,
    layout: Layout,
    buffers: &mut RowBuffers,
    sink: &mut impl ScanlineSink,
) {
    let ppm = layout.pixels_per_module;
    let RowBuffers {
        scanline,
        previous,
        expansions,
    } = buffers;
    if expansions.len() <= ppm {
        expansions.resize(ppm + 1, None);
    }
    let expansion = expansions[ppm].get_or_insert_with(|| Box::new(expansion_table(ppm)));
    scanline.clear();
    scanline.resize(layout.stride(), FILTER_NONE);
    // No real row is all zeros (the quiet zone is light, stored as one bits), so the first row
    // never passes for a repeat.
    previous.clear();
    previous.resize(layout.stride(), FILTER_NONE);

    for module_row in 0..layout.modules {
        pack_module_row(symbol, layout, module_row, expansion, &mut scanline[1..]);
        if scanline == previous {
            sink.repeated(ppm);
        } else {
            sink.unfiltered(scanline);
            sink.repeated(ppm - 1);
            std::mem::swap(scanline, previous);
        }
    }
}

/// Spreads 8 module flags (bit i: module i) to 8 runs of `ppm` pixels, module 0 in the most
/// significant run (PNG packs the leftmost pixel into the high bit).
fn expansion_table(ppm: usize) -> [u64; 256] {
    let mut table = [0u64; 256];
    let run: u64 = (1 << ppm) - 1;
    for (flags, spread) in table.iter_mut().enumerate() {
        for module in 0..8 {
            if flags & (1 << module) != 0 {
                *spread |= run << ((7 - module) * ppm);
            }
        }
    }
    table
}

/// Packs one module row into `row`, most significant bit first: dark = 0, light = 1 (a 1-bit
/// greyscale PNG's black and white). The unused bits of the last byte are light.
///
/// Works eight modules at a time: their light flags index `expansion`, which gives their pixels.
fn pack_module_row(
    symbol: &Symbol,
    layout: Layout,
    module_row: usize,
    expansion: &[u64; 256],
    row: &mut [u8],
) {
    let ppm = layout.pixels_per_module;
    let light = light_modules(symbol, layout, module_row);
    let mut pixels: u64 = 0;
    let mut pending = 0; // low bits of `pixels` not yet written
    let mut written = 0;
    for first in (0..layout.modules).step_by(8) {
        let count = (layout.modules - first).min(8);
        let flags = (light[first / 64] >> (first % 64)) as u8;
        let bits = count * ppm;
        pixels = (pixels << bits) | expansion[usize::from(flags)] >> ((8 - count) * ppm);
        pending += bits;
        while pending >= 8 {
            pending -= 8;
            row[written] = (pixels >> pending) as u8;
            written += 1;
        }
    }
    if pending > 0 {
        let pad = 8 - pending;
        row[written] = ((pixels << pad) | ((1 << pad) - 1)) as u8;
    }
}

/// Module row `module_row` of the image (quiet zone included) as flags: bit i set where
/// module i is light.
fn light_modules(symbol: &Symbol, layout: Layout, module_row: usize) -> [u64; 4] {
    let mut light = [0u64; 4];
    for (w, word) in light.iter_mut().enumerate() {
        let start = w * 64;
        *word = if layout.modules >= start + 64 {
            !0
        } else if layout.modules > start {
            (1 << (layout.modules - start)) - 1
        } else {
            0
        };
    }
    // Rows of the quiet zone wrap around to huge indices, outside the symbol.
    let y = module_row.wrapping_sub(QUIET_ZONE_MODULES);
    if y < symbol.size() {
        // Clear the dark modules, moved right past the quiet zone.
        let dark = symbol.row(y);
        let mut carry = 0;
        for (w, word) in light.iter_mut().enumerate() {
            let dark_word = dark.get(w).copied().unwrap_or(0);
            *word &= !(dark_word << QUIET_ZONE_MODULES | carry);
            carry = dark_word >> (64 - QUIET_ZONE_MODULES);
        }
    }
    light
}
