//! `tolk completions SHELL`: the shell's completion script for tolk, on stdout.

use std::io::{self, Write};

use clap::CommandFactory;
use tolk::i18n::Localizer;

/// Print the completion script for a shell (bash: `source <(tolk completions bash)`).
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(
    args: Args,
    _l: &Localizer,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> io::Result<u8> {
    let mut cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "tolk", &mut buf);
    out.write_all(&buf)?;
    Ok(0)
}
