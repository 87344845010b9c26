//! The JSON report (documented in README.md; CI and scripts depend on it): the report with each
//! posting's verdict and findings.

use std::io::{self, Write};

use super::check::Verdicts;
use super::{PostingReport, Report};

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
        pretty(&serde_json::to_value(&report.errors)?, b"  ", out)?;
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
    let mut v = serde_json::to_value(p)?;
    let judged = verdicts.judge(p);
    v["verdict"] = serde_json::to_value(judged.verdict)?;
    v["findings"] = serde_json::to_value(&judged.findings)?;
    let mut out = Vec::with_capacity(1024);
    pretty(&v, b"    ", &mut out)?;
    Ok(out)
}

/// Pretty JSON of `v` whose lines after the first are indented by `indent` more (the value sits
/// that deep in the document). In pretty JSON a raw line break only ever separates tokens (in
/// strings it is escaped), so indenting after each one indents whole lines.
fn pretty(v: &serde_json::Value, indent: &[u8], out: &mut dyn Write) -> io::Result<()> {
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
    use crate::report::{Counts, FileError, PostingState, SegmentReport};

    fn report(postings: usize, errors: bool) -> Report {
        let p = |i: usize| PostingReport {
            path: format!("career/job-{i}.md"),
            lang: "da".into(),
            state: PostingState::Stale,
            file: format!("postings/da/career/job-{i}.md"),
            source_file: format!("postings/en/career/job-{i}.md"),
            counts: Counts {
                current: 3,
                stale: 1,
                ..Counts::default()
            },
            segments: vec![SegmentReport {
                key: "h2.p1".into(),
                kind: "paragraph".into(),
                line: 7,
                state: crate::compare::State::Stale,
                change: Some(crate::compare::Change::Edited),
                source: Some("We hire \"now\",\nin Oslo.".into()),
                old_source: Some("We hire.".into()),
                translation: Some("Vi ansætter.".into()),
                translation_line: Some(7),
                carried_translation: None,
                insert_after_line: None,
                heading: None,
                stale_since: Some(String::new()),
            }],
            unaligned: vec![(9, "h2.p2".into())],
            unreviewed: Vec::new(),
            in_package: 0,
            conflicts: Vec::new(),
            problems: Vec::new(),
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
        let config = crate::config::Config::default();
        for (postings, errors) in [(0, false), (0, true), (1, false), (3, true), (600, false)] {
            let r = report(postings, errors);
            let verdicts = crate::report::check::evaluate(&r, &config, "2026-12-06");
            let mut out = Vec::new();
            write(&r, &verdicts, &mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                expected(&r, &verdicts),
                "{postings} postings, errors: {errors}"
            );
        }
    }
}
