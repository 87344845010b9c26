//! `tolk status`: per posting and language, what is current, stale or untranslated.
//! Read-only: it never writes the memory.

use std::io::{self, Write};

use tolk::check::{self, Verdicts};
use tolk::i18n::Localizer;
use tolk::report::{self, Filter, Report};
use tolk::tm::Tm;
use tolk::workspace::Workspace;

use super::error;

/// Formats of the status and check reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A table for the terminal.
    Text,
    /// The JSON report (see README.md), with the policy's verdict per posting.
    Json,
    /// A summary for a pull request comment or a CI step summary.
    Markdown,
    /// JUnit XML: a test case per posting and language.
    Junit,
    /// GitHub Actions annotations.
    Github,
    /// GitLab's Code Quality report (JSON).
    Codequality,
}

/// Show, per posting and language, which translations are current, stale or missing.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to report (paths inside a language folder, or files); default: all.
    pub paths: Vec<String>,
    /// Only this target language (repeatable).
    #[arg(long = "lang", value_name = "LANG")]
    pub langs: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// List every segment in the JSON report, not only those that are not current.
    #[arg(long)]
    pub all: bool,
}

/// Builds the report and the verdicts, reporting unreadable files on `err`. `None`: tolk
/// could not run at all (reported).
pub fn build(
    args: &Args,
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<Option<(Workspace, Report, Verdicts)>> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(None);
    };
    let tm = match Tm::open_read_only(&ws.memory_path()) {
        Ok(tm) => tm,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(None);
        }
    };
    let Some((paths, langs)) = super::select(&ws, &args.paths, &args.langs, l, err)? else {
        return Ok(None);
    };
    let filter = Filter {
        paths,
        langs,
        all: args.all,
    };
    // The whole workspace: the cache beside the memory saves reading files that did not change.
    let whole = filter.paths.is_empty() && filter.langs.is_empty() && !filter.all;
    let cache = report::cache::path_of(&ws);
    let built = if whole {
        report::cache::build_cached(&ws, tm.as_ref(), &cache)
    } else {
        report::build(&ws, tm.as_ref(), &filter)
    };
    let mut report = match built {
        Ok(r) => r,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(None);
        }
    };
    for e in &mut report.errors {
        if let Some(pe) = &e.error {
            let m = error::posting(pe);
            error::report(l, err, &m)?;
            // What the formats for machines and CI (JSON, annotations) say of it: the same.
            e.message = m.text(l);
        }
    }
    let verdicts = check::evaluate(&report, &ws.config, &super::now());
    Ok(Some((ws, report, verdicts)))
}

/// Writes the report in a format.
pub fn render(
    report: &Report,
    verdicts: &Verdicts,
    format: ReportFormat,
    check_text: bool,
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Text if check_text => report::check_text::write(report, verdicts, l, out),
        ReportFormat::Text => report::text::write(report, l, out),
        ReportFormat::Json => report::json::write(report, verdicts, out),
        ReportFormat::Markdown => report::markdown::write(report, verdicts, l, out),
        ReportFormat::Junit => report::junit::write(report, verdicts, l, out),
        ReportFormat::Github => report::github::write(report, verdicts, l, out),
        ReportFormat::Codequality => report::codequality::write(report, verdicts, l, out),
    }
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some((_, report, verdicts)) = build(&args, l, err)? else {
        return Ok(2);
    };
    // A report of many postings is many lines: written in blocks, not a line at a time.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    render(&report, &verdicts, args.format, false, l, &mut out)?;
    // On a terminal, the next command to run (never when piped or in another format).
    if args.format == ReportFormat::Text && io::IsTerminal::is_terminal(&io::stdout()) {
        report::text::write_next_steps(&report, l, &mut out)?;
    }
    out.flush()?;
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}
