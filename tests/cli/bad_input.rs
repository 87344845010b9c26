//! Bad input, a suite: every file in `tests/bad-input/` and the cases made here (a 50 MB line,
//! 10,000 levels of nesting, a directory, symbolic link loops, broken memories). Each gets a
//! clear error naming the file (and line), the right exit code, no panic; the other postings
//! are still recorded, and the memory is left exactly as it was.

use std::path::Path;

use crate::util::{TestEnv, repo, tolk_with_env};

/// Every table of the memory, as text.
fn dump(env: &TestEnv) -> String {
    crate::memory::dump(&env.path().join("translations.db"))
}

struct Case {
    name: String,
    make: Box<dyn Fn(&TestEnv) -> String>,
}

fn static_cases() -> Vec<Case> {
    let dir = repo().join("tests/bad-input/postings");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let file = dir.join(&name);
            let target = format!("postings/en/bad/{name}");
            Case {
                name: name.clone(),
                make: Box::new(move |env: &TestEnv| {
                    env.write(&target, std::fs::read(&file).unwrap());
                    target.clone()
                }),
            }
        })
        .collect()
}

fn made_cases() -> Vec<Case> {
    let case = |name: &str, make: Box<dyn Fn(&TestEnv) -> String>| Case {
        name: name.to_string(),
        make,
    };
    vec![
        case(
            "50 MB on one line",
            Box::new(|env: &TestEnv| {
                let mut text = b"---\ntitle: \"Long\"\n---\n\n".to_vec();
                text.extend(std::iter::repeat_n(b'a', 50 * 1024 * 1024));
                env.write("postings/en/bad/long-line.md", text);
                "postings/en/bad/long-line.md".into()
            }),
        ),
        case(
            "10,000 nested lists",
            Box::new(|env: &TestEnv| {
                let text = format!("---\ntitle: \"Deep\"\n---\n\n{}item\n", "- ".repeat(10_000));
                env.write("postings/en/bad/deep-lists.md", text);
                "postings/en/bad/deep-lists.md".into()
            }),
        ),
        case(
            "10,000 nested blockquotes",
            Box::new(|env: &TestEnv| {
                let text = format!(
                    "---\ntitle: \"Deep\"\n---\n\n{} quoted\n",
                    ">".repeat(10_000)
                );
                env.write("postings/en/bad/deep-quotes.md", text);
                "postings/en/bad/deep-quotes.md".into()
            }),
        ),
        case(
            "front matter nested 10,000 levels",
            Box::new(|env: &TestEnv| {
                let text = format!(
                    "---\ntitle: {}1{}\n---\nBody\n",
                    "[".repeat(10_000),
                    "]".repeat(10_000)
                );
                env.write("postings/en/bad/deep-yaml.md", text);
                "postings/en/bad/deep-yaml.md".into()
            }),
        ),
        case(
            "a directory where a file should be",
            Box::new(|env: &TestEnv| {
                std::fs::create_dir_all(env.path().join("postings/da/career/cloud-engineer.md.d"))
                    .unwrap();
                let p = env
                    .path()
                    .join("postings/da/career/site-reliability-engineer.md");
                std::fs::remove_file(&p).unwrap();
                std::fs::create_dir(&p).unwrap();
                "postings/da/career/site-reliability-engineer.md".into()
            }),
        ),
        case(
            "a symbolic link loop",
            Box::new(|env: &TestEnv| {
                let dir = env.path().join("postings/en/bad");
                std::fs::create_dir_all(&dir).unwrap();
                std::os::unix::fs::symlink(dir.join("loop-b.md"), dir.join("loop-a.md")).unwrap();
                std::os::unix::fs::symlink(dir.join("loop-a.md"), dir.join("loop-b.md")).unwrap();
                "postings/en/bad/loop-a.md".into()
            }),
        ),
        case(
            "a folder linking to itself",
            Box::new(|env: &TestEnv| {
                let dir = env.path().join("postings/en/bad");
                std::fs::create_dir_all(&dir).unwrap();
                std::os::unix::fs::symlink(&dir, dir.join("again")).unwrap();
                env.write(
                    "postings/en/bad/again-page.md",
                    "---\ntitle: \"Fine\"\n---\nBody\n",
                );
                "postings/en/bad/again-page.md".into()
            }),
        ),
        case(
            "an unreadable file",
            Box::new(|env: &TestEnv| {
                use std::os::unix::fs::PermissionsExt;
                let p = env.write("postings/en/bad/secret.md", "---\ntitle: \"x\"\n");
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
                "postings/en/bad/secret.md".into()
            }),
        ),
    ]
}

