//! Crashes and concurrent runs: `tolk sync` killed at random moments leaves a memory that a
//! status reads and that passes SQLite's integrity check, and the next sync ends exactly where
//! an uninterrupted one does; two syncs and a status at the same time corrupt nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{TestEnv, shipped, tolk_with_env};

fn make_corpus(n: usize) -> Option<(TestEnv, PathBuf)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/make-corpus");
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/safespring/site/content/en");
    if !script.exists() || !src.exists() {
        crate::util::require_shared(&script);
        eprintln!(
            "SKIPPED: ../shared/bench/make-corpus or the corpus is absent; the kill test did not run"
        );
        return None;
    }
    let env = TestEnv::empty();
    let out = env.path().join("corpus");
    let status = Command::new(&script)
        .arg(&src)
        .arg(n.to_string())
        .arg(&out)
        .args(["--seed", "7"])
        .stdout(Stdio::null())
        .status()
        .ok()?;
    status.success().then_some((env, out.join("v1/content")))
}

fn workspace(content: &Path) -> TestEnv {
    let env = TestEnv::empty();
    // The generated corpora have closing shortcodes without an opening one (blocks swapped
    // between pages); read past them, as the benchmarks do.
    env.write(
        "tolk.toml",
        format!(
            "postings = \"{}\"\n[shortcodes]\nstrict = false\n",
            content.display()
        ),
    );
    env
}

fn integrity_ok(db: &Path) -> bool {
    let c = rusqlite::Connection::open(db).unwrap();
    let r: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    r == "ok"
}

fn sync_cmd(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tolk"));
    cmd.current_dir(dir)
        .env_clear()
        .env("TOLK_NOW", "2026-11-28T12:00:00Z")
        .env("USER", "tester")
        .env("TOLK_UI_LANG", "en")
        .arg("sync")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// SIGKILL at 50 random moments of `tolk sync` on a generated corpus: 100 postings in CI,
/// `TOLK_KILL_POSTINGS=2000 cargo test --release --test cli sync_killed` for a longer run.
#[test]
fn sync_killed_at_random_moments() {
    let n: usize = std::env::var("TOLK_KILL_POSTINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let Some((_corpus, content)) = make_corpus(n) else {
        return;
    };
    let reference = workspace(&content);
    let t = Instant::now();
    assert!(sync_cmd(reference.path()).status().unwrap().success());
    let mut full = t.elapsed();
    let want = crate::memory::dump(&reference.path().join("translations.db"));

    let ws = workspace(&content);
    let db = ws.path().join("translations.db");
    let mut seed: u64 = 0x5eed;
    let mut killed_mid_run = 0;
    // Whether this run starts from no memory (and so has a whole sync to do).
    let mut from_nothing = true;
    for _ in 0..50 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // Within the first 70% of a full run, so that most kills land mid-run even when the
        // machine is busier than when the reference ran.
        let wait = full.mul_f64(0.7 * (seed >> 11) as f64 / (1u64 << 53) as f64);
        let mut child = sync_cmd(ws.path()).spawn().unwrap();
        std::thread::sleep(wait);
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            killed_mid_run += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        if db.exists() {
            // A run that only reads comes first: a first sync killed mid-write leaves its
            // rollback journal, which a read-only connection cannot undo by itself.
            let status = tolk_with_env(ws.path(), &[], &["status", "--format", "json"]);
            assert!(
                status.code != 2 && status.stderr.is_empty(),
                "status after a kill at {wait:?}: {}",
                status.stderr
            );
            assert!(
                integrity_ok(&db),
                "integrity check failed after a kill at {wait:?}"
            );
        }
        if finished && from_nothing {
            // The reference ran while the machine was busier (other tests): a whole sync takes
            // less than this wait now.
            full = wait;
        }
        from_nothing = finished;
        if finished {
            // A sync that got to its end leaves the next nothing to do (and a sync with nothing
            // to do is quick): the kills after it would land after the end, however many there
            // were. So the memory starts again from nothing.
            for entry in std::fs::read_dir(ws.path()).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with("translations.db") {
                    std::fs::remove_file(&path).unwrap();
                }
            }
        }
    }
    assert!(sync_cmd(ws.path()).status().unwrap().success());
    assert!(integrity_ok(&db));
    let got = crate::memory::dump(&db);
    assert!(
        got == want,
        "the memory after the kills differs from an uninterrupted sync"
    );
    eprintln!(
        "killed tolk sync {killed_mid_run} times mid-run (of 50) on {n} postings x 4 files; a full sync takes {full:?}"
    );
    assert!(
        killed_mid_run >= 15,
        "only {killed_mid_run} kills landed mid-run"
    );
}

