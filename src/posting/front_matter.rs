//! Front matter: YAML between `---` lines, TOML between `+++` lines, or a JSON object.
//!
//! Values are located by byte range in the original text and never re-serialized: a changed
//! value is spliced in place, written in the style of the value it replaces, so key order,
//! quoting and comments stay as written.

pub mod insert;
mod json;
mod simple;

use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// The front matter formats Hugo reads from Markdown (Emacs Org's is not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

/// How a value is written, so that a replacement can be written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    YamlPlain,
    YamlSingle,
    YamlDouble,
    /// `|` or `>` block scalar; `indent` is the column of its content lines.
    YamlBlock {
        indent: usize,
    },
    Toml,
    Json,
}

/// One scalar value of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Dotted key path: `title`, `menu.main.name`, `tags.0`.
    pub path: String,
    /// Byte range of the value as written (quotes included), in the whole file.
    pub range: Range<usize>,
    /// 1-based line of the value in the whole file.
    pub line: usize,
    /// The decoded value.
    pub value: String,
    pub style: Style,
    /// False for values that are not text: numbers, booleans, null.
    pub is_text: bool,
}

/// A posting's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub format: Format,
    /// Byte range of the text between the delimiter lines.
    pub inner: Range<usize>,
    pub fields: Vec<Field>,
    /// Set when the YAML is not valid YAML 1.2 but was read line by line, as Hugo's own
    /// lenient parser does (e.g. a quoted title whose closing quote sits at column 0).
    pub lenient: Option<FrontMatterError>,
    /// Keys given twice in one mapping (YAML). Hugo keeps the last value, and so does tolk:
    /// the earlier one is skeleton. Reported as warnings.
    pub duplicates: Vec<Duplicate>,
}

/// A front matter key given twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The key's path (`title`, `params.note`).
    pub key: String,
    /// 1-based lines in the whole file of the first and of the repeated key.
    pub first_line: usize,
    pub line: usize,
}

/// Why front matter could not be read. Lines are 1-based in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterError {
    Unterminated {
        format: Format,
        line: usize,
    },
    Invalid {
        format: Format,
        line: usize,
        message: String,
    },
    DuplicateKey {
        format: Format,
        line: usize,
        key: String,
    },
    NotAMapping {
        format: Format,
        line: usize,
    },
}

/// Where the front matter lies, if the text (after any BOM) starts with a delimiter line;
/// blank lines and spaces before it are skipped, as Hugo's page lexer skips them. Returns
/// (format, inner range, body start).
pub fn locate(
    src: &str,
    start: usize,
) -> Result<Option<(Format, Range<usize>, usize)>, FrontMatterError> {
    let start = start
        + src.as_bytes()[start..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
    let rest = &src[start..];
    if rest.starts_with('{') {
        let Some(end) = json::end(src, start) else {
            return Err(FrontMatterError::Unterminated {
                format: Format::Json,
                line: line_of(src, start),
            });
        };
        // One line break after the closing brace belongs to the front matter (Hugo's lexer).
        let mut body = end;
        for b in [b'\r', b'\n'] {
            if src.as_bytes().get(body) == Some(&b) {
                body += 1;
            }
        }
        return Ok(Some((Format::Json, start..end, body)));
    }
    let (format, delim) = if rest.starts_with("---") {
        (Format::Yaml, "---")
    } else if rest.starts_with("+++") {
        (Format::Toml, "+++")
    } else {
        return Ok(None);
    };
    let first_end = line_end(src, start);
    if !src[start + 3..first_end]
        .trim_end_matches(['\r', ' ', '\t'])
        .is_empty()
    {
        return Ok(None);
    }
    let inner_start = (first_end + 1).min(src.len());
    // Each line's end, found in one pass.
    let mut ends = memchr::memchr_iter(b'\n', &src.as_bytes()[inner_start..])
        .map(|p| inner_start + p)
        .chain(std::iter::once(src.len()));
    let mut pos = inner_start;
    while pos < src.len() {
        let end = ends.next().unwrap_or(src.len());
        if src.as_bytes()[pos..end].starts_with(delim.as_bytes())
            && src[pos..end].trim_end_matches(['\r', ' ', '\t']) == delim
        {
            let body = (end + 1).min(src.len());
            return Ok(Some((format, inner_start..pos, body)));
        }
        pos = end + 1;
    }
    Err(FrontMatterError::Unterminated {
        format,
        line: line_of(src, start),
    })
}

/// Reads the front matter found by [`locate`].
pub fn parse(
    src: &str,
    format: Format,
    inner: Range<usize>,
) -> Result<FrontMatter, FrontMatterError> {
    let mut lenient = None;
    let mut duplicates = Vec::new();
    let fields = match format {
        // Most front matter is simple YAML, read several times faster without the full parser.
        Format::Yaml => match simple::parse(src, inner.clone()) {
            Some(f) => f,
            None => yaml_fields(src, inner.clone(), &mut lenient, &mut duplicates)?,
        },
        Format::Toml => parse_toml(src, inner.clone())?,
        Format::Json => {
            let (fields, d) = json::parse(src, inner.clone())?;
            duplicates = d;
            fields
        }
    };
    Ok(FrontMatter {
        format,
        inner,
        fields,
        lenient,
        duplicates,
    })
}

/// The fields of YAML front matter as the full parser reads it (line by line, as Hugo does,
/// where it refuses the text).
fn yaml_fields(
    src: &str,
    inner: Range<usize>,
    lenient: &mut Option<FrontMatterError>,
    duplicates: &mut Vec<Duplicate>,
) -> Result<Vec<Field>, FrontMatterError> {
    Ok(match parse_yaml(src, inner.clone()) {
        Ok((f, d)) => {
            *duplicates = d;
            f
        }
        Err(e @ FrontMatterError::Invalid { .. }) => match parse_yaml_lines(src, inner) {
            Some(f) => {
                *lenient = Some(e);
                f
            }
            None => return Err(e),
        },
        Err(e) => return Err(e),
    })
}

fn line_end(src: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &src.as_bytes()[from..]).map_or(src.len(), |p| from + p)
}

