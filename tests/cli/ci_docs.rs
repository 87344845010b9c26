//! docs/ci.md: its GitHub Actions and GitLab CI jobs parse as YAML, name the files each other
//! step reads, and every `tolk` command in them does on the shipped postings what the page
//! says.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use saphyr_parser::{Event, Parser};

use crate::util::shipped;

/// The ```yaml blocks of a Markdown text.
fn yaml_blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in md.lines() {
        match (&mut cur, line.trim_end()) {
            (None, "```yaml") => cur = Some(String::new()),
            (Some(b), "```") => {
                out.push(std::mem::take(b));
                cur = None;
            }
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// Every scalar of a YAML document by its path of mapping keys (sequence items under their
/// key: `jobs.tolk.steps.run`), in order. Panics on YAML that does not parse.
fn scalars(yaml: &str) -> Vec<(String, String)> {
    enum Ctx {
        Map { key: Option<String> },
        Seq,
    }
    let mut stack: Vec<Ctx> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for ev in Parser::new_from_str(yaml) {
        let (ev, _) = ev.unwrap_or_else(|e| panic!("YAML does not parse: {e}\n{yaml}"));
        // A value in a mapping: its key joins the path while it lasts.
        let value_start = |stack: &mut Vec<Ctx>, path: &mut Vec<String>| {
            if let Some(Ctx::Map { key }) = stack.last_mut() {
                path.push(key.take().unwrap_or_default());
                true
            } else {
                false
            }
        };
        match ev {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let pushed = value_start(&mut stack, &mut path);
                stack.push(match ev {
                    Event::MappingStart(..) => Ctx::Map { key: None },
                    _ => Ctx::Seq,
                });
                // Remember whether the container pushed a path part: marked by its depth.
                if !pushed {
                    path.push(String::new());
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                path.pop();
            }
            Event::Scalar(v, ..) => match stack.last_mut() {
                Some(Ctx::Map { key }) if key.is_none() => *key = Some(v.to_string()),
                Some(Ctx::Map { key }) => {
                    let k = key.take().unwrap_or_default();
                    let full: Vec<&str> = path
                        .iter()
                        .map(String::as_str)
                        .chain([k.as_str()])
                        .filter(|p| !p.is_empty())
                        .collect();
                    out.push((full.join("."), v.to_string()));
                }
                Some(Ctx::Seq) => {
                    let full: Vec<&str> = path
                        .iter()
                        .map(String::as_str)
                        .filter(|p| !p.is_empty())
                        .collect();
                    out.push((full.join("."), v.to_string()));
                }
                None => {}
            },
            _ => {}
        }
    }
    out
}

/// The values at one path.
fn at<'a>(s: &'a [(String, String)], path: &str) -> Vec<&'a str> {
    s.iter()
        .filter(|(p, _)| p == path)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Runs each `tolk` line of `commands` with sh in `dir` (tolk on PATH, `env` set), as a CI
/// runner would; returns each line's exit code and stdout.
fn run_tolk_lines(
    dir: &Path,
    commands: &[&str],
    env: &[(&str, &str)],
) -> BTreeMap<String, (i32, String)> {
    let bin = Path::new(env!("CARGO_BIN_EXE_tolk")).parent().unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let mut out = BTreeMap::new();
    for line in commands.iter().flat_map(|c| c.lines()) {
        let line = line.trim();
        if !line.starts_with("tolk ") {
            continue;
        }
        let o = Command::new("sh")
            .args(["-c", line])
            .current_dir(dir)
            .env_clear()
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env("TOLK_UI_LANG", "en")
            .env("TOLK_NOW", "2026-11-28T12:00:00Z")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        out.insert(
            line.to_string(),
            (
                o.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&o.stdout).into_owned(),
            ),
        );
    }
    out
}

/// Each scalar of a YAML document with its path.
type Scalars = Vec<(String, String)>;

fn blocks() -> (Scalars, Scalars) {
    let md = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md")).unwrap();
    let b = yaml_blocks(&md);
    assert_eq!(b.len(), 2, "docs/ci.md has a GitHub and a GitLab job");
    (scalars(&b[0]), scalars(&b[1]))
}

