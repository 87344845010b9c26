//! tolk's integration tests: one binary, one module per area.
#![allow(clippy::print_stderr)]

/// The harness: temp workspaces, running the binary, fake translations.
mod util;

/// The segmenter on the real Hugo site (skipped where `../shared/corpus` is absent).
mod corpus;
/// Round trips: shipped postings and generated ones (proptest).
mod roundtrip;
/// `tolk segments`: what a user sees, and bad input.
mod segments;
