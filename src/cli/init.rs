//! `tolk init`: writes `tolk.toml` with the defaults and creates the memory.

use std::io::{self, Write};
use std::path::Path;

use tolk::config::{Config, FILE_NAME};
use tolk::i18n::Localizer;
use tolk::tm::Tm;
use tolk::tr;

use super::error;

/// Start a workspace here: write tolk.toml with the defaults and create the memory.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let cfg_path = Path::new(FILE_NAME);
    if cfg_path.exists() {
        writeln!(out, "{}", tr!(l, "init-config-exists", path = FILE_NAME))?;
    } else {
        if let Err(e) = tolk::fsio::write_atomic(cfg_path, Config::default_file().as_bytes()) {
            error::report(l, err, &error::io(cfg_path, &tolk::posting::io_reason(&e)))?;
            return Ok(2);
        }
        writeln!(out, "{}", tr!(l, "init-config-written", path = FILE_NAME))?;
    }
    let Some(ws) = super::workspace(l, err)? else {
        return Ok(2);
    };
    match Tm::open(&ws.memory_path()) {
        Ok(_) => {
            writeln!(
                out,
                "{}",
                tr!(
                    l,
                    "init-memory-ready",
                    path = ws.config.memory.display().to_string()
                )
            )?;
            Ok(0)
        }
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            Ok(2)
        }
    }
}
