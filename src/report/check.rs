//! CHECK: the policy of `tolk.toml`'s `[check]` applied to a status report: per posting and
//! language a verdict (pass, warn, fail) and the findings behind it.

use serde::Serialize;

use crate::compare::{Change, State};
use crate::config::{Config, Level};
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

/// One thing the policy looked at.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub verdict: Verdict,
    /// The variant file (the source file for untranslated segments of a missing variant).
    pub file: String,
    /// 1-based line in `file`, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// For stale segments: days since the source changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// For `below-minimum`: the percentage current.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// For `content`: which check, and what it found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<crate::inspect::Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
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
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Applies the policy to every posting of the report (in the same order).
pub fn evaluate(report: &Report, config: &Config, now: &str) -> Vec<PostingVerdict> {
    let today = days(now);
    report
        .postings
        .iter()
        .map(|p| evaluate_posting(p, config, today))
        .collect()
}

fn evaluate_posting(p: &PostingReport, config: &Config, today: Option<i64>) -> PostingVerdict {
    let policy = config.policy(&p.lang);
    let mut findings = Vec::new();
    let mut push =
        |kind, level: Option<Verdict>, line, key: Option<&str>, change, days, percent| {
            if let Some(verdict) = level {
                findings.push(Finding {
                    kind,
                    verdict,
                    file: p.file.clone(),
                    line,
                    key: key.map(str::to_string),
                    change,
                    days,
                    percent,
                    problem: None,
                    detail: None,
                });
            }
        };
    match p.state {
        PostingState::Missing => push(
            Kind::Missing,
            level_verdict(policy.missing),
            None,
            None,
            None,
            None,
            None,
        ),
        PostingState::Orphaned => push(
            Kind::Orphaned,
            level_verdict(policy.orphaned),
            None,
            None,
            None,
            None,
            None,
        ),
        _ => {}
    }
    for s in &p.segments {
        match s.state {
            State::Stale => {
                let age = match (&s.stale_since, today) {
                    (Some(since), Some(t)) if !since.is_empty() => days(since).map(|d| t - d),
                    _ => Some(0),
                };
                let mut level = level_verdict(policy.stale);
                let ignored = s
                    .change
                    .is_some_and(|c| policy.stale_ignore.iter().any(|x| x == c.as_str()));
                let young = age.is_some_and(|a| a <= i64::from(policy.stale_after_days))
                    && policy.stale_after_days > 0;
                if level == Some(Verdict::Fail) && (ignored || young) {
                    level = Some(Verdict::Warn);
                }
                push(
                    Kind::Stale,
                    level,
                    s.translation_line,
                    Some(&s.key),
                    s.change,
                    age,
                    None,
                );
            }
            // Text the English deleted is still in the translation: as out of date as a
            // stale segment, by the same policy.
            State::Obsolete => push(
                Kind::Obsolete,
                level_verdict(policy.stale),
                s.translation_line,
                Some(&s.key),
                None,
                None,
                None,
            ),
            State::Untranslated if p.state != PostingState::Missing => push(
                Kind::Untranslated,
                level_verdict(policy.untranslated),
                s.translation_line.or(s.insert_after_line),
                Some(&s.key),
                None,
                None,
                None,
            ),
            _ => {}
        }
    }
    let percent = p.counts.percent_current();
    if p.state != PostingState::Orphaned && percent < policy.min_translated {
        push(
            Kind::BelowMinimum,
            Some(Verdict::Fail),
            None,
            None,
            None,
            None,
            Some(percent),
        );
    }
    for (line, key) in &p.unaligned {
        push(
            Kind::Unaligned,
            level_verdict(policy.unaligned),
            Some(*line),
            Some(key),
            None,
            None,
            None,
        );
    }
    for (line, key) in &p.unreviewed {
        push(
            Kind::Unreviewed,
            level_verdict(policy.unreviewed),
            Some(*line),
            Some(key),
            None,
            None,
            None,
        );
    }
    for c in &p.conflicts {
        findings.push(Finding {
            kind: Kind::Conflict,
            verdict: Verdict::Fail,
            file: p.file.clone(),
            line: (c.line > 0).then_some(c.line),
            key: Some(c.key.clone()),
            change: None,
            days: None,
            percent: None,
            problem: None,
            detail: Some(format!("{} / {}", c.ours, c.theirs)),
        });
    }
    for c in &p.problems {
        let level = if c.kind.is_unsafe() {
            policy.unsafe_html
        } else {
            policy.content
        };
        if let Some(verdict) = level_verdict(level) {
            findings.push(Finding {
                kind: Kind::Content,
                verdict,
                file: p.file.clone(),
                line: Some(c.line),
                key: Some(c.key.clone()),
                change: None,
                days: None,
                percent: None,
                problem: Some(c.kind),
                detail: Some(c.detail.clone()),
            });
        }
    }
    let verdict = findings
        .iter()
        .map(|f| f.verdict)
        .max()
        .unwrap_or(Verdict::Pass);
    PostingVerdict { verdict, findings }
}

/// The verdict on the whole run.
pub fn overall(verdicts: &[PostingVerdict]) -> Verdict {
    verdicts
        .iter()
        .map(|v| v.verdict)
        .max()
        .unwrap_or(Verdict::Pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch() {
        assert_eq!(days("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            days("2026-11-28T12:00:00Z").unwrap() - days("2026-11-01").unwrap(),
            27
        );
        assert_eq!(days("2024-03-01").unwrap() - days("2024-02-28").unwrap(), 2);
    }
}
