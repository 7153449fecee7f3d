//! The public contract of qr-core, as the tiers use it.

use quickcheck::{Gen, QuickCheck, TestResult};

use qr_core::corpus::study_urls;
use qr_core::{encode_png, encode_png_bytes, status, EcLevel, QrError};

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Width and height from the IHDR chunk, after checking the header around them.
fn ihdr(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(PNG_SIGNATURE), "PNG signature");
    assert_eq!(&png[8..16], b"\0\0\0\x0dIHDR", "IHDR first, 13 bytes");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert_eq!(
        &png[24..29],
        [1, 0, 0, 0, 0],
        "1-bit greyscale, no interlace"
    );
    (width, height)
}

/// The image width for a symbol of `version`: quiet zone included, smallest whole scale >= 200.
fn expected_width(version: u32) -> u32 {
    let modules = 17 + 4 * version + 8;
    modules * ((200 + modules - 1) / modules)
}

/// Whether `width` is the width of some version's image.
fn is_a_symbol_width(width: u32) -> bool {
    (1..=40).any(|version| expected_width(version) == width)
}

#[test]
fn study_urls_encode_to_square_images_of_whole_modules() {
    for url in study_urls() {
        let png = encode_png(url, EcLevel::Low).expect("study URL encodes");
        let (width, height) = ihdr(&png);
        assert_eq!(width, height);
        assert!(width >= 200, "{} px for {}", width, url);
        assert!(is_a_symbol_width(width), "{} px for {}", width, url);
        assert!(png.ends_with(b"\0\0\0\0IEND\xae\x42\x60\x82"), "IEND last");
    }
}

#[test]
fn study_url_widths_are_222_px_at_version_3_and_231_px_at_version_2() {
    // 29 modules + 8 quiet at 6 px = 222 px. Two URLs are short enough for version 2 at level L
    // (up to 32 bytes): 25 + 8 modules at 7 px = 231 px.
    for url in study_urls() {
        let (width, _) = ihdr(&encode_png(url, EcLevel::Low).unwrap());
        let expected = if url.len() <= 32 { 231 } else { 222 };
        assert_eq!(width, expected, "{} ({} bytes)", url, url.len());
    }
    assert_eq!(expected_width(3), 222);
    assert_eq!(expected_width(2), 231);
}

#[test]
fn empty_text_is_refused() {
    assert_eq!(encode_png("", EcLevel::Low), Err(QrError::Empty));
    assert_eq!(encode_png_bytes(b"", EcLevel::High), Err(QrError::Empty));
}

#[test]
fn capacity_at_level_l_is_2953_ascii_bytes() {
    let fits = "a".repeat(2953);
    let (width, _) = ihdr(&encode_png(&fits, EcLevel::Low).expect("2953 bytes fit 40-L"));
    assert_eq!(width, expected_width(40));
    let too_long = "a".repeat(2954);
    assert_eq!(
        encode_png(&too_long, EcLevel::Low),
        Err(QrError::TooLong { bytes: 2954 })
    );
}

#[test]
fn higher_levels_hold_less() {
    let text = "a".repeat(1300);
    assert!(encode_png(&text, EcLevel::Medium).is_ok()); // 40-M holds 2331
    assert_eq!(
        encode_png(&text, EcLevel::High),
        Err(QrError::TooLong { bytes: 1300 }) // 40-H holds 1273
    );
}

#[test]
fn non_ascii_text_pays_for_its_eci_designator() {
    // ECI 26 takes 12 bits: a non-ASCII text fits one byte less than an ASCII one at 40-L.
    let fits = format!("é{}", "a".repeat(2950)); // 2952 UTF-8 bytes
    assert!(encode_png(&fits, EcLevel::Low).is_ok());
    let too_long = format!("é{}", "a".repeat(2951)); // 2953 UTF-8 bytes
    assert_eq!(
        encode_png(&too_long, EcLevel::Low),
        Err(QrError::TooLong { bytes: 2953 })
    );
}

#[test]
fn capacity_is_counted_in_utf8_bytes() {
    let crabs = "🦀".repeat(739); // 4 bytes each: 2956 bytes
    assert_eq!(
        encode_png(&crabs, EcLevel::Low),
        Err(QrError::TooLong { bytes: 2956 })
    );
}

#[test]
fn invalid_utf8_is_refused() {
    assert_eq!(
        encode_png_bytes(b"caf\xe9", EcLevel::Low),
        Err(QrError::InvalidUtf8)
    );
    assert_eq!(
        encode_png_bytes(b"\xff\xfe", EcLevel::Low),
        Err(QrError::InvalidUtf8)
    );
}

