//! `tolk check`: applies the policy in `tolk.toml` (`[check]`) for CI. Exit 0 when it holds,
//! 1 when it fails, 2 when tolk could not run (bad config, unreadable file, locked memory).
//! Read-only.

use std::io::{self, Write};

use tolk::check::Verdict;
use tolk::i18n::Localizer;

use super::status::{self, ReportFormat};

/// Check the translations against the policy in tolk.toml; exit 1 when it fails.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to check (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
    /// Only this target language (repeatable).
    #[arg(long = "lang", value_name = "LANG")]
    langs: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let sargs = status::Args {
        paths: args.paths,
        langs: args.langs,
        format: args.format,
        all: false,
    };
    let Some((_, report, verdicts)) = status::build(&sargs, l, err)? else {
        return Ok(2);
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    status::render(&report, &verdicts, args.format, true, l, &mut out)?;
    std::io::Write::flush(&mut out)?;
    if !report.errors.is_empty() {
        return Ok(2);
    }
    Ok(if verdicts.overall() == Verdict::Fail {
        1
    } else {
        0
    })
}
