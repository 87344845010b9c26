//! Hugo shortcode calls found in the raw source, before Markdown parsing.
//!
//! pulldown-cmark knows nothing of `{{< x >}}`: it would see text, `<` and inline HTML. So the
//! calls are located first, by byte range, and the Markdown parser is later fed a masked copy
//! of the body in which each call is blanked (see [`crate::segment`]).
//!
//! Forms understood: `{{< x >}}`, `{{% x %}}`, closing `{{< /x >}}`, `{{% /x %}}`, `{{</ x >}}`,
//! self-closing `{{< x />}}`, calls spanning several lines, quoted (`"..."`, `` `...` ``) and bare
//! parameters, positional or named, and the escaped form `{{</* x */>}}`, which is literal text.

use std::ops::Range;

/// What a call does to the pairing of shortcodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// `{{< x >}}`: opens a pair, or stands alone if no closing call follows.
    Open,
    /// `{{< /x >}}`.
    Close,
    /// `{{< x />}}`.
    SelfClosing,
    /// `{{</* x */>}}`: literal text, not a call.
    Escaped,
}

/// The delimiter of a call: `<` (inner content passed as is) or `%` (inner content rendered as
/// Markdown by Hugo).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delim {
    Angle,
    Percent,
}

/// How a parameter value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    /// `"..."` with backslash escapes.
    Double,
    /// `` `...` ``, a raw string.
    Backtick,
    /// A bare word.
    Bare,
}

/// One parameter of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// `Some("title")` for `title="..."`, `None` for a positional parameter.
    pub name: Option<String>,
    /// 0-based position among all parameters.
    pub position: usize,
    /// Byte range of the whole value as written, quotes included.
    pub range: Range<usize>,
    pub quote: Quote,
    /// The value with quotes removed and escapes decoded.
    pub value: String,
}

impl Param {
    /// A boolean or a number (`text=true`, `width=300`, `"2.5"`): a switch or a measure Hugo
    /// hands to the template, never text to translate.
    pub fn is_literal(&self) -> bool {
        let v = self.value.trim();
        matches!(v, "true" | "false") || (!v.is_empty() && v.parse::<f64>().is_ok())
    }
}

/// One shortcode call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub kind: CallKind,
    pub delim: Delim,
    pub name: String,
    /// Byte range of the whole call, `{{` to `}}`.
    pub range: Range<usize>,
    pub params: Vec<Param>,
    /// For an `Open` call: the index of its closing call, if it has one.
    pub closed_by: Option<usize>,
    /// True when the call (with any neighbouring calls) fills its lines: a block-level call.
    pub block: bool,
}

/// Why the shortcodes of a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShortcodeError {
    /// A call that opens with `{{<` or `{{%` and never closes.
    Unterminated { offset: usize },
    /// A call without a name, or with a name Hugo would reject.
    Malformed { offset: usize },
    /// A character Hugo does not read outside quotes in a call (`{{< x a:b >}}`, or a call
    /// whose end is not its own delimiter: `{{% x "a" >}}`); `offset` is where it is.
    Unquoted { offset: usize, found: char },
    /// Named and positional parameters in one call (`offset`: the first of the other kind).
    MixedParams { offset: usize },
    /// `{{< /x >}}` with no open `x` before it.
    UnexpectedClose { offset: usize, name: String },
    /// A call of a shortcode that is always paired, with no closing call.
    Unclosed { offset: usize, name: String },
    /// `{{< /b >}}` closing the open `{{< a >}}` of another name (Hugo does not check the
    /// closing name: it ends the innermost open shortcode). A warning, never an error.
    MismatchedClose {
        offset: usize,
        name: String,
        open_offset: usize,
        open_name: String,
    },
}

impl ShortcodeError {
    pub fn offset(&self) -> usize {
        match self {
            ShortcodeError::Unterminated { offset }
            | ShortcodeError::Malformed { offset }
            | ShortcodeError::Unquoted { offset, .. }
            | ShortcodeError::MixedParams { offset }
            | ShortcodeError::UnexpectedClose { offset, .. }
            | ShortcodeError::Unclosed { offset, .. }
            | ShortcodeError::MismatchedClose { offset, .. } => *offset,
        }
    }
}

/// Finds every shortcode call in `src[range]`, pairs them, and marks which are block-level.
///
/// `always_paired` names shortcodes that must have a closing call (e.g. `ingress`): one left
/// open is an error. Other calls without a closing call stand alone, as Hugo allows.
pub fn scan(
    src: &str,
    range: Range<usize>,
    always_paired: &dyn Fn(&str) -> bool,
) -> Result<Vec<Call>, ShortcodeError> {
    scan_with(src, range, always_paired, true).map(|(calls, _)| calls)
}

