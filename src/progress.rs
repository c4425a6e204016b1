//! Progress of long builds and imports: a bar on a terminal, plain lines elsewhere.
//!
//! On a terminal (stderr), indicatif draws one line that each stage updates in place: a spinner
//! while the content is read and compared, a bar over the pages while they are rendered, cleared
//! at the end so that only the summary stays. Anywhere else (a CI log, a pipe, a file) nothing is
//! redrawn: no carriage returns, no escape codes; a stage of long work (at least [`LONG`] items)
//! ends with one plain line saying what it did and how long it took, short work prints nothing
//! more than before.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// From this many items (resolutions, texts, pages, files), a stage is long enough to say in
/// plain output that it is done.
pub(crate) const LONG: usize = 1000;

/// Shows how a long task goes, stage after stage.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// Where plain lines go (stderr), when there is no bar.
    lines: Option<Mutex<Box<dyn Write + Send>>>,
    stage_started: Instant,
}

impl Progress {
    /// A bar when stderr is a terminal, plain lines otherwise.
    pub(crate) fn on_stderr() -> Progress {
        if std::io::stderr().is_terminal() {
            Progress::bar()
        } else {
            Progress::plain(Box::new(std::io::stderr()))
        }
    }

    /// Nothing shown (the library's default: a caller that wants progress asks for it).
    pub(crate) fn quiet() -> Progress {
        Progress {
            bar: None,
            lines: None,
            stage_started: Instant::now(),
        }
    }

    fn bar() -> Progress {
        Progress {
            bar: Some(ProgressBar::hidden()),
            lines: None,
            stage_started: Instant::now(),
        }
    }

    /// Plain lines into `out`.
    pub(crate) fn plain(out: Box<dyn Write + Send>) -> Progress {
        Progress {
            bar: None,
            lines: Some(Mutex::new(out)),
            stage_started: Instant::now(),
        }
    }

    /// Starts a stage: a bar over `total` items, or a spinner when the total is not known.
    pub(crate) fn stage(&mut self, message: &'static str, total: Option<u64>) {
        self.stage_started = Instant::now();
        let Some(old) = &self.bar else { return };
        old.finish_and_clear();
        let bar = match total {
            Some(total) => {
                let bar = ProgressBar::new(total);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{msg} [{bar:30}] {human_pos}/{human_len} ({eta} left)",
                    )
                    .expect("a valid template")
                    .progress_chars("=> "),
                );
                bar
            }
            None => {
                let bar = ProgressBar::new_spinner();
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                        .expect("a valid template"),
                );
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }
        };
        bar.set_message(message);
        self.bar = Some(bar);
    }

    /// One more item of the stage done (from any thread).
    pub(crate) fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Ends a stage of `items` items; in plain output, a long one says what it did (`done`, a
    /// few words) and its time.
    pub(crate) fn done(&self, items: usize, done: impl FnOnce() -> String) {
        let Some(lines) = &self.lines else { return };
        if items < LONG {
            return;
        }
        let line = format!(
            "{} in {} ms\n",
            done(),
            self.stage_started.elapsed().as_millis()
        );
        let mut out = lines.lock().unwrap_or_else(|e| e.into_inner());
        let _ = out.write_all(line.as_bytes());
    }

    /// Clears the bar, so that the summary line stands alone.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose bytes the test reads back.
    #[derive(Clone, Default)]
    struct Shared(std::sync::Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn plain_output_is_one_line_per_long_stage_and_nothing_redrawn() {
        let shared = Shared::default();
        let mut progress = Progress::plain(Box::new(shared.clone()));
        progress.stage("reading", None);
        progress.done(20_000, || "read 20000 resolutions".into());
        progress.stage("rendering", Some(98_000));
        for _ in 0..10 {
            progress.inc();
        }
        progress.done(98_000, || "rendered 98000 pages".into());
        progress.stage("comparing", None);
        progress.done(3, || "compared 3 texts".into());
        progress.finish();
        let text = String::from_utf8(shared.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "short stages say nothing: {text:?}");
        assert!(lines[0].starts_with("read 20000 resolutions in ") && lines[0].ends_with(" ms"));
        assert!(lines[1].starts_with("rendered 98000 pages in "));
        assert!(
            !text.contains('\r') && !text.contains('\u{1b}'),
            "no carriage return, no escape code: {text:?}"
        );
    }
}
