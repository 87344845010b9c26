//! Where a key the front matter lacks is written: a nested one (`params.intro`) inside the
//! mapping or table that already holds its parent, never as a second `params:` (Hugo keeps
//! the last one, and the page would lose the first one's keys); a top-level one in TOML
//! before the first table header (after it, it would belong to that table).
//!
//! Lines are found by their indentation and keys, as written in block style; a parent written
//! another way (a flow mapping, an inline table) or a list on the way (`faq.0.question`) has
//! no place here (`None`), and the caller reads the page again in any case.

use super::{Format, FrontMatter, below, is_index, yaml_plain_safe};

/// The insertion (byte offset in the whole text, and the lines to insert there, with `\n`
/// line breaks) that adds `path` with `value` (already written in the front matter's quoting)
/// to the front matter: `None` where tolk cannot tell, or where the key belongs at the end of
/// the front matter (YAML and JSON top-level keys, TOML without tables: the caller's place).
pub fn place(text: &str, fm: &FrontMatter, path: &str, value: &str) -> Option<(usize, String)> {
    let keys: Vec<&str> = path.split('.').collect();
    if keys.iter().any(|k| is_index(k)) {
        return None;
    }
    let lines = || lines(text, fm.inner.start, fm.inner.end);
    match fm.format {
        Format::Yaml if keys.len() > 1 => yaml(&lines(), fm.inner.start, &keys, value),
        Format::Toml => {
            let lines = lines();
            let tables = lines.iter().any(|l| l.content.starts_with('['));
            tables.then(|| toml(&lines, fm.inner.start, &keys, value))?
        }
        Format::Json if keys.len() > 1 => json(fm, &keys, value),
        _ => None,
    }
}

/// After a value of the deepest parent object the JSON front matter has, as a sibling of it:
/// `, "intro": …` (the objects below that parent written inline).
fn json(fm: &FrontMatter, keys: &[&str], value: &str) -> Option<(usize, String)> {
    (1..keys.len()).rev().find_map(|depth| {
        let parent = keys[..depth].join(".");
        let sibling = fm.fields.iter().find(|f| {
            below(&f.path, &parent).is_some_and(|leaf| !leaf.contains('.') && !is_index(leaf))
        })?;
        let (first, v) = match json_nested(&keys[depth..].join("."), value) {
            Some((first, v)) => (first.to_string(), v),
            None => (keys[depth].to_string(), value.to_string()),
        };
        let first = serde_json::Value::from(first);
        Some((sibling.range.end, format!(", {first}: {v}")))
    })
}

/// A JSON value for `path` below its first key, for a front matter that has nothing under
/// that key: `("params", {"intro": "…"})`; `None` for a top-level key.
pub fn json_nested<'p>(path: &'p str, value: &str) -> Option<(&'p str, String)> {
    let (first, rest) = path.split_once('.')?;
    let mut out = value.to_string();
    for key in rest.rsplit('.') {
        out = format!("{{{}: {out}}}", serde_json::Value::from(key));
    }
    Some((first, out))
}

struct Line<'t> {
    start: usize,
    /// Where the next line starts (after this one's line break).
    end: usize,
    indent: usize,
    /// Whether the line ends with a line break (the last one may not).
    has_break: bool,
    /// The line after its indentation, without its line break.
    content: &'t str,
}

impl Line<'_> {
    fn blank_or_comment(&self) -> bool {
        self.content.is_empty() || self.content.starts_with('#')
    }
}

fn lines(text: &str, from: usize, to: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = from;
    while start < to {
        let end = text[start..to].find('\n').map_or(to, |n| start + n + 1);
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let content = line.trim_start_matches(' ');
        out.push(Line {
            start,
            end,
            indent: line.len() - content.len(),
            has_break: text[..end].ends_with('\n'),
            content: content.trim_end(),
        });
        start = end;
    }
    out
}

/// The key a YAML block mapping line gives, and what follows its colon.
fn yaml_key(content: &str) -> Option<(&str, &str)> {
    let (key, rest) = match content.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let close = content[1..].find(*q as char)? + 1;
            (&content[1..close], content[close + 1..].strip_prefix(':')?)
        }
        _ => {
            let colon = content
                .find(": ")
                .or(content.ends_with(':').then(|| content.len() - 1))?;
            (&content[..colon], &content[colon + 1..])
        }
    };
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some((key.trim_end(), rest))
}

