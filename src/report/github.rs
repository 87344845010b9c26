//! GitHub Actions workflow annotations: `::error file=...,line=...::message`, pointing at the
//! variant file line of each finding.

use std::io::{self, Write};

use super::findings;
use crate::i18n::Localizer;
use crate::report::Report;
use crate::report::check::{Verdict, Verdicts};

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(
    report: &Report,
    verdicts: &Verdicts,
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Files that could not be read: the check cannot pass with them.
    for e in &report.errors {
        let line = if e.line > 0 {
            format!(",line={}", e.line)
        } else {
            String::new()
        };
        writeln!(
            out,
            "::error file={}{line},title={}::{}",
            property(&e.file),
            property("tolk: unreadable"),
            data(&e.message)
        )?;
    }
    for p in &report.postings {
        for f in &verdicts.findings(p) {
            let level = if f.verdict == Verdict::Fail {
                "error"
            } else {
                "warning"
            };
            let line = f.line.map(|n| format!(",line={n}")).unwrap_or_default();
            writeln!(
                out,
                "::{level} file={}{line},title={}::{}",
                property(&f.file),
                property(&format!("tolk: {}", f.kind.as_str())),
                data(&findings::describe(l, f))
            )?;
        }
    }
    Ok(())
}