/// As [`scan`]; when not `strict`, a closing call without an opening one and an always-paired
/// call left open are returned as warnings (the call then stands alone) instead of errors.
pub fn scan_with(
    src: &str,
    range: Range<usize>,
    always_paired: &dyn Fn(&str) -> bool,
    strict: bool,
) -> Result<(Vec<Call>, Vec<ShortcodeError>), ShortcodeError> {
    let bytes = src.as_bytes();
    let mut calls = Vec::new();
    let mut i = range.start;
    while let Some(found) = find_open(&bytes[i..range.end]) {
        let start = i + found;
        let call = parse_call(src, start, range.end)?;
        i = call.range.end;
        calls.push(call);
    }
    let mut warnings = Vec::new();
    pair(&mut calls, always_paired, strict, &mut warnings)?;
    mark_block_level(src, &mut calls);
    Ok((calls, warnings))
}

fn find_open(hay: &[u8]) -> Option<usize> {
    let mut from = 0;
    while from + 3 <= hay.len() {
        let pos = memchr(b'{', &hay[from..])? + from;
        if hay.get(pos + 1) == Some(&b'{') && matches!(hay.get(pos + 2), Some(b'<') | Some(b'%')) {
            return Some(pos);
        }
        from = pos + 1;
    }
    None
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

fn parse_call(src: &str, start: usize, end: usize) -> Result<Call, ShortcodeError> {
    let bytes = src.as_bytes();
    let delim = if bytes[start + 2] == b'<' {
        Delim::Angle
    } else {
        Delim::Percent
    };
    let close_mark: &[u8] = match delim {
        Delim::Angle => b">}}",
        Delim::Percent => b"%}}",
    };
    let mut i = start + 3;
    skip_ws(bytes, &mut i, end);
    // Escaped call: {{</* ... */>}}
    if bytes[i..end].starts_with(b"/*") {
        let mut pat = b"*/".to_vec();
        pat.extend_from_slice(close_mark);
        let rel =
            find(&bytes[i..end], &pat).ok_or(ShortcodeError::Unterminated { offset: start })?;
        let stop = i + rel + pat.len();
        return Ok(Call {
            kind: CallKind::Escaped,
            delim,
            name: String::new(),
            range: start..stop,
            params: Vec::new(),
            closed_by: None,
            block: false,
        });
    }
    let mut kind = CallKind::Open;
    if bytes.get(i) == Some(&b'/') {
        kind = CallKind::Close;
        i += 1;
        skip_ws(bytes, &mut i, end);
    }
    let name_start = i;
    // The name ends at white space, at the closing mark, or at a quote: Hugo reads
    // `{{< relref"manual" >}}` as `relref` with the parameter "manual".
    while i < end
        && !bytes[i].is_ascii_whitespace()
        && !matches!(bytes[i], b'"' | b'`')
        && !at_close(bytes, i, end, close_mark)
    {
        if bytes[i] == b'/' && at_close(bytes, i + 1, end, close_mark) {
            break;
        }
        i += 1;
    }
    let name = &src[name_start..i];
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
    if !valid_name {
        return Err(if i >= end {
            ShortcodeError::Unterminated { offset: start }
        } else {
            ShortcodeError::Malformed { offset: start }
        });
    }
    let mut params = Vec::new();
    loop {
        skip_ws(bytes, &mut i, end);
        if i >= end {
            return Err(ShortcodeError::Unterminated { offset: start });
        }
        if at_close(bytes, i, end, close_mark) {
            i += 3;
            break;
        }
        if bytes[i] == b'/' && at_close(bytes, i + 1, end, close_mark) {
            if kind == CallKind::Open {
                kind = CallKind::SelfClosing;
            }
            i += 4;
            break;
        }
        // One parameter: name=value or value, read as Hugo's lexer reads it.
        let at = i;
        let mut pname = None;
        let mut bare_word = None;
        if bytes[i] != b'"' && bytes[i] != b'`' {
            let j = word_end(src, i, end);
            let mut k = j;
            skip_ws(bytes, &mut k, end);
            if j > i && bytes.get(k) == Some(&b'=') {
                pname = Some(src[i..j].to_string());
                // Hugo accepts `title= "x"` and `title = "x"`.
                i = k + 1;
                skip_ws(bytes, &mut i, end);
            } else {
                // A positional word of letters, digits, `-`, `_` and `.`, followed by white
                // space, a quote or the end of the call: any other character outside quotes
                // stops Hugo's build ("unrecognized character in shortcode action").
                let next = bytes.get(j).copied();
                let follows = matches!(next, Some(b'"' | b'`'))
                    || next.is_some_and(|b| b.is_ascii_whitespace())
                    || at_close(bytes, j, end, close_mark)
                    || (next == Some(b'/') && at_close(bytes, j + 1, end, close_mark));
                if j == i || !follows {
                    return Err(ShortcodeError::Unquoted {
                        offset: j,
                        found: src[j..].chars().next().unwrap_or(' '),
                    });
                }
                bare_word = Some(j);
            }
        }
        let (range, quote, value) = match bare_word {
            Some(j) => {
                let word = (i..j, Quote::Bare, src[i..j].to_string());
                i = j;
                word
            }
            None => parse_value(src, &mut i, end, close_mark)
                .ok_or(ShortcodeError::Unterminated { offset: start })?,
        };
        // Hugo refuses a call that mixes named and positional parameters.
        if params
            .first()
            .is_some_and(|p: &Param| p.name.is_some() != pname.is_some())
        {
            return Err(ShortcodeError::MixedParams { offset: at });
        }
        let position = params.len();
        params.push(Param {
            name: pname,
            position,
            range,
            quote,
            value,
        });
    }
    Ok(Call {
        kind,
        delim,
        name: name.to_string(),
        range: start..i,
        params,
        closed_by: None,
        block: false,
    })
}

fn parse_value(
    src: &str,
    i: &mut usize,
    end: usize,
    close_mark: &[u8],
) -> Option<(Range<usize>, Quote, String)> {
    let bytes = src.as_bytes();
    let start = *i;
    match bytes.get(*i)? {
        b'"' => {
            let mut j = *i + 1;
            let mut value = String::new();
            let mut seg_start = j;
            while j < end {
                match bytes[j] {
                    b'\\' if j + 1 < end => {
                        value.push_str(&src[seg_start..j]);
                        let next = bytes[j + 1];
                        match next {
                            b'n' => value.push('\n'),
                            b't' => value.push('\t'),
                            b'"' | b'\\' => value.push(next as char),
                            _ => value.push_str(&src[j..j + 2]),
                        }
                        j += 2;
                        seg_start = j;
                        continue;
                    }
                    b'"' => {
                        value.push_str(&src[seg_start..j]);
                        *i = j + 1;
                        return Some((start..*i, Quote::Double, value));
                    }
                    _ => j += 1,
                }
            }
            None
        }
        b'`' => {
            let rel = memchr(b'`', &bytes[*i + 1..end])?;
            let stop = *i + 1 + rel;
            *i = stop + 1;
            Some((start..*i, Quote::Backtick, src[start + 1..stop].to_string()))
        }
        _ => {
            // A named parameter's bare value runs to white space, as Hugo reads it: one that
            // runs into the end of the call (`x=y>}}`) takes it in, and the call never ends.
            let mut j = *i;
            while j < end && !bytes[j].is_ascii_whitespace() {
                if at_close(bytes, j, end, close_mark) {
                    return None;
                }
                j += 1;
            }
            if j == *i {
                return None;
            }
            *i = j;
            Some((start..j, Quote::Bare, src[start..j].to_string()))
        }
    }
}

/// The end of the word at `i`: letters, digits (any script), `-`, `_` and `.`, as Hugo's lexer
/// reads a parameter's name or a positional parameter.
fn word_end(src: &str, i: usize, end: usize) -> usize {
    src[i..end]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .map_or(end, |(n, _)| i + n)
}

fn at_close(bytes: &[u8], i: usize, end: usize, close_mark: &[u8]) -> bool {
    i + close_mark.len() <= end && &bytes[i..i + close_mark.len()] == close_mark
}

fn skip_ws(bytes: &[u8], i: &mut usize, end: usize) {
    while *i < end && bytes[*i].is_ascii_whitespace() {
        *i += 1;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Pairs open and close calls with a stack. A close pops back to its open (of the same name,
/// else the innermost open one, with a warning, as Hugo does); opens passed over on the way
/// stand alone. A close with nothing open is an error, and so is an always-paired shortcode
/// left open.
fn pair(
    calls: &mut [Call],
    always_paired: &dyn Fn(&str) -> bool,
    strict: bool,
    warnings: &mut Vec<ShortcodeError>,
) -> Result<(), ShortcodeError> {
    let mut errors: Vec<ShortcodeError> = Vec::new();
    let mut problem = |e: ShortcodeError| {
        if strict {
            Err(e)
        } else {
            errors.push(e);
            Ok(())
        }
    };
    let mut stack: Vec<usize> = Vec::new();
    for idx in 0..calls.len() {
        match calls[idx].kind {
            CallKind::Open => stack.push(idx),
            CallKind::Close => {
                let name = calls[idx].name.clone();
                let same_name = stack.iter().rposition(|&o| calls[o].name == name);
                // As Hugo: a closing call of another name ends the innermost open one.
                let depth = match (same_name, stack.last()) {
                    (Some(d), _) => Some(d),
                    (None, Some(&open)) => {
                        warnings.push(ShortcodeError::MismatchedClose {
                            offset: calls[idx].range.start,
                            name: name.clone(),
                            open_offset: calls[open].range.start,
                            open_name: calls[open].name.clone(),
                        });
                        Some(stack.len() - 1)
                    }
                    (None, None) => None,
                };
                let Some(depth) = depth else {
                    problem(ShortcodeError::UnexpectedClose {
                        offset: calls[idx].range.start,
                        name,
                    })?;
                    // Not strict: the stray closing call stands alone.
                    calls[idx].kind = CallKind::SelfClosing;
                    continue;
                };
                for &passed in &stack[depth + 1..] {
                    if always_paired(&calls[passed].name) {
                        problem(ShortcodeError::Unclosed {
                            offset: calls[passed].range.start,
                            name: calls[passed].name.clone(),
                        })?;
                    }
                }
                let open = stack[depth];
                stack.truncate(depth);
                calls[open].closed_by = Some(idx);
            }
            CallKind::SelfClosing | CallKind::Escaped => {}
        }
    }
    if let Some(&open) = stack.iter().find(|&&o| always_paired(&calls[o].name)) {
        problem(ShortcodeError::Unclosed {
            offset: calls[open].range.start,
            name: calls[open].name.clone(),
        })?;
    }
    warnings.extend(errors);
    warnings.sort_by_key(ShortcodeError::offset);
    Ok(())
}

/// A call is block-level when every non-blank byte of the lines it spans belongs to some call.
fn mark_block_level(src: &str, calls: &mut [Call]) {
    let bytes = src.as_bytes();
    let mut idx = 0;
    while idx < calls.len() {
        // A group: calls that share lines with each other.
        let line_start =
            memchr::memrchr(b'\n', &bytes[..calls[idx].range.start]).map_or(0, |p| p + 1);
        let mut group_end = idx;
        let mut line_end = line_end_of(bytes, calls[idx].range.end);
        while group_end + 1 < calls.len() && calls[group_end + 1].range.start < line_end {
            group_end += 1;
            line_end = line_end_of(bytes, calls[group_end].range.end);
        }
        let mut pos = line_start;
        let mut ok = true;
        for call in &calls[idx..=group_end] {
            if !is_blank(&bytes[pos..call.range.start]) || call.kind == CallKind::Escaped {
                ok = false;
            }
            pos = call.range.end;
        }
        if !is_blank(&bytes[pos..line_end]) {
            ok = false;
        }
        for call in &mut calls[idx..=group_end] {
            call.block = ok;
        }
        idx = group_end + 1;
    }
}

fn line_end_of(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p)
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(src: &str) -> Vec<Call> {
        scan(src, 0..src.len(), &|n| n == "ingress").unwrap()
    }

    #[test]
    fn a_quote_right_after_the_name_is_a_parameter() {
        let calls = scan_all("See {{< relref\"manual\" >}} and {{< ref`a b` >}}.");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "relref");
        assert_eq!(calls[0].params[0].value, "manual");
        assert_eq!(calls[1].name, "ref");
        assert_eq!(calls[1].params[0].value, "a b");
    }

    #[test]
    fn pairs_and_params() {
        let src = "{{< ingress >}}\nHello\n{{< /ingress >}}\nSee {{% localbutton text=\"Apply \\\"now\\\"\" link=\"/x\" %}} and {{< icon `a b` >}}.\n";
        let calls = scan_all(src);
        assert_eq!(calls.len(), 4);
        assert_eq!(calls[0].closed_by, Some(1));
        assert!(calls[0].block && calls[1].block);
        assert!(!calls[2].block);
        assert_eq!(calls[2].params[0].name.as_deref(), Some("text"));
        assert_eq!(calls[2].params[0].value, "Apply \"now\"");
        assert_eq!(&src[calls[2].params[1].range.clone()], "\"/x\"");
        assert_eq!(calls[3].params[0].quote, Quote::Backtick);
        assert_eq!(calls[3].params[0].value, "a b");
    }

    #[test]
    fn closing_forms_and_escapes() {
        let src = "{{< note >}}\nx\n{{</ note >}}\n{{</* ingress */>}}\n{{< br />}}\n";
        let calls = scan_all(src);
        assert_eq!(calls[0].closed_by, Some(1));
        assert_eq!(calls[2].kind, CallKind::Escaped);
        assert_eq!(calls[3].kind, CallKind::SelfClosing);
    }

    #[test]
    fn multi_line_call_is_one_call() {
        let src = "{{< card\n  title=\"A\"\n  link=\"/b\"\n>}}\n";
        let calls = scan_all(src);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].params.len(), 2);
        assert!(calls[0].block);
    }

    /// Each call as Hugo 0.111 reads it (checked with `hugo` on a page holding the call, with
    /// a template that prints its parameters): the parameters it gets, or an error.
    #[test]
    fn parameters_as_hugo_reads_them() {
        let read = |s: &str| {
            scan(s, 0..s.len(), &|_| false).map(|calls| {
                calls[0]
                    .params
                    .iter()
                    .map(|p| p.value.clone())
                    .collect::<Vec<_>>()
            })
        };
        for (call, params) in [
            (r#"{{< sc a "b" >}}"#, vec!["a", "b"]),
            ("{{< sc a.b-c_d >}}", vec!["a.b-c_d"]),
            ("{{< sc åäö >}}", vec!["åäö"]),
            ("{{< sc a=#fff >}}", vec!["#fff"]),
            ("{{< sc 12.5 -1 >}}", vec!["12.5", "-1"]),
            ("{{< sc x=a/b >}}", vec!["a/b"]),
            (r#"{{< sc x="a" y=b"c" >}}"#, vec!["a", "b\"c\""]),
            ("{{< sc a>}}", vec!["a"]),
            (r#"{{< sc "a"b >}}"#, vec!["a", "b"]),
            (r#"{{< sc x= "a" >}}"#, vec!["a"]),
            (r#"{{< sc x = "a" >}}"#, vec!["a"]),
            ("{{< sc\n  x=\"a\"\n  y=\"b\"\n>}}", vec!["a", "b"]),
            ("{{< sc x=`a b` >}}", vec!["a b"]),
        ] {
            let params: Vec<String> = params.into_iter().map(String::from).collect();
            assert_eq!(read(call), Ok(params), "{call}");
        }
        for (call, found) in [
            ("{{< sc #x >}}", '#'),
            ("{{< sc foo:bar >}}", ':'),
            ("{{< sc a, b >}}", ','),
            ("{{< sc (a) >}}", '('),
            ("{{< sc a/b >}}", '/'),
            // A call that begins with `{{%` and ends with `>}}`: Hugo reads on to `>`.
            ("{{% sc title=\"a\"\n>}}\n{{< b >}}\n{{% sc \"c\" %}}", '>'),
        ] {
            assert!(
                matches!(read(call), Err(ShortcodeError::Unquoted { found: f, .. }) if f == found),
                "{call}: {:?}",
                read(call)
            );
        }
        let at = |s: &str| read(s).unwrap_err().offset();
        assert_eq!(
            at("ab {{% sc title=\"a\"\n>}}"),
            20,
            "where the character is"
        );
        assert!(matches!(
            read(r#"{{< sc x=1 "b" >}}"#),
            Err(ShortcodeError::MixedParams { offset: 11 })
        ));
        assert!(matches!(
            read(r#"{{< sc "b" x=1 >}}"#),
            Err(ShortcodeError::MixedParams { .. })
        ));
        // A bare value runs to white space: the end of the call is taken in.
        assert!(matches!(
            read("{{< sc a=b>}}"),
            Err(ShortcodeError::Unterminated { .. })
        ));
    }

    #[test]
    fn errors() {
        let f = |s: &str| scan(s, 0..s.len(), &|n| n == "ingress").unwrap_err();
        assert!(matches!(
            f("a {{< x \"open\n"),
            ShortcodeError::Unterminated { .. }
        ));
        assert!(matches!(
            f("{{< /x >}}"),
            ShortcodeError::UnexpectedClose { .. }
        ));
        assert!(matches!(
            f("{{< ingress >}}\ntext\n"),
            ShortcodeError::Unclosed { .. }
        ));
        assert!(matches!(
            f("{{< ingress >}}{{< b >}}{{< /ingress >}}{{< /b >}}"),
            ShortcodeError::UnexpectedClose { .. }
        ));
    }
}
