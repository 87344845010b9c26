//! `tolk segments FILE...`: shows how tolk splits postings (kind, line, key, text, protected
//! parts).

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;
use tolk::i18n::Localizer;
use tolk::posting::Posting;
use tolk::segment::{self, Protected, Segment};
use tolk::tr;

use super::{Format, error};

/// Show the segments of postings: what tolk translates, and what it keeps.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Posting files (Hugo Markdown).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Serialize)]
struct JsonPosting<'a> {
    path: String,
    segments: Vec<JsonSegment<'a>>,
}

#[derive(Serialize)]
struct JsonSegment<'a> {
    key: &'a str,
    kind: &'static str,
    line: usize,
    range: [usize; 2],
    text: &'a str,
    hash: String,
    protected: Vec<JsonProtected<'a>>,
}

#[derive(Serialize)]
struct JsonProtected<'a> {
    kind: &'static str,
    text: &'a str,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    // The workspace's rules where there is a tolk.toml here, else the defaults.
    let rules = match tolk::config::Config::load(std::path::Path::new("")) {
        Ok(c) => c.rules,
        Err(e) => {
            error::report(l, err, &error::config(&e))?;
            return Ok(2);
        }
    };
    let mut code = 0;
    let mut json = Vec::new();
    let mut all: Vec<(Posting, Vec<Segment>)> = Vec::new();
    for path in &args.files {
        match Posting::read(path, &rules) {
            Ok(p) => {
                if let Some(m) = p.front_matter.as_ref().and_then(|f| f.lenient.as_ref())
                    && let Some(msg) = error::lenient(path, m)
                {
                    error::warn(l, err, &msg)?;
                }
                for w in &p.warnings {
                    error::warn(l, err, &error::warning(path, w))?;
                }
                let segs = segment::split(&p, &rules);
                all.push((p, segs));
            }
            Err(e) => {
                error::report(l, err, &error::posting(&e))?;
                code = 2;
            }
        }
    }
    for (p, segs) in &all {
        let parts: Vec<Vec<Protected>> = segs
            .iter()
            .map(|s| segment::protected_parts(&s.text, &rules))
            .collect();
        match args.format {
            Format::Text => write_text(l, out, p, segs, &parts)?,
            Format::Json => json.push(JsonPosting {
                path: p.path.display().to_string(),
                segments: segs
                    .iter()
                    .zip(&parts)
                    .map(|(s, parts)| JsonSegment {
                        key: &s.key,
                        kind: s.kind.as_str(),
                        line: s.line,
                        range: [s.range.start, s.range.end],
                        text: &s.text,
                        hash: format!("{:016x}", s.hash),
                        protected: parts
                            .iter()
                            .map(|p| JsonProtected {
                                kind: p.kind.as_str(),
                                text: &s.text[p.range.clone()],
                            })
                            .collect(),
                    })
                    .collect(),
            }),
        }
    }
    if args.format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    }
    Ok(code)
}

fn write_text(
    l: &Localizer,
    out: &mut dyn Write,
    p: &Posting,
    segs: &[Segment],
    parts: &[Vec<Protected>],
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "segments-header",
            path = p.path.display().to_string(),
            count = segs.len()
        )
    )?;
    let key_w = segs
        .iter()
        .map(|s| s.key.chars().count())
        .max()
        .unwrap_or(0);
    let kind_w = segs
        .iter()
        .map(|s| s.kind.as_str().len())
        .max()
        .unwrap_or(0);
    for (s, parts) in segs.iter().zip(parts) {
        writeln!(
            out,
            "{:>5}  {:key_w$}  {:kind_w$}  {}",
            s.line,
            s.key,
            s.kind.as_str(),
            one_line(&s.text)
        )?;
        for part in parts {
            writeln!(
                out,
                "{:>5}  {:key_w$}  {:kind_w$}    {} {}: {}",
                "",
                "",
                "",
                tr!(l, "segments-protected"),
                part.kind.as_str(),
                one_line(&s.text[part.range.clone()])
            )?;
        }
    }
    writeln!(out)
}

/// A text on one line: line breaks shown as ⏎.
fn one_line(s: &str) -> String {
    s.replace("\r\n", "⏎").replace('\n', "⏎")
}
