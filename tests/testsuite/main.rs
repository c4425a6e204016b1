//! The integration tests: one binary, one module per area, over fixture sites in `tests/fixtures/`.

mod build;
mod errors;
mod support;
