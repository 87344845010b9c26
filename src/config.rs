//! Configuration: the workspace's `tolk.toml` (languages, folders, the memory) and the rules for
//! which front matter keys and shortcode parameters carry text to translate.
//!
//! Every setting has a default, so `tolk.toml` is optional. Unknown keys and bad values are
//! errors that name the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

pub mod export;
pub mod mt;

/// Front matter keys translated by default (case-insensitive globs on the key or dotted path).
pub const DEFAULT_FRONT_MATTER: &[&str] = &[
    "title",
    "linktitle",
    "description",
    "summary",
    "intro",
    "subtitle",
    "metatitle",
    "metadescription",
    "sidebarlinkname*",
    "sidebartext",
    "sidebarheading*",
    "chapterstitle",
    "cardtitle",
    "cardintro",
    "sectiontext",
    "section",
    "toc",
    "team",
    "location",
    "duration",
    "audience",
];

/// Shortcode parameters translated by default: `param` (named, any shortcode),
/// `name.param` (named, one shortcode), `name#N` (positional N of one shortcode).
pub const DEFAULT_SHORTCODE_PARAMS: &[&str] = &[
    "title",
    "text",
    "description",
    "alt",
    "caption",
    "label",
    "linktext",
    "cardtitle",
    "arialabel",
    "boundary-row.topic",
    "boundary-row.service",
    "boundary-row.responsibility",
    "inline#0",
    "note#0",
    "disclaimer#0",
    "localtextbutton#0",
    "quote#0",
    "2calltoaction#0",
    "2calltoaction#2",
];

/// Shortcodes that always take a closing call; one left open is an error.
pub const DEFAULT_PAIRED: &[&str] = &["ingress"];

/// Shortcodes whose inner content is code or data, kept as it is (never a segment): Hugo's own
/// `highlight`.
pub const DEFAULT_VERBATIM: &[&str] = &["highlight"];

/// How many front matter paths [`Rules::translate_front_matter`] remembers.
const MEMO_LIMIT: usize = 10_000;

/// The segmentation rules.
#[derive(Debug, Clone)]
pub struct Rules {
    front_matter: GlobSet,
    /// Answers of [`Rules::translate_front_matter`] so far: a site uses few keys, and a glob
    /// match costs more than every other step of reading a value. Shared by clones (they have
    /// the same patterns), bounded by [`MEMO_LIMIT`].
    front_matter_memo: Arc<RwLock<rustc_hash::FxHashMap<String, bool>>>,
    front_matter_patterns: Vec<String>,
    shortcode_params: Vec<String>,
    paired: Vec<String>,
    verbatim: Vec<String>,
    strict: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new(
            DEFAULT_FRONT_MATTER,
            DEFAULT_SHORTCODE_PARAMS,
            DEFAULT_PAIRED,
        )
        .expect("default patterns are valid")
    }
}

impl Rules {
    /// Builds rules from patterns. Fails with the first invalid glob.
    pub fn new<S: AsRef<str>>(
        front_matter: &[S],
        shortcode_params: &[S],
        paired: &[S],
    ) -> Result<Rules, String> {
        let mut b = GlobSetBuilder::new();
        for p in front_matter {
            let glob = GlobBuilder::new(p.as_ref())
                .case_insensitive(true)
                .literal_separator(false)
                .build()
                .map_err(|_| p.as_ref().to_string())?;
            b.add(glob);
        }
        Ok(Rules {
            front_matter: b.build().map_err(|e| e.to_string())?,
            front_matter_memo: Arc::default(),
            front_matter_patterns: front_matter
                .iter()
                .map(|s| s.as_ref().to_string())
                .collect(),
            shortcode_params: shortcode_params
                .iter()
                .map(|s| s.as_ref().to_lowercase())
                .collect(),
            paired: paired.iter().map(|s| s.as_ref().to_string()).collect(),
            verbatim: to_strings(DEFAULT_VERBATIM),
            strict: true,
        })
    }

