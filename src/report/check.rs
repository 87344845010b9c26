//! CHECK: the policy of `tolk.toml`'s `[check]` applied to a status report: per posting and
//! language a verdict (pass, warn, fail) and the findings behind it.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::compare::{Change, State};
use crate::config::{Config, Level, Policy};
use crate::report::{PostingReport, PostingState, Report};

/// The verdict on a posting in one language, or on a whole run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Missing,
    Orphaned,
    Untranslated,
    Stale,
    /// A translated segment whose English segment is gone (the translation still shows it).
    Obsolete,
    BelowMinimum,
    Unaligned,
    /// A content check on the translation (see [`crate::inspect`]).
    Content,
    /// A machine translation no person has reviewed.
    Unreviewed,
    /// A segment translated differently on two branches, not resolved yet.
    Conflict,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Orphaned => "orphaned",
            Kind::Untranslated => "untranslated",
            Kind::Stale => "stale",
            Kind::Obsolete => "obsolete",
            Kind::BelowMinimum => "below-minimum",
            Kind::Unaligned => "unaligned",
            Kind::Content => "content",
            Kind::Unreviewed => "unreviewed",
            Kind::Conflict => "conflict",
        }
    }
}

/// One thing the policy looked at. Fields in alphabetical order (the JSON report's keys).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// For stale segments: days since the source changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The variant file (the source file for untranslated segments of a missing variant),
    /// shared by the posting's findings: a report of 30,000 postings has over a million.
    pub file: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Box<str>>,
    pub kind: Kind,
    /// 1-based line in `file`, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For `below-minimum`: the percentage current.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// For `content`: which check, and what it found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<crate::inspect::Kind>,
    pub verdict: Verdict,
}

/// The verdict on one posting in one language.
#[derive(Debug, Clone, Serialize)]
pub struct PostingVerdict {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

fn level_verdict(l: Level) -> Option<Verdict> {
    match l {
        Level::Ignore => None,
        Level::Warn => Some(Verdict::Warn),
        Level::Fail => Some(Verdict::Fail),
    }
}

/// Days from 1970-01-01 of an RFC 3339 date (`YYYY-MM-DD...`).
pub fn days(date: &str) -> Option<i64> {
    let date: jiff::civil::Date = date.get(0..10)?.parse().ok()?;
    let span = jiff::civil::date(1970, 1, 1).until(date).ok()?;
    Some(i64::from(span.get_days()))
}

/// The policy's verdicts on a report: one per posting, in the report's order.
///
/// The findings behind a verdict are worked out again when a renderer asks for them
/// ([`Verdicts::findings`]), a posting at a time: a report of 30,000 postings has over a
/// million findings, and holding them all beside the report had doubled status's memory.
#[derive(Debug, Clone)]
pub struct Verdicts {
    /// The policy of each language of the report.
    policies: HashMap<String, Policy>,
    today: Option<i64>,
    each: Vec<Verdict>,
}

impl Verdicts {
    /// The verdict on each posting, in the report's order.
    pub fn iter(&self) -> impl Iterator<Item = Verdict> + '_ {
        self.each.iter().copied()
    }

    /// How many postings were judged.
    pub fn len(&self) -> usize {
        self.each.len()
    }

    pub fn is_empty(&self) -> bool {
        self.each.is_empty()
    }

    /// The verdict on the whole run.
    pub fn overall(&self) -> Verdict {
        self.iter().max().unwrap_or(Verdict::Pass)
    }

    /// The verdict on a posting of the report with the findings behind it.
    pub fn judge(&self, p: &PostingReport) -> PostingVerdict {
        match self.policies.get(&p.lang) {
            Some(policy) => evaluate_posting(p, policy, self.today),
            None => evaluate_posting(p, &Policy::default(), self.today),
        }
    }

    /// The findings on a posting of the report.
    pub fn findings(&self, p: &PostingReport) -> Vec<Finding> {
        self.judge(p).findings
    }
}

