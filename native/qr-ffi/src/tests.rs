//! The C ABI called the way the .NET host calls it.

use std::ptr;

use qr_core::corpus::study_urls;
use qr_core::status;

use super::{qr_encode_png, qr_fault_inject_panic};

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const LEVEL_L: u32 = 0;

/// Calls qr_encode_png with a buffer of `cap` bytes; returns the status, the reported length
/// and the buffer.
fn encode_into(text: &[u8], ec_level: u32, cap: usize) -> (i32, usize, Vec<u8>) {
    let mut out = vec![0u8; cap];
    let mut out_len = usize::MAX;
    let out_ptr = if cap == 0 {
        ptr::null_mut()
    } else {
        out.as_mut_ptr()
    };
    let status = unsafe {
        qr_encode_png(
            text.as_ptr(),
            text.len(),
            ec_level,
            out_ptr,
            cap,
            &mut out_len,
        )
    };
    (status, out_len, out)
}

#[test]
fn encodes_into_a_big_enough_buffer() {
    let (status, len, out) = encode_into(study_urls()[0].as_bytes(), LEVEL_L, 4096);
    assert_eq!(status, status::OK);
    assert!(len > PNG_SIGNATURE.len() && len <= out.len());
    assert!(out.starts_with(PNG_SIGNATURE));
}

#[test]
fn output_is_the_core_encoders_png() {
    for (code, ec) in [(0, "L"), (1, "M"), (2, "Q"), (3, "H")] {
        let expected = qr_core::encode_png(study_urls()[1], ec.parse().unwrap()).unwrap();
        let (status, len, out) = encode_into(study_urls()[1].as_bytes(), code, 4096);
        assert_eq!(status, status::OK);
        assert_eq!(&out[..len], &expected[..]);
    }
}

#[test]
fn too_small_buffer_reports_the_size_needed_then_the_retry_succeeds() {
    let text = study_urls()[2].as_bytes();
    let (status, needed, untouched) = encode_into(text, LEVEL_L, 16);
    assert_eq!(status, status::BUFFER_TOO_SMALL);
    assert!(needed > 16);
    assert!(untouched.iter().all(|&b| b == 0), "nothing is written");

    let (status, len, out) = encode_into(text, LEVEL_L, needed);
    assert_eq!(status, status::OK);
    assert_eq!(len, needed);
    assert!(out.starts_with(PNG_SIGNATURE));
}

#[test]
fn a_null_buffer_of_capacity_zero_asks_for_the_size() {
    let (status, needed, _) = encode_into(study_urls()[3].as_bytes(), LEVEL_L, 0);
    assert_eq!(status, status::BUFFER_TOO_SMALL);
    assert!(needed > 0);
}

#[test]
fn empty_text_is_status_2_with_or_without_a_pointer() {
    assert_eq!(encode_into(b"", LEVEL_L, 4096).0, status::EMPTY);
    let mut out_len = 0;
    let status =
        unsafe { qr_encode_png(ptr::null(), 0, LEVEL_L, ptr::null_mut(), 0, &mut out_len) };
    assert_eq!(status, status::EMPTY);
}

#[test]
fn too_long_text_is_status_3() {
    let text = vec![b'a'; 2954];
    assert_eq!(encode_into(&text, LEVEL_L, 8192).0, status::TOO_LONG);
}

#[test]
fn invalid_utf8_is_status_4() {
    assert_eq!(
        encode_into(b"caf\xe9", LEVEL_L, 4096).0,
        status::INVALID_UTF8
    );
}

#[test]
fn unknown_level_is_status_5() {
    assert_eq!(encode_into(b"hello", 4, 4096).0, status::INVALID_ARGUMENT);
}

#[test]
fn null_pointers_where_a_buffer_is_needed_are_status_5() {
    let mut out = [0u8; 4096];
    let mut out_len = 0;
    unsafe {
        assert_eq!(
            qr_encode_png(
                ptr::null(),
                5,
                LEVEL_L,
                out.as_mut_ptr(),
                out.len(),
                &mut out_len
            ),
            status::INVALID_ARGUMENT,
            "null text with a length"
        );
        assert_eq!(
            qr_encode_png(
                b"hello".as_ptr(),
                5,
                LEVEL_L,
                ptr::null_mut(),
                4096,
                &mut out_len
            ),
            status::INVALID_ARGUMENT,
            "null output with a capacity"
        );
        assert_eq!(
            qr_encode_png(
                b"hello".as_ptr(),
                5,
                LEVEL_L,
                out.as_mut_ptr(),
                out.len(),
                ptr::null_mut()
            ),
            status::INVALID_ARGUMENT,
            "null out_len"
        );
    }
}

#[test]
fn a_panic_comes_back_as_status_99_and_the_library_keeps_working() {
    assert_eq!(qr_fault_inject_panic(), status::PANIC);
    assert_eq!(qr_fault_inject_panic(), status::PANIC);
    assert_eq!(encode_into(b"still alive", LEVEL_L, 4096).0, status::OK);
}
