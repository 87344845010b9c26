//! Two translators on two branches, one memory: `git merge` with tolk's merge driver (set up by
//! `tolk init --git`), with real git.

use std::process::Command;

use crate::util::{TestEnv, shipped};

/// Runs git in the workspace; returns (success, stdout + stderr).
fn git(env: &TestEnv, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .current_dir(env.path())
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("TOLK_NOW", "2026-11-28T12:00:00Z")
        .env("TOLK_UI_LANG", "en")
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn ok(env: &TestEnv, args: &[&str]) -> String {
    let (fine, out) = git(env, args);
    assert!(fine, "git {args:?}: {out}");
    out
}

/// The shipped workspace as a repository with tolk's merge driver, everything committed.
fn repo() -> TestEnv {
    let env = shipped();
    ok(&env, &["init", "-q"]);
    let out = env.tolk("en", &["init", "--git"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        env.read(".gitattributes")
            .contains("translations.db merge=tolk\n"),
        "{}",
        env.read(".gitattributes")
    );
    let driver = ok(&env, &["config", "merge.tolk.driver"]);
    assert!(
        driver.trim().ends_with(" merge-driver %O %A %B %P"),
        "{driver}"
    );
    ok(&env, &["add", "-A"]);
    ok(&env, &["commit", "-q", "-m", "start"]);
    env
}

fn translate(env: &TestEnv, path: &str, lang: &str, answers: &str) {
    let out = env.tolk_input("en", &["translate", path, "--lang", lang], answers);
    assert_eq!(out.code, 0, "{}", out.all());
}

const DEMO: &str = "career/cloud-engineer.md";
const DA: &str = "e Hjælp os med at drive en åben europæisk cloud, som kunderne kan stole på.\ne Deltag i vagtordningen, én uge ud af otte.\nq\n";
const SV: &str = "e Hjälp oss att driva ett öppet europeiskt moln som kunderna kan lita på.\ne Ingå i jourschemat, en vecka av åtta.\nq\n";

fn edit_english(env: &TestEnv) {
    let p = "postings/en/career/site-reliability-engineer.md";
    let text = env.read(p);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The first paragraph of the body after the front matter: one word more.
    let i = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(k, l)| *k > 12 && l.len() > 40 && !l.starts_with(['#', '-', '|', '{']))
        .map(|(k, _)| k)
        .unwrap();
    lines[i].push_str(" Really.");
    env.write(p, lines.join("\n") + "\n");
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
}

/// A repository with a branch `danish` (two Danish translations) and a branch `swedish` (two
/// Swedish ones and an English edit), both from `main`; `swedish` checked out.
fn two_branches() -> TestEnv {
    let env = repo();
    ok(&env, &["checkout", "-q", "-b", "danish"]);
    translate(&env, DEMO, "da", DA);
    ok(&env, &["commit", "-q", "-am", "da"]);
    ok(&env, &["checkout", "-q", "-b", "swedish", "main"]);
    translate(&env, DEMO, "sv", SV);
    edit_english(&env);
    ok(&env, &["commit", "-q", "-am", "sv and an English edit"]);
    env
}

/// The same work in one workspace, one step after another.
fn one_branch_doing_both() -> TestEnv {
    let one = shipped();
    translate(&one, DEMO, "da", DA);
    translate(&one, DEMO, "sv", SV);
    edit_english(&one);
    one
}

fn status(env: &TestEnv) -> String {
    let out = env.tolk("en", &["status", "--format", "json", "--all"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.all());
    out.stdout
}

#[test]
fn two_branches_merge_cleanly_and_the_status_is_that_of_one_branch_doing_both() {
    let env = two_branches();
    ok(&env, &["checkout", "-q", "danish"]);
    let (fine, out) = git(&env, &["merge", "--no-edit", "swedish"]);
    assert!(fine, "{out}");
    assert!(
        out.contains("translations.db: merged 2 translations and 1 English texts from the other branch, no conflict"),
        "{out}"
    );
    let merged = status(&env);

    // The same work on one branch.
    let one = one_branch_doing_both();
    assert_eq!(merged, status(&one));
    // The whole workspace's status (no --all) takes pages from the reports the memory stores
    // (each branch's sync stored some): none may outlive the merge's writes.
    let whole = |env: &TestEnv| {
        let out = env.tolk("en", &["status", "--format", "json"]);
        assert!(out.code == 0 || out.code == 1, "{}", out.all());
        out.stdout
    };
    let merged_whole = whole(&env);
    assert!(
        merged_whole.contains("\"state\": \"current\""),
        "{merged_whole}"
    );
    assert_eq!(merged_whole, whole(&one));
    // And the memory means the same.
    assert_eq!(
        env.tolk("en", &["dump"]).stdout,
        one.tolk("en", &["dump"]).stdout
    );
}

/// A write to the memory that no file shows (an accept), made on another branch, reaches the
/// status after the merge: the report of the page this branch's sync stored is not used.
#[test]
fn an_accept_on_another_branch_is_not_hidden_by_a_report_stored_here() {
    let env = repo();
    let stale_in = |env: &TestEnv| -> Vec<String> {
        let out = env.tolk("en", &["status", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        v["postings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["path"] == DEMO && p["state"] == "stale")
            .map(|p| p["lang"].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(stale_in(&env), ["da", "nb", "sv"]);
    let accept = |env: &TestEnv, lang: &str| {
        let out = env.tolk("en", &["accept", DEMO, "--lang", lang, "--all"]);
        assert_eq!(out.code, 0, "{}", out.all());
    };
    ok(&env, &["checkout", "-q", "-b", "danish"]);
    accept(&env, "da");
    ok(&env, &["commit", "-q", "-am", "da accepted"]);
    ok(&env, &["checkout", "-q", "-b", "swedish", "main"]);
    accept(&env, "sv");
    // A whole sync stores every page's report, the Danish still stale in it.
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    ok(&env, &["commit", "-q", "-am", "sv accepted"]);
    assert_eq!(stale_in(&env), ["da", "nb"]);
    let (fine, out) = git(&env, &["merge", "--no-edit", "danish"]);
    assert!(fine, "{out}");
    // No file of the page changed: only the memory says the Danish is current now.
    let _ = std::fs::remove_file(env.path().join("translations.db.status-cache"));
    assert_eq!(stale_in(&env), ["nb"]);
}

#[test]
fn the_same_segment_translated_differently_is_a_conflict_until_a_person_picks_one() {
    let env = repo();
    ok(&env, &["checkout", "-q", "-b", "one"]);
    translate(
        &env,
        DEMO,
        "da",
        "e Hjælp os med at drive en åben europæisk cloud.\nq\n",
    );
    ok(&env, &["commit", "-q", "-am", "one"]);
    ok(&env, &["checkout", "-q", "-b", "two", "main"]);
    translate(
        &env,
        DEMO,
        "da",
        "e Hjælp os med at køre en åben europæisk sky.\nq\n",
    );
    ok(&env, &["commit", "-q", "-am", "two"]);
    let (fine, out) = git(&env, &["merge", "--no-edit", "one"]);
    assert!(!fine, "{out}");
    assert!(
        out.contains("1 conflict")
            && out.contains("career/cloud-engineer.md fm.intro (da): “Hjælp os med at køre en åben europæisk sky.” / “Hjælp os med at drive en åben europæisk cloud.”"),
        "{out}"
    );
    // Nothing lost: both translations are in the memory, and status and check name it.
    let dump = env.tolk("en", &["dump"]).stdout;
    assert!(
        dump.contains("\"Hjælp os med at drive en åben europæisk cloud.\""),
        "{dump}"
    );
    assert!(
        dump.contains("\"Hjælp os med at køre en åben europæisk sky.\""),
        "{dump}"
    );
    // The Danish file has git's conflict markers: the person takes this branch's file, and
    // picks the other branch's translation in `tolk translate`, which offers both.
    ok(
        &env,
        &["checkout", "--ours", "postings/da/career/cloud-engineer.md"],
    );
    let st = env.tolk("en", &["status", "--lang", "da"]);
    assert!(
        st.stdout
            .contains("1 segment translated differently on two branches"),
        "{}",
        st.stdout
    );
    let check = env.tolk("en", &["check", "--lang", "da"]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stdout
            .contains("segment fm.intro was translated differently on two branches"),
        "{}",
        check.stdout
    );
    let out = env.tolk_input("en", &["translate", DEMO, "--lang", "da"], "2\nq\n");
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("the translation on this branch (merge conflict)")
            && out
                .stdout
                .contains("the translation on the branch merged in (merge conflict)"),
        "{}",
        out.stdout
    );
    let st = env.tolk("en", &["status", "--lang", "da"]);
    assert!(!st.stdout.contains("two branches"), "{}", st.stdout);
    assert!(
        env.read("postings/da/career/cloud-engineer.md")
            .contains("intro: \"Hjælp os med at drive en åben europæisk cloud.\"")
    );
}

#[test]
fn memories_of_different_schemas_merge_into_a_valid_memory() {
    let env = repo();
    // The base is an old memory (schema 4, as the shipped one was before machine translation):
    // made here by hand from the shipped one as it was at schema 9 (kept in tests/fixtures),
    // with the columns and tables of 5-9 undone.
    let old = env.path().join("old.db");
    std::fs::copy(crate::util::repo().join("tests/fixtures/schema-9.db"), &old).unwrap();
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        c.execute_batch(
            "CREATE TABLE variant_base (posting TEXT NOT NULL REFERENCES posting (path),
                 lang TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (posting, lang)) WITHOUT ROWID;
             INSERT INTO variant_base SELECT v.posting, v.lang, b.text
                 FROM variant_base_ref v JOIN base_text b ON b.id = v.base;
             DROP TABLE variant_base_ref; DROP TABLE base_text;
             DROP TABLE merge_conflict; DROP TABLE package_unit; DROP TABLE external_translation;
             DROP TABLE machine_answer;
             ALTER TABLE translation DROP COLUMN provider; ALTER TABLE translation DROP COLUMN model;
             ALTER TABLE translation DROP COLUMN reviewed_at;
             ALTER TABLE translation DROP COLUMN reviewed_by;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    translate(&env, DEMO, "da", DA);
    let theirs = env.path().join("theirs.db");
    std::fs::copy(&old, &theirs).unwrap();
    let ours = env.path().join("translations.db");
    let out = env.tolk(
        "en",
        &[
            "merge-driver",
            old.to_str().unwrap(),
            ours.to_str().unwrap(),
            theirs.to_str().unwrap(),
            "translations.db",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let st = env.tolk("en", &["status", "--lang", "da"]);
    assert_eq!(st.code, 0, "{}", st.all());
    assert!(st.stdout.contains("da: 98% current"), "{}", st.stdout);
}

/// Rebase and cherry-pick go through the same driver: the result means the same as the merge.
#[test]
fn rebase_and_cherry_pick_use_the_driver_too() {
    let env = two_branches();
    let sv_commit = ok(&env, &["rev-parse", "HEAD"]);
    ok(&env, &["checkout", "-q", "-b", "picked", "danish"]);
    let (fine, out) = git(&env, &["cherry-pick", sv_commit.trim()]);
    assert!(fine, "{out}");
    let picked = (status(&env), env.tolk("en", &["dump"]).stdout);
    ok(&env, &["checkout", "-q", "swedish"]);
    let (fine, out) = git(&env, &["rebase", "danish"]);
    assert!(fine, "{out}");
    let rebased = (status(&env), env.tolk("en", &["dump"]).stdout);
    assert_eq!(picked, rebased);
    let one = one_branch_doing_both();
    assert_eq!(rebased.1, one.tolk("en", &["dump"]).stdout);
}

/// git does not clone its config: a teammate's clone has `.gitattributes` naming tolk's merge
/// driver but no driver, and git would merge the memory as a conflicting binary file. `sync`
/// says so, with the way out; after `tolk init --git` in the clone it says nothing.
#[test]
fn a_clone_without_the_merge_driver_is_told_to_set_it_up() {
    let env = repo();
    let sync = |at: &TestEnv| {
        let out = at.tolk("en", &["sync"]);
        assert_eq!(out.code, 0, "{}", out.all());
        out.stderr
    };
    assert!(!sync(&env).contains("merge driver"));
    let teammate = TestEnv::empty();
    ok(
        &teammate,
        &["clone", "-q", env.path().to_str().unwrap(), "clone"],
    );
    let clone = TestEnv::empty();
    std::fs::remove_dir(clone.path()).unwrap();
    std::fs::rename(teammate.path().join("clone"), clone.path()).unwrap();
    let said = sync(&clone);
    assert!(
        said.contains("warning: this clone has not set up tolk's merge driver, which .gitattributes names for translations.db")
            && said.contains("hint: run tolk init --git once in this clone"),
        "{said}"
    );
    let da = clone.tolk("da", &["sync"]);
    assert!(da.stderr.contains("flettedriver"), "{}", da.stderr);
    let out = clone.tolk("en", &["init", "--git"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!sync(&clone).contains("merge driver"));
}
