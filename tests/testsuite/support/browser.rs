//! A real headless Chromium for the tests, driven over the DevTools protocol by the
//! `headless_chrome` crate (synchronous, no async runtime; its `fetch` feature, which would
//! download a browser, is off: the tests use the system's `chromium`).
//!
//! ```ignore
//! use crate::support::browser::{Browser, file_url};
//!
//! let browser = Browser::launch();
//! browser.open(&file_url(&site.join("index.html")));
//! assert_eq!(browser.lang(), "fr");
//! let url = browser.click("a.next"); // fails unless the click loads another page
//! assert!(url.ends_with("/a-res-62-160.fr.html"), "{url}");
//! assert_eq!(browser.text("h1"), "Renforcement …");
//! browser.assert_no_errors(); // no console error, no uncaught exception, no failed request
//! ```
//!
//! Every method panics with a message naming the page and the selector when something goes
//! wrong, so a test reads as a list of steps. [`Browser::tab`] gives the underlying
//! `headless_chrome::Tab` for anything this module does not cover.
//!
//! Finding the browser: `$CHROMIUM` if set, else `/usr/bin/chromium`, else `chromium` (or
//! `chromium-browser`) on `PATH`. When none is there the test FAILS, saying how to install it
//! (`apt-get install chromium`, or `bash .ci/run`, which installs it): it is never skipped.
//!
//! Each [`Browser`] is its own Chromium process with a fresh temporary profile
//! (`--user-data-dir`, removed when the browser is dropped) and the flags this sandboxed
//! machine needs (`--headless --no-sandbox --disable-gpu --disable-quic` …, see [`FLAGS`]).
//! Launching takes a fraction of a second; tests may run in parallel, each with its browser.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::browser::tab::point::Point;
use headless_chrome::protocol::cdp::{Log, Network, Page, Runtime};
use headless_chrome::{LaunchOptions, Tab};

/// How long [`Browser::open`], [`Browser::click`] and the element look-ups wait by default.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The command-line flags every test browser gets, besides the debugging port and a fresh
/// temporary `--user-data-dir` (removed when the [`Browser`] is dropped).
pub const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--hide-scrollbars",
    "--mute-audio",
    "--lang=en-US",
];

/// What went wrong in the pages, as collected from the DevTools events.
#[derive(Debug, Default)]
struct Problems {
    console_errors: Vec<String>,
    failed_requests: Vec<String>,
    /// Request id -> URL, to name the URL of a request that fails.
    requests: std::collections::HashMap<String, String>,
}

/// A headless Chromium with one tab.
pub struct Browser {
    tab: Arc<Tab>,
    problems: Arc<Mutex<Problems>>,
    timeout: Duration,
    /// Dropping it kills the Chromium process (see `Drop`).
    browser: Option<headless_chrome::Browser>,
    /// The fresh profile (`--user-data-dir`), removed once Chromium has exited.
    profile: Option<tempfile::TempDir>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Kills Chromium (and waits for it).
        drop(self.browser.take());
        // Its helper processes may still write to the profile for a moment after the main
        // one has gone: retry until the folder is really removed.
        if let Some(profile) = self.profile.take() {
            let path = profile.keep();
            for _ in 0..100 {
                match std::fs::remove_dir_all(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        std::thread::sleep(Duration::from_millis(20))
                    }
                    _ => break,
                }
            }
        }
    }
}

/// The Chromium executable: `$CHROMIUM`, `/usr/bin/chromium`, or `chromium` on `PATH`.
/// Panics, saying how to install it, when there is none.
#[track_caller]
pub fn chromium_path() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "$CHROMIUM is set to {}, which is not a file: point it at a Chromium executable, \
             or unset it and install Chromium with `apt-get install chromium` (or run \
             `bash .ci/run`, which installs it)",
            path.display()
        );
        return path;
    }
    let system = Path::new("/usr/bin/chromium");
    if system.is_file() {
        return system.to_path_buf();
    }
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        for name in ["chromium", "chromium-browser"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "the browser tests need Chromium, and none was found (looked at $CHROMIUM, \
         /usr/bin/chromium, and `chromium` on PATH).\n\
         Install it with `apt-get install chromium` (Debian/Ubuntu, as root), or run the \
         whole CI with `bash .ci/run`, which installs it; or point $CHROMIUM at a Chromium \
         or Chrome executable."
    );
}

