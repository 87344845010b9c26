//! `tolk export`: writes the translated postings into a Hugo site's content folder, from
//! today's English skeleton and each language's translations.

use std::io::{self, Write};
use std::path::PathBuf;

use tolk::export::{Action, Layout, Options, Refusal};
use tolk::i18n::Localizer;
use tolk::tr;

use super::error;

/// Write the translations into the site's content folder.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to export (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
    /// The content folder (default: `[export] to` in tolk.toml, else `content`).
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
    /// Only this language (repeatable).
    #[arg(long = "lang", value_name = "LANG")]
    langs: Vec<String>,
    /// Folder layout (content/<lang>/...) or suffix layout (content/....<lang>.md).
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// Show what would change (a diff per file); write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Exit 1 when the site is out of date with the postings; write nothing.
    #[arg(long)]
    check: bool,
    /// Overwrite files changed by hand since tolk wrote them.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LayoutArg {
    Folder,
    Suffix,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let mut settings = ws.config.export.clone();
    if let Some(layout) = args.layout {
        settings.layout = match layout {
            LayoutArg::Folder => Layout::Folder,
            LayoutArg::Suffix => Layout::Suffix,
        };
    }
    let Some((paths, langs)) = super::select(&ws, &args.paths, &args.langs, l, err)? else {
        return Ok(2);
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let bar = super::progress_bar();
    let options = Options {
        to: args.to.clone(),
        langs,
        paths,
        dry_run: args.dry_run || args.check,
        force: args.force,
        progress: bar.clone().map(|bar| {
            tolk::fsio::Progress(std::sync::Arc::new(move |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }))
        }),
    };
    let report = match tolk::export::export(&ws, &settings, &mut tm, &super::now(), &options) {
        Ok(r) => r,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // A line per file written: in blocks where no one watches them come (a terminal shows
    // them in order with the errors, a line at a time).
    let terminal = io::IsTerminal::is_terminal(&io::stdout());
    let mut out = io::BufWriter::with_capacity(if terminal { 0 } else { 1 << 16 }, out);
    let out = &mut out;
    for e in &report.errors {
        error::report(l, err, &error::posting(e))?;
    }
    let (mut changed, mut unchanged, mut refused) = (0usize, 0usize, 0usize);
    for f in &report.files {
        let path = f.path.display().to_string();
        match &f.action {
            Action::Written | Action::Removed => {
                changed += 1;
                if options.dry_run {
                    let diff = similar::TextDiff::from_lines(&f.before, &f.after);
                    write!(
                        out,
                        "{}",
                        diff.unified_diff().context_radius(2).header(&path, &path)
                    )?;
                } else if f.action == Action::Written {
                    writeln!(out, "{}", tr!(l, "export-written", path = path))?;
                } else {
                    writeln!(out, "{}", tr!(l, "export-removed", path = path))?;
                }
            }
            Action::Unchanged => unchanged += 1,
            Action::Held => writeln!(out, "{}", tr!(l, "export-held", path = path))?,
            Action::HandEdited => {
                refused += 1;
                error::report(
                    l,
                    err,
                    &error::Message::new("error-export-hand-edited")
                        .arg("path", path)
                        .hint("hint-export-hand-edited"),
                )?;
            }
            Action::Outside => {
                refused += 1;
                error::report(
                    l,
                    err,
                    &error::Message::new("error-export-outside").arg("path", path),
                )?;
            }
            Action::Refused(why) => {
                refused += 1;
                error::report(l, err, &refusal(&f.path, why, l))?;
            }
        }
    }
    let id = if options.dry_run {
        "export-summary-dry"
    } else {
        "export-summary"
    };
    writeln!(
        out,
        "{}",
        tr!(l, id, changed = changed, unchanged = unchanged)
    )?;
    out.flush()?;
    if refused > 0 || !report.errors.is_empty() {
        return Ok(2);
    }
    Ok(if args.check && changed > 0 { 1 } else { 0 })
}

/// The message for a page export refused to write.
fn refusal(path: &std::path::Path, why: &Refusal, l: &Localizer) -> error::Message {
    let shown = path.display().to_string();
    let m = match why {
        Refusal::Unreadable { line, error: kind } => {
            let detail = error::posting(&tolk::posting::Error {
                path: path.to_path_buf(),
                line: *line,
                kind: kind.clone(),
            })
            .text(l);
            error::Message::new("error-export-unreadable").arg("detail", detail)
        }
        Refusal::Skeleton {
            call,
            english,
            page,
        } => {
            let nothing = || l.tr("export-nothing", None);
            error::Message::new("error-export-skeleton")
                .num("call", *call)
                .arg("english", english.clone().unwrap_or_else(nothing))
                .arg("page", page.clone().unwrap_or_else(nothing))
        }
        Refusal::Unsafe { line, key } => error::Message::new("error-export-unsafe")
            .num("line", *line)
            .arg("key", key.clone()),
    };
    m.arg("path", shown).hint("hint-export-refused")
}
