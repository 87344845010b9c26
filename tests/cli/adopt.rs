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

/// Adopt the real site, then export it into an empty folder with the `keep` policy: at least
/// 90% of the translated pages come out byte for byte as the site has them. The rest are listed
/// by reason (translations that lack some source segments get them in English).
#[test]
fn export_after_adopt_reproduces_the_site() {
    let Some(corpus) = corpus() else { return };
    let env = TestEnv::empty();
    let content = corpus.join("site/content");
    assert_eq!(
        env.tolk("en", &["adopt", content.to_str().unwrap()]).code,
        0
    );
    let out = env.tolk("en", &["export", "--to", "exported"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (mut same, mut only_added, mut other) = (0usize, Vec::new(), Vec::new());
    for lang in ["da", "sv", "nb"] {
        let mut files = Vec::new();
        crate::util::markdown_files(&env.path().join("exported").join(lang), &mut files);
        for f in files {
            let rel = f
                .strip_prefix(env.path().join("exported").join(lang))
                .unwrap();
            let ours = std::fs::read_to_string(&f).unwrap();
            let theirs = std::fs::read_to_string(content.join(lang).join(rel)).unwrap();
            if ours == theirs {
                same += 1;
                continue;
            }
            let diff = similar::TextDiff::from_lines(&theirs, &ours);
            let removed = diff
                .iter_all_changes()
                .any(|c| c.tag() == similar::ChangeTag::Delete);
            let name = format!("{lang}/{}", rel.display());
            if removed {
                other.push(name)
            } else {
                only_added.push(name)
            }
        }
    }
    let total = same + only_added.len() + other.len();
    let share = same as f64 / total as f64;
    eprintln!(
        "export after adopt: {same} of {total} translated pages byte for byte ({:.1}%); {} differ only by source segments added in English, {} otherwise: {:?}",
        100.0 * share,
        only_added.len(),
        other.len(),
        other
    );
    assert!(share >= 0.9, "only {:.1}% reproduced", 100.0 * share);
}

/// A site in the suffix layout (`name.<lang>.md`) is adopted as well.
#[test]
fn suffix_layout() {
    let site = crate::util::shipped();
    assert_eq!(
        site.tolk("en", &["export", "--layout", "suffix", "--to", "content"])
            .code,
        0
    );
    for f in [
        "cloud-engineer",
        "site-reliability-engineer",
        "customer-success-manager",
    ] {
        std::fs::copy(
            site.path().join(format!("postings/en/career/{f}.md")),
            site.path().join(format!("content/career/{f}.md")),
        )
        .unwrap();
    }
    let ws = TestEnv::empty();
    let out = ws.tolk(
        "en",
        &["adopt", site.path().join("content").to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(&format!(
            "Adopted {} (suffix layout): 3 pages; 3 adopted,",
            site.path().join("content").display()
        )),
        "{}",
        out.stdout
    );
    assert!(
        ws.path()
            .join("postings/da/career/cloud-engineer.md")
            .exists()
    );
}

/// The content checks on the whole real snapshot after adopt: how many findings of each check,
/// with the glued code fences and the translated `list:` values among them.
#[test]
fn content_checks_on_the_real_site() {
    let Some(corpus) = corpus() else { return };
    let env = TestEnv::empty();
    let content = corpus.join("site/content");
    assert_eq!(
        env.tolk("en", &["adopt", content.to_str().unwrap()]).code,
        0
    );
    let out = env.tolk("en", &["status", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let mut seen = Vec::new();
    for p in v["postings"].as_array().unwrap() {
        for c in p["problems"].as_array().into_iter().flatten() {
            *counts
                .entry(c["kind"].as_str().unwrap().to_string())
                .or_default() += 1;
            seen.push(format!(
                "{} {} {} {}",
                p["file"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
                c["key"].as_str().unwrap(),
                c["detail"].as_str().unwrap()
            ));
        }
    }
    eprintln!("content checks on the real site: {counts:?}");
    assert!(
        seen.iter()
            .any(|s| s
                .contains("da/career/_index.md translated-value fm.list horisontal -> vandret")),
        "{seen:?}"
    );
    assert!(
        seen.iter()
            .any(|s| s.contains("tech-update/2024-04-container-projekt-onboarding.md glued-fence"))
    );
    assert!(
        counts.get("script").copied().unwrap_or(0) == 0,
        "no translation adds a script: {seen:?}"
    );
}