/// Applies the policy to every posting of the report (in the same order).
pub fn evaluate(report: &Report, config: &Config, now: &str) -> Verdicts {
    use rayon::prelude::*;
    let today = days(now);
    let mut policies = HashMap::new();
    for p in &report.postings {
        if !policies.contains_key(&p.lang) {
            policies.insert(p.lang.clone(), config.policy(&p.lang).clone());
        }
    }
    let each = report
        .postings
        .par_iter()
        .map(|p| evaluate_posting(p, &policies[&p.lang], today).verdict)
        .collect();
    Verdicts {
        policies,
        today,
        each,
    }
}

impl Finding {
    /// A finding on `file`, with nothing more said yet.
    fn new(kind: Kind, verdict: Verdict, file: &Arc<str>) -> Finding {
        Finding {
            kind,
            verdict,
            file: Arc::clone(file),
            line: None,
            key: None,
            change: None,
            days: None,
            percent: None,
            problem: None,
            detail: None,
        }
    }

    fn at(mut self, line: Option<usize>, key: &str) -> Finding {
        self.line = line;
        self.key = Some(key.into());
        self
    }
}

/// How many days ago a stale segment's source changed (0 when it is not synced yet, so it
/// changed today; `None` when a date cannot be read).
fn age(since: Option<&str>, today: Option<i64>) -> Option<i64> {
    match (since, today) {
        (Some(since), Some(t)) if !since.is_empty() => days(since).map(|d| t - d),
        _ => Some(0),
    }
}

