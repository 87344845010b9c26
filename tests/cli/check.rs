//! `tolk check` for CI: policies, exit codes, and the markdown, JUnit, GitHub and HTML reports.

use crate::scenarios::{PAGE, scenarios, status_json, synced_old};
use crate::util::{TestEnv, shipped, tolk_with_env};

const WARN_ONLY: &str = "[check]\nmissing = \"warn\"\nstale = \"warn\"\nuntranslated = \"warn\"\n";
const FAIL_ON_STALE: &str =
    "[check]\nmissing = \"warn\"\nstale = \"fail\"\nuntranslated = \"warn\"\n";
const FAIL_EXCEPT_COSMETIC: &str = "[check]\nmissing = \"warn\"\nstale = \"fail\"\nstale_ignore = [\"cosmetic\"]\nuntranslated = \"warn\"\n";

/// The real scenarios after the English edit, under three policies: warn-only passes (0), fail
/// on stale fails where anything is stale (1), and fail on stale except cosmetic changes fails
/// only where a stale change is more than cosmetic.
#[test]
fn exit_codes_under_three_policies_on_the_real_scenarios() {
    for (dir, s) in &scenarios() {
        let env = synced_old(dir, s);
        env.write(
            &format!("postings/en/{PAGE}"),
            std::fs::read(dir.join("en.new.md")).unwrap(),
        );
        let report = status_json(&env);
        let stale: Vec<&serde_json::Value> = report["postings"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["segments"].as_array().unwrap())
            .filter(|seg| seg["state"] == "stale")
            .collect();
        // Text the English deleted, still in a translation, is out of date by the stale
        // policy too.
        let obsolete = report["postings"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["segments"].as_array().unwrap())
            .any(|seg| seg["state"] == "obsolete");
        let more_than_cosmetic = obsolete || stale.iter().any(|seg| seg["change"] != "cosmetic");
        for (policy, expected) in [
            (WARN_ONLY, 0),
            (FAIL_ON_STALE, i32::from(!stale.is_empty() || obsolete)),
            (FAIL_EXCEPT_COSMETIC, i32::from(more_than_cosmetic)),
        ] {
            env.write("tolk.toml", policy);
            let out = env.tolk("en", &["check"]);
            assert_eq!(
                out.code, expected,
                "{} under {policy:?}: {}{}",
                s.id, out.stdout, out.stderr
            );
        }
        eprintln!(
            "scenario {}: {} stale segments, more than cosmetic: {more_than_cosmetic}",
            s.id,
            stale.len()
        );
    }
}

