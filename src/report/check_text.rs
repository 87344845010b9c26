//! `tolk check` for the terminal: per language a verdict line, then what failed or warned, with
//! file and line.

use std::io::{self, Write};

use super::{Report, findings};
use crate::i18n::Localizer;
use crate::report::check::{PostingVerdict, Verdict, overall};
use crate::tr;

pub fn write(
    report: &Report,
    verdicts: &[PostingVerdict],
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let by_lang = report.by_language();
    for (lang, counts) in &by_lang {
        let rows: Vec<(&super::PostingReport, &PostingVerdict)> = report
            .postings
            .iter()
            .zip(verdicts)
            .filter(|(p, _)| &p.lang == lang)
            .collect();
        let verdict = rows
            .iter()
            .map(|(_, v)| v.verdict)
            .max()
            .unwrap_or(Verdict::Pass);
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
        for (_, v) in rows {
            for f in &v.findings {
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
    let fail = verdicts
        .iter()
        .filter(|v| v.verdict == Verdict::Fail)
        .count();
    let warn = verdicts
        .iter()
        .filter(|v| v.verdict == Verdict::Warn)
        .count();
    let id = match overall(verdicts) {
        Verdict::Fail => "check-failed",
        _ => "check-passed",
    };
    writeln!(out, "{}", tr!(l, id, fail = fail, warn = warn))
}

/// The localized name of a verdict.
pub fn verdict_name(l: &Localizer, v: Verdict) -> String {
    l.tr(&format!("verdict-{}", v.as_str()), None)
}
