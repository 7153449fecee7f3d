//! Turns the query string of `/qrcode` into a validated request, or a client-readable reason why not.
//!
//! The syntax is `application/x-www-form-urlencoded`, as browsers and the C# API read it: pairs are
//! separated by `&`, a name from its value by the first `=`, `+` means a space and `%2B` a literal
//! plus. Unknown parameters are ignored, so clients may add their own (cache busters, say).

use std::borrow::Cow;
use std::fmt;

use percent_encoding::percent_decode_str;
use qr_core::EcLevel;

/// The longest text served, in UTF-8 bytes: the same limit as every other OrleansQr tier.
pub const MAX_TEXT_BYTES: usize = 512;

/// A `/qrcode` request that passed validation: a text of 1 to [`MAX_TEXT_BYTES`] bytes.
#[derive(Debug)]
pub struct QrRequest {
    pub text: String,
    pub ec: EcLevel,
}

/// Why a query string was rejected; `Display` is the one-line reason sent with the 400.
#[derive(Debug, PartialEq, Eq)]
pub enum QueryError {
    /// Some name or value percent-decodes to bytes that are not UTF-8 (`%FF`, say).
    NotUtf8,
    MissingText,
    EmptyText,
    TextTooLong {
        bytes: usize,
    },
    /// `text` or `ec` appears more than once: guessing which one the client meant would hide a bug.
    Repeated {
        parameter: &'static str,
    },
    InvalidEc,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::NotUtf8 => f.write_str("the query string does not percent-decode to UTF-8"),
            QueryError::MissingText => f.write_str("text is missing"),
            QueryError::EmptyText => f.write_str("text is empty"),
            QueryError::TextTooLong { bytes } => write!(
                f,
                "text is {bytes} UTF-8 bytes; the limit is {MAX_TEXT_BYTES}"
            ),
            QueryError::Repeated { parameter } => {
                write!(f, "{parameter} is given more than once")
            }
            QueryError::InvalidEc => f.write_str("ec must be one of L, M, Q, H"),
        }
    }
}

impl std::error::Error for QueryError {}

/// Parses and validates the query string of a `/qrcode` request (without the leading `?`).
pub fn parse_qr_request(query: &str) -> Result<QrRequest, QueryError> {
    let mut text = None;
    let mut ec = None;
    for pair in form_pairs(query) {
        let (name, value) = pair?;
        match name.as_str() {
            "text" => set_once(&mut text, value, "text")?,
            "ec" => set_once(&mut ec, value, "ec")?,
            _ => {}
        }
    }

    let text = text.ok_or(QueryError::MissingText)?;
    if text.is_empty() {
        return Err(QueryError::EmptyText);
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(QueryError::TextTooLong { bytes: text.len() });
    }
    let ec = match ec {
        None => EcLevel::default(),
        Some(value) => value.parse().map_err(|_| QueryError::InvalidEc)?,
    };
    Ok(QrRequest { text, ec })
}

fn set_once(
    slot: &mut Option<String>,
    value: String,
    parameter: &'static str,
) -> Result<(), QueryError> {
    if slot.is_some() {
        return Err(QueryError::Repeated { parameter });
    }
    *slot = Some(value);
    Ok(())
}

/// The decoded `(name, value)` pairs of a query string.
///
/// This splits exactly as `form_urlencoded::parse` does (empty pieces between `&`s are skipped; a
/// piece without `=` is a name with an empty value) but decodes strictly. `form_urlencoded` turns
/// invalid UTF-8 into U+FFFD, and its output cannot tell that apart from a client that really sent
/// U+FFFD (`%EF%BF%BD`): only decoding the raw bytes ourselves can, so a QR code never silently
/// carries a replacement character the client did not ask for.
fn form_pairs(query: &str) -> impl Iterator<Item = Result<(String, String), QueryError>> + '_ {
    query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            Ok((decode_component(name)?, decode_component(value)?))
        })
}

