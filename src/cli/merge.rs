//! `tolk merge-driver %O %A %B %P`: git's merge driver for translations.db (set up by `tolk
//! init --git`). The result is written over %A; exit 0 when clean, 1 with conflicts (both
//! translations kept; `tolk status` shows them until a person picks one and syncs).

use std::io::{self, Write};
use std::path::PathBuf;

use tolk::i18n::Localizer;
use tolk::tr;

use super::error;

/// Merge two translation memories against their base (git's merge driver).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The base version (%O).
    base: PathBuf,
    /// Ours (%A): the result is written here.
    ours: PathBuf,
    /// Theirs (%B).
    theirs: PathBuf,
    /// The path in the repository (%P), for messages.
    path: Option<String>,
}

pub fn run(args: Args, l: &Localizer, _out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let merged = match tolk::tm::merge::merge(&args.base, &args.ours, &args.theirs) {
        Ok(m) => m,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    writeln!(
        err,
        "{}",
        tr!(
            l,
            "merge-summary",
            file = name.clone(),
            translations = merged.translations,
            sources = merged.sources,
            conflicts = merged.conflicts.len()
        )
    )?;
    for c in &merged.conflicts {
        writeln!(
            err,
            "  {}",
            tr!(
                l,
                "merge-conflict",
                posting = c.posting.clone(),
                key = c.key.clone(),
                lang = c.lang.clone(),
                ours = c.ours.clone(),
                theirs = c.theirs.clone()
            )
        )?;
    }
    Ok(if merged.conflicts.is_empty() { 0 } else { 1 })
}