#[test]
fn the_github_actions_job_annotates_summarises_and_keeps_the_report() {
    let (gh, _) = blocks();
    let runs = at(&gh, "jobs.tolk.steps.run");
    for want in [
        "tolk check --format github || true",
        "tolk check --format markdown >> \"$GITHUB_STEP_SUMMARY\" || true",
        "tolk report --out tolk-report",
        "tolk check",
    ] {
        assert!(runs.contains(&want), "no step runs {want:?}: {runs:?}");
    }
    assert!(
        runs.iter()
            .any(|r| r.contains("gh pr comment \"$PR\" --body-file tolk-comment.md"))
    );
    assert_eq!(at(&gh, "jobs.tolk.steps.with.path"), ["tolk-report"]);
    assert_eq!(at(&gh, "jobs.tolk.permissions.pull-requests"), ["write"]);
    assert_eq!(runs.last(), Some(&"tolk check"), "the last step decides");

    let env = shipped();
    let summary = env.path().join("summary.md");
    let done = run_tolk_lines(
        env.path(),
        &runs,
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(done.len(), 5, "{done:?}");
    let (code, annotations) = &done["tolk check --format github || true"];
    assert_eq!(*code, 0);
    assert!(
        annotations.contains(
            "::warning file=postings/da/career/cloud-engineer.md,line=3,title=tolk%3A stale::"
        ),
        "{annotations}"
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("career/cloud-engineer.md"), "{summary}");
    let comment = env.read("tolk-comment.md");
    assert_eq!(comment, summary, "the comment is the summary");
    assert!(env.path().join("tolk-report/index.html").exists());
    assert_eq!(done["tolk check"].0, 0, "the shipped postings only warn");
}

#[test]
fn the_gitlab_job_writes_the_reports_it_declares() {
    let (_, gl) = blocks();
    let script = at(&gl, "tolk.script");
    let junit = at(&gl, "tolk.artifacts.reports.junit");
    let quality = at(&gl, "tolk.artifacts.reports.codequality");
    assert_eq!((junit.len(), quality.len()), (1, 1));
    assert!(script.contains(&format!("tolk check --format junit > {} || true", junit[0]).as_str()));
    assert!(
        script.contains(
            &format!("tolk check --format codequality > {} || true", quality[0]).as_str()
        )
    );
    assert_eq!(at(&gl, "tolk.artifacts.paths"), ["tolk-report/"]);
    assert_eq!(script.last(), Some(&"tolk check"));

    let env = shipped();
    let done = run_tolk_lines(env.path(), &script, &[]);
    assert_eq!(done.len(), 4, "{done:?}");
    assert!(done.values().all(|(code, _)| *code == 0), "{done:?}");
    let xml = env.read(junit[0]);
    assert!(
        xml.starts_with("<?xml") && xml.contains("<testsuites"),
        "{xml}"
    );
    assert!(xml.contains("career/cloud-engineer.md"), "{xml}");
    let issues: serde_json::Value = serde_json::from_str(&env.read(quality[0])).unwrap();
    let issues = issues.as_array().unwrap();
    assert!(!issues.is_empty());
    for i in issues {
        for k in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[k].is_string(), "{k}: {i}");
        }
        assert!(
            i["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("postings/")
        );
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let first = &issues[0];
    assert_eq!(
        first["location"]["path"],
        "postings/da/career/cloud-engineer.md"
    );
    assert_eq!(first["location"]["lines"]["begin"], 3);
    assert_eq!(first["severity"], "minor");
    // Fingerprints: one per finding, the same on the next run.
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), issues.len());
    let again = run_tolk_lines(
        env.path(),
        &["tolk check --format codequality > again.json || true"],
        &[],
    );
    assert_eq!(again.len(), 1);
    assert_eq!(env.read("again.json"), env.read(quality[0]));
    assert!(env.path().join("tolk-report/index.html").exists());
}
