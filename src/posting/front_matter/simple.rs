//! A reading of the simple YAML most front matter is written in: `key: value` lines, nested
//! mappings by indentation, block sequences of scalars (`- item`) or of mappings (`- title: a`
//! and its other keys below, in the column of the first), one-line flow sequences
//! (`tags: [a, "b"]`), with plain, single- and double-quoted scalars on one line each. It gives
//! exactly the fields the full parser gives (the tests compare the two on every front matter of
//! the real site), several times faster; anything it is not sure of (a comment after a value,
//! an escape, a scalar over several lines, an empty value, a repeated key, a tab, anchors,
//! tags, block scalars, flow mappings, CRLF line ends, ...) is left to the full parser:
//! [`parse`] returns `None`.

use std::ops::Range;

use super::{Field, Style, is_plain_non_text, line_of};

/// An open mapping or sequence: the column of its keys or dashes and the path of its values.
struct Frame<'s> {
    indent: usize,
    path: String,
    /// A sequence: the index of its next item; a mapping: `None`, and its keys so far.
    next_index: Option<usize>,
    keys: Vec<&'s str>,
}

/// The fields of the YAML front matter `src[inner]`, or `None` where it is not simple YAML.
pub(super) fn parse(src: &str, inner: Range<usize>) -> Option<Vec<Field>> {
    let text = &src[inner.clone()];
    if memchr::memchr2(b'\t', b'\r', text.as_bytes()).is_some() {
        return None;
    }
    // About a field a line (lines of a few dozen bytes): grown seldom.
    let mut fields = Vec::with_capacity(text.len() / 32 + 4);
    let mut stack = vec![Frame {
        indent: 0,
        path: String::new(),
        next_index: None,
        keys: Vec::with_capacity(16),
    }];
    // A `key:` with nothing after it: (its column, its path); its value is the block below.
    let mut pending: Option<(usize, String)> = None;
    let mut at = inner.start;
    // The 1-based line in the whole file of the line read.
    let mut line_no = line_of(src, inner.start) - 1;
    // Each line's end, found in one pass.
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    while at < inner.end {
        let start = at;
        let end = inner.start + ends.next().unwrap_or(text.len());
        at = end + 1;
        line_no += 1;
        let line = &src[start..end];
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if line.starts_with("---") || line.starts_with("...") {
            return None;
        }
        let indent = line.len() - content.len();
        let item = content == "-" || content.starts_with("- ");
        if let Some((key_indent, path)) = pending.take() {
            // The block value of the key above: a sequence (which may start in the key's
            // column) or a deeper mapping.
            if item && indent >= key_indent {
                stack.push(Frame {
                    indent,
                    path,
                    next_index: Some(0),
                    keys: Vec::new(),
                });
            } else if !item && indent > key_indent {
                stack.push(Frame {
                    indent,
                    path,
                    next_index: None,
                    keys: Vec::new(),
                });
            } else {
                // An empty value (null): left to the full parser.
                return None;
            }
        }
        while stack.last().is_some_and(|f| indent < f.indent) {
            stack.pop();
        }
        // A sequence in its key's column ends where the mapping's next key comes.
        if !item
            && stack
                .last()
                .is_some_and(|f| f.next_index.is_some() && f.indent == indent)
        {
            stack.pop();
        }
        let frame = stack.last_mut()?;
        if frame.indent != indent {
            return None;
        }
        let value_start = start + indent;
        match frame.next_index.as_mut() {
            Some(index) => {
                if !item {
                    return None;
                }
                let path = child(&frame.path, itoa::Buffer::new().format(*index));
                *index += 1;
                let rest = &content[1..];
                let skip = rest.len() - rest.trim_start_matches(' ').len();
                let value = &rest[skip..];
                // An empty item: left to the full parser.
                if value.is_empty() {
                    return None;
                }
                if key_of(value).is_none() {
                    let at = (value_start + 1 + skip, line_no);
                    scalar_or_flow(at, value, path, &mut fields)?;
                    continue;
                }
                // A mapping in a sequence (`- key: value`, its other keys below in the column
                // of the first).
                if stack.len() >= super::MAX_DEPTH {
                    return None;
                }
                stack.push(Frame {
                    indent: indent + 1 + skip,
                    path,
                    next_index: None,
                    keys: Vec::new(),
                });
                let at = (value_start + 1 + skip, line_no);
                pending = key_value(&mut stack, at, value, &mut fields)?;
            }
            None => {
                if item {
                    return None;
                }
                pending = key_value(&mut stack, (value_start, line_no), content, &mut fields)?;
            }
        }
    }
    if pending.is_some() {
        return None;
    }
    Some(fields)
}

