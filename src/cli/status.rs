//! `tolk status`: per posting and language, what is current, stale or untranslated.
//! Read-only: it never writes the memory.

use std::io::{self, Write};

use tolk::i18n::Localizer;
use tolk::report::{self, Filter};
use tolk::tm::Tm;

use super::{Format, error};

/// Show, per posting and language, which translations are current, stale or missing.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to report (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
    /// Only this target language (repeatable).
    #[arg(long = "lang", value_name = "LANG")]
    langs: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// List every segment in the JSON report, not only those that are not current.
    #[arg(long)]
    all: bool,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace(l, err)? else {
        return Ok(2);
    };
    let tm = match Tm::open_read_only(&ws.memory_path()) {
        Ok(tm) => tm,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    let filter = Filter {
        paths: args.paths.iter().map(|p| ws.rel_of(p)).collect(),
        langs: args.langs,
        all: args.all,
    };
    let report = match report::build(&ws, tm.as_ref(), &filter) {
        Ok(r) => r,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    for e in &report.errors {
        if let Some(pe) = &e.error {
            error::report(l, err, &error::posting(pe))?;
        }
    }
    match args.format {
        Format::Text => report::text::write(&report, l, out)?,
        Format::Json => report::json::write(&report, out)?,
    }
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}
