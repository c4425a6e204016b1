//! Helpers shared by the integration tests.
//!
//! - [`browser`]: a real headless Chromium (open, click, read, collect errors, screenshot);
//! - [`http`]: a static file server for a folder under a URL prefix such as `/archive/`.

// Not every test uses every helper.
#![allow(dead_code)]

pub mod browser;
pub mod http;
