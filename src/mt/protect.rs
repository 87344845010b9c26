//! Markup a provider must not touch: every protected part of a segment (link targets and the
//! brackets of their text, inline code, shortcodes, HTML tags, autolinks, footnote references)
//! becomes a numbered placeholder `<x id="N"/>`, and an answer is taken only when it gives each
//! placeholder back exactly once, invents none, keeps emphasis and breaks no block; then the
//! original bytes are put back.

use pulldown_cmark::{Event, Parser, Tag};

use crate::config::Rules;
use crate::segment::{self, Kind, ProtectedKind};

/// A segment's text with its protected parts replaced by placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    /// What the provider sees.
    pub text: String,
    /// The original bytes of placeholder `N` (1-based) at `parts[N - 1]`.
    pub parts: Vec<String>,
}

/// Why an answer was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Placeholder `N` is not in the answer.
    Dropped(usize),
    /// Placeholder `N` is in the answer more than once.
    Duplicated(usize),
    /// The answer has a placeholder the request did not.
    Invented(String),
    /// Emphasis (`*`, `_`, `**`) does not pair as in the source: (source, answer) counts.
    Emphasis(usize, usize),
    /// A line break where the segment cannot have one (a heading, a table cell), or a blank
    /// line that would split the block.
    LineBreak,
    /// A `|` that would add a table cell.
    TableCell,
    /// The answer is empty.
    Empty,
    /// A content check failed (its kind and detail).
    Content(crate::inspect::Kind, String),
    /// The provider did not answer for this segment.
    NoAnswer,
}

impl Rejection {
    /// A short code for the reason, for messages and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Dropped(_) => "placeholder-dropped",
            Rejection::Duplicated(_) => "placeholder-duplicated",
            Rejection::Invented(_) => "placeholder-invented",
            Rejection::Emphasis(..) => "emphasis",
            Rejection::LineBreak => "line-break",
            Rejection::TableCell => "table-cell",
            Rejection::Empty => "empty",
            Rejection::Content(..) => "content",
            Rejection::NoAnswer => "no-answer",
        }
    }

    /// What exactly (a placeholder, a tag), for messages.
    pub fn detail(&self) -> String {
        match self {
            Rejection::Dropped(n) | Rejection::Duplicated(n) => format!("<x id=\"{n}\"/>"),
            Rejection::Invented(s) => s.clone(),
            Rejection::Emphasis(a, b) => format!("{a} / {b}"),
            Rejection::Content(k, d) => format!("{}: {d}", k.as_str()),
            _ => String::new(),
        }
    }
}

fn placeholder(n: usize) -> String {
    format!("<x id=\"{n}\"/>")
}

