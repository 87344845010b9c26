//! Configuration: which front matter keys and shortcode parameters carry text to translate.
//!
//! The defaults suit a Hugo site; `tolk.toml` may replace them.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

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

/// The segmentation rules.
#[derive(Debug, Clone)]
pub struct Rules {
    front_matter: GlobSet,
    front_matter_patterns: Vec<String>,
    shortcode_params: Vec<String>,
    paired: Vec<String>,
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
            front_matter_patterns: front_matter
                .iter()
                .map(|s| s.as_ref().to_string())
                .collect(),
            shortcode_params: shortcode_params
                .iter()
                .map(|s| s.as_ref().to_lowercase())
                .collect(),
            paired: paired.iter().map(|s| s.as_ref().to_string()).collect(),
        })
    }

    /// Is the front matter value at this dotted path translatable? A pattern may match the
    /// whole path (`menu.main.name`), the path with list indexes left out (`tags` for
    /// `tags.0`), or its last key.
    pub fn translate_front_matter(&self, path: &str) -> bool {
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
        let sc = shortcode.to_lowercase();
        self.shortcode_params.iter().any(|rule| match name {
            Some(n) => {
                let n = n.to_lowercase();
                *rule == n || rule.strip_prefix(&sc).and_then(|r| r.strip_prefix('.')) == Some(&n)
            }
            None => {
                rule.strip_prefix(&sc).and_then(|r| r.strip_prefix('#'))
                    == Some(position.to_string().as_str())
            }
        })
    }

    /// Must this shortcode always be closed?
    pub fn always_paired(&self, shortcode: &str) -> bool {
        self.paired.iter().any(|p| p == shortcode)
    }

    pub fn front_matter_patterns(&self) -> &[String] {
        &self.front_matter_patterns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
