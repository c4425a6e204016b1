//! Unit tests of the Akoma Ntoso reader.
