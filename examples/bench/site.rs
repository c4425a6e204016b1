//! What a built site weighs and what a reader's search loads (issue 15), for `bench.rs`:
//!
//! - the site on disk (the sum of its files, as GitHub Pages counts a deployment) and its
//!   largest file;
//! - for each query, the bytes of the search files a real headless Chromium loads to answer it
//!   (`search/…` and `theme/search.js`, read from the browser's resource timing entries and the
//!   page's scripts, and summed by their sizes on disk, so that `file://`, where the browser
//!   reports no resource timing, is measured like http), over `file://` and over http under a
//!   subpath.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The queries of the search measure: frequent words, as readers type them.
pub const QUERIES: [&str; 3] = [
    "coopération internationale droits",
    "développement durable pays",
    "protection des civils conflits",
];

/// The size of a site and its largest file.
#[derive(Debug)]
pub struct Weight {
    pub bytes: u64,
    pub files: usize,
    pub largest: (u64, String),
}

pub fn weigh(site: &Path) -> Weight {
    let mut weight = Weight {
        bytes: 0,
        files: 0,
        largest: (0, String::new()),
    };
    for entry in walkdir::WalkDir::new(site).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name == ".recueil-manifest" {
            continue;
        }
        let size = entry.metadata().map_or(0, |m| m.len());
        weight.bytes += size;
        weight.files += 1;
        if size > weight.largest.0 {
            let path = entry.path().strip_prefix(site).unwrap_or(entry.path());
            weight.largest = (size, path.display().to_string());
        }
    }
    weight
}

/// The bytes each query loads, over `file://` and over http (`(query, file, http)`), or why it
/// could not be measured (no Chromium).
pub fn search_bytes(site: &Path) -> Result<Vec<(String, u64, u64)>, String> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return Err(format!("no Chromium at {}", chromium.display()));
    }
    let options = headless_chrome::LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(chromium),
        idle_browser_timeout: Duration::from_secs(300),
        ..headless_chrome::LaunchOptions::default()
    };
    let browser = headless_chrome::Browser::new(options).map_err(|e| e.to_string())?;
    let server = Server::start(site);
    let site = site.canonicalize().map_err(|e| e.to_string())?;
    let file_base = format!("file://{}/", site.display());
    let http_base = format!("http://127.0.0.1:{}/archive/", server.port);
    let mut rows = Vec::new();
    for query in QUERIES {
        let mut loaded = [0u64; 2];
        for (i, base) in [&file_base, &http_base].into_iter().enumerate() {
            // A new tab per query: nothing cached from the previous one.
            let tab = browser.new_tab().map_err(|e| e.to_string())?;
            let url = format!("{base}fr/search.html?q={}", query.replace(' ', "+"));
            tab.navigate_to(&url).map_err(|e| e.to_string())?;
            tab.wait_until_navigated().map_err(|e| e.to_string())?;
            std::thread::sleep(Duration::from_millis(1500));
            let names = tab
                .evaluate(
                    // Resource timing has no entries for `file://`: the scripts in the page
                    // are what the browser loaded there (search.js adds one per file).
                    "JSON.stringify([...new Set(performance.getEntriesByType('resource').map(e => e.name)\
                     .concat([...document.scripts].map(s => s.src)))])",
                    false,
                )
                .map_err(|e| e.to_string())?;
            let names: Vec<String> = names
                .value
                .and_then(|v| v.as_str().and_then(|s| serde_json::from_str(s).ok()))
                .unwrap_or_default();
            loaded[i] = names
                .iter()
                .filter_map(|name| name.strip_prefix(base.as_str()))
                .filter(|path| path.starts_with("search/") || *path == "theme/search.js")
                .map(|path| {
                    let path = path.split('?').next().unwrap_or(path);
                    std::fs::metadata(site.join(path)).map_or(0, |m| m.len())
                })
                .sum();
            let _ = tab.close(true);
        }
        rows.push((query.to_string(), loaded[0], loaded[1]));
    }
    Ok(rows)
}

/// A static server of the site under `/archive/`, as GitHub Pages serves a project site.
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("its address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let (root, stopped) = (root.to_path_buf(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                let root = root.clone();
                std::thread::spawn(move || answer(stream, &root));
            }
        });
        Server { port, stop }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn answer(mut stream: std::net::TcpStream, root: &Path) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let target = line.split(' ').nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("");
    let file = path
        .strip_prefix("/archive/")
        .filter(|p| !p.split('/').any(|s| s == ".." || s.is_empty()))
        .map(|p| root.join(p));
    let (status, body) = match file.and_then(|f| std::fs::read(f).ok()) {
        Some(body) => ("200 OK", body),
        None => ("404 Not Found", Vec::new()),
    };
    let kind = match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}
