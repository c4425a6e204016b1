//! Time spent in each stage of a build, printed when `RECUEIL_TIMINGS` is set in the
//! environment (`RECUEIL_TIMINGS=1 recueil build`), to find where a slow build goes before
//! reaching for a profiler. Off by default: the line a build prints stays the same.

use std::time::{Duration, Instant};

/// The stages of one build, in order, with their durations.
#[derive(Debug)]
pub(crate) struct Timings {
    enabled: bool,
    last: Instant,
    /// Each stage's duration and the peak memory (resident) at its end, when known.
    stages: Vec<(&'static str, Duration, Option<u64>)>,
}

impl Timings {
    /// Starts the clock; stages are recorded only when `RECUEIL_TIMINGS` is set.
    pub(crate) fn start() -> Timings {
        Timings {
            enabled: std::env::var_os("RECUEIL_TIMINGS").is_some_and(|v| !v.is_empty()),
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends the stage `name`: the time since the previous stage ended.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        if self.enabled {
            self.stages.push((name, now - self.last, peak_memory_mib()));
        }
        self.last = now;
    }

    /// Prints the stages on stderr, when asked for.
    pub(crate) fn report(&self) {
        if !self.enabled {
            return;
        }
        let line: Vec<String> = self
            .stages
            .iter()
            .map(|(name, d, peak)| match peak {
                Some(mib) => format!("{name} {} ms (peak {mib} MiB)", d.as_millis()),
                None => format!("{name} {} ms", d.as_millis()),
            })
            .collect();
        eprintln!("timings: {}", line.join(", "));
    }
}

/// The peak resident memory of this process so far (Linux: `VmHWM` of /proc/self/status).
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
