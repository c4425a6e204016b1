//! `recueil serve` as a contributor uses it: the binary on a free port over a copy of an archive;
//! a saved note is served within two seconds, a broken save shows a banner in the open page and
//! keeps the last good site, the next good save clears it; nothing leaves the site's folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::incremental::{contents, fresh_build, identities, rewritten};
use crate::support::browser::Browser;
use crate::support::copy_fixture;

/// A running `recueil serve`, stopped when dropped.
struct Serve {
    child: Child,
    port: u16,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recueil"))
            .args(["--root", root.to_str().unwrap(), "serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("recueil serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("serving http://127.0.0.1:")
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        Serve { child, port }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// `GET path`: the status code and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        (status, body.to_string())
    }

    /// Waits until `GET path` answers a body for which `accept` holds; returns how long it took.
    fn wait_for(&self, path: &str, within: Duration, accept: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if accept(&body) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < within,
                "not served within {within:?}: {body}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const PAGE: &str = "/fr/a-res-10-1.html";

fn notes_file(root: &Path) -> std::path::PathBuf {
    root.join("content/resolutions/a-res-10-1/notes.md")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_saved_note_is_served_and_a_broken_one_reported_until_fixed() {
    let dir = copy_fixture("sites/notes");
    let serve = Serve::start(dir.path());
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("Note générale sur la résolution 10/1"));
    assert!(
        page.contains("<script src=\"/__recueil/live.js\""),
        "the reload script is injected"
    );
    let built = std::fs::read_to_string(dir.path().join("public").join(&PAGE[1..])).unwrap();
    assert!(!built.contains("__recueil"), "never in the built files");

    let notes = notes_file(dir.path());
    edit(&notes, "Note générale sur", "Nouvelle note générale sur");
    let took = serve.wait_for(PAGE, Duration::from_secs(2), |b| {
        b.contains("Nouvelle note générale")
    });
    eprintln!("edit served after {took:?}");

    edit(&notes, "date: 2024-05-01", "date: 2024-13-01");
    serve.wait_for("/__recueil/status", Duration::from_secs(2), |b| {
        b.contains("notes.md:3") && !b.contains("\"error\":null")
    });
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200, "the last good site is still served");
    assert!(page.contains("Nouvelle note générale"));

    edit(&notes, "date: 2024-13-01", "date: 2024-05-02");
    serve.wait_for("/__recueil/status", Duration::from_secs(2), |b| {
        b.contains("\"error\":null")
    });
    serve.wait_for(PAGE, Duration::from_secs(2), |b| b.contains("2 mai 2024"));
}

#[test]
fn the_open_page_reloads_after_a_good_save_and_shows_a_banner_after_a_bad_one() {
    let dir = copy_fixture("sites/notes");
    let serve = Serve::start(dir.path());
    let browser = Browser::launch();
    browser.open(&serve.url(PAGE));
    let notes = notes_file(dir.path());
    let wait = |what: &str, expression: &str| {
        let start = Instant::now();
        while browser.try_eval(expression).ok() != Some(serde_json::Value::Bool(true)) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{what}: timed out"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        start.elapsed()
    };
    // Marks this document: a reload makes a new one.
    browser.eval("window.__before_reload = true");
    edit(&notes, "Note générale sur", "Note revue sur");
    let took = wait(
        "the page reloads with the new text",
        "!window.__before_reload && document.body.textContent.includes('Note revue sur')",
    );
    eprintln!("page reloaded after {took:?}");

    edit(&notes, "## op2 Suite", "## op99 Suite");
    wait(
        "a banner names the problem",
        "(document.getElementById('recueil-build-error')?.textContent || '').includes('`op99` is not a paragraph')",
    );
    edit(&notes, "## op99 Suite", "## op2 Suite");
    wait(
        "the next good save clears it",
        "!document.getElementById('recueil-build-error') && document.readyState === 'complete'",
    );
    assert!(browser.text("#note-op2").contains("Suite de l’examen"));
}

/// The generation of the last build, as the status endpoint says it.
fn generation(serve: &Serve) -> u64 {
    let (_, body) = serve.get("/__recueil/status");
    body.split("\"generation\":")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no generation in {body}"))
}

#[test]
fn a_note_edit_rewrites_its_pages_alone_and_as_a_full_build_would() {
    let dir = copy_fixture("sites/notes");
    let serve = Serve::start(dir.path());
    let public = dir.path().join("public");
    let before = identities(&public);
    let since = generation(&serve);
    let notes = dir.path().join("content/resolutions/a-res-11-2/notes.md");
    let text = std::fs::read_to_string(&notes).unwrap();
    std::fs::write(&notes, format!("{text}\nUne phrase de plus.\n")).unwrap();
    // Two generations: its pages first (the open page reloads), then the lists that show every
    // resolution's notes (home pages, feeds, search files).
    let whole = since + 2;
    serve.wait_for(
        &format!("/__recueil/status?since={}", since + 1),
        Duration::from_secs(5),
        |b| b.contains("\"error\":null") && b.contains(&format!("\"generation\":{whole},")),
    );
    let rewritten = rewritten(&before, &identities(&public));
    assert_eq!(
        rewritten,
        [
            "en/a-res-11-2.html",
            "en/text/a-res-11-2.js",
            "fr/a-res-11-2.html",
            "fr/text/a-res-11-2.js",
            // The note is searched: its text in each language's file of the resolution, the
            // shards of the words added ("une phrase de plus"; "de" is a stop word in French
            // only) and the list of shards.
            "search/en/de.js",
            "search/en/phr.js",
            "search/en/plu.js",
            "search/en/text/a-res-11-2.js",
            "search/en/une.js",
            "search/fr/phr.js",
            "search/fr/plu.js",
            "search/fr/text/a-res-11-2.js",
            "search/index.js",
        ]
    );
    assert_eq!(contents(&public), fresh_build(dir.path()).1);
}

#[test]
fn requests_never_leave_the_site_folder() {
    let dir = copy_fixture("sites/notes");
    let serve = Serve::start(dir.path());
    for path in [
        "/../book.toml",
        "/%2e%2e/book.toml",
        "/fr/%2E%2E/%2e%2e/book.toml",
        "/..%2fbook.toml",
        "/fr/..%5c..%5cbook.toml",
    ] {
        let (status, body) = serve.get(path);
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("[book]"), "{path}");
    }
    assert_eq!(serve.get("/fr").0, 301);
    assert_eq!(serve.get("/").0, 200);
}

/// The request line as sent, byte for byte: status and body.
fn raw_request(port: u16, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

#[test]
fn raw_requests_and_symlinks_never_leave_the_site_folder() {
    let dir = copy_fixture("sites/notes");
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    let serve = Serve::start(dir.path());
    let public = dir.path().join("public");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), public.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), public.join("up")).unwrap();
    }
    let targets = [
        "/../secret.txt",
        "../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2e%2Fsecret.txt",
        "/fr/%2e%2e/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/.%2e/secret.txt",
        "//secret.txt",
        "/%00/../secret.txt",
        "http://127.0.0.1/../secret.txt",
        "/leak.txt",
        "/up/secret.txt",
        "/up/book.toml",
    ];
    for target in targets {
        let request =
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        let (status, response) = raw_request(serve.port, request.as_bytes());
        assert!(
            !response.contains("SECRET") && !response.contains("[book]"),
            "{target}: {response}"
        );
        assert!(status == 404 || status == 400, "{target}: {status}");
    }
    // Not even a method the preview does not serve.
    let (status, _) = raw_request(
        serve.port,
        b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 405);
    assert_eq!(
        raw_request(
            serve.port,
            b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .0,
        200
    );
}