/// 1-based line of a byte offset.
/// What of dotted path `path` lies below key `key` (`intro` of `params.intro` below `params`),
/// keys compared without regard to case, as Hugo reads them; `None` when `path` is not below
/// `key`.
pub fn below<'p>(path: &'p str, key: &str) -> Option<&'p str> {
    path.get(..key.len())
        .filter(|p| p.eq_ignore_ascii_case(key))
        .and_then(|_| path[key.len()..].strip_prefix('.'))
}

/// Whether a key of a dotted path is a list index (`0` in `faq.0.question`), or empty: neither
/// is a mapping key tolk could write.
pub fn is_index(key: &str) -> bool {
    key.bytes().all(|b| b.is_ascii_digit())
}

pub fn line_of(src: &str, offset: usize) -> usize {
    super::count_lines(&src.as_bytes()[..offset.min(src.len())])
}

struct YamlWalk<'a> {
    src: &'a str,
    base: usize,
    /// Byte offset (relative to `base`) of each character index; `None` for ASCII text, where
    /// the two are the same.
    char_to_byte: Option<Vec<usize>>,
    /// Length of the front matter text in bytes.
    len: usize,
    fields: Vec<Field>,
    duplicates: Vec<Duplicate>,
    /// How deep the mappings and sequences nest here.
    depth: usize,
}

/// Deeper front matter than this is refused (a real one nests two or three levels).
const MAX_DEPTH: usize = 64;

impl YamlWalk<'_> {
    /// 1-based line in the whole file of a byte offset inside the front matter.
    fn line(&self, offset: usize) -> usize {
        line_of(self.src, offset)
    }

    fn byte(&self, char_index: usize) -> usize {
        self.base
            + match &self.char_to_byte {
                Some(map) => map[char_index.min(map.len() - 1)],
                None => char_index.min(self.len),
            }
    }

    fn err(&self, line_in_fm: usize, message: String) -> FrontMatterError {
        FrontMatterError::Invalid {
            format: Format::Yaml,
            line: line_of(self.src, self.base) + line_in_fm.saturating_sub(1),
            message,
        }
    }
}

fn parse_yaml(
    src: &str,
    inner: Range<usize>,
) -> Result<(Vec<Field>, Vec<Duplicate>), FrontMatterError> {
    let text = &src[inner.clone()];
    let mut walk = YamlWalk {
        src,
        base: inner.start,
        depth: 0,
        char_to_byte: (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect()
        }),
        len: text.len(),
        fields: Vec::new(),
        duplicates: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    let mut next =
        |walk: &YamlWalk| -> Result<Option<(Event<'_>, saphyr_parser::Span)>, FrontMatterError> {
            match parser.next_event() {
                None => Ok(None),
                Some(Ok((ev, span))) => Ok(Some((ev, span))),
                Some(Err(e)) => Err(walk.err(e.marker().line(), e.info().to_string())),
            }
        };
    // StreamStart, then DocumentStart (or StreamEnd for an empty front matter).
    let mut top_seen = false;
    while let Some((ev, span)) = next(&walk)? {
        match ev {
            Event::StreamStart | Event::DocumentStart(_) | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::MappingStart(..) if !top_seen => {
                top_seen = true;
                walk_mapping(&mut walk, &mut next, "")?;
            }
            Event::Scalar(ref v, ScalarStyle::Plain, ..) if !top_seen && v.is_empty() => {
                top_seen = true;
            }
            _ => {
                return Err(FrontMatterError::NotAMapping {
                    format: Format::Yaml,
                    line: line_of(src, walk.byte(span.start.index())),
                });
            }
        }
    }
    Ok((walk.fields, walk.duplicates))
}