    /// Is the front matter value at this dotted path translatable? A pattern may match the
    /// whole path (`menu.main.name`), the path with list indexes left out (`tags` for
    /// `tags.0`), or its last key.
    pub fn translate_front_matter(&self, path: &str) -> bool {
        if let Some(&known) = self
            .front_matter_memo
            .read()
            .ok()
            .as_ref()
            .and_then(|m| m.get(path))
        {
            return known;
        }
        let answer = self.match_front_matter(path);
        if let Ok(mut memo) = self.front_matter_memo.write()
            && memo.len() < MEMO_LIMIT
        {
            memo.insert(path.to_string(), answer);
        }
        answer
    }

    fn match_front_matter(&self, path: &str) -> bool {
        if self.front_matter.is_match(path) {
            return true;
        }
        let without_indexes: Vec<&str> = path
            .split('.')
            .filter(|p| p.parse::<usize>().is_err())
            .collect();
        let joined = without_indexes.join(".");
        if joined != path && self.front_matter.is_match(&joined) {
            return true;
        }
        without_indexes
            .last()
            .is_some_and(|leaf| *leaf != joined && self.front_matter.is_match(leaf))
    }

    /// Is this parameter of this shortcode translatable?
    pub fn translate_param(&self, shortcode: &str, name: Option<&str>, position: usize) -> bool {
        // Names are compared in lower case; most are already (no copy then).
        fn lower(s: &str) -> std::borrow::Cow<'_, str> {
            if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                std::borrow::Cow::Borrowed(s)
            } else {
                std::borrow::Cow::Owned(s.to_lowercase())
            }
        }
        let sc = lower(shortcode);
        match name {
            Some(n) => {
                let n = lower(n);
                self.shortcode_params.iter().any(|rule| {
                    *rule == *n
                        || rule.strip_prefix(&*sc).and_then(|r| r.strip_prefix('.')) == Some(&*n)
                })
            }
            None => {
                let mut digits = itoa::Buffer::new();
                let position = digits.format(position);
                self.shortcode_params.iter().any(|rule| {
                    rule.strip_prefix(&*sc).and_then(|r| r.strip_prefix('#')) == Some(position)
                })
            }
        }
    }

    /// Are shortcode pairing mistakes errors (as in Hugo), or warnings?
    pub fn strict_shortcodes(&self) -> bool {
        self.strict
    }

    /// The same rules with shortcode pairing mistakes as warnings when `strict` is false.
    pub fn with_strict_shortcodes(mut self, strict: bool) -> Rules {
        self.strict = strict;
        self
    }

    /// The same rules with these shortcodes' inner content kept as it is.
    pub fn with_verbatim<S: AsRef<str>>(mut self, verbatim: &[S]) -> Rules {
        self.verbatim = verbatim.iter().map(|s| s.as_ref().to_string()).collect();
        self
    }

    /// Is this shortcode's inner content code or data, kept as it is (never translated)?
    pub fn is_verbatim(&self, shortcode: &str) -> bool {
        self.verbatim.iter().any(|v| v == shortcode)
    }

    /// Must this shortcode always be closed?
    pub fn always_paired(&self, shortcode: &str) -> bool {
        self.paired.iter().any(|p| p == shortcode)
    }

    pub fn front_matter_patterns(&self) -> &[String] {
        &self.front_matter_patterns
    }
}

/// The file name of a workspace's configuration.
pub const FILE_NAME: &str = "tolk.toml";

