//! The JSON report (documented in README.md; CI and scripts depend on it): the report with each
//! posting's verdict and findings.

use std::io::{self, Write};

use super::check::{Finding, Verdict, Verdicts};
use super::{
    ContentProblem, Counts, MergeConflict, PostingReport, PostingState, Report, SegmentReport,
};

/// Writes the JSON report, pretty-printed (as `serde_json::to_writer_pretty` of the report as
/// one `serde_json::Value`: keys in alphabetical order), with a final newline.
///
/// The postings are made into JSON on both cores, a chunk at a time and in order (so a report
/// of tens of thousands of postings is never held twice in memory), each already indented for
/// its place, and written as they are; only the few lines around them are written here.
pub fn write(report: &Report, verdicts: &Verdicts, out: &mut dyn Write) -> io::Result<()> {
    use rayon::prelude::*;
    out.write_all(b"{\n")?;
    if !report.errors.is_empty() {
        out.write_all(b"  \"errors\": ")?;
        pretty(&report.errors, b"  ", out)?;
        out.write_all(b",\n")?;
    }
    out.write_all(b"  \"postings\": [")?;
    const CHUNK: usize = 256;
    let mut first = true;
    for chunk in report.postings.chunks(CHUNK) {
        let rendered: Vec<io::Result<Vec<u8>>> =
            chunk.par_iter().map(|p| posting(p, verdicts)).collect();
        for element in rendered {
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            out.write_all(&element?)?;
            first = false;
        }
    }
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    out.write_all(b",\n  \"source\": ")?;
    serde_json::to_writer(&mut *out, &report.source)?;
    out.write_all(b",\n  \"verdict\": ")?;
    serde_json::to_writer(&mut *out, &verdicts.overall())?;
    out.write_all(b"\n}\n")
}

/// One posting with its verdict and findings, as an element of "postings" (two levels deep).
fn posting(p: &PostingReport, verdicts: &Verdicts) -> io::Result<Vec<u8>> {
    let judged = verdicts.judge(p);
    let view = JsonPosting {
        conflicts: &p.conflicts,
        counts: &p.counts,
        file: &p.file,
        findings: &judged.findings,
        in_package: p.in_package,
        lang: &p.lang,
        path: &p.path,
        problems: &p.problems,
        segments: &p.segments,
        source_file: &p.source_file,
        state: p.state,
        unaligned: &p.unaligned,
        unreviewed: &p.unreviewed,
        verdict: judged.verdict,
    };
    let mut out = Vec::with_capacity(1024);
    pretty(&view, b"    ", &mut out)?;
    Ok(out)
}

