//! QR symbol to PNG: raster the modules, compress the scanlines, wrap them in PNG chunks.

mod png;
mod raster;
#[cfg(test)]
mod tests;
mod zlib;

use crate::qr::Symbol;

use raster::{Layout, RowBuffers};
use zlib::ZlibEncoder;

/// Buffers reused by every encode on a thread, so steady-state encoding allocates only the PNG.
#[derive(Default)]
pub(crate) struct Scratch {
    rows: RowBuffers,
    zlib: ZlibEncoder,
}

/// The PNG of `symbol`, in a vector whose capacity equals its length.
pub(crate) fn render_png(symbol: &Symbol, scratch: &mut Scratch) -> Vec<u8> {
    let layout = Layout::for_symbol_size(symbol.size());
    scratch.zlib.begin(layout);
    raster::draw(symbol, layout, &mut scratch.rows, &mut scratch.zlib);
    png::write_png(layout.pixels() as u32, scratch.zlib.finish())
}
