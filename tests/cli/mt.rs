//! `tolk mt` and `tolk review` against local servers that speak the OpenAI and DeepL
//! protocols (and a command provider): what is sent, what is written, what is refused.

use std::time::Duration;

use crate::stub::{Response, Stub, chat_answer, chat_segments};
use crate::util::{TestEnv, shipped, tolk_with_env};

const DEMO: &str = "postings/da/career/cloud-engineer.md";
const KEY: (&str, &str) = ("TOLK_TEST_KEY", "sekret");

/// The shipped workspace with `[mt]` pointing at `stub` as an OpenAI-compatible server.
fn openai_env(stub: &Stub, extra: &str) -> TestEnv {
    let env = shipped();
    let mut toml = env.read("tolk.toml");
    toml.push_str(&format!(
        "\n[mt]\nprovider = \"openai\"\nbase_url = \"{}/v1\"\nmodel = \"test-model\"\n\
         api_key_env = \"TOLK_TEST_KEY\"\ntimeout = 10\nbackoff = 0.05\n{extra}",
        stub.url
    ));
    env.write("tolk.toml", toml);
    env
}

fn mt(env: &TestEnv, args: &[&str]) -> crate::util::Output {
    tolk_with_env(env.path(), &[KEY], args)
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

/// The lines of `after` that are not in `before` (both in order, `after` a superset).
fn added_lines<'a>(before: &str, after: &'a str) -> Vec<&'a str> {
    let b = lines(before);
    let mut out = Vec::new();
    let mut i = 0;
    for l in lines(after) {
        if i < b.len() && b[i] == l {
            i += 1;
        } else {
            out.push(l);
        }
    }
    assert_eq!(
        i,
        b.len(),
        "every line of the file before is still there, in order"
    );
    out
}

#[test]
fn only_the_segments_to_do_are_sent_with_context_and_a_persons_work_stays() {
    let stub = Stub::start(|req, _| chat_answer(req, |t| format!("DA: {t}")));
    let env = openai_env(
        &stub,
        "[mt.instructions]\nda = \"Tiltal læseren med du.\"\n",
    );
    env.write(
        "glossary.toml",
        "keep = [\"OpenStack\"]\n[[term]]\nsource = \"on-call\"\ntranslate = { da = \"vagt\" }\n\
         forbid = { da = [\"tilkaldevagt\"] }\n",
    );
    let before = env.read(DEMO);
    let sv_before = env.read("postings/sv/career/cloud-engineer.md");
    let out = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains(
            "Sent 4 segments in 1 request; wrote 1 into 1 file; 3 kept as suggestions beside a \
             person's translation; 0 left as they were."
        ),
        "{}",
        out.stdout
    );

    let reqs = stub.requests();
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/v1/chat/completions");
    assert_eq!(req.header("authorization"), Some("Bearer sekret"));
    let body = req.json();
    assert_eq!(body["model"], "test-model");
    assert_eq!(body["response_format"]["type"], "json_object");
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(system.ends_with(" Tiltal læseren med du."), "{system}");
    assert!(system.contains("<x id=\"1\"/>"), "{system}");
    let segs = chat_segments(req);
    let texts: Vec<&str> = segs.iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Help us run an open European cloud that customers can trust.",
            "Take part in the on-call rotation, one week in eight.",
            "Improve our deployment pipeline so that releases are boring.",
            "60 000 – 75 000 NOK per month",
        ]
    );
    // What a translator would look at: the title, the headings, the neighbours, and for a
    // stale segment the English it was translated from and that translation.
    let oncall = &segs[1];
    assert_eq!(oncall["kind"], "list-item");
    assert_eq!(oncall["context"]["title"], "Cloud Engineer");
    assert_eq!(oncall["context"]["headings"][0], "What you will do");
    assert_eq!(
        oncall["context"]["old_source"],
        "Take part in the on-call rotation, one week in six."
    );
    assert_eq!(
        oncall["context"]["old_translation"],
        "Deltage i vagtordningen, én uge ud af seks."
    );
    assert_eq!(
        oncall["context"]["previous"],
        "Automate everything you do twice, with Ansible and Terraform."
    );
    // Only the glossary terms found in a segment go with it.
    assert_eq!(
        oncall["glossary"],
        serde_json::json!([{"source": "on-call", "translation": "vagt", "forbidden": ["tilkaldevagt"]}])
    );
    assert!(segs[2].get("glossary").is_none());
    assert!(
        !req.body.contains("OpenStack"),
        "a term no segment has is not sent"
    );
    assert!(segs[2]["context"].get("old_source").is_none());

    // The untranslated segment is written, marked machine-made; nothing else in the file moved.
    let after = env.read(DEMO);
    assert_eq!(
        added_lines(&before, &after),
        [
            "ai: true",
            "- DA: Improve our deployment pipeline so that releases are boring."
        ]
    );
    assert_eq!(env.read("postings/sv/career/cloud-engineer.md"), sv_before);

    // status, check, diff and the memory say what the machine made.
    let status = mt(&env, &["status", "--lang", "da"]);
    assert!(
        status
            .stdout
            .contains("1 machine translation to review (tolk review)"),
        "{}",
        status.stdout
    );
    let check = mt(&env, &["check", "--lang", "da"]);
    assert!(
        check.stdout.contains(
            "postings/da/career/cloud-engineer.md:29  segment h2.li5 is a machine translation no \
             person has reviewed"
        ),
        "{}",
        check.stdout
    );
    let out = mt(&env, &["report", "--out", "site-report"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.all());
    let html = env.read("site-report/index.html");
    assert!(
        html.contains("1 machine translation to review"),
        "the HTML report shows what is unreviewed"
    );
    let diff = mt(&env, &["diff", "--lang", "da", "--color", "never"]);
    assert!(
        diff.stdout
            .contains("DA: Take part in the on-call rotation, one week in eight.")
            && diff.stdout.contains(
                "machine translation by openai test-model, not written over a person's translation"
            ),
        "{}",
        diff.stdout
    );
    let dump = mt(&env, &["dump"]);
    assert!(
        dump.stdout.contains(
            "h2.li5\tda\t\"DA: Improve our deployment pipeline so that releases are boring.\"\t<- \
             \"Improve our deployment pipeline so that releases are boring.\"\t\
             machine:openai/test-model unreviewed translated *"
        ),
        "{}",
        dump.stdout
    );

    // A second run sends nothing: the answers for the person's stale segments are known.
    let again = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(
        again
            .stdout
            .contains("3 answers of an earlier run used, not sent again."),
        "{}",
        again.stdout
    );
    assert_eq!(stub.requests().len(), 1);
}