fn decode_component(raw: &str) -> Result<String, QueryError> {
    // `+` is replaced before percent-decoding, so `%2B` survives as a literal plus.
    let plus_as_space = raw.replace('+', " ");
    percent_decode_str(&plus_as_space)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|_| QueryError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<(String, EcLevel), QueryError> {
        parse_qr_request(query).map(|request| (request.text, request.ec))
    }

    #[test]
    fn a_plain_text_defaults_to_ec_level_low() {
        assert_eq!(parse("text=hello"), Ok(("hello".to_owned(), EcLevel::Low)));
    }

    #[test]
    fn ec_is_read_case_insensitively() {
        for (ec, level) in [
            ("L", EcLevel::Low),
            ("m", EcLevel::Medium),
            ("Q", EcLevel::Quartile),
            ("h", EcLevel::High),
        ] {
            assert_eq!(
                parse(&format!("text=hi&ec={ec}")),
                Ok(("hi".to_owned(), level))
            );
        }
    }

    #[test]
    fn plus_is_a_space_and_percent_2b_is_a_plus() {
        assert_eq!(parse("text=a+b").unwrap().0, "a b");
        assert_eq!(parse("text=a%2Bb").unwrap().0, "a+b");
        assert_eq!(parse("text=a%2bb").unwrap().0, "a+b");
    }

    #[test]
    fn percent_encoded_utf8_is_decoded() {
        let url = "https%3A%2F%2Fexample.com%2F%3Fq%3D%C3%A9t%C3%A9%26x%3D1";
        assert_eq!(
            parse(&format!("text={url}")).unwrap().0,
            "https://example.com/?q=été&x=1"
        );
    }

    #[test]
    fn a_lone_percent_sign_is_kept_literally() {
        assert_eq!(parse("text=100%").unwrap().0, "100%");
        assert_eq!(parse("text=%zz").unwrap().0, "%zz");
    }

    #[test]
    fn unknown_parameters_and_empty_pieces_are_ignored() {
        assert_eq!(
            parse("&&v=3&text=hi&&ec=Q&").unwrap(),
            ("hi".to_owned(), EcLevel::Quartile)
        );
    }

    #[test]
    fn a_missing_text_is_rejected() {
        assert_eq!(parse("").unwrap_err(), QueryError::MissingText);
        assert_eq!(parse("ec=H").unwrap_err(), QueryError::MissingText);
        assert_eq!(parse("Text=hi").unwrap_err(), QueryError::MissingText);
    }

    #[test]
    fn an_empty_text_is_rejected() {
        assert_eq!(parse("text=").unwrap_err(), QueryError::EmptyText);
        assert_eq!(parse("text").unwrap_err(), QueryError::EmptyText);
    }

    #[test]
    fn the_limit_counts_utf8_bytes_not_characters() {
        assert!(parse(&format!("text={}", "a".repeat(MAX_TEXT_BYTES))).is_ok());
        assert_eq!(
            parse(&format!("text={}", "a".repeat(MAX_TEXT_BYTES + 1))).unwrap_err(),
            QueryError::TextTooLong { bytes: 513 }
        );
        // 171 euro signs are 171 characters but 513 bytes.
        assert_eq!(
            parse(&format!("text={}", "%E2%82%AC".repeat(171))).unwrap_err(),
            QueryError::TextTooLong { bytes: 513 }
        );
    }

    #[test]
    fn a_repeated_parameter_is_rejected() {
        assert_eq!(
            parse("text=a&text=b").unwrap_err(),
            QueryError::Repeated { parameter: "text" }
        );
        assert_eq!(
            parse("text=a&ec=L&ec=H").unwrap_err(),
            QueryError::Repeated { parameter: "ec" }
        );
    }

    #[test]
    fn an_unknown_ec_is_rejected() {
        for ec in ["", "X", "LOW", "l%20"] {
            assert_eq!(
                parse(&format!("text=hi&ec={ec}")).unwrap_err(),
                QueryError::InvalidEc,
                "ec={ec}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_rejected_anywhere_in_the_query() {
        for query in ["text=%FF", "text=a%C3", "text=%C3&ec=L", "%FF=1&text=a"] {
            assert_eq!(parse(query).unwrap_err(), QueryError::NotUtf8, "{query}");
        }
    }

    #[test]
    fn a_replacement_character_the_client_sent_is_kept() {
        assert_eq!(parse("text=%EF%BF%BD").unwrap().0, "\u{FFFD}");
    }

    #[test]
    fn valid_queries_decode_as_form_urlencoded_does() {
        let queries = [
            "a=1&b=2",
            "&&a&=b&c=d=e&",
            "x=%41%2b%2B+%20%&y=%g1%4",
            "caf%C3%A9=%E2%82%AC+%F0%9F%A6%80",
        ];
        for query in queries {
            let ours: Vec<(String, String)> = form_pairs(query).collect::<Result<_, _>>().unwrap();
            let reference: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            assert_eq!(ours, reference, "{query}");
        }
    }

    #[test]
    fn reasons_are_one_line() {
        let errors = [
            QueryError::NotUtf8,
            QueryError::MissingText,
            QueryError::EmptyText,
            QueryError::TextTooLong { bytes: 600 },
            QueryError::Repeated { parameter: "text" },
            QueryError::InvalidEc,
        ];
        for error in errors {
            assert!(!error.to_string().contains('\n'), "{error:?}");
        }
        assert_eq!(
            QueryError::TextTooLong { bytes: 600 }.to_string(),
            "text is 600 UTF-8 bytes; the limit is 512"
        );
    }
}
