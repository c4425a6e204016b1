//! `recueil serve`: a live preview for contributors.
//!
//! Builds the site, serves the output folder on 127.0.0.1 (`http`), watches `content/`,
//! `templates/`, `theme/` and `book.toml` (`watch`) and rebuilds after each change. Every build
//! goes through the same staging and swap as `recueil build`, so the folder served is always a
//! whole site: after a failed build it is still the last good one. Open pages learn of each build
//! through a long poll ([`Live`]): a good build reloads them, a failed one shows its problems in a
//! banner (and in the terminal) until the next good save clears it.

mod http;
mod session;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::config::Config;
use crate::diag::{Problem, Problems};

/// How many connections the system may hold for the preview before it accepts them: a page that
/// opens many files at once, or a thousand clients, must wait in line rather than be reset.
const BACKLOG: i32 = 1024;

/// A listening socket on `addr` with a queue of [`BACKLOG`] connections (the standard library's
/// `TcpListener::bind` asks for 128). The system may lower it to its own limit (`somaxconn`).
fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    // As `TcpListener::bind` does: a port left in TIME_WAIT by the last preview can be taken again.
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
}

/// What `recueil serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub address: IpAddr,
    /// 0 lets the system pick a free port.
    pub port: u16,
    /// Open the home page in the default browser once serving.
    pub open: bool,
}

/// The state of the builds, shared by the rebuild loop and the open pages' long polls.
pub(crate) struct Live {
    status: Mutex<Status>,
    changed: Condvar,
}

/// The last build: its number and, when it failed, its problems as text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Status {
    pub generation: u64,
    pub error: Option<String>,
}

impl Live {
    fn new() -> Live {
        Live {
            status: Mutex::new(Status::default()),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Status> {
        // A poisoned lock only means a thread panicked while holding it; the status is still whole.
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn current(&self) -> Status {
        self.lock().clone()
    }

    pub(crate) fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Records a build (`error`: its problems) and wakes every waiting page.
    pub(crate) fn publish(&self, error: Option<String>) {
        let mut status = self.lock();
        status.generation += 1;
        status.error = error;
        self.changed.notify_all();
    }

    /// The status once a build newer than `since` is done, or after `timeout`.
    pub(crate) fn wait_newer(&self, since: u64, timeout: Duration) -> Status {
        let status = self.lock();
        let (status, _) = self
            .changed
            .wait_timeout_while(status, timeout, |s| s.generation <= since)
            .unwrap_or_else(|e| e.into_inner());
        status.clone()
    }
}

/// Builds, serves and rebuilds until the process is stopped. Returns only when it cannot start,
/// or with the error that stopped the HTTP server (the command line picks the exit code).
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), Problems> {
    let config = Config::load(root).ok();
    let out = config
        .as_ref()
        .map_or_else(|| root.join("public"), |c| c.build_dir.clone());
    let watched = watch::Watched::new(root, config.as_ref());
    // Watching starts before the first build, so that no change made from then on is missed.
    let mut watching = watch::start(&watched).map_err(|e| Problem::error(root, e))?;
    let live = Arc::new(Live::new());
    // The port is taken before the first build (a busy port is said at once), served after it.
    let addr = SocketAddr::new(options.address, options.port);
    let listener = listen(addr).map_err(|err| {
        Problem::error(root, format!("cannot listen on {addr}: {err}")).hint(
            "another program may use that port: pass --port N, or --port 0 to pick a free one",
        )
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Problem::error(root, e.to_string()))?;
    let site = Arc::new(http::Site {
        root: out.clone(),
        live: Arc::clone(&live),
    });
    let stopper = watching.stopper();
    let start_serving = || -> Result<(), Problems> {
        let url = format!("http://{local}/");
        println!("serving {url}");
        eprintln!("watching {} (Ctrl-C to stop)", watched.describe());
        if options.open {
            open_browser(&url);
        }
        std::thread::Builder::new()
            .name("serve-http".into())
            .spawn(move || {
                if let Err(err) = http::run(listener, site) {
                    stopper.stop(err.to_string());
                }
            })
            .map_err(|e| Problem::error(root, e.to_string()))?;
        Ok(())
    };
    session::run(root, &out, &live, &mut watching, start_serving)?;
    match watching.stopped() {
        Some(reason) => Err(
            Problem::error(root, format!("the preview server stopped: {reason}"))
                .hint("start `recueil serve` again; if this repeats, try another --port")
                .into(),
        ),
        None => Ok(()),
    }
}

/// Best effort: the platform's way of opening a URL.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        vec!["open", url]
    } else if cfg!(windows) {
        vec!["cmd", "/C", "start", url]
    } else {
        vec!["xdg-open", url]
    };
    if std::process::Command::new(command[0])
        .args(&command[1..])
        .spawn()
        .is_err()
    {
        eprintln!("could not open a browser: open {url} yourself");
    }
}

/// The folders and file a preview watches, resolved against the archive's root.
pub(crate) fn watched_paths(root: &Path, config: Option<&Config>) -> Vec<PathBuf> {
    let content = config.map_or_else(|| root.join("content"), |c| c.content_dir.clone());
    vec![
        content,
        root.join("templates"),
        root.join("theme"),
        root.join(crate::config::CONFIG_FILE),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_page_wakes_at_the_next_build() {
        let live = Arc::new(Live::new());
        live.publish(None);
        let waiter = {
            let live = Arc::clone(&live);
            std::thread::spawn(move || live.wait_newer(1, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(50));
        live.publish(Some("error: x".into()));
        let status = waiter.join().unwrap();
        assert_eq!(status.generation, 2);
        assert_eq!(status.error.as_deref(), Some("error: x"));
        let same = live.wait_newer(2, Duration::from_millis(10));
        assert_eq!(
            same.generation, 2,
            "no newer build: answers after the timeout"
        );
    }
}
