//! `tolk diff`: for each stale segment, what changed in the English since the translation was
//! made, the translation as it is, and suggestions from the memory; untranslated segments with
//! their suggestions. Read-only.

use std::io::{self, IsTerminal, Write};

use tolk::compare::State;
use tolk::diff::{coloured, plain, word_diff};
use tolk::i18n::Localizer;
use tolk::report::{self, Filter, PostingState, SegmentReport};
use tolk::suggest::{Memory, Suggestion, Why};
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
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace(l, err)? else {
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
            let suggestions = s
                .source
                .as_deref()
                .map(|src| {
                    let mut all = tolk::suggest::machine(&machine, src);
                    all.extend(memory.suggest(
                        src,
                        s.heading.as_deref(),
                        Some(&p.path),
                        args.threshold,
                        6,
                    ));
                    all
                })
                .unwrap_or_default()
                .into_iter()
                .filter(|sg| s.translation.as_ref() != Some(&sg.text))
                .take(5)
                .collect::<Vec<_>>();
            write_entry(l, out, &p.file, s, &suggestions, &lang_name, colour)?;
        }
    }
    if shown == 0 {
        writeln!(out, "{}", tr!(l, "diff-nothing", lang = args.lang.clone()))?;
    }
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}

/// One entry: where to edit, the English diff, the translation, the suggestions.
pub fn write_entry(
    l: &Localizer,
    out: &mut dyn Write,
    file: &str,
    s: &SegmentReport,
    suggestions: &[Suggestion],
    lang_name: &str,
    colour: bool,
) -> io::Result<()> {
    let place = match (s.translation_line, s.insert_after_line) {
        (Some(line), _) => format!("{file}:{line}"),
        (None, Some(line)) => tr!(l, "diff-insert-after", file = file.to_string(), line = line),
        (None, None) => file.to_string(),
    };
    let state = match (s.state, s.change) {
        (State::Stale, Some(c)) => tr!(
            l,
            "diff-state-stale",
            change = l.tr(&format!("change-{}", c.as_str()), None)
        ),
        _ => tr!(l, "diff-state-untranslated"),
    };
    let head = format!("{place}  {}  {state}", s.key);
    if colour {
        writeln!(out, "\x1b[1;36m{head}\x1b[0m")?;
    } else {
        writeln!(out, "{head}")?;
    }
    let labels = [
        tr!(l, "diff-label-english"),
        lang_name.to_string(),
        tr!(l, "diff-label-suggestions"),
    ];
    let width = labels.iter().map(|x| x.chars().count()).max().unwrap_or(0) + 1;
    let label = |x: &str| format!("{:width$}", format!("{x}:"));
    let source = s.source.clone().unwrap_or_default();
    let english = match &s.old_source {
        Some(old) => {
            let d = word_diff(old, &source);
            if colour { coloured(&d) } else { plain(&d) }
        }
        None => source.clone(),
    };
    writeln!(
        out,
        "  {} {}",
        label(&labels[0]),
        indent(&english, width + 3)
    )?;
    if let Some(t) = &s.translation {
        writeln!(out, "  {} {}", label(&labels[1]), indent(t, width + 3))?;
    }
    if suggestions.is_empty() {
        writeln!(
            out,
            "  {} {}",
            label(&labels[2]),
            tr!(l, "diff-no-suggestions")
        )?;
    } else {
        writeln!(out, "  {}", label(&labels[2]))?;
        for (n, sg) in suggestions.iter().enumerate() {
            let why = match &sg.why {
                Why::Context { posting } => tr!(l, "why-context", posting = posting.clone()),
                Why::Exact { posting } => tr!(l, "why-exact", posting = posting.clone()),
                Why::Fuzzy { posting, source } => {
                    let d = word_diff(source, &s.source.clone().unwrap_or_default());
                    let d = if colour { coloured(&d) } else { plain(&d) };
                    tr!(l, "why-fuzzy", posting = posting.clone(), diff = d)
                }
                Why::Branch { ours: true } => tr!(l, "why-branch-ours"),
                Why::Branch { ours: false } => tr!(l, "why-branch-theirs"),
                Why::Machine { provider, model } => tr!(
                    l,
                    "why-machine",
                    provider = match model {
                        Some(m) => format!("{provider} {m}"),
                        None => provider.clone(),
                    }
                ),
            };
            writeln!(
                out,
                "    {}. {:>3}%  {}",
                n + 1,
                sg.percent,
                indent(&sg.text, 12)
            )?;
            writeln!(out, "             {why}")?;
        }
    }
    writeln!(out)
}

/// Indents continuation lines of a multi-line text.
fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}
