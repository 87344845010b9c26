//! XLIFF 1.2: one `<file>` per posting, one `<trans-unit>` per segment, protected parts as
//! `<ph id="N">` inline tags (their content is the original markup, which CAT tools show and
//! protect), the memory's matches as `<alt-trans>`, and notes for the translator.

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{
    Broken, Error, Incoming, Package, Piece, Read, UnitState, line_at, pieces, target_pieces,
};
use crate::config::Rules;

/// The words of the notes, in the translator's language (the CLI gives them from its messages).
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// "Title: {}" style prefixes.
    pub title: String,
    pub headings: String,
    /// For a stale unit: before its old English, and before the word diff.
    pub old_source: String,
    pub diff: String,
    /// For an unreviewed machine translation (the provider follows).
    pub machine: String,
}

pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Not allowed in XML 1.0: written as the replacement character.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn inline(p: &[Piece]) -> String {
    let mut out = String::new();
    for piece in p {
        match piece {
            Piece::Text(t) => out.push_str(&esc(t)),
            Piece::Tag(n, b) => out.push_str(&format!("<ph id=\"{n}\">{}</ph>", esc(b))),
        }
    }
    out
}

/// The package as an XLIFF 1.2 document.
pub fn write(pkg: &Package, rules: &Rules, labels: &Labels) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
    for f in &pkg.files {
        x.push_str(&format!(
            "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-markdown\">\n",
            esc(&f.rel),
            esc(&pkg.source_lang),
            esc(&pkg.lang)
        ));
        x.push_str("    <header>\n");
        x.push_str(&format!(
            "      <tool tool-id=\"tolk\" tool-name=\"tolk\" tool-version=\"{}\"/>\n",
            env!("CARGO_PKG_VERSION")
        ));
        if let Some(t) = &f.title {
            x.push_str(&format!(
                "      <note>{}</note>\n",
                esc(&format!("{} {t}", labels.title))
            ));
        }
        x.push_str("    </header>\n    <body>\n");
        for u in &f.units {
            let src = pieces(&u.source, rules);
            x.push_str(&format!(
                "      <trans-unit id=\"{}\" resname=\"{}\" restype=\"x-{}\" xml:space=\"preserve\">\n",
                esc(&u.id),
                esc(&u.key),
                u.kind.as_str()
            ));
            x.push_str(&format!("        <source>{}</source>\n", inline(&src)));
            if let Some(t) = &u.target {
                let state = match u.state {
                    UnitState::Untranslated => "needs-translation",
                    UnitState::Stale | UnitState::Unreviewed => "needs-review-translation",
                    UnitState::Current => "final",
                };
                x.push_str(&format!(
                    "        <target state=\"{state}\">{}</target>\n",
                    inline(&target_pieces(&src, t, rules))
                ));
            }
            if !u.headings.is_empty() {
                x.push_str(&format!(
                    "        <note from=\"tolk\">{}</note>\n",
                    esc(&format!("{} {}", labels.headings, u.headings.join(" › ")))
                ));
            }
            if let (Some(old), Some(diff)) = (&u.old_source, u.diff()) {
                x.push_str(&format!(
                    "        <note from=\"tolk\">{}</note>\n",
                    esc(&format!(
                        "{} {old}\n{} {diff}",
                        labels.old_source, labels.diff
                    ))
                ));
            }
            if let Some(m) = &u.machine {
                x.push_str(&format!(
                    "        <note from=\"tolk\">{}</note>\n",
                    esc(&format!("{} {m}", labels.machine))
                ));
            }
            for (q, text, from) in &u.matches {
                x.push_str(&format!(
                    "        <alt-trans match-quality=\"{q}\" origin=\"{}\">\n          <target xml:lang=\"{}\">{}</target>\n        </alt-trans>\n",
                    esc(from),
                    esc(&pkg.lang),
                    inline(&target_pieces(&src, text, rules))
                ));
            }
            x.push_str("      </trans-unit>\n");
        }
        x.push_str("    </body>\n  </file>\n");
    }
    x.push_str("</xliff>\n");
    x
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn broken(text: &str, at: u64, problem: Broken) -> Error {
    Error::Broken {
        line: line_at(text, at as usize),
        problem,
    }
}

