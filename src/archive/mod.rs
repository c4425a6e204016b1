//! The archive model: immutable once loaded.
pub mod symbol;
