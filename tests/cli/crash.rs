//! Crashes and concurrent runs: `tolk sync` killed at random moments leaves a memory that passes
//! SQLite's integrity check, and the next sync ends exactly where an uninterrupted one does; two
//! syncs and a status at the same time corrupt nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{TestEnv, shipped, tolk_with_env};

fn make_corpus(n: usize) -> Option<(TestEnv, PathBuf)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/make-corpus");
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/safespring/site/content/en");
    if !script.exists() || !src.exists() {
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
    env.write(
        "tolk.toml",
        format!("postings = \"{}\"\n", content.display()),
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

/// SIGKILL at 50 random moments of `tolk sync` on a generated corpus.
#[test]
fn sync_killed_at_random_moments() {
    let Some((_corpus, content)) = make_corpus(100) else {
        return;
    };
    let reference = workspace(&content);
    let t = Instant::now();
    assert!(sync_cmd(reference.path()).status().unwrap().success());
    let full = t.elapsed();
    let want = crate::memory::dump(&reference.path().join("translations.db"));

    let ws = workspace(&content);
    let db = ws.path().join("translations.db");
    let mut seed: u64 = 0x5eed;
    let mut killed_mid_run = 0;
    for _ in 0..50 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = full.mul_f64((seed >> 11) as f64 / (1u64 << 53) as f64);
        let mut child = sync_cmd(ws.path()).spawn().unwrap();
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        if db.exists() {
            assert!(
                integrity_ok(&db),
                "integrity check failed after a kill at {wait:?}"
            );
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
        "killed tolk sync {killed_mid_run} times mid-run (of 50) on 100 postings x 4 files; a full sync takes {full:?}"
    );
    assert!(
        killed_mid_run >= 25,
        "only {killed_mid_run} kills landed mid-run"
    );
}

/// Two syncs and a status at once: all finish (a writer waits for the other), nothing is
/// corrupted, and the memory is what one sync makes. A writer that cannot wait gets exit 2.
#[test]
fn concurrent_syncs_and_status() {
    let env = shipped();
    let reference = shipped();
    assert!(sync_cmd(reference.path()).status().unwrap().success());
    let want = crate::memory::dump(&reference.path().join("translations.db"));
    let mut a = sync_cmd(env.path()).spawn().unwrap();
    let mut b = sync_cmd(env.path()).spawn().unwrap();
    let st = tolk_with_env(env.path(), &[], &["status"]);
    assert_eq!(st.code, 0, "{}", st.stderr);
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let db = env.path().join("translations.db");
    assert!(integrity_ok(&db));
    assert!(
        crate::memory::dump(&db) == want,
        "concurrent syncs left another memory than one sync"
    );

    // Another process holds the write lock; a sync that may wait only briefly gives up cleanly.
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
