//! `tolk new`: creates a variant that does not exist yet from today's English skeleton, filling
//! every segment that has an exact match in the memory; the rest stay English and are listed.

use std::io::{self, Write};

use tolk::i18n::Localizer;
use tolk::suggest::Memory;
use tolk::sync::Options;
use tolk::tm::Tm;
use tolk::tr;
use tolk::workspace::Workspace;

use super::error;

/// Create a translation of a posting from the memory's exact matches.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The posting (a path inside a language folder, or a file).
    path: String,
    /// The target language.
    #[arg(long = "lang", value_name = "LANG")]
    lang: String,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let Some(rel) = super::posting_rel(&ws, &args.path, l, err)? else {
        return Ok(2);
    };
    Ok(if create(&ws, &mut tm, &rel, &args.lang, l, out, err)? {
        0
    } else {
        2
    })
}

/// Creates the variant and records it; false when something went wrong (and was reported).
pub fn create(
    ws: &Workspace,
    tm: &mut Tm,
    rel: &str,
    lang: &str,
    l: &Localizer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<bool> {
    let memory = match tm.candidates(lang) {
        Ok(c) => Memory::new(c),
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(false);
        }
    };
    let created = match tolk::translate::create(ws, &memory, rel, lang) {
        Ok(c) => c,
        Err(e) => {
            error::report(l, err, &error::translate(&e, &ws.display(lang, rel)))?;
            return Ok(false);
        }
    };
    let options = Options {
        paths: vec![rel.to_string()],
        placeholders: vec![(
            rel.to_string(),
            lang.to_string(),
            created.untranslated.clone(),
        )],
        ..Default::default()
    };
    if super::run_sync(ws, tm, &options, l, err)?.is_none() {
        return Ok(false);
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "new-created",
            file = ws.display(lang, rel),
            filled = created.filled,
            left = created.untranslated.len()
        )
    )?;
    Ok(true)
}
