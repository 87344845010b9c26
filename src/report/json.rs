//! The JSON report (documented in README.md; CI and scripts depend on it): the report with each
//! posting's verdict and findings.

use std::io::{self, Write};

use super::check::{Finding, Verdict, Verdicts};
use super::{
    ContentProblem, Counts, KeyList, MergeConflict, PostingReport, PostingState, Report,
    SegmentReport,
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
        pretty(&report.errors, 1, out)?;
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
        findings: Findings(&judged.findings),
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
    pretty(&view, 2, &mut out)?;
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
    findings: Findings<'a>,
    #[serde(skip_serializing_if = "is_zero")]
    in_package: usize,
    lang: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    problems: &'a [ContentProblem],
    segments: &'a [SegmentReport],
    source_file: &'a str,
    state: PostingState,
    #[serde(skip_serializing_if = "no_keys")]
    unaligned: &'a KeyList,
    #[serde(skip_serializing_if = "no_keys")]
    unreviewed: &'a KeyList,
    verdict: Verdict,
}

/// A posting's findings as the report writes them: as `Finding` serializes, except that the
/// file, the same for all of a posting's findings, is escaped into JSON once for all of them
/// (in a report of every segment unreviewed, escaping the file again for each finding was a
/// tenth of a status).
struct Findings<'a>(&'a [Finding]);

impl serde::Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        let mut file: Option<(&std::sync::Arc<str>, Box<serde_json::value::RawValue>)> = None;
        for f in self.0 {
            let escaped = match file {
                Some((shared, ref escaped)) if std::sync::Arc::ptr_eq(shared, &f.file) => escaped,
                _ => {
                    let json = serde_json::to_string(&*f.file).map_err(S::Error::custom)?;
                    let raw =
                        serde_json::value::RawValue::from_string(json).map_err(S::Error::custom)?;
                    &file.insert((&f.file, raw)).1
                }
            };
            seq.serialize_element(&OneFinding { f, file: escaped })?;
        }
        seq.end()
    }
}

/// One finding with its file already in JSON: the fields of `Finding`, in its order, left out
/// where `Finding` leaves them out.
struct OneFinding<'a> {
    f: &'a Finding,
    file: &'a serde_json::value::RawValue,
}

impl serde::Serialize for OneFinding<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field named: a field added to `Finding` does not compile here until it is
        // written here too.
        let Finding {
            change,
            days,
            detail,
            file: _,
            key,
            kind,
            line,
            percent,
            problem,
            verdict,
        } = self.f;
        let present = [
            change.is_some(),
            days.is_some(),
            detail.is_some(),
            key.is_some(),
            line.is_some(),
            percent.is_some(),
            problem.is_some(),
        ];
        let fields = 3 + present.iter().filter(|p| **p).count();
        let mut st = s.serialize_struct("Finding", fields)?;
        if let Some(change) = change {
            st.serialize_field("change", change)?;
        }
        if let Some(days) = days {
            st.serialize_field("days", days)?;
        }
        if let Some(detail) = detail {
            st.serialize_field("detail", detail)?;
        }
        st.serialize_field("file", self.file)?;
        if let Some(key) = key {
            st.serialize_field("key", key)?;
        }
        st.serialize_field("kind", kind)?;
        if let Some(line) = line {
            st.serialize_field("line", line)?;
        }
        if let Some(percent) = percent {
            st.serialize_field("percent", percent)?;
        }
        if let Some(problem) = problem {
            st.serialize_field("problem", problem)?;
        }
        st.serialize_field("verdict", verdict)?;
        st.end()
    }
}

fn no_keys(k: &&KeyList) -> bool {
    k.is_empty()
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Pretty JSON of `v` (as `serde_json::to_writer_pretty` writes it) whose lines after the first
/// are indented by `depth` levels more: the value sits that deep in the document.
fn pretty<W: ?Sized + Write>(
    v: &impl serde::Serialize,
    depth: usize,
    out: &mut W,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        Indented {
            depth,
            has_value: false,
        },
    );
    v.serialize(&mut ser).map_err(io::Error::other)
}

/// `serde_json::ser::PrettyFormatter` (two spaces) that starts `depth` levels deep and writes
/// each line break with its indentation in one write. The pretty formatter writes the
/// indentation two spaces at a time, and the report was once indented again line by line
/// afterwards: together a quarter of a status's instructions went to copying a few bytes at a
/// time.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    /// A line break (after a comma unless `first`) and the indentation of the current depth.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        const BREAK: &[u8] = b",\n                                                                ";
        let start = usize::from(first);
        let mut spaces = self.depth * 2;
        let here = spaces.min(BREAK.len() - 2);
        w.write_all(&BREAK[start..2 + here])?;
        spaces -= here;
        while spaces > 0 {
            let n = spaces.min(BREAK.len() - 2);
            w.write_all(&BREAK[2..2 + n])?;
            spaces -= n;
        }
        Ok(())
    }

    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(close)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
                unaligned: [(9, "h2.p2")].into_iter().collect(),
                unreviewed: if full {
                    [(3, "fm.title")].into_iter().collect()
                } else {
                    KeyList::new()
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
    fn deeper_than_the_indentation_at_hand_is_still_pretty_json() {
        let mut v = serde_json::json!({"a": [], "b": {}, "c": "x\ny"});
        for i in 0..40 {
            v = serde_json::json!([i, v, {"k": i}]);
        }
        let mut out = Vec::new();
        pretty(&v, 0, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
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
