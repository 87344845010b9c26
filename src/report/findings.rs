//! Findings of `tolk check` in words, for every renderer.

use crate::i18n::Localizer;
use crate::report::check::{Finding, Kind};
use crate::tr;

/// A finding as a sentence (without file and line).
pub fn describe(l: &Localizer, f: &Finding) -> String {
    let key = f.key.as_deref().unwrap_or_default().to_string();
    match f.kind {
        Kind::Missing => tr!(l, "finding-missing"),
        Kind::Orphaned => tr!(l, "finding-orphaned"),
        Kind::Untranslated => tr!(l, "finding-untranslated", key = key),
        Kind::Stale => {
            let change = f
                .change
                .map(|c| l.tr(&format!("change-{}", c.as_str()), None))
                .unwrap_or_default();
            tr!(
                l,
                "finding-stale",
                key = key,
                change = change,
                days = f.days.unwrap_or(0)
            )
        }
        Kind::BelowMinimum => tr!(
            l,
            "finding-below-minimum",
            percent = format!("{:.0}", f.percent.unwrap_or(0.0))
        ),
        Kind::Unaligned => tr!(l, "finding-unaligned", key = key),
        Kind::Obsolete => tr!(l, "finding-obsolete", key = key),
        Kind::Unreviewed => tr!(l, "finding-unreviewed", key = key),
        Kind::Conflict => tr!(
            l,
            "finding-conflict",
            key = key,
            detail = f.detail.clone().unwrap_or_default()
        ),
        Kind::Content => {
            let problem = f.problem.map_or("", |p| p.as_str());
            let detail = f.detail.clone().unwrap_or_default();
            l.tr(
                &format!("problem-{problem}"),
                Some(&crate::i18n::args([
                    ("key", key.as_str().into()),
                    ("detail", detail.as_str().into()),
                ])),
            )
        }
    }
}

/// `file:line` or `file`.
pub fn place(f: &Finding) -> String {
    match f.line {
        Some(line) => format!("{}:{line}", f.file),
        None => f.file.to_string(),
    }
}
