//! READ: a file on disk becomes a [`Posting`]: its text, its front matter and its shortcode
//! calls, each located by byte range. Nothing is re-serialized; the text is kept as read.

pub mod front_matter;
pub mod shortcode;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::config::Rules;
use crate::posting::front_matter::{Format, Style};
pub use front_matter::{FrontMatter, FrontMatterError};
pub use shortcode::{Call, ShortcodeError};

/// A Hugo Markdown file, read and located.
#[derive(Debug, Clone)]
pub struct Posting {
    pub path: PathBuf,
    pub text: String,
    /// Length of a leading byte order mark (0 or 3).
    pub bom: usize,
    pub front_matter: Option<FrontMatter>,
    /// Byte range of the Markdown body (after the front matter).
    pub body: Range<usize>,
    /// Shortcode calls of the body, in order.
    pub shortcodes: Vec<Call>,
    /// What Hugo reads past and tolk reads as Hugo does, in the order of the file: a closing
    /// shortcode of another name, a front matter key given twice, and (when the rules are not
    /// strict) shortcode pairing mistakes.
    pub warnings: Vec<Warning>,
}

/// Something in a posting that tolk read past, as Hugo does, and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line in the file.
    pub line: usize,
    pub kind: WarningKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// A shortcode pairing mistake read past (`[shortcodes] strict = false`).
    Shortcode(ShortcodeError),
    /// `{{< /name >}}` ended the open `{{< open_name >}}` of `open_line` (Hugo does not check
    /// the closing name).
    MismatchedClose {
        name: String,
        open_name: String,
        open_line: usize,
    },
    /// A front matter key given again; the last value counts.
    DuplicateKey { key: String, first_line: usize },
}

/// What was wrong with a posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read (missing, a directory, no permission).
    Io(String),
    /// A file tolk writes (an exported page) could not be written: why, as
    /// [`io_reason`] tells it.
    Unwritable(String),
    /// Not UTF-8: the first bad byte's line.
    InvalidUtf8,
    /// A NUL byte: not a text file.
    NulByte,
    /// Nothing in the file.
    Empty,
    /// Larger than [`MAX_BYTES`]: not a posting.
    TooLarge(u64),
    /// A merge conflict git left unresolved (`<<<<<<<`, `=======`, `>>>>>>>` lines): the line
    /// of its first marker.
    ConflictMarkers,
    FrontMatter(FrontMatterError),
    Shortcode(ShortcodeError),
}

/// The largest posting tolk reads (a job posting is a few kilobytes; the real site's largest
/// page is 60 kB).
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// An error reading a posting, naming the file and the 1-based line (0 when no line applies).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {kind:?}")]
pub struct Error {
    pub path: PathBuf,
    pub line: usize,
    pub kind: ErrorKind,
}

/// The bytes of the file at `path`, as a posting is read: an error for a file larger than
/// [`MAX_BYTES`], or one that grows past it while it is read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let io = |e: std::io::Error| Error {
        path: path.to_path_buf(),
        line: 0,
        kind: ErrorKind::Io(io_reason(&e)),
    };
    // One open, and the size from the open file: no second look-up of the path.
    let too_large = |len: u64| Error {
        path: path.to_path_buf(),
        line: 0,
        kind: ErrorKind::TooLarge(len),
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_file() && meta.len() > MAX_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // A file that grew since is still read no further than the limit.
    file.by_ref()
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Where a merge conflict git left in `text` begins: a line `<<<<<<< ...`, later a line
/// `=======`, later a line `>>>>>>> ...` (each marker seven characters, then white space or the
/// line's end), outside fenced code (a page may show a conflict as an example). Hugo would
/// publish the markers and both sides as text.
fn conflict_markers(text: &str) -> Option<usize> {
    memchr::memmem::find(text.as_bytes(), b"<<<<<<<")?;
    let marker = |line: &str, m: &str| {
        line.strip_prefix(m)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
    };
    let mut start = None;
    let mut middle = false;
    let mut fence: Option<&str> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches('\n');
        let opens = l.trim_start_matches(' ');
        let fence_mark = ["```", "~~~"]
            .into_iter()
            .find(|f| l.len() - opens.len() < 4 && opens.starts_with(f));
        match (fence, fence_mark) {
            (None, Some(f)) => fence = Some(f),
            (Some(f), Some(g)) if f == g => fence = None,
            _ => {}
        }
        if fence.is_some() || fence_mark.is_some() {
            at += line.len();
            continue;
        }
        match (start, middle) {
            (None, _) if marker(l, "<<<<<<<") => start = Some(at),
            (Some(_), false) if l.trim_end_matches('\r') == "=======" => middle = true,
            (Some(s), true) if marker(l, ">>>>>>>") => return Some(s),
            _ => {}
        }
        at += line.len();
    }
    None
}

