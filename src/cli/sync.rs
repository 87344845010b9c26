//! `tolk sync`: records the postings on disk in the memory.

use std::io::{self, Write};

use tolk::i18n::Localizer;
use tolk::tr;

use super::error;

/// Record the postings on disk in the memory: new source texts, and each variant's
/// translations with the source text they were made from.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to record (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let bar = super::progress_bar();
    let progress = bar.clone().map(|bar| {
        tolk::fsio::Progress(std::sync::Arc::new(move |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }))
    });
    let Some((paths, _)) = super::select(&ws, &args.paths, &[], l, err)? else {
        return Ok(2);
    };
    let options = tolk::sync::Options {
        paths,
        progress,
        // For the status cache brought up to date after it.
        keep_read: true,
        ..Default::default()
    };
    let whole = options.paths.is_empty();
    let Some(mut report) = super::run_sync(&ws, &mut tm, &options, l, err)? else {
        return Ok(2);
    };
    // The status a person runs next is the warm one: the cache is brought up to date now,
    // with the memory closed (and so checkpointed) first.
    drop(tm);
    if whole && report.errors.is_empty() {
        let given = std::mem::take(&mut report.reports);
        let _ = tolk::report::cache::refresh(&ws, &report.read, given);
    }
    // What the sync read (every file, parsed and split) is not freed one allocation at a time
    // when the process ends a moment later: the system takes it back whole (see the end).
    std::mem::forget(std::mem::take(&mut report.read));
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for (file, w) in &report.warnings {
        error::warn(l, err, &error::warning(file, w))?;
    }
    if tolk::gitsetup::merge_driver_missing(&ws) {
        let m = error::Message::new("warning-merge-driver-missing")
            .arg("memory", ws.config.memory.display().to_string())
            .hint("hint-merge-driver-missing");
        error::warn(l, err, &m)?;
    }
    for e in &report.errors {
        error::report(l, err, &error::posting(e))?;
    }
    for (file, reason) in &report.write_errors {
        error::report(l, err, &error::io_write(std::path::Path::new(file), reason))?;
    }
    let versions: usize = report.postings.iter().map(|p| p.new_versions).sum();
    let recorded: usize = report
        .postings
        .iter()
        .flat_map(|p| &p.recorded)
        .map(|(_, n)| n)
        .sum();
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "sync-summary",
            postings = report.postings.len(),
            versions = versions,
            translations = recorded
        )
    )?;
    for p in &report.postings {
        for (lang, n) in &p.carried {
            writeln!(
                out,
                "{}",
                tr!(
                    l,
                    "sync-carried",
                    file = ws.display(lang, &p.rel),
                    count = *n
                )
            )?;
        }
        for (_, file, line, key) in &p.unaligned {
            error::warn(
                l,
                err,
                &error::Message::new("warning-unaligned")
                    .arg("path", file.clone())
                    .num("line", *line)
                    .arg("key", key.clone()),
            )?;
        }
    }
    for p in &report.postings {
        for (file, line, key, problem) in &p.problems {
            error::warn_problem(l, err, file, *line, key, problem)?;
        }
    }
    for file in &report.orphans {
        error::warn(
            l,
            err,
            &error::Message::new("warning-orphan").arg("path", file.clone()),
        )?;
    }
    let code = if report.errors.is_empty() && report.write_errors.is_empty() {
        0
    } else {
        2
    };
    // Freeing the report and what the sync read took 8-9 ms of a cold sync of 300 postings
    // (~300 ms), on one core at the very end; this command returns to `main`, which exits.
    std::mem::forget(report);
    Ok(code)
}
