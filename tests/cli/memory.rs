//! `tolk init`, `sync` and `status` on the shipped postings: what a translator and CI see.

use tolk::tm::Tm;

use crate::scenarios::PAGE;
use crate::util::{TestEnv, shipped, tolk_with_env};

fn dump_of(env: &TestEnv) -> String {
    dump(&env.path().join("translations.db"))
}

/// Every table of a memory file as text, opened without tolk (so any schema can be read).
pub fn dump(path: &std::path::Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        out.push_str(&format!("## {t}\n"));
        let mut st = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
            .unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}

fn states(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut a = vec!["status", "--format", "json"];
    a.extend(args);
    let out = env.tolk("en", &a);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn init_then_sync_makes_everything_current_and_status_writes_nothing() {
    let env = TestEnv::translated();
    let out = env.tolk("en", &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        env.read("tolk.toml")
            .contains("targets = [\"da\", \"sv\", \"nb\"]")
    );
    let out = env.tolk("da", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Synkroniserede 3 opslag"),
        "{}",
        out.stdout
    );
    let before = dump_of(&env);
    let out = env.tolk("en", &["status"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("da: 100% current, 0 stale segments, 0 untranslated"),
        "{}",
        out.stdout
    );
    let _ = states(&env, &[]);
    assert_eq!(dump_of(&env), before, "status changed the memory");
    // A second sync with nothing changed records nothing new.
    let out = env.tolk("en", &["sync"]);
    assert!(
        out.stdout
            .contains(": 0 new source texts, 0 translations recorded"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_english_edit_makes_exactly_that_segment_stale_until_the_translator_edits_it() {
    let env = TestEnv::translated();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let en = "postings/en/career/site-reliability-engineer.md";
    let text = env.read(en);
    env.write(
        en,
        text.replace(
            "Build dashboards and alerts with Prometheus and Grafana.",
            "Build dashboards, alerts and runbooks with Prometheus and Grafana.",
        ),
    );
    let report = states(
        &env,
        &["career/site-reliability-engineer.md", "--lang", "sv"],
    );
    let p = &report["postings"][0];
    assert_eq!(p["state"], "stale");
    assert_eq!(p["counts"]["stale"], 1);
    let seg = &p["segments"][0];
    assert_eq!(seg["key"], "h2.li2");
    assert_eq!(seg["change"], "edited");
    assert_eq!(
        seg["old_source"],
        "Build dashboards and alerts with Prometheus and Grafana."
    );
    assert_eq!(
        seg["translation"],
        "Bygga instrumentpaneler och larm med Prometheus och Grafana."
    );
    assert_eq!(seg["translation_line"], 25);
    // Syncing without touching the translation keeps it stale.
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    assert_eq!(
        states(
            &env,
            &["career/site-reliability-engineer.md", "--lang", "sv"]
        )["postings"][0]["counts"]["stale"],
        1
    );
    // The translator updates it; sync; current.
    let sv = "postings/sv/career/site-reliability-engineer.md";
    env.write(
        sv,
        env.read(sv).replace(
            "instrumentpaneler och larm",
            "instrumentpaneler, larm och körböcker",
        ),
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let p = &states(
        &env,
        &["career/site-reliability-engineer.md", "--lang", "sv"],
    )["postings"][0];
    assert_eq!(p["state"], "current");
    // da and nb are still stale.
    let all = states(&env, &["career/site-reliability-engineer.md"]);
    let stale: Vec<&str> = all["postings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["state"] == "stale")
        .map(|p| p["lang"].as_str().unwrap())
        .collect();
    assert_eq!(stale, ["da", "nb"]);
}

#[test]
fn skeleton_changes_and_moved_blocks_stay_current_new_text_is_untranslated() {
    let env = TestEnv::translated();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let en = "postings/en/career/cloud-engineer.md";
    let text = env.read(en);
    let about = "## About us\n\nNordlys Cloud is a small cloud company with offices in Oslo, Stockholm and Copenhagen. We run our own data centres, build on open source, and keep our customers' data in the Nordics.\n\n";
    let moved = text
        .replace(about, "")
        .replace("## How to apply", &format!("{about}## How to apply"));
    let moved = moved
        .replace("draft: false", "draft: true")
        .replace("apply/cloud-engineer\"", "apply/cloud-engineer-2026\"");
    let moved = moved.replace(
        "- Help customers move",
        "- Share what you learn on our blog.\n- Help customers move",
    );
    env.write(en, moved.trim_end());
    let report = states(&env, &["career/cloud-engineer.md", "--lang", "da"]);
    let p = &report["postings"][0];
    assert_eq!(p["counts"]["stale"], 0, "{p:#}");
    assert_eq!(p["counts"]["untranslated"], 1);
    assert_eq!(
        p["segments"][0]["source"],
        "Share what you learn on our blog."
    );
    assert_eq!(p["state"], "incomplete");
}

/// Scenario 01: the English changed only a link target; sync carries the change into every
/// translation, as the real translators did by hand.
#[test]
fn sync_carries_a_link_target_change_into_the_translations() {
    let Some((dir, s, env)) = crate::scenarios::edited("01-") else {
        return;
    };
    let report = states(&env, &[]);
    for p in report["postings"].as_array().unwrap() {
        assert_eq!(p["counts"]["carried"], 1, "{p:#}");
        assert_eq!(p["state"], "current");
    }
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "postings/da/career/page.md: carried 1 change of links or code over from the source."
        ),
        "{}",
        out.stdout
    );
    for lang in &s.languages {
        let ours = env.read(&format!("postings/{lang}/{PAGE}"));
        let gold = std::fs::read_to_string(dir.join(format!("{lang}.new.md"))).unwrap();
        // The gold files also gained a final newline; everything else is the same.
        assert_eq!(ours.trim_end(), gold.trim_end(), "{lang}");
    }
    for p in states(&env, &[])["postings"].as_array().unwrap() {
        assert_eq!(
            p["counts"]["current"],
            p["counts"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_u64().unwrap())
                .sum::<u64>()
        );
    }
}

/// Scenario 07 splits a two-line paragraph in two; sync splits the translations the same way.
#[test]
fn sync_carries_a_paragraph_split() {
    let Some((_, _, env)) = crate::scenarios::edited("07-") else {
        return;
    };
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let sv = env.read(&format!("postings/sv/{PAGE}"));
    assert!(
        sv.contains("förbättrar hur vi jobbar.\n\nDitt framtida team"),
        "the split was not carried"
    );
    let report = states(&env, &["--lang", "sv"]);
    let split_parts: Vec<_> = report["postings"][0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["source"].as_str().is_some_and(|t| {
                t.starts_with("We work in two") || t.starts_with("Your future team")
            })
        })
        .collect();
    assert!(
        split_parts.is_empty(),
        "split parts still reported: {split_parts:?}"
    );
}

#[test]
fn a_broken_variant_is_named_and_the_other_postings_are_recorded() {
    let env = TestEnv::translated();
    env.write(
        "postings/nb/career/cloud-engineer.md",
        "---\ntitle: \"Uavsluttet\n",
    );
    let out = env.tolk("nb", &["sync"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("postings/nb/career/cloud-engineer.md:1: YAML-front matter som starter her, avsluttes aldri"), "{}", out.stderr);
    let report = states(&env, &["--lang", "da"]);
    assert!(
        report["postings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["state"] == "current")
    );
}

#[test]
fn a_bad_config_or_memory_is_exit_2_with_the_line() {
    let env = TestEnv::translated();
    env.write("tolk.toml", "source = \"en\"\ntargets = [\"da\", \"no\"]\n");
    let out = env.tolk("en", &["status"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("tolk.toml:2: “no” is not a BCP 47 language code"),
        "{}",
        out.stderr
    );
    std::fs::remove_file(env.path().join("tolk.toml")).unwrap();
    env.write(
        "translations.db",
        "not a database at all, just text; long enough to look like a header.",
    );
    let out = env.tolk("sv", &["status"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("translations.db: inte ett översättningsminne från tolk"),
        "{}",
        out.stderr
    );
}

/// A posting written in Swedish (by `source_by_path`) is translated into English, Danish and
/// Norwegian; folders may have other names than the language code.
#[test]
fn swedish_originals_and_folder_names() {
    let env = TestEnv::empty();
    env.write(
        "tolk.toml",
        "[folders]\nno = \"nb\"\n[source_by_path]\n\"blogg/**\" = \"sv\"\n",
    );
    env.write(
        "postings/sv/blogg/nyhet.md",
        "---\ntitle: Nyhet\n---\n\nVi växer.\n",
    );
    env.write(
        "postings/en/blogg/nyhet.md",
        "---\ntitle: News\n---\n\nWe are growing.\n",
    );
    env.write(
        "postings/no/blogg/nyhet.md",
        "---\ntitle: Nyhet\n---\n\nVi vokser.\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    env.write(
        "postings/sv/blogg/nyhet.md",
        "---\ntitle: Nyhet\n---\n\nVi växer snabbt.\n",
    );
    let report = states(&env, &[]);
    let by_lang: Vec<(String, String)> = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["lang"].as_str().unwrap().to_string(),
                p["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        by_lang,
        [
            ("en".to_string(), "stale".to_string()),
            ("da".to_string(), "missing".to_string()),
            ("nb".to_string(), "stale".to_string())
        ]
    );
    assert_eq!(report["postings"][2]["file"], "postings/no/blogg/nyhet.md");
}

/// `tolk accept`: an English change that needs no new translation (here: a dropped comma).
/// `tolk accept` of the shipped cloud engineer posting's Danish `segments`.
fn accept_da(env: &TestEnv, segments: &[&str]) -> crate::util::Output {
    let mut args = vec!["accept", "career/cloud-engineer.md", "--lang", "da"];
    for key in segments {
        args.extend(["--segment", key]);
    }
    env.tolk("en", &args)
}

#[test]
fn accept_marks_a_stale_translation_current_with_who_and_when() {
    let env = shipped();
    let out = accept_da(&env, &["fm.intro", "h1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "postings/da/career/cloud-engineer.md: accepted 1 translation as correct for today's English.\n"
    );
    assert!(
        out.stderr.contains("segment h1 is not stale"),
        "{}",
        out.stderr
    );
    let p = &states(&env, &["career/cloud-engineer.md", "--lang", "da"])["postings"][0];
    assert_eq!(p["counts"]["stale"], 2);
    assert!(
        p["segments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["key"] != "fm.intro")
    );
    // Other languages are untouched.
    assert_eq!(
        states(&env, &["career/cloud-engineer.md", "--lang", "sv"])["postings"][0]["counts"]["stale"],
        3
    );
    // The translation as it was is kept, now accepted for today's English ...
    let dump = env.tolk("en", &["dump"]).stdout;
    assert!(
        dump.contains(
            "career/cloud-engineer.md\tfm.intro\tda\t\"Hjælp os med at drive en åben, europæisk \
             cloud, som kunderne kan stole på.\"\t<- \"Help us run an open European cloud that \
             customers can trust.\"\thuman accepted *"
        ),
        "{dump}"
    );
    // ... by whom and when (2026-11-28T12:00:00Z, as seconds).
    let conn = rusqlite::Connection::open(env.path().join("translations.db")).unwrap();
    let (state, at, by): (i64, i64, String) = conn
        .query_row(
            "SELECT state, recorded_at, recorded_by FROM translation ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((state, at, by.as_str()), (1, 1_795_867_200, "tester"));
    let out = env.tolk(
        "da",
        &[
            "accept",
            "career/cloud-engineer.md",
            "--lang",
            "da",
            "--all",
        ],
    );
    assert_eq!(
        out.stdout,
        "postings/da/career/cloud-engineer.md: 2 oversættelser godkendt som korrekt for dagens engelske tekst.\n"
    );
    assert_eq!(
        states(&env, &["career/cloud-engineer.md", "--lang", "da"])["postings"][0]["state"],
        "incomplete"
    );
}

/// Memories of older schemas (the first one, and the shipped memory as it was at schema 9) mean
/// the same after the upgrade: `tolk dump` of each equals the dump the tolk of schema 9 made of
/// it (kept beside each), and the upgraded file is whole, with every reference in place.
#[test]
fn old_memories_mean_the_same_after_the_upgrade() {
    for old in ["schema-1", "schema-9"] {
        let env = shipped();
        let fixtures = crate::util::repo().join("tests/fixtures");
        let db = env.path().join("translations.db");
        std::fs::copy(fixtures.join(format!("{old}.db")), &db).unwrap();
        let want = std::fs::read_to_string(fixtures.join(format!("{old}.dump"))).unwrap();
        // Read as it is (through a private upgraded copy) ...
        let out = env.tolk("en", &["dump"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout == want,
            "{old}: the dump differs before the upgrade"
        );
        // ... and upgraded in place.
        let backup = env
            .path()
            .join(format!("translations.db.v{}.bak", &old[7..]));
        assert!(!backup.exists());
        Tm::open(&db).unwrap();
        assert!(backup.exists());
        let out = env.tolk("en", &["dump"]);
        assert!(
            out.stdout == want,
            "{old}: the dump differs after the upgrade"
        );
        let conn = rusqlite::Connection::open(&db).unwrap();
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        let broken: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(broken, 0, "{old}: references to rows that are not there");
    }
}

/// A memory made by the first schema (kept in tests/fixtures/schema-1.db): a read-only command
/// asks for an upgrade; `sync` writes a backup beside it, upgrades it, and loses nothing.
#[test]
fn an_old_memory_is_upgraded_after_a_backup() {
    let env = shipped();
    std::fs::copy(
        crate::util::repo().join("tests/fixtures/schema-1.db"),
        env.path().join("translations.db"),
    )
    .unwrap();
    let before = dump(&env.path().join("translations.db"));
    let out = env.tolk("en", &["status"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("made by an older tolk (schema 1); run `tolk sync` to upgrade it"),
        "{}",
        out.stderr
    );
    let out = env.tolk("en", &["sync", "career/customer-success-manager.md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let backup = env.path().join("translations.db.v1.bak");
    assert_eq!(dump(&backup), before, "the backup holds the old memory");
    // What the memory means survives: every English text of each posting and every
    // translation with the English it was made from, its origin and state. (`tolk dump` of the
    // old file, made by the tolk of schema 9, is kept beside it; keys and today's marks may
    // move with the sync.)
    let meaning = |dump: &str| -> std::collections::BTreeSet<String> {
        dump.lines()
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let lang = f[2].trim_end_matches('~');
                let rest = f[3..].join("\t");
                format!("{}\t{lang}\t{}", f[0], rest.trim_end_matches(" *"))
            })
            .collect()
    };
    let before =
        std::fs::read_to_string(crate::util::repo().join("tests/fixtures/schema-1.dump")).unwrap();
    let after = env.tolk("en", &["dump"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    let after = meaning(&after.stdout);
    for line in meaning(&before) {
        assert!(after.contains(&line), "lost in the upgrade: {line}");
    }
    let p = &states(&env, &["career/cloud-engineer.md", "--lang", "da"])["postings"][0];
    assert_eq!(
        (
            p["counts"]["stale"].as_u64(),
            p["counts"]["untranslated"].as_u64()
        ),
        (Some(3), Some(1))
    );
}

/// The status cache beside the memory changes only the speed: a second run answers the same, an
/// edited file is seen at once (even one edited within the same second, keeping its size), and
/// a damaged cache is ignored.
#[test]
fn the_status_cache_never_changes_an_answer() {
    let env = shipped();
    let first = env.tolk("en", &["status", "--format", "json"]);
    assert!(env.path().join("translations.db.status-cache").exists());
    let second = env.tolk("en", &["status", "--format", "json"]);
    assert!(
        first.stdout == second.stdout,
        "a second run answered differently"
    );
    // The same size, right away.
    let en = "postings/en/career/site-reliability-engineer.md";
    env.write(
        en,
        env.read(en)
            .replace("Team: \"Platform\"", "Team: \"Plazform\""),
    );
    let third = env.tolk("en", &["status", "--format", "json"]);
    assert!(third.stdout != second.stdout, "the edit was not seen");
    assert!(third.stdout.contains("\"source\": \"Plazform\""));
    let uncached = env.tolk(
        "en",
        &[
            "status", "--format", "json", "--lang", "da", "--lang", "sv", "--lang", "nb",
        ],
    );
    assert!(
        third.stdout == uncached.stdout,
        "the cached answer differs from the uncached one"
    );
    env.write("translations.db.status-cache", "{ not json");
    let fourth = env.tolk("en", &["status", "--format", "json"]);
    assert!(
        fourth.stdout == third.stdout,
        "a damaged cache changed the answer"
    );
    env.write(
        "translations.db.status-cache",
        "{\"key\": \"x\", \"written\": 1, \"pages\": {}}",
    );
    assert!(env.tolk("en", &["status", "--format", "json"]).stdout == third.stdout);
}

/// Gives every posting file a modification time an hour ago, so that a status cache is
/// trusted (a file changed in the two seconds before the cache was written never is).
fn postings_an_hour_old(env: &TestEnv) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut files = Vec::new();
    crate::util::markdown_files(&env.path().join("postings"), &mut files);
    for f in &files {
        std::fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
}

/// Export records in the memory what it wrote, which no status shows: the status after it is a
/// warm one and answers as before. A memory that another command changed before the export is
/// never taken for the one the cache was made from.
#[test]
fn the_status_after_an_export_is_warm_and_right() {
    let env = shipped();
    postings_an_hour_old(&env);
    let cache = env.path().join("translations.db.status-cache");
    let status = || env.tolk("en", &["status", "--format", "json"]);
    let before = status();
    assert_eq!(before.code, 0, "{}", before.stderr);
    let export = env.tolk("en", &["export"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(
        export.stdout.contains("9 files written"),
        "{}",
        export.stdout
    );
    let carried = std::fs::read(&cache).unwrap();
    let after = status();
    assert!(
        after.stdout == before.stdout,
        "the export changed the status"
    );
    assert!(
        std::fs::read(&cache).unwrap() == carried,
        "the status after the export was computed again"
    );
    // Another command changes the memory (a stale translation accepted), then an export.
    let accept = accept_da(&env, &["fm.intro"]);
    assert_eq!(accept.code, 0, "{}", accept.stderr);
    let export = env.tolk("en", &["export", "--force"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let cached = status();
    std::fs::remove_file(&cache).unwrap();
    let uncached = status();
    assert!(
        cached.stdout == uncached.stdout,
        "a cache of another memory answered"
    );
    assert!(
        cached.stdout != before.stdout,
        "the accepted translation is not seen"
    );
}

/// A cache cut short (in its header, in the middle of a page's line, or after a whole line) is
/// no cache, or a part of one: the answer is the one computed without it.
#[test]
fn a_truncated_status_cache_never_changes_an_answer() {
    let env = shipped();
    postings_an_hour_old(&env);
    let cache = env.path().join("translations.db.status-cache");
    let answer = env.tolk("en", &["status", "--format", "json"]);
    assert_eq!(answer.code, 0, "{}", answer.stderr);
    assert!(
        answer.stdout.contains("\"state\": \"stale\""),
        "{}",
        answer.stdout
    );
    let whole = std::fs::read(&cache).unwrap();
    // Warm: the answer from the cache, which stays as it is.
    let warm = env.tolk("en", &["status", "--format", "json"]);
    assert!(warm.stdout == answer.stdout, "the warm answer differs");
    assert!(
        std::fs::read(&cache).unwrap() == whole,
        "a warm run rewrote the cache"
    );
    let lines: Vec<usize> = whole
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    assert!(lines.len() > 3, "a header and a line per page");
    for cut in [
        lines[0] / 2,
        lines[1] + (lines[2] - lines[1]) / 2,
        whole.len() - 2,
        lines[1],
    ] {
        std::fs::write(&cache, &whole[..cut]).unwrap();
        let out = env.tolk("en", &["status", "--format", "json"]);
        assert!(
            out.stdout == answer.stdout,
            "a cache cut at byte {cut} changed the answer"
        );
        // The cache is whole again.
        assert!(std::fs::read(&cache).unwrap().len() == whole.len());
    }
}

/// A status cache written by another build of tolk (its sources hashed into the cache's key) is
/// never answered from: that build may read the same files otherwise, and the package version
/// does not tell. The same cache under this build's key is answered from (a cached state shows).
#[test]
fn a_status_cache_from_another_build_is_not_used() {
    let env = shipped();
    postings_an_hour_old(&env);
    let cache = env.path().join("translations.db.status-cache");
    let answer = env.tolk("en", &["status", "--format", "json"]);
    assert_eq!(answer.code, 0, "{}", answer.stderr);
    let whole = std::fs::read_to_string(&cache).unwrap();
    let (header, pages) = whole.split_once('\n').unwrap();
    // A cache whose stale postings say current: what a build reading the files otherwise might
    // have left.
    assert!(pages.contains("\"state\":\"stale\""), "{pages}");
    let pages = pages.replace("\"state\":\"stale\"", "\"state\":\"current\"");
    let key: serde_json::Value = serde_json::from_str(header).unwrap();
    let key = key["key"].as_str().unwrap();
    let build = key.split(' ').nth(1).unwrap();
    assert_eq!(build.len(), 16, "{key}");
    std::fs::write(&cache, format!("{header}\n{pages}")).unwrap();
    let this_build = env.tolk("en", &["status", "--format", "json"]);
    assert!(
        this_build.stdout.contains("\"state\": \"current\"")
            && !this_build.stdout.contains("\"state\": \"stale\""),
        "the cache was not answered from: {}",
        this_build.stdout
    );
    let other = header.replacen(build, "0123456789abcdef", 1);
    std::fs::write(&cache, format!("{other}\n{pages}")).unwrap();
    let out = env.tolk("en", &["status", "--format", "json"]);
    assert!(
        out.stdout == answer.stdout,
        "another build's cache answered: {}",
        out.stdout
    );
}
/// A small posting of our own for alignment cases: English and Danish, synced.
fn aligned_pair(en: &str, da: &str) -> TestEnv {
    synced_pair(en, da).0
}

/// As [`aligned_pair`], with what the sync printed.
fn synced_pair(en: &str, da: &str) -> (TestEnv, crate::util::Output) {
    let env = TestEnv::empty();
    env.write("postings/en/career/platform.md", en);
    env.write("postings/da/career/platform.md", da);
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (env, out)
}

/// Replaces the English of the pair made by [`aligned_pair`] and returns the Danish status.
fn edit_english(env: &TestEnv, en: impl AsRef<str>) -> serde_json::Value {
    env.write("postings/en/career/platform.md", en.as_ref());
    states(env, &["--lang", "da"])
}

fn segments_of(report: &serde_json::Value) -> Vec<(String, String)> {
    report["postings"][0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = s["source"].as_str().or(s["old_source"].as_str()).unwrap();
            (s["state"].as_str().unwrap().to_string(), text.to_string())
        })
        .collect()
}

/// A paragraph deleted in one place and another inserted elsewhere are two changes: the old
/// translation is obsolete and the new English untranslated, never "a stale translation" of
/// a text it was not made from.
#[test]
fn a_deleted_block_and_an_inserted_block_are_obsolete_and_untranslated() {
    let en = "---\ntitle: \"Platform Engineer\"\n---\n\n## Tools\n\nWe use OpenTofu and Ansible for everything we deploy.\n\n## Benefits\n\nThirty days of paid holiday every year.\n";
    let da = "---\ntitle: \"Platformingeniør\"\n---\n\n## Værktøjer\n\nVi bruger OpenTofu og Ansible til alt, vi udruller.\n\n## Goder\n\nTredive dages betalt ferie hvert år.\n";
    let env = aligned_pair(en, da);
    let report = edit_english(
        &env,
        en.replace(
            "We use OpenTofu and Ansible for everything we deploy.\n\n",
            "",
        ) + "\nOur whole team meets in Oslo every spring.\n",
    );
    assert_eq!(
        segments_of(&report),
        [
            (
                "untranslated".to_string(),
                "Our whole team meets in Oslo every spring.".to_string()
            ),
            (
                "obsolete".to_string(),
                "We use OpenTofu and Ansible for everything we deploy.".to_string()
            ),
        ],
        "{report:#}"
    );
}

/// A paragraph deleted and the next one edited in the same section: the edited one keeps its
/// old translation's history (stale, with the English it was made from), although it now has
/// the deleted one's place and key; the deleted one's translation is obsolete.
#[test]
fn a_deletion_before_an_edit_in_one_section_does_not_shift_the_edit() {
    let rota = "Yes, we rotate the on-call rota every week, and a new colleague shadows two shifts before taking one alone, with a senior engineer as backup.";
    let plan = "Finally, we keep a written plan for outages.";
    let en = format!(
        "---\ntitle: \"Site Reliability Engineer\"\n---\n\n## On call\n\nWe share the nights.\n\n{rota}\n\n{plan}\n"
    );
    let da = "---\ntitle: \"Site Reliability Engineer\"\n---\n\n## Vagt\n\nVi deler nætterne.\n\nJa, vi skifter vagtplanen hver uge, og en ny kollega følger to vagter, før hun tager en alene, med en erfaren ingeniør som backup.\n\nTil sidst har vi en skriftlig plan for nedbrud.\n";
    let env = aligned_pair(&en, da);
    let edited = "Also, we test a written plan for outages twice a year.";
    let report = edit_english(
        &env,
        en.replace(&format!("{rota}\n\n"), "").replace(plan, edited),
    );
    let segments = report["postings"][0]["segments"].as_array().unwrap();
    let stale: Vec<_> = segments.iter().filter(|s| s["state"] == "stale").collect();
    assert_eq!(stale.len(), 1, "{report:#}");
    assert_eq!(stale[0]["source"], edited);
    assert_eq!(
        stale[0]["old_source"], plan,
        "the edit's history is another paragraph's"
    );
    assert_eq!(
        segments_of(&report)
            .into_iter()
            .filter(|(state, _)| state != "current" && state != "stale")
            .collect::<Vec<_>>(),
        [("obsolete".to_string(), rota.to_string())]
    );
}

/// A heading repeated in the posting (every section has an "Example") and inserted once more
/// elsewhere does not take the place of the one the writer edited: that one is stale, and the
/// new copy is untranslated (the memory offers the old translation as a suggestion).
#[test]
fn a_repeated_heading_inserted_elsewhere_leaves_the_edited_one_stale() {
    let en = "---\ntitle: \"Platform Engineer\"\n---\n\n## Tools\n\nWe deploy with OpenTofu.\n\n### Example\n\nA module for a network.\n\n## Monitoring\n\nWe watch everything with Prometheus.\n\n### Example\n\nAn alert for a full disk.\n";
    let da = "---\ntitle: \"Platformingeniør\"\n---\n\n## Værktøjer\n\nVi udruller med OpenTofu.\n\n### Eksempel\n\nEt modul til et netværk.\n\n## Overvågning\n\nVi overvåger alt med Prometheus.\n\n### Eksempel\n\nEn alarm for en fuld disk.\n";
    let env = aligned_pair(en, da);
    let edited = en
        .replace(
            "## Tools\n",
            "### Example\n\nA team that owns its platform.\n\n## Tools\n",
        )
        .replace("### Example\n\nAn alert", "### Sample\n\nAn alert");
    let report = edit_english(&env, edited);
    let segs = segments_of(&report);
    assert_eq!(
        segs,
        [
            ("untranslated".to_string(), "Example".to_string()),
            (
                "untranslated".to_string(),
                "A team that owns its platform.".to_string()
            ),
            ("stale".to_string(), "Sample".to_string()),
        ],
        "{report:#}"
    );
    let stale = &report["postings"][0]["segments"][2];
    assert_eq!(stale["old_source"], "Example");
    assert_eq!(stale["translation"], "Eksempel");
}

#[test]
fn a_short_heading_replaced_by_one_of_another_level_is_not_its_edit() {
    let en = "---\ntitle: \"Platform Engineer\"\n---\n\n## Tools\n\nWe deploy with OpenTofu.\n\n### Missing\n\nA module for a network.\n";
    let da = "---\ntitle: \"Platformingeniør\"\n---\n\n## Værktøjer\n\nVi udruller med OpenTofu.\n\n### Mangler\n\nEt modul til et netværk.\n";
    let env = aligned_pair(en, da);
    // The same place, the same few words, another level: a new heading, not an edit.
    let segs = segments_of(&edit_english(
        &env,
        en.replace("### Missing\n", "## Practical gotchas\n"),
    ));
    assert_eq!(
        segs,
        [
            ("untranslated".to_string(), "Practical gotchas".to_string()),
            ("obsolete".to_string(), "Missing".to_string()),
        ]
    );
    // The same level: an edit in place, shown stale beside its translation.
    let report = edit_english(&env, en.replace("### Missing\n", "### Practical gotchas\n"));
    assert_eq!(
        segments_of(&report),
        [("stale".to_string(), "Practical gotchas".to_string())],
        "{report:#}"
    );
    assert_eq!(
        report["postings"][0]["segments"][0]["translation"],
        "Mangler"
    );
}

/// `tolk sync` leaves the status cache up to date, so the status that follows is the warm one;
/// what that status says is what a status without the cache says, also after a sync that
/// changed the memory (a translation accepted) and after an edit made right after a sync.
#[test]
fn sync_leaves_the_status_cache_warm_and_right() {
    let env = shipped();
    let cache = env.path().join("translations.db.status-cache");
    assert!(!cache.exists());
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    assert!(cache.exists(), "sync left no status cache");
    let uncached = |env: &TestEnv| {
        env.tolk(
            "en",
            &[
                "status", "--format", "json", "--lang", "da", "--lang", "sv", "--lang", "nb",
            ],
        )
        .stdout
    };
    let warm = env.tolk("en", &["status", "--format", "json"]).stdout;
    assert!(
        warm == uncached(&env),
        "the cache sync wrote answers otherwise"
    );

    let out = env.tolk_input(
        "en",
        &["translate", "career/cloud-engineer.md", "--lang", "da"],
        "k\n",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let en = "postings/en/career/site-reliability-engineer.md";
    env.write(
        en,
        env.read(en)
            .replace("Team: \"Platform\"", "Team: \"Plazform\""),
    );
    let after = env.tolk("en", &["status", "--format", "json"]).stdout;
    assert!(
        after.contains("\"source\": \"Plazform\""),
        "the edit after the sync was not seen"
    );
    assert!(
        after == uncached(&env),
        "the cache answered otherwise after a sync and an edit"
    );
}

/// A first sync into a memory that nothing else has open writes through SQLite's rollback
/// journal (each new page written once), and with another connection open (a run reading
/// the new memory) through the write-ahead log: the memory holds the same either way, is left
/// in write-ahead-log mode (other runs read while one writes), and the reader sees the sync.
#[test]
fn a_first_sync_writes_the_same_memory_alone_or_beside_a_reader() {
    let journal_mode = |env: &TestEnv| -> String {
        let conn = rusqlite::Connection::open(env.path().join("translations.db")).unwrap();
        conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    };
    let alone = TestEnv::translated();
    assert_eq!(alone.tolk("en", &["init"]).code, 0);
    let out = alone.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(journal_mode(&alone), "wal");
    assert!(!alone.path().join("translations.db-journal").exists());

    let beside = TestEnv::translated();
    assert_eq!(beside.tolk("en", &["init"]).code, 0);
    let reader = rusqlite::Connection::open(beside.path().join("translations.db")).unwrap();
    let postings = || -> i64 {
        reader
            .query_row("SELECT count(*) FROM posting", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(postings(), 0);
    let out = beside.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(journal_mode(&beside), "wal");
    assert_eq!(postings(), 3);
    assert!(dump_of(&alone) == dump_of(&beside), "the memories differ");
    assert_eq!(
        alone.tolk("en", &["status"]).stdout,
        beside.tolk("en", &["status"]).stdout
    );
}

/// A paragraph added to the English goes, in the translation, after the last line of the
/// paragraph before it: here two lines long.
#[test]
fn an_added_paragraph_goes_after_the_last_line_of_the_one_before() {
    let env = aligned_pair(
        "---\ntitle: \"Engineer\"\n---\n\nWe run a cloud.\nIt is small.\n\nApply now.\n",
        "---\ntitle: \"Ingeniør\"\n---\n\nVi driver en sky.\nDen er lille.\n\nSøg nu.\n",
    );
    let report = edit_english(
        &env,
        "---\ntitle: \"Engineer\"\n---\n\nWe run a cloud.\nIt is small.\n\nWe are kind.\n\nApply now.\n",
    );
    let segments = report["postings"][0]["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 1, "{report:#}");
    assert_eq!(segments[0]["source"], "We are kind.");
    assert_eq!(segments[0]["state"], "untranslated");
    assert_eq!(segments[0]["insert_after_line"], 6);
}

/// A first sync of a site large enough for the memory's dictionary (its first 64 pages hold
/// more than 4,000 texts) trains it on the first texts before it adds them: every text is
/// packed with that one dictionary, reads back as it was written, and the pages are current.
#[test]
fn a_first_sync_of_many_pages_packs_every_text_with_its_first_dictionary() {
    let env = TestEnv::empty();
    many_pages(&env, 70);
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let conn = rusqlite::Connection::open(env.path().join("translations.db")).unwrap();
    let dicts: Vec<(i64, i64)> = conn
        .prepare("SELECT id, texts FROM text_dict")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(dicts, [(1, 4000)], "one dictionary, trained at 4,000 texts");
    for table in ["source_text", "translation"] {
        let (packed, with_it): (i64, i64) = conn
            .query_row(
                &format!(
                    "SELECT count(*), count(*) FILTER (WHERE substr(text, 1, 1) = x'01')
                     FROM {table} WHERE typeof(text) = 'blob'"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(packed > 2000, "{table}: {packed} texts packed");
        assert_eq!(with_it, packed, "{table}: packed with another dictionary");
    }
    let dump = env.tolk("en", &["dump"]);
    assert_eq!(dump.code, 0, "{}", dump.stderr);
    for (lang, page, i) in [("en", 0, 0), ("da", 3, 17), ("da", 69, 30), ("en", 65, 4)] {
        assert!(
            dump.stdout.contains(&many_pages_text(lang, page, i)),
            "{lang} {page} {i} not read back"
        );
    }
    let out = env.tolk("en", &["status"]);
    assert!(
        out.stdout
            .contains("da: 100% current, 0 stale segments, 0 untranslated"),
        "{}",
        out.stdout
    );
}

/// Paragraph `i` of page `page` in `lang`, as [`many_pages`] writes it.
fn many_pages_text(lang: &str, page: usize, i: usize) -> String {
    match lang {
        "en" => format!("We run cloud platform {page} in Oslo: team {i} keeps {i} racks open."),
        _ => format!("Vi driver skyplatform {page} i Oslo: team {i} holder {i} stativer åbne."),
    }
}

/// `pages` postings in English and Danish, 31 paragraphs each: 64 of them hold more than the
/// 4,000 texts at which the memory trains its dictionary.
fn many_pages(env: &TestEnv, pages: usize) {
    for page in 0..pages {
        for lang in ["en", "da"] {
            let mut text = format!("---\ntitle: \"Job {page}\"\n---\n");
            for i in 0..31 {
                text.push_str(&format!("\n{}\n", many_pages_text(lang, page, i)));
            }
            env.write(&format!("postings/{lang}/jobs/job-{page:03}.md"), text);
        }
    }
}

/// A first sync's writer runs on one of the worker threads and reads ahead on the others: on
/// a terminal (its progress bar drawn from that thread) and on a machine of one core it ends,
/// and both record the same memory.
#[test]
fn a_first_sync_ends_on_a_terminal_and_on_one_core_with_the_same_memory() {
    use expectrl::{Eof, Session};
    // Four chunks of pages: the first trains the dictionary, the next is read meanwhile, and
    // the one after it while the first is written.
    let (terminal, one_core) = (TestEnv::empty(), TestEnv::empty());
    many_pages(&terminal, 200);
    many_pages(&one_core, 200);
    let mut cmd = crate::util::terminal_command(terminal.path(), &["sync"]);
    cmd.env("TOLK_NOW", "2026-11-28T12:00:00Z")
        .env("USER", "tester");
    let mut s = Session::spawn(cmd).expect("a pseudo-terminal");
    s.set_expect_timeout(Some(std::time::Duration::from_secs(120)));
    s.expect("Synced 200 postings: 6400 new source texts, 6400 translations recorded.")
        .unwrap();
    s.expect(Eof).unwrap();

    let out = tolk_with_env(one_core.path(), &[("RAYON_NUM_THREADS", "1")], &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (a, b) = (
        terminal.tolk("en", &["dump"]),
        one_core.tolk("en", &["dump"]),
    );
    assert!(
        a.stdout.contains(&many_pages_text("da", 199, 30)),
        "{}",
        a.stdout
    );
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(dump_of(&terminal), dump_of(&one_core), "every table alike");
    let out = one_core.tolk("en", &["status"]);
    assert!(
        out.stdout
            .contains("da: 100% current, 0 stale segments, 0 untranslated"),
        "{}",
        out.stdout
    );
}

/// The translations a first sync records are checked against their English, each with the
/// line it is on (checked ahead on the other core for pages new to the memory; a segment that
/// pairs only by its place, not its key, is checked by the writer).
#[test]
fn a_first_sync_warns_about_what_its_translations_drop_or_add() {
    let (_env, out) = synced_pair(
        "---\ntitle: \"Engineer\"\n---\n\nWe pay 60000 kr a month.\n\nSee [the docs](/docs).\n\nApply by 1 May.\n",
        "---\ntitle: \"Ingeniør\"\n---\n\nVi betaler godt.\n\nSe <b>dokumenterne</b>.\n\nSøg senest 1. maj.\n",
    );
    assert_eq!(
        out.stderr,
        "warning: postings/da/career/platform.md:5: segment top.p1: the number 60000 of the source is not in the translation\n\
         warning: postings/da/career/platform.md:7: segment top.p2: “(/docs)” of the source is not in the translation\n\
         warning: postings/da/career/platform.md:7: segment top.p2: the translation adds HTML the source does not have (b)\n"
    );
}
