//! `tolk translate`: walks the stale and untranslated segments of one posting, one at a time,
//! and takes one key for each: a suggestion's number, e (edit), k (keep: the English change
//! needs no new translation), s (skip), q (quit). Each answer is written at once, to the
//! variant file (only that segment's bytes change) and to the memory.
//!
//! On a terminal, editing opens a line editor with the current text filled in (`$EDITOR` for
//! texts of several lines). With answers piped on stdin, each answer is a line; after `e` the
//! next line is the new text (or `e TEXT` on one line), with `\n` for line breaks.

use std::collections::BTreeSet;
use std::io::{self, BufRead, IsTerminal, Write};

use tolk::compare::State;
use tolk::i18n::Localizer;
use tolk::report::{self, Filter, SegmentReport};
use tolk::suggest::Memory;
use tolk::sync::{Accept, Options};
use tolk::tr;

use super::diff::{Color, use_colour, write_entry};
use super::error;

/// Translate the stale and untranslated segments of a posting, one at a time.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The posting (a path inside a language folder, or a file).
    path: String,
    /// The target language.
    #[arg(long = "lang", value_name = "LANG")]
    lang: String,
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Least percentage of matching words for a fuzzy suggestion.
    #[arg(long, default_value_t = 75)]
    threshold: u32,
}

/// Where answers come from: a line editor on a terminal, lines otherwise.
pub(super) enum Input {
    Terminal(Box<rustyline::DefaultEditor>),
    Lines(Box<dyn BufRead>),
}

impl Input {
    /// A line editor when both stdin and stdout are a terminal, lines of stdin otherwise.
    pub(super) fn new() -> io::Result<Input> {
        if io::stdin().is_terminal() && io::stdout().is_terminal() {
            match rustyline::DefaultEditor::new() {
                Ok(ed) => Ok(Input::Terminal(Box::new(ed))),
                Err(e) => Err(io::Error::other(e.to_string())),
            }
        } else {
            Ok(Input::Lines(Box::new(io::BufReader::new(io::stdin()))))
        }
    }

