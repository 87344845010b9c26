//! `tolk check` for the terminal: per language a verdict line, then what failed or warned, with
//! file and line.

use std::io::{self, Write};

use super::{Report, findings};
use crate::i18n::Localizer;
use crate::report::check::{Verdict, Verdicts};
use crate::tr;

pub fn write(
    report: &Report,
    verdicts: &Verdicts,
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let by_lang = report.by_language();
    for (lang, counts) in &by_lang {
        let rows: Vec<(&super::PostingReport, Verdict)> = report
            .postings
            .iter()
            .zip(verdicts.iter())
            .filter(|(p, _)| &p.lang == lang)
            .collect();
        let verdict = rows.iter().map(|(_, v)| *v).max().unwrap_or(Verdict::Pass);
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "check-language",
                lang = lang.clone(),
                verdict = verdict_name(l, verdict),
                percent = format!("{:.0}", counts.percent_current())
            )
        )?;
        for (p, _) in rows {
            for f in &verdicts.findings(p) {
                writeln!(
                    out,
                    "  {:5} {}  {}",
                    verdict_name(l, f.verdict),
                    findings::place(f),
                    findings::describe(l, f)
                )?;
            }
        }
    }
    // Files that could not be read leave the check unmade, whatever the others gave.
    if !report.errors.is_empty() {
        return writeln!(
            out,
            "{}",
            tr!(l, "check-unreadable", count = report.errors.len())
        );
    }
    let fail = verdicts.iter().filter(|v| *v == Verdict::Fail).count();
    let warn = verdicts.iter().filter(|v| *v == Verdict::Warn).count();
    let id = match verdicts.overall() {
        Verdict::Fail => "check-failed",
        _ => "check-passed",
    };
    writeln!(out, "{}", tr!(l, id, fail = fail, warn = warn))
}

/// The localized name of a verdict.
pub fn verdict_name(l: &Localizer, v: Verdict) -> String {
    l.tr(&format!("verdict-{}", v.as_str()), None)
}