type NextFn<'n> =
    dyn FnMut(&YamlWalk) -> Result<Option<(Event<'n>, saphyr_parser::Span)>, FrontMatterError> + 'n;

fn walk_mapping<'n>(
    walk: &mut YamlWalk,
    next: &mut NextFn<'n>,
    prefix: &str,
) -> Result<(), FrontMatterError> {
    // Keys of this mapping so far, with their lines.
    let mut seen: Vec<(String, usize)> = Vec::new();
    loop {
        let Some((ev, span)) = next(walk)? else {
            return Ok(());
        };
        let key = match ev {
            Event::MappingEnd => return Ok(()),
            Event::Scalar(k, ..) => k.into_owned(),
            // A complex key: walk it and its value without recording anything.
            Event::MappingStart(..) => {
                walk_mapping(walk, next, "\u{0}")?;
                "\u{0}".to_string()
            }
            Event::SequenceStart(..) => {
                walk_sequence(walk, next, "\u{0}")?;
                "\u{0}".to_string()
            }
            _ => "\u{0}".to_string(),
        };
        let line = line_of(walk.src, walk.byte(span.start.index()));
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if key != "\u{0}" {
            if let Some((_, first_line)) = seen.iter().find(|(k, _)| *k == key) {
                // As Hugo: the last value counts; the earlier one is left as skeleton.
                walk.duplicates.push(Duplicate {
                    key: path.clone(),
                    first_line: *first_line,
                    line,
                });
                let nested = format!("{path}.");
                walk.fields
                    .retain(|f| f.path != path && !f.path.starts_with(&nested));
            }
            seen.push((key, line));
        }
        walk_value(walk, next, &path)?;
    }
}

fn walk_sequence<'n>(
    walk: &mut YamlWalk,
    next: &mut NextFn<'n>,
    prefix: &str,
) -> Result<(), FrontMatterError> {
    let mut index = 0;
    loop {
        let Some((ev, span)) = next(walk)? else {
            return Ok(());
        };
        let path = format!("{prefix}.{index}");
        index += 1;
        match ev {
            Event::SequenceEnd => return Ok(()),
            other => handle_node(walk, next, &path, other, span)?,
        }
    }
}

fn walk_value<'n>(
    walk: &mut YamlWalk,
    next: &mut NextFn<'n>,
    path: &str,
) -> Result<(), FrontMatterError> {
    let Some((ev, span)) = next(walk)? else {
        return Ok(());
    };
    handle_node(walk, next, path, ev, span)
}

fn handle_node<'n>(
    walk: &mut YamlWalk,
    next: &mut NextFn<'n>,
    path: &str,
    ev: Event<'_>,
    span: saphyr_parser::Span,
) -> Result<(), FrontMatterError> {
    match ev {
        Event::MappingStart(..) | Event::SequenceStart(..) if walk.depth >= MAX_DEPTH => Err(walk
            .err(
                span.start.line(),
                format!("nested more than {MAX_DEPTH} levels deep"),
            )),
        Event::MappingStart(..) => {
            walk.depth += 1;
            let r = walk_mapping(walk, next, path);
            walk.depth -= 1;
            r
        }
        Event::SequenceStart(..) => {
            walk.depth += 1;
            let r = walk_sequence(walk, next, path);
            walk.depth -= 1;
            r
        }
        Event::Scalar(value, style, ..) => {
            if path.contains('\u{0}') {
                return Ok(());
            }
            let start = walk.byte(span.start.index());
            let mut end = walk.byte(span.end.index());
            let style = match style {
                ScalarStyle::Plain => Style::YamlPlain,
                ScalarStyle::SingleQuoted => Style::YamlSingle,
                ScalarStyle::DoubleQuoted => Style::YamlDouble,
                ScalarStyle::Literal | ScalarStyle::Folded => {
                    // The span starts at the indicator; content lines follow it.
                    let first_content = line_end(walk.src, start) + 1;
                    let indent = walk.src[first_content.min(end)..end]
                        .bytes()
                        .take_while(|&b| b == b' ')
                        .count();
                    Style::YamlBlock { indent }
                }
            };
            // Trim what the parser counted past the value (trailing blanks of a plain scalar).
            if style == Style::YamlPlain {
                while end > start && walk.src.as_bytes()[end - 1].is_ascii_whitespace() {
                    end -= 1;
                }
            }
            let is_text = !(style == Style::YamlPlain && is_plain_non_text(&value));
            walk.fields.push(Field {
                path: path.to_string(),
                range: start..end,
                line: walk.line(start),
                value: value.into_owned(),
                style,
                is_text,
            });
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Plain YAML scalars that the core schema reads as null, a boolean or a number.
fn is_plain_non_text(v: &str) -> bool {
    matches!(
        v,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
    ) || v.parse::<f64>().is_ok()
        || v.parse::<i64>().is_ok()
}

/// A line-based reading of simple YAML (top-level `key: value` lines, quoted values may span
/// lines), used only when the strict parser refuses the text. Returns `None` when the text is
/// not that simple either.
fn parse_yaml_lines(src: &str, inner: Range<usize>) -> Option<Vec<Field>> {
    let mut fields = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut nested_allowed = false;
    let mut seen_flow_values: Vec<Range<usize>> = Vec::new();
    let mut pos = inner.start;
    while pos < inner.end {
        let end = line_end(src, pos).min(inner.end);
        let line = &src[pos..end];
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            pos = end + 1;
            continue;
        }
        if trimmed.starts_with([' ', '\t', '-']) {
            // Part of a nested block under a key without a value: not read by the fallback.
            if !nested_allowed {
                return None;
            }
            pos = end + 1;
            continue;
        }
        let colon = trimmed.find(':')?;
        let key = trimmed[..colon]
            .trim()
            .trim_matches(['"', '\''])
            .to_string();
        if seen.contains(&key) {
            return None;
        }
        seen.push(key.clone());
        let mut v = pos + colon + 1;
        while v < end && matches!(src.as_bytes()[v], b' ' | b'\t') {
            v += 1;
        }
        let (range, value, style, next) = match src.as_bytes().get(v) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = find_closing_quote(src, v, inner.end, q)?;
                let raw = &src[v + 1..close];
                let value = if q == b'"' {
                    decode_double(raw)
                } else {
                    fold(&raw.replace("''", "'"))
                };
                let style = if q == b'"' {
                    Style::YamlDouble
                } else {
                    Style::YamlSingle
                };
                (v..close + 1, value, style, line_end(src, close) + 1)
            }
            // A flow collection on one line is kept as a value that is not text; one that runs
            // on, block scalars, anchors, aliases and tags are left to the strict parser.
            Some(&open @ (b'[' | b'{')) => {
                let close = if open == b'[' { ']' } else { '}' };
                let raw = src[v..end].trim_end_matches(['\r', ' ', '\t']);
                let depth = raw.chars().fold(0i32, |d, c| match c {
                    '[' | '{' => d + 1,
                    ']' | '}' => d - 1,
                    _ => d,
                });
                if !raw.ends_with(close) || depth != 0 {
                    return None;
                }
                seen_flow_values.push(v..v + raw.len());
                (v..v + raw.len(), raw.to_string(), Style::YamlPlain, end + 1)
            }
            Some(b'|' | b'>' | b'&' | b'*' | b'!') => return None,
            _ => {
                let mut stop = end;
                if let Some(c) = src[v..end].find(" #") {
                    stop = v + c;
                }
                let raw = src[v..stop].trim_end();
                (v..v + raw.len(), raw.to_string(), Style::YamlPlain, end + 1)
            }
        };
        nested_allowed = v >= end;
        if v < end {
            let is_text = !(seen_flow_values.contains(&range)
                || style == Style::YamlPlain && is_plain_non_text(&value));
            fields.push(Field {
                path: key,
                line: line_of(src, range.start),
                range,
                value,
                style,
                is_text,
            });
        }
        pos = next;
    }
    Some(fields)
}