/// A posting as the report writes it: the posting's fields with its verdict and findings, keys
/// in alphabetical order (the report's own types keep their fields in that order too), written
/// straight from the report (once it went through a `serde_json::Value`, which sorted them: a
/// tenth of a status went to building and dropping those values).
#[derive(serde::Serialize)]
struct JsonPosting<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    conflicts: &'a [MergeConflict],
    counts: &'a Counts,
    file: &'a str,
    findings: &'a [Finding],
    #[serde(skip_serializing_if = "is_zero")]
    in_package: usize,
    lang: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    problems: &'a [ContentProblem],
    segments: &'a [SegmentReport],
    source_file: &'a str,
    state: PostingState,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    unaligned: &'a [(usize, String)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    unreviewed: &'a [(usize, String)],
    verdict: Verdict,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Pretty JSON of `v` whose lines after the first are indented by `indent` more (the value sits
/// that deep in the document). In pretty JSON a raw line break only ever separates tokens (in
/// strings it is escaped), so indenting after each one indents whole lines.
fn pretty(v: &impl serde::Serialize, indent: &[u8], out: &mut dyn Write) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(v)?;
    let mut rest = &text[..];
    while let Some(i) = memchr::memchr(b'\n', rest) {
        out.write_all(&rest[..=i])?;
        out.write_all(indent)?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::FileError;

    /// A report of `postings` postings, every field of a posting filled in (the odd ones more
    /// than the even ones), and one file error if `errors`.
    fn report(postings: usize, errors: bool) -> Report {
        let segment = |key: &str, state| SegmentReport {
            carried_translation: None,
            change: None,
            heading: Some("Who we are".into()),
            insert_after_line: None,
            key: key.into(),
            kind: "paragraph".into(),
            line: 7,
            old_source: None,
            source: Some("We hire \"now\",\nin Oslo.".into()),
            stale_since: None,
            state,
            translation: None,
            translation_line: None,
        };
        let p = |i: usize| {
            let full = i % 2 == 1;
            let mut stale = segment("h2.p1", crate::compare::State::Stale);
            stale.change = Some(crate::compare::Change::Edited);
            stale.old_source = Some("We hire.".into());
            stale.translation = Some("Vi ansætter.".into());
            stale.translation_line = Some(7);
            stale.stale_since = Some(String::new());
            let mut carried = segment("h2.li1", crate::compare::State::Carried);
            carried.carried_translation = Some("Se [docs](/new)".into());
            let mut new = segment("h2.p3", crate::compare::State::Untranslated);
            new.insert_after_line = Some(9);
            PostingReport {
                path: format!("career/job-{i}.md"),
                lang: if full { "da" } else { "sv" }.into(),
                state: PostingState::Stale,
                file: format!("postings/da/career/job-{i}.md"),
                source_file: format!("postings/en/career/job-{i}.md"),
                counts: Counts {
                    current: 3,
                    stale: 1,
                    carried: 1,
                    untranslated: 1,
                    obsolete: usize::from(full),
                },
                segments: if full {
                    vec![stale, carried, new]
                } else {
                    vec![stale]
                },
                unaligned: vec![(9, "h2.p2".into())],
                unreviewed: if full {
                    vec![(3, "fm.title".into())]
                } else {
                    Vec::new()
                },
                in_package: usize::from(full) * 2,
                conflicts: if full {
                    vec![MergeConflict {
                        key: "h2.p1".into(),
                        line: 7,
                        ours: "Vi ansætter.".into(),
                        theirs: "Vi søger.".into(),
                    }]
                } else {
                    Vec::new()
                },
                problems: if full {
                    vec![ContentProblem {
                        detail: "58 000".into(),
                        key: "h2.p1".into(),
                        kind: crate::inspect::Kind::NumberMissing,
                        line: 7,
                    }]
                } else {
                    Vec::new()
                },
            }
        };
        Report {
            source: "en".into(),
            postings: (0..postings).map(p).collect(),
            errors: if errors {
                vec![FileError {
                    file: "postings/nb/x.md".into(),
                    line: 3,
                    error: None,
                    message: "broken".into(),
                }]
            } else {
                Vec::new()
            },
        }
    }

    /// The report as one `serde_json::Value`, pretty-printed: what `write` must equal.
    fn expected(r: &Report, verdicts: &Verdicts) -> String {
        let mut v = serde_json::to_value(r).unwrap();
        for (i, p) in r.postings.iter().enumerate() {
            let judged = verdicts.judge(p);
            v["postings"][i]["verdict"] = serde_json::to_value(judged.verdict).unwrap();
            v["postings"][i]["findings"] = serde_json::to_value(&judged.findings).unwrap();
        }
        v["verdict"] = serde_json::to_value(verdicts.overall()).unwrap();
        serde_json::to_string_pretty(&v).unwrap() + "\n"
    }

    #[test]
    fn the_report_is_the_pretty_json_of_its_value() {
        // A policy with a finding of every shape: days, percent, content problems, conflicts.
        let config = crate::config::Config::parse(
            std::path::Path::new("tolk.toml"),
            "targets = [\"da\", \"sv\"]\n[check]\nmin_translated = 90\nstale_after_days = 0\n",
        )
        .unwrap();
        for (postings, errors) in [(0, false), (0, true), (1, false), (3, true), (600, false)] {
            let r = report(postings, errors);
            let verdicts = crate::report::check::evaluate(&r, &config, "2026-12-06");
            let mut out = Vec::new();
            write(&r, &verdicts, &mut out).unwrap();
            let out = String::from_utf8(out).unwrap();
            assert_eq!(
                out,
                expected(&r, &verdicts),
                "{postings} postings, errors: {errors}"
            );
            if postings > 1 {
                // Every optional key of a posting, a segment and a finding is there to compare.
                for key in [
                    "carried_translation",
                    "change",
                    "conflicts",
                    "days",
                    "detail",
                    "in_package",
                    "insert_after_line",
                    "old_source",
                    "percent",
                    "problem",
                    "problems",
                    "stale_since",
                    "translation_line",
                    "unaligned",
                    "unreviewed",
                ] {
                    assert!(out.contains(&format!("\"{key}\": ")), "no {key} in {out}");
                }
            }
        }
    }
}
