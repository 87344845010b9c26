//! tolk keeps translated Hugo job postings honest.
//!
//! The pipeline, in module order: a file is read into a [`posting::Posting`] (front matter,
//! body, shortcode calls, each by byte range); [`segment::split`] cuts it into translatable
//! segments and a skeleton, and [`segment::splice`] writes it back byte for byte with any
//! segment replaced. The library never prints: the `tolk` binary's `cli` module does.

pub mod adopt;
pub mod align;
pub mod check;
pub mod compare;
pub mod config;
pub mod diff;
pub mod export;
pub mod i18n;
pub mod inspect;
pub mod posting;
pub mod report;
pub mod segment;
pub mod suggest;
pub mod sync;
pub mod tm;
pub mod translate;
pub mod workspace;
