//! Self-tests of the browser harness (`support::browser`) and of the test server
//! (`support::http`), on a tiny hand-written site: they prove that a real Chromium opens pages
//! from `file://` and from `http://127.0.0.1:PORT/archive/`, follows relative links (also `../`
//! ones from a subfolder), reports the `lang` reached, and reports errors when there are some.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use crate::support::browser::{Browser, file_url};
use crate::support::http::Server;

fn page(lang: &str, title: &str, css: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\">\
         </head>\n\
         <body><h1>{title}</h1>\n{body}\n</body></html>\n"
    )
}

/// index.html -> a.html -> b.html -> fr/x.html -> ../index.html, all with relative links.
fn tiny_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "style.css",
        "body { font-family: serif; } .ready { color: green; }\n",
    );
    write(
        "app.js",
        "document.addEventListener('DOMContentLoaded', () => {\n  \
         document.body.classList.add('ready');\n  \
         const b = document.getElementById('toggle');\n  \
         if (b) b.addEventListener('click', () => { b.textContent = 'on'; });\n});\n",
    );
    write(
        "index.html",
        &page(
            "en",
            "Home",
            "style.css",
            "<p><a id=\"to-a\" href=\"a.html\">Page A</a></p>\n\
             <p><button id=\"toggle\" type=\"button\">off</button></p>\n\
             <script src=\"app.js\"></script>",
        ),
    );
    write(
        "a.html",
        &page(
            "en",
            "Page A",
            "style.css",
            "<p><a id=\"to-b\" href=\"b.html\">Page B</a> <a id=\"top\" href=\"#end\">end</a></p>\
             <p style=\"margin-top: 2000px\" id=\"end\">End</p>",
        ),
    );
    write(
        "b.html",
        &page(
            "en",
            "Page B",
            "style.css",
            "<p><a id=\"to-fr\" href=\"fr/x.html\">En français</a></p>",
        ),
    );
    write(
        "fr/x.html",
        &page(
            "fr",
            "Page X",
            "../style.css",
            "<p><a id=\"home\" href=\"../index.html\">Accueil</a> \
             <a id=\"to-b\" href=\"../b.html\">Page B</a></p>",
        ),
    );
    write(
        "broken.html",
        &page(
            "en",
            "Broken",
            "missing.css",
            "<img src=\"missing.png\" alt=\"\">\n\
             <script>console.error('boom from the page');</script>",
        ),
    );
    dir
}

/// Clicks index -> a -> b -> fr/x -> ../index, checking the URL and `lang` at every step.
/// `base` is the URL of the site's folder, ending in `/`.
fn click_through(browser: &Browser, base: &str) {
    assert_eq!(browser.lang(), "en");
    assert_eq!(browser.text("h1"), "Home");
    // The script ran: it marks the body once the document is parsed.
    assert_eq!(browser.count("body.ready"), 1);

    assert_eq!(browser.click("#to-a"), format!("{base}a.html"));
    assert_eq!(browser.text("h1"), "Page A");
    assert_eq!(browser.lang(), "en");

    // A fragment link moves within the page: that counts as a navigation too.
    assert_eq!(browser.click("#top"), format!("{base}a.html#end"));

    assert_eq!(browser.click("#to-b"), format!("{base}b.html"));
    assert_eq!(browser.text("h1"), "Page B");

    assert_eq!(browser.click("#to-fr"), format!("{base}fr/x.html"));
    assert_eq!(browser.lang(), "fr");
    assert_eq!(browser.text("h1"), "Page X");
    // The stylesheet was found from the subfolder through `../`.
    assert_eq!(
        browser.eval("getComputedStyle(document.body).fontFamily"),
        "serif"
    );

    assert_eq!(browser.click("#to-b"), format!("{base}b.html"));
    assert_eq!(browser.click("#to-fr"), format!("{base}fr/x.html"));
    let home = browser.click("#home");
    assert!(
        home == format!("{base}index.html") || home == base,
        "{home} is not the home page of {base}"
    );
    assert_eq!(browser.lang(), "en");
    browser.assert_no_errors();
}

#[test]
fn clicks_through_a_site_over_file_urls() {
    let site = tiny_site();
    let browser = Browser::launch();
    browser.open(&file_url(&site.path().join("index.html")));
    let base = file_url(site.path()) + "/";
    assert_eq!(browser.url(), format!("{base}index.html"));
    click_through(&browser, &base);
}

#[test]
fn clicks_through_a_site_served_under_a_subpath() {
    let site = tiny_site();
    let server = Server::start(site.path(), "/archive/");
    let browser = Browser::launch();
    let base = server.url("");
    assert!(base.starts_with("http://127.0.0.1:") && base.ends_with("/archive/"));
    browser.open(&base);
    assert_eq!(browser.url(), base);
    click_through(&browser, &base);
    assert_eq!(server.not_found(), Vec::<String>::new());
    let served: Vec<String> = server.requests().into_iter().map(|s| s.path).collect();
    for path in [
        "/archive/",
        "/archive/a.html",
        "/archive/fr/x.html",
        "/archive/style.css",
    ] {
        assert!(served.iter().any(|p| p == path), "{path} not in {served:?}");
    }
}