fn yaml(lines: &[Line], inner: usize, keys: &[&str], value: &str) -> Option<(usize, String)> {
    let (mut lo, mut hi) = (0, lines.len());
    let mut indent = lines.iter().find(|l| !l.blank_or_comment())?.indent;
    let mut unit = 2;
    for (depth, key) in keys[..keys.len() - 1].iter().enumerate() {
        // Hugo keeps the last of a key given twice.
        let found = (lo..hi).rev().find(|&n| {
            let l = &lines[n];
            !l.blank_or_comment()
                && l.indent == indent
                && yaml_key(l.content).is_some_and(|(k, _)| k.eq_ignore_ascii_case(key))
        });
        let Some(n) = found else {
            return Some(yaml_lines(
                lines,
                inner,
                lo..hi,
                indent,
                unit,
                &keys[depth..],
                value,
            ));
        };
        // A mapping in block style under the key: nothing after its colon but a comment.
        let (_, rest) = yaml_key(lines[n].content)?;
        if !(rest.trim().is_empty() || rest.trim_start().starts_with('#')) {
            return None;
        }
        let end = (n + 1..hi)
            .find(|&m| !lines[m].blank_or_comment() && lines[m].indent <= indent)
            .unwrap_or(hi);
        let first = (n + 1..end).find(|&m| !lines[m].blank_or_comment())?;
        if lines[first].content == "-" || lines[first].content.starts_with("- ") {
            return None;
        }
        unit = lines[first].indent - indent;
        indent = lines[first].indent;
        (lo, hi) = (n + 1, end);
    }
    Some(yaml_lines(
        lines,
        inner,
        lo..hi,
        indent,
        unit,
        &keys[keys.len() - 1..],
        value,
    ))
}

/// `keys` as nested block mapping lines at `indent`, after the last line of the block `block`.
fn yaml_lines(
    lines: &[Line],
    inner: usize,
    block: std::ops::Range<usize>,
    indent: usize,
    unit: usize,
    keys: &[&str],
    value: &str,
) -> (usize, String) {
    let at = block
        .clone()
        .rev()
        .find(|&n| !lines[n].blank_or_comment())
        .map_or(lines.get(block.start).map_or(inner, |l| l.start), |n| {
            lines[n].end
        });
    let mut out = String::new();
    if lines.iter().any(|l| l.end == at && !l.has_break) {
        out.push('\n');
    }
    for (depth, key) in keys.iter().enumerate() {
        let key = match yaml_plain_safe(key) {
            true => key.to_string(),
            false => serde_json::Value::from(*key).to_string(),
        };
        out.push_str(&" ".repeat(indent + unit * depth));
        out.push_str(&key);
        out.push(':');
        if depth + 1 == keys.len() {
            out.push(' ');
            out.push_str(value);
        }
        out.push('\n');
    }
    (at, out)
}

/// A TOML table header's keys (`[params]`, `[ menu . "main" ]`); `None` for other lines and
/// arrays of tables.
fn toml_header(content: &str) -> Option<Vec<String>> {
    if content.starts_with("[[") {
        return None;
    }
    let inner = content.strip_prefix('[')?;
    let inner = &inner[..inner.find(']')?];
    Some(
        inner
            .split('.')
            .map(|k| k.trim().trim_matches(['"', '\'']).to_ascii_lowercase())
            .collect(),
    )
}

fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    match bare {
        true => key.to_string(),
        false => toml_edit::Value::from(key).to_string(),
    }
}

fn toml(lines: &[Line], inner: usize, keys: &[&str], value: &str) -> Option<(usize, String)> {
    let lower: Vec<String> = keys.iter().map(|k| k.to_ascii_lowercase()).collect();
    // The deepest table header that is a parent of the key, else the keys before any header.
    let (section, depth) = (1..keys.len())
        .rev()
        .find_map(|depth| {
            let n = lines
                .iter()
                .position(|l| toml_header(l.content).is_some_and(|h| h == lower[..depth]))?;
            Some((n + 1, depth))
        })
        .unwrap_or((0, 0));
    let next = (section..lines.len())
        .find(|&n| lines[n].content.starts_with('['))
        .unwrap_or(lines.len());
    let at = (section..next)
        .rev()
        .find(|&n| !lines[n].blank_or_comment())
        .map_or(
            match section {
                0 => inner,
                n => lines[n - 1].end,
            },
            |n| lines[n].end,
        );
    let key: Vec<String> = keys[depth..].iter().map(|k| toml_key(k)).collect();
    let mut out = String::new();
    if lines.iter().any(|l| l.end == at && !l.has_break) {
        out.push('\n');
    }
    out.push_str(&format!("{} = {value}\n", key.join(".")));
    Some((at, out))
}
