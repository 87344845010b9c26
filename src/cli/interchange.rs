//! `tolk extract` (a work package in XLIFF 1.2 or PO, or the memory as TMX) and `tolk import`
//! (a package back, or a TMX file's translations as matches).

use std::io::{self, Write};
use std::path::PathBuf;

use tolk::i18n::Localizer;
use tolk::interchange::{self, Broken, Error, Refused, UnitState, xliff::Labels};
use tolk::tm::Tm;
use tolk::tr;

use super::error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Xliff,
    Po,
    Tmx,
}

/// Write a work package for a translator's CAT tool (XLIFF 1.2 or PO), or the memory as TMX.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Postings (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
    #[arg(long, value_enum)]
    format: Format,
    /// The target language (for TMX: repeat for several; default all).
    #[arg(long = "lang", value_name = "LANG")]
    langs: Vec<String>,
    /// Every segment, not only the stale, untranslated and unreviewed ones.
    #[arg(long)]
    all: bool,
    /// Send again the segments already out in a package (not imported yet).
    #[arg(long)]
    again: bool,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Bring a translated package (XLIFF or PO) back, or a TMX file's translations in as matches.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file (XLIFF, PO or TMX, told apart by its content).
    file: PathBuf,
}

fn labels(l: &Localizer) -> Labels {
    Labels {
        title: tr!(l, "package-title"),
        headings: tr!(l, "package-headings"),
        old_source: tr!(l, "package-old-source"),
        diff: tr!(l, "package-diff"),
        machine: tr!(l, "package-machine"),
    }
}

pub fn extract(
    args: ExtractArgs,
    l: &Localizer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let Some((paths, langs)) = super::select(&ws, &args.paths, &args.langs, l, err)? else {
        return Ok(2);
    };
    let tm = match Tm::open_read_only(&ws.memory_path()) {
        Ok(t) => t,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    let write = |text: &str, err: &mut dyn Write| -> io::Result<bool> {
        if let Err(e) = tolk::fsio::write_atomic(&args.out, text.as_bytes()) {
            error::report(l, err, &error::io(&args.out, &tolk::fsio::io_reason(&e)))?;
            return Ok(false);
        }
        Ok(true)
    };
    let file = args.out.display().to_string();
    if args.format == Format::Tmx {
        let langs = if langs.is_empty() {
            ws.config.targets.clone()
        } else {
            langs
        };
        let Some(tm) = tm else {
            writeln!(
                out,
                "{}",
                tr!(l, "extract-tmx-written", file = file, count = 0usize)
            )?;
            return Ok(0);
        };
        let (text, n) = match interchange::tmx::write(&tm, &ws.config.source, &langs) {
            Ok(x) => x,
            Err(e) => {
                error::report(l, err, &error::tm(&e))?;
                return Ok(2);
            }
        };
        if !write(&text, err)? {
            return Ok(2);
        }
        writeln!(
            out,
            "{}",
            tr!(l, "extract-tmx-written", file = file, count = n)
        )?;
        return Ok(0);
    }
    let [lang] = langs.as_slice() else {
        error::report(l, err, &error::Message::new("extract-one-lang"))?;
        return Ok(2);
    };
    let interchange::Made {
        package: mut pkg,
        errors: problems,
        refused,
    } = match interchange::package(&ws, tm.as_ref(), &paths, lang, args.all) {
        Ok(p) => p,
        Err(e) => return broken(l, err, &file, &e),
    };
    drop(tm);
    // What is out in a package already is not sent twice (unless --again), and what this
    // package sends is recorded: the memory is written.
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let left_out = if args.again {
        0
    } else {
        match tm.package_units() {
            Ok(out) => pkg.without_units_out(&out),
            Err(e) => {
                error::report(l, err, &error::tm(&e))?;
                return Ok(2);
            }
        }
    };
    error::report_unique(l, err, problems.iter().map(|(f, e)| error::translate(e, f)))?;
    // Units of a page that takes no answer would be refused on import: not sent.
    for (page, count, why) in &refused {
        error::warn(
            l,
            err,
            &error::Message::new("extract-refused")
                .arg("file", page.clone())
                .num("count", *count)
                .arg("why", error::refusal(why, page).text(l)),
        )?;
    }
    let text = match args.format {
        Format::Xliff => interchange::xliff::write(&pkg, &ws.config.rules, &labels(l)),
        _ => interchange::po::write(&pkg, &labels(l), &super::now()),
    };
    if !write(&text, err)? {
        return Ok(2);
    }
    let now = super::now();
    let who = super::who();
    let package = args
        .out
        .file_name()
        .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
    let recorded = tm.writer(&now, who.as_deref()).and_then(|mut w| {
        w.set_package_units(lang, &pkg.sent(), &package)?;
        w.commit()
    });
    if let Err(e) = recorded {
        error::report(l, err, &error::tm(&e))?;
        return Ok(2);
    }
    if left_out > 0 {
        writeln!(out, "{}", tr!(l, "extract-left-out", count = left_out))?;
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "extract-written",
            file = file,
            units = pkg.units(),
            untranslated = pkg.count(UnitState::Untranslated),
            stale = pkg.count(UnitState::Stale),
            unreviewed = pkg.count(UnitState::Unreviewed)
        )
    )?;
    Ok(if problems.is_empty() { 0 } else { 2 })
}

