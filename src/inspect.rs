//! INSPECT: checks on a translation against its source, for content that would harm the site or
//! mislead a reader: protected parts (link targets, code, shortcodes) missing, raw HTML,
//! `<script>`, `javascript:` URLs or event handlers the source does not have, numbers that
//! changed, a code fence glued to prose, an empty translation, a translation identical to the
//! source, and front matter values that are not text but were translated anyway.
//!
//! ```
//! use tolk::config::Rules;
//! use tolk::inspect::{inspect_segment, Kind};
//! let found = inspect_segment(&Rules::default(), "Salary 58 000 NOK, see [terms](/terms).", "Lønn 60 000 NOK, se [vilkår](/vilkar).");
//! let kinds: Vec<Kind> = found.iter().map(|p| p.kind).collect();
//! assert_eq!(kinds, [Kind::ProtectedMissing, Kind::NumberMissing]);
//! ```

use serde::{Deserialize, Serialize};

use crate::config::Rules;
use crate::posting::front_matter::Field;
use crate::segment::{self, ProtectedKind};

/// What a content check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A link target, inline code or shortcode of the source is not in the translation.
    ProtectedMissing,
    /// A `<script>` the source does not have.
    Script,
    /// A `javascript:` URL the source does not have.
    JavascriptUrl,
    /// An event handler attribute (`onclick=`...) the source does not have.
    EventHandler,
    /// An element that loads another page or sends the reader elsewhere (`<iframe>`,
    /// `<object>`, `<embed>`, `<base>`, `<meta>`, `<form>`...) the source does not have.
    ActiveHtml,
    /// Raw HTML tags the source does not have.
    ExtraHtml,
    /// A number of the source (a salary, a date, a count) is not in the translation.
    NumberMissing,
    /// A code fence glued to the end of a prose line.
    GluedFence,
    /// The translation is empty.
    Empty,
    /// The translation is the source text itself.
    SameAsSource,
    /// A front matter value that is not text (a layout switch) differs from the source.
    TranslatedValue,
    /// The page's shortcodes do not nest as the source's (names, pairs, order): `tolk export`
    /// will not write it.
    ShortcodesDiffer,
    /// A glossary term to keep as it is (a product name) is not in the translation.
    GlossaryKept,
    /// A glossary term of the source is not translated as the glossary says.
    GlossaryTerm,
    /// The translation uses a translation the glossary forbids.
    GlossaryForbidden,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ProtectedMissing => "protected-missing",
            Kind::Script => "script",
            Kind::JavascriptUrl => "javascript-url",
            Kind::EventHandler => "event-handler",
            Kind::ActiveHtml => "active-html",
            Kind::ExtraHtml => "extra-html",
            Kind::NumberMissing => "number-missing",
            Kind::GluedFence => "glued-fence",
            Kind::Empty => "empty",
            Kind::SameAsSource => "same-as-source",
            Kind::TranslatedValue => "translated-value",
            Kind::ShortcodesDiffer => "shortcodes-differ",
            Kind::GlossaryKept => "glossary-kept",
            Kind::GlossaryTerm => "glossary-term",
            Kind::GlossaryForbidden => "glossary-forbidden",
        }
    }

    /// Content that can run code on the site.
    pub fn is_unsafe(self) -> bool {
        matches!(
            self,
            Kind::Script | Kind::JavascriptUrl | Kind::EventHandler | Kind::ActiveHtml
        )
    }
}

/// One problem of one translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: Kind,
    /// What exactly: the missing part or number, the tag, the key.
    pub detail: String,
}

/// Checks of a variant's translations against the source, by `(j, i)`: variant segment `j`
/// against source segment `i` (what [`inspect`] found for that pair).
pub type Checked = rustc_hash::FxHashMap<(usize, usize), Vec<Problem>>;