/// The `file://` URL of a local file (made absolute; `%`, `#`, `?` and spaces escaped).
#[track_caller]
pub fn file_url(path: &Path) -> String {
    let path = std::path::absolute(path)
        .unwrap_or_else(|e| panic!("cannot make {} absolute: {e}", path.display()));
    let path = path.to_str().expect("a UTF-8 path");
    let mut url = String::from("file://");
    for c in path.chars() {
        match c {
            '%' => url.push_str("%25"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            ' ' => url.push_str("%20"),
            c => url.push(c),
        }
    }
    url
}

impl Browser {
    /// Starts a headless Chromium (see [`chromium_path`] and [`FLAGS`]) with one blank tab.
    #[track_caller]
    pub fn launch() -> Browser {
        let path = chromium_path();
        let profile = tempfile::Builder::new()
            .prefix("recueil-chromium-profile-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temporary profile folder: {e}"));
        let options = LaunchOptions {
            headless: true,
            sandbox: false,
            enable_gpu: false,
            window_size: Some((1280, 900)),
            path: Some(path.clone()),
            user_data_dir: Some(profile.path().to_path_buf()),
            args: FLAGS.iter().map(OsStr::new).collect(),
            // The connection would be closed after this long without any event.
            idle_browser_timeout: Duration::from_secs(600),
            ..LaunchOptions::default()
        };
        let browser = headless_chrome::Browser::new(options)
            .unwrap_or_else(|e| panic!("cannot launch {}: {e:#}", path.display()));
        let tab = browser
            .new_tab()
            .unwrap_or_else(|e| panic!("cannot open a tab in Chromium: {e:#}"));
        tab.set_default_timeout(TIMEOUT);
        let problems = Arc::new(Mutex::new(Problems::default()));
        watch(&tab, &problems);
        Browser {
            tab,
            problems,
            timeout: TIMEOUT,
            browser: Some(browser),
            profile: Some(profile),
        }
    }

    /// The underlying tab, for what this module does not cover.
    pub fn tab(&self) -> &Tab {
        &self.tab
    }

    /// Changes how long [`open`](Self::open), [`click`](Self::click) and the look-ups wait.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
        self.tab.set_default_timeout(timeout);
    }

    /// Loads `url` and waits until its document has loaded (`readyState == "complete"`).
    #[track_caller]
    pub fn open(&self, url: &str) {
        let marker = self.mark_document();
        if let Err(e) = self.tab.navigate_to(url) {
            panic!("cannot open {url}: {e:#}");
        }
        // `None`: only a new document counts, whatever its URL.
        if let Err(what) = self.wait_for_navigation(&marker, None) {
            panic!("opening {url}: {what}");
        }
    }

    /// Clicks the first element matching the CSS `selector` like a reader would (scrolls it
    /// into view, then a real mouse click in the middle of its first box), waits until that
    /// loads another document (or moves to another URL within the page, for a `#fragment`
    /// link) and the new document has loaded, and returns the new URL.
    ///
    /// Panics when no element matches within the timeout, when another element covers it
    /// (the reader could not click it either), or when the click navigates nowhere.
    #[track_caller]
    pub fn click(&self, selector: &str) -> String {
        let marker = format!("m{:x}", random());
        let from = self.click_at(selector, Some(&marker));
        match self.wait_for_navigation(&marker, Some(&from)) {
            Ok(url) => url,
            Err(what) => panic!("clicking {selector:?} on {from}: {what}"),
        }
    }

    /// Focuses the element matching `selector` and types `text` into it, key by key.
    #[track_caller]
    pub fn type_into(&self, selector: &str, text: &str) {
        let element = self
            .tab
            .wait_for_element(selector)
            .unwrap_or_else(|e| panic!("no {selector:?} to type into: {e:#}"));
        if let Err(e) = element.type_into(text) {
            panic!("typing into {selector:?}: {e:#}");
        }
    }

    /// Presses one key (`"Tab"`, `"Enter"`) in the focused element.
    #[track_caller]
    pub fn press(&self, key: &str) {
        if let Err(e) = self.tab.press_key(key) {
            panic!("pressing {key}: {e:#}");
        }
    }

    /// Lays pages out as a phone or a narrower window would: `width` × `height` CSS pixels,
    /// as a mobile viewport (the page's `<meta name="viewport">` applies).
    #[track_caller]
    pub fn set_viewport(&self, width: u32, height: u32) {
        let metrics: headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride =
            serde_json::from_value(serde_json::json!({
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true
            }))
            .expect("device metrics");
        if let Err(e) = self.tab.call_method(metrics) {
            panic!("cannot set the viewport to {width}×{height}: {e:#}");
        }
    }

    /// Presses one key (`"Enter"` in a form's field) and waits, as [`click`](Self::click)
    /// does, until that loads another document; returns the new URL.
    #[track_caller]
    pub fn press_to_navigate(&self, key: &str) -> String {
        let from = self.url();
        let marker = self.mark_document();
        self.press(key);
        match self.wait_for_navigation(&marker, Some(&from)) {
            Ok(url) => url,
            Err(what) => panic!("pressing {key} on {from}: {what}"),
        }
    }

    /// Goes back in the tab's history, as the browser's Back button does, and waits until the
    /// previous document is shown (loaded again or restored from the back-forward cache).
    #[track_caller]
    pub fn back(&self) -> String {
        let from = self.url();
        let marker = self.mark_document();
        if let Err(e) = self.tab.evaluate("history.back()", false) {
            panic!("going back from {from}: {e:#}");
        }
        match self.wait_for_navigation(&marker, Some(&from)) {
            Ok(url) => url,
            Err(what) => panic!("going back from {from}: {what}"),
        }
    }

    /// Clicks the first element matching `selector`, as [`click`](Self::click) does, and
    /// returns at once (for buttons and other in-page controls that do not navigate).
    #[track_caller]
    pub fn click_no_wait(&self, selector: &str) {
        self.click_at(selector, None);
    }

    /// Finds `selector` (waiting for it), marks the document with `marker`, scrolls the
    /// element into view and clicks its middle; returns the URL before the click.
    #[track_caller]
    fn click_at(&self, selector: &str, marker: Option<&str>) -> String {
        let mark = match marker {
            Some(m) => format!("window.__recueilMarker = {};", js_string(m)),
            None => String::new(),
        };
        let js = format!(
            "(() => {{
                const el = document.querySelector({sel});
                if (!el) return null;
                el.scrollIntoView({{ block: 'center', inline: 'center', behavior: 'instant' }});
                const box = el.getClientRects()[0];
                if (!box || box.width === 0 || box.height === 0)
                    return {{ error: 'it is not displayed' }};
                const x = box.left + box.width / 2, y = box.top + box.height / 2;
                const hit = document.elementFromPoint(x, y);
                if (hit && hit !== el && !el.contains(hit)) {{
                    const name = hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '')
                        + (typeof hit.className === 'string' && hit.className
                            ? '.' + hit.className.trim().split(/\\s+/).join('.') : '');
                    return {{ error: 'it is covered by <' + name + '>' }};
                }}
                {mark}
                return {{ x, y, href: location.href }};
            }})()",
            sel = js_string(selector),
        );
        let found = self.poll(&js).unwrap_or_else(|last| {
            panic!(
                "no element matches {selector:?} on {} within {:?}{last}",
                self.url_or_unknown(),
                self.timeout
            )
        });
        if let Some(error) = found.get("error") {
            panic!(
                "cannot click {selector:?} on {}: {}",
                self.url_or_unknown(),
                error.as_str().unwrap_or_default()
            );
        }
        let point = Point {
            x: found["x"].as_f64().unwrap_or_default(),
            y: found["y"].as_f64().unwrap_or_default(),
        };
        let from = found["href"].as_str().unwrap_or_default().to_owned();
        if let Err(e) = self.tab.click_point(point) {
            panic!("cannot click {selector:?} on {from}: {e:#}");
        }
        from
    }

    /// Evaluates `expression` again and again until it gives something else than `null`,
    /// within the timeout. The error tells the last failure, if any.
    fn poll(&self, expression: &str) -> Result<serde_json::Value, String> {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < self.timeout {
            match self.try_eval(expression) {
                Ok(serde_json::Value::Null) => {}
                Ok(value) => return Ok(value),
                Err(e) => last = format!(" (last error: {e})"),
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(last)
    }

    /// The current URL (`location.href`).
    #[track_caller]
    pub fn url(&self) -> String {
        self.eval_string("location.href")
    }

    /// The `lang` attribute of the document's root element (`""` when it has none).
    #[track_caller]
    pub fn lang(&self) -> String {
        self.eval_string("document.documentElement.lang")
    }

    /// The rendered text (`innerText`) of the first element matching `selector`, waiting for
    /// it to appear. Panics when nothing matches within the timeout.
    #[track_caller]
    pub fn text(&self, selector: &str) -> String {
        let js = format!(
            "(() => {{ const el = document.querySelector({}); return el ? el.innerText : null; }})()",
            js_string(selector)
        );
        match self.poll(&js) {
            Ok(serde_json::Value::String(text)) => text,
            Ok(other) => panic!("the text of {selector:?} is {other}"),
            Err(last) => panic!(
                "no element matches {selector:?} on {} within {:?}{last}",
                self.url_or_unknown(),
                self.timeout
            ),
        }
    }

    /// How many elements match `selector` now (no waiting).
    #[track_caller]
    pub fn count(&self, selector: &str) -> usize {
        let js = format!("document.querySelectorAll({}).length", js_string(selector));
        let n = self.eval(&js);
        n.as_u64()
            .unwrap_or_else(|| panic!("count {selector:?}: got {n}")) as usize
    }

    /// Evaluates a JavaScript *expression* in the page (a promise is awaited) and returns its
    /// value as JSON (`undefined` becomes `null`). Panics, with the JS error, when it throws.
    #[track_caller]
    pub fn eval(&self, expression: &str) -> serde_json::Value {
        self.try_eval(expression).unwrap_or_else(|e| {
            panic!(
                "evaluating `{expression}` on {}: {e}",
                self.url_or_unknown()
            )
        })
    }

    /// Like [`eval`](Self::eval), returning the error instead of panicking.
    pub fn try_eval(&self, expression: &str) -> Result<serde_json::Value, String> {
        let wrapped = format!(
            "(async () => {{ try {{ return JSON.stringify({{ ok: await ({expression}\n) }}); }} \
             catch (e) {{ return JSON.stringify({{ err: String(e && e.stack || e) }}); }} }})()"
        );
        let result = self
            .tab
            .evaluate(&wrapped, true)
            .map_err(|e| format!("{e:#}"))?;
        let Some(serde_json::Value::String(json)) = result.value else {
            return Err(format!(
                "unexpected result {:?}",
                result.description.or(result.unserializable_value)
            ));
        };
        let mut value: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| format!("{e}: {json}"))?;
        if let Some(err) = value.get("err") {
            return Err(format!("it threw {}", err.as_str().unwrap_or_default()));
        }
        Ok(value
            .get_mut("ok")
            .map(serde_json::Value::take)
            .unwrap_or_default())
    }

    /// The console errors so far: `console.error`/`console.assert` calls, uncaught exceptions
    /// and rejections, and the browser's own error log entries (a resource that failed to
    /// load, a blocked script…), each with its URL.
    pub fn console_errors(&self) -> Vec<String> {
        self.problems.lock().unwrap().console_errors.clone()
    }

    /// The requests that failed so far (not found, refused, blocked, or an HTTP status of
    /// 400 or more), as `"URL: reason"`. Requests cancelled by leaving a page are not counted,
    /// nor the `/favicon.ico` that Chromium asks a server for on its own.
    pub fn failed_requests(&self) -> Vec<String> {
        self.problems.lock().unwrap().failed_requests.clone()
    }

    /// Forgets the errors and failed requests collected so far.
    pub fn clear_errors(&self) {
        let mut problems = self.problems.lock().unwrap();
        problems.console_errors.clear();
        problems.failed_requests.clear();
    }

    /// Panics, listing them, if there was any console error or failed request so far.
    #[track_caller]
    pub fn assert_no_errors(&self) {
        let (errors, failed) = (self.console_errors(), self.failed_requests());
        assert!(
            errors.is_empty() && failed.is_empty(),
            "the browser reported problems (last page {}):\nconsole errors: {errors:#?}\n\
             failed requests: {failed:#?}",
            self.url_or_unknown()
        );
    }

    /// Saves a PNG screenshot of the viewport to `path` (its folder is created).
    #[track_caller]
    pub fn screenshot(&self, path: &Path) {
        let png = self
            .tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap_or_else(|e| panic!("cannot take a screenshot: {e:#}"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        }
        std::fs::write(path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Puts a random marker in the current document, to tell when it has been replaced.
    #[track_caller]
    fn mark_document(&self) -> String {
        let marker = format!("m{:x}", random());
        let set = format!("window.__recueilMarker = {}", js_string(&marker));
        let start = Instant::now();
        loop {
            // A document still being replaced may refuse for a moment.
            match self.try_eval(&set) {
                Ok(_) => return marker,
                Err(e) if start.elapsed() > self.timeout => {
                    panic!("cannot mark the current document: {e}")
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    /// Waits until the document no longer carries `marker` (a new document) and has loaded,
    /// or, when `from` is given, the URL differs from it in the same document (a fragment
    /// link). Returns the URL reached.
    fn wait_for_navigation(&self, marker: &str, from: Option<&str>) -> Result<String, String> {
        let probe = format!(
            "[window.__recueilMarker === {}, document.readyState, location.href]",
            js_string(marker)
        );
        let start = Instant::now();
        let mut last = String::from("no answer from the page");
        while start.elapsed() < self.timeout {
            match self.try_eval(&probe) {
                Ok(v) => {
                    let same_document = v[0].as_bool().unwrap_or(true);
                    let state = v[1].as_str().unwrap_or_default();
                    let href = v[2].as_str().unwrap_or_default().to_owned();
                    if !same_document && state == "complete" {
                        return Ok(href);
                    }
                    if same_document && from.is_some_and(|from| from != href) {
                        return Ok(href);
                    }
                    last = format!(
                        "{} document, readyState {state}, at {href}",
                        if same_document { "same" } else { "new" }
                    );
                }
                // While a document is being replaced the evaluation may fail: try again.
                Err(e) => last = e,
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(format!(
            "no navigation happened within {:?} (last seen: {last})",
            self.timeout
        ))
    }

    fn eval_string(&self, expression: &str) -> String {
        match self.eval(expression) {
            serde_json::Value::String(s) => s,
            other => panic!("`{expression}` gave {other}, not a string"),
        }
    }

    fn url_or_unknown(&self) -> String {
        self.try_eval("location.href")
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| self.tab.get_url())
    }
}

/// Turns on the DevTools domains that report problems and records them.
fn watch(tab: &Arc<Tab>, problems: &Arc<Mutex<Problems>>) {
    use headless_chrome::protocol::cdp::types::Event;

    let sink = Arc::clone(problems);
    let listener = move |event: &Event| {
        let mut p = sink.lock().unwrap();
        if is_automatic_favicon(event) {
            return;
        }
        match event {
            Event::NetworkRequestWillBeSent(e) => {
                let (id, url) = (&e.params.request_id, &e.params.request.url);
                p.requests.insert(id.clone(), url.clone());
            }
            // Requests cancelled by leaving the page are not failures.
            Event::NetworkLoadingFailed(e) if e.params.canceled != Some(true) => {
                let url = p.requests.get(&e.params.request_id).cloned();
                let reason = match &e.params.blocked_reason {
                    Some(blocked) => format!("{} (blocked: {blocked:?})", e.params.error_text),
                    None => e.params.error_text.clone(),
                };
                let url = url.unwrap_or_else(|| format!("request {}", e.params.request_id));
                p.failed_requests.push(format!("{url}: {reason}"));
            }
            Event::NetworkResponseReceived(e) => {
                let response = &e.params.response;
                if response.status >= 400 {
                    p.failed_requests.push(format!(
                        "{}: HTTP {} {}",
                        response.url, response.status, response.status_text
                    ));
                }
            }
            Event::RuntimeConsoleAPICalled(e) => {
                use Runtime::ConsoleAPICalledEventTypeOption as Kind;
                if matches!(e.params.Type, Kind::Error | Kind::Assert) {
                    let args: Vec<String> = e.params.args.iter().map(describe).collect();
                    let place = e
                        .params
                        .stack_trace
                        .as_ref()
                        .and_then(|s| s.call_frames.first())
                        .map(|f| format!(" ({}:{})", f.url, f.line_number + 1))
                        .unwrap_or_default();
                    let kind = format!("{:?}", e.params.Type).to_lowercase();
                    p.console_errors
                        .push(format!("console.{kind}: {}{place}", args.join(" ")));
                }
            }
            Event::RuntimeExceptionThrown(e) => {
                let d = &e.params.exception_details;
                let what = d
                    .exception
                    .as_ref()
                    .map(describe)
                    .unwrap_or_else(|| d.text.clone());
                let url = d.url.clone().unwrap_or_default();
                p.console_errors
                    .push(format!("uncaught: {what} ({url}:{})", d.line_number + 1));
            }
            Event::LogEntryAdded(e) => {
                let entry = &e.params.entry;
                if entry.level == Log::LogEntryLevel::Error {
                    let url = entry.url.clone().unwrap_or_default();
                    p.console_errors
                        .push(format!("{:?}: {} {url}", entry.source, entry.text));
                }
            }
            _ => {}
        }
    };
    tab.add_event_listener(Arc::new(listener))
        .expect("listen to the tab's events");
    // Network.enable with its defaults; built from JSON so as not to depend on its field list.
    let enable_network: Network::Enable =
        serde_json::from_value(serde_json::json!({})).expect("Network.enable parameters");
    tab.call_method(enable_network)
        .expect("enable the Network domain");
    tab.enable_runtime().expect("enable the Runtime domain");
    tab.enable_log().expect("enable the Log domain");
}

/// Whether `event` reports the failure of the request that Chromium makes on its own for
/// `/favicon.ico` at the root of a server when a page declares no icon. That is not the
/// site's request (and a site under a subpath such as `/archive/` cannot answer it anyway),
/// so it is not counted as a failed request.
fn is_automatic_favicon(event: &headless_chrome::protocol::cdp::types::Event) -> bool {
    use headless_chrome::protocol::cdp::types::Event;
    let url = match event {
        Event::NetworkResponseReceived(e) => &e.params.response.url,
        Event::LogEntryAdded(e) => e.params.entry.url.as_deref().unwrap_or_default(),
        _ => return false,
    };
    url.starts_with("http") && url.split('/').skip(3).eq(["favicon.ico"])
}

/// A console argument as text: its value for primitives, else its description.
fn describe(object: &Runtime::RemoteObject) -> String {
    match &object.value {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(value) => value.to_string(),
        None => object
            .description
            .clone()
            .unwrap_or_else(|| format!("{:?}", object.Type)),
    }
}

/// `s` as a JavaScript string literal.
fn js_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// A random-enough number for a marker, without a dependency.
fn random() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(Instant::now())
}