    /// One line of input, `None` at the end.
    pub(super) fn line(
        &mut self,
        prompt: &str,
        initial: &str,
        out: &mut dyn Write,
    ) -> io::Result<Option<String>> {
        match self {
            Input::Terminal(ed) => {
                out.flush()?;
                match ed.readline_with_initial(prompt, (initial, "")) {
                    Ok(l) => Ok(Some(l)),
                    Err(
                        rustyline::error::ReadlineError::Interrupted
                        | rustyline::error::ReadlineError::Eof,
                    ) => Ok(None),
                    Err(e) => Err(io::Error::other(e.to_string())),
                }
            }
            Input::Lines(r) => {
                write!(out, "{prompt}")?;
                out.flush()?;
                let mut s = String::new();
                if r.read_line(&mut s)? == 0 {
                    return Ok(None);
                }
                writeln!(out)?;
                Ok(Some(s.trim_end_matches(['\n', '\r']).to_string()))
            }
        }
    }
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace(l, err)? else {
        return Ok(2);
    };
    let Some(rel) = super::posting_rel(&ws, &args.path, l, err)? else {
        return Ok(2);
    };
    let lang = args.lang.clone();
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    if !ws.file(&lang, &rel).exists()
        && !super::new::create(&ws, &mut tm, &rel, &lang, l, out, err)?
    {
        return Ok(2);
    }
    let mut input = Input::new()?;
    let colour = use_colour(args.color);
    let lang_name = l.tr(&format!("lang-{lang}"), None);
    let mut skipped: BTreeSet<String> = BTreeSet::new();
    let mut answered: usize = 0;
    loop {
        // Every segment: the current ones too, for merge conflicts.
        let filter = Filter {
            paths: vec![rel.clone()],
            langs: vec![lang.clone()],
            all: true,
        };
        let report = match report::build(&ws, Some(&tm), &filter) {
            Ok(r) => r,
            Err(e) => {
                error::report(l, err, &error::tm(&e))?;
                return Ok(2);
            }
        };
        if let Some(e) = report.errors.first().and_then(|e| e.error.as_ref()) {
            error::report(l, err, &error::posting(e))?;
            return Ok(2);
        }
        let Some(posting) = report.postings.first() else {
            break;
        };
        let conflict = |key: &str| posting.conflicts.iter().find(|c| c.key == key);
        let todo: Vec<&SegmentReport> = posting
            .segments
            .iter()
            .filter(|s| {
                (matches!(s.state, State::Stale | State::Untranslated)
                    || conflict(&s.key).is_some())
                    && !skipped.contains(&s.key)
            })
            .collect();
        let Some(seg) = todo.first() else {
            writeln!(
                out,
                "{}",
                tr!(
                    l,
                    "translate-done",
                    file = posting.file.clone(),
                    answered = answered
                )
            )?;
            break;
        };
        let memory = Memory::new(tm.candidates(&lang).unwrap_or_default());
        let machine = tm.machine_answers(&rel, &lang).unwrap_or_default();
        let source = seg.source.as_deref().unwrap_or("");
        // A merge conflict: the two branches' translations first.
        let mut suggestions: Vec<tolk::suggest::Suggestion> = conflict(&seg.key)
            .map(|c| {
                [(c.ours.clone(), true), (c.theirs.clone(), false)]
                    .into_iter()
                    .map(|(text, ours)| tolk::suggest::Suggestion {
                        text,
                        percent: 100,
                        why: tolk::suggest::Why::Branch { ours },
                    })
                    .collect()
            })
            .unwrap_or_default();
        suggestions.extend(tolk::suggest::machine(&machine, source));
        suggestions.extend(memory.suggest(
            source,
            seg.heading.as_deref(),
            Some(&rel),
            args.threshold,
            6,
        ));
        let suggestions: Vec<_> = suggestions
            .into_iter()
            .filter(|sg| {
                matches!(sg.why, tolk::suggest::Why::Branch { .. })
                    || seg.translation.as_ref() != Some(&sg.text)
            })
            .take(5)
            .collect();
        writeln!(out, "{}", tr!(l, "translate-progress", left = todo.len()))?;
        write_entry(l, out, &posting.file, seg, &suggestions, &lang_name, colour)?;
        let prompt = tr!(l, "translate-prompt", count = suggestions.len());
        let Some(answer) = input.line(&format!("{prompt} "), "", out)? else {
            break;
        };
        let answer = answer.trim();
        let (cmd, rest) = answer.split_once(' ').unwrap_or((answer, ""));
        let new_text = match cmd {
            "q" => break,
            "s" => {
                skipped.insert(seg.key.clone());
                continue;
            }
            // A conflict kept as the file has it: the sync records it, which resolves it.
            "k" if conflict(&seg.key).is_some() && seg.state != State::Stale => {
                let options = Options {
                    paths: vec![rel.clone()],
                    ..Default::default()
                };
                if super::run_sync(&ws, &mut tm, &options, l, err)?.is_none() {
                    return Ok(2);
                }
                skipped.insert(seg.key.clone());
                answered += 1;
                continue;
            }
            "k" if seg.state == State::Stale => {
                let options = Options {
                    paths: vec![rel.clone()],
                    accept: vec![Accept {
                        rel: rel.clone(),
                        lang: lang.clone(),
                        keys: Some(vec![seg.key.clone()]),
                    }],
                    ..Default::default()
                };
                if super::run_sync(&ws, &mut tm, &options, l, err)?.is_none() {
                    return Ok(2);
                }
                answered += 1;
                continue;
            }
            "e" => {
                let current = seg
                    .translation
                    .clone()
                    .unwrap_or_else(|| seg.source.clone().unwrap_or_default());
                let typed = if !rest.is_empty() {
                    Some(rest.to_string())
                } else {
                    edit(&mut input, &current, l, out)?
                };
                match typed {
                    Some(t) if !t.trim().is_empty() => t,
                    _ => continue,
                }
            }
            n if n
                .parse::<usize>()
                .is_ok_and(|n| n >= 1 && n <= suggestions.len()) =>
            {
                suggestions[n.parse::<usize>().unwrap_or(1) - 1]
                    .text
                    .clone()
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
        let text = new_text.replace("\\n", "\n");
        if let Err(e) = tolk::translate::write(&ws, Some(&tm), &rel, &lang, &seg.key, &text) {
            error::report(l, err, &error::translate(&e, &posting.file))?;
            return Ok(2);
        }
        let options = Options {
            paths: vec![rel.clone()],
            ..Default::default()
        };
        let Some(done) = super::run_sync(&ws, &mut tm, &options, l, err)? else {
            return Ok(2);
        };
        // What the content checks say about the answer, at once.
        let file = ws.display(&lang, &rel);
        for p in &done.postings {
            for (f, line, key, problem) in p.problems.iter().filter(|(f, ..)| *f == file) {
                error::warn_problem(l, err, f, *line, key, problem)?;
            }
        }
        answered += 1;
    }
    Ok(0)
}

/// The new text: a line editor with the current text (or `$EDITOR` for texts of several lines)
/// on a terminal; the next line otherwise.
pub(super) fn edit(
    input: &mut Input,
    current: &str,
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<Option<String>> {
    if let Input::Terminal(_) = input
        && current.contains('\n')
        && let Ok(editor) = std::env::var("EDITOR")
    {
        // A private folder with an unpredictable name (0700), removed when done.
        let dir = tempfile::Builder::new().prefix("tolk-edit-").tempdir()?;
        let file = dir.path().join("segment.md");
        std::fs::write(&file, current)?;
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(&file)
            .status()?;
        let text = std::fs::read_to_string(&file)?;
        drop(dir);
        return Ok(if status.success() {
            Some(text.trim_end_matches('\n').to_string())
        } else {
            None
        });
    }
    let prompt = format!("{} ", tr!(l, "translate-edit-prompt"));
    match input {
        Input::Terminal(_) => input.line(&prompt, &current.replace('\n', "\\n"), out),
        Input::Lines(_) => input.line(&prompt, "", out),
    }
}