/// A workspace's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// BCP 47 code of the language postings are written in (default `en`).
    pub source: String,
    /// Languages translated into (default `da`, `sv`, `nb`).
    pub targets: Vec<String>,
    /// Folder of the postings, relative to the workspace: `<postings>/<folder>/<path>.md`.
    pub postings: PathBuf,
    /// The translation memory, relative to the workspace.
    pub memory: PathBuf,
    /// Folder name of each language (default: the code itself).
    folders: BTreeMap<String, String>,
    /// Path globs whose postings are written in another source language.
    source_by_path: Vec<(globset::GlobMatcher, String)>,
    pub rules: Rules,
    /// `[export]`: where and how `tolk export` writes the site's content.
    pub export: export::Settings,
    /// `[mt]`: the machine translation provider.
    pub mt: mt::Settings,
    /// The workspace's glossary (`[mt] glossary`, empty when there is no such file).
    pub glossary: mt::Glossary,
    /// The check policy for all languages, and per language.
    policy: Policy,
    policy_by_lang: BTreeMap<String, Policy>,
    /// The raw text of the file, if there was one.
    pub text: Option<String>,
    /// The raw text of the glossary file, if there was one.
    pub glossary_text: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source: "en".into(),
            targets: vec!["da".into(), "sv".into(), "nb".into()],
            postings: PathBuf::from("postings"),
            memory: PathBuf::from("translations.db"),
            folders: BTreeMap::new(),
            source_by_path: Vec::new(),
            rules: Rules::default(),
            policy: Policy::default(),
            policy_by_lang: BTreeMap::new(),
            export: export::Settings::default(),
            mt: mt::Settings::default(),
            glossary: mt::Glossary::default(),
            text: None,
            glossary_text: None,
        }
    }
}

/// What was wrong with `tolk.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {kind}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub kind: ConfigErrorKind,
}

/// The kinds of mistakes in `tolk.toml`, each with what was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigErrorKind {
    /// The file could not be read (a short reason, see [`crate::fsio::io_reason`]).
    #[error("{0}")]
    Io(String),
    /// Not valid TOML, or a key tolk does not know (the parser's message).
    #[error("{0}")]
    Toml(String),
    /// Not a language code (`da`, `nb`, `pt-BR`).
    #[error("invalid-language: {0}")]
    InvalidLanguage(String),
    /// The source language is also a target.
    #[error("source-in-targets: {0}")]
    SourceInTargets(String),
    /// A path glob that does not parse.
    #[error("invalid-glob: {0}")]
    InvalidGlob(String),
    /// A percentage out of 0..=100.
    #[error("invalid-percent: {0}")]
    InvalidPercent(String),
    /// A kind of change `stale_ignore` does not know (cosmetic, edited, rewritten).
    #[error("invalid-change-class: {0}")]
    InvalidChangeClass(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    source: Option<String>,
    targets: Option<Vec<String>>,
    postings: Option<PathBuf>,
    memory: Option<PathBuf>,
    /// Folder name -> language code, e.g. `no = "nb"`.
    #[serde(default)]
    folders: BTreeMap<String, String>,
    /// Path glob -> source language, e.g. `"blog/**" = "sv"`.
    #[serde(default)]
    source_by_path: BTreeMap<String, String>,
    #[serde(default)]
    front_matter: RawFrontMatter,
    #[serde(default)]
    shortcodes: RawShortcodes,
    #[serde(default)]
    check: RawCheck,
    #[serde(default)]
    export: export::Settings,
    #[serde(default)]
    mt: mt::Settings,
}

/// How much a finding of `tolk check` matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ignore,
    Warn,
    Fail,
}

/// What fails `tolk check` and what only warns, for one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// A target language has no file for a posting.
    pub missing: Level,
    /// A translation whose source posting is gone.
    pub orphaned: Level,
    /// Segments without a translation.
    pub untranslated: Level,
    /// Segments whose translation was made from other source text.
    pub stale: Level,
    /// Stale segments fail only when stale for more than this many days (else they warn).
    pub stale_after_days: u32,
    /// Change classes (`cosmetic`, `edited`, `rewritten`) that only warn when stale.
    pub stale_ignore: Vec<String>,
    /// Least percentage of current segments per posting; below it fails.
    pub min_translated: f64,
    /// Variant segments that could not be aligned with the source.
    pub unaligned: Level,
    /// Content checks on translations (missing link targets or numbers, extra HTML, glued
    /// code fences, empty or untranslated text, translated layout values).
    pub content: Level,
    /// `<script>`, `javascript:` URLs and event handlers the source does not have.
    pub unsafe_html: Level,
    /// Machine translations no person has reviewed.
    pub unreviewed: Level,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            missing: Level::Fail,
            orphaned: Level::Warn,
            untranslated: Level::Warn,
            stale: Level::Fail,
            stale_after_days: 0,
            stale_ignore: Vec::new(),
            min_translated: 0.0,
            unaligned: Level::Warn,
            content: Level::Warn,
            unsafe_html: Level::Fail,
            unreviewed: Level::Warn,
        }
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    missing: Option<Level>,
    orphaned: Option<Level>,
    untranslated: Option<Level>,
    stale: Option<Level>,
    stale_after_days: Option<u32>,
    stale_ignore: Option<Vec<String>>,
    min_translated: Option<f64>,
    unaligned: Option<Level>,
    content: Option<Level>,
    unsafe_html: Option<Level>,
    unreviewed: Option<Level>,
}

