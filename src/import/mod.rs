//! Turning raw official texts into archive content.
