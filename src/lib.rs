//! recueil: a static site generator for an annotated archive of United Nations resolutions.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`config`] (book.toml) -> [`load`] (content/ into an immutable [`archive::Archive`]) ->
//! [`analysis`] (what changed between successive texts of a series) ->
//! [`render`] (Tera templates, one flat list of pages rendered in parallel) -> [`write`](mod@write) (a
//! temporary folder swapped into place). [`import`] turns raw official texts into content;
//! [`init`] starts a new archive; [`build`] runs the pipeline; [`serve`] previews it live; [`cli`] is the command line the binary
//! calls.

pub mod analysis;
pub mod archive;
pub mod build;
pub mod cli;
pub mod config;
#[cfg(any(test, feature = "bench-corpus"))]
pub mod corpus;
pub mod diag;
pub mod export;
mod files;
pub mod formats;
#[cfg(test)]
mod fuzz;
pub mod import;
pub mod init;
mod inputs;
pub mod lexicon;
pub mod load;
pub mod new_note;
mod progress;
pub mod render;
pub mod serve;
pub(crate) mod site;
mod timings;
pub mod write;
