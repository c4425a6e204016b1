//! The preview's HTTP side: the built site's files, and the live-reload endpoints.
//!
//! tiny_http parses requests (one thread per connection inside tiny_http, growing with the load);
//! a fixed set of worker threads answers them, so a burst of requests never starves the others.
//! The status endpoint is a long poll (the answer waits until the next build, or 25 s), handed to a
//! thread of its own so that an open tab holds no worker.
//!
//! Paths never leave the site's folder: the decoded path is refused if a segment is `..` or `.`,
//! or holds a backslash or NUL, and the file found must still be inside the folder once symlinks
//! are resolved. Pages get a small script injected before `</body>` (never in `build` output)
//! that reloads them after a good build and shows a banner after a failed one.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::Live;

/// The prefix of the preview's own URLs; no page of a site uses it.
pub(crate) const PREFIX: &str = "/__recueil/";

const LIVE_JS: &str = include_str!("live.js");

/// How long a status request waits for a new build before answering anyway.
const POLL: Duration = Duration::from_secs(25);

/// Answers requests until the server is dropped; `workers` threads share the queue.
pub(crate) fn run(server: Arc<tiny_http::Server>, site: Arc<Site>, workers: usize) {
    let mut threads = Vec::new();
    for i in 0..workers {
        let (server, site) = (Arc::clone(&server), Arc::clone(&site));
        let spawned = std::thread::Builder::new()
            .name(format!("serve-{i}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    site.answer(request);
                }
            });
        threads.extend(spawned.ok());
    }
    for thread in threads {
        let _ = thread.join();
    }
}

/// The folder served and the state of the builds.
pub(crate) struct Site {
    /// The output folder, as given (it is swapped whole at each build, so it is not resolved once).
    pub root: PathBuf,
    pub live: Arc<Live>,
}

/// What a request asks for, once its path is checked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    File(PathBuf),
    /// A folder asked for without its `/`: relative links inside it need the `/`.
    Redirect(String),
    LiveScript,
    Status {
        since: Option<u64>,
    },
    NotFound,
}

impl Site {
    fn answer(self: &Arc<Self>, request: Request) {
        if !matches!(request.method(), Method::Get | Method::Head) {
            let _ = request.respond(text(405, "only GET and HEAD are served"));
            return;
        }
        match self.target(request.url()) {
            Target::Status { since } => {
                let site = Arc::clone(self);
                // A long poll holds its own thread, not a worker.
                let _ = std::thread::Builder::new()
                    .name("serve-status".into())
                    .spawn(move || site.status(request, since));
            }
            Target::LiveScript => {
                let _ = request.respond(bytes(
                    200,
                    LIVE_JS.as_bytes().to_vec(),
                    "text/javascript; charset=utf-8",
                ));
            }
            Target::Redirect(location) => {
                let response = text(301, "moved").with_header(header("Location", &location));
                let _ = request.respond(response);
            }
            Target::File(path) => {
                let response = self.file(&path, 200).unwrap_or_else(|| self.not_found());
                let _ = request.respond(response);
            }
            Target::NotFound => {
                let _ = request.respond(self.not_found());
            }
        }
    }

    /// Resolves a request target (`/fr/a-res-61-168.html?x#y`) to what to answer.
    pub(crate) fn target(&self, url: &str) -> Target {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        if path == format!("{PREFIX}live.js") {
            return Target::LiveScript;
        }
        if path == format!("{PREFIX}status") {
            let since = query_value(url, "since").and_then(|v| v.parse().ok());
            return Target::Status { since };
        }
        let Some(decoded) = percent_decode(path) else {
            return Target::NotFound;
        };
        let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
        let unsafe_segment =
            |s: &&str| *s == ".." || *s == "." || s.contains('\\') || s.contains('\0');
        if !decoded.starts_with('/') || segments.iter().any(unsafe_segment) {
            return Target::NotFound;
        }
        let mut file = self.root.clone();
        file.extend(&segments);
        if file.is_dir() {
            if !decoded.ends_with('/') {
                return Target::Redirect(format!("{path}/"));
            }
            file.push("index.html");
        }
        match self.inside(&file) {
            Some(real) if real.is_file() => Target::File(real),
            _ => Target::NotFound,
        }
    }

    /// `path` with symlinks resolved, when that is still inside the site's folder.
    fn inside(&self, path: &Path) -> Option<PathBuf> {
        let root = self.root.canonicalize().ok()?;
        let real = path.canonicalize().ok()?;
        real.starts_with(&root).then_some(real)
    }

    fn file(&self, path: &Path, status: u16) -> Option<Response<Cursor<Vec<u8>>>> {
        let data = fs_err::read(path).ok()?;
        let content_type = content_type(path);
        let data = if content_type.starts_with("text/html") {
            inject(&data, self.live.generation())
        } else {
            data
        };
        Some(bytes(status, data, content_type))
    }

    fn not_found(&self) -> Response<Cursor<Vec<u8>>> {
        if let Some(page) = self
            .inside(&self.root.join("404.html"))
            .and_then(|p| self.file(&p, 404))
        {
            return page;
        }
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head>\
                    <body><h1>Not found</h1><p>No such page in the site being previewed.</p></body></html>";
        bytes(
            404,
            inject(page.as_bytes(), self.live.generation()),
            "text/html; charset=utf-8",
        )
    }

    /// The long poll: answers once a build newer than `since` is done (at once without `since`).
    fn status(&self, request: Request, since: Option<u64>) {
        let status = match since {
            Some(since) => self.live.wait_newer(since, POLL),
            None => self.live.current(),
        };
        let body = format!(
            "{{\"generation\":{},\"error\":{}}}",
            status.generation,
            status
                .error
                .as_deref()
                .map_or("null".to_string(), json_string)
        );
        let _ = request.respond(bytes(200, body.into_bytes(), "application/json"));
    }
}

/// Puts the live-reload script before `</body>` (or at the end).
pub(crate) fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{PREFIX}live.js\" data-generation=\"{generation}\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn bytes(status: u16, data: Vec<u8>, content_type: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(data)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        // A preview must never show a page from the browser's cache.
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, message: &str) -> Response<Cursor<Vec<u8>>> {
    bytes(
        status,
        message.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn query_value<'u>(url: &'u str, key: &str) -> Option<&'u str> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

/// `%2e%2E` -> `..`; `None` for a malformed escape or bytes that are not UTF-8.
pub(crate) fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
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

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