/// The `key: value` line `content` (at byte `start` of the file, on line `line`) of the
/// mapping on top of `stack`: its value is read into `fields`, or, where nothing follows the
/// key, its column and path are returned (its value is the block below). `None`: not simple.
fn key_value<'s>(
    stack: &mut [Frame<'s>],
    (start, line): (usize, usize),
    content: &'s str,
    fields: &mut Vec<Field>,
) -> Option<Option<(usize, String)>> {
    let depth = stack.len();
    let frame = stack.last_mut()?;
    let key = key_of(content)?;
    if frame.keys.contains(&key) {
        return None;
    }
    frame.keys.push(key);
    let path = child(&frame.path, key);
    let rest = &content[key.len() + 1..];
    let skip = rest.len() - rest.trim_start_matches(' ').len();
    let value = &rest[skip..];
    if value.is_empty() {
        if depth >= super::MAX_DEPTH {
            return None;
        }
        return Some(Some((frame.indent, path)));
    }
    if value.starts_with('#') {
        return None;
    }
    let offset = start + key.len() + 1 + skip;
    scalar_or_flow((offset, line), value, path, fields)?;
    Some(None)
}

/// The path of `name` (a key or an index) in the collection at `parent` (`""`: the top).
fn child(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        return name.to_string();
    }
    let mut path = String::with_capacity(parent.len() + 1 + name.len());
    path.push_str(parent);
    path.push('.');
    path.push_str(name);
    path
}

/// The key of a `key: value` or `key:` line: letters, digits, `_` and `-` up to the first
/// `:`, not starting with `-`.
fn key_of(content: &str) -> Option<&str> {
    let bytes = content.as_bytes();
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let simple = end > 0 && bytes[0] != b'-' && bytes[end] == b':';
    (simple && matches!(bytes.get(end + 1), None | Some(b' '))).then_some(&content[..end])
}

/// A value on one line at byte `offset` of the file, on line `line`: a scalar, or a flow
/// sequence of scalars.
fn scalar_or_flow(
    (offset, line): (usize, usize),
    value: &str,
    path: String,
    fields: &mut Vec<Field>,
) -> Option<()> {
    if let Some(inner) = value.trim_end_matches(' ').strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        let mut at = offset + 1;
        if inner.trim_start_matches(' ').is_empty() {
            return Some(());
        }
        for (i, raw) in split_flow(inner)?.into_iter().enumerate() {
            let skip = raw.len() - raw.trim_start_matches(' ').len();
            let item = raw.trim_matches(' ');
            if item.is_empty() {
                return None;
            }
            let trailing = raw.len() - skip - item.len();
            let field = scalar(
                (at + skip, line),
                (item, trailing),
                child(&path, itoa::Buffer::new().format(i)),
                true,
            )?;
            fields.push(field);
            at += raw.len() + 1;
        }
        return Some(());
    }
    let raw = value.trim_end_matches(' ');
    let field = scalar((offset, line), (raw, value.len() - raw.len()), path, false)?;
    fields.push(field);
    Some(())
}

/// The items of a flow sequence's inside, split at its commas (none of which may be inside
/// quotes: such a sequence is left to the full parser).
fn split_flow(inner: &str) -> Option<Vec<&str>> {
    if inner.contains(['[', ']', '{', '}', '"', '\'']) && inner.contains(',') {
        // Quotes with commas inside them, or nested collections: not simple.
        let quoted_commas = inner
            .split(',')
            .any(|p| p.matches('"').count() % 2 == 1 || p.matches('\'').count() % 2 == 1);
        if quoted_commas || inner.contains(['[', ']', '{', '}']) {
            return None;
        }
    }
    Some(inner.split(',').collect())
}

/// One scalar written whole as `raw` (no trailing blanks; `trailing` blanks follow it) at byte
/// `offset` of the file, on line `line`. A quoted scalar's range takes in the blanks after it,
/// as the full parser's does.
fn scalar(
    (offset, line): (usize, usize),
    (raw, trailing): (&str, usize),
    path: String,
    in_flow: bool,
) -> Option<Field> {
    let (value, style) = if let Some(body) = raw.strip_prefix('"') {
        let body = body.strip_suffix('"')?;
        if memchr::memchr2(b'"', b'\\', body.as_bytes()).is_some() {
            return None;
        }
        (body.to_string(), Style::YamlDouble)
    } else if let Some(body) = raw.strip_prefix('\'') {
        let body = body.strip_suffix('\'')?;
        if body.replace("''", "").contains('\'') {
            return None;
        }
        (body.replace("''", "'"), Style::YamlSingle)
    } else {
        plain(raw, in_flow)?;
        (raw.to_string(), Style::YamlPlain)
    };
    let is_text = !(style == Style::YamlPlain && is_plain_non_text(&value));
    let end = offset
        + raw.len()
        + if style == Style::YamlPlain {
            0
        } else {
            trailing
        };
    Some(Field {
        path,
        range: offset..end,
        line,
        value,
        style,
        is_text,
    })
}

/// Checks that `raw` is a plain scalar that means itself: it starts with no indicator and holds
/// no `: `, ` #` or (in a flow sequence) flow indicator.
fn plain(raw: &str, in_flow: bool) -> Option<()> {
    let first = raw.bytes().next()?;
    let indicator = matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    );
    // `: `, a `:` at the end, or ` #`, found in one pass.
    let bytes = raw.as_bytes();
    let inside = memchr::memchr2_iter(b':', b'#', bytes).any(|i| match bytes[i] {
        b':' => matches!(bytes.get(i + 1), None | Some(b' ')),
        _ => i > 0 && bytes[i - 1] == b' ',
    }) || (in_flow && raw.contains(['[', ']', '{', '}', ',', ':', '#']));
    (!indicator && !inside).then_some(())
}
