//! qr-cli: OrleansQr tier 1, one process per request.
//!
//! The text is all of standard input, byte for byte (a trailing newline is part of it); the PNG
//! goes to standard output. The text is never an argument: no length limit, no option injection.
//! On failure: one line "qr-cli: <reason>" on standard error and the shared status code as the
//! exit code (2 empty, 3 too long, 4 not UTF-8, 5 bad usage, 1 I/O error).

mod args;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use qr_core::{encode_png_bytes, status};

use args::Command;

/// Exit code for a failed read or write. It shares the value 1 with the C ABI's
/// BUFFER_TOO_SMALL, which cannot happen here.
const IO_ERROR: i32 = 1;

fn main() -> ExitCode {
    let ec = match args::parse(std::env::args_os().skip(1)) {
        Ok(Command::Encode { ec }) => ec,
        Ok(Command::Help) => {
            print!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(reason) => {
            return fail(
                status::INVALID_ARGUMENT,
                &format!("{} (see --help)", reason),
            )
        }
    };

    let mut text = Vec::new();
    if let Err(err) = io::stdin().lock().read_to_end(&mut text) {
        return fail(IO_ERROR, &format!("reading standard input: {}", err));
    }
    let png = match encode_png_bytes(&text, ec) {
        Ok(png) => png,
        Err(err) => return fail(err.code(), &err.to_string()),
    };
    let mut stdout = io::stdout().lock();
    if let Err(err) = stdout.write_all(&png).and_then(|()| stdout.flush()) {
        return fail(IO_ERROR, &format!("writing standard output: {}", err));
    }
    ExitCode::SUCCESS
}

/// Reports `reason` on standard error and turns `code` into the process exit code.
fn fail(code: i32, reason: &str) -> ExitCode {
    eprintln!("qr-cli: {}", reason);
    ExitCode::from(u8::try_from(code).unwrap_or(u8::MAX))
}
