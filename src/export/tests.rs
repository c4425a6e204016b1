//! Unit tests of the export.
