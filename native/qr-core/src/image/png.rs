//! The PNG container: signature, IHDR, one IDAT, IEND, each chunk with its CRC-32.

use crc32fast::Hasher;

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
const IHDR_DATA_LEN: usize = 13;
/// Length, type and CRC around every chunk's data.
const CHUNK_OVERHEAD: usize = 12;
const BIT_DEPTH_ONE: u8 = 1;
const COLOUR_TYPE_GREYSCALE: u8 = 0;

/// A complete square 1-bit greyscale PNG around already-compressed (zlib) image data, in a
/// vector whose capacity is exactly its length.
pub(crate) fn write_png(pixels: u32, zlib_data: &[u8]) -> Vec<u8> {
    let len = SIGNATURE.len() + 3 * CHUNK_OVERHEAD + IHDR_DATA_LEN + zlib_data.len();
    let mut png = Vec::with_capacity(len);
    png.extend_from_slice(&SIGNATURE);

    let mut ihdr = [0u8; IHDR_DATA_LEN];
    ihdr[0..4].copy_from_slice(&pixels.to_be_bytes()); // width
    ihdr[4..8].copy_from_slice(&pixels.to_be_bytes()); // height
    ihdr[8] = BIT_DEPTH_ONE;
    ihdr[9] = COLOUR_TYPE_GREYSCALE;
    // ihdr[10..13]: compression method 0 (zlib), filter method 0, no interlace.
    write_chunk(&mut png, b"IHDR", &ihdr);
    write_chunk(&mut png, b"IDAT", zlib_data);
    write_chunk(&mut png, b"IEND", &[]);
    debug_assert_eq!(png.len(), len);
    png
}

fn write_chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let data_len = u32::try_from(data.len()).expect("PNG chunk data is under 4 GiB");
    png.extend_from_slice(&data_len.to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    // The CRC covers the chunk type and data, not the length.
    let mut crc = Hasher::new();
    crc.update(kind);
    crc.update(data);
    png.extend_from_slice(&crc.finalize().to_be_bytes());
}
