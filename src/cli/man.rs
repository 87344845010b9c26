//! `tolk man`: the manual page (roff), on stdout: `tolk man > tolk.1; man -l tolk.1`.

use std::io::{self, Write};

use tolk::i18n::Localizer;

/// Print tolk's manual page (roff; `tolk man | man -l -`).
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(
    _args: Args,
    l: &Localizer,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> io::Result<u8> {
    let mut buf = Vec::new();
    // The descriptions in the UI language (the roff's section names are clap_mangen's).
    clap_mangen::Man::new(super::help::command(l)).render(&mut buf)?;
    out.write_all(&buf)?;
    Ok(0)
}
