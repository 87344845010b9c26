//! `tolk dump [FILE]`: the memory as sorted lines of text (every English text, every
//! translation with the English it was made from, origin and state), the same bytes for the
//! same content. Made for git: `textconv` turns `git diff` of translations.db into a change
//! to translations. Read-only; memories of older schemas are read as they are.

use std::io::{self, Write};
use std::path::PathBuf;

use tolk::i18n::Localizer;

use super::error;

/// Print the translation memory as sorted lines of text (for git diff).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The memory file; default: the workspace's.
    file: Option<PathBuf>,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let path = match args.file {
        Some(p) => p,
        None => match super::workspace(l, err)? {
            Some(ws) => ws.memory_path(),
            None => return Ok(2),
        },
    };
    if !path.exists() {
        let reason = tolk::posting::io_reason(&io::Error::from(io::ErrorKind::NotFound));
        error::report(l, err, &error::io(&path, &reason))?;
        return Ok(2);
    }
    match tolk::tm::Tm::open_any_read_only(&path).and_then(|tm| tm.content_dump()) {
        Ok(text) => {
            out.write_all(text.as_bytes())?;
            Ok(0)
        }
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            Ok(2)
        }
    }
}