#[test]
fn reports_console_errors_and_failed_requests() {
    let site = tiny_site();
    let browser = Browser::launch();
    browser.open(&file_url(&site.path().join("broken.html")));
    // Failed subresources are reported asynchronously; give them a moment.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while browser.failed_requests().len() < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let errors = browser.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("boom from the page")),
        "{errors:#?}"
    );
    let failed = browser.failed_requests();
    for name in ["missing.png", "missing.css"] {
        assert!(
            failed.iter().any(|f| f.contains(name)),
            "{name}: {failed:#?}"
        );
    }
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        browser.assert_no_errors();
    }));
    assert!(caught.is_err(), "assert_no_errors accepted {errors:?}");

    browser.clear_errors();
    browser.eval("setTimeout(() => { throw new Error('thrown later'); }, 0)");
    browser.eval("new Promise(r => setTimeout(r, 50))");
    let errors = browser.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("thrown later")),
        "{errors:#?}"
    );
}

#[test]
#[should_panic(expected = "no navigation happened")]
fn a_click_that_does_not_navigate_fails() {
    let site = tiny_site();
    let mut browser = Browser::launch();
    browser.open(&file_url(&site.path().join("index.html")));
    browser.set_timeout(Duration::from_secs(1));
    browser.click("#toggle");
}

#[test]
fn clicks_controls_evaluates_and_takes_screenshots() {
    let site = tiny_site();
    let browser = Browser::launch();
    browser.open(&file_url(&site.path().join("index.html")));
    browser.click_no_wait("#toggle");
    assert_eq!(browser.text("#toggle"), "on");
    assert_eq!(browser.eval("1 + 1"), 2);
    assert_eq!(browser.eval("undefined"), serde_json::Value::Null);
    assert_eq!(
        browser.eval("Promise.resolve({ a: [1, 'b'] })"),
        serde_json::json!({ "a": [1, "b"] })
    );
    let err = browser.try_eval("nope.nope").unwrap_err();
    assert!(err.contains("ReferenceError"), "{err}");

    let shot = site.path().join("shots/home.png");
    browser.screenshot(&shot);
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 1000);
    browser.assert_no_errors();
}

/// Sends a raw request (browsers normalise `..` away before sending, so test it by hand).
fn raw_get(server: &Server, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: test\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    (status, response)
}

fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[test]
fn the_test_server_serves_only_its_folder_with_content_types() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    std::fs::create_dir_all(root.join("sub dir")).unwrap();
    std::fs::write(outer.path().join("secret.txt"), "secret").unwrap();
    for (name, body) in [
        ("index.html", "<p>home</p>"),
        ("sub dir/index.html", "<p>sub</p>"),
        ("s.css", "p{}"),
        ("s.js", "1"),
        ("i.svg", "<svg/>"),
        ("i.png", "png"),
        ("f.xml", "<a/>"),
        ("d.json", "{}"),
    ] {
        std::fs::write(root.join(name), body).unwrap();
    }
    let server = Server::start(&root, "/archive/");
    let expect = [
        ("/archive/", 200, "text/html; charset=utf-8"),
        ("/archive/index.html?x=1", 200, "text/html; charset=utf-8"),
        ("/archive/sub%20dir/", 200, "text/html; charset=utf-8"),
        ("/archive/s.css", 200, "text/css; charset=utf-8"),
        ("/archive/s.js", 200, "text/javascript; charset=utf-8"),
        ("/archive/i.svg", 200, "image/svg+xml"),
        ("/archive/i.png", 200, "image/png"),
        ("/archive/f.xml", 200, "application/xml"),
        ("/archive/d.json", 200, "application/json"),
        ("/archive/nope.html", 404, "text/plain; charset=utf-8"),
        ("/index.html", 404, "text/plain; charset=utf-8"),
        ("/archive/../secret.txt", 404, "text/plain; charset=utf-8"),
        (
            "/archive/%2e%2e/secret.txt",
            404,
            "text/plain; charset=utf-8",
        ),
        (
            "/archive/sub%20dir/../../secret.txt",
            404,
            "text/plain; charset=utf-8",
        ),
        ("/archive/..%2fsecret.txt", 404, "text/plain; charset=utf-8"),
    ];
    for (target, status, content_type) in expect {
        let (got, response) = raw_get(&server, target);
        assert_eq!(got, status, "{target}: {response}");
        assert_eq!(
            header(&response, "content-type"),
            Some(content_type),
            "{target}"
        );
        assert!(!response.contains("secret"), "{target}: {response}");
    }
    let (status, response) = raw_get(&server, "/archive");
    assert_eq!(status, 301);
    assert_eq!(header(&response, "location"), Some("/archive/"));
    let (status, response) = raw_get(&server, "/archive/sub%20dir");
    assert_eq!(status, 301);
    assert_eq!(header(&response, "location"), Some("/archive/sub%20dir/"));

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outer.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(raw_get(&server, "/archive/link.txt").0, 404);
    }

    // Dropping the server stops it.
    let addr = server.addr();
    drop(server);
    assert!(TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err());
}

#[test]
fn file_urls_are_absolute_and_escaped() {
    let url = file_url(Path::new("/tmp/a b/#1.html"));
    assert_eq!(url, "file:///tmp/a%20b/%231.html");
}
