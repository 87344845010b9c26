//! JSON front matter, as Hugo reads it: a page that starts (after blank lines) with `{` has
//! front matter up to the brace that closes it, counted as Hugo's page lexer counts (braces
//! outside double quotes, a backslash skipping the next character), then one line break.
//! Its values are found with their byte ranges, so that a translation is written in place.

use std::ops::Range;

use super::{Duplicate, Field, Format, FrontMatterError, Style, line_of};

/// The end (just past the closing brace) of JSON front matter that opens with the `{` at
/// `start`; `None` when the text ends first.
pub fn end(src: &str, start: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let (mut level, mut quoted, mut i) = (0usize, false, start);
    while i < bytes.len() {
        match bytes[i] {
            b'{' if !quoted => level += 1,
            b'}' if !quoted => {
                level -= 1;
                if level == 0 {
                    return Some(i + 1);
                }
            }
            b'"' => quoted = !quoted,
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The scalar values of the JSON object at `inner` (braces included), by dotted path
/// (`title`, `menu.main.name`, `tags.0`). Of a key given twice in one object, the last value
/// counts (as Go's JSON decoder, which Hugo uses, keeps it); the earlier ones are skeleton and
/// reported.
pub fn parse(
    src: &str,
    inner: Range<usize>,
) -> Result<(Vec<Field>, Vec<Duplicate>), FrontMatterError> {
    let text = &src[inner.clone()];
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        // The line is given in the whole file; the parser's own position (in the object) goes.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        FrontMatterError::Invalid {
            format: Format::Json,
            line: line_of(src, inner.start) + e.line().saturating_sub(1),
            message,
        }
    })?;
    if !value.is_object() {
        return Err(FrontMatterError::NotAMapping {
            format: Format::Json,
            line: line_of(src, inner.start),
        });
    }
    // The text is valid JSON: the walk below needs no error paths of its own.
    let mut walk = Walk {
        src,
        pos: inner.start,
        fields: Vec::new(),
        duplicates: Vec::new(),
    };
    walk.value("");
    Ok((walk.fields, walk.duplicates))
}

struct Walk<'a> {
    src: &'a str,
    pos: usize,
    fields: Vec<Field>,
    duplicates: Vec<Duplicate>,
}

impl Walk<'_> {
    fn byte(&self) -> u8 {
        self.src.as_bytes().get(self.pos).copied().unwrap_or(b'}')
    }

    fn space(&mut self) {
        while matches!(self.byte(), b' ' | b'\t' | b'\r' | b'\n') {
            self.pos += 1;
        }
    }

    /// The string starting at the current position (its quotes included).
    fn string(&mut self) -> Range<usize> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        self.pos = (i + 1).min(bytes.len());
        start..self.pos
    }

    fn decoded(&self, range: &Range<usize>) -> String {
        serde_json::from_str(&self.src[range.clone()]).unwrap_or_default()
    }

    fn value(&mut self, path: &str) {
        self.space();
        let join = |key: &str| {
            if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            }
        };
        match self.byte() {
            b'{' => {
                self.pos += 1;
                let mut seen: Vec<(String, usize)> = Vec::new();
                loop {
                    self.space();
                    if self.byte() != b'"' {
                        self.pos += 1;
                        return;
                    }
                    let key_range = self.string();
                    let key = self.decoded(&key_range);
                    let line = line_of(self.src, key_range.start);
                    let full = join(&key);
                    if let Some((_, first_line)) = seen.iter().find(|(k, _)| *k == key) {
                        self.duplicates.push(Duplicate {
                            key: full.clone(),
                            first_line: *first_line,
                            line,
                        });
                        let inside = format!("{full}.");
                        self.fields
                            .retain(|f| f.path != full && !f.path.starts_with(&inside));
                    }
                    seen.push((key, line));
                    self.space();
                    self.pos += 1; // ':'
                    self.value(&full);
                    self.space();
                    if self.byte() == b',' {
                        self.pos += 1;
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut i = 0;
                loop {
                    self.space();
                    if self.byte() == b']' {
                        self.pos += 1;
                        return;
                    }
                    self.value(&join(&i.to_string()));
                    i += 1;
                    self.space();
                    if self.byte() == b',' {
                        self.pos += 1;
                    }
                }
            }
            b'"' => {
                let range = self.string();
                self.fields.push(Field {
                    path: path.to_string(),
                    line: line_of(self.src, range.start),
                    value: self.decoded(&range),
                    range,
                    style: Style::Json,
                    is_text: true,
                });
            }
            _ => {
                let start = self.pos;
                while !matches!(
                    self.byte(),
                    b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'
                ) {
                    self.pos += 1;
                }
                self.fields.push(Field {
                    path: path.to_string(),
                    line: line_of(self.src, start),
                    value: self.src[start..self.pos].to_string(),
                    range: start..self.pos,
                    style: Style::Json,
                    is_text: false,
                });
            }
        }
    }
}
