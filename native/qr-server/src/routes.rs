//! OrleansQr's HTTP contract as one hyper service function: `/qrcode`, `/healthz`, 404 and 405.
//!
//! Every request gets a response and nothing a client sends can produce a 500: bad input is a 400
//! with a one-line `text/plain` reason.

use std::convert::Infallible;

use hyper::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use hyper::{Body, Method, Request, Response, StatusCode};
use qr_core::QrError;

use crate::query::parse_qr_request;

const PNG: &str = "image/png";
const PLAIN_TEXT: &str = "text/plain; charset=utf-8";
const READ_METHODS: &str = "GET, HEAD";

/// Answers one request.
///
/// HEAD is answered like GET on purpose: hyper writes a HEAD response's headers, `Content-Length`
/// included, and drops its body, so both methods share one handler and cannot drift apart.
pub async fn handle(request: Request<Body>) -> Result<Response<Body>, Infallible> {
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    let response = match (request.uri().path(), is_read) {
        ("/qrcode", true) => qr_code(request.uri().query().unwrap_or("")),
        ("/healthz", true) => plain_text(StatusCode::OK, "ok"),
        ("/qrcode" | "/healthz", false) => method_not_allowed(),
        _ => plain_text(StatusCode::NOT_FOUND, "not found"),
    };
    Ok(response)
}

/// Encodes inline on the tokio worker rather than through `spawn_blocking`. An encode is pure CPU
/// work (about 100 µs) and the runtime already has one worker per core, so a blocking pool adds no
/// capacity: only a hand-off per request, more threads contending for the same cores, and cold
/// copies of qr-core's per-thread scratch buffers. Measured with `wrk -t2 -c64` on 2 cores in
/// interleaved runs: throughput was within noise (8-12k req/s both ways), and the server spent
/// 129-135 µs of CPU per request inline against 137-147 µs with `spawn_blocking`. The price of
/// inline is that a request queues behind the encodes already on its worker, which is what a
/// saturated CPU means anyway.
fn qr_code(query: &str) -> Response<Body> {
    let request = match parse_qr_request(query) {
        Ok(request) => request,
        Err(reason) => return plain_text(StatusCode::BAD_REQUEST, reason.to_string()),
    };
    match qr_core::encode_png(&request.text, request.ec) {
        Ok(png) => response(StatusCode::OK, PNG, png),
        Err(error) => plain_text(status_for(&error), error.to_string()),
    }
}

/// Every `QrError` describes the client's input. Matching exhaustively makes a new variant (an
/// internal failure, say) a compile error here instead of a silent 400.
fn status_for(error: &QrError) -> StatusCode {
    match error {
        QrError::Empty
        | QrError::TooLong { .. }
        | QrError::InvalidUtf8
        | QrError::InvalidOption => StatusCode::BAD_REQUEST,
    }
}

fn method_not_allowed() -> Response<Body> {
    let mut response = plain_text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(READ_METHODS));
    response
}

fn plain_text(status: StatusCode, reason: impl Into<Body>) -> Response<Body> {
    response(status, PLAIN_TEXT, reason)
}

fn response(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Body>,
) -> Response<Body> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use qr_core::EcLevel;

    struct Answer {
        status: StatusCode,
        content_type: String,
        allow: Option<String>,
        body: Vec<u8>,
    }

    /// Calls the service directly, without a socket.
    async fn call(method: Method, target: &str) -> Answer {
        let request = Request::builder()
            .method(method)
            .uri(target)
            .body(Body::empty())
            .unwrap();
        let response = handle(request).await.unwrap();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|value: &HeaderValue| value.to_str().unwrap().to_owned())
        };
        Answer {
            status: response.status(),
            content_type: header(CONTENT_TYPE).unwrap_or_default(),
            allow: header(ALLOW),
            body: hyper::body::to_bytes(response.into_body())
                .await
                .unwrap()
                .to_vec(),
        }
    }

    #[tokio::test]
    async fn qrcode_serves_the_core_crates_png() {
        let answer = call(
            Method::GET,
            "/qrcode?text=https%3A%2F%2Ftourofrust.com&ec=m",
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.content_type, "image/png");
        let expected = qr_core::encode_png("https://tourofrust.com", EcLevel::Medium).unwrap();
        assert_eq!(answer.body, expected);
    }

    #[tokio::test]
    async fn head_is_answered_like_get() {
        let get = call(Method::GET, "/qrcode?text=hi").await;
        let head = call(Method::HEAD, "/qrcode?text=hi").await;
        assert_eq!(head.status, get.status);
        assert_eq!(head.content_type, get.content_type);
        // hyper, not this service, leaves the body out on the wire (see the integration tests).
        assert_eq!(head.body, get.body);
    }

    #[tokio::test]
    async fn a_bad_query_is_a_400_with_its_reason() {
        let answer = call(Method::GET, "/qrcode?text=a&text=b").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(answer.content_type, "text/plain; charset=utf-8");
        assert_eq!(answer.body, b"text is given more than once");

        let answer = call(Method::GET, "/qrcode").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(answer.body, b"text is missing");
    }

    #[tokio::test]
    async fn other_methods_are_a_405_that_lists_the_allowed_ones() {
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS] {
            for path in ["/qrcode?text=hi", "/healthz"] {
                let answer = call(method.clone(), path).await;
                assert_eq!(
                    answer.status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path}"
                );
                assert_eq!(answer.allow.as_deref(), Some("GET, HEAD"));
            }
        }
    }

    #[tokio::test]
    async fn other_paths_are_a_404() {
        for path in ["/", "/qrcode/", "/QRCODE?text=hi", "/favicon.ico"] {
            assert_eq!(
                call(Method::GET, path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }

    #[tokio::test]
    async fn healthz_says_ok() {
        let answer = call(Method::GET, "/healthz").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body, b"ok");
    }

    #[test]
    fn every_core_error_is_the_clients() {
        let errors = [
            QrError::Empty,
            QrError::TooLong { bytes: 3000 },
            QrError::InvalidUtf8,
            QrError::InvalidOption,
        ];
        for error in errors {
            assert_eq!(status_for(&error), StatusCode::BAD_REQUEST);
        }
    }
}
