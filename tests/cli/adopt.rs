//! `tolk adopt`: an existing multilingual Hugo site into the workspace and the memory.

use std::path::Path;
use std::process::Command;

use crate::scenarios::{PAGE, scenarios};
use crate::util::{TestEnv, corpus, tolk_with_env};

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
    // It is no larger than the content it records (it lives in git beside it): its texts are
    // packed with a dictionary trained on them.
    let mut pages = Vec::new();
    crate::util::markdown_files(&content, &mut pages);
    let content_bytes: u64 = pages
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let db = env.path().join("translations.db");
    let memory_bytes: u64 = ["translations.db", "translations.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(env.path().join(f)).ok())
        .map(|m| m.len())
        .sum();
    assert!(
        memory_bytes <= content_bytes,
        "the memory is {memory_bytes} bytes for {content_bytes} of content"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let dicts: i64 = conn
        .query_row("SELECT count(*) FROM text_dict", [], |r| r.get(0))
        .unwrap();
    assert_eq!(dicts, 1);
}

/// A small git repository from scenario 08: the translation was committed with the old English;
/// then the English changed. `adopt --git` records the translation against the old English, so
/// `status` reports the same stale segments as the staleness scenario test.
#[test]
fn adopt_with_git_history() {
    let Some((dir, s, repo)) = scenario_repo() else {
        return;
    };
    let git = |args: &[&str]| git(&repo, args);
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
            .contains("; 3 translations recorded against the source they were made from (git)."),
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

/// CI checks out one commit: in a shallow clone the English a translation was made from is not
/// in the history, and `adopt --git` took every translation as current. It is refused, with
/// the way out, before anything is made; the full clone is adopted with its stale segment.
#[test]
fn adopt_with_git_refuses_a_shallow_clone() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    let repo = TestEnv::empty();
    git(&repo, &["init", "-q"]);
    repo.write(
        "content/en/a.md",
        "---\ntitle: \"A\"\n---\n\nOne.\n\nTwo.\n",
    );
    repo.write(
        "content/da/a.md",
        "---\ntitle: \"A da\"\n---\n\nEn.\n\nTo.\n",
    );
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "translated"]);
    repo.write(
        "content/en/a.md",
        "---\ntitle: \"A\"\n---\n\nOne, changed.\n\nTwo.\n",
    );
    git(&repo, &["commit", "-q", "-am", "English edited"]);
    let shallow = TestEnv::empty();
    let url = format!("file://{}", repo.path().display());
    let clone = shallow.path().join("site");
    git(
        &shallow,
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    let adopt = |from: &Path| {
        let ws = TestEnv::empty();
        ws.write("tolk.toml", "targets = [\"da\"]\n");
        let out = ws.tolk(
            "en",
            &["adopt", "--git", from.join("content").to_str().unwrap()],
        );
        (ws, out)
    };
    let (ws, out) = adopt(&clone);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("a shallow clone of its repository")
            && out
                .stderr
                .contains("hint: run `git fetch --unshallow` there first"),
        "{}",
        out.stderr
    );
    assert!(!ws.path().join("translations.db").exists());
    assert!(!ws.path().join("postings").exists());
    // The full clone, with every git process tolk starts written down: git is asked once
    // whether it can tell the history (it was asked twice, by the command and by adopt).
    let ws = TestEnv::empty();
    ws.write("tolk.toml", "targets = [\"da\"]\n");
    let real = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let real = String::from_utf8(real.stdout).unwrap();
    let log = ws.path().join("git.log");
    let bin = ws.write(
        "bin/git",
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real.trim()
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let content = repo.path().join("content");
    let out = tolk_with_env(
        ws.path(),
        &[("PATH", &path)],
        &["adopt", "--git", content.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let calls = std::fs::read_to_string(&log).unwrap();
    for asked in [
        "--version",
        "--is-inside-work-tree",
        "--is-shallow-repository",
    ] {
        assert_eq!(
            calls.lines().filter(|l| l.ends_with(asked)).count(),
            1,
            "{asked}: {calls}"
        );
    }
    let status = ws.tolk("en", &["status"]);
    assert!(
        status.stdout.contains("da: 67% current, 1 stale segment"),
        "{}",
        status.stdout
    );
}

/// Whether a page's shortcodes nest as the English page's (read with the default rules).
fn same_skeleton(english: &Path, page: &Path) -> bool {
    let rules = tolk::config::Rules::default();
    let en = tolk::posting::Posting::read(english, &rules).unwrap();
    let p = tolk::posting::Posting::read(page, &rules).unwrap();
    en.shortcode_skeleton() == p.shortcode_skeleton()
}

/// A site page as export writes it for `lang` with the default tolk.toml: every spelling of
/// the front matter key `language` (Hugo reads keys in any case, and the real site has
/// `Language: "En"` beside `language: "sv"`) holding the page's language.
fn with_language(page: &[u8], lang: &str) -> Vec<u8> {
    let text = std::str::from_utf8(page).unwrap();
    let mut out = String::new();
    let mut fences = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            fences += 1;
        }
        let key = line.split(':').next().unwrap_or_default();
        if fences == 1 && key.eq_ignore_ascii_case("language") && line.contains(": \"") {
            let end = &line[line.trim_end().len()..];
            out.push_str(&format!("{key}: \"{lang}\"{end}"));
        } else {
            out.push_str(line);
        }
    }
    out.into_bytes()
}