impl Posting {
    /// Reads and parses the file at `path`.
    pub fn read(path: &Path, rules: &Rules) -> Result<Posting, Error> {
        Posting::from_bytes(path, read_bytes(path)?, rules)
    }

    /// Parses a posting from its bytes; `path` is only used in errors and reports.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>, rules: &Rules) -> Result<Posting, Error> {
        let err = |line, kind| Error {
            path: path.to_path_buf(),
            line,
            kind,
        };
        if let Some(pos) = memchr::memchr(0, &bytes) {
            return Err(err(count_lines(&bytes[..pos]), ErrorKind::NulByte));
        }
        // simdutf8 checks a file several times faster than the standard library (Nordic
        // letters take std off its ASCII fast path); only a file that fails is checked again,
        // by std, for where it fails.
        let text = match simdutf8::basic::from_utf8(&bytes) {
            Ok(t) => t.to_owned(),
            Err(_) => {
                let at = std::str::from_utf8(&bytes)
                    .err()
                    .map_or(bytes.len(), |e| e.valid_up_to());
                return Err(err(count_lines(&bytes[..at]), ErrorKind::InvalidUtf8));
            }
        };
        Posting::parse(path, text, rules)
    }

    /// Parses a posting from its text.
    pub fn parse(path: &Path, text: String, rules: &Rules) -> Result<Posting, Error> {
        Posting::parse_like(path, text, rules, None)
    }

    /// As [`Posting::parse`], for a text that may begin with the front matter of `known` (a
    /// page built from it): where that front matter is there byte for byte, it is not parsed
    /// again.
    pub fn parse_like(
        path: &Path,
        text: String,
        rules: &Rules,
        known: Option<&Posting>,
    ) -> Result<Posting, Error> {
        let err = |line, kind| Error {
            path: path.to_path_buf(),
            line,
            kind,
        };
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        if text[bom..].trim().is_empty() {
            return Err(err(1, ErrorKind::Empty));
        }
        if let Some(at) = conflict_markers(&text) {
            return Err(err(
                front_matter::line_of(&text, at),
                ErrorKind::ConflictMarkers,
            ));
        }
        let (front_matter, body_start) = match same_front_matter(known, &text) {
            Some((fm, body)) => (Some(fm.clone()), body),
            None => match front_matter::locate(&text, bom) {
                Ok(Some((format, inner, body))) => {
                    let fm = front_matter::parse(&text, format, inner)
                        .map_err(|e| err(fm_line(&e), ErrorKind::FrontMatter(e)))?;
                    (Some(fm), body)
                }
                Ok(None) => (None, bom),
                Err(e) => return Err(err(fm_line(&e), ErrorKind::FrontMatter(e))),
            },
        };
        let body = body_start..text.len();
        let (shortcodes, read_past) = shortcode::scan_with(
            &text,
            body.clone(),
            &|name| rules.always_paired(name),
            rules.strict_shortcodes(),
        )
        .map_err(|e| {
            err(
                front_matter::line_of(&text, e.offset()),
                ErrorKind::Shortcode(e),
            )
        })?;
        let line = |offset| front_matter::line_of(&text, offset);
        let mut warnings: Vec<Warning> = front_matter
            .iter()
            .flat_map(|f| &f.duplicates)
            .map(|d| Warning {
                line: d.line,
                kind: WarningKind::DuplicateKey {
                    key: d.key.clone(),
                    first_line: d.first_line,
                },
            })
            .collect();
        warnings.extend(read_past.into_iter().map(|e| match e {
            ShortcodeError::MismatchedClose {
                offset,
                name,
                open_offset,
                open_name,
            } => Warning {
                line: line(offset),
                kind: WarningKind::MismatchedClose {
                    name,
                    open_name,
                    open_line: line(open_offset),
                },
            },
            other => Warning {
                line: line(other.offset()),
                kind: WarningKind::Shortcode(other),
            },
        }));
        Ok(Posting {
            path: path.to_path_buf(),
            text,
            bom,
            front_matter,
            body,
            shortcodes,
            warnings,
        })
    }
}

