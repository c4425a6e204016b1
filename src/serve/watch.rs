//! Watching what a build reads, and rebuilding when it changes.
//!
//! notify reports changes of `content/` (recursively), `templates/`, `theme/` and `book.toml`;
//! notify-debouncer-full gathers the burst of events one save makes (an editor writes a temporary
//! file, renames it, touches the folder) into one, and keeps each event's kind: inotify also
//! reports files being opened and read, and the reads of a build must not set off the next one. The archive's root itself is watched without
//! recursion, only to see `book.toml` and a `templates/` or `theme/` folder that appears: the
//! output folder and its staging folders live there too, and a build must not set off the next.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::config::Config;

/// How long a burst of events is gathered before a rebuild starts. An editor's save is a burst
/// of a few milliseconds (a temporary file written, renamed, the folder touched); a note's
/// rebuild takes a few more, and the whole wait counts in the time a contributor sees.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// What a preview watches.
pub(crate) struct Watched {
    pub root: PathBuf,
    /// `content/` (or `build.content-dir`), `templates/`, `theme/`, `book.toml`.
    pub paths: Vec<PathBuf>,
}

impl Watched {
    pub(crate) fn new(root: &Path, config: Option<&Config>) -> Watched {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let root = absolute(root);
        let paths = super::watched_paths(&root, config)
            .iter()
            .map(|p| absolute(p))
            .collect();
        Watched { root, paths }
    }

    /// Whether a change at `path` may change the site.
    pub(crate) fn concerns(&self, path: &Path) -> bool {
        self.paths.iter().any(|watched| path.starts_with(watched))
    }

    pub(crate) fn describe(&self) -> String {
        self.paths
            .iter()
            .map(|p| {
                p.strip_prefix(&self.root)
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What wakes the rebuild loop: a change the watcher saw, or the end of the preview.
enum Signal {
    Change(DebounceEventResult),
    Stop(String),
}

/// A watcher started, its events waiting to be read by [`Watching::next_change`].
pub(crate) struct Watching<'w> {
    watched: &'w Watched,
    debouncer: Debouncer,
    events: mpsc::Receiver<Signal>,
    stop: mpsc::Sender<Signal>,
    stopped: Option<String>,
    recursive: Vec<PathBuf>,
}

/// Ends a preview from another thread (the HTTP server's, when it fails): the rebuild loop stops
/// at its next wait and the reason is returned as an error, so that the command decides the exit.
#[derive(Clone)]
pub(crate) struct Stopper(mpsc::Sender<Signal>);

impl Stopper {
    pub(crate) fn stop(&self, reason: String) {
        // The loop is gone only once the preview has ended: then there is nothing to stop.
        let _ = self.0.send(Signal::Stop(reason));
    }
}

/// Starts watching: from now on no change is missed, even before [`Watching::run`].
pub(crate) fn start(watched: &Watched) -> Result<Watching<'_>, String> {
    let (tx, events) = mpsc::channel::<Signal>();
    let stop = tx.clone();
    let handler = move |result: DebounceEventResult| {
        let _ = tx.send(Signal::Change(result));
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|e| e.to_string())?;
    debouncer
        .watch(&watched.root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch the archive's folder: {e}"))?;
    let mut recursive: Vec<PathBuf> = Vec::new();
    watch_folders(&mut debouncer, watched, &mut recursive);
    Ok(Watching {
        watched,
        debouncer,
        events,
        stop,
        stopped: None,
        recursive,
    })
}

impl Watching<'_> {
    /// A handle that ends the preview from another thread.
    pub(crate) fn stopper(&self) -> Stopper {
        Stopper(self.stop.clone())
    }

    /// Why the preview was stopped through a [`Stopper`], if it was.
    pub(crate) fn stopped(&self) -> Option<&str> {
        self.stopped.as_deref()
    }

    /// Waits for the next change and returns the paths it touched (only those a build reads);
    /// `None` once the watcher has stopped or the preview was stopped.
    pub(crate) fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let events = match self.events.recv().ok()? {
                Signal::Change(Ok(events)) => events,
                Signal::Change(Err(_)) => continue,
                Signal::Stop(reason) => {
                    self.stopped = Some(reason);
                    return None;
                }
            };
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                .flat_map(|event| event.paths.iter())
                .filter(|path| self.watched.concerns(path))
                .cloned()
                .collect();
            if paths.is_empty() {
                continue;
            }
            paths.sort();
            paths.dedup();
            // A `templates/` or `theme/` folder created since the start is watched from now on.
            watch_folders(&mut self.debouncer, self.watched, &mut self.recursive);
            return Some(paths);
        }
    }
}

type Debouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

fn watch_folders(debouncer: &mut Debouncer, watched: &Watched, done: &mut Vec<PathBuf>) {
    for folder in watched.paths.iter().filter(|p| p.is_dir()) {
        if done.contains(folder) {
            continue;
        }
        match debouncer.watch(folder, RecursiveMode::Recursive) {
            Ok(()) => done.push(folder.clone()),
            Err(err) => eprintln!("warning: cannot watch {}: {err}", folder.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_build_reads_sets_off_a_rebuild() {
        let watched = Watched::new(Path::new("/archive"), None);
        for path in [
            "/archive/content/resolutions/a-res-61-168/notes.md",
            "/archive/book.toml",
            "/archive/theme/style.css",
            "/archive/templates/base.html",
        ] {
            assert!(watched.concerns(Path::new(path)), "{path}");
        }
        for path in [
            "/archive/public/index.html",
            "/archive/.recueil-build-x1/index.html",
            "/archive/book.toml.swp",
            "/archive/README.md",
        ] {
            assert!(!watched.concerns(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_stop_from_another_thread_ends_the_wait_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let watched = Watched::new(dir.path(), None);
        let mut watching = start(&watched).unwrap();
        let stopper = watching.stopper();
        std::thread::spawn(move || stopper.stop("address in use".to_string()));
        assert_eq!(watching.next_change(), None);
        assert_eq!(watching.stopped(), Some("address in use"));
    }
}
