//! Running a command as the benchmarks measure it: its wall time and the peak resident memory of
//! its process (read from /proc every 10 ms), after a `sync`. Shared by `bench` and
//! `export-bench` (`#[path]`).

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A finished run: its wall time and the peak resident memory of the process.
pub struct Run {
    pub time: Duration,
    pub peak_mib: u64,
    pub stderr: String,
}

/// Runs `command`, timing it and following its peak memory in /proc.
pub fn run(command: &mut Command) -> Run {
    // What earlier runs left to write goes to the disk first, outside the timing.
    let _ = Command::new("sync").status();
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let pid = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let watcher = {
        let (done, peak) = (Arc::clone(&done), Arc::clone(&peak));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(kib) = peak_kib(pid) {
                    peak.fetch_max(kib, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let mut stderr = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    let status = child.wait().expect("the command ends");
    let time = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    assert!(status.success(), "{command:?} failed:\n{stderr}");
    Run {
        time,
        peak_mib: peak.load(Ordering::Relaxed) / 1024,
        stderr,
    }
}

/// `VmHWM` of a running process, in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
