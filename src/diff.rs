//! DIFF: a word diff from the English a translation was made from to today's English, with
//! `similar`. No colour and no I/O here: renderers mark the changes.
//!
//! ```
//! use tolk::diff::{word_diff, plain};
//! let d = word_diff("one week in six.", "one week in eight.");
//! assert_eq!(plain(&d), "one week in [-six.-]{+eight.+}");
//! ```

use similar::{ChangeTag, TextDiff};

/// One run of the diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// The word diff of two texts; white space stays with the words around it.
pub fn word_diff(old: &str, new: &str) -> Vec<Part> {
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_words(old, new);
    let mut parts: Vec<Part> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let push = |parts: &mut Vec<Part>, make: fn(String) -> Part, text: &str| match (
            parts.last_mut(),
            make(String::new()),
        ) {
            (Some(Part::Same(s)), Part::Same(_))
            | (Some(Part::Deleted(s)), Part::Deleted(_))
            | (Some(Part::Inserted(s)), Part::Inserted(_)) => s.push_str(text),
            _ => parts.push(make(text.to_string())),
        };
        match change.tag() {
            ChangeTag::Equal => push(&mut parts, Part::Same, text),
            ChangeTag::Delete => push(&mut parts, Part::Deleted, text),
            ChangeTag::Insert => push(&mut parts, Part::Inserted, text),
        }
    }
    tidy(parts)
}

/// Moves white space at the edges of changed runs into the unchanged text around them, and
/// puts each deletion before the insertion that replaces it.
fn tidy(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    for p in parts {
        let inserted = matches!(p, Part::Inserted(_));
        match p {
            Part::Same(s) => match out.last_mut() {
                Some(Part::Same(prev)) => prev.push_str(&s),
                _ => out.push(Part::Same(s)),
            },
            // A change of white space only: shown as the new spacing, unmarked.
            Part::Deleted(s) | Part::Inserted(s) if s.trim().is_empty() => {
                if inserted {
                    match out.last_mut() {
                        Some(Part::Same(prev)) => prev.push_str(&s),
                        _ => out.push(Part::Same(s)),
                    }
                }
            }
            changed => {
                let (lead, body, trail) = split_ws(match &changed {
                    Part::Deleted(s) | Part::Inserted(s) => s,
                    Part::Same(_) => unreachable!(),
                });
                if !lead.is_empty() {
                    match out.last_mut() {
                        Some(Part::Same(prev)) => prev.push_str(lead),
                        _ => out.push(Part::Same(lead.to_string())),
                    }
                }
                let item = match changed {
                    Part::Deleted(_) => Part::Deleted(body.to_string()),
                    _ => Part::Inserted(body.to_string()),
                };
                out.push(item);
                if !trail.is_empty() {
                    out.push(Part::Same(trail.to_string()));
                }
            }
        }
    }
    // Changed stretches separated only by white space become one: [-b-]{+x+} [-c-]{+y+} ->
    // [-b c-]{+x y+}.
    let mut merged: Vec<Part> = Vec::new();
    let mut i = 0;
    while i < out.len() {
        merged.push(out[i].clone());
        i += 1;
        loop {
            let ws = match out.get(i) {
                Some(Part::Same(ws)) if ws.trim().is_empty() => ws.clone(),
                _ => break,
            };
            // The stretch before (at the end of merged) and the one after (from i + 1).
            let before = stretch(&merged, merged.len());
            let after_end = (i + 1..out.len())
                .find(|&k| matches!(out[k], Part::Same(_)))
                .unwrap_or(out.len());
            let after = &out[i + 1..after_end];
            let kinds = |parts: &[Part]| {
                (
                    parts.iter().any(|p| matches!(p, Part::Deleted(_))),
                    parts.iter().any(|p| matches!(p, Part::Inserted(_))),
                )
            };
            if before.is_empty() || after.is_empty() || kinds(before) != kinds(after) {
                break;
            }
            let join = |parts: &[Part], want_del: bool| -> Option<String> {
                parts.iter().find_map(|p| match (p, want_del) {
                    (Part::Deleted(s), true) | (Part::Inserted(s), false) => Some(s.clone()),
                    _ => None,
                })
            };
            let (d1, i1) = (join(before, true), join(before, false));
            let (d2, i2) = (join(after, true), join(after, false));
            let n = before.len();
            merged.truncate(merged.len() - n);
            if let (Some(a), Some(b)) = (d1, d2) {
                merged.push(Part::Deleted(format!("{a}{ws}{b}")));
            }
            if let (Some(a), Some(b)) = (i1, i2) {
                merged.push(Part::Inserted(format!("{a}{ws}{b}")));
            }
            i = after_end;
        }
    }
    // Deletions before insertions in each changed stretch.
    let mut i = 0;
    while i + 1 < merged.len() {
        if matches!(
            (&merged[i], &merged[i + 1]),
            (Part::Inserted(_), Part::Deleted(_))
        ) {
            merged.swap(i, i + 1);
            i = i.saturating_sub(1);
        } else {
            i += 1;
        }
    }
    merged
}

/// The changed parts at the end of `parts[..end]`.
fn stretch(parts: &[Part], end: usize) -> &[Part] {
    let start = parts[..end]
        .iter()
        .rposition(|p| matches!(p, Part::Same(_)))
        .map_or(0, |k| k + 1);
    &parts[start..end]
}

fn split_ws(s: &str) -> (&str, &str, &str) {
    let body_start = s.len() - s.trim_start().len();
    let body_end = s.trim_end().len().max(body_start);
    (&s[..body_start], &s[body_start..body_end], &s[body_end..])
}

/// Marks changes as `git diff --word-diff` does: `[-old-]{+new+}`.
pub fn plain(parts: &[Part]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Same(s) => out.push_str(s),
            Part::Deleted(s) => {
                out.push_str("[-");
                out.push_str(s);
                out.push_str("-]");
            }
            Part::Inserted(s) => {
                out.push_str("{+");
                out.push_str(s);
                out.push_str("+}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_change_in_place() {
        let d = word_diff(
            "58 000 – 72 000 NOK per month",
            "60 000 – 75 000 NOK per month",
        );
        assert_eq!(
            plain(&d),
            "[-58-]{+60+} 000 – [-72-]{+75+} 000 NOK per month"
        );
        let d = word_diff(
            "Help us run an open, European cloud",
            "Help us run an open European cloud",
        );
        assert_eq!(plain(&d), "Help us run an [-open,-]{+open+} European cloud");
        let d = word_diff(
            "Safespring On-demand Kubernetes is here",
            "Safespring Kubernetes Engine is here",
        );
        assert_eq!(
            plain(&d),
            "Safespring [-On-demand-] Kubernetes {+Engine+} is here"
        );
    }

    #[test]
    fn runs_merge_across_spaces() {
        let d = word_diff("a b c d", "a x y d");
        assert_eq!(plain(&d), "a [-b c-]{+x y+} d");
    }
}
