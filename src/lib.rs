//! recueil: a static site generator for an annotated archive of United Nations resolutions.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! `config` (book.toml) -> `load` (content/ into an [`archive::Archive`]) -> `analysis` ->
//! `render` (Tera, in parallel) -> `write` (a temporary folder swapped into place).
//! `import` turns raw official texts into content; `cli` is the command line.

pub mod archive;
pub mod diag;
pub mod import;
pub mod load;