/// Files read and split ahead (see [`segment::ReadAhead`]), with the checks already made of the
/// variant files among them against the source file read with them: a sync hands what it read
/// and checked to the status it leaves warm, which then checks no pair twice.
#[derive(Debug, Default)]
pub struct ReadChecked {
    pub read: segment::ReadAhead,
    /// By variant file; valid for that file and its page's source file as held in `read`.
    pub checked: std::collections::HashMap<std::path::PathBuf, Checked>,
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// The glossary's rules on a translation into `lang` of `source`, person's or machine's: kept
/// terms of the source stay, terms of the source with a fixed translation have it (as the start
/// of a word, so inflected forms count), and no forbidden translation is used.
pub fn glossary(
    glossary: &crate::config::mt::Glossary,
    lang: &str,
    source: &str,
    translation: &str,
) -> Vec<Problem> {
    use crate::config::mt::find_word;
    let mut out = Vec::new();
    if glossary.is_empty() || translation.is_empty() {
        return out;
    }
    let (keep, terms) = glossary.found(source, lang);
    for k in keep {
        if !translation.contains(k) {
            out.push(Problem {
                kind: Kind::GlossaryKept,
                detail: k.to_string(),
            });
        }
    }
    let folded = translation.to_lowercase();
    for t in terms {
        if let Some(want) = t.translate.get(lang)
            && !folded.contains(&want.to_lowercase())
        {
            out.push(Problem {
                kind: Kind::GlossaryTerm,
                detail: format!("{} -> {want}", t.source),
            });
        }
        for bad in t.forbid.get(lang).into_iter().flatten() {
            if find_word(translation, bad, true).is_some() {
                out.push(Problem {
                    kind: Kind::GlossaryForbidden,
                    detail: bad.clone(),
                });
            }
        }
    }
    out
}

/// Numbers in a text, with digit-group separators removed (`58 000` and `58.000` are 58000).
fn numbers(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    if !b.iter().any(u8::is_ascii_digit) {
        return Vec::new();
    }
    // On bytes: digits and the separators are found by their bytes, and a group separator is
    // only looked for right after a digit, where a character starts.
    let separator = |at: usize| -> Option<usize> {
        let rest = &b[at..];
        [" ", ".", ",", "\u{a0}", "\u{202f}"]
            .iter()
            .find(|s| rest.starts_with(s.as_bytes()))
            .map(|s| s.len())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut n = String::new();
        while i < b.len() {
            if b[i].is_ascii_digit() {
                n.push(b[i] as char);
                i += 1;
                continue;
            }
            // A separator followed by a group of exactly three digits is inside the number.
            match separator(i) {
                Some(w)
                    if b.get(i + w..i + w + 3)
                        .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                        && b.get(i + w + 3).is_none_or(|c| !c.is_ascii_digit()) =>
                {
                    i += w;
                }
                _ => break,
            }
        }
        out.push(n);
    }
    out
}

/// Lower-case names of the HTML tags in a text.
fn tags(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = text[i..].find('<') {
        let s = i + p + 1;
        let s = if b.get(s) == Some(&b'/') { s + 1 } else { s };
        let e = text[s..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(text.len(), |x| s + x);
        if e > s && b[s].is_ascii_alphabetic() {
            out.push(lower(&text[s..e]));
        }
        i = i + p + 1;
    }
    out
}

/// A source text with what the checks need of it worked out once, when first needed, however
/// many translations (one per language) are checked against it.
pub struct Source<'a> {
    text: &'a str,
    parts: std::cell::OnceCell<Vec<segment::Protected>>,
    numbers: std::cell::OnceCell<Vec<String>>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Source<'a> {
        Source {
            text,
            parts: Default::default(),
            numbers: Default::default(),
        }
    }

    fn parts(&self, rules: &Rules) -> &[segment::Protected] {
        self.parts
            .get_or_init(|| segment::protected_parts(self.text, rules))
    }

    fn numbers(&self) -> &[String] {
        self.numbers.get_or_init(|| numbers(self.text))
    }
}

/// Checks a translated segment against its source text.
pub fn inspect_segment(rules: &Rules, source: &str, translation: &str) -> Vec<Problem> {
    inspect(rules, &Source::new(source), translation)
}

