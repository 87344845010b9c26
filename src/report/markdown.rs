//! A summary for a pull request comment or a CI step summary: per language a one-line verdict
//! and progress, then the failing postings with their stale segments (old -> new English).

use std::io::{self, Write};

use super::{Report, findings};
use crate::i18n::Localizer;
use crate::report::check::{Kind, Verdict, Verdicts};
use crate::tr;

fn icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "✅",
        Verdict::Warn => "⚠️",
        Verdict::Fail => "❌",
    }
}

pub fn write(
    report: &Report,
    verdicts: &Verdicts,
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## {}\n", tr!(l, "md-title"))?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|",
        tr!(l, "col-lang"),
        tr!(l, "md-verdict"),
        tr!(l, "col-current"),
        tr!(l, "col-stale"),
        tr!(l, "col-untranslated")
    )?;
    let by_lang = report.by_language();
    for (lang, c) in &by_lang {
        let v = report
            .postings
            .iter()
            .zip(verdicts.iter())
            .filter(|(p, _)| &p.lang == lang)
            .map(|(_, v)| v)
            .max()
            .unwrap_or(Verdict::Pass);
        writeln!(
            out,
            "| {lang} | {} {} | {:.0}% | {} | {} |",
            icon(v),
            super::check_text::verdict_name(l, v),
            c.percent_current(),
            c.stale,
            c.untranslated
        )?;
    }
    for lang in by_lang.keys() {
        let failing: Vec<_> = report
            .postings
            .iter()
            .zip(verdicts.iter())
            .filter(|(p, v)| &p.lang == lang && *v != Verdict::Pass)
            .collect();
        if failing.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\n### {}\n",
            tr!(l, "md-language-postings", lang = lang.clone())
        )?;
        for (p, v) in failing {
            writeln!(out, "#### {} `{}`\n", icon(v), p.file)?;
            if let Some(e) = report.error_of(p) {
                writeln!(out, "- {} {}", icon(v), e.message)?;
            }
            for f in &verdicts.findings(p) {
                writeln!(
                    out,
                    "- {} `{}`: {}",
                    icon(f.verdict),
                    findings::place(f),
                    findings::describe(l, f)
                )?;
                if f.kind == Kind::Stale
                    && let Some(seg) = p
                        .segments
                        .iter()
                        .find(|s| Some(s.key.as_str()) == f.key.as_deref())
                    && let (Some(old), Some(new)) = (&seg.old_source, &seg.source)
                {
                    writeln!(out, "\n  ```diff")?;
                    for line in old.lines() {
                        writeln!(out, "  - {line}")?;
                    }
                    for line in new.lines() {
                        writeln!(out, "  + {line}")?;
                    }
                    writeln!(out, "  ```\n")?;
                }
            }
            writeln!(out)?;
        }
    }
    Ok(())
}
