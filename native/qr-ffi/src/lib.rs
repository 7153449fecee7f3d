//! OrleansQr tier 3: the C ABI over qr-core, loaded by the .NET host through P/Invoke.
//!
//! `include/qrnative.h` is the contract. The caller owns every buffer: Rust only writes into
//! memory it is handed and never returns memory the caller would have to free. No panic crosses
//! the boundary: each entry point runs inside [`guard`], which turns a panic into status 99.

mod guard;
#[cfg(test)]
mod tests;

use std::slice;

use qr_core::{encode_png_bytes, status, EcLevel};

use guard::guard;

/// Encodes `text[..text_len]` (UTF-8) at `ec_level` (0 = L, 1 = M, 2 = Q, 3 = H) into
/// `out[..out_cap]` and stores the PNG's length in `*out_len`.
///
/// Returns 0 on success. When `out_cap` is too small nothing is written, `*out_len` is set to the
/// size needed and 1 is returned, so the caller can retry with a buffer that size. Other errors:
/// 2 empty, 3 too long, 4 not UTF-8, 5 bad argument (unknown level, or a null pointer where a
/// buffer is needed), 99 a caught panic.
///
/// # Safety
/// `text` must point to `text_len` readable bytes (it may be null when `text_len` is 0), `out` to
/// `out_cap` writable bytes (null when `out_cap` is 0), and `out_len` to a writable `size_t`.
/// None of them may be used by another thread during the call.
#[no_mangle]
pub unsafe extern "C" fn qr_encode_png(
    text: *const u8,
    text_len: usize,
    ec_level: u32,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> i32 {
    // The closure is part of this unsafe fn: the raw-pointer operations below need no `unsafe`
    // blocks (Debian's rustc 1.63 would flag them as unused).
    guard(|| {
        if out_len.is_null() || (text.is_null() && text_len > 0) || (out.is_null() && out_cap > 0) {
            return status::INVALID_ARGUMENT;
        }
        let ec = match EcLevel::from_code(ec_level) {
            Ok(ec) => ec,
            Err(err) => return err.code(),
        };
        let text = if text_len == 0 {
            &[][..]
        } else {
            // Non-null (checked above) and valid for text_len bytes (the caller's contract).
            slice::from_raw_parts(text, text_len)
        };
        let png = match encode_png_bytes(text, ec) {
            Ok(png) => png,
            Err(err) => return err.code(),
        };
        // out_len is non-null (checked above) and writable (the caller's contract).
        *out_len = png.len();
        if png.len() > out_cap {
            return status::BUFFER_TOO_SMALL;
        }
        // out is non-null because out_cap >= png.len() > 0, and valid for out_cap bytes (the
        // caller's contract); it cannot overlap the freshly allocated png.
        std::ptr::copy_nonoverlapping(png.as_ptr(), out, png.len());
        status::OK
    })
}

/// Fault injection for the host's tests: panics inside the same guard as every entry point, so
/// it returns 99. Exists only to prove that a panic in Rust comes back as a status code.
#[no_mangle]
pub extern "C" fn qr_fault_inject_panic() -> i32 {
    guard(|| panic!("qr_fault_inject_panic: deliberate panic for the host's fault tests"))
}
