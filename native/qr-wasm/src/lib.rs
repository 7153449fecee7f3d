//! OrleansQr tier 2: the encoder as a WebAssembly module, run by Wasmtime in the .NET host.
//!
//! The module imports nothing and exports four functions and its memory. Texts and PNGs travel
//! through linear memory:
//!
//! 1. the host calls `qr_alloc(len)` and copies the UTF-8 text to the returned pointer;
//! 2. `qr_encode_png(ptr, len, ec_level)` encodes it (ec_level 0 = L, 1 = M, 2 = Q, 3 = H);
//! 3. the host frees the text with `qr_free(ptr, len)`, and on success copies the PNG out and
//!    frees it with `qr_free(out_ptr, out_len)`.
//!
//! `qr_encode_png` returns `(out_ptr << 32) | out_len` on success and a negated status code on
//! failure (-2 empty, -3 too long, -4 not UTF-8, -5 bad argument). Pointers are below 2^31 in a
//! linear memory under 2 GiB, so a success is never negative. A panic (a bug) traps.

use std::alloc::{alloc, dealloc, Layout};
use std::slice;

use qr_core::{encode_png_bytes, EcLevel};

/// A byte buffer of `len` bytes (at least 1, so that every allocation has an address).
fn layout(len: u32) -> Option<Layout> {
    Layout::array::<u8>((len as usize).max(1)).ok()
}

/// Allocates `len` bytes in linear memory for the host to fill; returns 0 if memory is short.
#[no_mangle]
pub extern "C" fn qr_alloc(len: u32) -> u32 {
    match layout(len) {
        // SAFETY: the layout has a non-zero size.
        Some(layout) => unsafe { alloc(layout) as u32 },
        None => 0,
    }
}

/// Frees a buffer from `qr_alloc` or a PNG from `qr_encode_png`; `len` must be the length it
/// was allocated with. Freeing pointer 0 does nothing.
///
/// # Safety
/// `ptr` must come from this module's allocator with this `len`, and not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn qr_free(ptr: u32, len: u32) {
    if let (false, Some(layout)) = (ptr == 0, layout(len)) {
        // Allocated by this module with the same layout (the caller's contract).
        dealloc(ptr as *mut u8, layout);
    }
}

/// Encodes the UTF-8 text at `ptr..ptr + len`; see the crate documentation for the result.
///
/// # Safety
/// `ptr..ptr + len` must be readable linear memory (it may be 0 when `len` is 0).
#[no_mangle]
pub unsafe extern "C" fn qr_encode_png(ptr: u32, len: u32, ec_level: u32) -> i64 {
    let ec = match EcLevel::from_code(ec_level) {
        Ok(ec) => ec,
        Err(err) => return -i64::from(err.code()),
    };
    let text = if len == 0 {
        &[][..]
    } else {
        // Readable for len bytes (the caller's contract).
        slice::from_raw_parts(ptr as *const u8, len as usize)
    };
    match encode_png_bytes(text, ec) {
        Ok(png) => hand_over(png),
        Err(err) => -i64::from(err.code()),
    }
}

/// Gives the PNG to the host: its allocation now belongs to the host, which frees it with
/// `qr_free(out_ptr, out_len)`. qr-core returns vectors with capacity equal to length, so that
/// is exactly the allocation's layout.
fn hand_over(png: Vec<u8>) -> i64 {
    let png = png.into_boxed_slice(); // a no-op when capacity == length; exact otherwise
    let len = png.len() as u32;
    let ptr = Box::into_raw(png) as *mut u8 as u32;
    assert!(
        ptr < 1 << 31,
        "linear memory under 2 GiB keeps results positive"
    );
    i64::from(ptr) << 32 | i64::from(len)
}

// (No `unsafe` blocks inside the `unsafe fn`s above: Debian's rustc 1.63 flags them as unused.)

/// Fault injection for the host's tests: panics, which traps (`unreachable`). Exists only to
/// prove that a trap in the module is reported and survived by the host.
#[no_mangle]
pub extern "C" fn qr_fault_inject_trap() {
    panic!("qr_fault_inject_trap: deliberate trap for the host's fault tests");
}