/// How each of the runs of [`runs_at_once`] ended, and the memory after them.
fn run_all_at_once(dir: &Path) -> (Vec<(String, Option<i32>, String)>, String) {
    use std::io::Write;
    let keep_all: String = "k\n".repeat(40);
    let mut runs: Vec<(String, std::process::Child, Option<&str>)> = Vec::new();
    let spawn = |args: &[&str], input: bool| {
        Command::new(env!("CARGO_BIN_EXE_tolk"))
            .current_dir(dir)
            .env_clear()
            .env("TOLK_NOW", "2026-11-28T12:00:00Z")
            .env("USER", "tester")
            .env("TOLK_UI_LANG", "en")
            .args(args)
            .stdin(if input { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for i in 0..4 {
        runs.push((format!("sync {i}"), spawn(&["sync"], false), None));
        runs.push((format!("status {i}"), spawn(&["status"], false), None));
        if i < 2 {
            let lang = ["da", "sv"][i];
            let args = ["translate", "career/cloud-engineer.md", "--lang", lang];
            runs.push((
                format!("translate {lang}"),
                spawn(&args, true),
                Some(&keep_all),
            ));
        }
    }
    let mut ended = Vec::new();
    for (name, mut child, input) in runs {
        if let Some(input) = input {
            let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        }
        let out = child.wait_with_output().unwrap();
        ended.push((
            name,
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        ));
    }
    let db = dir.join("translations.db");
    assert!(integrity_ok(&db));
    (ended, content_dump(dir))
}

/// `tolk dump` of a workspace's memory.
fn content_dump(dir: &Path) -> String {
    let out = tolk_with_env(dir, &[], &["dump"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

/// 4 syncs, 4 status and 2 piped translates started at once, round after round, on a
/// workspace with no memory yet and on the shipped one: every run waits for the others and
/// exits 0, and the memory's content is what the same runs one after another make.
/// `TOLK_RACE_ROUNDS` sets the rounds (50 by default).
#[test]
fn runs_at_once_all_wait_and_end_as_serial_runs() {
    let rounds: usize = std::env::var("TOLK_RACE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    for (what, make) in [
        ("no memory yet", TestEnv::translated as fn() -> TestEnv),
        ("the shipped memory", shipped),
    ] {
        // The same runs one after another.
        let serial = make();
        let keep_all = "k\n".repeat(40);
        for args in [&["sync"][..], &["status"]] {
            assert_eq!(tolk_with_env(serial.path(), &[], args).code, 0);
        }
        for lang in ["da", "sv"] {
            let out = serial.tolk_input(
                "en",
                &["translate", "career/cloud-engineer.md", "--lang", lang],
                &keep_all,
            );
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        let want = content_dump(serial.path());
        for round in 0..rounds {
            let env = make();
            let (ended, got) = run_all_at_once(env.path());
            for (name, code, stderr) in &ended {
                assert_eq!(
                    *code,
                    Some(0),
                    "{what}, round {round}: {name} failed: {stderr}"
                );
            }
            assert!(
                got == want,
                "{what}, round {round}: the memory differs from serial runs'"
            );
        }
    }
}

/// Another process holds the write lock: a sync that may wait only briefly gives up cleanly,
/// with exit 2 and the lock named.
#[test]
fn a_writer_that_cannot_wait_gives_up_cleanly() {
    let env = shipped();
    let db = env.path().join("translations.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let t = Instant::now();
    let out = tolk_with_env(env.path(), &[("TOLK_BUSY_TIMEOUT_MS", "200")], &["sync"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(t.elapsed() < Duration::from_secs(10));
    assert_eq!(
        out.stderr,
        "error: translations.db: the translation memory is locked by another tolk\n  hint: wait for the other run to end, then try again\n"
    );
    conn.execute_batch("ROLLBACK").unwrap();
}

/// A first sync writes through SQLite's rollback journal; stopped before its commit (killed,
/// the machine off) it leaves the memory half-written beside the journal that undoes it. A
/// run that only reads (status, diff, dump) cannot undo it by itself and failed with "attempt
/// to write a readonly database": it now reads the memory as it was before that write. The
/// stopped write is made here by copying the files of a write in the middle of its
/// transaction, after SQLite wrote pages into the memory file.
#[test]
fn a_first_write_stopped_mid_way_is_undone_for_a_run_that_reads() {
    let writing = TestEnv::translated();
    assert_eq!(writing.tolk("en", &["init"]).code, 0);
    let stopped = TestEnv::translated();
    assert_eq!(stopped.tolk("en", &["init"]).code, 0);
    let before = crate::memory::dump(&stopped.path().join("translations.db"));
    let db = writing.path().join("translations.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    // A page cache of a few pages: the write spills into the memory file long before the end.
    conn.execute_batch("PRAGMA cache_size = 4; BEGIN IMMEDIATE; CREATE TABLE filler (t TEXT);")
        .unwrap();
    for i in 0..2000 {
        conn.execute("INSERT INTO filler VALUES (?1)", [format!("{i:0>200}")])
            .unwrap();
    }
    let journal = writing.path().join("translations.db-journal");
    assert!(std::fs::metadata(&journal).unwrap().len() > 0);
    assert!(std::fs::metadata(&db).unwrap().len() > 200 * 2000);
    for name in ["translations.db", "translations.db-journal"] {
        std::fs::copy(writing.path().join(name), stopped.path().join(name)).unwrap();
    }
    drop(conn);

    let status = stopped.tolk("en", &["status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert_eq!(status.stderr, "");
    assert!(status.stdout.contains("untranslated"), "{}", status.stdout);
    let dump = stopped.tolk("en", &["dump"]);
    assert_eq!(dump.code, 0, "{}", dump.stderr);
    let memory = stopped.path().join("translations.db");
    assert!(
        crate::memory::dump(&memory) == before,
        "the stopped write was not undone"
    );
    assert!(integrity_ok(&memory));
    let sync = stopped.tolk("en", &["sync"]);
    assert_eq!(sync.code, 0, "{}", sync.stderr);
}

fn md_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            md_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// `tolk export` killed at random moments: every content file in the site folder is, at every
/// moment, either absent or exactly what an uninterrupted export writes; the next export
/// finishes the job and clears what the killed runs left.
#[test]
fn export_killed_at_random_moments() {
    let Some((_corpus, content)) = make_corpus(60) else {
        return;
    };
    let ws = workspace(&content);
    assert!(sync_cmd(ws.path()).status().unwrap().success());
    let export = |to: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tolk"));
        c.current_dir(ws.path())
            .env_clear()
            .env("TOLK_NOW", "2026-11-28T12:00:00Z")
            .env("TOLK_UI_LANG", "en")
            .args(["export", "--to", to])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let t = Instant::now();
    // The generated corpus has translations whose shortcodes nest otherwise than their
    // English (blocks swapped between pages): those pages are refused, the rest written.
    let out = export("reference").stderr(Stdio::piped()).output().unwrap();
    let full = t.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .all(|l| l.contains(": not written: ")),
        "{stderr}"
    );
    assert!(matches!(out.status.code(), Some(0 | 2)), "{stderr}");
    let mut reference = Vec::new();
    md_files(&ws.path().join("reference"), &mut reference);
    let mut seed: u64 = 0xe4;
    for _ in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = full.mul_f64((seed >> 11) as f64 / (1u64 << 53) as f64);
        let mut child = export("site").spawn().unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        let mut files = Vec::new();
        md_files(&ws.path().join("site"), &mut files);
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "md"))
        {
            let rel = f.strip_prefix(ws.path().join("site")).unwrap();
            let want = std::fs::read(ws.path().join("reference").join(rel)).unwrap();
            assert!(
                std::fs::read(f).unwrap() == want,
                "{} is half-written or wrong",
                rel.display()
            );
        }
    }
    assert_eq!(export("site").status().unwrap().code(), out.status.code());
    let mut files = Vec::new();
    md_files(&ws.path().join("site"), &mut files);
    assert_eq!(
        files.len(),
        reference.len(),
        "leftovers or missing files after the final export"
    );
}

/// `tolk translate` killed while it writes answers: the variant file always parses, the memory
/// passes its integrity check, and a new run finishes the remaining segments.
#[test]
fn translate_killed_while_answering() {
    use std::io::Write;
    let Some((_, _, env)) = crate::scenarios::edited("08-") else {
        return;
    };
    let answers: String = (0..14)
        .map(|i| format!("e Oversat afsnit nummer {i}.\n"))
        .collect();
    let mut seed: u64 = 0x7a;
    for _ in 0..10 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = Duration::from_millis(50 + (seed >> 40) % 400);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tolk"))
            .current_dir(env.path())
            .env_clear()
            .env("TOLK_UI_LANG", "en")
            .args(["translate", crate::scenarios::PAGE, "--lang", "da"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(answers.as_bytes());
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        assert!(integrity_ok(&env.path().join("translations.db")));
        let st = env.tolk("en", &["status", "--lang", "da"]);
        assert_eq!(
            st.code, 0,
            "the variant or the memory is broken after a kill: {}",
            st.stderr
        );
    }
    let out = env.tolk_input(
        "en",
        &["translate", crate::scenarios::PAGE, "--lang", "da"],
        &answers,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = crate::scenarios::status_json(&env);
    let da = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lang"] == "da")
        .unwrap();
    assert_eq!(da["state"], "current", "{da:#}");
}
