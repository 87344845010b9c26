//! `tolk translate`: walks the stale and untranslated segments of one posting, one at a time,
//! and takes one key for each: a suggestion's number, e (edit), k (keep: the English change
//! needs no new translation), s (skip), q (quit). Each answer is written at once, to the
//! variant file (only that segment's bytes change) and to the memory.
//!
//! On a terminal, editing opens a line editor with the current text filled in (`$EDITOR` for
//! texts of several lines). With answers piped on stdin, each answer is a line; after `e` the
//! next line is the new text (or `e TEXT` on one line), with `\n` for line breaks.

use std::io::{self, BufRead, IsTerminal, Write};

use tolk::i18n::Localizer;
use tolk::report::entry::render;
use tolk::tr;
use tolk::translate::session::{Answer, Outcome, Session};

use super::diff::{Color, use_colour};
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
    let Some(ws) = super::workspace_with_postings(l, err)? else {
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
    let shown = ws.display(&lang, &rel);
    let now = super::now();
    let who = super::who();
    let mut session = match Session::open(
        &ws,
        &mut tm,
        &rel,
        &lang,
        args.threshold,
        &now,
        who.as_deref(),
    ) {
        Ok(s) => s,
        Err(e) => {
            error::report(l, err, &error::translate(&e, &shown))?;
            return Ok(2);
        }
    };
    let mut input = Input::new()?;
    let colour = use_colour(args.color);
    let lang_name = l.tr(&format!("lang-{lang}"), None);
    while let Some(item) = session.next() {
        writeln!(out, "{}", tr!(l, "translate-progress", left = item.left))?;
        let entry = render(
            l,
            &item.file,
            &item.segment,
            &item.suggestions,
            &lang_name,
            colour,
        );
        write!(out, "{entry}")?;
        let prompt = tr!(l, "translate-prompt", count = item.suggestions.len());
        let Some(line) = input.line(&format!("{prompt} "), "", out)? else {
            return Ok(0);
        };
        let line = line.trim();
        let (cmd, rest) = line.split_once(' ').unwrap_or((line, ""));
        let answer = match cmd {
            "q" => return Ok(0),
            "s" => Answer::Skip,
            "k" => Answer::Keep,
            "e" if !rest.is_empty() => Answer::Text(rest.to_string()),
            "e" => {
                let seg = &item.segment;
                let current = seg
                    .translation
                    .clone()
                    .unwrap_or_else(|| seg.source.clone().unwrap_or_default());
                match edit(&mut input, &current, l, out)? {
                    Some(t) if !t.trim().is_empty() => Answer::Text(t),
                    _ => continue,
                }
            }
            n => match n.parse::<usize>() {
                Ok(n) => Answer::Pick(n),
                Err(_) => {
                    writeln!(
                        out,
                        "{}",
                        tr!(l, "translate-unknown-answer", answer = line.to_string())
                    )?;
                    continue;
                }
            },
        };
        match session.answer(&item, answer) {
            Ok(Outcome::Refused) => writeln!(
                out,
                "{}",
                tr!(l, "translate-unknown-answer", answer = line.to_string())
            )?,
            // What the content checks say about the answer, at once.
            Ok(Outcome::Written(problems)) => {
                for (line, key, problem) in &problems {
                    error::warn_problem(l, err, &shown, *line, key, problem)?;
                }
            }
            Ok(Outcome::Kept | Outcome::Skipped) => {}
            // A page that takes no answer at all (a code fence after prose): said once, and
            // the session ends, as no answer would be written.
            Ok(Outcome::Breaks(
                e @ tolk::translate::Error::Breaks {
                    why: tolk::translate::Refusal::Glued { .. },
                    ..
                },
            )) => {
                error::report(l, err, &error::translate(&e, &item.file))?;
                return Ok(2);
            }
            // Said, and the same segment is asked again.
            Ok(Outcome::Breaks(e)) => error::report(l, err, &error::translate(&e, &item.file))?,
            Err(e) => {
                error::report(l, err, &error::translate(&e, &item.file))?;
                return Ok(2);
            }
        }
    }
    if let Some(file) = session.file() {
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "translate-done",
                file = file.to_string(),
                answered = session.answered()
            )
        )?;
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
