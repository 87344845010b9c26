//! `[export]` in `tolk.toml`: where and how `tolk export` writes the site's content (read by
//! [`crate::config`], used by [`crate::export`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// Where exported files go: `content/<lang>/<section>/<name>.md` or
/// `content/<section>/<name>.<lang>.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    Folder,
    Suffix,
}

/// What to publish when translations are not current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Publish {
    /// Stale translations are published as they are.
    Keep,
    /// Stale and untranslated segments are published in the source language.
    Fallback,
    /// Below `hold_below` percent current, the page is held back (or exported as a draft).
    Hold,
}

/// `[export]` in `tolk.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The site's content folder, relative to the workspace.
    pub to: PathBuf,
    pub layout: Layout,
    /// A folder inside each language's content where the postings go (e.g. `career`).
    pub section: String,
    pub publish: Publish,
    /// For `hold`: the least percentage of current segments to publish.
    pub hold_below: f64,
    /// For `hold`: export held pages as drafts instead of leaving them out.
    pub hold_as_draft: bool,
    /// Keep orphaned pages (whose source is gone) as drafts instead of removing them.
    pub orphans_as_drafts: bool,
    /// Front matter key set to the language code (when the source has it).
    pub language_key: Option<String>,
    /// Front matter key set to the posting's path, shared by all its languages.
    pub translation_key: Option<String>,
    /// Front matter keys whose value is kept from each language's own file (e.g. `slug`).
    pub keep: Vec<String>,
    /// Per language: `publish` overrides, e.g. `[export.publish_by_lang] da = "fallback"`.
    pub publish_by_lang: BTreeMap<String, Publish>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            to: PathBuf::from("content"),
            layout: Layout::Folder,
            section: String::new(),
            publish: Publish::Keep,
            hold_below: 80.0,
            hold_as_draft: false,
            orphans_as_drafts: false,
            language_key: Some("language".into()),
            translation_key: None,
            keep: vec!["slug".into()],
            publish_by_lang: BTreeMap::new(),
        }
    }
}