fn broken(l: &Localizer, err: &mut dyn Write, file: &str, e: &Error) -> io::Result<u8> {
    let m = match e {
        Error::Tm(e) => error::tm(e),
        Error::Translate(e) => error::translate(e, file),
        Error::Io(reason) => error::io(std::path::Path::new(file), reason),
        Error::Broken { line, problem } => {
            let (id, what) = match problem {
                Broken::NotUtf8 => ("import-not-utf8", String::new()),
                Broken::NotXml(m) => ("import-not-xml", m.clone()),
                Broken::UnknownFormat => ("import-unknown-format", String::new()),
                Broken::Version(v) => ("import-version", v.clone()),
                Broken::UnknownId(v) => ("import-unknown-id", v.clone()),
                Broken::Duplicate(v) => ("import-duplicate", v.clone()),
                Broken::Missing(v) => ("import-missing", v.clone()),
                Broken::Language(v) => ("import-language", v.clone()),
                Broken::Po(v) => ("import-po", v.clone()),
            };
            error::Message::new(id)
                .arg("place", format!("{file}:{line}"))
                .arg("what", what)
        }
    };
    error::report(l, err, &m)?;
    Ok(2)
}

pub fn import(
    args: ImportArgs,
    l: &Localizer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let file = args.file.display().to_string();
    // The file is read (and refused if broken) before the memory is opened.
    let read = match interchange::read(&args.file, &ws.config.source) {
        Ok(r) => r,
        Err(e) => return broken(l, err, &file, &e),
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let now = super::now();
    let who = super::who();
    let read = match read {
        interchange::File::Package(r) => r,
        interchange::File::Memory(pairs) => {
            let origin = args
                .file
                .file_name()
                .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
            let targets = &ws.config.targets;
            return match interchange::tmx::keep(
                &mut tm,
                &now,
                who.as_deref(),
                targets,
                &pairs,
                &origin,
            ) {
                Ok(new) => {
                    writeln!(
                        out,
                        "{}",
                        tr!(l, "import-tmx", file = file, count = pairs.len(), new = new)
                    )?;
                    Ok(0)
                }
                Err(e) => {
                    error::report(l, err, &error::tm(&e))?;
                    Ok(2)
                }
            };
        }
    };
    let done = match interchange::import(&ws, &mut tm, &now, who.as_deref(), &read) {
        Ok(d) => d,
        Err(e) => return broken(l, err, &file, &e),
    };
    if let Some(s) = &done.sync {
        for p in &s.postings {
            for (f, line, key, problem) in &p.problems {
                error::warn_problem(l, err, f, *line, key, problem)?;
            }
        }
    }
    // A page that takes no answer refuses each of its units for the same reason: said once
    // for the page, at its first unit's line, with how many; other reasons by unit.
    let said: Vec<(usize, &str, String, Option<&str>)> = (done.refused.iter())
        .map(|(line, id, why)| {
            let rel = id.split_once('#').map_or(id.as_str(), |(rel, _)| rel);
            let (text, page) = match why {
                Refused::SourceChanged => (tr!(l, "import-why-source-changed"), None),
                Refused::TargetChanged => (tr!(l, "import-why-target-changed"), None),
                Refused::NoSegment => (tr!(l, "import-why-no-segment"), None),
                Refused::TagMissing(n) => {
                    (tr!(l, "import-why-tag-missing", tag = n.to_string()), None)
                }
                Refused::TagTwice(n) => (tr!(l, "import-why-tag-twice", tag = n.to_string()), None),
                Refused::TagUnknown(n) => {
                    (tr!(l, "import-why-tag-unknown", tag = n.to_string()), None)
                }
                Refused::Content(k, d) => (
                    tr!(
                        l,
                        "import-why-content",
                        detail = format!("{}: {d}", k.as_str())
                    ),
                    None,
                ),
                Refused::Page(why) => {
                    let whole = matches!(
                        why,
                        tolk::translate::Refusal::Shortcodes { .. }
                            | tolk::translate::Refusal::Glued { .. }
                    );
                    (error::refusal(why, rel).text(l), whole.then_some(rel))
                }
            };
            (*line, id.as_str(), text, page)
        })
        .collect();
    let mut pages: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for (_, _, text, page) in &said {
        if let Some(rel) = page {
            *pages.entry((rel, text.as_str())).or_default() += 1;
        }
    }
    let mut told = std::collections::HashSet::new();
    for (line, id, why, page) in &said {
        let place = format!("{file}:{line}");
        match page.map(|rel| (rel, pages[&(rel, why.as_str())])) {
            Some((rel, count)) if count > 1 => {
                if told.insert((rel, why.as_str())) {
                    writeln!(
                        out,
                        "{}",
                        tr!(
                            l,
                            "import-refused-page",
                            place = place,
                            count = count,
                            posting = rel.to_string(),
                            why = why.clone()
                        )
                    )?;
                }
            }
            _ => writeln!(
                out,
                "{}",
                tr!(
                    l,
                    "import-refused",
                    place = place,
                    id = id.to_string(),
                    why = why.clone()
                )
            )?,
        }
    }
    for (f, n) in &done.written {
        writeln!(
            out,
            "{}",
            tr!(l, "import-written", file = f.clone(), count = *n)
        )?;
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "import-summary",
            written = done.written.iter().map(|(_, n)| n).sum::<usize>(),
            confirmed = done.confirmed,
            approved = done.approved,
            unchanged = done.unchanged,
            open = done.not_done,
            refused = done.refused.len()
        )
    )?;
    Ok(if done.refused.is_empty() { 0 } else { 1 })
}
