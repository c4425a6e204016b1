//! The `recueil` binary: a thin wrapper over the library's command line.

/// A build makes and frees millions of small strings on every core; glibc's allocator took a
/// seventh of a build's time (perf), mimalloc much less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    recueil::cli::run()
}
