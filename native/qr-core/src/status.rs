//! Status codes shared by every OrleansQr tier: the CLI's exit code, the C ABI's return value and,
//! negated, the wasm export's error result. The .NET backends map them back to the same errors.

/// Success.
pub const OK: i32 = 0;
/// The caller's output buffer is too small; the size needed was reported (C ABI only).
pub const BUFFER_TOO_SMALL: i32 = 1;
/// The text is empty.
pub const EMPTY: i32 = 2;
/// The text does not fit a QR symbol (version 40) at the requested error-correction level.
pub const TOO_LONG: i32 = 3;
/// The text is not valid UTF-8.
pub const INVALID_UTF8: i32 = 4;
/// A bad option or argument: unknown error-correction level, null pointer, bad usage.
pub const INVALID_ARGUMENT: i32 = 5;
/// A panic was caught at the boundary (a bug, never the caller's input).
pub const PANIC: i32 = 99;
