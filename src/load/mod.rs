//! Reading content/ into the archive model.
pub mod meta;
