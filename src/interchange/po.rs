//! PO (gettext), one file per language for the whole package: the segment's identity as
//! `msgctxt`, today's English as `msgid`, the translation as `msgstr`, the English it was made
//! from as `#| msgid` (exactly what PO's previous-msgid is for), `#, fuzzy` for stale and
//! unreviewed machine translations, the title, headings and word diff as `#.` comments and the
//! English file and line as `#:`. One file per language (not per posting) because that is what
//! Poedit and every CAT tool open as one job, and `msgctxt` keeps the postings apart.

use std::collections::HashSet;

use super::xliff::Labels;
use super::{Broken, Error, Incoming, Package, Piece, Read, UnitState};

/// A PO string literal, split after each line break (as gettext writes them).
fn string(s: &str) -> String {
    let esc = |s: &str| {
        let mut out = String::with_capacity(s.len() + 2);
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out
    };
    if !s.contains('\n') {
        return format!("\"{}\"", esc(s));
    }
    let mut out = String::from("\"\"");
    for part in s.split_inclusive('\n') {
        out.push_str(&format!("\n\"{}\"", esc(part)));
    }
    out
}

fn comment(prefix: &str, text: &str) -> String {
    text.lines().map(|l| format!("{prefix} {l}\n")).collect()
}

/// The package as a PO file; `now` (RFC 3339) dates it.
pub fn write(pkg: &Package, labels: &Labels, now: &str) -> String {
    // PO dates: `2026-12-02 03:51+0000`.
    let date = format!(
        "{} {}+0000",
        now.get(0..10).unwrap_or("1970-01-01"),
        now.get(11..16).unwrap_or("00:00")
    );
    let mut po = String::new();
    po.push_str(&format!(
        "# tolk work package: {} -> {}\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: tolk\\n\"\n\
         \"POT-Creation-Date: {date}\\n\"\n\"PO-Revision-Date: {date}\\n\"\n\
         \"Last-Translator: \\n\"\n\"Language-Team: \\n\"\n\
         \"Language: {}\\n\"\n\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Content-Transfer-Encoding: 8bit\\n\"\n\"X-Generator: tolk {}\\n\"\n",
        pkg.source_lang,
        pkg.lang,
        pkg.lang,
        env!("CARGO_PKG_VERSION")
    ));
    for f in &pkg.files {
        for u in &f.units {
            po.push('\n');
            if let Some(t) = &f.title {
                po.push_str(&comment("#.", &format!("{} {t}", labels.title)));
            }
            if !u.headings.is_empty() {
                po.push_str(&comment(
                    "#.",
                    &format!("{} {}", labels.headings, u.headings.join(" › ")),
                ));
            }
            if let Some(d) = u.diff() {
                po.push_str(&comment("#.", &format!("{} {d}", labels.diff)));
            }
            if let Some(m) = &u.machine {
                po.push_str(&comment("#.", &format!("{} {m}", labels.machine)));
            }
            po.push_str(&format!("#: {}:{}\n", f.source_file, u.line));
            let fuzzy =
                matches!(u.state, UnitState::Stale | UnitState::Unreviewed) && u.target.is_some();
            if fuzzy {
                po.push_str("#, fuzzy\n");
            }
            if let Some(old) = &u.old_source {
                for (i, l) in string(old).lines().enumerate() {
                    if i == 0 {
                        po.push_str(&format!("#| msgid {l}\n"));
                    } else {
                        po.push_str(&format!("#| {l}\n"));
                    }
                }
            }
            po.push_str(&format!("msgctxt {}\n", string(&u.id)));
            po.push_str(&format!("msgid {}\n", string(&u.source)));
            po.push_str(&format!(
                "msgstr {}\n",
                string(u.target.as_deref().unwrap_or(""))
            ));
        }
    }
    po
}