fn find_closing_quote(src: &str, open: usize, end: usize, q: u8) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = open + 1;
    while i < end {
        if q == b'"' && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// YAML line folding for a flow scalar: a line break and the indentation around it become one
/// space; an empty line becomes a line break.
fn fold(raw: &str) -> String {
    let lines: Vec<&str> = raw.split('\n').collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let mut l = line.trim_end_matches('\r');
        if i > 0 {
            l = l.trim_start();
        }
        if i + 1 < lines.len() {
            l = l.trim_end();
        }
        if i > 0 {
            if l.is_empty() && i + 1 < lines.len() {
                out.push('\n')
            } else if !out.ends_with('\n') {
                out.push(' ')
            }
        }
        out.push_str(l);
    }
    out
}

fn decode_double(raw: &str) -> String {
    let folded = fold(raw);
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn parse_toml(src: &str, inner: Range<usize>) -> Result<Vec<Field>, FrontMatterError> {
    let text = &src[inner.clone()];
    let doc = toml_edit::Document::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        FrontMatterError::Invalid {
            format: Format::Toml,
            line: line_of(src, inner.start + offset),
            message: e.message().to_string(),
        }
    })?;
    let mut fields = Vec::new();
    walk_toml_table(src, inner.start, doc.as_table(), "", &mut fields);
    fields.sort_by_key(|f| f.range.start);
    Ok(fields)
}

fn walk_toml_table(
    src: &str,
    base: usize,
    table: &toml_edit::Table,
    prefix: &str,
    out: &mut Vec<Field>,
) {
    for (key, item) in table.iter() {
        let path = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        match item {
            toml_edit::Item::Value(v) => walk_toml_value(src, base, v, &path, out),
            toml_edit::Item::Table(t) => walk_toml_table(src, base, t, &path, out),
            toml_edit::Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    walk_toml_table(src, base, t, &format!("{path}.{i}"), out);
                }
            }
            toml_edit::Item::None => {}
        }
    }
}