/// `[check]`: the policy's keys for all languages, and `[check.lang.<code>]` (serde's flatten
/// cannot be combined with refusing unknown keys, so the keys are listed again).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    missing: Option<Level>,
    orphaned: Option<Level>,
    untranslated: Option<Level>,
    stale: Option<Level>,
    stale_after_days: Option<u32>,
    stale_ignore: Option<Vec<String>>,
    min_translated: Option<f64>,
    unaligned: Option<Level>,
    content: Option<Level>,
    unsafe_html: Option<Level>,
    unreviewed: Option<Level>,
    #[serde(default)]
    lang: BTreeMap<String, RawPolicy>,
}

impl RawCheck {
    fn all(&self) -> RawPolicy {
        RawPolicy {
            missing: self.missing,
            orphaned: self.orphaned,
            untranslated: self.untranslated,
            stale: self.stale,
            stale_after_days: self.stale_after_days,
            stale_ignore: self.stale_ignore.clone(),
            min_translated: self.min_translated,
            unaligned: self.unaligned,
            content: self.content,
            unsafe_html: self.unsafe_html,
            unreviewed: self.unreviewed,
        }
    }
}

impl RawPolicy {
    fn apply(&self, p: &mut Policy) {
        if let Some(v) = self.missing {
            p.missing = v;
        }
        if let Some(v) = self.orphaned {
            p.orphaned = v;
        }
        if let Some(v) = self.untranslated {
            p.untranslated = v;
        }
        if let Some(v) = self.stale {
            p.stale = v;
        }
        if let Some(v) = self.stale_after_days {
            p.stale_after_days = v;
        }
        if let Some(v) = &self.stale_ignore {
            p.stale_ignore = v.clone();
        }
        if let Some(v) = self.min_translated {
            p.min_translated = v;
        }
        if let Some(v) = self.unaligned {
            p.unaligned = v;
        }
        if let Some(v) = self.content {
            p.content = v;
        }
        if let Some(v) = self.unsafe_html {
            p.unsafe_html = v;
        }
        if let Some(v) = self.unreviewed {
            p.unreviewed = v;
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    translate: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawShortcodes {
    translate: Option<Vec<String>>,
    paired: Option<Vec<String>>,
    verbatim: Option<Vec<String>>,
    /// false: a closing call without an opening one (or an always-paired call left open) is a
    /// warning and the posting is read anyway. Hugo refuses such pages, so true by default.
    strict: Option<bool>,
}

/// A BCP 47 language tag as tolk uses them: letters, digits and hyphens, starting with a letter.
fn valid_lang(code: &str) -> bool {
    code.parse::<unic_langid::LanguageIdentifier>().is_ok()
        && code.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && code != "no"
}

impl Config {
    /// Loads `tolk.toml` from the workspace `dir`, or the defaults when there is none.
    pub fn load(dir: &Path) -> Result<Config, ConfigError> {
        let path = dir.join(FILE_NAME);
        let mut cfg = match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&path, &text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => {
                return Err(ConfigError {
                    path,
                    line: 0,
                    kind: ConfigErrorKind::Io(crate::fsio::io_reason(&e)),
                });
            }
        };
        let path = dir.join(&cfg.mt.glossary);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                cfg.glossary =
                    mt::Glossary::parse(&text).map_err(|(line, message)| ConfigError {
                        path,
                        line,
                        kind: ConfigErrorKind::Toml(message),
                    })?;
                cfg.glossary_text = Some(text);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(ConfigError {
                    path,
                    line: 0,
                    kind: ConfigErrorKind::Io(crate::fsio::io_reason(&e)),
                });
            }
        }
        Ok(cfg)
    }

