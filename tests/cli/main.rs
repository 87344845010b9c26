//! tolk's integration tests: one binary, one module per area.
#![allow(clippy::print_stderr)]

/// The harness: temp workspaces, running the binary, fake translations.
mod util;

/// `tolk adopt`: the real site, and git history.
mod adopt;
/// Bad input: the suite in tests/bad-input/, and broken memories.
mod bad_input;
/// The HTML report in headless Chromium: the rendered DOM, links, filters, no network.
mod browser;
/// `tolk check` and its reports: policies, exit codes, formats.
mod check;
/// docs/ci.md: the CI jobs parse, and their tolk commands work on the shipped postings.
mod ci_docs;
/// The segmenter on the real Hugo site (skipped where `../shared/corpus` is absent).
mod corpus;
/// Crashes and concurrent runs: kill -9 during sync, two syncs at once.
mod crash;
/// `tolk diff`: word diffs and suggestions, plain and coloured, in two languages.
mod diff;
/// `tolk export`: layouts, hand edits, skeleton following the English, policies.
mod export;
/// The export invariants over generated postings and translations (proptest).
mod export_props;
/// `tolk extract` and `tolk import`: XLIFF, PO and TMX with the real tools.
mod interchange;
/// init, sync and status on the shipped postings.
mod memory;
/// `tolk merge-driver` with real git: two branches, one memory.
mod merge;
/// `tolk mt` and `tolk review` against local provider servers.
mod mt;
/// Round trips: shipped postings and generated ones (proptest).
mod roundtrip;
/// The real staleness scenarios (skipped where `../shared/corpus` is absent).
mod scenarios;
/// `tolk segments`: what a user sees, and bad input.
mod segments;
/// The shipped workspace and its memory.
mod shipped;
/// A local HTTP server standing in for a machine translation provider.
mod stub;
/// `tolk translate` and `tolk new`: piped answers and a pseudo-terminal.
mod translate;
