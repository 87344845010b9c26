//! SUGGEST: translations from the memory for a source text: exact matches (100%), exact
//! matches under the same heading (101%, as memoQ ranks context matches), and fuzzy matches
//! above a threshold, by words, so that unrelated short strings are never paired ("Storing
//! Books" shares no word with "String").

use serde::Serialize;

use crate::align::similarity;
use crate::tm::Candidate;

/// Why a suggestion matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "match", rename_all = "kebab-case")]
pub enum Why {
    /// The same source text under the same heading, in `posting`.
    Context { posting: String },
    /// The same source text, in `posting`.
    Exact { posting: String },
    /// A similar source text (shown to the translator, with its words compared).
    Fuzzy { posting: String, source: String },
    /// A machine provider's answer for this very English (`tolk mt`), not written because a
    /// person's translation is there.
    Machine {
        provider: String,
        model: Option<String>,
    },
    /// One side of a merge conflict: the translation of this branch (`ours`) or of the one
    /// merged in.
    Branch { ours: bool },
}

/// The machine answers kept for `source` (newest first), as suggestions.
pub fn machine(answers: &[crate::tm::MachineAnswer], source: &str) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for a in answers.iter().rev().filter(|a| a.source_text == source) {
        if out.iter().any(|s| s.text == a.text) {
            continue;
        }
        out.push(Suggestion {
            text: a.text.clone(),
            percent: 100,
            why: Why::Machine {
                provider: a.provider.clone(),
                model: a.model.clone(),
            },
        });
    }
    out
}

/// What one segment is offered, best first, at most five: the two sides of a merge conflict
/// (`ours`, `theirs`), then the machine's answers for this English, then the memory's matches;
/// a suggestion equal to the translation already there is left out (a conflict's sides never).
pub struct Ask<'a> {
    pub source: &'a str,
    pub heading: Option<&'a str>,
    pub posting: &'a str,
    pub translation: Option<&'a str>,
    pub conflict: Option<(&'a str, &'a str)>,
    pub threshold: u32,
}

/// The suggestions for one segment (see [`Ask`]).
pub fn offered(
    memory: &Memory,
    answers: &[crate::tm::MachineAnswer],
    ask: &Ask<'_>,
) -> Vec<Suggestion> {
    let mut all: Vec<Suggestion> = Vec::new();
    if let Some((ours, theirs)) = ask.conflict {
        for (text, ours) in [(ours, true), (theirs, false)] {
            all.push(Suggestion {
                text: text.to_string(),
                percent: 100,
                why: Why::Branch { ours },
            });
        }
    }
    all.extend(machine(answers, ask.source));
    all.extend(memory.suggest(ask.source, ask.heading, Some(ask.posting), ask.threshold, 6));
    all.into_iter()
        .filter(|sg| {
            matches!(sg.why, Why::Branch { .. }) || ask.translation != Some(sg.text.as_str())
        })
        .take(5)
        .collect()
}

/// A suggested translation.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub text: String,
    /// 101 for a context match, 100 for an exact one, else the share of matching words.
    pub percent: u32,
    pub why: Why,
}

/// What the memory knows, prepared once for many look-ups.
pub struct Memory {
    entries: Vec<Entry>,
}

struct Entry {
    posting: String,
    source: String,
    heading: Option<String>,
    translation: String,
    words: usize,
}

impl Memory {
    /// Builds the look-up from the memory's candidates (in posting order, so each one's heading
    /// is the last heading before it).
    pub fn new(candidates: Vec<Candidate>) -> Memory {
        let mut entries = Vec::new();
        let mut heading: Option<String> = None;
        let mut posting = String::new();
        for c in candidates {
            if c.posting != posting {
                posting = c.posting.clone();
                heading = None;
            }
            if c.kind == "heading" {
                heading = Some(c.source.clone());
            }
            if let Some(t) = c.translation {
                let words = c.source.split_whitespace().count();
                entries.push(Entry {
                    posting: c.posting,
                    source: c.source,
                    heading: heading.clone(),
                    translation: t,
                    words,
                });
            }
        }
        Memory { entries }
    }