/// A PO string literal's value (`"..."`), or why it is not one.
fn literal(s: &str) -> Result<String, String> {
    let s = s.trim();
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or_else(|| format!("not a string: {s}"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            other => return Err(format!("unknown escape \\{}", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

#[derive(Default)]
struct Entry {
    line: usize,
    fuzzy: bool,
    obsolete: bool,
    ctxt: Option<String>,
    id: Option<String>,
    strs: Option<String>,
}

/// Reads a PO package.
pub fn read(text: &str) -> Result<Read, Error> {
    let bad = |line: usize, p: Broken| Error::Broken { line, problem: p };
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    // Which field continuation lines belong to.
    let mut field: Option<u8> = None;
    let flush = |cur: &mut Entry, entries: &mut Vec<Entry>| {
        if cur.id.is_some() || cur.ctxt.is_some() {
            entries.push(std::mem::take(cur));
        } else {
            *cur = Entry::default();
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.trim_end_matches('\r').trim_start_matches('\u{feff}');
        if l.trim().is_empty() {
            flush(&mut cur, &mut entries);
            field = None;
            continue;
        }
        if cur.line == 0 {
            cur.line = line;
        }
        if let Some(rest) = l.strip_prefix("#,") {
            cur.fuzzy |= rest.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        }
        if l.starts_with("#~") {
            cur.obsolete = true;
            continue;
        }
        if l.starts_with('#') {
            continue;
        }
        let (kind, rest) = if let Some(r) = l.strip_prefix("msgctxt ") {
            if cur.id.is_some() || cur.strs.is_some() {
                flush(&mut cur, &mut entries);
                cur.line = line;
            }
            (Some(0u8), r)
        } else if let Some(r) = l.strip_prefix("msgid_plural ") {
            return Err(bad(line, Broken::Po(format!("plural forms: {}", r.trim()))));
        } else if let Some(r) = l.strip_prefix("msgid ") {
            if cur.id.is_some() {
                flush(&mut cur, &mut entries);
                cur.line = line;
            }
            (Some(1), r)
        } else if let Some(r) = l.strip_prefix("msgstr ") {
            (Some(2), r)
        } else if l.starts_with('"') {
            (None, l)
        } else {
            return Err(bad(line, Broken::Po(l.chars().take(40).collect())));
        };
        let v = literal(rest).map_err(|m| bad(line, Broken::Po(m)))?;
        if kind.is_some() {
            field = kind;
        }
        let slot = match field {
            Some(0) => &mut cur.ctxt,
            Some(1) => &mut cur.id,
            Some(2) => &mut cur.strs,
            _ => return Err(bad(line, Broken::Po("a string outside an entry".into()))),
        };
        match slot {
            Some(s) if kind.is_none() => s.push_str(&v),
            _ => *slot = Some(v),
        }
    }
    flush(&mut cur, &mut entries);

    let mut out = Read::default();
    let mut ids: HashSet<String> = HashSet::new();
    for e in entries {
        if e.obsolete {
            continue;
        }
        let id = e.id.clone().unwrap_or_default();
        if id.is_empty() && e.ctxt.is_none() {
            // The header: the language.
            for h in e.strs.unwrap_or_default().lines() {
                if let Some(v) = h.strip_prefix("Language:") {
                    out.lang = v.trim().to_string();
                }
            }
            continue;
        }
        let ctxt = e
            .ctxt
            .ok_or_else(|| bad(e.line, Broken::Missing("msgctxt".into())))?;
        let Some((rel, _)) = ctxt.split_once('#') else {
            return Err(bad(e.line, Broken::UnknownId(ctxt)));
        };
        if !ids.insert(ctxt.clone()) {
            return Err(bad(e.line, Broken::Duplicate(ctxt)));
        }
        let target = e.strs.filter(|s| !s.is_empty());
        out.files
            .entry(rel.to_string())
            .or_default()
            .push(Incoming {
                id: ctxt.clone(),
                line: e.line,
                source: id,
                done: target.is_some() && !e.fuzzy,
                target: target.map(|t| vec![Piece::Text(t)]),
                raw: true,
                // The markup is written out: cut as today's source is.
                source_pieces: None,
            });
    }
    if out.lang.is_empty() {
        return Err(bad(1, Broken::Missing("Language".into())));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_with_line_breaks_quotes_and_backslashes() {
        for s in [
            "plain",
            "two\nlines",
            "ends\n",
            "a \"quote\" and \\ back",
            "tab\there",
        ] {
            let lit = string(s);
            let joined: String = lit.lines().map(|l| literal(l).unwrap()).collect();
            assert_eq!(joined, s, "{lit}");
        }
    }
}
