//! The real staleness scenarios from `../shared/corpus/safespring/history/`: the English the
//! translations were made from, a later English, and (where the translators updated them) the
//! later translations.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::util::{TestEnv, corpus};

#[derive(Deserialize)]
pub struct Scenario {
    pub id: String,
    pub languages: Vec<String>,
    #[serde(default)]
    pub languages_with_new_translation: Vec<String>,
    #[serde(default)]
    pub changes: Vec<ScenarioChange>,
}

#[derive(Deserialize)]
pub struct ScenarioChange {
    pub op: String,
    #[serde(default)]
    pub en_new_lines: Option<[usize; 2]>,
    pub translatable_text_changed: bool,
    #[serde(default)]
    pub r#where: String,
}

/// Every scenario folder with its parsed `scenario.toml`.
pub fn scenarios() -> Vec<(std::path::PathBuf, Scenario)> {
    let Some(corpus) = corpus() else {
        return Vec::new();
    };
    let mut dirs: Vec<_> = std::fs::read_dir(corpus.join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .filter(|d| d.join("scenario.toml").exists())
        .map(|d| {
            let s: Scenario =
                toml::from_str(&std::fs::read_to_string(d.join("scenario.toml")).unwrap()).unwrap();
            (d, s)
        })
        .collect()
}

pub const PAGE: &str = "career/page.md";

/// A workspace holding a scenario's `en.old.md` and `<lang>.old.md`, synced.
pub fn synced_old(dir: &Path, s: &Scenario) -> TestEnv {
    let env = TestEnv::empty();
    env.write(
        &format!("postings/en/{PAGE}"),
        std::fs::read(dir.join("en.old.md")).unwrap(),
    );
    for lang in &s.languages {
        env.write(
            &format!("postings/{lang}/{PAGE}"),
            std::fs::read(dir.join(format!("{lang}.old.md"))).unwrap(),
        );
    }
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}: {}", s.id, out.stderr);
    env
}

/// Scenario `prefix` (e.g. "08-") with its old files synced and then the English replaced by
/// `en.new.md`; `None` where the corpus is absent.
pub fn edited(prefix: &str) -> Option<(std::path::PathBuf, Scenario, TestEnv)> {
    let (dir, s) = scenarios()
        .into_iter()
        .find(|(_, s)| s.id.starts_with(prefix))?;
    let env = synced_old(&dir, &s);
    env.write(
        &format!("postings/en/{PAGE}"),
        std::fs::read(dir.join("en.new.md")).unwrap(),
    );
    Some((dir, s, env))
}

pub fn status_json(env: &TestEnv) -> serde_json::Value {
    let out = env.tolk("en", &["status", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

/// Reported segments that need a translator: stale or untranslated, per language (line, key).
fn needing_work(report: &serde_json::Value, lang: &str) -> Vec<(usize, String, String)> {
    let p = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lang"] == lang)
        .unwrap();
    p["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["state"] == "stale" || s["state"] == "untranslated")
        .map(|s| {
            (
                s["line"].as_u64().unwrap() as usize,
                s["key"].as_str().unwrap().to_string(),
                s["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// After the English edit, exactly the segments inside translatable changes need work: precision
/// and recall 1.0 in every scenario and language. Skeleton-only changes are never stale.
#[test]
fn stale_segments_match_the_real_changes() {
    let all = scenarios();
    let mut failures = Vec::new();
    for (dir, s) in &all {
        let env = synced_old(dir, s);
        env.write(
            &format!("postings/en/{PAGE}"),
            std::fs::read(dir.join("en.new.md")).unwrap(),
        );
        let report = status_json(&env);
        let text_changes: Vec<&ScenarioChange> = s
            .changes
            .iter()
            .filter(|c| c.translatable_text_changed && c.op != "removed")
            .collect();
        for lang in &s.languages {
            let reported = needing_work(&report, lang);
            let inside = |line: usize, c: &ScenarioChange| {
                c.en_new_lines.is_some_and(|[a, b]| a <= line && line <= b)
            };
            let correct = reported
                .iter()
                .filter(|(line, _, _)| text_changes.iter().any(|c| inside(*line, c)))
                .count();
            let found = text_changes
                .iter()
                .filter(|c| reported.iter().any(|(line, _, _)| inside(*line, c)))
                .count();
            let precision = if reported.is_empty() {
                1.0
            } else {
                correct as f64 / reported.len() as f64
            };
            let recall = if text_changes.is_empty() {
                1.0
            } else {
                found as f64 / text_changes.len() as f64
            };
            eprintln!(
                "scenario {} {lang}: {} reported, precision {precision:.2}, recall {recall:.2}",
                s.id,
                reported.len()
            );
            if precision < 1.0 || recall < 1.0 {
                let missed: Vec<&str> = text_changes
                    .iter()
                    .filter(|c| !reported.iter().any(|(l, _, _)| inside(*l, c)))
                    .map(|c| c.r#where.as_str())
                    .collect();
                let wrong: Vec<_> = reported
                    .iter()
                    .filter(|(line, _, _)| !text_changes.iter().any(|c| inside(*line, c)))
                    .collect();
                failures.push(format!("{} {lang}: precision {precision:.2} recall {recall:.2}; not reported: {missed:?}; reported outside changes: {wrong:?}", s.id));
            }
        }
    }
    if all.is_empty() {
        return;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where the translators updated the translation, syncing their files makes the segments they
/// changed current; the segments they left alone stay stale.
#[test]
fn updated_translations_become_current() {
    let rules = tolk::config::Rules::default();
    let split = |p: &Path| {
        let posting = tolk::posting::Posting::read(p, &rules).unwrap();
        tolk::segment::split(&posting, &rules)
    };
    for (dir, s) in &scenarios() {
        if s.languages_with_new_translation.is_empty() {
            continue;
        }
        let env = synced_old(dir, s);
        env.write(
            &format!("postings/en/{PAGE}"),
            std::fs::read(dir.join("en.new.md")).unwrap(),
        );
        for lang in &s.languages_with_new_translation {
            env.write(
                &format!("postings/{lang}/{PAGE}"),
                std::fs::read(dir.join(format!("{lang}.new.md"))).unwrap(),
            );
        }
        let out = env.tolk("en", &["sync"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let report = status_json(&env);
        for lang in &s.languages_with_new_translation {
            let old: BTreeSet<String> = split(&dir.join(format!("{lang}.old.md")))
                .into_iter()
                .map(|s| s.text)
                .collect();
            let new_texts: BTreeSet<String> = split(&dir.join(format!("{lang}.new.md")))
                .into_iter()
                .map(|s| s.text)
                .filter(|t| !old.contains(t))
                .collect();
            let p = report["postings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["lang"] == lang.as_str())
                .unwrap();
            for seg in p["segments"].as_array().unwrap() {
                if seg["state"] != "stale" {
                    continue;
                }
                let t = seg["translation"].as_str().unwrap();
                assert!(
                    !new_texts.contains(t),
                    "{} {lang}: updated segment {} is still stale",
                    s.id,
                    seg["key"]
                );
                assert!(
                    old.contains(t),
                    "{} {lang}: stale segment {} has a text from neither file",
                    s.id,
                    seg["key"]
                );
            }
            eprintln!(
                "scenario {} {lang}: after the translators' update, {} segments stale, {} updated",
                s.id,
                p["counts"]["stale"],
                new_texts.len()
            );
        }
    }
}