fn walk_toml_value(src: &str, base: usize, v: &toml_edit::Value, path: &str, out: &mut Vec<Field>) {
    match v {
        toml_edit::Value::String(s) => {
            toml_field(src, base, s.span(), path, Some(s.value().clone()), out)
        }
        toml_edit::Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                walk_toml_value(src, base, item, &format!("{path}.{i}"), out);
            }
        }
        toml_edit::Value::InlineTable(t) => {
            for (k, item) in t.iter() {
                walk_toml_value(src, base, item, &format!("{path}.{k}"), out);
            }
        }
        // Values that are not text (a draft flag, a date, a weight): skeleton that export makes
        // follow the English, as it does YAML's.
        toml_edit::Value::Integer(v) => toml_field(src, base, v.span(), path, None, out),
        toml_edit::Value::Float(v) => toml_field(src, base, v.span(), path, None, out),
        toml_edit::Value::Boolean(v) => toml_field(src, base, v.span(), path, None, out),
        toml_edit::Value::Datetime(v) => toml_field(src, base, v.span(), path, None, out),
    }
}

/// A TOML value at `span` (in the front matter at `base`): a string with its decoded `text`,
/// or, with `None`, a value that is not text, as written.
fn toml_field(
    src: &str,
    base: usize,
    span: Option<Range<usize>>,
    path: &str,
    text: Option<String>,
    out: &mut Vec<Field>,
) {
    if let Some(span) = span {
        let range = base + span.start..base + span.end;
        out.push(Field {
            path: path.to_string(),
            line: line_of(src, range.start),
            is_text: text.is_some(),
            value: text.unwrap_or_else(|| src[range.clone()].to_string()),
            range,
            style: Style::Toml,
        });
    }
}

/// Writes `value` the way a value of `style` is written, for splicing in place of the old one.
/// `src` and `range` are the old value's file and range (block scalars keep their header line).
pub fn encode(value: &str, style: Style, src: &str, range: &Range<usize>) -> String {
    match style {
        Style::YamlPlain if yaml_plain_safe(value) => value.to_string(),
        Style::YamlSingle if !value.contains('\n') => format!("'{}'", value.replace('\'', "''")),
        Style::YamlBlock { indent } => {
            let old = &src[range.clone()];
            let header_end = old.find('\n').map_or(old.len(), |p| p + 1);
            let pad = " ".repeat(indent.max(2));
            let mut out = old[..header_end].to_string();
            let body = value.strip_suffix('\n').unwrap_or(value);
            for (i, line) in body.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                if !line.is_empty() {
                    out.push_str(&pad);
                    out.push_str(line);
                }
            }
            // Keep whatever line ending closed the old block.
            let old_tail = &old[old.trim_end_matches(['\n', '\r']).len()..];
            out.push_str(old_tail);
            out
        }
        Style::Toml => toml_edit::Value::from(value).to_string(),
        Style::Json => serde_json::Value::from(value).to_string(),
        _ => yaml_double(value),
    }
}