impl Posting {
    /// The shape of the body's shortcodes, as Hugo pairs them: each call's name and whether it
    /// opens a pair, stands alone, closes or self-closes, in order (escaped calls are text).
    /// Two pages with the same skeleton nest the same shortcodes the same way: an exported
    /// translation must have its English's.
    /// The line of the `index`th call of [`Posting::shortcode_skeleton`] (0 is the first), or
    /// of the page's last line where it has fewer calls.
    pub fn skeleton_line(&self, index: usize) -> usize {
        let at = (self.shortcodes.iter())
            .filter(|c| c.kind != shortcode::CallKind::Escaped)
            .nth(index)
            .map_or(self.text.len(), |c| c.range.start);
        front_matter::line_of(&self.text, at)
    }

    pub fn shortcode_skeleton(&self) -> Vec<(SkeletonKind, &str)> {
        self.shortcodes
            .iter()
            .filter_map(|c| {
                let kind = match c.kind {
                    shortcode::CallKind::Open if c.closed_by.is_some() => SkeletonKind::Opens,
                    shortcode::CallKind::Open => SkeletonKind::Alone,
                    shortcode::CallKind::Close => SkeletonKind::Closes,
                    shortcode::CallKind::SelfClosing => SkeletonKind::Alone,
                    shortcode::CallKind::Escaped => return None,
                };
                Some((kind, c.name.as_str()))
            })
            .collect()
    }
}

/// The front matter of `known` and where its body starts, if `text` begins with it byte for
/// byte, up to and with the line break after its closing delimiter (so `text` has it too).
fn same_front_matter<'k>(
    known: Option<&'k Posting>,
    text: &str,
) -> Option<(&'k front_matter::FrontMatter, usize)> {
    let known = known?;
    let fm = known.front_matter.as_ref()?;
    let end = known.body.start;
    let head = known.text.as_bytes().get(..end)?;
    (head.last() == Some(&b'\n') && text.as_bytes().get(..end) == Some(head)).then_some((fm, end))
}

/// Sets top-level front matter values in place (keys matched case-insensitively; a `language`
/// key set only where the text has one), adding missing keys before the closing delimiter.
pub fn set_front_matter(
    text: &str,
    rules: &crate::config::Rules,
    sets: &[(String, String)],
) -> String {
    set_front_matter_like(text, rules, sets, None)
}

