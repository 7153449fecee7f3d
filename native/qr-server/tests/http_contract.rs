//! Starts the real `qr-server` binary on a free loopback port and checks OrleansQr's HTTP contract
//! over a socket, the way the benchmark and the other tiers' clients see it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use qr_core::corpus::study_urls;
use qr_core::EcLevel;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// A `qr-server` child process, killed when dropped, so a failing test never leaves one behind.
struct RunningServer {
    child: Child,
    address: SocketAddr,
}

impl RunningServer {
    fn start() -> RunningServer {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qr-server"))
            .args(["--host", "127.0.0.1", "--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("qr-server starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut server = RunningServer {
            child,
            address: SocketAddr::from(([127, 0, 0, 1], 0)),
        };
        server.address = read_listening_address(stdout);
        server.wait_until_healthy();
        server
    }

    fn wait_until_healthy(&self) {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            match self.try_send("GET", "/healthz") {
                Ok(response) if response.status == 200 && response.body == b"ok" => return,
                _ if Instant::now() > deadline => panic!("qr-server never became healthy"),
                _ => thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    fn get(&self, target: &str) -> HttpResponse {
        self.send("GET", target)
    }

    fn send(&self, method: &str, target: &str) -> HttpResponse {
        self.try_send(method, target)
            .unwrap_or_else(|error| panic!("{method} {target}: {error}"))
    }

    /// One request on its own connection; `Connection: close` makes the body end at EOF.
    fn try_send(&self, method: &str, target: &str) -> std::io::Result<HttpResponse> {
        let mut stream = TcpStream::connect(self.address)?;
        stream.set_read_timeout(Some(IO_TIMEOUT))?;
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.address
        )?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        Ok(HttpResponse::parse(&raw))
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        // Errors mean it has already exited, which is all we want.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the "listening on" line, with a timeout so a silent server fails the test instead of
/// hanging it. The reader thread then drains stdout so the server can never block on a full pipe.
fn read_listening_address(stdout: impl Read + Send + 'static) -> SocketAddr {
    let (first_line_sender, first_line) = mpsc::channel();
    thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let _ = first_line_sender.send(lines.next());
        lines.for_each(drop);
    });
    let line = first_line
        .recv_timeout(STARTUP_TIMEOUT)
        .expect("qr-server prints a line when listening")
        .expect("qr-server prints before it exits")
        .expect("stdout is UTF-8");
    line.strip_prefix("qr-server listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .expect("the line ends with the bound address")
}

struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl HttpResponse {
    fn parse(raw: &[u8]) -> HttpResponse {
        let head_end = raw
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("a complete response head");
        let head = std::str::from_utf8(&raw[..head_end]).expect("an ASCII head");
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|status_line| status_line.split(' ').nth(1))
            .and_then(|code| code.parse().ok())
            .expect("a status line");
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').expect("a header line");
                (name.trim().to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        HttpResponse {
            status,
            headers,
            body: raw[head_end + 4..].to_vec(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header == name)
            .map(|(_, value)| value.as_str())
    }

    fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("a UTF-8 body")
    }
}

fn query_encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[test]
fn every_study_url_is_served_as_the_core_crates_png() {
    let server = RunningServer::start();
    for url in study_urls() {
        let response = server.get(&format!("/qrcode?text={}", query_encoded(url)));
        assert_eq!(response.status, 200, "{url}");
        assert_eq!(response.header("content-type"), Some("image/png"), "{url}");
        assert!(response.body.starts_with(PNG_SIGNATURE), "{url}");
        assert_eq!(
            response.body,
            qr_core::encode_png(url, EcLevel::Low).unwrap(),
            "{url}"
        );
    }
}

#[test]
fn the_ec_level_is_passed_to_the_encoder() {
    let server = RunningServer::start();
    let response = server.get("/qrcode?text=OrleansQr&ec=h");
    assert_eq!(response.status, 200);
    assert_eq!(
        response.body,
        qr_core::encode_png("OrleansQr", EcLevel::High).unwrap()
    );
}

#[test]
fn head_has_the_headers_of_get_and_no_body() {
    let server = RunningServer::start();
    let target = "/qrcode?text=https%3A%2F%2Ftourofrust.com";
    let get = server.get(target);
    let head = server.send("HEAD", target);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("image/png"));
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );
    assert!(head.body.is_empty());
}

#[test]
fn bad_queries_are_a_400_with_a_one_line_reason() {
    let server = RunningServer::start();
    let too_long = format!("/qrcode?text={}", "a".repeat(513));
    let cases = [
        ("/qrcode", "text is missing"),
        ("/qrcode?ec=M", "text is missing"),
        ("/qrcode?text=", "text is empty"),
        (
            too_long.as_str(),
            "text is 513 UTF-8 bytes; the limit is 512",
        ),
        ("/qrcode?text=a&text=b", "text is given more than once"),
        ("/qrcode?text=a&ec=X", "ec must be one of L, M, Q, H"),
        (
            "/qrcode?text=%FF",
            "the query string does not percent-decode to UTF-8",
        ),
    ];
    for (target, reason) in cases {
        let response = server.get(target);
        assert_eq!(response.status, 400, "{target}");
        assert_eq!(
            response.header("content-type"),
            Some("text/plain; charset=utf-8"),
            "{target}"
        );
        assert_eq!(response.body_text(), reason, "{target}");
    }
}

#[test]
fn other_methods_are_a_405_that_allows_get_and_head() {
    let server = RunningServer::start();
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let response = server.send(method, "/qrcode?text=hi");
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("allow"), Some("GET, HEAD"), "{method}");
    }
}

#[test]
fn other_paths_are_a_404() {
    let server = RunningServer::start();
    for target in ["/", "/qrcode/png?text=hi", "/index.html"] {
        assert_eq!(server.get(target).status, 404, "{target}");
    }
}

#[test]
fn plus_is_a_space_and_percent_2b_is_a_plus() {
    let server = RunningServer::start();
    let with_space = server.get("/qrcode?text=a+b");
    let with_plus = server.get("/qrcode?text=a%2Bb");
    assert_eq!(with_space.status, 200);
    assert_eq!(with_plus.status, 200);
    assert_ne!(with_space.body, with_plus.body);
    assert_eq!(
        with_space.body,
        qr_core::encode_png("a b", EcLevel::Low).unwrap()
    );
    assert_eq!(
        with_plus.body,
        qr_core::encode_png("a+b", EcLevel::Low).unwrap()
    );
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let mut server = RunningServer::start();
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    let exit = loop {
        if let Some(exit) = server.child.try_wait().expect("the child can be waited on") {
            break exit;
        }
        assert!(Instant::now() < deadline, "qr-server ignored SIGTERM");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit}");
}
