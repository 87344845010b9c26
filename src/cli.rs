//! The command line: clap definitions and dispatch. Each subcommand lives in its own file and
//! calls the library; this layer only parses, prints and picks the exit code.

mod accept;
mod adopt;
mod check;
mod completions;
mod diff;
mod dump;
mod error;
mod export;
pub mod help;
mod init;
mod interchange;
mod man;
mod merge;
mod mt;
mod new;
mod report;
mod review;
mod segments;
mod status;
mod sync;
mod translate;

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
    Init(init::Args),
    Sync(sync::Args),
    Status(status::Args),
    Check(check::Args),
    Report(report::Args),
    Diff(diff::Args),
    Translate(translate::Args),
    Mt(mt::Args),
    Extract(interchange::ExtractArgs),
    Import(interchange::ImportArgs),
    Review(review::Args),
    Accept(accept::Args),
    New(new::Args),
    Export(export::Args),
    Adopt(adopt::Args),
    Segments(segments::Args),
    Dump(dump::Args),
    MergeDriver(merge::Args),
    Completions(completions::Args),
    Man(man::Args),
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
    if let Ok(t) = std::env::var("TOLK_NOW")
        && !is_utc_time(&t)
    {
        error::report(
            l,
            err,
            &error::Message::new("error-bad-now").arg("value", t),
        )?;
        return Ok(2);
    }
    match cli.command {
        Command::Init(args) => init::run(args, l, out, err),
        Command::Sync(args) => sync::run(args, l, out, err),
        Command::Status(args) => status::run(args, l, out, err),
        Command::Check(args) => check::run(args, l, out, err),
        Command::Report(args) => report::run(args, l, out, err),
        Command::Diff(args) => diff::run(args, l, out, err),
        Command::Translate(args) => translate::run(args, l, out, err),
        Command::Mt(args) => mt::run(args, l, out, err),
        Command::MergeDriver(args) => merge::run(args, l, out, err),
        Command::Extract(args) => interchange::extract(args, l, out, err),
        Command::Import(args) => interchange::import(args, l, out, err),
        Command::Review(args) => review::run(args, l, out, err),
        Command::Accept(args) => accept::run(args, l, out, err),
        Command::New(args) => new::run(args, l, out, err),
        Command::Export(args) => export::run(args, l, out, err),
        Command::Adopt(args) => adopt::run(args, l, out, err),
        Command::Segments(args) => segments::run(args, l, out, err),
        Command::Dump(args) => dump::run(args, l, out, err),
        Command::Completions(args) => completions::run(args, l, out, err),
        Command::Man(args) => man::run(args, l, out, err),
    }
}

