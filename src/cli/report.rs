//! `tolk report --out DIR`: a static HTML report (works opened from disk) and an SVG badge per
//! language. Read-only for the memory.

use std::io::{self, Write};
use std::path::PathBuf;

use tolk::check::Verdict;
use tolk::i18n::Localizer;
use tolk::tr;

use super::error;
use super::status::{self, ReportFormat};

/// Write an HTML report and SVG badges into a folder.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write into (created if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Only this target language (repeatable).
    #[arg(long = "lang", value_name = "LANG")]
    langs: Vec<String>,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let sargs = status::Args {
        paths: Vec::new(),
        langs: args.langs,
        format: ReportFormat::Text,
        all: false,
    };
    let langs = sargs.langs.clone();
    let Some((ws, report, verdicts)) = status::build(&sargs, l, err)? else {
        return Ok(2);
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        error::report(l, err, &error::io(&args.out, &tolk::posting::io_reason(&e)))?;
        return Ok(2);
    }
    let mut files = vec![(
        "index.html".to_string(),
        tolk::report::html::page(&report, &verdicts, l),
    )];
    // A page per posting and language, with every segment: built and written a few pages at a
    // time by the library.
    let verdict: std::collections::HashMap<(&str, &str), Verdict> = report
        .postings
        .iter()
        .zip(verdicts.iter())
        .map(|(p, v)| ((p.path.as_str(), p.lang.as_str()), v))
        .collect();
    let tm = match tolk::tm::Tm::open_read_only(&ws.memory_path()) {
        Ok(tm) => tm,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    let mut write = |name: &str, content: &str| -> io::Result<()> {
        let path = args.out.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        tolk::fsio::write_atomic(&path, content.as_bytes())
    };
    let pages = match tolk::report::html::posting_pages(
        &ws,
        tm.as_ref(),
        &langs,
        &|path, lang| verdict.get(&(path, lang)).copied().unwrap_or(Verdict::Pass),
        l,
        &mut write,
    ) {
        Ok(n) => n,
        Err(tolk::report::html::PagesError::Tm(e)) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
        Err(tolk::report::html::PagesError::Write(name, e)) => {
            let path = args.out.join(name);
            error::report(l, err, &error::io(&path, &tolk::posting::io_reason(&e)))?;
            return Ok(2);
        }
    };
    for (lang, c) in report.by_language() {
        let v = report
            .postings
            .iter()
            .zip(verdicts.iter())
            .filter(|(p, _)| p.lang == lang)
            .map(|(_, v)| v)
            .max()
            .unwrap_or(Verdict::Pass);
        files.push((
            format!("badge-{lang}.svg"),
            tolk::report::html::badge(&lang, c.percent_current(), v),
        ));
    }
    for (name, content) in &files {
        let path = args.out.join(name);
        if let Err(e) = tolk::fsio::write_atomic(&path, content.as_bytes()) {
            error::report(l, err, &error::io(&path, &tolk::posting::io_reason(&e)))?;
            return Ok(2);
        }
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "report-written",
            path = args.out.join("index.html").display().to_string(),
            pages = pages,
            badges = files.len() - 1
        )
    )?;
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}
