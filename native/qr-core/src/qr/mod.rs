//! Text to QR symbol (QR Code Model 2, byte mode, versions 1 to 40).
//!
//! A small encoder written for speed: the modules live in bit lines (see [`grid`]) so that all
//! eight masks are scored with word-wide operations. Its output is checked module for module
//! against qrcodegen, which the tests use as the reference encoder.

mod data;
mod format;
mod function_patterns;
mod grid;
mod mask;
mod penalty;
mod placement;
mod reed_solomon;
mod tables;
#[cfg(test)]
mod tests;

use crate::{EcLevel, QrError};

use function_patterns::Skeleton;
use grid::Grid;
pub(crate) use grid::Line;
use mask::MaskScratch;

/// Versions whose skeletons are kept: a service sees a handful of text lengths at a time.
const CACHED_SKELETONS: usize = 4;

/// A finished symbol: light and dark modules, quiet zone not included.
#[derive(Default)]
pub(crate) struct Symbol {
    modules: Grid,
}

impl Symbol {
    /// Modules per side.
    pub fn size(&self) -> usize {
        self.modules.size()
    }

    #[cfg(test)]
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.modules.get(x, y)
    }

    /// Row `y`: bit x set where module (x, y) is dark.
    pub fn row(&self, y: usize) -> &Line {
        &self.modules.rows()[y]
    }
}

/// Encodes texts into symbols, keeping its buffers and recent versions' skeletons between
/// calls (one per thread).
#[derive(Default)]
pub(crate) struct Encoder {
    /// Most recently used last.
    skeletons: Vec<Skeleton>,
    unmasked: Grid,
    masks: MaskScratch,
    symbol: Symbol,
}

impl Encoder {
    /// Encodes `text` (UTF-8 bytes) in the smallest symbol that holds it at exactly `ec`, with
    /// the mask of lowest penalty. The symbol is borrowed until the next call.
    pub fn encode(&mut self, text: &[u8], ec: EcLevel) -> Result<&Symbol, QrError> {
        let (version, data) = data::encode(text, ec)?;
        let codewords = reed_solomon::add_ecc_and_interleave(&data, version, ec);
        let skeleton = self.skeleton(version);
        let skeleton = &self.skeletons[skeleton];
        self.unmasked.clone_from(&skeleton.modules);
        placement::place(&codewords, &skeleton.data_order, &mut self.unmasked);
        mask::apply_best_mask(
            skeleton,
            ec,
            &self.unmasked,
            &mut self.masks,
            &mut self.symbol.modules,
        );
        Ok(&self.symbol)
    }

    /// The index of `version`'s skeleton in the cache, built if missing.
    fn skeleton(&mut self, version: u8) -> usize {
        if let Some(index) = self.skeletons.iter().position(|s| s.version == version) {
            return index;
        }
        if self.skeletons.len() == CACHED_SKELETONS {
            self.skeletons.remove(0); // the least recently built
        }
        self.skeletons.push(Skeleton::new(version));
        self.skeletons.len() - 1
    }
}

/// Encodes `text` with a fresh [`Encoder`] (tests and one-off use).
#[cfg(test)]
pub(crate) fn encode(text: &[u8], ec: EcLevel) -> Result<Symbol, QrError> {
    let mut encoder = Encoder::default();
    encoder.encode(text, ec)?;
    Ok(encoder.symbol)
}
