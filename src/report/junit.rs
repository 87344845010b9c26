//! JUnit XML, as CI systems read it: one test suite per language, one test case per posting; a
//! failing posting carries a `<failure>` listing its segments, warnings go to `<system-out>`.

use std::io::{self, Write};

use super::{Report, findings};
use crate::i18n::Localizer;
use crate::report::check::{Verdict, Verdicts};

/// Escapes text for XML content and attributes.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub fn write(
    report: &Report,
    verdicts: &Verdicts,
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Postings that could not be read count as errors, not as failures.
    let failed = |p: &super::PostingReport, v: Verdict| {
        v == Verdict::Fail && p.state != super::PostingState::Error
    };
    let total_fail = report
        .postings
        .iter()
        .zip(verdicts.iter())
        .filter(|(p, v)| failed(p, *v))
        .count();
    // A posting that could not be checked (its English or its own file unreadable) is an
    // error, JUnit's word for a test that could not run: with the reason the errors give.
    let unreadable = |p: &super::PostingReport| {
        (p.state == super::PostingState::Error).then(|| {
            report
                .error_of(p)
                .map_or_else(|| p.file.clone(), |e| e.message.clone())
        })
    };
    let total_errors = report
        .postings
        .iter()
        .filter(|p| p.state == super::PostingState::Error)
        .count();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"tolk\" tests=\"{}\" failures=\"{total_fail}\" errors=\"{total_errors}\">",
        verdicts.len()
    )?;
    for lang in report.by_language().keys() {
        let rows: Vec<_> = report
            .postings
            .iter()
            .zip(verdicts.iter())
            .filter(|(p, _)| &p.lang == lang)
            .collect();
        let fails = rows.iter().filter(|(p, v)| failed(p, *v)).count();
        let errors = rows
            .iter()
            .filter(|(p, _)| p.state == super::PostingState::Error)
            .count();
        writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{fails}\" errors=\"{errors}\" skipped=\"0\">",
            xml(lang),
            rows.len()
        )?;
        for (p, _) in rows {
            let found = verdicts.findings(p);
            write!(
                out,
                "    <testcase classname=\"tolk.{}\" name=\"{}\" file=\"{}\"",
                xml(lang),
                xml(&p.path),
                xml(&p.file)
            )?;
            let lines = |want: Verdict| -> Vec<String> {
                found
                    .iter()
                    .filter(|f| f.verdict == want)
                    .map(|f| format!("{}  {}", findings::place(f), findings::describe(l, f)))
                    .collect()
            };
            if let Some(why) = unreadable(p) {
                writeln!(out, ">")?;
                writeln!(
                    out,
                    "      <error message=\"{}\" type=\"unreadable\"/>",
                    xml(&why)
                )?;
                writeln!(out, "    </testcase>")?;
                continue;
            }
            let (failing, warning) = (lines(Verdict::Fail), lines(Verdict::Warn));
            if failing.is_empty() && warning.is_empty() {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            if !failing.is_empty() {
                writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    xml(&failing[0]),
                    p.state.as_str(),
                    xml(&failing.join("\n"))
                )?;
            }
            if !warning.is_empty() {
                writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    xml(&warning.join("\n"))
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
