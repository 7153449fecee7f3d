//! The symbol encoder against qrcodegen, module for module: same segments, same level (no
//! boost), automatic mask.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
use quickcheck::{QuickCheck, TestResult};

use super::{encode, tables};
use crate::corpus::study_urls;
use crate::{EcLevel, QrError};

const LEVELS: [EcLevel; 4] = [
    EcLevel::Low,
    EcLevel::Medium,
    EcLevel::Quartile,
    EcLevel::High,
];

fn reference_level(ec: EcLevel) -> QrCodeEcc {
    match ec {
        EcLevel::Low => QrCodeEcc::Low,
        EcLevel::Medium => QrCodeEcc::Medium,
        EcLevel::Quartile => QrCodeEcc::Quartile,
        EcLevel::High => QrCodeEcc::High,
    }
}

fn reference(text: &str, ec: EcLevel) -> Option<QrCode> {
    let mut segments = Vec::new();
    if !text.is_ascii() {
        segments.push(QrSegment::make_eci(26));
    }
    segments.push(QrSegment::make_bytes(text.as_bytes()));
    QrCode::encode_segments_advanced(
        &segments,
        reference_level(ec),
        Version::MIN,
        Version::MAX,
        None,
        false,
    )
    .ok()
}

/// Panics with the first differing module unless our symbol equals qrcodegen's.
fn assert_same_symbol(text: &str, ec: EcLevel) {
    let ours = encode(text.as_bytes(), ec).expect("text fits");
    let theirs = reference(text, ec).expect("reference fits");
    assert_eq!(
        ours.size(),
        theirs.size() as usize,
        "size for {:?} at {}",
        text,
        ec
    );
    for y in 0..ours.size() {
        for x in 0..ours.size() {
            assert_eq!(
                ours.is_dark(x, y),
                theirs.get_module(x as i32, y as i32),
                "module ({}, {}) of {:?} at {} (version {}, reference mask {})",
                x,
                y,
                text,
                ec,
                theirs.version().value(),
                theirs.mask().value()
            );
        }
    }
}

#[test]
fn study_urls_match_the_reference_at_every_level() {
    for url in study_urls() {
        for ec in LEVELS {
            assert_same_symbol(url, ec);
        }
    }
}

#[test]
fn every_version_matches_the_reference_at_every_level() {
    // The longest ASCII text that fits each version: exercises every size, block layout,
    // alignment and version-information pattern.
    for version in tables::MIN_VERSION..=tables::MAX_VERSION {
        for ec in LEVELS {
            let header_bits = 4 + tables::byte_count_bits(version);
            let capacity = (tables::data_codewords(version, ec) * 8 - header_bits) / 8;
            let text: String = (0..capacity)
                .map(|i| char::from(b'!' + (i * 7 % 90) as u8))
                .collect();
            assert_same_symbol(&text, ec);
        }
    }
}

#[test]
fn non_ascii_text_matches_the_reference_with_its_eci_segment() {
    for text in ["Grüße 日本語 🦀", "é", "naïve café, ½ price"] {
        for ec in LEVELS {
            assert_same_symbol(text, ec);
        }
    }
}

#[test]
fn random_texts_match_the_reference() {
    fn property(text: String) -> TestResult {
        if text.is_empty() || text.len() > 800 {
            return TestResult::discard();
        }
        assert_same_symbol(&text, EcLevel::Low);
        assert_same_symbol(&text, EcLevel::High);
        TestResult::passed()
    }
    QuickCheck::new()
        .tests(300)
        .quickcheck(property as fn(String) -> TestResult);
}

#[test]
fn capacity_is_2953_ascii_bytes_at_level_l() {
    assert!(encode(&[b'a'; 2953], EcLevel::Low).is_ok());
    assert_eq!(
        encode(&[b'a'; 2954], EcLevel::Low).err(),
        Some(QrError::TooLong { bytes: 2954 })
    );
}

#[test]
fn the_eci_designator_costs_non_ascii_text_one_byte_of_capacity() {
    // ECI takes 12 bits, so 2952 bytes fit at 40-L instead of 2953.
    let fits = format!("é{}", "a".repeat(2950)); // 2952 bytes
    let too_long = format!("é{}", "a".repeat(2951)); // 2953 bytes
    assert!(encode(fits.as_bytes(), EcLevel::Low).is_ok());
    assert_eq!(
        encode(too_long.as_bytes(), EcLevel::Low).err(),
        Some(QrError::TooLong { bytes: 2953 })
    );
}

#[test]
fn empty_text_is_refused() {
    assert_eq!(encode(b"", EcLevel::Low).err(), Some(QrError::Empty));
}
