//! The preview's HTTP side: the built site's files, and the live-reload endpoints.
//!
//! hyper serves HTTP/1.1 on a small tokio runtime: each connection is a task, so idle keep-alive
//! connections and open tabs' long polls cost no thread. File reads and the long poll (which
//! waits on the build state's condition variable until the next build, or 25 s) run on tokio's
//! blocking pool, never on the threads that accept and parse requests.
//!
//! Paths never leave the site's folder: the decoded path is refused if a segment is `..` or `.`,
//! or holds a backslash or NUL, and the file found must still be inside the folder once symlinks
//! are resolved. Pages get a small script injected before `</body>` (never in `build` output)
//! that reloads them after a good build and shows a banner after a failed one.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use hyper::{Method, Request, Response, StatusCode};

use super::{Live, Status};

/// The prefix of the preview's own URLs; no page of a site uses it.
pub(crate) const PREFIX: &str = "/__recueil/";

const LIVE_JS: &str = include_str!("live.js");

/// How long a status request waits for a new build before answering anyway.
const POLL: Duration = Duration::from_secs(25);

/// Serves `site` on `listener` until the process ends.
pub(crate) fn run(listener: std::net::TcpListener, site: Arc<Site>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("serve-http")
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was accepted: the
                // others go on; a short pause lets descriptors come back.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            };
            let site = Arc::clone(&site);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| {
                    let site = Arc::clone(&site);
                    async move { Ok::<_, Infallible>(site.answer(request).await) }
                });
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, service)
                    .await;
            });
        }
    })
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

type Answer = Response<Full<Bytes>>;

impl Site {
    async fn answer(self: Arc<Self>, request: Request<Incoming>) -> Answer {
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return text(405, "only GET and HEAD are served");
        }
        let url = request
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        match self.target(&url) {
            Target::Status { since } => {
                let live = Arc::clone(&self.live);
                let status = tokio::task::spawn_blocking(move || match since {
                    Some(since) => live.wait_newer(since, POLL),
                    None => live.current(),
                })
                .await
                .unwrap_or_default();
                status_json(&status)
            }
            Target::LiveScript => bytes(
                200,
                LIVE_JS.as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
            ),
            Target::Redirect(location) => {
                let mut response = text(301, "moved");
                if let Ok(value) = location.parse() {
                    response.headers_mut().insert(LOCATION, value);
                }
                response
            }
            Target::File(path) => {
                let site = Arc::clone(&self);
                tokio::task::spawn_blocking(move || {
                    site.file(&path, 200).unwrap_or_else(|| site.not_found())
                })
                .await
                .unwrap_or_else(|_| text(500, "the file could not be read"))
            }
            Target::NotFound => {
                let site = Arc::clone(&self);
                tokio::task::spawn_blocking(move || site.not_found())
                    .await
                    .unwrap_or_else(|_| text(404, "not found"))
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

    fn file(&self, path: &Path, status: u16) -> Option<Answer> {
        let data = fs_err::read(path).ok()?;
        let content_type = content_type(path);
        let data = if content_type.starts_with("text/html") {
            inject(&data, self.live.generation())
        } else {
            data
        };
        Some(bytes(status, data, content_type))
    }

    fn not_found(&self) -> Answer {
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
}

fn status_json(status: &Status) -> Answer {
    let body = format!(
        "{{\"generation\":{},\"error\":{}}}",
        status.generation,
        status
            .error
            .as_deref()
            .map_or("null".to_string(), json_string)
    );
    bytes(200, body.into_bytes(), "application/json")
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

fn bytes(status: u16, data: Vec<u8>, content_type: &'static str) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from(data)));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(content_type),
    );
    // A preview must never show a page from the browser's cache.
    headers.insert(
        CACHE_CONTROL,
        hyper::header::HeaderValue::from_static("no-store"),
    );
    response
}

fn text(status: u16, message: &str) -> Answer {
    bytes(
        status,
        message.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
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
