//! `tolk adopt`: an existing multilingual Hugo site into the workspace and the memory.

use std::process::Command;

use crate::scenarios::{PAGE, scenarios};
use crate::util::{TestEnv, corpus};

/// The real snapshot: every page accounted for, the three orphaned career postings named, and
/// the messy front matter reported as findings (the translated `list:` layout switches, the
/// code fences glued to prose).
#[test]
fn the_real_site_is_adopted_and_every_page_accounted_for() {
    let Some(corpus) = corpus() else { return };
    let env = TestEnv::empty();
    let content = corpus.join("site/content");
    let out = env.tolk("en", &["adopt", content.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let first = out.stdout.lines().next().unwrap();
    // 268 English pages and 7 pages with translations only.
    assert!(first.contains(": 275 pages; "), "{first}");
    let n = |label: &str| -> usize {
        let at = first
            .find(label)
            .unwrap_or_else(|| panic!("{label} in {first}"));
        first[..at]
            .rsplit(' ')
            .next()
            .unwrap()
            .trim_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap()
    };
    let total = n(" adopted")
        + n(" in one language only")
        + n(" orphaned")
        + n(" not fully aligned")
        + n(" not taken");
    assert_eq!(total, 275, "{first}");
    for orphan in [
        "career/2025-devops-engineer.md",
        "career/2026-cloud-engineer.md",
        "career/2026-full-stack-tech-lead.md",
    ] {
        assert!(
            out.stdout.contains(&format!(
                "orphaned (no source page) in da, nb, sv: {orphan}"
            )),
            "{orphan}"
        );
    }
    assert!(
        out.stdout
            .contains("career/_index.md (da): list is “vandret” where the source has “horisontal”")
    );
    assert!(out.stdout.contains(
        "industries/_index.md (nb): list is “indekskort” where the source has “indexcard”"
    ));
    assert!(
        out.stdout
            .contains("tech-update/2024-04-container-projekt-onboarding.md (sv), line")
    );
    assert!(
        out.stdout
            .contains("a code fence glued to the end of a prose line")
    );
    // The memory is filled: status runs and knows the translations.
    let st = env.tolk("en", &["status"]);
    assert_eq!(st.code, 0, "{}", st.stderr);
    eprintln!("{first}");
}

/// A small git repository from scenario 08: the translation was committed with the old English;
/// then the English changed. `adopt --git` records the translation against the old English, so
/// `status` reports the same stale segments as the staleness scenario test.
#[test]
fn adopt_with_git_history() {
    let Some((dir, s)) = scenarios()
        .into_iter()
        .find(|(_, s)| s.id.starts_with("08-"))
    else {
        return;
    };
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    let repo = TestEnv::empty();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(repo.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    repo.write(
        &format!("content/en/{PAGE}"),
        std::fs::read(dir.join("en.old.md")).unwrap(),
    );
    for lang in &s.languages {
        repo.write(
            &format!("content/{lang}/{PAGE}"),
            std::fs::read(dir.join(format!("{lang}.old.md"))).unwrap(),
        );
    }
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "translated"]);
    repo.write(
        &format!("content/en/{PAGE}"),
        std::fs::read(dir.join("en.new.md")).unwrap(),
    );
    git(&["commit", "-q", "-am", "English edited"]);

    let ws = TestEnv::empty();
    let out = ws.tolk(
        "en",
        &[
            "adopt",
            "--git",
            repo.path().join("content").to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("; 3 translations recorded against the source of their last commit."),
        "{}",
        out.stdout
    );
    // The same as the scenario test after `sync` with the old English and then the new.
    let reference = crate::scenarios::synced_old(&dir, &s);
    reference.write(
        &format!("postings/en/{PAGE}"),
        std::fs::read(dir.join("en.new.md")).unwrap(),
    );
    let want = crate::scenarios::status_json(&reference);
    let got = crate::scenarios::status_json(&ws);
    let keys = |v: &serde_json::Value| -> Vec<(String, String, String)> {
        v["postings"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| {
                p["segments"].as_array().unwrap().iter().map(move |s| {
                    (
                        p["lang"].as_str().unwrap().to_string(),
                        s["key"].as_str().unwrap().to_string(),
                        s["state"].as_str().unwrap().to_string(),
                    )
                })
            })
            .collect()
    };
    assert_eq!(keys(&got), keys(&want));
    assert_eq!(
        keys(&got).iter().filter(|(_, _, st)| st == "stale").count(),
        3 * 14
    );
}