/// The protected ranges of a text, with a link's text brackets protected too (a `[` the
/// provider moves or drops would break the link).
pub fn protected_ranges(text: &str, rules: &Rules, keep: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for p in segment::protected_parts(text, rules) {
        let mut r = p.range.clone();
        if matches!(
            p.kind,
            ProtectedKind::LinkTarget | ProtectedKind::ImageTarget
        ) && r.start > 0
            && text.as_bytes()[r.start - 1] == b']'
        {
            r.start -= 1;
            // The `[` (or `![`) that opens the link text, at bracket depth zero.
            let mut depth = 0i32;
            let bytes = text.as_bytes();
            let mut open = None;
            for i in (0..r.start).rev() {
                match bytes[i] {
                    b']' => depth += 1,
                    b'[' if depth == 0 => {
                        open = Some(i);
                        break;
                    }
                    b'[' => depth -= 1,
                    _ => {}
                }
            }
            if let Some(o) = open {
                let o = if o > 0 && bytes[o - 1] == b'!' {
                    o - 1
                } else {
                    o
                };
                out.push(o..o + if bytes[o] == b'!' { 2 } else { 1 });
            }
        }
        out.push(r);
    }
    // Terms to keep as they are, where they are not inside a protected part already.
    for k in keep {
        let mut from = 0;
        while let Some(at) = crate::config::mt::find_word(&text[from..], k, false) {
            let r = from + at..from + at + k.len();
            if !out.iter().any(|o| o.start < r.end && r.start < o.end) {
                out.push(r.clone());
            }
            from = r.end;
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Replaces the protected parts of `text` (and the `keep` terms) by placeholders; `escape`:
/// `<`, `>` and `&` of the text become entities (for providers that read the text as XML).
pub fn mask(text: &str, rules: &Rules, keep: &[&str], escape: bool) -> Masked {
    let mut out = String::with_capacity(text.len());
    let mut parts = Vec::new();
    let mut pos = 0;
    let push_text = |out: &mut String, s: &str| {
        if escape {
            for c in s.chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    c => out.push(c),
                }
            }
        } else {
            out.push_str(s);
        }
    };
    for r in protected_ranges(text, rules, keep) {
        if r.start < pos {
            continue;
        }
        push_text(&mut out, &text[pos..r.start]);
        parts.push(text[r.clone()].to_string());
        out.push_str(&placeholder(parts.len()));
        pos = r.end;
    }
    push_text(&mut out, &text[pos..]);
    Masked { text: out, parts }
}

/// The answer with the original bytes put back, or why it cannot be taken. `escaped`: the
/// answer's text is XML (entities are decoded).
pub fn unmask(masked: &Masked, answer: &str, escaped: bool) -> Result<String, Rejection> {
    let mut seen = vec![0usize; masked.parts.len()];
    let mut out = String::with_capacity(answer.len() + 64);
    let mut rest = answer;
    while let Some(at) = rest.find("<x") {
        let (before, tail) = rest.split_at(at);
        push_decoded(&mut out, before, escaped);
        let Some(end) = tail.find('>') else {
            return Err(Rejection::Invented(tail.to_string()));
        };
        let tag = &tail[..=end];
        let id = tag
            .trim_start_matches("<x")
            .trim_end_matches('>')
            .trim_end_matches('/')
            .trim();
        let n = id
            .strip_prefix("id=")
            .map(|v| v.trim_matches(['"', '\'']))
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|n| (1..=masked.parts.len()).contains(n));
        let Some(n) = n else {
            return Err(Rejection::Invented(tag.to_string()));
        };
        seen[n - 1] += 1;
        if seen[n - 1] > 1 {
            return Err(Rejection::Duplicated(n));
        }
        out.push_str(&masked.parts[n - 1]);
        rest = &tail[end + 1..];
    }
    push_decoded(&mut out, rest, escaped);
    if let Some(i) = seen.iter().position(|&c| c == 0) {
        return Err(Rejection::Dropped(i + 1));
    }
    Ok(out)
}

fn push_decoded(out: &mut String, s: &str, escaped: bool) {
    if !escaped || !s.contains('&') {
        out.push_str(s);
        return;
    }
    out.push_str(
        &s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    );
}

/// Emphasis and strong spans of a Markdown text.
fn emphasis(text: &str) -> usize {
    Parser::new_ext(text, segment::markdown_options())
        .filter(|e| matches!(e, Event::Start(Tag::Emphasis | Tag::Strong)))
        .count()
}

