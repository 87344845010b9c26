//! `tolk diff`: for each stale segment, what changed in the English since the translation was
//! made, the translation as it is, and suggestions from the memory; untranslated segments with
//! their suggestions. Read-only.

use std::io::{self, Write};

use tolk::compare::State;
use tolk::i18n::Localizer;
use tolk::report::{self, Filter, PostingState};
use tolk::suggest::{Ask, Memory};
use tolk::tm::Tm;
use tolk::tr;

use super::error;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Show what changed in the English for each stale translation, with suggestions.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to show (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
    /// The target language.
    #[arg(long = "lang", value_name = "LANG", required = true)]
    lang: String,
    /// Colour deletions and insertions: auto (on a terminal, unless NO_COLOR is set), always,
    /// never (then they are marked [-old-]{+new+}).
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Least percentage of matching words for a fuzzy suggestion.
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u32).range(1..=100))]
    threshold: u32,
}

/// Whether to colour, by the flag, NO_COLOR and the terminal.
pub fn use_colour(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        // NO_COLOR, CLICOLOR, CLICOLOR_FORCE, TERM=dumb and the terminal, as anstream reads
        // them.
        Color::Auto => anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never,
    }
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let tm = match Tm::open_read_only(&ws.memory_path()) {
        Ok(tm) => tm,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    let Some((paths, langs)) =
        super::select(&ws, &args.paths, std::slice::from_ref(&args.lang), l, err)?
    else {
        return Ok(2);
    };
    let filter = Filter {
        paths,
        langs,
        all: false,
    };
    let report = match report::build(&ws, tm.as_ref(), &filter) {
        Ok(r) => r,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    for e in &report.errors {
        if let Some(pe) = &e.error {
            error::report(l, err, &error::posting(pe))?;
        }
    }
    let memory = match tm.as_ref().map(|tm| tm.candidates(&args.lang)) {
        Some(Ok(c)) => Memory::new(c),
        Some(Err(e)) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
        None => Memory::new(Vec::new()),
    };
    let colour = use_colour(args.color);
    let lang_name = l.tr(&format!("lang-{}", args.lang), None);
    let mut shown = 0;
    for p in &report.postings {
        if p.state == PostingState::Missing {
            writeln!(
                out,
                "{}",
                tr!(
                    l,
                    "diff-missing",
                    file = p.file.clone(),
                    path = p.path.clone(),
                    lang = args.lang.clone()
                )
            )?;
            writeln!(out)?;
            continue;
        }
        if p.state == PostingState::Orphaned {
            // Nothing to compare with: its English is gone.
            let warning = tr!(l, "warning-orphan", path = p.file.clone());
            writeln!(out, "{warning}")?;
            writeln!(out)?;
            shown += 1;
            continue;
        }
        for s in p
            .segments
            .iter()
            .filter(|s| matches!(s.state, State::Stale | State::Untranslated))
        {
            shown += 1;
            let machine = match &tm {
                Some(tm) => tm.machine_answers(&p.path, &p.lang).unwrap_or_default(),
                None => Vec::new(),
            };
            let suggestions = tolk::suggest::offered(
                &memory,
                &machine,
                &Ask {
                    source: s.source.as_deref().unwrap_or(""),
                    heading: s.heading.as_deref(),
                    posting: &p.path,
                    translation: s.translation.as_deref(),
                    conflict: None,
                    threshold: args.threshold,
                },
            );
            let entry =
                tolk::report::entry::render(l, &p.file, s, &suggestions, &lang_name, colour);
            write!(out, "{entry}")?;
        }
    }
    if shown == 0 {
        writeln!(out, "{}", tr!(l, "diff-nothing", lang = args.lang.clone()))?;
    }
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}