#[test]
fn replace_all_replaces_stale_translations_and_makes_the_posting_current() {
    let stub = Stub::start(|req, _| chat_answer(req, |t| format!("DA: {t}")));
    let env = openai_env(&stub, "replace = \"all\"\n");
    let out = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("wrote 4 into 1 file; 0 kept"),
        "{}",
        out.stdout
    );
    let after = env.read(DEMO);
    assert!(
        after.contains(
            "intro: \"DA: Help us run an open European cloud that customers can trust.\""
        )
    );
    assert!(
        after.contains("| DA: 60 000 – 75 000 NOK per month |"),
        "{after}"
    );
    let status = mt(&env, &["status", "--lang", "da", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let demo = v["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "career/cloud-engineer.md")
        .unwrap();
    assert_eq!(demo["state"], "current", "{demo}");
    assert_eq!(demo["unreviewed"].as_array().unwrap().len(), 4);
}

#[test]
fn rate_limits_and_server_errors_are_tried_again_honouring_retry_after() {
    let stub = Stub::start(|req, n| match n {
        0 => {
            let mut r = Response::status(429, "{\"error\": \"slow down\"}");
            r.headers.push(("Retry-After".into(), "1".into()));
            r
        }
        1 => Response::status(500, "oops"),
        _ => chat_answer(req, |t| format!("DA: {t}")),
    });
    let env = openai_env(&stub, "");
    let out = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 3);
    assert!(
        reqs[1].at - reqs[0].at >= Duration::from_secs(1),
        "the second try waited for Retry-After: {:?}",
        reqs[1].at - reqs[0].at
    );
    assert!(out.stdout.contains("wrote 1 into 1 file"), "{}", out.stdout);
}

#[test]
fn a_request_that_keeps_failing_leaves_its_segments_and_is_named() {
    let stub = Stub::start(|_, _| Response::status(503, "down for maintenance"));
    let env = openai_env(&stub, "tries = 2\n");
    let before = env.read(DEMO);
    let db = std::fs::read(env.path().join("translations.db")).unwrap();
    let out = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(stub.requests().len(), 2);
    assert!(
        out.stderr.contains(
            "a request for da with 4 segments failed, left as they were: the provider answered \
             HTTP 503: down for maintenance"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("4 left as they were"), "{}", out.stdout);
    assert_eq!(env.read(DEMO), before);
    // The sync before sending recorded today's English (as `tolk sync` would); no answer.
    let dump = mt(&env, &["dump"]);
    assert!(!dump.stdout.contains("machine:"), "{}", dump.stdout);
    assert_ne!(db.len(), 0);
}

#[test]
fn truncated_and_unreachable_answers_write_nothing() {
    let stub = Stub::start(|_, _| Response::status(200, "{\"choices\": [{\"message\": {\"con"));
    let env = openai_env(&stub, "");
    let before = env.read(DEMO);
    let out = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr
            .contains("the provider's answer is not what its protocol says"),
        "{}",
        out.stderr
    );
    assert_eq!(env.read(DEMO), before);

    // Nothing listens on the port any more.
    let url = stub.url.clone();
    drop(stub);
    let env = shipped();
    let mut toml = env.read("tolk.toml");
    toml.push_str(&format!(
        "\n[mt]\nprovider = \"openai\"\nbase_url = \"{url}/v1\"\nmodel = \"m\"\ntimeout = 5\n\
         tries = 1\n"
    ));
    env.write("tolk.toml", toml);
    let out = tolk_with_env(env.path(), &[], &["mt", "--lang", "da"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr.contains("the provider did not answer"),
        "{}",
        out.stderr
    );
    assert_eq!(env.read(DEMO), before);
}

/// A posting whose new English segments carry markup, each answered in its own way.
fn markup_env(stub: &Stub) -> TestEnv {
    let env = TestEnv::empty();
    env.write(
        "tolk.toml",
        format!(
            "targets = [\"da\"]\n[mt]\nprovider = \"openai\"\nbase_url = \"{}\"\nmodel = \"m\"\n\
             timeout = 10\n",
            stub.url
        ),
    );
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"Engineer\"\n---\n\n## About\n\nWe build clouds.\n",
    );
    env.write(
        "postings/da/career/a.md",
        "---\ntitle: \"Ingeniør\"\n---\n\n## Om os\n\nVi bygger skyer.\n",
    );
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.all());
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"Engineer\"\n---\n\n## About\n\nWe build clouds.\n\n\
         Read [the terms](/terms) first.\n\nRun `make` now.\n\nSay hello.\n\n\
         Call [us](/contact) today, **now**.\n\nWrite to *us*.\n",
    );
    env
}