/// Checks an answer (placeholders already restored) for a segment of `kind` against its
/// source: emphasis pairs as in the source, no line break a heading or cell cannot have, no
/// blank line that splits the block, no new table cell, and the content checks that protect
/// the site (code, numbers, links, HTML).
pub fn check(rules: &Rules, kind: Kind, source: &str, answer: &str) -> Result<(), Rejection> {
    if answer.trim().is_empty() {
        return Err(Rejection::Empty);
    }
    let single_line = matches!(kind, Kind::Heading | Kind::TableCell);
    if (single_line && answer.contains('\n'))
        || (kind != Kind::FrontMatter && answer.trim().contains("\n\n") && !source.contains("\n\n"))
    {
        return Err(Rejection::LineBreak);
    }
    if kind == Kind::TableCell && answer.matches('|').count() != source.matches('|').count() {
        return Err(Rejection::TableCell);
    }
    if kind != Kind::FrontMatter && kind != Kind::ShortcodeParam {
        let (a, b) = (emphasis(source), emphasis(answer));
        if a != b {
            return Err(Rejection::Emphasis(a, b));
        }
    }
    use crate::inspect::Kind as K;
    for p in crate::inspect::inspect_segment(rules, source, answer) {
        if p.kind.is_unsafe()
            || matches!(
                p.kind,
                K::ProtectedMissing | K::ExtraHtml | K::NumberMissing | K::GluedFence | K::Empty
            )
        {
            return Err(Rejection::Content(p.kind, p.detail));
        }
    }
    // Markup written out in the answer (not given back as a placeholder) that the source does
    // not have: a shortcode, a tag, a link or code the provider made up.
    let parts = |text: &str| -> Vec<String> {
        segment::protected_parts(text, rules)
            .iter()
            .map(|p| text[p.range.clone()].to_string())
            .collect()
    };
    let theirs = parts(source);
    let mut ours = parts(answer);
    for t in &theirs {
        if let Some(k) = ours.iter().position(|o| o == t) {
            ours.swap_remove(k);
        }
    }
    if let Some(added) = ours.into_iter().next() {
        return Err(Rejection::Invented(added));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::default()
    }

    #[test]
    fn protected_parts_become_placeholders_and_come_back_byte_for_byte() {
        let src =
            "Read [our terms](/terms \"T\") and run `kubectl get pods` {{< icon \"x\" >}} <br>";
        let m = mask(src, &rules(), &[], false);
        assert_eq!(
            m.text,
            "Read <x id=\"1\"/>our terms<x id=\"2\"/> and run <x id=\"3\"/> <x id=\"4\"/> <x id=\"5\"/>"
        );
        let answer = "Læs <x id=\"1\"/>vores vilkår<x id=\"2\"/> og kør <x id=\"3\"/> <x id='4'/> <x id=\"5\" />";
        assert_eq!(
            unmask(&m, answer, false).unwrap(),
            "Læs [vores vilkår](/terms \"T\") og kør `kubectl get pods` {{< icon \"x\" >}} <br>"
        );
    }

    #[test]
    fn dropped_duplicated_and_invented_placeholders_are_refused() {
        let m = mask("Use `a` and `b`.", &rules(), &[], false);
        assert_eq!(
            unmask(&m, "Brug <x id=\"1\"/>.", false),
            Err(Rejection::Dropped(2))
        );
        assert_eq!(
            unmask(&m, "<x id=\"1\"/> <x id=\"1\"/> <x id=\"2\"/>", false),
            Err(Rejection::Duplicated(1))
        );
        assert!(matches!(
            unmask(&m, "<x id=\"1\"/> <x id=\"2\"/> <x id=\"3\"/>", false),
            Err(Rejection::Invented(_))
        ));
    }

    #[test]
    fn xml_text_is_escaped_and_decoded_and_kept_terms_are_placeholders() {
        let m = mask("Ceph & OpenStack <3", &rules(), &["Ceph"], true);
        assert_eq!(m.text, "<x id=\"1\"/> &amp; OpenStack &lt;3");
        assert_eq!(
            unmask(&m, "<x id=\"1\"/> &amp; OpenStack &lt;3", true).unwrap(),
            "Ceph & OpenStack <3"
        );
    }

    #[test]
    fn answers_that_would_break_the_page_are_refused() {
        let r = rules();
        // Markup written out that the source does not have, in a front matter value (where no
        // page check would see it) as in the body.
        assert_eq!(
            check(
                &r,
                Kind::FrontMatter,
                "Explore Compute",
                "Udforsk Compute {{< ingress >}}"
            ),
            Err(Rejection::Invented("{{< ingress >}}".into()))
        );
        assert_eq!(
            check(
                &r,
                Kind::Paragraph,
                "See the docs.",
                "Se [dokumentationen](https://example.com)."
            ),
            Err(Rejection::Invented("(https://example.com)".into()))
        );
        // The source's own markup, moved about, is fine.
        assert_eq!(
            check(
                &r,
                Kind::Paragraph,
                "Run `make` and see [the docs](/docs).",
                "Se [dokumentationen](/docs) og kør `make`."
            ),
            Ok(())
        );
        assert_eq!(
            check(&r, Kind::Heading, "About us", "Om\nos"),
            Err(Rejection::LineBreak)
        );
        assert_eq!(
            check(&r, Kind::Paragraph, "We *care*.", "Vi bryr oss."),
            Err(Rejection::Emphasis(1, 0))
        );
        assert!(matches!(
            check(
                &r,
                Kind::Paragraph,
                "Hello",
                "Hej <script>alert(1)</script>"
            ),
            Err(Rejection::Content(..))
        ));
        assert!(matches!(
            check(&r, Kind::TableCell, "58 000 NOK", "58 000 | NOK"),
            Err(Rejection::TableCell)
        ));
        assert_eq!(
            check(&r, Kind::Paragraph, "Hello", "  "),
            Err(Rejection::Empty)
        );
        assert_eq!(
            check(&r, Kind::Paragraph, "We *care*.", "Vi *bryr oss*."),
            Ok(())
        );
        assert_eq!(
            check(
                &r,
                Kind::FrontMatter,
                "Title",
                "Titel: \"med\" #tegn\nog linje"
            ),
            Ok(())
        );
    }
}