#[test]
fn every_bad_posting_is_named_the_others_go_on_and_the_memory_is_unchanged() {
    let mut transcript = String::new();
    let cases: Vec<Case> = static_cases().into_iter().chain(made_cases()).collect();
    assert!(cases.len() >= 38, "{} cases", cases.len());
    for case in &cases {
        let env = TestEnv::translated();
        assert_eq!(env.tolk("en", &["sync"]).code, 0);
        let before = dump(&env);
        let file = (case.make)(&env);
        let out = env.tolk("en", &["sync"]);
        let root_reads_anything =
            case.name == "an unreadable file" && std::fs::read(env.path().join(&file)).is_ok();
        transcript.push_str(&format!(
            "## {}\n[exit {}]\n{}",
            case.name, out.code, out.stderr
        ));
        if root_reads_anything {
            eprintln!(
                "SKIPPED: {}: running as root, which reads any file",
                case.name
            );
            continue;
        }
        assert!(
            !out.stderr.contains("panicked"),
            "{}: {}",
            case.name,
            out.stderr
        );
        if out.code == 0 {
            // Read as a posting after all (Hugo reads it too): recorded, nothing else changed.
            continue;
        }
        assert_eq!(out.code, 2, "{}: {}", case.name, out.stderr);
        assert!(
            out.stderr.contains(&file),
            "{}: the error does not name {file}: {}",
            case.name,
            out.stderr
        );
        assert_eq!(dump(&env), before, "{}: the memory changed", case.name);
        // The other postings are still there and current.
        let st = env.tolk(
            "en",
            &[
                "status",
                "--format",
                "json",
                "career/customer-success-manager.md",
                "--lang",
                "sv",
            ],
        );
        let v: serde_json::Value = serde_json::from_str(&st.stdout).unwrap();
        assert_eq!(v["postings"][0]["state"], "current", "{}", case.name);
    }
    insta::assert_snapshot!("bad_input_en", transcript);
}