#[test]
fn the_preview_listens_on_this_machine_only() {
    let dir = copy_fixture("sites/notes");
    let serve = Serve::start(dir.path());
    // The address this machine would use to reach another (no packet is sent).
    let outward = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|socket| socket.connect("192.0.2.1:9").map(|()| socket))
        .and_then(|socket| socket.local_addr())
        .map(|addr| addr.ip());
    match outward {
        Ok(ip) if !ip.is_loopback() && !ip.is_unspecified() => {
            let reached = TcpStream::connect_timeout(
                &std::net::SocketAddr::new(ip, serve.port),
                Duration::from_secs(2),
            );
            assert!(
                reached.is_err(),
                "the preview answers on {ip}, not only on 127.0.0.1"
            );
        }
        _ => eprintln!("no address but the loopback here: only 127.0.0.1 was checked"),
    }
    assert_eq!(serve.get("/").0, 200);
}

/// The system's own cap on a listening socket's queue (Linux); the preview asks for 1,024.
fn system_queue_limit() -> usize {
    std::fs::read_to_string("/proc/sys/net/core/somaxconn")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1000)
}

/// Stops (`STOP`) or resumes (`CONT`) the preview's process.
fn signal(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} failed");
}

#[test]
fn a_thousand_requests_at_once_are_all_answered_even_while_the_preview_is_busy() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let dir = copy_fixture("sites/notes");
    let serve = Serve::start(dir.path());
    let port = serve.port;
    // While the process is stopped nothing is accepted: every connection waits in the system's
    // queue for it. With the standard library's queue of 128 most would be refused or reset.
    let clients_n = system_queue_limit().min(1000);
    if clients_n < 1000 {
        eprintln!("the system caps a queue at {clients_n}: {clients_n} clients, not 1,000");
    }
    signal(&serve.child, "STOP");
    let connected = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..clients_n)
        .map(|i| {
            let connected = Arc::clone(&connected);
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/index.html"
                } else {
                    "/theme/style.css"
                };
                let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
                let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(3));
                connected.fetch_add(1, Ordering::SeqCst);
                let mut stream = stream.map_err(|e| format!("connect: {e}"))?;
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                write!(
                    stream,
                    "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                )
                .map_err(|e| format!("write: {e}"))?;
                let mut response = String::new();
                stream
                    .read_to_string(&mut response)
                    .map_err(|e| format!("read: {e}"))?;
                match response.starts_with("HTTP/1.1 200") {
                    true => Ok(()),
                    false => Err(format!("answer: {:?}", response.lines().next())),
                }
            })
        })
        .collect();
    let waited = Instant::now();
    while connected.load(Ordering::SeqCst) < clients_n && waited.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&serve.child, "CONT");
    let failures: Vec<String> = clients
        .into_iter()
        .map(|c| c.join().unwrap_or_else(|_| Err("panicked".into())))
        .filter_map(Result::err)
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {clients_n} requests not answered, first: {:?}",
        failures.len(),
        failures.first()
    );
}

