//! The integration tests: one binary, one module per area, over fixture sites in `tests/fixtures/`.

mod browser;
mod build;
mod errors;
mod support;
