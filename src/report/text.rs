//! The status table people read, localized.

use std::io::{self, Write};

use super::{PostingState, Report};
use crate::i18n::Localizer;
use crate::tr;

/// Localized name of a posting state.
pub fn state_name(l: &Localizer, s: PostingState) -> String {
    l.tr(&format!("state-{}", s.as_str()), None)
}

pub fn write(report: &Report, l: &Localizer, out: &mut dyn Write) -> io::Result<()> {
    let headers = [
        tr!(l, "col-posting"),
        tr!(l, "col-lang"),
        tr!(l, "col-state"),
        tr!(l, "col-current"),
        tr!(l, "col-stale"),
        tr!(l, "col-untranslated"),
    ];
    let rows: Vec<[String; 6]> = report
        .postings
        .iter()
        .map(|p| {
            [
                p.path.clone(),
                p.lang.clone(),
                state_name(l, p.state),
                (p.counts.current + p.counts.carried).to_string(),
                p.counts.stale.to_string(),
                p.counts.untranslated.to_string(),
            ]
        })
        .collect();
    let mut width = headers.clone().map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String; 6]| -> String {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(width).enumerate() {
            let pad = w - c.chars().count();
            if i >= 3 {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
            s.push_str("  ");
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(&headers))?;
    for r in &rows {
        writeln!(out, "{}", line(r))?;
    }
    writeln!(out)?;
    for (lang, c) in report.by_language() {
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "status-summary",
                lang = lang.clone(),
                percent = format!("{:.0}", c.percent_current()),
                stale = c.stale,
                untranslated = c.untranslated
            )
        )?;
        let unreviewed: usize = report
            .postings
            .iter()
            .filter(|p| p.lang == lang)
            .map(|p| p.unreviewed.len())
            .sum();
        if unreviewed > 0 {
            writeln!(out, "  {}", tr!(l, "status-unreviewed", count = unreviewed))?;
        }
        let out_in_package: usize = report
            .postings
            .iter()
            .filter(|p| p.lang == lang)
            .map(|p| p.in_package)
            .sum();
        let conflicts: usize = report
            .postings
            .iter()
            .filter(|p| p.lang == lang)
            .map(|p| p.conflicts.len())
            .sum();
        if conflicts > 0 {
            writeln!(out, "  {}", tr!(l, "status-conflicts", count = conflicts))?;
        }
        if out_in_package > 0 {
            writeln!(
                out,
                "  {}",
                tr!(l, "status-in-package", count = out_in_package)
            )?;
        }
    }
    Ok(())
}

/// For a person at a terminal, the next commands to run: per language with stale or
/// untranslated segments in existing files, `tolk diff` and `tolk translate` of its first such
/// posting (as git prints the next command). Nothing when everything is current.
pub fn write_next_steps(report: &Report, l: &Localizer, out: &mut dyn Write) -> io::Result<()> {
    let mut seen: Vec<&str> = Vec::new();
    for p in &report.postings {
        let work = matches!(p.state, PostingState::Stale | PostingState::Incomplete)
            && (p.counts.stale > 0 || p.counts.untranslated > 0);
        if !work || seen.contains(&p.lang.as_str()) {
            continue;
        }
        if seen.is_empty() {
            writeln!(out)?;
        }
        seen.push(&p.lang);
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "status-next",
                lang = p.lang.clone(),
                path = p.path.clone()
            )
        )?;
    }
    Ok(())
}
