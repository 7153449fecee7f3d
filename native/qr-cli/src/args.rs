//! Command-line flags, parsed by hand: there are only two.

use std::ffi::OsString;

use qr_core::EcLevel;

pub const USAGE: &str = "\
usage: qr-cli [--ec L|M|Q|H] < text > code.png

Reads the whole of standard input as the text (UTF-8, taken byte for byte: a trailing
newline is part of the text) and writes its QR code as a PNG to standard output.

  --ec L|M|Q|H   error-correction level (default L)
  -h, --help     show this help

Exit codes: 0 ok, 1 I/O error, 2 empty text, 3 text too long for a QR code,
4 text not UTF-8, 5 bad arguments.
";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Encode { ec: EcLevel },
    Help,
}

/// Parses the arguments after the program name; the error is a one-line reason.
pub fn parse<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = OsString>,
{
    let mut args = args.into_iter();
    let mut ec: Option<EcLevel> = None;
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|arg| format!("unexpected argument {:?}", arg))?;
        let level = match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--ec" => args
                .next()
                .ok_or_else(|| "--ec needs a value: L, M, Q or H".to_string())?
                .into_string()
                .unwrap_or_default(),
            _ => match arg.strip_prefix("--ec=") {
                Some(value) => value.to_string(),
                None => return Err(format!("unexpected argument '{}'", arg)),
            },
        };
        if ec.is_some() {
            return Err("--ec given more than once".to_string());
        }
        let level = level
            .parse()
            .map_err(|_| format!("--ec '{}' is not one of L, M, Q, H", level))?;
        ec = Some(level);
    }
    Ok(Command::Encode {
        ec: ec.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn no_arguments_means_level_l() {
        assert_eq!(parse_strs(&[]), Ok(Command::Encode { ec: EcLevel::Low }));
    }

    #[test]
    fn ec_flag_takes_a_separate_or_attached_value_in_either_case() {
        assert_eq!(
            parse_strs(&["--ec", "h"]),
            Ok(Command::Encode { ec: EcLevel::High })
        );
        assert_eq!(
            parse_strs(&["--ec=Q"]),
            Ok(Command::Encode {
                ec: EcLevel::Quartile
            })
        );
    }

    #[test]
    fn help_wins() {
        assert_eq!(parse_strs(&["--ec", "M", "--help"]), Ok(Command::Help));
        assert_eq!(parse_strs(&["-h"]), Ok(Command::Help));
    }

    #[test]
    fn bad_usage_is_an_error() {
        assert!(parse_strs(&["--ec"]).is_err());
        assert!(parse_strs(&["--ec", "X"]).is_err());
        assert!(parse_strs(&["--ec", "L", "--ec", "M"]).is_err());
        assert!(parse_strs(&["hello"]).is_err());
        assert!(parse_strs(&["--level=L"]).is_err());
    }
}