    /// Suggestions for `source` under `heading`, best first; `skip` leaves out a posting's own
    /// translation of the text (not a suggestion, it is already there). `threshold` is the
    /// least percentage for a fuzzy match.
    pub fn suggest(
        &self,
        source: &str,
        heading: Option<&str>,
        skip: Option<&str>,
        threshold: u32,
        limit: usize,
    ) -> Vec<Suggestion> {
        if limit == 0 {
            return Vec::new();
        }
        let words = source.split_whitespace().count().max(1);
        let mut out: Vec<Suggestion> = Vec::new();
        for e in &self.entries {
            if skip == Some(e.posting.as_str()) && e.source == source {
                continue;
            }
            let (percent, why) = if e.source == source {
                if heading.is_some() && e.heading.as_deref() == heading {
                    (
                        101,
                        Why::Context {
                            posting: e.posting.clone(),
                        },
                    )
                } else {
                    (
                        100,
                        Why::Exact {
                            posting: e.posting.clone(),
                        },
                    )
                }
            } else if threshold >= 100 {
                // Exact matches only.
                continue;
            } else {
                // Word counts too far apart cannot reach the threshold.
                let (a, b) = (words.min(e.words.max(1)), words.max(e.words));
                if (a * 100) < (b * threshold as usize) / 2 {
                    continue;
                }
                let p = (similarity(&e.source, source) * 100.0).floor() as u32;
                if p < threshold {
                    continue;
                }
                (
                    p.min(99),
                    Why::Fuzzy {
                        posting: e.posting.clone(),
                        source: e.source.clone(),
                    },
                )
            };
            match out.iter_mut().find(|s| s.text == e.translation) {
                Some(s) if s.percent >= percent => {}
                Some(s) => {
                    s.percent = percent;
                    s.why = why;
                }
                None => out.push(Suggestion {
                    text: e.translation.clone(),
                    percent,
                    why,
                }),
            }
        }
        out.sort_by(|a, b| b.percent.cmp(&a.percent).then_with(|| a.text.cmp(&b.text)));
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(posting: &str, kind: &str, source: &str, tr: Option<&str>) -> Candidate {
        Candidate {
            posting: posting.into(),
            kind: kind.into(),
            source: source.into(),
            translation: tr.map(Into::into),
        }
    }

    #[test]
    fn exact_context_and_fuzzy_ranked() {
        let m = Memory::new(vec![
            cand("a.md", "heading", "How to apply", Some("Sådan søger du")),
            cand(
                "a.md",
                "paragraph",
                "Send us your CV today.",
                Some("Send os dit CV i dag."),
            ),
            cand("b.md", "heading", "Apply", Some("Søg")),
            cand(
                "b.md",
                "paragraph",
                "Send us your CV today.",
                Some("Send dit CV i dag."),
            ),
            cand(
                "b.md",
                "paragraph",
                "Send us your CV and a letter today.",
                Some("Send os dit CV og et brev i dag."),
            ),
            cand("c.md", "paragraph", "String", Some("Streng")),
        ]);
        let s = m.suggest("Send us your CV today.", Some("How to apply"), None, 75, 5);
        assert_eq!(s[0].percent, 101);
        assert_eq!(s[0].text, "Send os dit CV i dag.");
        assert_eq!(s[1].percent, 100);
        assert!(s.len() == 2 || s[2].percent < 100);
        let f = m.suggest(
            "Send us your CV and a short letter today.",
            None,
            None,
            75,
            5,
        );
        assert_eq!(f[0].text, "Send os dit CV og et brev i dag.");
        assert!(matches!(f[0].why, Why::Fuzzy { .. }));
        assert!(m.suggest("Storing Books", None, None, 75, 5).is_empty());
    }
}
