//! `tolk accept`: marks stale translations as still correct for today's English (an English
//! typo fix), recorded in the memory with who and when.

use std::io::{self, Write};

use tolk::i18n::Localizer;
use tolk::sync::{Accept, Options};
use tolk::tr;

use super::error;

/// Accept stale translations as correct for today's English.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The posting (a path inside a language folder, or a file).
    path: String,
    /// The target language.
    #[arg(long = "lang", value_name = "LANG")]
    lang: String,
    /// The segment to accept (its key, as `tolk status` or `tolk diff` show it; repeatable).
    #[arg(
        long = "segment",
        value_name = "KEY",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    segments: Vec<String>,
    /// Accept every stale segment of the posting.
    #[arg(long)]
    all: bool,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let Some(rel) = super::posting_rel(&ws, &args.path, l, err)? else {
        return Ok(2);
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let keys = if args.all {
        None
    } else {
        Some(args.segments.clone())
    };
    let options = Options {
        paths: vec![rel.clone()],
        accept: vec![Accept {
            rel: rel.clone(),
            lang: args.lang.clone(),
            keys,
        }],
        ..Default::default()
    };
    let Some(report) = super::run_sync(&ws, &mut tm, &options, l, err)? else {
        return Ok(2);
    };
    for e in &report.errors {
        error::report(l, err, &error::posting(e))?;
    }
    let accepted: Vec<&String> = report
        .postings
        .iter()
        .flat_map(|p| &p.accepted)
        .map(|(_, k)| k)
        .collect();
    for key in &args.segments {
        if !accepted.contains(&key) {
            error::warn(
                l,
                err,
                &error::Message::new("warning-accept-not-stale").arg("key", key.clone()),
            )?;
        }
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "accept-summary",
            count = accepted.len(),
            file = ws.display(&args.lang, &rel)
        )
    )?;
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}