/// The pages `tolk export` refused (from its error lines), as `lang/rel` names.
fn refused(stderr: &str, to: &Path) -> std::collections::BTreeSet<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(|l| {
            assert!(l.contains(": not written: "), "another error: {l}");
            let path = &l["error: ".len()..l.find(": not written").unwrap()];
            let path = Path::new(path);
            let path = path.strip_prefix(to).unwrap_or(path);
            path.display().to_string()
        })
        .collect()
}

/// Adopt the real site, then export it into an empty folder with the default tolk.toml and no
/// English edit: every page that is written is byte for byte the site's, and the only pages
/// not written are those whose translation nests shortcodes otherwise than its English (an
/// exported page must have the English's skeleton), each named with the reason.
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
    let not_written = refused(&out.stderr, Path::new("exported"));
    assert_eq!(out.code, if not_written.is_empty() { 0 } else { 2 });
    let (mut same, mut total, mut language_set) = (0usize, 0usize, 0usize);
    for lang in ["da", "sv", "nb"] {
        let mut files = Vec::new();
        crate::util::markdown_files(&content.join(lang), &mut files);
        for theirs in files {
            let rel = theirs.strip_prefix(content.join(lang)).unwrap();
            let english = content.join("en").join(rel);
            if !english.exists() {
                continue;
            }
            total += 1;
            let name = format!("{lang}/{}", rel.display());
            let ours = env.path().join("exported").join(lang).join(rel);
            if not_written.contains(&name) {
                assert!(!ours.exists(), "{name} refused but written");
                assert!(
                    !same_skeleton(&english, &theirs),
                    "{name} refused, though its shortcodes nest as the English's"
                );
                continue;
            }
            let theirs = std::fs::read(&theirs).unwrap();
            let ours = std::fs::read(&ours).unwrap();
            if ours != theirs {
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(with_language(&theirs, lang)).unwrap(),
                    "{name} not re-exported byte for byte, nor with only its language key set"
                );
                language_set += 1;
                continue;
            }
            same += 1;
        }
    }
    eprintln!(
        "export after adopt: {same} of {total} translated pages byte for byte, {language_set} with only a second spelling of their language key set to their language; {} not written (shortcodes nested otherwise than the English's)",
        not_written.len()
    );
    assert_eq!(same + language_set + not_written.len(), total);
    // The one exported page of the real site with `Language: "No"` beside its own `language`
    // (the others with such a pair, "En", are the orphaned career postings).
    assert_eq!(language_set, 1);
    assert!(same >= 700, "{same}");
    // status names the same pages, before anyone runs export.
    let st = env.tolk("en", &["status", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&st.stdout).unwrap();
    let named: std::collections::BTreeSet<String> = v["postings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["problems"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|c| c["kind"] == "shortcodes-differ")
        })
        .map(|p| {
            format!(
                "{}/{}",
                p["lang"].as_str().unwrap(),
                p["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(named, not_written);
}

/// Adopt, then export in place into a copy of the site's own content folder: no file tolk
/// adopted is taken for a hand edit, and none changes but the one page whose language key had
/// a second spelling with another value (`Language: "No"`: Hugo reads it as the page's
/// `language`, whichever comes first).
#[test]
fn export_in_place_after_adopt_changes_only_wrong_language_keys() {
    let Some(corpus) = corpus() else { return };
    let env = TestEnv::empty();
    let site = env.path().join("site");
    crate::util::copy_dir(&corpus.join("site/content"), &site);
    assert_eq!(env.tolk("en", &["adopt", "site"]).code, 0);
    let out = env.tolk("en", &["export", "--to", "site"]);
    assert!(
        !out.stderr.contains("changed by hand"),
        "adopted files taken for hand edits: {}",
        out.stderr
    );
    let not_written = refused(&out.stderr, Path::new("site"));
    let mut changed = 0;
    for lang in ["en", "da", "sv", "nb"] {
        let mut files = Vec::new();
        crate::util::markdown_files(&corpus.join("site/content").join(lang), &mut files);
        for f in files {
            let rel = f.strip_prefix(corpus.join("site/content")).unwrap();
            let original = std::fs::read(&f).unwrap();
            let in_lang = rel.strip_prefix(lang).unwrap();
            let exported = lang != "en"
                && corpus.join("site/content/en").join(in_lang).exists()
                && !not_written.contains(&rel.display().to_string());
            let want = if exported {
                with_language(&original, lang)
            } else {
                original.clone()
            };
            changed += usize::from(want != original);
            assert_eq!(
                String::from_utf8(std::fs::read(site.join(rel)).unwrap()).unwrap(),
                String::from_utf8(want).unwrap(),
                "{}",
                rel.display()
            );
        }
    }
    let last = out.stdout.lines().last().unwrap_or_default();
    assert_eq!(changed, 1);
    assert!(last.starts_with("1 file written, "), "{}", out.stdout);
    eprintln!(
        "export in place after adopt: {last} ({} not written)",
        not_written.len()
    );
}

/// Adopt the real site, edit every English page (a paragraph added at the end, the first
/// paragraph's first word changed), export: every page written parses again and nests its
/// shortcodes as its English does.
#[test]
fn export_after_an_english_edit_keeps_every_page_sound() {
    let Some(corpus) = corpus() else { return };
    let env = TestEnv::empty();
    let content = corpus.join("site/content");
    assert_eq!(
        env.tolk("en", &["adopt", content.to_str().unwrap()]).code,
        0
    );
    let mut english = Vec::new();
    crate::util::markdown_files(&env.path().join("postings/en"), &mut english);
    for f in &english {
        let mut text = std::fs::read_to_string(f).unwrap();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("\nA paragraph added to the English after the translation.\n");
        std::fs::write(f, text).unwrap();
    }
    let out = env.tolk("en", &["export", "--to", "exported"]);
    let not_written = refused(&out.stderr, Path::new("exported"));
    let rules = tolk::config::Rules::default();
    let mut written = 0;
    for lang in ["da", "sv", "nb"] {
        let mut files = Vec::new();
        crate::util::markdown_files(&env.path().join("exported").join(lang), &mut files);
        for f in files {
            let rel = f
                .strip_prefix(env.path().join("exported").join(lang))
                .unwrap();
            let en = env.path().join("postings/en").join(rel);
            if !en.exists() {
                continue;
            }
            let page = tolk::posting::Posting::read(&f, &rules)
                .unwrap_or_else(|e| panic!("{lang}/{}: {e}", rel.display()));
            let en = tolk::posting::Posting::read(&en, &rules).unwrap();
            assert_eq!(
                page.shortcode_skeleton(),
                en.shortcode_skeleton(),
                "{lang}/{}",
                rel.display()
            );
            written += 1;
        }
    }
    eprintln!(
        "after an edit of every English page: {written} pages written, all sound; {} not written",
        not_written.len()
    );
    assert!(written >= 700, "{written}");
}

/// Adopt a site, a translator then updates a translation in the workspace, and export writes
/// it into the site it came from: a site file as adopt took it in is tolk's to replace, not a
/// hand edit. A site file edited by hand since adopt is still refused, and a translation the
/// site has without its English is still not tolk's to remove.
#[test]
fn a_translation_updated_after_adopt_is_exported_into_its_site() {
    let env = TestEnv::empty();
    let page = |title: &str, body: &str| format!("---\ntitle: \"{title}\"\n---\n\n{body}\n");
    let files = [
        ("en/career/tester.md", page("Tester", "We test everything.")),
        ("sv/career/tester.md", page("Testare", "Vi testar allt.")),
        ("da/career/tester.md", page("Tester", "Vi tester alt.")),
        ("en/career/writer.md", page("Writer", "We write docs.")),
        (
            "sv/career/writer.md",
            page("Skribent", "Vi skriver dokumentation."),
        ),
        (
            "nb/career/gone.md",
            page("Borte", "Denne siden har ingen engelsk side."),
        ),
    ];
    for (rel, text) in &files {
        let path = env.path().join("site").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = env.tolk("en", &["adopt", "site"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Exports go elsewhere by default: adopt says how to write into the site.
    assert!(
        out.stdout.ends_with(
            "`tolk export` writes into content (`to` under [export] in tolk.toml); into the \
             adopted folder: tolk export --to site\n"
        ),
        "{}",
        out.stdout
    );
    let da = env.tolk("da", &["adopt", "site"]);
    assert!(
        da.stdout
            .ends_with("i den overtagne mappe: tolk export --to site\n"),
        "{}",
        da.stdout
    );
    // The translator's update, in the workspace.
    let updated = page("Testare", "Vi testar allt, noga.");
    std::fs::write(env.path().join("postings/sv/career/tester.md"), &updated).unwrap();
    // A hand edit on the site itself.
    let by_hand = page("Skribent", "Vi skriver dokumentation för hand.");
    std::fs::write(env.path().join("site/sv/career/writer.md"), &by_hand).unwrap();
    let out = env.tolk("en", &["export", "--to", "site"]);
    let read = |rel: &str| std::fs::read_to_string(env.path().join("site").join(rel)).unwrap();
    assert_eq!(read("sv/career/tester.md"), updated, "{}", out.stderr);
    assert!(
        !out.stderr.contains("sv/career/tester.md"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("site/sv/career/writer.md: changed by hand"),
        "{}",
        out.stderr
    );
    assert_eq!(read("sv/career/writer.md"), by_hand);
    assert_eq!(read("da/career/tester.md"), files[2].1);
    assert_eq!(read("nb/career/gone.md"), files[5].1);
    assert_eq!(out.code, 2, "{}", out.stdout);
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

/// Hugo reads `.markdown` and `.mdown` files as Markdown too: a site with them (suffix layout,
/// `about.da.markdown`) is adopted, synced, and exported with the same extension, and a
/// translation key without it.
#[test]
fn markdown_files_by_every_extension_hugo_reads() {
    let site = TestEnv::empty();
    let en = "---\ntitle: \"About\"\n---\n\nWe build clouds.\n";
    let da = "---\ntitle: \"Om os\"\n---\n\nVi bygger skyer.\n";
    site.write("content/about.markdown", en);
    site.write("content/about.da.markdown", da);
    site.write("content/team.mdown", en.replace("About", "Team"));
    let ws = TestEnv::empty();
    ws.write(
        "tolk.toml",
        "targets = [\"da\"]\n[export]\nlayout = \"suffix\"\ntranslation_key = \"translationKey\"\n",
    );
    let out = ws.tolk(
        "en",
        &["adopt", site.path().join("content").to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("(suffix layout): 2 pages; 1 adopted"),
        "{}",
        out.stdout
    );
    assert_eq!(ws.read("postings/da/about.markdown"), da);
    let status = ws.tolk("en", &["status"]);
    assert!(
        status.stdout.contains("about.markdown") && status.stdout.contains("team.mdown"),
        "{}",
        status.stdout
    );
    let out = ws.tolk("en", &["export", "--to", "site"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let page = ws.read("site/about.da.markdown");
    assert!(page.contains("Vi bygger skyer."), "{page}");
    assert!(page.contains("translationKey: \"about\""), "{page}");
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

/// A page adopt cannot read is named with its file, line and a sentence (never a debug dump of
/// the error), the count has the right plural, and the rest is taken.
#[test]
fn an_unreadable_page_is_named_in_words() {
    let env = TestEnv::empty();
    env.write(
        "site/en/a.md",
        "---\ntitle: \"A\"\n---\n\nText.\n\n{{< /ingress >}}\n",
    );
    env.write("site/da/a.md", "---\ntitle: \"A da\"\n---\n\nTekst.\n");
    let out = env.tolk("en", &["adopt", "site"]);
    assert_eq!(
        out.stdout.lines().take(2).collect::<Vec<_>>(),
        [
            "Adopted site (folder layout): 1 page; 0 adopted, 0 in one language only, 0 orphaned, 0 not fully aligned, 1 not taken.",
            "  not taken: a.md: postings/en/a.md:7: closing shortcode “ingress” without an opening one",
        ]
    );
}

/// A site that records in each translation's front matter the commit of the English it was made
/// from (`sourceCommit`), and whose translations were last committed later, in a bookkeeping
/// commit that set that key: `adopt --commit-key sourceCommit` records each translation against
/// the English of the commit it names, so status is right on day one (every one of scenario
/// 08's 14 edited segments stale in each language). `--git` alone passes over the bookkeeping
/// commit (it changed no text of the translations) and finds the same; a commit that changes
/// a translation's text is where it was made.
#[test]
fn adopt_against_the_commit_the_translations_name() {
    let Some((dir, s, repo)) = scenario_repo() else {
        return;
    };
    let git = |args: &[&str]| git(&repo, args);
    let translated = git(&["rev-parse", "HEAD"]);
    repo.write(
        &format!("content/en/{PAGE}"),
        std::fs::read(dir.join("en.new.md")).unwrap(),
    );
    git(&["commit", "-q", "-am", "English edited"]);
    // Bookkeeping: each translation gets the key naming the commit it was made from.
    for lang in &s.languages {
        let f = format!("content/{lang}/{PAGE}");
        let text = repo.read(&f);
        let text = text.replacen("---\n", &format!("---\nsourceCommit: {translated}\n"), 1);
        repo.write(&f, text);
    }
    git(&["commit", "-q", "-am", "record source commits"]);

    let stale = |ws: &TestEnv| {
        crate::scenarios::status_json(ws)["postings"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["segments"].as_array().unwrap().clone())
            .filter(|seg| seg["state"] == "stale")
            .count()
    };
    let content = repo.path().join("content");
    let by_key = TestEnv::empty();
    let out = by_key.tolk(
        "en",
        &[
            "adopt",
            "--commit-key",
            "sourceCommit",
            content.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("; 3 translations recorded against the source they were made from (git)."),
        "{}",
        out.stdout
    );
    assert_eq!(stale(&by_key), 3 * 14, "{}", out.stdout);

    let by_last_commit = TestEnv::empty();
    let out = by_last_commit.tolk("en", &["adopt", "--git", content.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(stale(&by_last_commit), 3 * 14, "{}", out.stdout);

    // A translator then brings the Danish up to date, in a commit that changes its text: from
    // there on the Danish was made from the edited English.
    repo.write(
        &format!("content/da/{PAGE}"),
        std::fs::read(dir.join("da.new.md")).unwrap(),
    );
    git(&["commit", "-q", "-am", "Danish updated"]);
    let updated = TestEnv::empty();
    let out = updated.tolk("en", &["adopt", "--git", content.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(stale(&updated), 2 * 14, "{}", out.stdout);
}

/// Runs git in `repo` (a fixed author, no signing); its output, or a failed test.
fn git(repo: &TestEnv, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(repo.path())
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Scenario 08 as a git repository: the English and its translations committed together
/// ("translated"), in `content/<lang>/`. `None` where the corpus or git is absent (said).
fn scenario_repo() -> Option<(std::path::PathBuf, crate::scenarios::Scenario, TestEnv)> {
    let (dir, s) = scenarios()
        .into_iter()
        .find(|(_, s)| s.id.starts_with("08-"))?;
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("SKIPPED: git is not installed");
        return None;
    }
    let repo = TestEnv::empty();
    git(&repo, &["init", "-q"]);
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
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "translated"]);
    Some((dir, s, repo))
}