/// As [`set_front_matter`], for a text that may begin with the front matter of `known` (see
/// [`Posting::parse_like`]).
pub fn set_front_matter_like(
    text: &str,
    rules: &crate::config::Rules,
    sets: &[(String, String)],
    known: Option<&Posting>,
) -> String {
    // Nested keys one at a time: two under a `params` the text lacks make one `params`.
    if sets.len() > 1 && sets.iter().any(|(key, _)| key.contains('.')) {
        let (first, rest) = sets.split_at(1);
        let text = set_front_matter_like(text, rules, first, known);
        return set_front_matter_like(&text, rules, rest, None);
    }
    // Most pages need no change, as found from the front matter alone, without the body.
    let no_change = |fm: &front_matter::FrontMatter| {
        let (edits, add) = front_matter_sets(text, fm, sets);
        add.is_empty() && edits.iter().all(|(r, v)| text[r.clone()] == *v)
    };
    if let Some((fm, _)) = same_front_matter(known, text) {
        if no_change(fm) {
            return text.to_string();
        }
    } else {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        if let Ok(Some((format, inner, _))) = front_matter::locate(text, bom)
            && let Ok(fm) = front_matter::parse(text, format, inner)
            && no_change(&fm)
        {
            return text.to_string();
        }
    }
    let Ok(p) = Posting::parse_like(Path::new("front-matter.md"), text.to_string(), rules, known)
    else {
        return text.to_string();
    };
    let Some(fm) = &p.front_matter else {
        return text.to_string();
    };
    // The front matter's own line break (blank lines before it may be another's).
    let nl = line_break(&text[..fm.inner.end.min(text.len())]);
    let (mut edits, add) = front_matter_sets(text, fm, sets);
    let add = with_line_break(&add, nl);
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + add.len());
    let mut pos = 0;
    for (r, v) in edits {
        if r.start < pos {
            continue;
        }
        out.push_str(&text[pos..r.start]);
        match r.is_empty() {
            true => out.push_str(&with_line_break(&v, nl)),
            false => out.push_str(&v),
        }
        pos = r.end;
    }
    // Keys are added before the closing delimiter line, or in JSON after the last value.
    let (close, add) = match fm.format {
        Format::Json => {
            let open = fm.inner.start + 1;
            let close = open + text[open..fm.inner.end - 1].trim_end().len();
            let add = match close == open {
                true => add.trim_start_matches(',').to_string(),
                false => add,
            };
            (close, add)
        }
        _ => (fm.inner.end, add),
    };
    if pos <= close {
        out.push_str(&text[pos..close]);
        if !add.is_empty() && !out.ends_with('\n') && fm.format != Format::Json {
            out.push_str(nl);
        }
        out.push_str(&add);
        out.push_str(&text[close..]);
    } else {
        out.push_str(&text[pos..]);
    }
    out
}

/// The line break `text` is written with (that of its first line): what tolk writes into a page
/// written with CRLF ends its lines with CRLF too.
pub fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// `text` (an answer, or skeleton and text taken from the English) with the line breaks `nl` of
/// the page it goes into.
pub fn with_line_break(text: &str, nl: &str) -> String {
    let lf = text.replace("\r\n", "\n");
    if nl == "\n" { lf } else { lf.replace('\n', nl) }
}

/// The edits and the added lines that set `sets` in the front matter `fm` of `text`.
fn front_matter_sets(
    text: &str,
    fm: &front_matter::FrontMatter,
    sets: &[(String, String)],
) -> (Vec<(std::ops::Range<usize>, String)>, String) {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut add = String::new();
    for (key, value) in sets {
        let literal = key == "draft" || value == "true" || value == "false";
        // Hugo reads front matter keys without regard to case: a page that has the key in two
        // spellings (`language` and `Language`, as real sites do) gets the value in both.
        let mut found = false;
        for f in fm
            .fields
            .iter()
            .filter(|f| f.path.eq_ignore_ascii_case(key))
        {
            found = true;
            if literal {
                edits.push((f.range.clone(), value.clone()));
            } else if f.value != *value {
                edits.push((
                    f.range.clone(),
                    front_matter::encode(value, f.style, text, &f.range),
                ));
            }
        }
        match found {
            true => {}
            false if key == "language" || key == "Language" => {}
            false => {
                let v = if literal {
                    value.clone()
                } else {
                    front_matter::encode(value, quoted_for(fm.format), text, &(0..0))
                };
                // A nested key goes into its parent's mapping or table (see `insert`), and in
                // TOML any key before the first table header; else at the end.
                if let Some((at, lines)) = front_matter::insert::place(text, fm, key, &v) {
                    edits.push((at..at, lines));
                    continue;
                }
                let nested = key.contains('.');
                match fm.format {
                    Format::Yaml if nested => {}
                    Format::Yaml => add.push_str(&format!("{key}: {v}\n")),
                    Format::Toml => add.push_str(&format!("{key} = {v}\n")),
                    Format::Json => match front_matter::insert::json_nested(key, &v) {
                        Some((first, _))
                            if fm.fields.iter().any(|f| {
                                f.path.eq_ignore_ascii_case(first)
                                    || front_matter::below(&f.path, first).is_some()
                            }) => {}
                        Some((first, v)) => {
                            let first = serde_json::Value::from(first);
                            add.push_str(&format!(",\n  {first}: {v}"));
                        }
                        None => {
                            let key = serde_json::Value::from(key.as_str());
                            add.push_str(&format!(",\n  {key}: {v}"));
                        }
                    },
                }
            }
        }
    }
    (edits, add)
}