fn evaluate_posting(p: &PostingReport, policy: &Policy, today: Option<i64>) -> PostingVerdict {
    let mut findings = Vec::new();
    // A finding, where the policy's level for its kind is not `ignore`.
    let mut push = |level: Level, f: Finding| {
        if let Some(verdict) = level_verdict(level) {
            findings.push(Finding { verdict, ..f });
        }
    };
    let file: Arc<str> = p.file.as_str().into();
    let finding = |kind| Finding::new(kind, Verdict::Fail, &file);
    match p.state {
        PostingState::Missing => push(policy.missing, finding(Kind::Missing)),
        PostingState::Orphaned => push(policy.orphaned, finding(Kind::Orphaned)),
        _ => {}
    }
    for s in &p.segments {
        match s.state {
            State::Stale => {
                let age = age(s.stale_since.as_deref(), today);
                let ignored = s
                    .change
                    .is_some_and(|c| policy.stale_ignore.iter().any(|x| x == c.as_str()));
                let young = age.is_some_and(|a| a <= i64::from(policy.stale_after_days))
                    && policy.stale_after_days > 0;
                // A failing stale segment only warns while young or of an ignored change.
                let level = match policy.stale {
                    Level::Fail if ignored || young => Level::Warn,
                    l => l,
                };
                let mut f = finding(Kind::Stale).at(s.translation_line, &s.key);
                f.change = s.change;
                f.days = age;
                push(level, f);
            }
            // Text the English deleted is still in the translation: as out of date as a
            // stale segment, by the same policy.
            State::Obsolete => push(
                policy.stale,
                finding(Kind::Obsolete).at(s.translation_line, &s.key),
            ),
            State::Untranslated if p.state != PostingState::Missing => push(
                policy.untranslated,
                finding(Kind::Untranslated).at(s.translation_line.or(s.insert_after_line), &s.key),
            ),
            _ => {}
        }
    }
    let percent = p.counts.percent_current();
    if p.state != PostingState::Orphaned && percent < policy.min_translated {
        let mut f = finding(Kind::BelowMinimum);
        f.percent = Some(percent);
        push(Level::Fail, f);
    }
    for (line, key) in p.unaligned.iter() {
        push(
            policy.unaligned,
            finding(Kind::Unaligned).at(Some(line), key),
        );
    }
    for (line, key) in p.unreviewed.iter() {
        push(
            policy.unreviewed,
            finding(Kind::Unreviewed).at(Some(line), key),
        );
    }
    for c in &p.conflicts {
        let mut f = finding(Kind::Conflict).at((c.line > 0).then_some(c.line), &c.key);
        f.detail = Some(format!("{} / {}", c.ours, c.theirs));
        push(Level::Fail, f);
    }
    for c in &p.problems {
        let level = if c.kind.is_unsafe() {
            policy.unsafe_html
        } else {
            policy.content
        };
        let mut f = finding(Kind::Content).at(Some(c.line), &c.key);
        f.problem = Some(c.kind);
        f.detail = Some(c.detail.clone());
        push(level, f);
    }
    // A posting that could not be read was not checked: it never passes (its file's error is
    // reported on its own, in every format).
    let verdict = findings
        .iter()
        .map(|f| f.verdict)
        .chain((p.state == PostingState::Error).then_some(Verdict::Fail))
        .max()
        .unwrap_or(Verdict::Pass);
    PostingVerdict { verdict, findings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Counts, MergeConflict, SegmentReport};

    #[test]
    fn days_since_epoch() {
        assert_eq!(days("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            days("2026-11-28T12:00:00Z").unwrap() - days("2026-11-01").unwrap(),
            27
        );
        assert_eq!(days("2024-03-01").unwrap() - days("2024-02-28").unwrap(), 2);
    }

    fn segment(key: &str, state: State, change: Option<Change>, since: &str) -> SegmentReport {
        SegmentReport {
            key: key.into(),
            kind: "paragraph".into(),
            line: 3,
            state,
            change,
            source: Some("English".into()),
            old_source: None,
            translation: (state != State::Untranslated).then(|| "Dansk".into()),
            translation_line: (state != State::Untranslated).then_some(7),
            carried_translation: None,
            insert_after_line: (state == State::Untranslated).then_some(5),
            heading: None,
            stale_since: (state == State::Stale).then(|| since.into()),
        }
    }

    fn posting(state: PostingState, segments: Vec<SegmentReport>) -> PostingReport {
        let mut counts = Counts::default();
        for s in &segments {
            counts.add(s.state);
        }
        PostingReport {
            path: "career/x.md".into(),
            lang: "da".into(),
            state,
            file: "postings/da/career/x.md".into(),
            source_file: "postings/en/career/x.md".into(),
            counts,
            segments,
            unaligned: crate::report::KeyList::new(),
            unreviewed: crate::report::KeyList::new(),
            in_package: 0,
            conflicts: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn config(check: &str) -> Config {
        let text = format!("source = \"en\"\ntargets = [\"da\", \"sv\"]\n\n[check]\n{check}\n");
        Config::parse(std::path::Path::new("tolk.toml"), &text).unwrap()
    }

    /// The verdict and each finding as `kind verdict [line]`.
    fn judge(check: &str, p: &PostingReport) -> (Verdict, Vec<String>) {
        let v = evaluate_posting(p, config(check).policy(&p.lang), days("2026-12-01"));
        let f = v
            .findings
            .iter()
            .map(|f| {
                let mut s = format!("{} {}", f.kind.as_str(), f.verdict.as_str());
                if let Some(l) = f.line {
                    s.push_str(&format!(" {l}"));
                }
                s
            })
            .collect();
        (v.verdict, f)
    }

    #[test]
    fn the_policy_decides_each_findings_verdict() {
        use State::*;
        let current = segment("h1.p1", Current, None, "");
        let edited = segment("h1.p2", Stale, Some(Change::Edited), "2026-11-01T00:00:00Z");
        let cosmetic = segment(
            "h1.p2",
            Stale,
            Some(Change::Cosmetic),
            "2026-11-29T00:00:00Z",
        );
        let untranslated = segment("h1.p3", Untranslated, None, "");
        let obsolete = segment("h1.p4", Obsolete, None, "");
        let cases: &[(&str, &str, PostingReport, Verdict, &[&str])] = &[
            (
                "all current",
                "",
                posting(PostingState::Current, vec![current.clone()]),
                Verdict::Pass,
                &[],
            ),
            (
                "stale fails by default",
                "",
                posting(PostingState::Stale, vec![edited.clone()]),
                Verdict::Fail,
                &["stale fail 7"],
            ),
            (
                "stale may only warn",
                "stale = \"warn\"",
                posting(PostingState::Stale, vec![edited.clone()]),
                Verdict::Warn,
                &["stale warn 7"],
            ),
            (
                "stale may be ignored",
                "stale = \"ignore\"",
                posting(PostingState::Stale, vec![edited.clone()]),
                Verdict::Pass,
                &[],
            ),
            (
                "a young stale segment warns",
                "stale_after_days = 7",
                posting(PostingState::Stale, vec![cosmetic.clone()]),
                Verdict::Warn,
                &["stale warn 7"],
            ),
            (
                "an old one still fails",
                "stale_after_days = 7",
                posting(PostingState::Stale, vec![edited.clone()]),
                Verdict::Fail,
                &["stale fail 7"],
            ),
            (
                "an ignored change class warns",
                "stale_ignore = [\"cosmetic\"]",
                posting(PostingState::Stale, vec![cosmetic.clone()]),
                Verdict::Warn,
                &["stale warn 7"],
            ),
            (
                "untranslated warns at its place",
                "",
                posting(
                    PostingState::Incomplete,
                    vec![current.clone(), untranslated.clone()],
                ),
                Verdict::Warn,
                &["untranslated warn 5"],
            ),
            (
                "obsolete follows stale",
                "stale = \"warn\"",
                posting(PostingState::Stale, vec![obsolete.clone()]),
                Verdict::Warn,
                &["obsolete warn 7"],
            ),
            (
                "a missing variant fails, once",
                "",
                posting(PostingState::Missing, vec![untranslated.clone()]),
                Verdict::Fail,
                &["missing fail"],
            ),
            (
                "an orphan warns",
                "",
                posting(PostingState::Orphaned, vec![]),
                Verdict::Warn,
                &["orphaned warn"],
            ),
            (
                "below the minimum fails",
                "min_translated = 75",
                posting(
                    PostingState::Incomplete,
                    vec![current.clone(), untranslated.clone()],
                ),
                Verdict::Fail,
                &["untranslated warn 5", "below-minimum fail"],
            ),
        ];
        for (name, check, p, verdict, want) in cases {
            let (v, got) = judge(check, p);
            assert_eq!(
                (v, got.clone()),
                (
                    *verdict,
                    want.iter().map(|w| w.to_string()).collect::<Vec<_>>()
                ),
                "{name}"
            );
        }
    }

    #[test]
    fn a_language_may_have_its_own_policy() {
        let stale = segment(
            "h1.p2",
            State::Stale,
            Some(Change::Edited),
            "2026-11-01T00:00:00Z",
        );
        let mut p = posting(PostingState::Stale, vec![stale]);
        let check = "stale = \"warn\"\n[check.lang.sv]\nstale = \"fail\"";
        assert_eq!(judge(check, &p).0, Verdict::Warn);
        p.lang = "sv".into();
        assert_eq!(judge(check, &p).0, Verdict::Fail);
    }

    #[test]
    fn conflicts_always_fail_and_unsafe_html_fails_apart_from_content() {
        let mut p = posting(PostingState::Current, vec![]);
        p.conflicts.push(MergeConflict {
            key: "h1.p1".into(),
            line: 4,
            ours: "a".into(),
            theirs: "b".into(),
        });
        let (v, f) = judge("", &p);
        assert_eq!(
            (v, f.as_slice()),
            (Verdict::Fail, &["conflict fail 4".to_string()][..])
        );
        let mut p = posting(PostingState::Current, vec![]);
        for kind in [
            crate::inspect::Kind::NumberMissing,
            crate::inspect::Kind::Script,
        ] {
            p.problems.push(crate::report::ContentProblem {
                kind,
                line: 9,
                key: "h1.p1".into(),
                detail: String::new(),
            });
        }
        let (v, f) = judge("content = \"ignore\"", &p);
        assert_eq!(
            (v, f.as_slice()),
            (Verdict::Fail, &["content fail 9".to_string()][..])
        );
        let (v, f) = judge("unsafe_html = \"warn\"", &p);
        assert_eq!(f, ["content warn 9", "content warn 9"]);
        assert_eq!(v, Verdict::Warn);
    }
}