/// The workspace in the current folder, or a reported error.
pub fn workspace(
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<Option<tolk::workspace::Workspace>> {
    match tolk::workspace::Workspace::open(std::path::Path::new("")) {
        Ok(ws) => Ok(Some(ws)),
        Err(e) => {
            error::report(l, err, &error::config(&e))?;
            Ok(None)
        }
    }
}

/// The workspace, for a command that reads its postings: `None` (reported, with what to do) when
/// its postings folder is not there, a typo in `postings` or a command run outside the
/// workspace, which would otherwise answer as for a workspace with no posting.
pub fn workspace_with_postings(
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<Option<tolk::workspace::Workspace>> {
    let Some(ws) = workspace(l, err)? else {
        return Ok(None);
    };
    if !ws.root.join(&ws.config.postings).is_dir() {
        let m = error::Message::new("error-no-postings")
            .arg("path", ws.config.postings.display().to_string())
            .hint("hint-no-postings");
        error::report(l, err, &m)?;
        return Ok(None);
    }
    Ok(Some(ws))
}

/// The postings and languages named on the command line, checked against the workspace; `None`
/// when one matches nothing (reported).
pub fn select(
    ws: &tolk::workspace::Workspace,
    paths: &[String],
    langs: &[String],
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<Option<(Vec<String>, Vec<String>)>> {
    use tolk::workspace::Unmatched;
    match ws.select(paths, langs) {
        Ok(selected) => Ok(Some(selected)),
        Err(Unmatched::Path(path)) => {
            error::report(
                l,
                err,
                &error::Message::new("error-no-such-posting")
                    .arg("path", path)
                    .hint("hint-no-such-posting"),
            )?;
            Ok(None)
        }
        Err(Unmatched::Lang(lang)) => {
            error::report(
                l,
                err,
                &error::Message::new("error-unknown-lang")
                    .arg("lang", lang)
                    .arg("langs", ws.config.languages().join(", ")),
            )?;
            Ok(None)
        }
    }
}

/// The workspace's memory, opened for writing (created or upgraded as needed), or a reported
/// error.
/// The workspace-relative path of a posting named on the command line, or `None` (reported)
/// when it lies outside the workspace.
pub fn posting_rel(
    ws: &tolk::workspace::Workspace,
    path: &str,
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<Option<String>> {
    let rel = ws.rel_of(path);
    if tolk::workspace::Workspace::is_safe(&rel) {
        return Ok(Some(rel));
    }
    error::report(
        l,
        err,
        &error::Message::new("error-outside-workspace").arg("path", rel),
    )?;
    Ok(None)
}

pub fn open_memory(
    ws: &tolk::workspace::Workspace,
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<Option<tolk::tm::Tm>> {
    match tolk::tm::Tm::open(&ws.memory_path()) {
        Ok(tm) => Ok(Some(tm)),
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            Ok(None)
        }
    }
}

/// Runs `sync` with this run's time and user; `None` when the memory failed (reported).
pub fn run_sync(
    ws: &tolk::workspace::Workspace,
    tm: &mut tolk::tm::Tm,
    options: &tolk::sync::Options,
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<Option<tolk::sync::SyncReport>> {
    match tolk::sync::sync(ws, tm, &now(), who().as_deref(), options) {
        Ok(r) => Ok(Some(r)),
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            Ok(None)
        }
    }
}

/// A progress bar on stderr when it is a terminal (none when piped or redirected).
pub fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// The time of this run: `TOLK_NOW` (for reproducible tests) or the clock, as RFC 3339 UTC.
pub fn now() -> String {
    if let Ok(t) = std::env::var("TOLK_NOW") {
        return t;
    }
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Is `t` a time as tolk records them: `2026-11-28T12:00:00Z` (fractions of a second allowed)?
fn is_utc_time(t: &str) -> bool {
    let shape = t.len() >= 20 && t.as_bytes()[10] == b'T' && t.ends_with('Z');
    shape && t.parse::<jiff::Timestamp>().is_ok()
}

/// Who runs tolk, for the memory's records.
pub fn who() -> Option<String> {
    std::env::var("TOLK_USER")
        .or_else(|_| std::env::var("USER"))
        .ok()
        .filter(|u| !u.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_tolk_records() {
        assert!(super::is_utc_time("2026-11-28T12:00:00Z"));
        assert!(super::is_utc_time("2026-11-28T12:00:00.25Z"));
        for bad in [
            "garbage",
            "2026-11-28",
            "2026-13-01T00:00:00Z",
            "2026-11-28T12:00:00",
            "2026-02-30T12:00:00Z",
            "2026-11-28T12:00:00+01:00",
            "",
        ] {
            assert!(!super::is_utc_time(bad), "{bad}");
        }
    }

    /// Every help text of the clap definitions, by its Fluent id (see `help.rs`).
    fn help_texts() -> Vec<(String, String)> {
        use clap::CommandFactory;
        fn walk(c: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
            if let Some(a) = c.get_about() {
                out.push((format!("help-{path}"), a.to_string()));
            }
            for a in c.get_arguments() {
                if let Some(h) = a.get_help() {
                    out.push((format!("help-{path}--{}", a.get_id()), h.to_string()));
                }
                for v in a.get_possible_values() {
                    if let Some(h) = v.get_help() {
                        out.push((
                            format!("help-{path}--{}-{}", a.get_id(), v.get_name()),
                            h.to_string(),
                        ));
                    }
                }
            }
            for s in c.get_subcommands() {
                walk(s, &format!("{path}-{}", s.get_name()), out);
            }
        }
        let mut out = Vec::new();
        walk(&super::Cli::command(), "tolk", &mut out);
        out
    }

    /// English help.ftl is the definitions' own text, and every language has each text.
    #[test]
    fn the_help_catalogue_follows_the_definitions() {
        let texts = help_texts();
        assert!(texts.len() > 80);
        let en = tolk::i18n::Localizer::new("en");
        for (id, text) in &texts {
            assert_eq!(&en.tr(id, None), text, "locales/en/help.ftl: {id}");
        }
        for lang in ["da", "sv", "nb"] {
            let l = tolk::i18n::Localizer::new(lang);
            for (id, text) in &texts {
                assert!(l.has(id), "locales/{lang}/help.ftl has no {id}");
                assert_ne!(&l.tr(id, None), text, "{lang}: {id} is not translated");
            }
            // clap's own consistency checks, on the localized command.
            super::help::command(&l).debug_assert();
        }
    }

    #[test]
    fn clap_definitions_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
