//! The integration tests: one binary, one module per area, over fixture sites in `tests/fixtures/`.

mod annexes;
mod archive;
mod build;
mod check;
mod citations;
mod compare;
mod errors;
mod export;
mod force;
mod harness;
mod hostile;
mod import_unorg;
mod incremental;
mod layers;
mod maintainer;
mod notes;
mod publish;
mod quality;
mod reader;
mod reading;
mod safety;
mod serve;
mod soak;
mod support;
mod views;