    /// Parses the text of a `tolk.toml`; `path` is used in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let line_at = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let err = |line, kind: ConfigErrorKind| ConfigError {
            path: path.to_path_buf(),
            line,
            kind,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_at(s.start));
            err(line, ConfigErrorKind::Toml(e.message().to_string()))
        })?;
        // Where a key is written, for errors found after parsing.
        let line_of_key = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map_or(1, |i| i + 1)
        };
        let mut cfg = Config {
            text: Some(text.to_string()),
            ..Config::default()
        };
        if let Some(s) = raw.source {
            cfg.source = s;
        }
        if let Some(t) = raw.targets {
            cfg.targets = t;
        }
        for code in std::iter::once(&cfg.source).chain(&cfg.targets) {
            if !valid_lang(code) {
                let key = if *code == cfg.source {
                    "source"
                } else {
                    "targets"
                };
                return Err(err(
                    line_of_key(key),
                    ConfigErrorKind::InvalidLanguage(code.clone()),
                ));
            }
        }
        if cfg.targets.contains(&cfg.source) {
            return Err(err(
                line_of_key("targets"),
                ConfigErrorKind::SourceInTargets(cfg.source.clone()),
            ));
        }
        if let Some(p) = raw.postings {
            cfg.postings = p;
        }
        if let Some(m) = raw.memory {
            cfg.memory = m;
        }
        for (folder, code) in raw.folders {
            if !valid_lang(&code) {
                return Err(err(
                    line_of_key(&folder),
                    ConfigErrorKind::InvalidLanguage(code.clone()),
                ));
            }
            cfg.folders.insert(code, folder);
        }
        for (glob, code) in raw.source_by_path {
            if !valid_lang(&code) {
                return Err(err(
                    line_of_key(&format!("\"{glob}\"")),
                    ConfigErrorKind::InvalidLanguage(code.clone()),
                ));
            }
            let m = globset::Glob::new(&glob)
                .map_err(|_| {
                    err(
                        line_of_key(&format!("\"{glob}\"")),
                        ConfigErrorKind::InvalidGlob(glob.clone()),
                    )
                })?
                .compile_matcher();
            cfg.source_by_path.push((m, code));
        }
        let fm = raw
            .front_matter
            .translate
            .unwrap_or_else(|| to_strings(DEFAULT_FRONT_MATTER));
        let sc = raw
            .shortcodes
            .translate
            .unwrap_or_else(|| to_strings(DEFAULT_SHORTCODE_PARAMS));
        let paired = raw
            .shortcodes
            .paired
            .unwrap_or_else(|| to_strings(DEFAULT_PAIRED));
        cfg.export = raw.export;
        cfg.mt = raw.mt;
        raw.check.all().apply(&mut cfg.policy);
        for (lang, over) in &raw.check.lang {
            let mut p = cfg.policy.clone();
            over.apply(&mut p);
            cfg.policy_by_lang.insert(lang.clone(), p);
        }
        for p in std::iter::once(&cfg.policy).chain(cfg.policy_by_lang.values()) {
            if let Some(bad) = p
                .stale_ignore
                .iter()
                .find(|c| !matches!(c.as_str(), "cosmetic" | "edited" | "rewritten"))
            {
                return Err(err(
                    line_of_key("stale_ignore"),
                    ConfigErrorKind::InvalidChangeClass(bad.to_string()),
                ));
            }
            if !(0.0..=100.0).contains(&p.min_translated) {
                return Err(err(
                    line_of_key("min_translated"),
                    ConfigErrorKind::InvalidPercent(p.min_translated.to_string()),
                ));
            }
        }
        cfg.rules = Rules::new(&fm, &sc, &paired)
            .map_err(|bad| {
                err(
                    line_of_key("translate"),
                    ConfigErrorKind::InvalidGlob(bad.to_string()),
                )
            })?
            .with_strict_shortcodes(raw.shortcodes.strict.unwrap_or(true))
            .with_verbatim(
                &raw.shortcodes
                    .verbatim
                    .unwrap_or_else(|| to_strings(DEFAULT_VERBATIM)),
            );
        Ok(cfg)
    }

    /// The check policy for a language.
    pub fn policy(&self, lang: &str) -> &Policy {
        self.policy_by_lang.get(lang).unwrap_or(&self.policy)
    }

    /// The folder that holds a language's postings.
    pub fn folder<'a>(&'a self, lang: &'a str) -> &'a str {
        self.folders.get(lang).map_or(lang, String::as_str)
    }

    /// A hash of the configuration files as read (`tolk.toml` and the glossary): what a cached
    /// answer was computed with.
    pub fn files_hash(&self) -> u64 {
        let mut both = String::new();
        for text in [&self.text, &self.glossary_text] {
            let text = text.as_deref().unwrap_or("");
            both.push_str(&text.len().to_string());
            both.push(':');
            both.push_str(text);
        }
        xxhash_rust::xxh3::xxh3_64(both.as_bytes())
    }

    /// Every language: the source first, then the targets.
    pub fn languages(&self) -> Vec<String> {
        let mut v = vec![self.source.clone()];
        v.extend(self.targets.iter().cloned());
        for (_, code) in &self.source_by_path {
            if !v.contains(code) {
                v.push(code.clone());
            }
        }
        v
    }

    /// The source language of the posting at `rel` (a path inside a language folder).
    pub fn source_of(&self, rel: &str) -> &str {
        self.source_by_path
            .iter()
            .find(|(m, _)| m.is_match(rel))
            .map_or(self.source.as_str(), |(_, code)| code.as_str())
    }

    /// The languages a posting at `rel` is translated into.
    pub fn targets_of(&self, rel: &str) -> Vec<String> {
        let source = self.source_of(rel);
        self.languages()
            .into_iter()
            .filter(|l| l != source)
            .collect()
    }

    /// The text of a `tolk.toml` with every default written out.
    pub fn default_file() -> String {
        let list = |v: &[&str]| {
            v.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "# tolk's workspace configuration. Every key is optional; these are the defaults.\n\
             source = \"en\"\n\
             targets = [\"da\", \"sv\", \"nb\"]\n\
             postings = \"postings\"\n\
             memory = \"translations.db\"\n\
             \n\
             # Folder names that differ from the language code, e.g. no = \"nb\".\n\
             [folders]\n\
             \n\
             # Postings written in another language than `source`, e.g. \"blog/**\" = \"sv\".\n\
             [source_by_path]\n\
             \n\
             [front_matter]\n\
             # Keys whose values are translated (case-insensitive globs on the key or dotted path).\n\
             translate = [{}]\n\
             \n\
             [shortcodes]\n\
             # Parameters translated: name (any shortcode), shortcode.name, shortcode#position.\n\
             translate = [{}]\n\
             # Shortcodes that must always be closed.\n\
             paired = [{}]\n\
             # Shortcodes whose inner content is code or data, kept as it is (never translated).\n\
             verbatim = [{}]\n\
             # Pairing mistakes (a closing call with no opening) are errors, as in Hugo; false\n\
             # makes them warnings and reads the posting anyway.\n\
             strict = true\n\
             \n\
             # What fails `tolk check` (fail), what only warns (warn), what is ignored (ignore).\n\
             [check]\n\
             missing = \"fail\"\n\
             orphaned = \"warn\"\n\
             untranslated = \"warn\"\n\
             stale = \"fail\"\n\
             # Stale segments fail only after this many days; these change classes only warn.\n\
             stale_after_days = 0\n\
             stale_ignore = []\n\
             # Least percentage of current segments per posting.\n\
             min_translated = 0\n\
             unaligned = \"warn\"\n\
             # Content checks on translations, and script or event handlers they add.\n\
             content = \"warn\"\n\
             unsafe_html = \"fail\"\n\
             \n\
             # Per language, e.g. [check.lang.da] stale = \"warn\".\n\
             \n\
             # Where `tolk export` writes: content/<lang>/<section>/... (folder) or\n\
             # content/<section>/<name>.<lang>.md (suffix).\n\
             [export]\n\
             to = \"content\"\n\
             layout = \"folder\"\n\
             section = \"\"\n\
             # keep (stale translations as they are), fallback (stale and untranslated in the\n\
             # source language), hold (below hold_below percent current: left out, or a draft).\n\
             publish = \"keep\"\n\
             hold_below = 80.0\n\
             hold_as_draft = false\n\
             orphans_as_drafts = false\n\
             language_key = \"language\"\n\
             # translation_key = \"translationKey\"\n\
             keep = [\"slug\"]\n",
            list(DEFAULT_FRONT_MATTER),
            list(DEFAULT_SHORTCODE_PARAMS),
            list(DEFAULT_PAIRED),
            list(DEFAULT_VERBATIM)
        )
    }
}

