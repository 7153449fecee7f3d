//! qr-cli run as a process, the way the .NET backend runs it: text on standard input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use qr_core::corpus::study_urls;
use qr_core::{encode_png, EcLevel};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qr-cli"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qr-cli starts");
    // A failed write means qr-cli exited early (usage errors do not read the input).
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("qr-cli finishes")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn writes_the_core_encoders_png_for_standard_input() {
    for url in study_urls() {
        let output = run(&[], url.as_bytes());
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(output.stdout, encode_png(url, EcLevel::Low).unwrap());
        assert!(output.stderr.is_empty());
    }
}

#[test]
fn the_text_is_standard_input_byte_for_byte() {
    let with_newline = run(&[], b"https://tourofrust.com\n");
    assert_eq!(
        with_newline.stdout,
        encode_png("https://tourofrust.com\n", EcLevel::Low).unwrap(),
        "a trailing newline is part of the text"
    );
}

#[test]
fn ec_flag_selects_the_level() {
    for (flag, level) in [("H", EcLevel::High), ("q", EcLevel::Quartile)] {
        let output = run(&["--ec", flag], "Grüße 日本語 🦀".as_bytes());
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(output.stdout, encode_png("Grüße 日本語 🦀", level).unwrap());
    }
    let attached = run(&["--ec=M"], b"hello");
    assert_eq!(
        attached.stdout,
        encode_png("hello", EcLevel::Medium).unwrap()
    );
}

#[test]
fn failures_exit_with_the_shared_status_codes() {
    let cases: [(&[&str], Vec<u8>, i32, &str); 5] = [
        (&[], Vec::new(), 2, "qr-cli: text is empty\n"),
        (&[], vec![b'a'; 2954], 3, "qr-cli: text is 2954 UTF-8 bytes"),
        (
            &[],
            b"caf\xe9".to_vec(),
            4,
            "qr-cli: text is not valid UTF-8\n",
        ),
        (
            &["--ec", "X"],
            b"hello".to_vec(),
            5,
            "qr-cli: --ec 'X' is not one of",
        ),
        (
            &["hello"],
            b"hello".to_vec(),
            5,
            "qr-cli: unexpected argument 'hello'",
        ),
    ];
    for (args, stdin, code, message) in cases {
        let output = run(args, &stdin);
        assert_eq!(output.status.code(), Some(code), "{:?}", args);
        assert!(output.stdout.is_empty(), "no PNG on failure");
        let stderr = stderr(&output);
        assert!(stderr.starts_with(message), "{:?}", stderr);
        assert_eq!(stderr.lines().count(), 1, "one line: {:?}", stderr);
    }
}

#[test]
fn help_goes_to_standard_output() {
    let output = run(&["--help"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("usage: qr-cli"));
}
