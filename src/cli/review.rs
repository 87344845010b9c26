//! `tolk review`: walks the machine translations no person has reviewed, each beside its
//! English, and takes one key for each: a (approve), e (edit), s (skip), q (quit). Each answer
//! is recorded at once, so a review stopped halfway goes on where it stopped.
//!
//! With answers piped on stdin, each answer is a line; after `e` the next line is the new text
//! (or `e TEXT` on one line), with `\n` for line breaks.

use std::collections::BTreeSet;
use std::io::{self, Write};

use tolk::i18n::Localizer;
use tolk::review;
use tolk::tr;

use super::error;
use super::translate::{Input, edit};

/// Review machine translations: approve, edit, skip or quit, one at a time.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to review (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
    /// Target languages (repeat for several); default: all.
    #[arg(long = "lang", value_name = "LANG")]
    langs: Vec<String>,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let Some((paths, langs)) = super::select(&ws, &args.paths, &args.langs, l, err)? else {
        return Ok(2);
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let mut input = Input::new()?;
    let now = super::now();
    let who = super::who();
    let mut skipped: BTreeSet<(String, String, String)> = BTreeSet::new();
    let (mut approved, mut edited) = (0usize, 0usize);
    loop {
        let items = match review::unreviewed(&ws, &tm, &paths, &langs) {
            Ok(i) => i,
            Err(e) => return fail(l, err, &e),
        };
        let todo: Vec<&review::Item> = items
            .iter()
            .filter(|i| !skipped.contains(&(i.rel.clone(), i.lang.clone(), i.key.clone())))
            .collect();
        let Some(item) = todo.first() else {
            break;
        };
        writeln!(out, "{}", tr!(l, "review-progress", left = todo.len()))?;
        let by = match &item.model {
            Some(m) => format!("{} {m}", item.provider),
            None => item.provider.clone(),
        };
        writeln!(out, "{}:{}  {}", item.file, item.line, item.key)?;
        writeln!(out, "  {} {}", tr!(l, "review-label-source"), item.source)?;
        writeln!(
            out,
            "  {} {}",
            tr!(l, "review-label-machine", provider = by),
            item.translation
        )?;
        let prompt = tr!(l, "review-prompt");
        let Some(answer) = input.line(&format!("{prompt} "), "", out)? else {
            break;
        };
        let answer = answer.trim();
        let (cmd, rest) = answer.split_once(' ').unwrap_or((answer, ""));
        let done = match cmd {
            "q" => break,
            "s" => {
                skipped.insert((item.rel.clone(), item.lang.clone(), item.key.clone()));
                continue;
            }
            "a" => {
                approved += 1;
                review::approve(&ws, &mut tm, &now, who.as_deref(), item)
            }
            "e" => {
                let typed = if rest.is_empty() {
                    edit(&mut input, &item.translation, l, out)?
                } else {
                    Some(rest.to_string())
                };
                let Some(text) = typed.filter(|t| !t.trim().is_empty()) else {
                    continue;
                };
                edited += 1;
                let text = text.replace("\\n", "\n");
                review::edit(&ws, &mut tm, &now, who.as_deref(), item, &text)
            }
            _ => {
                writeln!(
                    out,
                    "{}",
                    tr!(l, "translate-unknown-answer", answer = answer.to_string())
                )?;
                continue;
            }
        };
        match done {
            Ok(d) if d.flag_cleared => {
                writeln!(
                    out,
                    "{}",
                    tr!(l, "review-flag-cleared", file = item.file.clone())
                )?;
            }
            Ok(_) => {}
            // An edit that would break the page: said, and the review goes on (the machine
            // translation stays unreviewed).
            Err(review::Error::Translate(e @ tolk::translate::Error::Breaks { .. })) => {
                edited -= 1;
                error::report(l, err, &error::translate(&e, &item.file))?;
            }
            Err(e) => return fail(l, err, &e),
        }
    }
    writeln!(
        out,
        "{}",
        tr!(l, "review-done", approved = approved, edited = edited)
    )?;
    Ok(0)
}

fn fail(l: &Localizer, err: &mut dyn Write, e: &review::Error) -> io::Result<u8> {
    let m = match e {
        review::Error::Tm(e) => error::tm(e),
        review::Error::Translate(e) => error::translate(e, ""),
        review::Error::Write(file, reason) => error::io(std::path::Path::new(file), reason),
    };
    error::report(l, err, &m)?;
    Ok(2)
}
