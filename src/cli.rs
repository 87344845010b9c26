//! The command line: clap definitions and dispatch. Each subcommand lives in its own file and
//! calls the library; this layer only parses, prints and picks the exit code.

mod error;
mod segments;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use tolk::i18n::Localizer;

/// Keeps translated Hugo job postings honest.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about)]
pub struct Cli {
    /// Run as if tolk was started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// Language of tolk's messages (en, da, sv, nb); default from TOLK_UI_LANG, LC_ALL,
    /// LC_MESSAGES, LANG.
    #[arg(long, value_name = "LANG", global = true)]
    pub ui_lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Segments(segments::Args),
}

/// Output formats for machines and people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs a command. `Ok` carries the exit code; `Err` only for failures to write the output.
pub fn run(cli: Cli, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    if let Some(dir) = &cli.dir
        && let Err(e) = std::env::set_current_dir(dir)
    {
        let reason = tolk::posting::io_reason(&e);
        error::report(l, err, &error::io(dir, &reason))?;
        return Ok(2);
    }
    match cli.command {
        Command::Segments(args) => segments::run(args, l, out, err),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definitions_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
