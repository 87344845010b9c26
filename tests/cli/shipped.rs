//! The shipped workspace: `postings/`, `tolk.toml` and `translations.db` (opened only as copies).

use tolk::tm::Tm;

use crate::util::{TestEnv, repo, tolk_with_env};

/// The committed memory is exactly what `scripts/build-demo-memory` makes: the translations
/// synced with the English they were made from (kept in `tests/fixtures/demo/`).
#[test]
fn the_shipped_memory_matches_the_shipped_postings() {
    let env = TestEnv::with_postings();
    std::fs::copy(repo().join("tolk.toml"), env.path().join("tolk.toml")).unwrap();
    env.write(
        "postings/en/career/cloud-engineer.md",
        std::fs::read(repo().join("tests/fixtures/demo/cloud-engineer.v1.md")).unwrap(),
    );
    let out = tolk_with_env(
        env.path(),
        &[("TOLK_NOW", "2026-11-01T09:00:00Z"), ("TOLK_USER", "demo")],
        &["sync"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let built = Tm::open_read_only(&env.path().join("translations.db"))
        .unwrap()
        .unwrap()
        .dump()
        .unwrap();
    let copy = TestEnv::empty();
    std::fs::copy(
        repo().join("translations.db"),
        copy.path().join("translations.db"),
    )
    .unwrap();
    let shipped = Tm::open_read_only(&copy.path().join("translations.db"))
        .unwrap()
        .unwrap()
        .dump()
        .unwrap();
    assert!(
        built == shipped,
        "translations.db is out of date: run scripts/build-demo-memory"
    );
    // Committed in the journal mode tolk uses (bytes 18 and 19 of the header: 2 is WAL), so
    // that runs of a fresh clone never need to switch it while another run reads.
    let header = std::fs::read(repo().join("translations.db")).unwrap();
    assert_eq!(
        &header[18..20],
        &[2, 2],
        "translations.db is not in WAL mode"
    );
}

/// The README's first command: the demo posting is stale in every language, the rest current.
#[test]
fn status_on_the_shipped_postings() {
    let env = TestEnv::with_postings();
    std::fs::copy(repo().join("tolk.toml"), env.path().join("tolk.toml")).unwrap();
    std::fs::copy(
        repo().join("translations.db"),
        env.path().join("translations.db"),
    )
    .unwrap();
    let out = env.tolk("en", &["status"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("status_shipped_en", out.stdout);
    let out = env.tolk("da", &["status"]);
    insta::assert_snapshot!("status_shipped_da", out.stdout);
    let out = env.tolk("sv", &["status", "--format", "json", "--lang", "sv"]);
    insta::assert_snapshot!("status_shipped_sv_json", out.stdout);
}
