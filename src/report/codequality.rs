//! GitLab's Code Quality report (the Code Climate JSON subset GitLab reads): one issue per
//! finding, at the variant file's line, `critical` for what fails the check and `minor` for
//! what warns (and a `blocker` for each file that could not be read), each with a fingerprint that stays the same while the finding does (so GitLab
//! shows what a merge request adds or fixes).

use std::io::{self, Write};

use serde::Serialize;

use super::findings;
use crate::i18n::Localizer;
use crate::report::Report;
use crate::report::check::{Verdict, Verdicts};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

pub fn write(
    report: &Report,
    verdicts: &Verdicts,
    l: &Localizer,
    out: &mut dyn Write,
) -> io::Result<()> {
    // A file that could not be read: the check cannot pass with it.
    let mut issues: Vec<Issue> = report
        .errors
        .iter()
        .map(|e| Issue {
            description: e.message.clone(),
            check_name: "tolk-unreadable".into(),
            fingerprint: format!(
                "{:032x}",
                xxhash_rust::xxh3::xxh3_128(format!("unreadable\u{1}{}", e.file).as_bytes())
            ),
            severity: "blocker",
            location: Location {
                path: e.file.clone(),
                lines: Lines {
                    begin: e.line.max(1),
                },
            },
        })
        .collect();
    for p in &report.postings {
        for f in &verdicts.findings(p) {
            // What the finding is about, not where it is: a line moved by an edit above keeps
            // the same fingerprint.
            let identity = format!(
                "{}\u{1}{}\u{1}{}\u{1}{}",
                f.kind.as_str(),
                f.file,
                f.key.as_deref().unwrap_or(""),
                f.detail.as_deref().unwrap_or("")
            );
            issues.push(Issue {
                description: findings::describe(l, f),
                check_name: format!("tolk-{}", f.kind.as_str()),
                fingerprint: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(identity.as_bytes())),
                severity: if f.verdict == Verdict::Fail {
                    "critical"
                } else {
                    "minor"
                },
                location: Location {
                    path: f.file.to_string(),
                    lines: Lines {
                        begin: f.line.unwrap_or(1),
                    },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::other)?;
    writeln!(out)
}