#[test]
fn bytes_and_str_entry_points_agree() {
    for text in ["https://tourofrust.com", "Grüße 日本語 🦀", "line\n"] {
        assert_eq!(
            encode_png_bytes(text.as_bytes(), EcLevel::Quartile),
            encode_png(text, EcLevel::Quartile)
        );
    }
}

#[test]
fn output_is_deterministic_across_calls_and_threads() {
    let here = encode_png(study_urls()[4], EcLevel::Low).unwrap();
    assert_eq!(encode_png(study_urls()[4], EcLevel::Low).unwrap(), here);
    let there = std::thread::spawn(|| encode_png(study_urls()[4], EcLevel::Low).unwrap())
        .join()
        .unwrap();
    assert_eq!(there, here);
}

#[test]
fn ec_level_parses_one_letter_in_either_case() {
    for (text, level) in [
        ("L", EcLevel::Low),
        ("m", EcLevel::Medium),
        ("Q", EcLevel::Quartile),
        ("h", EcLevel::High),
    ] {
        assert_eq!(text.parse::<EcLevel>(), Ok(level));
        assert_eq!(level.letter().parse::<EcLevel>(), Ok(level));
    }
    for bad in ["", "X", "LL", "low", " L"] {
        assert_eq!(
            bad.parse::<EcLevel>(),
            Err(QrError::InvalidOption),
            "{:?}",
            bad
        );
    }
    assert_eq!(EcLevel::default(), EcLevel::Low);
}

#[test]
fn ec_level_codes_are_0_to_3() {
    for code in 0..4 {
        assert_eq!(EcLevel::from_code(code).map(EcLevel::code), Ok(code));
    }
    assert_eq!(EcLevel::from_code(1), Ok(EcLevel::Medium));
    assert_eq!(EcLevel::from_code(4), Err(QrError::InvalidOption));
}

#[test]
fn errors_carry_the_shared_status_codes_and_one_line_reasons() {
    let cases = [
        (QrError::Empty, status::EMPTY),
        (QrError::TooLong { bytes: 3000 }, status::TOO_LONG),
        (QrError::InvalidUtf8, status::INVALID_UTF8),
        (QrError::InvalidOption, status::INVALID_ARGUMENT),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        let reason = error.to_string();
        assert!(!reason.is_empty() && !reason.contains('\n'), "{:?}", reason);
    }
    assert_eq!(QrError::Empty.to_string(), "text is empty");
    assert!(QrError::TooLong { bytes: 3000 }
        .to_string()
        .starts_with("text is 3000 UTF-8 bytes"));
}

#[test]
fn status_codes_have_their_agreed_values() {
    assert_eq!(
        [
            status::OK,
            status::BUFFER_TOO_SMALL,
            status::EMPTY,
            status::TOO_LONG,
            status::INVALID_UTF8,
            status::INVALID_ARGUMENT,
            status::PANIC
        ],
        [0, 1, 2, 3, 4, 5, 99]
    );
}

#[test]
fn any_text_up_to_512_bytes_encodes_to_a_sane_png() {
    fn property(text: String) -> TestResult {
        if text.is_empty() || text.len() > 512 {
            return TestResult::discard();
        }
        let png = match encode_png(&text, EcLevel::Low) {
            Ok(png) => png,
            Err(err) => return TestResult::error(err.to_string()),
        };
        let (width, height) = ihdr(&png);
        TestResult::from_bool(width == height && width >= 200 && is_a_symbol_width(width))
    }
    // Strings of up to 300 characters: up to 512 bytes once UTF-8 encoded, most of the time.
    QuickCheck::new()
        .gen(Gen::new(300))
        .tests(500)
        .max_tests(5000)
        .quickcheck(property as fn(String) -> TestResult);
}

#[test]
fn texts_up_to_512_bytes_make_pngs_under_4_kib() {
    // The C ABI's callers start with a 4 KiB buffer; the HTTP tiers accept up to 512 bytes.
    // Noise-like text at level H gives the largest symbols and the least compressible rows.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for level in [EcLevel::Low, EcLevel::High] {
        for _ in 0..20 {
            let text: String = (0..512)
                .map(|_| char::from(b'!' + (next() % 94) as u8))
                .collect();
            let png = encode_png(&text, level).expect("512 bytes fit at every level");
            assert!(png.len() < 4096, "{} bytes at {}", png.len(), level);
        }
    }
}
