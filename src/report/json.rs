//! The JSON report (documented in README.md; CI and scripts depend on it): the report with each
//! posting's verdict and findings.

use std::io::{self, Write};

use super::Report;
use super::check::Verdicts;

/// Writes the JSON report, pretty-printed, with a final newline.
pub fn write(report: &Report, verdicts: &Verdicts, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonReport { report, verdicts })?;
    writeln!(out)
}

/// The JSON report: the report with each posting's verdict and findings, keys in alphabetical
/// order as in `serde_json::Value`. Serialized posting by posting, so a report of tens of
/// thousands of postings is never held twice in memory.
struct JsonReport<'a> {
    report: &'a Report,
    verdicts: &'a Verdicts,
}

impl serde::Serialize for JsonReport<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeMap, SerializeSeq};
        struct Postings<'a>(&'a JsonReport<'a>);
        impl serde::Serialize for Postings<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use rayon::prelude::*;
                let r = self.0;
                let mut seq = s.serialize_seq(Some(r.report.postings.len()))?;
                // Each posting is made into pretty JSON on both cores, a chunk at a time (in
                // order, so the whole report is never held twice), then written as it is.
                const CHUNK: usize = 256;
                for chunk in r.report.postings.chunks(CHUNK) {
                    let rendered: Vec<serde_json::Result<Box<serde_json::value::RawValue>>> = chunk
                        .par_iter()
                        .map(|p| {
                            let mut v = serde_json::to_value(p)?;
                            let judged = r.verdicts.judge(p);
                            v["verdict"] = serde_json::to_value(judged.verdict)?;
                            v["findings"] = serde_json::to_value(&judged.findings)?;
                            // An element of "postings" sits two levels deep: its lines are
                            // indented as the pretty printer would have (a raw line break only
                            // ever separates JSON tokens; in strings it is escaped).
                            let text = serde_json::to_string_pretty(&v)?.replace('\n', "\n    ");
                            serde_json::value::RawValue::from_string(text)
                        })
                        .collect();
                    for element in rendered {
                        seq.serialize_element(&element.map_err(S::Error::custom)?)?;
                    }
                }
                seq.end()
            }
        }
        let mut m = s.serialize_map(None)?;
        if !self.report.errors.is_empty() {
            let errors = serde_json::to_value(&self.report.errors).map_err(S::Error::custom)?;
            m.serialize_entry("errors", &errors)?;
        }
        m.serialize_entry("postings", &Postings(self))?;
        m.serialize_entry("source", &self.report.source)?;
        m.serialize_entry("verdict", &self.verdicts.overall())?;
        m.end()
    }
}
