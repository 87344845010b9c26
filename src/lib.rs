//! tolk keeps translated Hugo job postings honest.
//!
//! The pipeline, in module order: a file is read into a [`posting::Posting`] (front matter,
//! body, shortcode calls, each by byte range); [`segment::split`] cuts it into translatable
//! segments and a skeleton, and [`segment::splice`] writes it back byte for byte with any
//! segment replaced. The library never prints: the `tolk` binary's `cli` module does.
//!
//! The modules are layers, listed here bottom first; a module uses only modules of its own layer
//! or below, and no two import each other (`scripts/import-graph` checks it in CI):
//!
//! 1. foundation: [`config`] (`tolk.toml`, its rules and `[export]` settings), [`fsio`] (atomic
//!    writes, progress, I/O reasons), [`i18n`] (tolk's own messages);
//! 2. [`posting`] (READ a file) and [`workspace`] (where the postings are);
//! 3. [`segment`] (SEGMENT a posting, splice it back);
//! 4. [`tm`] (STORE: the translation memory, the only module with SQL) and [`inspect`] (content
//!    checks of a translation against its source);
//! 5. [`align`] and [`compare`] (COMPARE: align segment sequences, name each segment's state);
//! 6. [`sync`] (RECORD what is on disk), [`report`] (the status model, the `[check]` policy in
//!    [`report::check`], the renderers), [`diff`] (word diffs), [`suggest`] (memory matches);
//! 7. [`translate`] (writing answers), [`export`] (into a Hugo site), [`adopt`] (from one),
//!    [`gitsetup`] (git's diff of the memory);
//! 8. [`mt`] (machine translation of exactly the segments to do), [`review`] (a person
//!    approves or edits machine translations) and [`interchange`] (XLIFF, PO and TMX for
//!    translators' own tools, out and back in).

pub mod config;
pub mod fsio;
pub mod i18n;

pub mod posting;
pub mod workspace;

pub mod segment;

pub mod inspect;
pub mod tm;

pub mod align;
pub mod compare;

pub mod diff;
pub mod report;
pub mod suggest;
pub mod sync;
/// The `[check]` policy's verdicts, part of the report layer ([`report::check`]).
pub use report::check;

pub mod adopt;
pub mod export;
pub mod gitsetup;
pub mod translate;

pub mod interchange;
pub mod mt;
pub mod review;