fn yaml_double(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_plain_safe(v: &str) -> bool {
    !v.is_empty()
        && v.trim() == v
        && !v.contains('\n')
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(':')
        && !v.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !is_plain_non_text(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(src: &str) -> Vec<Field> {
        let (format, inner, _) = locate(src, 0).unwrap().unwrap();
        parse(src, format, inner).unwrap().fields
    }

    #[test]
    fn yaml_values_and_ranges() {
        let src = "---\nTitle: \"Cloud Engineer – Oslo\"\nintro: 'It''s us'\ndraft: false\n# comment\ntags: [a, \"b c\"]\nplain: Hello world  \n---\nBody\n";
        let f = fields(src);
        let get = |p: &str| f.iter().find(|x| x.path == p).unwrap();
        assert_eq!(get("Title").value, "Cloud Engineer – Oslo");
        assert_eq!(
            &src[get("Title").range.clone()],
            "\"Cloud Engineer – Oslo\""
        );
        assert_eq!(get("Title").line, 2);
        assert_eq!(&src[get("intro").range.clone()], "'It''s us'");
        assert_eq!(get("intro").value, "It's us");
        assert!(!get("draft").is_text);
        assert_eq!(get("tags.1").value, "b c");
        assert_eq!(&src[get("plain").range.clone()], "Hello world");
    }

    #[test]
    fn toml_values_that_are_not_text_are_fields_too() {
        let src = "+++\ntitle = \"Tester\"\ndraft = true\nweight = 3\nratio = 0.5\ndate = 2026-11-02\n[params]\ntags = [\"a\", 2]\n+++\nBody\n";
        let f = fields(src);
        let get = |p: &str| f.iter().find(|x| x.path == p).unwrap();
        for (path, raw) in [
            ("draft", "true"),
            ("weight", "3"),
            ("ratio", "0.5"),
            ("date", "2026-11-02"),
            ("params.tags.1", "2"),
        ] {
            assert!(!get(path).is_text, "{path}");
            assert_eq!(get(path).value, raw, "{path}");
            assert_eq!(&src[get(path).range.clone()], raw, "{path}");
        }
        assert_eq!(get("date").line, 6);
        assert!(get("title").is_text && get("params.tags.0").is_text);
    }

    #[test]
    fn json_values_and_ranges_as_hugo_reads_them() {
        let src = "{\n  \"title\": \"Cloud \\\"Engineer\\\" – Oslo\",\n  \"draft\": false,\n  \"tags\": [\"a\", \"b}c\"],\n  \"menu\": {\"main\": {\"name\": \"Jobs\", \"weight\": 2}},\n  \"title\": \"Last\"\n}\nBody {not front matter}\n";
        let (format, inner, body) = locate(src, 0).unwrap().unwrap();
        assert_eq!(format, Format::Json);
        assert_eq!(&src[body..], "Body {not front matter}\n");
        assert!(src[inner.clone()].starts_with('{') && src[inner.clone()].ends_with('}'));
        let fm = parse(src, format, inner).unwrap();
        let get = |p: &str| fm.fields.iter().find(|x| x.path == p).unwrap();
        // A key given twice: the last value counts, the first is skeleton (and reported).
        assert_eq!(get("title").value, "Last");
        assert_eq!(get("title").line, 6);
        assert_eq!(fm.fields.iter().filter(|f| f.path == "title").count(), 1);
        assert_eq!(fm.duplicates.len(), 1);
        assert_eq!((fm.duplicates[0].first_line, fm.duplicates[0].line), (2, 6));
        assert_eq!(&src[get("tags.1").range.clone()], "\"b}c\"");
        assert_eq!(get("tags.1").value, "b}c");
        assert_eq!(get("menu.main.name").value, "Jobs");
        assert!(!get("draft").is_text && !get("menu.main.weight").is_text);
        assert_eq!(&src[get("menu.main.weight").range.clone()], "2");
        // Written back as JSON, in place.
        let enc = encode("Ny \"titel\"\n", Style::Json, src, &get("title").range);
        assert_eq!(enc, "\"Ny \\\"titel\\\"\\n\"");
        // On one line, and with a CRLF after it.
        let one = "{\"title\": \"Inline\"}\r\nbody\n";
        let (_, inner, body) = locate(one, 0).unwrap().unwrap();
        assert_eq!(
            (&one[inner], &one[body..]),
            ("{\"title\": \"Inline\"}", "body\n")
        );
        // Never closed; not JSON.
        assert!(matches!(
            locate("{\n  \"title\": \"x\"\n", 0),
            Err(FrontMatterError::Unterminated {
                format: Format::Json,
                line: 1
            })
        ));
        let bad = "\n{\n  \"title\": \"x\",\n  draft: true\n}\n";
        let (format, inner, _) = locate(bad, 0).unwrap().unwrap();
        assert!(matches!(
            parse(bad, format, inner),
            Err(FrontMatterError::Invalid {
                format: Format::Json,
                line: 4,
                ..
            })
        ));
    }

    /// Where the simple reading gives fields, they are the full parser's, exactly.
    fn agree(src: &str) -> bool {
        let (_, inner, _) = locate(src, 0).unwrap().unwrap();
        match (simple::parse(src, inner.clone()), parse_yaml(src, inner)) {
            (None, _) => false,
            (Some(f), Ok((g, dups))) => {
                assert_eq!(f, g, "{src}");
                assert!(dups.is_empty(), "{src}");
                true
            }
            (Some(f), Err(e)) => panic!("simple {f:?}, full parser {e:?}: {src}"),
        }
    }

    #[test]
    fn the_simple_reading_agrees_with_the_full_parser() {
        let simple = [
            "---\ntitle: Cloud Engineer – Oslo\ndraft: false\nweight: 10\n---\n",
            "---\ntitle: \"Søg: nu\"\nintro: 'It''s us'\nempty: \"\"\n---\n",
            "---\ntags: [a, \"b c\", 'd', 12]\nnone: []\n---\n",
            "---\nmenu:\n  main:\n    name: Jobs\n    weight: 2\n  footer:\n    name: Karriere\nafter: x\n---\n",
            "---\nlist:\n- one\n- \"two\"\nnested:\n  - a\n  - b\nlast: z\n---\n",
            "---\n# a comment\n\nurl: https://example.com/a?b=c#d\ntitle: C# and F# developer\n---\n",
            "---\nkey-with_dash: 2026-02-05\n---\n",
            "---\n---\n",
            // Blanks after a quoted value are in its range, as the full parser has them.
            "---\na: \"x\"   \nb: 'y' \nc: [ \"x\" , b ,'c' ]\nd:\n  - \"x\"  \n  - y  \n---\n",
            // Mappings in a sequence, indented under their key or in its column.
            "---\nlist:\n  - key: value\n---\n",
            "---\nchapters:\n  - title: \"Welcome\"\n    time: 2\n    at: \"0:02\"\n  - title: Next\n    time: 5\nafter: x\n---\n",
            "---\nchapters:\n- title: a\n  time: 1\n-   title: b\n    time: 2\nafter: x\n---\n",
            "---\nitems:\n  - name: a\n    tags:\n    - x\n    - y\n    more: [1, 2]\n    deeper:\n      k: v\n  - plain\n  - name: b\n---\n",
        ];
        for src in simple {
            assert!(agree(src), "not read as simple: {src}");
        }
        // Left to the full parser.
        let hard = [
            "---\ntitle: a # comment\n---\n",
            "---\ntitle: \"a\\\"b\"\n---\n",
            "---\ntitle: a\n  continued\n---\n",
            "---\ntitle:\nnext: b\n---\n",
            "---\ntitle: a\ntitle: b\n---\n",
            "---\ntitle:\ta\n---\n",
            "---\nanchor: &a x\nref: *a\n---\n",
            "---\nblock: |\n  text\n---\n",
            "---\nflow: {a: b}\n---\n",
            "---\nlist:\n  - key: value\n    key: again\n---\n",
            "---\nlist:\n  - key: value\n     off: column\n---\n",
            "---\nlist:\n  - key: value\n   off: column\n---\n",
            "---\nlist:\n  - key:\n  - next\n---\n",
            "---\nlist:\n  - key: value\n    continued\n---\n",
            "---\ntitle: x\r\n---\n",
            "---\ntags: [a, [b]]\n---\n",
            "---\ntags: [\"a, b\", c]\n---\n",
            "---\n\"quoted key\": v\n---\n",
            "---\ntitle: a: b\n---\n",
        ];
        for src in hard {
            assert!(!agree(src), "read as simple: {src}");
        }
    }

    /// Front matter written from `choices`: nested mappings and sequences (of scalars and of
    /// mappings, indented under their key or in its column), values in every style, now and
    /// then a piece that is not simple (a comment, an empty value, a repeated key, a line out
    /// of its column).
    fn made_up_front_matter(choices: &[u8]) -> String {
        struct Gen<'c> {
            choices: std::slice::Iter<'c, u8>,
            out: String,
        }
        impl Gen<'_> {
            /// The next choice of `n`; the first once the choices are used up.
            fn pick(&mut self, n: u8) -> u8 {
                self.choices.next().copied().unwrap_or(0) % n
            }
            fn value(&mut self) -> &'static str {
                const SIMPLE: [&str; 10] = [
                    "x y",
                    "\"q: r\"",
                    "'s''t'",
                    "[1, \"u\"]",
                    "12",
                    "true",
                    "\"\"",
                    "2026-02-05",
                    "~",
                    "[]",
                ];
                const HARD: [&str; 4] = ["a #b", "c # d", "e: f", ""];
                if self.pick(12) == 0 {
                    HARD[self.pick(HARD.len() as u8) as usize]
                } else {
                    SIMPLE[self.pick(SIMPLE.len() as u8) as usize]
                }
            }
            fn mapping(&mut self, indent: usize, first_inline: bool, depth: usize) {
                const KEYS: [&str; 8] = ["title", "a", "b-c", "d_e", "f", "g", "h", "i"];
                for n in 0..1 + self.pick(4) {
                    if n > 0 || !first_inline {
                        // Now and then a line out of its column.
                        let off = if self.pick(32) == 0 { 1 } else { 0 };
                        self.out.push_str(&" ".repeat(indent + off));
                    }
                    let key = KEYS[self.pick(KEYS.len() as u8) as usize];
                    self.out.push_str(key);
                    self.out.push(':');
                    self.node(indent, depth);
                }
            }
            fn node(&mut self, indent: usize, depth: usize) {
                match if depth > 3 { 0 } else { self.pick(4) } {
                    0 | 1 => {
                        let v = self.value();
                        if !v.is_empty() {
                            self.out.push(' ');
                        }
                        self.out.push_str(v);
                        self.out.push('\n');
                    }
                    2 => {
                        self.out.push('\n');
                        self.mapping(indent + 2, false, depth + 1);
                    }
                    _ => {
                        self.out.push('\n');
                        let at = indent + 2 * self.pick(2) as usize;
                        for _ in 0..1 + self.pick(3) {
                            self.out.push_str(&" ".repeat(at));
                            self.out.push('-');
                            let gap = 1 + self.pick(3) as usize;
                            if self.pick(2) == 0 {
                                self.out.push_str(&" ".repeat(gap));
                                self.mapping(at + 1 + gap, true, depth + 1);
                            } else {
                                let v = self.value();
                                self.out.push_str(&" ".repeat(gap));
                                self.out.push_str(v);
                                self.out.push('\n');
                            }
                        }
                    }
                }
            }
        }
        let mut g = Gen {
            choices: choices.iter(),
            out: String::from("---\n"),
        };
        g.mapping(0, false, 0);
        g.out.push_str("---\n");
        g.out
    }

    proptest::proptest! {
        /// Where the simple reading gives fields for made-up front matter, the full parser
        /// gives the same fields and no repeated key.
        #[test]
        fn the_simple_reading_never_disagrees(
            choices in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..160),
        ) {
            agree(&made_up_front_matter(&choices));
        }
    }

    /// The made-up front matter of the test above is often simple, mappings in sequences too:
    /// the test compares something.
    #[test]
    fn made_up_front_matter_is_often_simple() {
        let (mut simple_n, mut in_sequences) = (0, 0);
        for seed in 0..2000u32 {
            // xorshift32 from the seed.
            let mut x = seed.wrapping_mul(2_654_435_761) | 1;
            let choices: Vec<u8> = (0..120)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    (x >> 8) as u8
                })
                .collect();
            let src = made_up_front_matter(&choices);
            let (_, inner, _) = locate(&src, 0).unwrap().unwrap();
            if let Some(fields) = simple::parse(&src, inner) {
                simple_n += 1;
                // A key right after an item's index: a mapping in a sequence.
                let item_key = |path: &str| {
                    let parts: Vec<&str> = path.split('.').collect();
                    parts
                        .windows(2)
                        .any(|w| w[0].parse::<usize>().is_ok() && w[1].parse::<usize>().is_err())
                };
                if fields.iter().any(|f| item_key(&f.path)) {
                    in_sequences += 1;
                }
            }
        }
        assert!(
            simple_n > 400 && in_sequences > 40,
            "{simple_n} simple, {in_sequences} with mappings in sequences"
        );
    }

    /// Every front matter of the real site and of the shipped postings: where the simple reading
    /// gives fields, they are the full parser's; it reads most of them.
    #[test]
    fn the_simple_reading_agrees_on_every_real_front_matter() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = root.join("../shared/corpus/safespring/site/content");
        if !corpus.is_dir() && std::env::var("TOLK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
            panic!("{} is absent", corpus.display());
        }
        let mut files = Vec::new();
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "md") {
                    out.push(p);
                }
            }
        }
        walk(&corpus, &mut files);
        walk(&root.join("postings"), &mut files);
        walk(&root.join("tests/fixtures"), &mut files);
        let (mut yaml, mut simple) = (0, 0);
        for f in &files {
            let Ok(src) = std::fs::read_to_string(f) else {
                continue;
            };
            let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
            let Ok(Some((Format::Yaml, inner, _))) = locate(&src, bom) else {
                continue;
            };
            yaml += 1;
            if let Some(fields) = simple::parse(&src, inner.clone()) {
                simple += 1;
                let (full, dups) = parse_yaml(&src, inner).unwrap_or_else(|e| {
                    panic!("{}: simple reading, full parser {e:?}", f.display())
                });
                assert_eq!(fields, full, "{}", f.display());
                assert!(dups.is_empty(), "{}", f.display());
            }
        }
        if corpus.is_dir() {
            // 1,069 of the site's 1,076 (the rest: escapes, a key with a blank, an empty value).
            assert!(
                simple * 20 > yaml * 19,
                "only {simple} of {yaml} read as simple"
            );
        }
    }

    #[test]
    fn lenient_yaml_like_hugo() {
        let src = "---\ntitle: \"Ny VD \n\"\ndate: 2026-02-05\n---\nBody\n";
        let (format, inner, _) = locate(src, 0).unwrap().unwrap();
        let fm = parse(src, format, inner).unwrap();
        assert!(fm.lenient.is_some());
        assert_eq!(fm.fields[0].value, "Ny VD ");
        assert_eq!(&src[fm.fields[0].range.clone()], "\"Ny VD \n\"");
        assert_eq!(fm.fields[1].value, "2026-02-05");
    }

    #[test]
    fn toml_values() {
        let src = "+++\ntitle = \"Jobb\"\n[params]\nintro = 'Hei'\n+++\n";
        let f = fields(src);
        assert_eq!(f[0].path, "title");
        assert_eq!(&src[f[0].range.clone()], "\"Jobb\"");
        assert_eq!(f[1].path, "params.intro");
        assert_eq!(f[1].line, 4);
    }

    #[test]
    fn errors_name_the_line() {
        let e = |s: &str| {
            let (format, inner, _) = locate(s, 0)?.unwrap();
            parse(s, format, inner).map(|_| ())
        };
        assert_eq!(
            e("---\ntitle: a\n"),
            Err(FrontMatterError::Unterminated {
                format: Format::Yaml,
                line: 1
            })
        );
        // A key given twice: the last value counts, as in Hugo, and both lines are kept.
        let dup = "---\ntitle: a\ntitle: b\n---\n";
        let (format, inner, _) = locate(dup, 0).unwrap().unwrap();
        let fm = parse(dup, format, inner).unwrap();
        assert_eq!(fm.fields.len(), 1);
        assert_eq!(fm.fields[0].value, "b");
        assert_eq!(
            fm.duplicates,
            [Duplicate {
                key: "title".into(),
                first_line: 2,
                line: 3
            }]
        );
        assert!(matches!(
            e("---\ntitle: a\n  bad: [\n---\n"),
            Err(FrontMatterError::Invalid { .. })
        ));
        assert!(matches!(
            e("+++\ntitle = \n+++\n"),
            Err(FrontMatterError::Invalid { line: 2, .. })
        ));
    }

    #[test]
    fn encode_keeps_style() {
        let r = 0..0;
        assert_eq!(encode("Hei", Style::YamlPlain, "", &r), "Hei");
        assert_eq!(encode("a: b", Style::YamlPlain, "", &r), "\"a: b\"");
        assert_eq!(
            encode("Say \"hi\"", Style::YamlDouble, "", &r),
            "\"Say \\\"hi\\\"\""
        );
        assert_eq!(encode("it's", Style::YamlSingle, "", &r), "'it''s'");
        assert_eq!(encode("x\"", Style::Toml, "", &r), "'x\"'");
    }
}