fn to_strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses_to_the_defaults() {
        let c = Config::parse(Path::new("tolk.toml"), &Config::default_file()).unwrap();
        assert_eq!(c.source, "en");
        assert_eq!(c.targets, ["da", "sv", "nb"]);
        assert!(c.rules.translate_front_matter("title"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Config::parse(Path::new("tolk.toml"), "source = \"en\"\ncolour = 1\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            matches!(&e.kind, ConfigErrorKind::Toml(m) if m.contains("unknown field")),
            "{}",
            e.kind
        );
        let e = Config::parse(Path::new("tolk.toml"), "targets = \"da\"\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Config::parse(
            Path::new("tolk.toml"),
            "source = \"en\"\ntargets = [\"da\", \"no\"]\n",
        )
        .unwrap_err();
        assert_eq!(
            (e.line, e.kind),
            (2, ConfigErrorKind::InvalidLanguage("no".into()))
        );
    }

    #[test]
    fn check_policy_per_language() {
        let c = Config::parse(
            Path::new("tolk.toml"),
            "[check]\nstale = \"warn\"\nstale_ignore = [\"cosmetic\"]\n[check.lang.da]\nstale = \"fail\"\n",
        )
        .unwrap();
        assert_eq!(c.policy("sv").stale, Level::Warn);
        assert_eq!(c.policy("da").stale, Level::Fail);
        assert_eq!(c.policy("da").stale_ignore, ["cosmetic"]);
        let e = Config::parse(Path::new("tolk.toml"), "[check]\nstale = \"maybe\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = Config::parse(Path::new("tolk.toml"), "[check]\nstal = \"warn\"\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn folders_and_sources_by_path() {
        let c = Config::parse(
            Path::new("tolk.toml"),
            "targets = [\"da\", \"sv\", \"nb\"]\n[folders]\nno = \"nb\"\n[source_by_path]\n\"blog/**\" = \"sv\"\n",
        )
        .unwrap();
        assert_eq!(c.folder("nb"), "no");
        assert_eq!(c.source_of("blog/x.md"), "sv");
        assert_eq!(c.targets_of("blog/x.md"), ["en", "da", "nb"]);
        assert_eq!(c.targets_of("career/x.md"), ["da", "sv", "nb"]);
    }

    #[test]
    fn front_matter_globs_are_case_insensitive() {
        let r = Rules::default();
        assert!(r.translate_front_matter("Title"));
        assert!(r.translate_front_matter("sidebarlinkname2"));
        assert!(!r.translate_front_matter("sidebarlinkurl"));
        assert!(!r.translate_front_matter("date"));
        let r = Rules::new(&["tags", "menu.*.name"], &[], &[]).unwrap();
        assert!(r.translate_front_matter("tags.3"));
        assert!(r.translate_front_matter("menu.main.name"));
    }

    #[test]
    fn shortcode_params() {
        let r = Rules::default();
        assert!(r.translate_param("localbutton", Some("text"), 0));
        assert!(!r.translate_param("localbutton", Some("link"), 1));
        assert!(r.translate_param("inline", None, 0));
        assert!(!r.translate_param("inline", None, 1));
        assert!(r.translate_param("2calltoaction", None, 2));
        assert!(r.translate_param("boundary-row", Some("topic"), 0));
        assert!(!r.translate_param("other", Some("topic"), 0));
    }
}