/// Checks a translated segment against its source (see [`Source`]).
pub fn inspect(rules: &Rules, src: &Source<'_>, translation: &str) -> Vec<Problem> {
    let source = src.text;
    let mut out = Vec::new();
    let push = |out: &mut Vec<Problem>, kind, detail: String| out.push(Problem { kind, detail });
    if translation.trim().is_empty() {
        if !source.trim().is_empty() {
            push(&mut out, Kind::Empty, String::new());
        }
        return out;
    }
    let parts = if translation == source {
        &[]
    } else {
        src.parts(rules)
    };
    for p in parts {
        if matches!(p.kind, ProtectedKind::Html | ProtectedKind::FootnoteRef) {
            continue;
        }
        let part = &source[p.range.clone()];
        if memchr::memmem::find(translation.as_bytes(), part.as_bytes()).is_none() {
            push(&mut out, Kind::ProtectedMissing, part.to_string());
        }
    }
    // Scripts, javascript: links, event handlers and tags need a tag or a javascript: URL in
    // the translation; most texts have neither, and are not lower-cased for nothing.
    if may_hold_html_or_script(translation) {
        // Inside inline code, `<script-name>` is text Hugo shows as code, not HTML.
        let (ls, lt) = (
            lower(&without_code(source)),
            lower(&without_code(translation)),
        );
        let (source_tags, translation_tags) = unsafe_problems(&ls, &lt, &mut out);
        let mut extra: Vec<String> = translation_tags
            .into_iter()
            .filter(|t| !source_tags.contains(t) && t != "script" && !is_active(t))
            .collect();
        extra.sort();
        extra.dedup();
        if !extra.is_empty() {
            push(&mut out, Kind::ExtraHtml, extra.join(", "));
        }
    }
    if !src.numbers().is_empty() {
        let have = numbers(translation);
        for n in src.numbers() {
            if !have.contains(n) {
                push(&mut out, Kind::NumberMissing, n.clone());
            }
        }
    }
    if glued_fence_added(source, translation).is_some() {
        push(&mut out, Kind::GluedFence, String::new());
    }
    let words = || {
        source
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
    };
    if translation == source && words() >= 4 && src.parts(rules).is_empty() {
        push(&mut out, Kind::SameAsSource, String::new());
    }
    out
}

/// Whether `translation` adds a script, a `javascript:` URL or an event handler that `source`
/// does not have: the unsafe problems of [`inspect_segment`], found without the others.
pub fn adds_unsafe(source: &str, translation: &str) -> bool {
    // A translation without a tag or a javascript: URL (most of them) adds nothing unsafe.
    if translation == source || !may_hold_html_or_script(translation) {
        return false;
    }
    let mut out = Vec::new();
    unsafe_problems(
        &lower(&without_code(source)),
        &lower(&without_code(translation)),
        &mut out,
    );
    !out.is_empty()
}

/// Whether a text may hold a tag, a script or a `javascript:` URL: tags and event handlers need
/// a '<'; a `javascript:` URL is a link's target (`](`) where it is not in a tag, or its letters
/// together in some ASCII case (lower-casing maps no other character onto these letters in a
/// row). A text without any of these needs no closer look.
fn may_hold_html_or_script(text: &str) -> bool {
    text.contains('<') || text.contains("](") || contains_ascii_ci(text, b"javascript:")
}

/// Elements that load another document or send the reader (or what they type) elsewhere: a
/// translation that adds one could put another site inside the page or take it over.
const ACTIVE: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "form", "portal",
];

fn is_active(tag: &str) -> bool {
    ACTIVE.contains(&tag)
}