#[test]
fn hostile_answers_are_refused_with_their_reason_and_never_written() {
    let stub = Stub::start(|req, _| {
        chat_answer(req, |t| match t {
            // Drops the link's target placeholder.
            "Read <x id=\"1\"/>the terms<x id=\"2\"/> first." => {
                "Læs <x id=\"1\"/>vilkårene først.".into()
            }
            // The code twice.
            "Run <x id=\"1\"/> now." => "Kør <x id=\"1\"/> nu <x id=\"1\"/>.".into(),
            // Adds a script.
            "Say hello." => "Sig hej.<script>alert(1)</script>".into(),
            // Invents a placeholder.
            "Write to *us*." => "Skriv til *os* <x id=\"9\"/>.".into(),
            // Keeps everything: taken.
            t => t
                .replace("Call", "Ring til")
                .replace("today", "i dag")
                .replace("now", "nu"),
        })
    });
    let env = markup_env(&stub);
    let before = env.read("postings/da/career/a.md");
    let out = env.tolk("en", &["mt"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let o = &out.stdout;
    for expected in [
        "da: postings/en/career/a.md:9: segment h1.p2 left as it was: the answer dropped the markup <x id=\"2\"/>",
        "da: postings/en/career/a.md:11: segment h1.p3 left as it was: the answer repeats the markup <x id=\"1\"/>",
        "da: postings/en/career/a.md:13: segment h1.p4 left as it was: the answer fails a content check (script",
        "da: postings/en/career/a.md:17: segment h1.p6 left as it was: the answer has markup the segment has not: <x id=\"9\"/>",
        "wrote 1 into 1 file",
        "4 left as they were",
    ] {
        assert!(o.contains(expected), "{expected}\n{o}");
    }
    let after = env.read("postings/da/career/a.md");
    assert_eq!(
        added_lines(&before, &after),
        ["ai: true", "", "Ring til [us](/contact) i dag, **nu**."]
    );
    assert!(!after.contains("script"));
}

#[test]
fn deepl_gets_xml_with_tags_its_context_and_auth() {
    let stub = Stub::start(|req, _| {
        let body = req.json();
        let texts: Vec<serde_json::Value> = body["text"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                serde_json::json!({"detected_source_language": "EN",
                                        "text": format!("DA {}", t.as_str().unwrap())})
            })
            .collect();
        Response::json(serde_json::json!({ "translations": texts }))
    });
    let env = markup_env(&stub);
    let mut toml = env.read("tolk.toml");
    toml = toml.replace("provider = \"openai\"", "provider = \"deepl\"");
    toml.push_str("api_key_env = \"TOLK_TEST_KEY\"\ndeepl_glossary = { da = \"g-123\" }\n");
    env.write("tolk.toml", toml);
    env.write("glossary.toml", "keep = [\"Nordlys\"]\n");
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"Engineer\"\n---\n\n## About\n\nWe build clouds.\n\n\
         Nordlys & you: read [the terms](/terms).\n",
    );
    let out = tolk_with_env(env.path(), &[KEY], &["mt"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.path, "/v2/translate");
    assert_eq!(r.header("authorization"), Some("DeepL-Auth-Key sekret"));
    let body = r.json();
    assert_eq!(body["target_lang"], "DA");
    assert_eq!(body["source_lang"], "EN");
    assert_eq!(body["tag_handling"], "xml");
    assert_eq!(
        body["text"][0],
        "<x id=\"1\"/> &amp; you: read <x id=\"2\"/>the terms<x id=\"3\"/>."
    );
    assert!(body["context"].as_str().unwrap().contains("Engineer"));
    assert_eq!(body["glossary_id"], "g-123");
    assert!(
        env.read("postings/da/career/a.md")
            .contains("\nDA Nordlys & you: read [the terms](/terms).\n")
    );
}

#[test]
fn a_command_provider_reads_and_writes_json_lines() {
    let env = TestEnv::empty();
    env.write(
        "translate.py",
        "import json, sys\nfor line in sys.stdin:\n    s = json.loads(line)\n    \
         print(json.dumps({'id': s['id'], 'text': s['target_language'] + ': ' + s['text']}))\n",
    );
    let env2 = shipped();
    let mut toml = env2.read("tolk.toml");
    toml.push_str(&format!(
        "\n[mt]\nprovider = \"command\"\ncommand = [\"python3\", \"{}\"]\ntimeout = 20\n",
        env.path().join("translate.py").display()
    ));
    env2.write("tolk.toml", toml);
    let out = env2.tolk("en", &["mt", "--lang", "sv", "--lang", "nb"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("Sent 8 segments in 2 requests; wrote 2 into 2 files"),
        "{}",
        out.stdout
    );
    assert!(
        env2.read("postings/sv/career/cloud-engineer.md")
            .contains("- sv: Improve our deployment pipeline so that releases are boring.\n")
    );
    assert!(
        env2.read("postings/nb/career/cloud-engineer.md")
            .contains("- nb: Improve our deployment pipeline so that releases are boring.\n")
    );
}

#[test]
fn dry_run_counts_and_sends_and_writes_nothing() {
    let stub = Stub::start(|req, _| chat_answer(req, |t| t.to_string()));
    let env = openai_env(&stub, "price_per_million_tokens = 2.5\n");
    let db = std::fs::read(env.path().join("translations.db")).unwrap();
    let out = mt(&env, &["mt", "--dry-run", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .starts_with("da: 4 segments, 38 words, 202 characters, about "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("estimated cost: 0.00"),
        "{}",
        out.stdout
    );
    assert!(stub.requests().is_empty());
    assert_eq!(
        std::fs::read(env.path().join("translations.db")).unwrap(),
        db
    );
}

#[test]
fn front_matter_answers_with_quotes_colons_hashes_and_newlines_stay_valid() {
    let stub = Stub::start(|req, _| {
        chat_answer(req, |t| {
            if t.starts_with("Help us") {
                "Hjælp: \"os\" #1\nog mere".to_string()
            } else {
                format!("DA: {t}")
            }
        })
    });
    let env = openai_env(&stub, "replace = \"all\"\n");
    let out = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let rules = tolk::config::Rules::default();
    let p = tolk::posting::Posting::read(&env.path().join(DEMO), &rules).unwrap();
    let fm = p.front_matter.unwrap();
    let intro = fm.fields.iter().find(|f| f.path == "intro").unwrap();
    assert_eq!(intro.value, "Hjælp: \"os\" #1\nog mere");
    assert!(
        env.read(DEMO)
            .contains("intro: \"Hjælp: \\\"os\\\" #1\\nog mere\"\n")
    );
}

#[test]
fn review_approves_and_edits_and_takes_the_flag_off_when_done() {
    let stub = Stub::start(|req, _| chat_answer(req, |t| format!("DA: {t}")));
    let env = openai_env(&stub, "replace = \"all\"\n");
    assert_eq!(mt(&env, &["mt", "--lang", "da"]).code, 0);
    assert!(env.read(DEMO).contains("ai: true\n"));
    // Approve one, edit one, then stop: the review is taken up where it stopped.
    let out = crate::util::tolk_with_input(
        env.path(),
        "en",
        &["review", "--lang", "da"],
        Some("a\ne Deltag i vagtordningen, én uge ud af otte.\nq\n"),
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("4 machine translations to review"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Reviewed: 1 approved, 1 edited."),
        "{}",
        out.stdout
    );
    assert!(
        env.read(DEMO)
            .contains("- Deltag i vagtordningen, én uge ud af otte.\n")
    );
    let status = mt(&env, &["status", "--lang", "da"]);
    assert!(
        status.stdout.contains("2 machine translations to review"),
        "{}",
        status.stdout
    );
    let dump = mt(&env, &["dump"]).stdout;
    assert!(dump.contains("\"Deltag i vagtordningen, én uge ud af otte.\"\t<- \"Take part in the on-call rotation, one week in eight.\"\thuman translated *"), "{dump}");
    assert!(
        dump.contains("machine:openai/test-model reviewed translated *"),
        "{dump}"
    );

    // A person's edit in the file, then sync, counts as review too.
    let text = env.read(DEMO).replace(
        "DA: Improve our deployment pipeline so that releases are boring.",
        "Forbedre vores udrulning, så udgivelser bliver kedelige.",
    );
    env.write(DEMO, text);
    assert_eq!(mt(&env, &["sync"]).code, 0);
    let out =
        crate::util::tolk_with_input(env.path(), "en", &["review", "--lang", "da"], Some("a\n"));
    assert!(
        out.stdout.contains("1 machine translation to review"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("postings/da/career/cloud-engineer.md: everything reviewed, the machine-made flag is taken off"),
        "{}",
        out.stdout
    );
    assert!(!env.read(DEMO).contains("ai: true"));
    let status = mt(&env, &["status", "--lang", "da"]);
    assert!(!status.stdout.contains("to review"), "{}", status.stdout);
}

#[test]
fn a_site_file_marked_ai_is_recorded_as_machine_made_and_unreviewed() {
    let env = TestEnv::translated();
    let text =
        env.read("postings/sv/career/cloud-engineer.md")
            .replacen("---\n", "---\nai: true\n", 1);
    env.write("postings/sv/career/cloud-engineer.md", text);
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk("en", &["status", "--lang", "sv", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    for p in v["postings"].as_array().unwrap() {
        let unreviewed = p["unreviewed"].as_array().map_or(0, Vec::len);
        if p["path"] == "career/cloud-engineer.md" {
            // Every translated segment of the flagged file is the machine's, not reviewed.
            assert_eq!(
                unreviewed as u64,
                p["counts"]["current"].as_u64().unwrap(),
                "{p}"
            );
            assert!(unreviewed > 20);
        } else {
            assert_eq!(unreviewed, 0, "{p}");
        }
    }
    let dump = env.tolk("en", &["dump"]).stdout;
    assert!(dump.contains("machine:adopted unreviewed"), "{dump}");
}

#[test]
fn the_glossary_is_checked_on_every_translation() {
    let env = TestEnv::translated();
    env.write(
        "glossary.toml",
        "keep = [\"OpenStack\"]\n[[term]]\nsource = \"on-call\"\nforbid = { da = [\"vagtordningen\"] }\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let text = env
        .read(DEMO)
        .replace("vores OpenStack-platform", "vores platform");
    env.write(DEMO, text);
    let out = env.tolk("en", &["check", "--lang", "da"]);
    assert!(
        out.stdout
            .contains("segment h2.li1: “OpenStack” must stay as it is (glossary)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("segment h2.li3: “vagtordningen” is a translation the glossary forbids"),
        "{}",
        out.stdout
    );
    let bad = env.write("glossary.toml", "keep = [\"a\"]\n[[term]]\nsorce = \"x\"\n");
    let out = env.tolk("en", &["status"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("glossary.toml:3"),
        "{} {}",
        out.stderr,
        bad.display()
    );
}

#[test]
fn without_a_provider_mt_says_how_to_set_one_up() {
    let env = shipped();
    let out = env.tolk("en", &["mt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("[mt] in tolk.toml has no provider"),
        "{}",
        out.stderr
    );
    let out = env.tolk("da", &["mt"]);
    assert!(
        out.stderr.contains("[mt] i tolk.toml mangler provider"),
        "{}",
        out.stderr
    );
    let mut toml = env.read("tolk.toml");
    toml.push_str("\n[mt]\nprovider = \"deepl\"\nbase_url = \"http://127.0.0.1:9\"\napi_key_env = \"NOPE_KEY\"\n");
    env.write("tolk.toml", toml);
    let out = env.tolk("en", &["mt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("the environment variable NOPE_KEY (api_key_env) is not set"),
        "{}",
        out.stderr
    );
}

/// Every variant file of the workspace parses and has its English's shortcode skeleton.
fn every_page_sound(env: &TestEnv) {
    let rules = tolk::config::Rules::default();
    let en = tolk::posting::Posting::read(
        &env.path().join("postings/en/career/cloud-engineer.md"),
        &rules,
    )
    .unwrap();
    for lang in ["da", "sv", "nb"] {
        let p = env
            .path()
            .join(format!("postings/{lang}/career/cloud-engineer.md"));
        let v = tolk::posting::Posting::read(&p, &rules).unwrap();
        assert!(
            tolk::posting::skeleton_difference(&en.shortcode_skeleton(), &v.shortcode_skeleton())
                .is_none(),
            "{}",
            p.display()
        );
    }
}

/// `tolk mt` killed at moments spread over a run (one segment per request, each answered after
/// 150 ms): every file parses with the English's shortcodes and the memory opens after each
/// kill; a last run finishes, and no answer that was kept is asked for again.
#[test]
fn mt_killed_at_random_moments_stays_sound_and_a_rerun_sends_only_what_is_missing() {
    use std::process::{Command, Stdio};
    let stub = Stub::start(|req, _| {
        let mut r = chat_answer(req, |t| format!("MT: {t}"));
        r.delay = Duration::from_millis(150);
        r
    });
    let env = openai_env(&stub, "replace = \"all\"\nbatch = 1\nin_flight = 1\n");
    let mut seed: u64 = 0x5eed;
    let mut kills = 0;
    for _ in 0..6 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = Duration::from_millis(100 + (seed >> 40) % 900);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tolk"))
            .current_dir(env.path())
            .env_clear()
            .env("TOLK_UI_LANG", "en")
            .env(KEY.0, KEY.1)
            .args(["mt"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        every_page_sound(&env);
        let st = mt(&env, &["status"]);
        assert!(
            st.code == 0,
            "the memory or a file is broken after a kill: {}",
            st.all()
        );
    }
    let out = mt(&env, &["mt"]);
    assert_eq!(out.code, 0, "{}", out.all());
    every_page_sound(&env);
    let status = mt(&env, &["status", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    for p in v["postings"].as_array().unwrap() {
        assert_eq!(p["state"], "current", "{p}");
    }
    // 12 segments to do (4 in each language); each kill can lose at most the one request in
    // flight, so at most 12 + kills requests were made in all.
    let requests = stub.requests().len();
    eprintln!("killed tolk mt {kills} times mid-run; {requests} requests in all for 12 segments");
    assert!(kills >= 2, "only {kills} kills landed mid-run");
    assert!(
        requests <= 12 + kills,
        "{requests} requests for 12 segments and {kills} kills"
    );
}

/// The real history scenarios: exactly the stale and untranslated segments are sent, and every
/// other byte of every translation stays as it was.
#[test]
fn on_the_real_scenarios_exactly_the_segments_to_do_are_sent_and_nothing_else_moves() {
    let scenarios = crate::scenarios::scenarios();
    if scenarios.is_empty() {
        crate::util::require_shared(std::path::Path::new("../shared/corpus"));
        return;
    }
    let rules = tolk::config::Rules::default();
    let split = |text: &str| {
        let p =
            tolk::posting::Posting::parse(std::path::Path::new("x.md"), text.to_string(), &rules)
                .unwrap();
        tolk::segment::split(&p, &rules)
    };
    for (dir, s) in &scenarios {
        let Some((_, _, env)) = crate::scenarios::edited(&s.id) else {
            continue;
        };
        let stub = Stub::start(|req, _| chat_answer(req, |t| format!("MT {t}")));
        env.write(
            "tolk.toml",
            format!(
                "[mt]\nprovider = \"openai\"\nbase_url = \"{}\"\nmodel = \"m\"\nreplace = \"all\"\n\
                 timeout = 20\nbatch = 50\n",
                stub.url
            ),
        );
        // mt syncs first, and a sync carries link and code changes into the translations (as
        // `tolk sync` does): the bytes to compare with are those after it.
        assert_eq!(env.tolk("en", &["sync"]).code, 0);
        let report = crate::scenarios::status_json(&env);
        let before: Vec<(String, String)> = s
            .languages
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    env.read(&format!("postings/{l}/{}", crate::scenarios::PAGE)),
                )
            })
            .collect();
        let out = env.tolk("en", &["mt"]);
        assert!(out.code == 0 || out.code == 1, "{}: {}", s.id, out.all());
        let mut sent: Vec<(String, String)> = Vec::new();
        for r in stub.requests() {
            let body = r.json();
            let user: serde_json::Value =
                serde_json::from_str(body["messages"][1]["content"].as_str().unwrap()).unwrap();
            let lang = user["target_language"].as_str().unwrap().to_string();
            for seg in user["segments"].as_array().unwrap() {
                sent.push((lang.clone(), seg["id"].to_string()));
            }
        }
        for (lang, old) in &before {
            let p = report["postings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["lang"] == lang.as_str())
                .unwrap();
            let todo: Vec<String> = p["segments"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|x| x["state"] == "stale" || x["state"] == "untranslated")
                .map(|x| x["key"].as_str().unwrap().to_string())
                .collect();
            // A page whose shortcodes no longer nest as the English's cannot take any answer
            // (scenario 07 rewrote its English around new shortcodes): nothing of it is sent
            // (nothing paid for what could not be written), and each segment is named.
            let parse = |t: &str| {
                tolk::posting::Posting::parse(std::path::Path::new("x.md"), t.to_string(), &rules)
                    .unwrap()
            };
            let english_now = parse(&env.read(&format!("postings/en/{}", crate::scenarios::PAGE)));
            let old_page = parse(old);
            let takes_none = tolk::posting::skeleton_difference(
                &english_now.shortcode_skeleton(),
                &old_page.shortcode_skeleton(),
            )
            .is_some();
            let n_sent = sent.iter().filter(|(l, _)| l == lang).count();
            assert_eq!(
                n_sent,
                if takes_none { 0 } else { todo.len() },
                "{} {lang}: sent {n_sent} for {todo:?}",
                s.id
            );
            // Said once for the page, with how many of its segments it left (one by itself).
            let said = match todo.len() {
                1 => format!(
                    "segment {} left as it was: postings/{lang}/{}:",
                    todo[0],
                    crate::scenarios::PAGE
                ),
                n => format!(
                    "{lang}: {n} segments of postings/en/{page} left as they were: \
                     postings/{lang}/{page}:",
                    page = crate::scenarios::PAGE
                ),
            };
            if takes_none && !todo.is_empty() {
                let lines: Vec<&str> = out.stdout.lines().filter(|l| l.contains(&said)).collect();
                assert_eq!(lines.len(), 1, "{} {lang}: {said:?} in {}", s.id, out.all());
                assert!(
                    lines[0].contains("its shortcodes do not nest as the English's (call "),
                    "{}",
                    lines[0]
                );
            }
            // Put back the old text of every segment the run replaced: the old file again,
            // but for the lines it inserted (new segments) and the machine-made flag.
            let new = env.read(&format!("postings/{lang}/{}", crate::scenarios::PAGE));
            // Every page written parses again with the English's shortcode skeleton.
            if new != *old {
                let page = |t: &str| {
                    tolk::posting::Posting::parse(
                        std::path::Path::new("x.md"),
                        t.to_string(),
                        &rules,
                    )
                    .unwrap()
                };
                let english = page(&env.read(&format!("postings/en/{}", crate::scenarios::PAGE)));
                assert!(
                    tolk::posting::skeleton_difference(
                        &english.shortcode_skeleton(),
                        &page(&new).shortcode_skeleton()
                    )
                    .is_none(),
                    "{} {lang}: the page written lost the English's shortcode skeleton",
                    s.id
                );
            }
            let old_segs = split(old);
            let new_segs = split(&new);
            let back = tolk::segment::splice(&new, &new_segs, |seg| {
                if !seg.text.starts_with("MT ") {
                    return None;
                }
                old_segs
                    .iter()
                    .find(|o| o.key == seg.key && todo.contains(&o.key))
                    .map(|o| o.text.clone())
            });
            // Added lines are the machine's answers, or skeleton that came with an inserted
            // segment from today's English (a new front matter key's URL beside its name).
            let english = env.read(&format!("postings/en/{}", crate::scenarios::PAGE));
            for l in added_lines(old, &back) {
                assert!(
                    l.contains("MT ")
                        || l.trim().is_empty()
                        || l == "ai: true"
                        || english.lines().any(|e| e == l),
                    "{} {lang}: a line that is not a machine answer moved: {l:?} ({})",
                    s.id,
                    dir.display()
                );
            }
            assert!(
                !takes_none || new == *old,
                "{} {lang}: a page that takes no answer was written",
                s.id
            );
        }
    }
}

#[test]
fn a_missing_translation_is_made_from_the_memory_and_the_rest_sent_within_the_limit() {
    let stub = Stub::start(|req, _| chat_answer(req, |t| format!("SV: {t}")));
    let env = openai_env(&stub, "");
    // A new posting: its "Apply now" and "About us" are in the memory, the rest is new.
    env.write(
        "postings/en/career/new-role.md",
        "---\nTitle: \"Data Engineer\"\nsidebarlinkname: \"Apply now\"\n---\n\n## About us\n\n\
         We move data.\n\n## What you will do\n\n- Build pipelines.\n- Keep them fast.\n- Sleep well.\n",
    );
    let out = mt(
        &env,
        &[
            "mt",
            "career/new-role.md",
            "--lang",
            "sv",
            "--max-segments",
            "3",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains(
            "postings/sv/career/new-role.md: created from the memory, the rest to translate"
        ),
        "{}",
        out.stdout
    );
    let sent: usize = stub.requests().iter().map(|r| chat_segments(r).len()).sum();
    assert_eq!(sent, 3);
    assert!(
        out.stdout
            .contains("Sent 3 segments in 1 request; wrote 3 into 1 file"),
        "{}",
        out.stdout
    );
    let file = env.read("postings/sv/career/new-role.md");
    assert!(file.contains("sidebarlinkname: \"Ansök nu\""), "{file}");
    assert!(file.contains("## Om oss"), "{file}");
    assert_eq!(file.matches("SV: ").count(), 3, "{file}");
    assert!(file.contains("ai: true"), "{file}");
    // The rest is sent by the next run.
    let out = mt(&env, &["mt", "career/new-role.md", "--lang", "sv"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let file = env.read("postings/sv/career/new-role.md");
    assert!(
        !file.contains("Sleep well.\n") || file.contains("SV: Sleep well."),
        "{file}"
    );
    let st = mt(&env, &["status", "career/new-role.md", "--lang", "sv"]);
    assert!(st.stdout.contains("sv: 100% current"), "{}", st.stdout);
}

#[test]
fn an_answer_slower_than_the_timeout_is_given_up_and_named() {
    let stub = Stub::start(|req, _| {
        let mut r = chat_answer(req, |t| format!("DA: {t}"));
        r.delay = Duration::from_secs(3);
        r
    });
    let env = openai_env(&stub, "tries = 1\n");
    let toml = env.read("tolk.toml").replace("timeout = 10", "timeout = 1");
    env.write("tolk.toml", toml);
    let before = env.read(DEMO);
    let started = std::time::Instant::now();
    let out = mt(&env, &["mt", "--lang", "da"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "it waited for the slow answer"
    );
    assert!(
        out.stderr.contains("the provider did not answer"),
        "{}",
        out.stderr
    );
    assert_eq!(env.read(DEMO), before);
}

/// An English posting that cannot be read is named once, as status names it (file, line, why,
/// in the UI's language), by `mt` and by `extract`, which go on with the other postings.
#[test]
fn an_unreadable_english_is_named_once_in_the_ui_language() {
    let stub = Stub::start(|req, _| chat_answer(req, |t| format!("ÆØ {t}")));
    let env = openai_env(&stub, "");
    let sre = "postings/en/career/site-reliability-engineer.md";
    let text = env.read(sre);
    env.write(
        sre,
        text.replacen("Team: \"Platform\"", "Team: [Platform", 1),
    );
    let named = |ui: &str| match ui {
        "da" => format!("fejl: {sre}:5: ugyldig YAML-front matter:"),
        _ => format!("error: {sre}:5: invalid YAML front matter:"),
    };
    for (ui, args) in [
        ("en", vec!["mt", "--lang", "da"]),
        ("da", vec!["mt", "--dry-run"]),
        (
            "da",
            vec!["extract", "--format", "po", "--lang", "sv", "--out", "p.po"],
        ),
        (
            "en",
            vec![
                "extract", "--format", "xliff", "--lang", "nb", "--out", "p.xlf",
            ],
        ),
    ] {
        let mut all = vec!["--ui-lang", ui];
        all.extend(&args);
        let out = mt(&env, &all);
        assert_eq!(out.code, 2, "{args:?}: {}", out.all());
        assert_eq!(
            out.stderr.matches(&named(ui)).count(),
            1,
            "{args:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("FrontMatter("), "{}", out.stderr);
    }
    // The others went on: the demo posting's segments were sent and its package written.
    assert!(!stub.requests().is_empty());
    assert!(
        env.read("p.po")
            .contains("msgctxt \"career/cloud-engineer.md#")
    );
}

/// `danish_pair` with a command provider that answers `DA: ` and the English.
fn danish_pair_with_mt(english: &str, danish: &str) -> TestEnv {
    let env = TestEnv::danish_pair(english, danish);
    env.write(
        "translate.py",
        "import json, sys\nfor line in sys.stdin:\n    s = json.loads(line)\n    \
         print(json.dumps({'id': s['id'], 'text': 'DA: ' + s['text']}), flush=True)\n",
    );
    env.write(
        "tolk.toml",
        "targets = [\"da\"]\n\n[mt]\nprovider = \"command\"\ncommand = [\"python3\", \"translate.py\"]\ntimeout = 20\n",
    );
    env
}

/// A nested front matter value the translation lacks goes into the mapping or table that
/// holds its parent, and a top-level key in TOML before the first table. It was put after
/// the nearest translated value with the English lines between: in YAML a second `params:`
/// and `date:` (Hugo keeps the last `params`, so the page lost the one written); in TOML the
/// new `description` and the `ai` mark went into `[menu.main]`. tolk said it wrote them, status
/// still called them untranslated, and the next `tolk mt` wrote them again.
#[test]
fn a_nested_front_matter_value_goes_into_its_parent() {
    let cases = [
        (
            "---\ntitle: \"Engineer\"\ndate: 2024-01-01\nparams:\n  intro: \"Join us\"\n  team: \"Ops\"\n---\n\nWe build clouds.\n",
            "---\ntitle: \"Ingeniør\"\ndate: 2024-01-01\nparams:\n  team: \"Drift\"\n---\n\nVi bygger skyer.\n",
            "---\ntitle: \"Ingeniør\"\ndate: 2024-01-01\nparams:\n  team: \"Drift\"\n  intro: \"DA: Join us\"\nai: true\n---\n\nVi bygger skyer.\n",
        ),
        (
            "---\ntitle: \"Engineer\"\nparams:\n  hero:\n    intro: \"Join us\"\n    team: \"Ops\"\n---\n\nWe build clouds.\n",
            "---\ntitle: \"Ingeniør\"\n---\n\nVi bygger skyer.\n",
            "---\ntitle: \"Ingeniør\"\nparams:\n  hero:\n    intro: \"DA: Join us\"\n    team: \"DA: Ops\"\nai: true\n---\n\nVi bygger skyer.\n",
        ),
        (
            "+++\ntitle = \"Engineer\"\ndescription = \"Build\"\n[params]\nintro = \"Join us\"\nteam = \"Ops\"\n[menu.main]\nweight = 3\n+++\n\nWe build clouds.\n",
            "+++\ntitle = \"Ingeniør\"\n[params]\nteam = \"Drift\"\n[menu.main]\nweight = 3\n+++\n\nVi bygger skyer.\n",
            "+++\ntitle = \"Ingeniør\"\ndescription = \"DA: Build\"\nai = true\n[params]\nteam = \"Drift\"\nintro = \"DA: Join us\"\n[menu.main]\nweight = 3\n+++\n\nVi bygger skyer.\n",
        ),
        (
            "{\n  \"title\": \"Engineer\",\n  \"params\": {\"intro\": \"Join us\", \"team\": \"Ops\"}\n}\n\nWe build clouds.\n",
            "{\n  \"title\": \"Ingeniør\",\n  \"params\": {\"team\": \"Drift\"}\n}\n\nVi bygger skyer.\n",
            "{\n  \"title\": \"Ingeniør\",\n  \"params\": {\"team\": \"Drift\", \"intro\": \"DA: Join us\"},\n  \"ai\": true\n}\n\nVi bygger skyer.\n",
        ),
    ];
    for (english, danish, expected) in cases {
        let env = danish_pair_with_mt(english, danish);
        let out = env.tolk("en", &["mt", "--lang", "da"]);
        assert_eq!(out.code, 0, "{}", out.all());
        assert_eq!(
            env.read("postings/da/career/a.md"),
            expected,
            "{}",
            out.all()
        );
        let status = env.tolk("en", &["status", "--lang", "da"]);
        assert!(!status.all().contains("given again"), "{}", status.all());
        assert!(
            status.stdout.contains("da: 100% current"),
            "{}",
            status.all()
        );
        let again = env.tolk("en", &["mt", "--lang", "da"]);
        assert!(
            again.stdout.contains("wrote 0 into 0 files"),
            "{}",
            again.all()
        );
        assert_eq!(env.read("postings/da/career/a.md"), expected);
    }
}

/// A value whose parent the translation writes in a way tolk does not write into (a flow
/// mapping) is refused by name, in the UI's language, and the page is left as it was: it was
/// said to be written while the page did not hold it.
#[test]
fn a_value_the_page_would_not_hold_is_refused_by_name() {
    let danish = "---\ntitle: \"Ingeniør\"\nparams: {team: \"Drift\"}\n---\n\nVi bygger skyer.\n";
    let env = danish_pair_with_mt(
        "---\ntitle: \"Engineer\"\nparams:\n  intro: \"Join us\"\n  team: \"Ops\"\n---\n\nWe build clouds.\n",
        danish,
    );
    let out = env.tolk("da", &["mt", "--lang", "da"]);
    // As for any answer left (a hostile one, say).
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.all().contains("segmentet fm.params.intro er uændret")
            && out
                .all()
                .contains("siden ville ikke rumme fm.params.intro dér, hvor Hugo læser det"),
        "{}",
        out.all()
    );
    assert_eq!(env.read("postings/da/career/a.md"), danish);
}

/// A translation with a code fence after prose (`Kør dette:```bash`, as a whole-page LLM
/// translation writes it) is read by Hugo as code from there on, and its blocks no longer say
/// which English block they translate: answers went into it anyway, some of them inside the
/// code block. Nothing is sent or written for it now, and the line to mend is named; once it
/// is mended, the answers go in and are held.
#[test]
fn a_page_with_a_code_fence_after_prose_is_not_written_into() {
    let danish = "---\ntitle: \"Ingeniør\"\n---\n\nKør dette:```bash\nmake\n```\n\nVi bygger skyer.\n\n## Hold\n";
    let env = danish_pair_with_mt(
        "---\ntitle: \"Engineer\"\n---\n\nRun this:\n\n```bash\nmake\n```\n\nWe build clouds.\n\n## Teams\n\nMore text.\n",
        danish,
    );
    // The dry run says so before anything is paid for, in the UI's language.
    let dry = env.tolk("en", &["mt", "--lang", "da", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        dry.stdout.contains(
            "da: 4 segments of postings/en/career/a.md would not be sent: \
             postings/da/career/a.md:5 has a code fence after prose"
        ),
        "{}",
        dry.all()
    );
    assert!(
        !dry.stdout.contains("Nothing to translate"),
        "{}",
        dry.all()
    );
    let dry = env.tolk("da", &["mt", "--lang", "da", "--dry-run"]);
    assert!(
        dry.stdout
            .contains("da: 4 segmenter fra postings/en/career/a.md ville ikke blive sendt: "),
        "{}",
        dry.all()
    );
    let out = env.tolk("en", &["mt", "--lang", "da"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.all().contains(
            "postings/da/career/a.md:5 has a code fence after prose, so Hugo reads the page's text as code"
        ),
        "{}",
        out.all()
    );
    // Said once for the page, not once for each of its segments.
    assert_eq!(
        out.stdout
            .matches("da: 4 segments of postings/en/career/a.md left as they were: postings/da/career/a.md:5 has a code fence")
            .count(),
        1,
        "{}",
        out.all()
    );
    assert!(!out.stdout.contains("left as it was"), "{}", out.all());
    // Nothing is sent: nothing paid for what could not be written.
    assert!(
        out.stdout.contains("Sent 0 segments in 0 requests"),
        "{}",
        out.all()
    );
    assert_eq!(env.read("postings/da/career/a.md"), danish);
    env.write(
        "postings/da/career/a.md",
        danish.replace("Kør dette:```bash", "Kør dette:\n\n```bash"),
    );
    let out = env.tolk("en", &["mt", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        env.read("postings/da/career/a.md"),
        "---\ntitle: \"Ingeniør\"\nai: true\n---\n\nKør dette:\n\n```bash\nmake\n```\n\nVi bygger skyer.\n\n## Hold\n\nDA: More text.\n"
    );
    let status = env.tolk("en", &["status", "--lang", "da"]);
    assert!(
        status.stdout.contains("da: 100% current"),
        "{}",
        status.all()
    );
}

/// A page whose shortcodes do not nest as the English's is named with the line of the call
/// where they part and what each has there, in the UI's language.
#[test]
fn a_page_whose_shortcodes_part_is_named_by_the_line_to_mend() {
    let env = danish_pair_with_mt(
        "---\ntitle: \"Engineer\"\n---\n\n{{< card >}}\n\nWe build clouds.\n\nMore text.\n",
        "---\ntitle: \"Ingeniør\"\n---\n\n{{< box >}}\n\nVi bygger skyer.\n",
    );
    let dry = env.tolk("en", &["mt", "--lang", "da", "--dry-run"]);
    assert!(
        dry.stdout.contains(
            "da: 1 segment of postings/en/career/a.md would not be sent: postings/da/career/a.md:5: \
             its shortcodes do not nest as the English's (call 1: the English has {{< card >}}, \
             the page {{< box >}})"
        ),
        "{}",
        dry.all()
    );
    let out = env.tolk("nb", &["mt", "--lang", "da"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "postings/da/career/a.md:5: kortkodene er ikke nøstet som på den engelske siden \
             (kall 1: den engelske har {{< card >}}, siden {{< box >}})"
        ),
        "{}",
        out.all()
    );
}