/// Where the reader is inside a trans-unit.
#[derive(PartialEq)]
enum In {
    Nothing,
    Source,
    Target,
    /// Inside `<ph>` (or `<bpt>`, `<ept>`, `<it>`) of the source or target, with its id.
    Tag(bool, usize),
    /// Inside an element whose text is not the unit's (a note, an alt-trans).
    Skip(usize),
}

/// Reads an XLIFF 1.2 package.
pub fn read(text: &str) -> Result<Read, Error> {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(false);
    let mut lines = super::Lines::new(text);
    let mut out = Read::default();
    let mut seen_xliff = false;
    let mut file: Option<String> = None;
    let mut ids: HashSet<String> = HashSet::new();
    let mut unit: Option<Incoming> = None;
    let mut target: Vec<Piece> = Vec::new();
    let mut has_target = false;
    let mut state_done = true;
    let mut at = In::Nothing;
    let mut tag_text = String::new();
    let push_text = |at: &In,
                     unit: &mut Option<Incoming>,
                     target: &mut Vec<Piece>,
                     tag: &mut String,
                     s: &str| {
        match at {
            In::Source => {
                if let Some(u) = unit.as_mut() {
                    u.source.push_str(s);
                    let cut = u.source_pieces.get_or_insert_with(Vec::new);
                    match cut.last_mut() {
                        Some(Piece::Text(t)) => t.push_str(s),
                        _ => cut.push(Piece::Text(s.to_string())),
                    }
                }
            }
            In::Target => match target.last_mut() {
                Some(Piece::Text(t)) => t.push_str(s),
                _ => target.push(Piece::Text(s.to_string())),
            },
            In::Tag(..) => tag.push_str(s),
            _ => {}
        }
    };
    loop {
        let pos = r.buffer_position();
        let ev = match r.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Err(broken(
                    text,
                    r.error_position(),
                    Broken::NotXml(e.to_string()),
                ));
            }
        };
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if !seen_xliff => {
                if e.local_name().as_ref() != b"xliff" {
                    return Err(broken(text, pos, Broken::UnknownFormat));
                }
                let v = attr(&e, "version").unwrap_or_default();
                if v != "1.2" {
                    return Err(broken(text, pos, Broken::Version(v)));
                }
                seen_xliff = true;
            }
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if let In::Skip(depth) = at {
                    at = In::Skip(depth + 1);
                    continue;
                }
                match name {
                    b"file" => {
                        let original = attr(&e, "original")
                            .ok_or_else(|| broken(text, pos, Broken::Missing("original".into())))?;
                        let lang = attr(&e, "target-language").ok_or_else(|| {
                            broken(text, pos, Broken::Missing("target-language".into()))
                        })?;
                        if !out.lang.is_empty() && out.lang != lang {
                            return Err(broken(text, pos, Broken::Language(lang)));
                        }
                        out.lang = lang;
                        out.files.entry(original.clone()).or_default();
                        file = Some(original);
                    }
                    b"trans-unit" => {
                        let id = attr(&e, "id")
                            .ok_or_else(|| broken(text, pos, Broken::Missing("id".into())))?;
                        let rel = file.clone().unwrap_or_default();
                        if id.split_once('#').map(|(r, _)| r) != Some(rel.as_str()) {
                            return Err(broken(text, pos, Broken::UnknownId(id)));
                        }
                        if !ids.insert(id.clone()) {
                            return Err(broken(text, pos, Broken::Duplicate(id)));
                        }
                        unit = Some(Incoming {
                            id,
                            line: lines.line(pos as usize),
                            ..Incoming::default()
                        });
                        target.clear();
                        has_target = false;
                        state_done = true;
                    }
                    b"source" if unit.is_some() && at == In::Nothing => at = In::Source,
                    b"target" if unit.is_some() && at == In::Nothing => {
                        at = In::Target;
                        has_target = true;
                        state_done = !matches!(
                            attr(&e, "state").as_deref(),
                            Some(
                                "new"
                                    | "needs-translation"
                                    | "needs-adaptation"
                                    | "needs-l10n"
                                    | "needs-review-translation"
                                    | "needs-review-adaptation"
                                    | "needs-review-l10n"
                            )
                        );
                    }
                    b"ph" | b"bpt" | b"ept" | b"it" if matches!(at, In::Source | In::Target) => {
                        let n = attr(&e, "id").and_then(|v| v.parse().ok()).unwrap_or(0);
                        at = In::Tag(at == In::Target, n);
                        tag_text.clear();
                    }
                    b"note" | b"alt-trans" | b"context-group" | b"count-group" | b"prop-group" => {
                        at = In::Skip(1);
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if matches!(at, In::Skip(_)) {
                    continue;
                }
                let name = e.local_name();
                match name.as_ref() {
                    b"x" | b"ph" | b"bx" | b"ex" if matches!(at, In::Source | In::Target) => {
                        let n = attr(&e, "id").and_then(|v| v.parse().ok()).unwrap_or(0);
                        if at == In::Target {
                            target.push(Piece::Tag(n, String::new()));
                        } else if let Some(u) = unit.as_mut() {
                            // A tag without its bytes: the source cannot be cut by it.
                            (u.source_pieces.get_or_insert_with(Vec::new))
                                .push(Piece::Tag(n, String::new()));
                        }
                    }
                    b"target" if unit.is_some() => {
                        has_target = true;
                        state_done = false;
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if let In::Skip(depth) = at {
                    at = if depth > 1 {
                        In::Skip(depth - 1)
                    } else {
                        In::Nothing
                    };
                    continue;
                }
                match e.local_name().as_ref() {
                    b"ph" | b"bpt" | b"ept" | b"it" => {
                        if let In::Tag(in_target, n) = at {
                            if in_target {
                                target.push(Piece::Tag(n, tag_text.clone()));
                                at = In::Target;
                            } else {
                                if let Some(u) = unit.as_mut() {
                                    u.source.push_str(&tag_text);
                                    (u.source_pieces.get_or_insert_with(Vec::new))
                                        .push(Piece::Tag(n, tag_text.clone()));
                                }
                                at = In::Source;
                            }
                        }
                    }
                    b"source" | b"target" => at = In::Nothing,
                    b"trans-unit" => {
                        if let Some(mut u) = unit.take() {
                            u.target = has_target.then(|| std::mem::take(&mut target));
                            u.done = has_target && state_done;
                            let rel = file.clone().unwrap_or_default();
                            out.files.entry(rel).or_default().push(u);
                        }
                    }
                    b"file" => file = None,
                    _ => {}
                }
            }
            Event::Text(t) => {
                let s = t
                    .decode()
                    .map_err(|e| broken(text, pos, Broken::NotXml(e.to_string())))?;
                push_text(&at, &mut unit, &mut target, &mut tag_text, &s);
            }
            Event::CData(t) => {
                let s = t
                    .decode()
                    .map_err(|e| broken(text, pos, Broken::NotXml(e.to_string())))?;
                push_text(&at, &mut unit, &mut target, &mut tag_text, &s);
            }
            Event::GeneralRef(g) => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match g.decode().as_deref() {
                        Ok("amp") => "&".into(),
                        Ok("lt") => "<".into(),
                        Ok("gt") => ">".into(),
                        Ok("quot") => "\"".into(),
                        Ok("apos") => "'".into(),
                        _ => {
                            return Err(broken(text, pos, Broken::NotXml("unknown entity".into())));
                        }
                    },
                };
                push_text(&at, &mut unit, &mut target, &mut tag_text, &s);
            }
            _ => {}
        }
    }
    if !seen_xliff {
        return Err(broken(text, 0, Broken::UnknownFormat));
    }
    Ok(out)
}