/// A lower-cased text as a browser reads a URL in it: character references decoded (`&#106;`,
/// `&#x6a;`, `&colon;`, `&tab;`, `&newline;`) and tabs and line breaks dropped, so that
/// `java&#x09;script:` or `&#106;avascript:` is seen as `javascript:`. Spaces stay.
fn as_url(lower_text: &str) -> std::borrow::Cow<'_, str> {
    if !lower_text.contains(['&', '\t', '\n', '\r']) {
        return std::borrow::Cow::Borrowed(lower_text);
    }
    let mut out = String::with_capacity(lower_text.len());
    let mut rest = lower_text;
    while let Some(c) = rest.chars().next() {
        if c == '&'
            && let Some((decoded, len)) = char_reference(rest)
        {
            if !matches!(decoded, '\t' | '\n' | '\r') {
                out.push(decoded.to_ascii_lowercase());
            }
            rest = &rest[len..];
            continue;
        }
        if !matches!(c, '\t' | '\n' | '\r') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// Whether a text (as [`as_url`] reads it) has a `javascript:` URL: where a URL stands, right
/// after (white space aside) `](`, `]:`, `=`, a quote or `<`; the word in prose
/// ("JavaScript: three years") is none.
fn has_javascript_url(url_text: &str) -> bool {
    url_text.match_indices("javascript:").any(|(at, _)| {
        let before = url_text[..at].trim_end_matches([' ', '\x0c']);
        let b = before.as_bytes();
        match b.last() {
            Some(b'=' | b'"' | b'\'' | b'<') => true,
            Some(b'(' | b':') => b.len() >= 2 && b[b.len() - 2] == b']',
            _ => false,
        }
    })
}

/// The character a reference at the start of `s` stands for, and the reference's length: a
/// numeric one (the `;` may be left out, as browsers read it) or one of the named ones a URL
/// can be hidden with.
fn char_reference(s: &str) -> Option<(char, usize)> {
    for (name, c) in [
        ("&colon;", ':'),
        ("&tab;", '\t'),
        ("&newline;", '\n'),
        ("&sol;", '/'),
        ("&lpar;", '('),
    ] {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    let rest = s.strip_prefix("&#")?;
    let (hex, digits) = match rest.strip_prefix('x') {
        Some(h) => (true, h),
        None => (false, rest),
    };
    let n = digits
        .bytes()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if n == 0 {
        return None;
    }
    let value = u32::from_str_radix(&digits[..n], if hex { 16 } else { 10 }).ok()?;
    let len = 2 + usize::from(hex) + n + usize::from(digits[n..].starts_with(';'));
    Some((char::from_u32(value)?, len))
}

/// Whether `hay` holds `needle` (lower-case ASCII) in any ASCII letter case.
fn contains_ascii_ci(hay: &str, needle: &[u8]) -> bool {
    let (h, first) = (hay.as_bytes(), needle[0]);
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h).any(|i| {
        h[i..].len() >= needle.len() && h[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// The scripts, `javascript:` URLs, event handlers and active elements of a translation that
/// its source does not have (both lower-cased, their inline code blanked out); returns the
/// tags of the source and of the translation, which it had to read.
fn unsafe_problems(ls: &str, lt: &str, out: &mut Vec<Problem>) -> (Vec<String>, Vec<String>) {
    let mut push = |kind, detail: String| out.push(Problem { kind, detail });
    if lt.contains("<script") && !ls.contains("<script") {
        push(Kind::Script, "<script>".into());
    }
    if has_javascript_url(&as_url(lt)) && !has_javascript_url(&as_url(ls)) {
        push(Kind::JavascriptUrl, "javascript:".into());
    }
    for handler in event_handlers(lt) {
        if !event_handlers(ls).contains(&handler) {
            push(Kind::EventHandler, handler);
        }
    }
    let (had, has) = (tags(ls), tags(lt));
    let mut added: Vec<&str> = has
        .iter()
        .filter(|t| is_active(t) && !had.contains(t))
        .map(String::as_str)
        .collect();
    added.sort();
    added.dedup();
    if !added.is_empty() {
        push(Kind::ActiveHtml, added.join(", "));
    }
    (had, has)
}

/// The text with the content of its inline code spans (`` `...` ``, ``` ``...`` ```) blanked
/// out, byte for byte, so that what is code is not read as HTML.
fn without_code(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('`') {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let run = |at: usize| b[at..].iter().take_while(|&&c| c == b'`').count();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run(i);
        let open_end = i + n;
        // The closing run is the next run of exactly as many backticks.
        let mut j = open_end;
        let mut close = None;
        while j < b.len() {
            if b[j] == b'`' {
                let m = run(j);
                if m == n {
                    close = Some(j);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(c) => {
                for x in &mut out[open_end..c] {
                    // Only ASCII bytes are blanked, so the text stays UTF-8.
                    if x.is_ascii() {
                        *x = b' ';
                    }
                }
                i = c + n;
            }
            None => i = open_end,
        }
    }
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// The first line of `translation` where a code fence follows prose, where `source` has no
/// such line (a segment's text, or a whole page's).
pub fn glued_fence_added(source: &str, translation: &str) -> Option<usize> {
    glued_fence_line(translation).filter(|_| glued_fence_line(source).is_none())
}

/// The first line (1-based) where a code fence (```) follows prose on its line: Markdown then
/// does not open a code block there (a fence after only blockquote markers and indentation,
/// `> ```bash`, is a fence), the code block the English opens there is not opened, and fences
/// after it pair the other way round, so Hugo reads text as code and code as text from there.
pub fn glued_fence_line(text: &str) -> Option<usize> {
    memchr::memmem::find(text.as_bytes(), b"```")?;
    text.lines()
        .position(|line| {
            line.find("```").is_some_and(|at| {
                !line[..at]
                    .trim_start_matches(|c: char| c == '>' || c.is_whitespace())
                    .is_empty()
            })
        })
        .map(|n| n + 1)
}

/// `onclick=`-style attributes in lower-cased HTML.
fn event_handlers(lower_text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = lower_text.as_bytes();
    let mut i = 0;
    while let Some(p) = lower_text[i..].find("on") {
        let s = i + p;
        // Browsers also end an attribute at `/` and right after a quoted value
        // (`<svg/onload=...>`, `<img src="x"onerror=...>`).
        let before_ok = s > 0
            && matches!(
                b[s - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'"' | b'\''
            );
        let e = lower_text[s + 2..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(lower_text.len(), |x| s + 2 + x);
        let inside_tag = lower_text[..s]
            .rfind('<')
            .is_some_and(|lt| lower_text[lt..s].find('>').is_none());
        if before_ok && inside_tag && e > s + 2 && lower_text[e..].trim_start().starts_with('=') {
            out.push(lower_text[s..e].to_string());
        }
        i = s + 2;
    }
    out
}

/// Front matter values that are not text to translate (a layout switch such as `list:`) but
/// differ from the source's. Keys every language has its own value for (language, slug, dates,
/// URLs) are left out.
pub fn translated_values(
    rules: &Rules,
    source: &[Field],
    translation: &[Field],
) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in translation
        .iter()
        .filter(|f| f.is_text && !rules.translate_front_matter(&f.path))
    {
        let key = f.path.to_lowercase();
        if matches!(
            key.as_str(),
            "language" | "slug" | "date" | "lastmod" | "url" | "translationkey"
        ) || key.starts_with("aliases")
        {
            continue;
        }
        if let Some(s) = source.iter().find(|s| s.path.eq_ignore_ascii_case(&f.path))
            && s.value != f.value
            && !s.value.contains('/')
            && !s.value.contains('#')
            && !s.value.contains(' ')
            && s.value.chars().any(char::is_alphabetic)
        {
            out.push((f.path.clone(), s.value.clone(), f.value.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str, t: &str) -> Vec<Kind> {
        inspect_segment(&Rules::default(), s, t)
            .into_iter()
            .map(|p| p.kind)
            .collect()
    }

    #[test]
    fn hostile_html() {
        assert_eq!(
            kinds("Apply now", "Søg <script>alert(1)</script> nu"),
            [Kind::Script]
        );
        assert_eq!(
            kinds("See [x](/a)", "Se [x](javascript:alert(1))"),
            [Kind::ProtectedMissing, Kind::JavascriptUrl]
        );
        assert_eq!(
            kinds("Apply now", "Søg <img src=x onerror=alert(1)> nu"),
            [Kind::EventHandler, Kind::ExtraHtml]
        );
        assert_eq!(kinds("One <b>two</b>", "En <b>to</b>"), []);
        // Inline code is not HTML: a placeholder in angle brackets is no script or tag.
        assert_eq!(
            kinds(
                "Run `npm run <script-name>`.",
                "Kør `npm run <script-name>`."
            ),
            []
        );
        assert_eq!(
            kinds(
                "Run `npm test`.",
                "Kør `npm run <script>` <script>x</script>."
            ),
            [Kind::ProtectedMissing, Kind::Script]
        );
    }

    /// What browsers run or load though it is written otherwise: a `javascript:` URL hidden
    /// by character references or a tab, an event handler after `/` or a quoted value, an
    /// element that puts another site in the page or takes the reader there. The same written
    /// by the English is the English's; a word "javascript" in prose is no URL.
    #[test]
    fn hostile_html_written_as_browsers_read_it() {
        let unsafe_kinds = |s: &str, t: &str| {
            let mut k: Vec<Kind> = kinds(s, t).into_iter().filter(|k| k.is_unsafe()).collect();
            k.dedup();
            k
        };
        for t in [
            "Se [x](&#106;avascript:alert(1))",
            "Se [x](&#x6A;avascript&colon;alert(1))",
            "Se [x](java&#x09;script:alert(1))",
            "Se [x](jav&#97script:alert(1))",
            "Se <a href=\"java\tscript:alert(1)\">x</a>",
        ] {
            assert_eq!(unsafe_kinds("See [x](/a)", t), [Kind::JavascriptUrl], "{t}");
            assert!(adds_unsafe("See [x](/a)", t), "{t}");
        }
        for t in [
            "Søg <svg/onload=alert(1)> nu",
            "Søg <img src=\"x\"onerror=\"alert(1)\"> nu",
            "Søg <img src='x'onerror=alert(1)> nu",
        ] {
            assert_eq!(unsafe_kinds("Apply now", t), [Kind::EventHandler], "{t}");
        }
        for (t, detail) in [
            ("Se <iframe src=\"https://x.example\"></iframe>", "iframe"),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">",
                "meta",
            ),
            ("<base href=\"https://x.example/\">Søg", "base"),
            (
                "<form action=\"https://x.example\"><input name=p></form>",
                "form",
            ),
            (
                "<object data=\"x.swf\"></object><embed src=\"y\">",
                "embed, object",
            ),
        ] {
            let found = inspect_segment(&Rules::default(), "Apply now", t);
            assert!(
                found
                    .iter()
                    .any(|p| p.kind == Kind::ActiveHtml && p.detail == detail),
                "{t}: {found:?}"
            );
            assert!(adds_unsafe("Apply now", t), "{t}");
            // The English's own iframe (a video) is not the translation's doing.
            assert!(!adds_unsafe(t, t), "{t}");
        }
        assert_eq!(
            unsafe_kinds("Java and JavaScript", "Java og JavaScript: [mere](/js)"),
            []
        );
        assert_eq!(unsafe_kinds("Time: 10:00", "Tid &amp; sted: 10:00"), []);
    }

    #[test]
    fn adds_unsafe_agrees_with_the_whole_inspection() {
        let pairs = [
            ("Apply now", "Søg <script>alert(1)</script> nu"),
            ("See [x](/a)", "Se [x](javascript:alert(1))"),
            ("See [x](/a)", "Se [x](JavaScript:alert(1))"),
            ("See [x](/a)", "Se [x](java script:alert(1)): ikke farligt"),
            ("Apply now", "Søg <img src=x onerror=alert(1)> nu"),
            ("<img onload=f()>", "<img onload=f()> på dansk"),
            ("One <b>two</b>", "En <b>to</b>"),
            (
                "Run `npm run <script-name>`.",
                "Kør `npm run <script-name>`.",
            ),
            (
                "Run `npm test`.",
                "Kør `npm run <script>` <script>x</script>.",
            ),
            ("", "<SCRIPT>x</SCRIPT>"),
            ("Time: 10:00", "Tid: 10:00"),
            ("Same <script>", "Same <script>"),
        ];
        for (s, t) in pairs {
            let whole = kinds(s, t).iter().any(|k| k.is_unsafe());
            assert_eq!(adds_unsafe(s, t), whole, "{s:?} -> {t:?}");
        }
        assert!(adds_unsafe("", "<SCRIPT>x</SCRIPT>"));
        assert!(!adds_unsafe("Time: 10:00", "Tid: 10:00"));
    }

    #[test]
    fn numbers_fences_empty_same() {
        assert_eq!(kinds("25 days, 58 000 NOK", "25 dage, 58.000 NOK"), []);
        assert_eq!(kinds("1\u{a0}234\u{202f}567 €", "1.234.567 €"), []);
        assert_eq!(kinds("12 345€ or 5 µs", "12345€ eller 5 µs"), []);
        assert_eq!(
            numbers("v2.10 in 2026, 1 000 0000"),
            ["2", "10", "2026", "1000", "0000"]
        );
        assert_eq!(
            kinds("A team of 5 engineers", "Et team på 7 ingeniører"),
            [Kind::NumberMissing]
        );
        assert_eq!(kinds("Run this:", "Kør dette:```bash"), [Kind::GluedFence]);
        // A fence inside a blockquote is a fence, not glued to prose.
        assert_eq!(kinds("Run this:", "> ```bash\n> ls\n> ```"), []);
        assert_eq!(
            kinds("> ```bash\n> ls\n> ```", "> ```bash\n> ls\n> ```"),
            []
        );
        assert_eq!(kinds("Apply for the role", " "), [Kind::Empty]);
        assert_eq!(
            kinds(
                "We build the cloud Europe deserves.",
                "We build the cloud Europe deserves."
            ),
            [Kind::SameAsSource]
        );
        assert_eq!(kinds("Oslo", "Oslo"), []);
    }
}
