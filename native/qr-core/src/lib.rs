//! OrleansQr's encoder: a text becomes a QR code drawn as a small 1-bit greyscale PNG.
//!
//! Every Rust tier (CLI, wasm exports, C ABI, HTTP server) is a thin adapter over
//! [`encode_png`] / [`encode_png_bytes`], so the tiers cannot drift apart.
//!
//! Output: byte mode of the UTF-8 text, behind ECI 26 only when the text is not ASCII; exactly
//! the requested error-correction level; the smallest version that fits; the mask of lowest
//! penalty; a 4-module quiet zone; whole pixels per module, the smallest scale whose image is at
//! least 200 px wide. The symbol encoder ([`qr`]) and the zlib encoder are written for this one
//! job, which makes an encode some ten times faster than general-purpose libraries would; the
//! tests hold them to qrcodegen and miniz_oxide.

pub mod corpus;
mod ec_level;
mod error;
mod image;
mod qr;
pub mod status;

use std::cell::RefCell;

pub use ec_level::EcLevel;
pub use error::QrError;

/// Everything an encode reuses: buffers, cached skeletons, code tables. One per thread.
#[derive(Default)]
struct Scratch {
    symbols: qr::Encoder,
    images: image::Scratch,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Encodes `text` as a QR code PNG at error-correction level `ec`.
///
/// Fails with [`QrError::Empty`] for an empty text and [`QrError::TooLong`] when the text's
/// UTF-8 bytes do not fit a version-40 symbol at `ec` (2953 bytes of ASCII at level L).
pub fn encode_png(text: &str, ec: EcLevel) -> Result<Vec<u8>, QrError> {
    SCRATCH.with(|scratch| {
        let scratch = &mut *scratch.borrow_mut();
        let symbol = scratch.symbols.encode(text.as_bytes(), ec)?;
        Ok(image::render_png(symbol, &mut scratch.images))
    })
}

/// Like [`encode_png`] for text that arrives as bytes (stdin, the C ABI, wasm memory); fails with
/// [`QrError::InvalidUtf8`] when they are not UTF-8.
pub fn encode_png_bytes(utf8: &[u8], ec: EcLevel) -> Result<Vec<u8>, QrError> {
    let text = std::str::from_utf8(utf8).map_err(|_| QrError::InvalidUtf8)?;
    encode_png(text, ec)
}
