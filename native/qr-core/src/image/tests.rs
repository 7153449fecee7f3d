//! The PNG read back the long way: chunks and CRCs checked, the zlib stream inflated by
//! miniz_oxide (a reference decoder), scanlines unfiltered, pixels compared with the modules.

use quickcheck::{QuickCheck, TestResult};

use super::raster::{Layout, FILTER_NONE, FILTER_UP, QUIET_ZONE_MODULES};
use super::{render_png, Scratch};
use crate::corpus::study_urls;
use crate::qr::{self, Symbol};
use crate::EcLevel;

struct DecodedPng {
    width: usize,
    height: usize,
    /// Row-major, true where the pixel is black.
    black: Vec<bool>,
}

fn read_u32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// Decodes the subset of PNG the encoder writes, failing loudly on anything else.
fn decode(png: &[u8]) -> DecodedPng {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "signature");
    let mut chunks = Vec::new();
    let mut at = 8;
    while at < png.len() {
        let len = read_u32(&png[at..]) as usize;
        let kind = &png[at + 4..at + 8];
        let data = &png[at + 8..at + 8 + len];
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        assert_eq!(
            read_u32(&png[at + 8 + len..]),
            crc.finalize(),
            "CRC of {:?}",
            kind
        );
        chunks.push((kind.to_vec(), data.to_vec()));
        at += 12 + len;
    }
    let kinds: Vec<&[u8]> = chunks.iter().map(|(kind, _)| kind.as_slice()).collect();
    assert_eq!(kinds, [&b"IHDR"[..], b"IDAT", b"IEND"], "chunk order");
    let ihdr = &chunks[0].1;
    let (width, height) = (read_u32(ihdr) as usize, read_u32(&ihdr[4..]) as usize);
    assert_eq!(&ihdr[8..], [1, 0, 0, 0, 0], "1-bit greyscale, no interlace");

    let scanlines = miniz_oxide::inflate::decompress_to_vec_zlib(&chunks[1].1)
        .expect("the IDAT stream inflates");
    let stride = 1 + (width + 7) / 8;
    assert_eq!(scanlines.len(), stride * height, "one scanline per row");
    let mut previous = vec![0u8; stride - 1];
    let mut black = Vec::with_capacity(width * height);
    for line in scanlines.chunks(stride) {
        let row: Vec<u8> = match line[0] {
            FILTER_NONE => line[1..].to_vec(),
            FILTER_UP => line[1..]
                .iter()
                .zip(&previous)
                .map(|(&d, &p)| d.wrapping_add(p))
                .collect(),
            other => panic!("unexpected filter type {}", other),
        };
        black.extend((0..width).map(|x| row[x / 8] & (0x80 >> (x % 8)) == 0));
        previous = row;
    }
    DecodedPng {
        width,
        height,
        black,
    }
}

/// Panics unless the PNG shows `symbol` with the quiet zone at the layout's scale.
fn assert_png_shows(png: &[u8], symbol: &Symbol) {
    let image = decode(png);
    let layout = Layout::for_symbol_size(symbol.size());
    assert_eq!(
        (image.width, image.height),
        (layout.pixels(), layout.pixels())
    );
    assert!(image.width >= 200);
    let ppm = layout.pixels_per_module;
    for py in 0..image.height {
        for px in 0..image.width {
            let (x, y) = (
                (px / ppm).wrapping_sub(QUIET_ZONE_MODULES),
                (py / ppm).wrapping_sub(QUIET_ZONE_MODULES),
            );
            let dark = x < symbol.size() && y < symbol.size() && symbol.is_dark(x, y);
            assert_eq!(
                image.black[py * image.width + px],
                dark,
                "pixel ({}, {})",
                px,
                py
            );
        }
    }
}

/// Encodes, renders and decodes `text`; returns the symbol's size.
fn check(text: &str, ec: EcLevel, scratch: &mut Scratch) -> usize {
    let symbol = qr::encode(text.as_bytes(), ec).expect("text fits");
    let png = render_png(&symbol, scratch);
    assert_eq!(
        png.capacity(),
        png.len(),
        "no spare capacity in the returned PNG"
    );
    assert_png_shows(&png, &symbol);
    symbol.size()
}

#[test]
fn study_urls_decode_to_their_symbols() {
    let mut scratch = Scratch::default();
    for url in study_urls() {
        check(url, EcLevel::Low, &mut scratch);
    }
}

#[test]
fn every_version_decodes_to_its_symbol() {
    // Every size, hence every scale from 7 down to 2 pixels per module and rows that end
    // mid-byte, through one reused scratch (as a server thread would).
    let mut scratch = Scratch::default();
    for version in 1..=40usize {
        // The byte capacity of each version at level L.
        let data_bytes = [
            17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718,
            792, 858, 929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732, 1840, 1952, 2068,
            2188, 2303, 2431, 2563, 2699, 2809, 2953,
        ][version - 1];
        let text: String = (0..data_bytes)
            .map(|i| char::from(b'a' + (i * 11 % 26) as u8))
            .collect();
        assert_eq!(check(&text, EcLevel::Low, &mut scratch), 17 + 4 * version);
    }
}

#[test]
fn random_texts_decode_to_their_symbols() {
    fn property(text: String) -> TestResult {
        if text.is_empty() {
            return TestResult::discard();
        }
        check(&text, EcLevel::Medium, &mut Scratch::default());
        TestResult::passed()
    }
    QuickCheck::new()
        .tests(200)
        .quickcheck(property as fn(String) -> TestResult);
}
