//! The panic boundary every exported function runs behind.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use qr_core::status;

static QUIET_PANIC_HOOK: Once = Once::new();

thread_local! {
    static INSIDE_GUARD: Cell<bool> = const { Cell::new(false) };
}

/// Runs `body` and returns its status, or 99 if it panicked. Unwinding into the C caller would be
/// undefined behaviour (or an abort of the whole .NET host), so the panic stops here.
pub fn guard<F>(body: F) -> i32
where
    F: FnOnce() -> i32,
{
    install_quiet_panic_hook();
    let was_inside = INSIDE_GUARD.with(|inside| inside.replace(true));
    // AssertUnwindSafe: a panic abandons the call; no state it touched is observed afterwards
    // (qr-core's per-thread scratch buffers are reset at the start of every encode).
    let status = panic::catch_unwind(AssertUnwindSafe(body)).unwrap_or(status::PANIC);
    INSIDE_GUARD.with(|inside| inside.set(was_inside));
    status
}

/// A panic caught by [`guard`] is reported as status 99; the default hook would also print it on
/// the host's standard error, which belongs to the host. Panics outside a guard keep the previous
/// hook (so test assertions still explain themselves). The hook is this library's own: each Rust
/// shared library carries its own std, so no other Rust code in the process is affected.
fn install_quiet_panic_hook() {
    QUIET_PANIC_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !INSIDE_GUARD.with(Cell::get) {
                previous(info);
            }
        }));
    });
}
