//! Command-line options, parsed by hand: two flags do not need an argument-parsing crate.

use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub const USAGE: &str = "\
Usage: qr-server [--host ADDR] [--port N]

OrleansQr tier 4: the QR-code HTTP contract served by pure Rust.
  GET|HEAD /qrcode?text=...&ec=L|M|Q|H   a PNG of the text (ec defaults to L;
                                         in the query `+` is a space, `%2B` a plus)
  GET      /healthz                      \"ok\" once the server is listening

Options:
  --host ADDR   IP address to listen on (default 127.0.0.1)
  --port N      TCP port to listen on (default 8080; 0 picks a free one)
  -h, --help    print this help
";

const DEFAULT_HOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
const DEFAULT_PORT: u16 = 8080;

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve { address: SocketAddr },
    Help,
}

/// Parses the arguments that follow the program name.
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut host = DEFAULT_HOST;
    let mut port = DEFAULT_PORT;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|arg| format!("argument {arg:?} is not UTF-8"))?;
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--host" => {
                let value = value_of("--host", args.next())?;
                host = value.parse().map_err(|_| {
                    format!("--host needs an IP address such as 127.0.0.1 or ::1, not {value:?}")
                })?;
            }
            "--port" => {
                let value = value_of("--port", args.next())?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port needs a number from 0 to 65535, not {value:?}"))?;
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    Ok(Command::Serve {
        address: SocketAddr::new(host, port),
    })
}

fn value_of(flag: &str, value: Option<OsString>) -> Result<String, String> {
    value
        .ok_or_else(|| format!("{flag} needs a value"))?
        .into_string()
        .map_err(|value| format!("{flag} value {value:?} is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(OsString::from))
    }

    fn serve(address: &str) -> Result<Command, String> {
        Ok(Command::Serve {
            address: address.parse().unwrap(),
        })
    }

    #[test]
    fn defaults_to_loopback_port_8080() {
        assert_eq!(parse(&[]), serve("127.0.0.1:8080"));
    }

    #[test]
    fn host_and_port_are_read_in_any_order() {
        assert_eq!(parse(&["--port", "9000"]), serve("127.0.0.1:9000"));
        assert_eq!(
            parse(&["--port", "0", "--host", "0.0.0.0"]),
            serve("0.0.0.0:0")
        );
        assert_eq!(parse(&["--host", "::1", "--port", "81"]), serve("[::1]:81"));
    }

    #[test]
    fn help_wins_over_everything_after_it() {
        assert_eq!(parse(&["--help", "--port", "nope"]), Ok(Command::Help));
        assert_eq!(parse(&["-h"]), Ok(Command::Help));
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert_eq!(parse(&["--port"]), Err("--port needs a value".to_owned()));
        assert!(parse(&["--port", "65536"])
            .unwrap_err()
            .contains("0 to 65535"));
        assert!(parse(&["--host", "localhost"])
            .unwrap_err()
            .contains("IP address"));
        assert_eq!(
            parse(&["serve"]),
            Err("unknown argument \"serve\"".to_owned())
        );
    }
}
