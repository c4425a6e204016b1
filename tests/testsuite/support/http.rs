//! A tiny static file server for the tests, on `std::net` only.
//!
//! It serves one folder under a URL prefix, the way GitHub Pages serves a project site at
//! `https://user.github.io/archive/`, so that browser tests can check that a built site works
//! from a subpath and not only from the server root or from `file://`:
//!
//! ```ignore
//! let server = support::http::Server::start(&site_dir, "/archive/");
//! browser.open(&server.url("index.html")); // http://127.0.0.1:PORT/archive/index.html
//! assert_eq!(server.not_found(), Vec::<String>::new());
//! ```
//!
//! - bound to `127.0.0.1` on a free port chosen by the system;
//! - one background thread accepts connections, one short-lived thread answers each
//!   (`Connection: close`); everything stops when the [`Server`] is dropped;
//! - `GET` and `HEAD` only; `/archive` redirects to `/archive/`, a folder to its `index.html`;
//! - content types for `.html`, `.css`, `.js`, `.svg`, `.png`, `.xml`, `.json` (and a few more);
//! - [`Server::start_with_headers`] adds headers to every answer (a `Content-Security-Policy`,
//!   as a site's host would send);
//! - 404 for anything missing or outside the prefix; never serves a file outside the folder:
//!   a path with a `..`, `.`, empty, backslash or NUL segment is refused, and the resolved
//!   path (symlinks followed) must still be inside the folder.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request as the server answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The request target as received, e.g. `/archive/fr/x.html?q=1`.
    pub path: String,
    /// The status code sent back.
    pub status: u16,
}

/// A running server; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    prefix: String,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Served>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `root` under `prefix` (which must start and end with `/`, e.g. `"/archive/"`).
    #[track_caller]
    pub fn start(root: &Path, prefix: &str) -> Server {
        Server::start_with_headers(root, prefix, &[])
    }

    /// As [`start`](Self::start), every answer carrying `headers` too, e.g.
    /// `[("Content-Security-Policy", "default-src 'self'")]`.
    #[track_caller]
    pub fn start_with_headers(root: &Path, prefix: &str, headers: &[(&str, &str)]) -> Server {
        assert!(
            prefix.starts_with('/') && prefix.ends_with('/'),
            "the URL prefix must start and end with '/', got {prefix:?}"
        );
        let root = root
            .canonicalize()
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", root.display()));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let site = Arc::new(Site {
            root,
            prefix: prefix.to_owned(),
            headers: headers
                .iter()
                .map(|(name, value)| format!("{name}: {value}\r\n"))
                .collect(),
        });
        let thread = {
            let (stop, log) = (Arc::clone(&stop), Arc::clone(&log));
            std::thread::Builder::new()
                .name(format!("test-http-{}", addr.port()))
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let (site, log) = (Arc::clone(&site), Arc::clone(&log));
                        std::thread::spawn(move || {
                            if let Some(served) = site.answer(stream) {
                                log.lock().unwrap().push(served);
                            }
                        });
                    }
                })
                .expect("spawn the server thread")
        };
        Server {
            addr,
            prefix: prefix.to_owned(),
            stop,
            log,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT/archive/` followed by `path` (relative to the served folder).
    pub fn url(&self, path: &str) -> String {
        format!(
            "http://{}{}{}",
            self.addr,
            self.prefix,
            path.trim_start_matches('/')
        )
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request answered so far, in order.
    pub fn requests(&self) -> Vec<Served> {
        self.log.lock().unwrap().clone()
    }

    /// The request targets answered with a 4xx or 5xx status, as `"target -> status"`,
    /// except `/favicon.ico`, which Chromium asks for on its own when a page declares no icon.
    pub fn not_found(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter(|s| s.status >= 400 && s.path != "/favicon.ico")
            .map(|s| format!("{} -> {}", s.path, s.status))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop up so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Site {
    root: PathBuf,
    prefix: String,
    /// Added to every answer, each `Name: value\r\n`.
    headers: String,
}

struct Response {
    status: u16,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: body.as_bytes().to_vec(),
        }
    }

    fn redirect(to: String) -> Response {
        Response {
            location: Some(to),
            ..Response::text(301, "moved")
        }
    }
}

impl Site {
    /// Reads one request from `stream` and answers it; `None` when nothing usable was read.
    fn answer(&self, stream: TcpStream) -> Option<Served> {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        stream
            .set_write_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        let mut reader = BufReader::new(stream.try_clone().ok()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line).ok()?;
        // Skip the headers: nothing in them matters here.
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" || line == "\n" {
                break;
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next()?, parts.next()?);
        let response = match method {
            "GET" | "HEAD" => self.respond(target),
            _ => Response::text(405, "method not allowed"),
        };
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
            response.status,
            reason(response.status),
            response.content_type,
            response.body.len()
        );
        if let Some(location) = &response.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        head.push_str(&self.headers);
        head.push_str("\r\n");
        let mut stream = stream;
        let _ = stream.write_all(head.as_bytes());
        if method != "HEAD" {
            let _ = stream.write_all(&response.body);
        }
        let _ = stream.flush();
        Some(Served {
            path: target.to_owned(),
            status: response.status,
        })
    }

    /// What GitHub Pages does: a missing page gets the site's `404.html`, with status 404.
    fn respond(&self, target: &str) -> Response {
        let response = self.serve(target);
        if response.status != 404 {
            return response;
        }
        match std::fs::read(self.root.join("404.html")) {
            Ok(body) => Response {
                status: 404,
                content_type: "text/html; charset=utf-8",
                location: None,
                body,
            },
            Err(_) => response,
        }
    }

    fn serve(&self, target: &str) -> Response {
        let path = target.split(['?', '#']).next().unwrap_or_default();
        if path == self.prefix.trim_end_matches('/') {
            return Response::redirect(self.prefix.clone());
        }
        let Some(rest) = path.strip_prefix(&self.prefix) else {
            return Response::text(404, "not found");
        };
        let Some(rest) = percent_decode(rest) else {
            return Response::text(400, "bad request");
        };
        let mut file = self.root.clone();
        for segment in rest.split('/').filter(|s| !s.is_empty()) {
            if segment == ".." || segment == "." || segment.contains(['\\', '\0']) {
                return Response::text(404, "not found");
            }
            file.push(segment);
        }
        if file.is_dir() {
            if !path.ends_with('/') {
                return Response::redirect(format!("{path}/"));
            }
            file.push("index.html");
        }
        // Symlinks must not lead out of the folder either.
        let Ok(file) = file.canonicalize() else {
            return Response::text(404, "not found");
        };
        if !file.starts_with(&self.root) || !file.is_file() {
            return Response::text(404, "not found");
        }
        match std::fs::read(&file) {
            Ok(body) => Response {
                status: 200,
                content_type: content_type(&file),
                location: None,
                body,
            },
            Err(_) => Response::text(404, "not found"),
        }
    }
}

/// The `Content-Type` for a file, from its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}