/// The same errors in Danish, for a sample.
#[test]
fn bad_postings_in_danish() {
    let env = TestEnv::translated();
    let dir = repo().join("tests/bad-input/postings");
    for name in [
        "04-yaml-duplicate-key.md",
        "14-shortcode-unclosed-ingress.md",
        "20-latin1.md",
        "24-empty.md",
    ] {
        env.write(
            &format!("postings/en/bad/{name}"),
            std::fs::read(dir.join(name)).unwrap(),
        );
    }
    let out = env.tolk("da", &["sync"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("bad_input_da", out.stderr);
}

#[test]
fn every_bad_config_is_exit_2_with_its_line_and_nothing_written() {
    let dir = repo().join("tests/bad-input/config");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut transcript = String::new();
    for name in names {
        let env = TestEnv::translated();
        std::fs::copy(dir.join(&name), env.path().join("tolk.toml")).unwrap();
        for cmd in ["sync", "status", "check", "export"] {
            let out = env.tolk("en", &[cmd]);
            assert_eq!(out.code, 2, "{name} {cmd}: {}", out.stdout);
            assert!(
                out.stderr.starts_with("error: tolk.toml:"),
                "{name} {cmd}: {}",
                out.stderr
            );
        }
        assert!(
            !env.path().join("translations.db").exists(),
            "{name}: a memory was written"
        );
        transcript.push_str(&format!(
            "## {name}\n{}",
            env.tolk("en", &["status"]).stderr
        ));
    }
    insta::assert_snapshot!("bad_config_en", transcript);
}

/// A memory that is not an SQLite file, one cut short, and one from a newer tolk: exit 2, a
/// clear message, the file unchanged.
#[test]
fn broken_memories_are_refused_and_left_as_they_are() {
    let mut transcript = String::new();
    let shipped = std::fs::read(repo().join("translations.db")).unwrap();
    let newer = {
        let env = TestEnv::empty();
        let p = env.path().join("t.db");
        std::fs::write(&p, &shipped).unwrap();
        let c = rusqlite::Connection::open(&p).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        drop(c);
        std::fs::read(&p).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "not an SQLite file",
            b"# notes\nThis is where I keep my translations. Not a database.\n".repeat(20),
        ),
        ("cut short", shipped[..shipped.len() / 3].to_vec()),
        ("from a newer tolk", newer),
    ];
    for (name, bytes) in cases {
        let env = TestEnv::translated();
        env.write("translations.db", &bytes);
        for cmd in ["status", "sync", "check"] {
            let out = tolk_with_env(env.path(), &[("TOLK_UI_LANG", "en")], &[cmd]);
            assert_eq!(out.code, 2, "{name} {cmd}: {}{}", out.stdout, out.stderr);
            assert!(
                out.stderr.starts_with("error: translations.db:"),
                "{name} {cmd}: {}",
                out.stderr
            );
            assert_eq!(
                std::fs::read(env.path().join("translations.db")).unwrap(),
                bytes,
                "{name} {cmd}: the file changed"
            );
            if cmd == "status" {
                transcript.push_str(&format!("## {name}\n{}", out.stderr));
            }
        }
    }
    insta::assert_snapshot!("bad_memory_en", transcript);
}

/// A postings folder that is not there (a typo in `postings`, tolk run outside its workspace)
/// is named with what to do, exit 2, and nothing is made; status said an empty table and exit 0,
/// check passed, sync made a memory of nothing.
#[test]
fn a_missing_postings_folder_is_named_and_nothing_is_made() {
    let env = TestEnv::empty();
    env.write("tolk.toml", "targets = [\"da\"]\npostings = \"postngs\"\n");
    for args in [
        &["status"][..],
        &["check"],
        &["sync"],
        &["export"],
        &["diff", "--lang", "da"],
        &["mt", "--dry-run"],
        &[
            "extract", "--format", "po", "--lang", "da", "--out", "da.po",
        ],
    ] {
        let out = env.tolk("en", args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.all());
        assert!(
            out.stderr.starts_with(
                "error: postngs: the postings folder is not there (`postings` in tolk.toml)\n  hint: run tolk in the workspace"
            ),
            "{args:?}: {}",
            out.stderr
        );
    }
    let da = env.tolk("da", &["status"]);
    assert!(
        da.stderr.contains("mappen med opslag findes ikke"),
        "{}",
        da.stderr
    );
    let left: Vec<_> = std::fs::read_dir(env.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["tolk.toml"]);
}

/// Paths given on the command line that would leave the workspace are refused.
#[test]
fn paths_outside_the_workspace() {
    let env = TestEnv::translated();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    for path in ["../../etc/passwd", "/etc/passwd", "career/../../../x.md"] {
        let out = env.tolk("en", &["translate", path, "--lang", "da"]);
        assert_eq!(out.code, 2, "{path}: {}", out.stdout);
        assert!(Path::new("/etc/passwd").exists());
    }
}

/// With `[shortcodes] strict = false`, a closing shortcode without an opening one is read past
/// (Hugo refuses such pages, so strict is the default).
#[test]
fn stray_closing_shortcodes_when_not_strict() {
    let env = TestEnv::translated();
    let file = repo().join("tests/bad-input/postings/16-shortcode-close-without-open.md");
    env.write("postings/en/bad/stray.md", std::fs::read(file).unwrap());
    assert_eq!(env.tolk("en", &["sync"]).code, 2);
    env.write("tolk.toml", "[shortcodes]\nstrict = false\n");
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let seg = env.tolk("en", &["segments", "postings/en/bad/stray.md"]);
    assert!(seg.stdout.contains("Text"), "{}", seg.stdout);
}

/// Names on the command line that match nothing are errors (exit 2, named, in the UI language),
/// never a silent pass: a posting no language folder has, a language the workspace does not
/// have, a TOLK_NOW that is no time. An absolute path to a real posting works.
#[test]
fn names_that_match_nothing_are_errors() {
    let env = crate::util::shipped();
    let out = env.tolk("en", &["check", "postings/da/career/typo.md"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.starts_with(
            "error: postings/da/career/typo.md: no posting of that name in any language folder\n"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let out = env.tolk("en", &["status", "--lang", "xx"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: “xx” is not a language of this workspace (it has en, da, sv, nb)\n"
    );
    let out = env.tolk("da", &["diff", "--lang", "de"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("fejl: “de” er ikke et sprog"),
        "{}",
        out.stderr
    );
    for args in [&["sync", "nope.md"][..], &["export", "nope.md"]] {
        assert_eq!(env.tolk("en", args).code, 2, "{args:?}");
    }
    let out = crate::util::tolk_with_env(env.path(), &[("TOLK_NOW", "garbage")], &["status"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: TOLK_NOW is “garbage”, not a time such as 2026-11-28T12:00:00Z\n"
    );

    let abs = env.path().join("postings/da/career/cloud-engineer.md");
    let by_abs = env.tolk("en", &["status", "--format", "json", abs.to_str().unwrap()]);
    let by_rel = env.tolk(
        "en",
        &["status", "--format", "json", "career/cloud-engineer.md"],
    );
    assert_eq!(by_abs.code, 0, "{}", by_abs.stderr);
    assert_eq!(by_abs.stdout, by_rel.stdout);
    assert!(
        by_abs
            .stdout
            .contains("\"path\": \"career/cloud-engineer.md\"")
    );
}

/// A translation with a code fence glued to a prose line (Hugo reads it as code from there)
/// pairs with no English block: which one it translates cannot be told (the first alignment
/// went by length and took "We build clouds." for "Kør dette:```bash"). It was recorded, and
/// once the line was mended the edit kept that English as current: "Run this:" stood
/// translated by "Vi bygger skyer.", and no one was told. Now the page says so and pairs
/// afresh when mended.
#[test]
fn a_glued_fence_pairs_with_nothing_and_the_mended_page_pairs_afresh() {
    let english = "---\ntitle: \"Engineer\"\n---\n\nRun this:\n\n```bash\nmake\n```\n\nWe build clouds.\n\n## Teams\n\nMore text.\n";
    let glued = "---\ntitle: \"Ingeniør\"\n---\n\nKør dette:```bash\nmake\n```\n\nVi bygger skyer.\n\n## Hold\n";
    let env = TestEnv::danish_pair(english, glued);
    let status = env.tolk("en", &["status", "--lang", "da"]);
    assert!(
        status
            .stdout
            .contains("da: 20% current, 0 stale segments, 4 untranslated"),
        "{}",
        status.all()
    );
    let check = env.tolk("en", &["check", "--format", "json"]);
    assert!(check.stdout.contains("\"glued-fence\""), "{}", check.all());
    env.write(
        "postings/da/career/a.md",
        glued.replace("Kør dette:```bash", "Kør dette:\n\n```bash"),
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "po", "--lang", "da", "--all", "--out", "p.po",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let po = env.read("p.po");
    for pair in [
        "msgid \"Run this:\"\nmsgstr \"Kør dette:\"",
        "msgid \"We build clouds.\"\nmsgstr \"Vi bygger skyer.\"",
        "msgid \"Teams\"\nmsgstr \"Hold\"",
        "msgid \"More text.\"\nmsgstr \"\"",
    ] {
        assert!(po.contains(pair), "{pair}\n{po}");
    }
}