fn quoted_for(f: Format) -> Style {
    match f {
        Format::Yaml => Style::YamlDouble,
        Format::Toml => Style::Toml,
        Format::Json => Style::Json,
    }
}

/// The text without the top-level front matter key `key` (the whole line `key: value`), or
/// `None` when the text has no such key on a line of its own.
pub fn remove_front_matter_key(
    text: &str,
    rules: &crate::config::Rules,
    key: &str,
) -> Option<String> {
    let p = Posting::parse(Path::new("front-matter.md"), text.to_string(), rules).ok()?;
    let fm = p.front_matter.as_ref()?;
    let f = fm
        .fields
        .iter()
        .find(|f| f.path.eq_ignore_ascii_case(key))?;
    let start = text[..f.range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[f.range.end..]
        .find('\n')
        .map_or(text.len(), |i| f.range.end + i + 1);
    let line = &text[start..end];
    let name = line.trim_start();
    if !name
        .to_ascii_lowercase()
        .starts_with(&key.to_ascii_lowercase())
        || start < fm.inner.start
        || end > fm.inner.end
    {
        return None;
    }
    Some(format!("{}{}", &text[..start], &text[end..]))
}

impl Posting {
    /// Whether the front matter sets the top-level key `key` to true (`ai: true`).
    pub fn flag(&self, key: &str) -> bool {
        self.front_matter.as_ref().is_some_and(|fm| {
            fm.fields
                .iter()
                .any(|f| f.path.eq_ignore_ascii_case(key) && f.value.eq_ignore_ascii_case("true"))
        })
    }
}

/// Where two shortcode skeletons part (see [`skeleton_difference`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkeletonDifference {
    /// The 0-based index of the first call that differs.
    pub index: usize,
    /// That call in each skeleton, written as a call (`{{< name >}}`, `{{< /name >}}`); `None`
    /// where that skeleton has no more calls.
    pub expected: Option<String>,
    pub found: Option<String>,
}

/// The first place where `found` differs from `expected`; `None` when they are the same.
pub fn skeleton_difference(
    expected: &[(SkeletonKind, &str)],
    found: &[(SkeletonKind, &str)],
) -> Option<SkeletonDifference> {
    if expected == found {
        return None;
    }
    let index = found
        .iter()
        .zip(expected)
        .take_while(|(a, b)| a == b)
        .count();
    let show = |s: Option<&(SkeletonKind, &str)>| {
        s.map(|(kind, name)| match kind {
            SkeletonKind::Closes => format!("{{{{< /{name} >}}}}"),
            // Told apart from the same call left open.
            SkeletonKind::Opens => format!("{{{{< {name} >}}}}…{{{{< /{name} >}}}}"),
            SkeletonKind::Alone => format!("{{{{< {name} >}}}}"),
        })
    };
    Some(SkeletonDifference {
        index,
        expected: show(expected.get(index)),
        found: show(found.get(index)),
    })
}

/// A call's part in the shortcode skeleton (see [`Posting::shortcode_skeleton`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkeletonKind {
    Opens,
    Closes,
    Alone,
}

fn fm_line(e: &FrontMatterError) -> usize {
    match e {
        FrontMatterError::Unterminated { line, .. }
        | FrontMatterError::Invalid { line, .. }
        | FrontMatterError::DuplicateKey { line, .. }
        | FrontMatterError::NotAMapping { line, .. } => *line,
    }
}

pub(crate) fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count() + 1
}

