//! One segment to translate, as `tolk diff` and `tolk translate` show it: where to edit, the
//! English's word diff since the translation was made, the translation as it is, and the
//! suggestions with why each is offered. Colours (by `anstyle`) only when asked.

use anstyle::{AnsiColor, Effects, Style};

use crate::compare::State;
use crate::diff::{Part, plain, word_diff};
use crate::i18n::Localizer;
use crate::report::SegmentReport;
use crate::suggest::{Suggestion, Why};
use crate::tr;

/// The heading line of an entry.
const HEAD: Style = AnsiColor::Cyan.on_default().effects(Effects::BOLD);
/// Words the English lost: red, struck through.
const DELETED: Style = AnsiColor::Red.on_default().effects(Effects::STRIKETHROUGH);
/// Words the English gained: green, underlined.
const INSERTED: Style = AnsiColor::Green.on_default().effects(Effects::UNDERLINE);

/// A word diff for a terminal: deletions red and struck through, insertions green and
/// underlined.
pub fn coloured(parts: &[Part]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Same(s) => out.push_str(s),
            Part::Deleted(s) => out.push_str(&format!("{DELETED}{s}{DELETED:#}")),
            Part::Inserted(s) => out.push_str(&format!("{INSERTED}{s}{INSERTED:#}")),
        }
    }
    out
}

/// A word diff, coloured or marked `[-old-]{+new+}`.
fn diff(old: &str, new: &str, colour: bool) -> String {
    let d = word_diff(old, new);
    if colour { coloured(&d) } else { plain(&d) }
}

/// Where to edit a segment of the variant file `file`: `file:line`, or after which line an
/// untranslated one belongs.
pub fn place(l: &Localizer, file: &str, s: &SegmentReport) -> String {
    match (s.translation_line, s.insert_after_line) {
        (Some(line), _) => format!("{file}:{line}"),
        (None, Some(line)) => tr!(l, "diff-insert-after", file = file.to_string(), line = line),
        (None, None) => file.to_string(),
    }
}

/// A segment to translate, by its state: stale (with how the English changed) or untranslated.
pub fn state(l: &Localizer, s: &SegmentReport) -> String {
    match (s.state, s.change) {
        (State::Stale, Some(c)) => tr!(
            l,
            "diff-state-stale",
            change = l.tr(&format!("change-{}", c.as_str()), None)
        ),
        _ => tr!(l, "diff-state-untranslated"),
    }
}

/// One entry, ending with a blank line: `file:line  key  state`, the English (a word diff when
/// stale), the translation, the numbered suggestions.
pub fn render(
    l: &Localizer,
    file: &str,
    s: &SegmentReport,
    suggestions: &[Suggestion],
    lang_name: &str,
    colour: bool,
) -> String {
    let mut out = String::new();
    let head = format!("{}  {}  {}", place(l, file, s), s.key, state(l, s));
    if colour {
        out.push_str(&format!("{HEAD}{head}{HEAD:#}\n"));
    } else {
        out.push_str(&format!("{head}\n"));
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
        Some(old) => diff(old, &source, colour),
        None => source.clone(),
    };
    out.push_str(&format!(
        "  {} {}\n",
        label(&labels[0]),
        indent(&english, width + 3)
    ));
    if let Some(t) = &s.translation {
        out.push_str(&format!(
            "  {} {}\n",
            label(&labels[1]),
            indent(t, width + 3)
        ));
    }
    if suggestions.is_empty() {
        out.push_str(&format!(
            "  {} {}\n",
            label(&labels[2]),
            tr!(l, "diff-no-suggestions")
        ));
    } else {
        out.push_str(&format!("  {}\n", label(&labels[2])));
        for (n, sg) in suggestions.iter().enumerate() {
            let why = match &sg.why {
                Why::Context { posting } => tr!(l, "why-context", posting = posting.clone()),
                Why::Exact { posting } => tr!(l, "why-exact", posting = posting.clone()),
                Why::Fuzzy {
                    posting,
                    source: from,
                } => {
                    let d = diff(from, &source, colour);
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
            out.push_str(&format!(
                "    {}. {:>3}%  {}\n",
                n + 1,
                sg.percent,
                indent(&sg.text, 12)
            ));
            out.push_str(&format!("             {why}\n"));
        }
    }
    out.push('\n');
    out
}

/// Indents continuation lines of a multi-line text.
fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_mark_only_the_changed_words() {
        let d = word_diff("Apply by May", "Apply by June");
        let c = coloured(&d);
        assert_eq!(
            c,
            "Apply by \x1b[9m\x1b[31mMay\x1b[0m\x1b[4m\x1b[32mJune\x1b[0m"
        );
        assert_eq!(plain(&d), "Apply by [-May-]{+June+}");
    }
}
