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
pub struct Args {
    /// Also set the git repository up: `git diff` of the memory shows translations
    /// (.gitattributes, .gitignore, and `tolk dump` as the textconv in the repository's config).
    #[arg(long)]
    git: bool,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
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
    if let Err(e) = Tm::open(&ws.memory_path()) {
        error::report(l, err, &error::tm(&e))?;
        return Ok(2);
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "init-memory-ready",
            path = ws.config.memory.display().to_string()
        )
    )?;
    if !args.git {
        return Ok(0);
    }
    let tolk = std::env::current_exe().unwrap_or_else(|_| "tolk".into());
    match tolk::gitsetup::set_up(&ws, &tolk) {
        Ok(setup) => {
            for f in &setup.files {
                writeln!(
                    out,
                    "{}",
                    tr!(l, "init-git-file", path = f.display().to_string())
                )?;
            }
            writeln!(
                out,
                "{}",
                tr!(l, "init-git-textconv", command = setup.textconv)
            )?;
            Ok(0)
        }
        Err(tolk::gitsetup::Error::NoGit) => {
            error::report(
                l,
                err,
                &error::Message::new("error-no-git").hint("hint-init-no-git"),
            )?;
            Ok(2)
        }
        Err(tolk::gitsetup::Error::NotARepository { path }) => {
            error::report(
                l,
                err,
                &error::Message::new("error-not-a-repository")
                    .arg("path", path.display().to_string()),
            )?;
            Ok(2)
        }
        Err(tolk::gitsetup::Error::Io { path, reason }) => {
            error::report(l, err, &error::io(&path, &reason))?;
            Ok(2)
        }
        Err(tolk::gitsetup::Error::Config(message)) => {
            error::report(
                l,
                err,
                &error::Message::new("error-git-config").arg("message", message),
            )?;
            Ok(2)
        }
    }
}
