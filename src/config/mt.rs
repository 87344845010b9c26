//! `[mt]` in `tolk.toml`: which machine translation provider `tolk mt` asks and how (read by
//! [`crate::config`], used by `crate::mt`), and the workspace's glossary.
//!
//! API keys are never read from the file: `api_key_env` names the environment variable.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// Which protocol the provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// OpenAI-compatible chat completions (OpenAI, Ollama, vLLM, llama.cpp, LM Studio).
    OpenAi,
    /// DeepL API v2.
    DeepL,
    /// An external command: JSON lines on stdin, JSON lines on stdout.
    Command,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::OpenAi => "openai",
            Provider::DeepL => "deepl",
            Provider::Command => "command",
        }
    }
}

/// Which stale translations a machine answer replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Replace {
    /// Untranslated segments and machine translations no person reviewed; a person's stale
    /// translation stays, and the answer is kept as a suggestion.
    Machine,
    /// Every stale translation, a person's too.
    All,
}

/// `[mt]` in `tolk.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// `None`: not configured (`tolk mt` says how to set it up).
    pub provider: Option<Provider>,
    /// The API's base URL (`https://api.openai.com/v1`, `http://localhost:11434/v1`,
    /// `https://api-free.deepl.com`).
    pub base_url: Option<String>,
    pub model: Option<String>,
    /// The environment variable holding the API key.
    pub api_key_env: Option<String>,
    /// For `command`: the program and its arguments.
    pub command: Vec<String>,
    /// Seconds to wait for one answer.
    pub timeout: u64,
    /// Tries of a request that fails with 429 or 5xx (or does not answer), the first included.
    pub tries: u32,
    /// Seconds to wait before the second try (doubled each time; `Retry-After` wins).
    pub backoff: f64,
    /// The longest wait between tries, in seconds.
    pub max_wait: f64,
    /// Segments per request.
    pub batch: usize,
    /// Requests in flight at once.
    pub in_flight: usize,
    /// Which stale translations are replaced.
    pub replace: Replace,
    /// The front matter key a site uses to mark a machine-made file (`ai: true`): read by sync
    /// and adopt, set by `tolk mt` on the files it writes.
    pub flag: Option<String>,
    /// Remove the flag from a file once all its machine segments are reviewed.
    pub clear_flag: bool,
    /// The glossary file, relative to the workspace.
    pub glossary: PathBuf,
    /// Per language: instructions for the provider (e.g. "address the reader as du").
    pub instructions: BTreeMap<String, String>,
    /// For `deepl`: a glossary id per language, made in DeepL beforehand.
    pub deepl_glossary: BTreeMap<String, String>,
    /// Price per million characters sent (DeepL bills characters), for `--dry-run`.
    pub price_per_million_characters: Option<f64>,
    /// Price per million tokens sent (chat models bill tokens), for `--dry-run`.
    pub price_per_million_tokens: Option<f64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            provider: None,
            base_url: None,
            model: None,
            api_key_env: None,
            command: Vec::new(),
            timeout: 120,
            tries: 4,
            backoff: 1.0,
            max_wait: 60.0,
            batch: 20,
            in_flight: 4,
            replace: Replace::Machine,
            flag: Some("ai".into()),
            clear_flag: true,
            glossary: PathBuf::from("glossary.toml"),
            instructions: BTreeMap::new(),
            deepl_glossary: BTreeMap::new(),
            price_per_million_characters: None,
            price_per_million_tokens: None,
        }
    }
}

/// The workspace's glossary (`glossary.toml`):
///
/// ```toml
/// keep = ["OpenStack", "Ceph"]        # never translated, in every language
///
/// [[term]]
/// source = "on-call"
/// translate = { da = "tilkaldevagt", sv = "jour" }
/// forbid = { da = ["on-call"] }
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// Terms kept as they are (matched with their case).
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default, rename = "term")]
    pub terms: Vec<Term>,
}

/// A source term and what it must (or must not) become in each language.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term in the source language (matched case-insensitively, as a word).
    pub source: String,
    /// Language -> the fixed translation.
    #[serde(default)]
    pub translate: BTreeMap<String, String>,
    /// Language -> translations never to use.
    #[serde(default)]
    pub forbid: BTreeMap<String, Vec<String>>,
    /// A note for translators and the provider.
    #[serde(default)]
    pub note: Option<String>,
}

/// Byte offsets where `needle` occurs in `hay` as a whole word (no letter or digit around it);
/// `fold`: case-insensitively.
pub fn find_word(hay: &str, needle: &str, fold: bool) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let (h, n) = if fold {
        (hay.to_lowercase(), needle.to_lowercase())
    } else {
        (hay.to_string(), needle.to_string())
    };
    // Lower-casing keeps byte lengths for the texts tolk sees, but not always: then the folded
    // text's offsets are only used to say "found".
    let mut from = 0;
    while let Some(p) = h[from..].find(&n) {
        let at = from + p;
        let before = h[..at].chars().next_back();
        let after = h[at + n.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if !word(before) && !word(after) {
            return Some(at);
        }
        from = at + n.len().max(1);
        while !h.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

impl Glossary {
    /// Parses a glossary file's text; the error names the line.
    pub fn parse(text: &str) -> Result<Glossary, (usize, String)> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            (line, e.message().to_string())
        })
    }

    /// The glossary's entries that apply to a source text in `lang`: kept terms it contains,
    /// and terms it contains with a fixed or forbidden translation in `lang`.
    pub fn found<'a>(&'a self, source: &str, lang: &str) -> (Vec<&'a str>, Vec<&'a Term>) {
        let keep = self
            .keep
            .iter()
            .filter(|k| find_word(source, k, false).is_some())
            .map(String::as_str)
            .collect();
        let terms = self
            .terms
            .iter()
            .filter(|t| t.translate.contains_key(lang) || t.forbid.contains_key(lang))
            .filter(|t| find_word(source, &t.source, true).is_some())
            .collect();
        (keep, terms)
    }

    pub fn is_empty(&self) -> bool {
        self.keep.is_empty() && self.terms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_with_their_case_when_asked() {
        assert_eq!(find_word("Run Ceph clusters", "Ceph", false), Some(4));
        assert_eq!(find_word("Run ceph clusters", "Ceph", false), None);
        assert_eq!(find_word("Run ceph clusters", "Ceph", true), Some(4));
        assert_eq!(find_word("Cephalopods", "Ceph", true), None);
        assert_eq!(find_word("on-call, again", "on-call", true), Some(0));
        assert_eq!(find_word("Ceph-klyngen", "Ceph", false), Some(0));
    }

    #[test]
    fn a_glossary_parses_and_says_which_terms_apply() {
        let g = Glossary::parse(
            "keep = [\"Ceph\"]\n[[term]]\nsource = \"on-call\"\ntranslate = { da = \"tilkaldevagt\" }\n",
        )
        .unwrap();
        let (keep, terms) = g.found("Ceph on-call rota", "da");
        assert_eq!(keep, ["Ceph"]);
        assert_eq!(terms.len(), 1);
        let (_, terms) = g.found("Ceph on-call rota", "sv");
        assert!(terms.is_empty());
        let (line, _) = Glossary::parse("keep = [\"a\"]\n[[term]]\nsorce = 1\n").unwrap_err();
        assert_eq!(line, 3);
    }
}