pub use crate::fsio::io_reason;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Result<Posting, Error> {
        Posting::from_bytes(Path::new("p.md"), bytes.to_vec(), &Rules::default())
    }

    #[test]
    fn bad_input_names_the_line() {
        assert_eq!(parse(b"").unwrap_err().kind, ErrorKind::Empty);
        let e = parse(b"---\ntitle: a\n---\nok\n\xff\n").unwrap_err();
        assert_eq!((e.line, e.kind), (5, ErrorKind::InvalidUtf8));
        let conflict = b"---\ntitle: a\n---\n\n<<<<<<< HEAD\nVi bygger skyer.\n=======\nVi bygger en sky.\n>>>>>>> feature\n";
        let e = parse(conflict).unwrap_err();
        assert_eq!((e.line, e.kind), (5, ErrorKind::ConflictMarkers));
        // Half a conflict, or markers not at a line's start, are text.
        assert!(parse(b"---\ntitle: a\n---\n\n<<<<<<< HEAD\nx\n=======\n").is_ok());
        assert!(parse(b"---\ntitle: a\n---\n\nA <<<<<<< b\n=======\n>>>>>>> c\n").is_ok());
        let shown = b"---\ntitle: a\n---\n\n```text\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n```\n";
        assert!(parse(shown).is_ok());
        let e = parse(b"---\ntitle: a\n---\nx\0").unwrap_err();
        assert_eq!((e.line, e.kind), (4, ErrorKind::NulByte));
        let e = parse(b"---\ntitle: a\n---\n\n{{< ingress >}}\nHi\n").unwrap_err();
        assert_eq!(e.line, 5);
        assert!(matches!(
            e.kind,
            ErrorKind::Shortcode(ShortcodeError::Unclosed { .. })
        ));
    }

    #[test]
    fn a_key_added_to_a_page_written_with_crlf_ends_with_crlf() {
        let rules = Rules::default();
        let sets = [("ai".to_string(), "true".to_string())];
        for (text, want) in [
            (
                "---\r\ntitle: \"A\"\r\n---\r\n\r\nBody.\r\n",
                "---\r\ntitle: \"A\"\r\nai: true\r\n---\r\n\r\nBody.\r\n",
            ),
            (
                "+++\r\ntitle = \"A\"\r\n+++\r\n\r\nBody.\r\n",
                "+++\r\ntitle = \"A\"\r\nai = true\r\n+++\r\n\r\nBody.\r\n",
            ),
            (
                "{\r\n  \"title\": \"A\"\r\n}\r\n\r\nBody.\r\n",
                "{\r\n  \"title\": \"A\",\r\n  \"ai\": true\r\n}\r\n\r\nBody.\r\n",
            ),
            // A page written with LF is left so.
            (
                "---\ntitle: \"A\"\n---\n\nBody.\n",
                "---\ntitle: \"A\"\nai: true\n---\n\nBody.\n",
            ),
        ] {
            assert_eq!(set_front_matter(text, &rules, &sets), want, "{text:?}");
        }
    }

    #[test]
    fn a_nested_key_goes_into_its_parent_and_a_toml_key_before_the_tables() {
        let rules = Rules::default();
        let set = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        for (text, sets, want) in [
            // Into the parent, at its children's indentation, after a comment and a block.
            (
                "---\r\nparams:\r\n    # who\r\n    team: |\r\n      Ops\r\n    x: 1\r\ntags: [a]\r\n---\r\n",
                set("params.intro", "Hi"),
                "---\r\nparams:\r\n    # who\r\n    team: |\r\n      Ops\r\n    x: 1\r\n    intro: \"Hi\"\r\ntags: [a]\r\n---\r\n",
            ),
            // The last of a parent given twice (the one Hugo reads); two keys, one parent.
            (
                "---\nparams:\n  a: 1\nparams:\n  b: 2\n---\n",
                vec![
                    ("params.sub.intro".to_string(), "Hi".to_string()),
                    ("params.sub.team".to_string(), "Ops".to_string()),
                ],
                "---\nparams:\n  a: 1\nparams:\n  b: 2\n  sub:\n    intro: \"Hi\"\n    team: \"Ops\"\n---\n",
            ),
            (
                "+++\ntitle = \"A\"\n\n[params]\nteam = \"Ops\"\n\n[menu.main]\nweight = 3\n+++\n",
                vec![
                    ("params.intro".to_string(), "Hi".to_string()),
                    ("ai".to_string(), "true".to_string()),
                ],
                "+++\ntitle = \"A\"\nai = true\n\n[params]\nteam = \"Ops\"\nintro = \"Hi\"\n\n[menu.main]\nweight = 3\n+++\n",
            ),
        ] {
            assert_eq!(set_front_matter(text, &rules, &sets), want, "{text:?}");
        }
        // No place for it: a flow mapping, a list on the way; the text is left as it was.
        for (text, key) in [
            ("---\nparams: {team: Ops}\n---\n", "params.intro"),
            ("---\nparams:\n  - team: Ops\n---\n", "params.intro"),
            ("---\nfaq:\n  - q: A\n---\n", "faq.1.q"),
        ] {
            assert_eq!(set_front_matter(text, &rules, &set(key, "Hi")), text);
        }
    }

    #[test]
    fn front_matter_after_blank_lines_is_front_matter_as_in_hugo() {
        // Hugo's page lexer skips spaces and blank lines before the delimiter.
        let rules = Rules::default();
        for (text, line) in [
            ("\n\n---\ntitle: \"Lead\"\n---\nBody text.\n", 4),
            ("  \n+++\ntitle = \"Lead\"\n+++\nBody text.\n", 3),
            ("\u{feff}\n---\ntitle: Lead\n---\nBody text.\n", 3),
        ] {
            let p = parse(text.as_bytes()).unwrap();
            let fm = p.front_matter.as_ref().expect(text);
            assert_eq!(fm.fields[0].value, "Lead", "{text:?}");
            assert_eq!(fm.fields[0].line, line, "{text:?}");
            assert_eq!(&p.text[p.body.clone()], "Body text.\n", "{text:?}");
            let segs = crate::segment::split(&p, &rules);
            let keys: Vec<&str> = segs.iter().map(|s| s.key.as_str()).collect();
            assert_eq!(keys, ["fm.title", "top.p1"], "{text:?}");
            // Written back byte for byte, and a value set in place.
            assert_eq!(crate::segment::splice(text, &segs, |_| None), text);
            let sv = set_front_matter(text, &rules, &[("title".into(), "Ledning".into())]);
            assert_eq!(sv, text.replace("Lead", "Ledning"));
        }
        // Text first: no front matter.
        let p = parse(b"\n\nJust text.\n---\ntitle: x\n---\n").unwrap();
        assert!(p.front_matter.is_none());
    }

    #[test]
    fn json_front_matter_is_read_written_back_and_set_as_json() {
        let rules = Rules::default();
        let text = "{\n  \"title\": \"Tester\",\n  \"draft\": false\n}\n\nWe test {everything}.\n";
        let p = parse(text.as_bytes()).unwrap();
        let segs = crate::segment::split(&p, &rules);
        let keys: Vec<(&str, &str)> = segs
            .iter()
            .map(|s| (s.key.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            keys,
            [("fm.title", "Tester"), ("top.p1", "We test {everything}.")]
        );
        assert_eq!(crate::segment::splice(text, &segs, |_| None), text);
        let translated = crate::segment::splice(text, &segs, |s| {
            Some(
                if s.key == "fm.title" {
                    "Testare \"QA\""
                } else {
                    "Vi testar {allt}."
                }
                .into(),
            )
        });
        assert_eq!(
            translated,
            "{\n  \"title\": \"Testare \\\"QA\\\"\",\n  \"draft\": false\n}\n\nVi testar {allt}.\n"
        );
        // Values set in place, keys added after the last value: still JSON, to Hugo too.
        let sets = [
            ("draft".to_string(), "true".to_string()),
            ("translationKey".to_string(), "jobs/tester".to_string()),
        ];
        let set = set_front_matter(&translated, &rules, &sets);
        let fm = &set[..set.find("\n\n").unwrap()];
        let v: serde_json::Value = serde_json::from_str(fm).unwrap();
        assert_eq!(v["draft"], true);
        assert_eq!(v["translationKey"], "jobs/tester");
        assert_eq!(v["title"], "Testare \"QA\"");
        assert!(set.ends_with("}\n\nVi testar {allt}.\n"), "{set}");
        // A page that opens with a shortcode opens with `{`: Hugo 0.111 reads it as JSON front
        // matter and refuses it ("invalid character '{' looking for beginning of object key
        // string"), and so does tolk, naming the line.
        let e = parse(b"{{< note >}}Mind the gap{{< /note >}}\n").unwrap_err();
        assert!(
            matches!(
                e.kind,
                ErrorKind::FrontMatter(front_matter::FrontMatterError::Invalid {
                    format: Format::Json,
                    line: 1,
                    ..
                })
            ),
            "{e:?}"
        );
        // An empty object gets a key without a comma before it.
        let empty = set_front_matter("{}\nx\n", &rules, &sets[1..]);
        assert_eq!(empty, "{\n  \"translationKey\": \"jobs/tester\"}\nx\n");
    }

    #[test]
    fn set_front_matter_changes_only_what_differs() {
        let set = |text: &str, sets: &[(&str, &str)]| {
            let sets: Vec<(String, String)> = sets
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            set_front_matter(text, &Rules::default(), &sets)
        };
        let page = "---\ntitle: Udvikler\nlanguage: da\ndraft: false\n---\n\nTekst.\n";
        // Values already so, or a language key the page does not have: the text as it is.
        assert_eq!(set(page, &[("language", "da"), ("draft", "false")]), page);
        assert_eq!(
            set("---\ntitle: a\n---\nx\n", &[("language", "da")]),
            "---\ntitle: a\n---\nx\n"
        );
        assert_eq!(
            set(page, &[("Language", "sv"), ("draft", "true")]),
            "---\ntitle: Udvikler\nlanguage: sv\ndraft: true\n---\n\nTekst.\n"
        );
        assert_eq!(
            set(
                "+++\ntitle = \"a\"\n+++\nx\n",
                &[("translationKey", "jobs/a")]
            ),
            "+++\ntitle = \"a\"\ntranslationKey = \"jobs/a\"\n+++\nx\n"
        );
        // Hugo reads a key in any case: every spelling of it gets the value.
        assert_eq!(
            set(
                "---\nlanguage: \"en\"\ntitle: a\nLanguage: \"en\"\n---\nx\n",
                &[("language", "sv")]
            ),
            "---\nlanguage: \"sv\"\ntitle: a\nLanguage: \"sv\"\n---\nx\n"
        );
        // A page that does not parse is left as it is, even where its front matter would change.
        let broken = "---\ntitle: a\n---\n{{< ingress >}}\nHi\n";
        assert_eq!(set(broken, &[("draft", "true")]), broken);
        assert_eq!(set(broken, &[]), broken);
    }

    #[test]
    fn parse_like_reuses_only_the_very_same_front_matter() {
        let rules = Rules::default();
        let known = parse(b"---\ntitle: Udvikler\ntags: [a, b]\n---\n\nTekst.\n").unwrap();
        let like = |text: &str| {
            let a = Posting::parse_like(Path::new("p.md"), text.into(), &rules, Some(&known));
            let b = Posting::parse(Path::new("p.md"), text.into(), &rules);
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text:?}");
            a
        };
        let p =
            like("---\ntitle: Udvikler\ntags: [a, b]\n---\n\nNy {{< b >}}x{{< /b >}}.\n").unwrap();
        assert_eq!(p.front_matter.unwrap().fields[0].value, "Udvikler");
        // Another front matter, a closing line that goes on, no front matter at all.
        let p = like("---\ntitle: Udviklerx\ntags: [a, b]\n---\n\nTekst.\n").unwrap();
        assert_eq!(p.front_matter.unwrap().fields[0].value, "Udviklerx");
        assert!(like("---\ntitle: Udvikler\ntags: [a, b]\n----\n").is_err());
        assert!(like("Tekst.\n").unwrap().front_matter.is_none());
        // A known page that ends with its closing delimiter, and a text that goes on after it.
        let known = parse(b"---\ntitle: a\n---").unwrap();
        let p = Posting::parse_like(
            Path::new("p.md"),
            "---\ntitle: a\n---x\n".into(),
            &rules,
            Some(&known),
        );
        assert!(p.is_err());
    }

    #[test]
    fn only_front_matter_is_a_posting() {
        let p = parse(b"---\ntitle: a\n---").unwrap();
        assert_eq!(p.body, 16..16);
        let p = parse(b"\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nHi\r\n").unwrap();
        assert_eq!(p.bom, 3);
        assert_eq!(&p.text[p.body.clone()], "Hi\r\n");
    }
}