#[test]
fn the_reload_script_is_a_file_and_works_under_a_strict_content_security_policy() {
    let dir = copy_fixture("sites/notes");
    // A site that adds a policy through its own base template.
    let base = std::fs::read_to_string(crate::support::repo_root().join("templates/base.html"))
        .unwrap()
        .replacen(
            "<meta charset=\"utf-8\">",
            "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:\">",
            1,
        );
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/base.html"), base).unwrap();
    let serve = Serve::start(dir.path());
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200);
    assert!(
        page.contains("Content-Security-Policy"),
        "the policy is on the page"
    );
    let inline = crate::support::site::inline_code(&page);
    assert!(inline.is_empty(), "the served page needs {inline:?}");

    let browser = Browser::launch();
    browser.open(&serve.url(PAGE));
    let blocked = browser.eval(
        "(() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.head.appendChild(s); return !window.__ran; })()",
    );
    assert_eq!(
        blocked.as_bool(),
        Some(true),
        "the policy is in force (an inline script does not run)"
    );
    browser.clear_errors();
    let notes = notes_file(dir.path());
    let wait = |what: &str, expression: &str| {
        let start = Instant::now();
        while browser.try_eval(expression).ok() != Some(serde_json::Value::Bool(true)) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{what}: timed out"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    edit(&notes, "## op2 Suite", "## op99 Suite");
    wait(
        "the banner shows under the policy",
        "(document.getElementById('recueil-build-error')?.textContent || '').includes('op99')",
    );
    let colour =
        browser.eval("getComputedStyle(document.getElementById('recueil-build-error')).position");
    assert_eq!(
        colour.as_str(),
        Some("fixed"),
        "the banner's styles apply (set through the CSSOM)"
    );
    edit(&notes, "## op99 Suite", "## op2 Suite");
    wait(
        "the page reloads under the policy",
        "!document.getElementById('recueil-build-error') && document.readyState === 'complete'",
    );
    browser.assert_no_errors();
}