/// A capitalisation-only change passes the policy that ignores cosmetic changes.
#[test]
fn a_capitalisation_change_is_cosmetic() {
    let env = TestEnv::translated();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let en = "postings/en/career/customer-success-manager.md";
    env.write(
        en,
        env.read(en)
            .replace("## What we hope you bring", "## What We Hope You Bring"),
    );
    env.write("tolk.toml", FAIL_EXCEPT_COSMETIC);
    let out = env.tolk("en", &["check"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("segment h3 is stale (cosmetic, 0 days)"),
        "{}",
        out.stdout
    );
    env.write("tolk.toml", FAIL_ON_STALE);
    let out = env.tolk("da", &["check", "--lang", "da"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "da: fejlet (99 % aktuelt)\n  fejlet postings/da/career/customer-success-manager.md:28  segmentet h3 er forældet (kosmetisk, 0 dage)\nTjekket fejlede: 1 opslag fejler, 0 giver kun advarsler.\n"
    );
}

/// Stale for more than N days: the days count from when the memory first saw today's English.
#[test]
fn stale_after_days() {
    let env = TestEnv::translated();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let en = "postings/en/career/customer-success-manager.md";
    env.write(
        en,
        env.read(en).replace(
            "- Fluent Swedish and English;",
            "- Fluent Swedish and good English;",
        ),
    );
    let at = |when: &str| tolk_with_env(env.path(), &[("TOLK_NOW", when)], &["sync"]);
    assert_eq!(at("2026-11-01T08:00:00Z").code, 0);
    env.write(
        "tolk.toml",
        "[check]\nstale = \"fail\"\nstale_after_days = 30\n",
    );
    let check = |when: &str| tolk_with_env(env.path(), &[("TOLK_NOW", when)], &["check"]);
    let out = check("2026-11-20T08:00:00Z");
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("(edited, 19 days)"), "{}", out.stdout);
    assert_eq!(check("2026-12-15T08:00:00Z").code, 1);
}

#[test]
fn markdown_junit_and_github_on_the_shipped_postings() {
    let env = shipped();
    env.write("tolk.toml", FAIL_ON_STALE);
    let md = env.tolk("en", &["check", "--format", "markdown"]);
    assert_eq!(md.code, 1);
    insta::assert_snapshot!("check_markdown_en", md.stdout);
    let junit = env.tolk("en", &["check", "--format", "junit"]);
    assert_eq!(junit.code, 1);
    insta::assert_snapshot!("check_junit_en", junit.stdout);
    // The JUnit report parses as XML, with one test case per posting and language.
    let mut reader = quick_xml::Reader::from_str(&junit.stdout);
    let (mut cases, mut failures, mut depth) = (0, 0, 0i32);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"testcase" => cases += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((cases, failures, depth), (9, 3, 0));
    let gh = env.tolk("en", &["check", "--format", "github"]);
    assert!(gh.stdout.starts_with("::error file=postings/da/career/cloud-engineer.md,line=3,title=tolk%3A stale::segment fm.intro is stale (cosmetic, 0 days)\n"), "{}", gh.stdout);
    let json = env.tolk("en", &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["verdict"], "fail");
    assert_eq!(v["postings"][0]["verdict"], "fail");
    assert_eq!(v["postings"][0]["findings"][0]["kind"], "stale");
}

#[test]
fn the_shipped_policy_passes_with_warnings() {
    let env = shipped();
    let out = env.tolk("en", &["check"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .ends_with("The check passed (3 postings with warnings).\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn broken_config_and_locked_memory_are_exit_2() {
    let env = shipped();
    env.write("tolk.toml", "[check]\nstale = \"sometimes\"\n");
    let out = env.tolk("en", &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error: tolk.toml:2: "),
        "{}",
        out.stderr
    );
    env.write("tolk.toml", "");
    // Another process holds the memory's write lock.
    let conn = rusqlite::Connection::open(env.path().join("translations.db")).unwrap();
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO posting (path, source_lang, synced_at) VALUES ('x', 'en', 'now');").unwrap();
    let out = tolk_with_env(env.path(), &[("TOLK_BUSY_TIMEOUT_MS", "300")], &["check"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "error: translations.db: the translation memory is locked by another tolk\n  hint: wait for the other run to end, then try again\n"
    );
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    env.write("tolk.toml", WARN_ONLY);
    assert_eq!(env.tolk("en", &["check"]).code, 0);
}

#[test]
fn html_report_and_badges() {
    let env = shipped();
    let out = env.tolk("da", &["report", "--out", "site-report"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Skrev site-report/index.html, 9 sider for opslag og 3 badges.\n"
    );
    let page = env.read("site-report/postings/da/career/cloud-engineer.md.html");
    assert!(page.contains("<html lang=\"da\">"));
    assert!(
        page.contains("<a href=\"../../../index.html\">← Alle opslag</a>"),
        "{page}"
    );
    assert!(
        page.contains("<td class=\"st\">forældet (redigeret)</td>"),
        "{page}"
    );
    let html = env.read("site-report/index.html");
    assert!(html.contains("<html lang=\"da\">"));
    assert!(html.contains("<h1>Oversættelsesstatus</h1>"));
    assert!(
        html.contains("one week in <del>six.</del><ins>eight.</ins>"),
        "{html}"
    );
    assert!(html.contains("Deltage i vagtordningen, én uge ud af seks."));
    assert!(
        !html.contains("http://") && !html.contains("https://jobs"),
        "the report loads nothing from the network"
    );
    let badge = env.read("site-report/badge-da.svg");
    assert!(
        badge.contains(">da</text>") && badge.contains(">96%</text>"),
        "{badge}"
    );
    assert!(badge.contains("#c98a00"), "warnings colour the badge amber");
}

/// A translation that adds a script fails the check (unsafe_html = "fail" by default) and is
/// never published: export puts the English text in its place. Other content checks warn.
#[test]
fn hostile_translations_fail_the_check_and_are_not_exported() {
    let env = shipped();
    let sv = "postings/sv/career/customer-success-manager.md";
    env.write(
        sv,
        env.read(sv)
            .replace(
                "- Körkort, eftersom du ibland besöker kunder.",
                "- Körkort, eftersom du ibland besöker kunder.<script>steal()</script>",
            )
            .replace("| Semester | 30 dagar |", "| Semester | 25 dagar |")
            // As browsers read them: a javascript: URL behind a character reference, another
            // site framed into the page.
            .replace(
                "(mailto:jobs@nordlys.example)",
                "(mailto:jobs@nordlys.example) eller [här](&#106;avascript:steal())",
            )
            .replace(
                "- Träffa varje kund",
                "- Träffa <iframe src=\"https://x.example/login\"></iframe> varje kund",
            ),
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk("en", &["check", "--lang", "sv"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("fail  postings/sv/career/customer-success-manager.md:32  segment h3.li3: the translation adds a <script>"), "{}", out.stdout);
    assert!(out.stdout.contains("fail  postings/sv/career/customer-success-manager.md:44  segment h5.p1: the translation adds a javascript: URL"), "{}", out.stdout);
    assert!(out.stdout.contains("fail  postings/sv/career/customer-success-manager.md:25  segment h2.li2: the translation adds an element that loads another page or sends the reader elsewhere (iframe)"), "{}", out.stdout);
    assert!(out.stdout.contains("warn  postings/sv/career/customer-success-manager.md:39  segment h4.t1.r3c2: the number 30 of the source is not in the translation"), "{}", out.stdout);
    let out = env.tolk("en", &["export", "--lang", "sv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let site = env.read("content/sv/career/customer-success-manager.md");
    assert!(!site.contains("<script>"), "{site}");
    assert!(
        !site.contains("<iframe") && !site.contains("&#106;avascript"),
        "{site}"
    );
    assert!(
        site.contains("\n- A driving licence, as you will sometimes visit customers.\n"),
        "{site}"
    );
}

/// A page whose only English change is a deleted paragraph is not current: the translation
/// still shows the deleted text (obsolete), and the stale policy fails on it, naming the line.
/// A link made a reference link (`[text](url)` to `[text][]`) reads the same: cosmetic.
#[test]
fn a_deleted_paragraph_is_not_current_and_a_reference_link_is_cosmetic() {
    let env = TestEnv::empty();
    env.write(
        "tolk.toml",
        "targets = [\"da\"]\n[check]\nstale = \"fail\"\nstale_ignore = [\"cosmetic\"]\n",
    );
    env.write(
        "postings/en/p.md",
        "---\ntitle: \"Engineer\"\n---\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nSee [the docs](https://example.com/docs) now.\n",
    );
    env.write(
        "postings/da/p.md",
        "---\ntitle: \"Ingeniør\"\n---\n\nFørste afsnit her.\n\nAndet afsnit her.\n\nSe [dokumentationen](https://example.com/docs) nu.\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    env.write(
        "postings/en/p.md",
        "---\ntitle: \"Engineer\"\n---\n\nFirst paragraph here.\n\nSee [the docs](https://example.com/docs) now.\n",
    );
    let report = status_json(&env);
    assert_eq!(report["postings"][0]["state"], "stale", "{report:#}");
    let out = env.tolk("en", &["check"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "fail  postings/da/p.md:7  segment top.p2 translates English that is gone: delete it from the translation"
        ),
        "{}",
        out.stdout
    );

    env.write(
        "postings/en/p.md",
        "---\ntitle: \"Engineer\"\n---\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nSee [the docs][] now.\n\n[the docs]: https://example.com/docs\n",
    );
    let report = status_json(&env);
    let seg = &report["postings"][0]["segments"][0];
    assert_eq!(
        (seg["state"].as_str(), seg["change"].as_str()),
        (Some("stale"), Some("cosmetic")),
        "{report:#}"
    );
    assert_eq!(env.tolk("en", &["check"]).code, 0);
}

/// An English page that cannot be read: its translations are in state "error" (never
/// "current"), the file is named with its line, the other postings go on, and exit is 2.
#[test]
fn an_unreadable_english_page_puts_its_translations_in_error() {
    let env = shipped();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    env.write(
        "postings/en/career/cloud-engineer.md",
        b"---\ntitle: \"Cloud Engineer\"\n---\n\nBroken \xff byte.\n".as_slice(),
    );
    let out = env.tolk("en", &["status", "--format", "json"]);
    assert_eq!(out.code, 2);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let states: Vec<(String, String)> = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().into(),
                p["state"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        states
            .iter()
            .filter(|(p, s)| p == "career/cloud-engineer.md" && s == "error")
            .count(),
        3,
        "{states:?}"
    );
    assert!(states.iter().any(|(p, _)| p != "career/cloud-engineer.md"));
    assert_eq!(
        report["errors"][0]["file"],
        "postings/en/career/cloud-engineer.md"
    );
    assert_eq!(report["errors"][0]["line"], 5);
    // Its translations were not checked: they do not pass.
    for p in report["postings"].as_array().unwrap() {
        if p["state"] == "error" {
            assert_eq!(p["verdict"], "fail", "{p}");
        }
    }
    // The message as tolk says it on stderr (not Rust's name for the error).
    let said = "postings/en/career/cloud-engineer.md:5: not valid UTF-8 text";
    assert_eq!(report["errors"][0]["message"], said);
    assert!(out.stderr.contains(said), "{}", out.stderr);
    let text = env.tolk("da", &["status"]);
    assert!(text.stdout.contains("fejl"), "{}", text.stdout);
    // In CI, an annotation on the file and line, in the UI's language.
    let gh = env.tolk("da", &["check", "--format", "github"]);
    assert_eq!(gh.code, 2);
    assert_eq!(
        gh.stdout.lines().next(),
        Some(
            "::error file=postings/en/career/cloud-engineer.md,line=5,title=tolk%3A unreadable::postings/en/career/cloud-engineer.md:5: ikke gyldig UTF-8-tekst"
        ),
        "{}",
        gh.stdout
    );
    // JUnit: each of its translations an error (a test that could not run), with the reason.
    let junit = env.tolk("en", &["check", "--format", "junit"]);
    assert!(
        junit
            .stdout
            .contains("<testsuites name=\"tolk\" tests=\"9\" failures=\"0\" errors=\"3\">"),
        "{}",
        junit.stdout
    );
    assert_eq!(
        junit
            .stdout
            .matches(&format!("<error message=\"{said}\" type=\"unreadable\"/>"))
            .count(),
        3,
        "{}",
        junit.stdout
    );
    // The text check does not say it passed.
    let text = env.tolk("en", &["check"]);
    assert_eq!(text.code, 2);
    assert!(
        text.stdout
            .ends_with("The check could not be made: 1 file could not be read (above).\n"),
        "{}",
        text.stdout
    );
    // The pull request summary names it under each of its translations.
    let md = env.tolk("en", &["check", "--format", "markdown"]);
    assert_eq!(
        md.stdout.matches(&format!("\n- ❌ {said}\n")).count(),
        3,
        "{}",
        md.stdout
    );
    // GitLab Code Quality: a blocker at the file and line.
    let cq = env.tolk("en", &["check", "--format", "codequality"]);
    let issues: serde_json::Value = serde_json::from_str(&cq.stdout).unwrap();
    assert_eq!(issues[0]["severity"], "blocker");
    assert_eq!(issues[0]["description"], said);
    assert_eq!(
        issues[0]["location"]["path"],
        "postings/en/career/cloud-engineer.md"
    );
    assert_eq!(issues[0]["location"]["lines"]["begin"], 5);
}

/// On a terminal, status ends with the next command per language with work to do; piped, or
/// with nothing to do, it does not.
#[test]
fn status_on_a_terminal_says_what_to_run_next() {
    use expectrl::{Eof, Session};
    let env = shipped();
    let cmd = crate::util::terminal_command(env.path(), &["status"]);
    let mut s = Session::spawn(cmd).expect("a pseudo-terminal");
    s.set_expect_timeout(Some(std::time::Duration::from_secs(20)));
    s.expect(
        "da: see what changed with `tolk diff --lang da`, then translate with `tolk translate career/cloud-engineer.md --lang da`",
    )
    .unwrap();
    s.expect("nb: see what changed").unwrap();
    s.expect(Eof).unwrap();

    let piped = env.tolk("en", &["status"]);
    assert_eq!(piped.code, 0);
    assert!(
        !piped.stdout.contains("see what changed"),
        "{}",
        piped.stdout
    );

    // Everything current: the table, and no next step.
    let done = TestEnv::translated();
    assert_eq!(done.tolk("en", &["sync"]).code, 0);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tolk"));
    cmd.current_dir(done.path())
        .env_clear()
        .env("TERM", "xterm")
        .env("TOLK_UI_LANG", "en")
        .arg("status");
    let mut s = Session::spawn(cmd).expect("a pseudo-terminal");
    s.set_expect_timeout(Some(std::time::Duration::from_secs(20)));
    s.expect("sv: 100% current").unwrap();
    let rest = s.expect(Eof).unwrap();
    let mut text = String::from_utf8_lossy(rest.before()).to_string();
    for m in rest.matches() {
        text.push_str(&String::from_utf8_lossy(m));
    }
    assert!(!text.contains("see what changed"), "{text}");
}
