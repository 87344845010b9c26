//! `tolk translate` and `tolk new`: answers piped on stdin, and a real pseudo-terminal.

use std::time::Duration;

use tolk::config::Rules;
use tolk::posting::Posting;
use tolk::segment;

use crate::scenarios::{PAGE, status_json};
use crate::util::{TestEnv, shipped, tolk_with_input};

fn segments_of(path: &std::path::Path) -> Vec<segment::Segment> {
    let rules = Rules::default();
    segment::split(&Posting::read(path, &rules).unwrap(), &rules)
}

/// Scenario 08 (a product rename in 14 segments): piped answers type the real translators'
/// texts; the file ends up equal to theirs byte for byte, and everything is current.
#[test]
fn piped_answers_reproduce_the_gold_translation() {
    let Some((dir, _, env)) = crate::scenarios::edited("08-") else {
        return;
    };
    for lang in ["da", "sv", "nb"] {
        let report = status_json(&env);
        let p = report["postings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["lang"] == lang)
            .unwrap();
        let old = segments_of(&dir.join(format!("{lang}.old.md")));
        let gold = segments_of(&dir.join(format!("{lang}.new.md")));
        assert_eq!(old.len(), gold.len());
        let mut answers = String::new();
        for seg in p["segments"].as_array().unwrap() {
            assert_eq!(seg["state"], "stale", "{seg}");
            let line = seg["translation_line"].as_u64().unwrap() as usize;
            let k = old.iter().position(|o| o.line == line).unwrap();
            if gold[k].text == old[k].text {
                answers.push_str("k\n");
            } else {
                answers.push_str(&format!("e {}\n", gold[k].text.replace('\n', "\\n")));
            }
        }
        let out = tolk_with_input(
            env.path(),
            "en",
            &["translate", PAGE, "--lang", lang],
            Some(&answers),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout
                .contains("nothing left to translate (14 answered)"),
            "{}",
            out.stdout
        );
        let ours = env.read(&format!("postings/{lang}/{PAGE}"));
        let theirs = std::fs::read_to_string(dir.join(format!("{lang}.new.md"))).unwrap();
        assert!(
            ours == theirs,
            "{lang}: the file differs from the translators' own"
        );
        let p = &status_json(&env)["postings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["lang"] == lang)
            .unwrap()
            .clone();
        assert_eq!(p["state"], "current", "{p:#}");
    }
}

/// Quitting keeps what was answered; skipping leaves a segment for next time; a suggestion is
/// taken by its number; an untranslated segment is inserted where the English has it.
#[test]
fn piped_answers_skip_take_and_quit() {
    let env = shipped();
    let out = env.tolk_input(
        "sv",
        &["translate", "career/cloud-engineer.md", "--lang", "sv"],
        "s\ne En vecka av åtta i jourschemat.\nq\n",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("4 segment kvar"));
    let file = env.read("postings/sv/career/cloud-engineer.md");
    assert!(
        file.contains("\n- En vecka av åtta i jourschemat.\n"),
        "{file}"
    );
    // Next time: the skipped one first, then the untranslated one, by suggestion.
    let out = env.tolk_input(
        "en",
        &["translate", "career/cloud-engineer.md", "--lang", "sv"],
        "k\n1\nq\n",
    );
    assert!(
        out.stdout
            .starts_with("3 segments to go\npostings/sv/career/cloud-engineer.md:3  fm.intro"),
        "{}",
        out.stdout
    );
    let file = env.read("postings/sv/career/cloud-engineer.md");
    assert!(file.contains("- Hjälpa kunder att flytta sina arbetslaster till vårt moln.\n- Förbättra vår driftsättningskedja så att releaser blir tråkiga.\n"), "{file}");
    let report = crate::scenarios::status_json(&env);
    let sv = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lang"] == "sv" && p["path"] == "career/cloud-engineer.md")
        .unwrap();
    assert_eq!(
        (
            sv["counts"]["stale"].as_u64(),
            sv["counts"]["untranslated"].as_u64()
        ),
        (Some(1), Some(0)),
        "{sv:#}"
    );
}

/// `tolk new`: a new posting that shares paragraphs with the others starts mostly filled; what
/// the memory does not know stays English and is listed as untranslated until translated.
#[test]
fn new_fills_exact_matches_and_leaves_the_rest() {
    let env = TestEnv::translated();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let sre = env.read("postings/en/career/site-reliability-engineer.md");
    let role = sre
        .replace("Site Reliability Engineer", "Network Engineer")
        .replace(
            "- Define service level objectives together with the product teams.",
            "- Run our BGP network across three data centres.",
        );
    env.write("postings/en/career/network-engineer.md", role);
    let out = env.tolk("da", &["new", "career/network-engineer.md", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("Oprettede postings/da/career/network-engineer.md: 31 segmenter fra hukommelsen, 3 tilbage på engelsk."), "{}", out.stdout);
    // The English's language key names the new translation's language.
    let created = env.read("postings/da/career/network-engineer.md");
    assert!(created.contains("\nlanguage: \"da\"\n"), "{created}");
    assert!(!created.contains("\"en\""), "{created}");
    let report = status_json(&env);
    let p = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lang"] == "da" && p["path"] == "career/network-engineer.md")
        .unwrap();
    assert_eq!(p["counts"]["untranslated"], 3, "{p:#}");
    let untranslated: Vec<&str> = p["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert!(untranslated.contains(&"Run our BGP network across three data centres."));
    // Translating one in place makes it current.
    let out = env.tolk_input(
        "en",
        &["translate", "career/network-engineer.md", "--lang", "da"],
        "s\ns\ne Drive vores BGP-netværk på tværs af tre datacentre.\n",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = status_json(&env);
    let p = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lang"] == "da" && p["path"] == "career/network-engineer.md")
        .unwrap();
    assert_eq!(p["counts"]["untranslated"], 2, "{p:#}");
    assert!(
        env.read("postings/da/career/network-engineer.md")
            .contains("- Drive vores BGP-netværk på tværs af tre datacentre.\n")
    );
}

/// A person at a real terminal: start, answer two segments (one edited in the line editor
/// with the current text filled in, one by suggestion), quit; start again: it resumes at the
/// third, and the file holds both answers.
#[test]
fn a_pseudo_terminal_session_resumes_where_it_stopped() {
    use expectrl::{Eof, Session};
    let env = shipped();
    let start = || {
        let args = ["translate", "career/cloud-engineer.md", "--lang", "nb"];
        let cmd = crate::util::terminal_command(env.path(), &args);
        let mut s = Session::spawn(cmd).expect("a pseudo-terminal");
        s.set_expect_timeout(Some(Duration::from_secs(20)));
        s
    };
    let mut s = start();
    s.expect("4 segments to go").unwrap();
    s.expect("quit:").unwrap();
    s.send("k\r").unwrap();
    s.expect("3 segments to go").unwrap();
    s.expect("quit:").unwrap();
    s.send("e\r").unwrap();
    s.expect("New text:").unwrap();
    // The line editor holds the current translation: go to its start and change "seks" by
    // deleting to the end and typing the rest.
    s.send("\x01").unwrap(); // Ctrl-A: start of line
    s.send("\x0b").unwrap(); // Ctrl-K: delete to the end
    s.send("Delta i vaktordningen, én uke av åtte.\r").unwrap();
    s.expect("2 segments to go").unwrap();
    s.expect("quit:").unwrap();
    s.send("q\r").unwrap();
    s.expect(Eof).unwrap();
    let file = env.read("postings/nb/career/cloud-engineer.md");
    assert!(
        file.contains("\n- Delta i vaktordningen, én uke av åtte.\n"),
        "{file}"
    );
    let mut s = start();
    s.expect("2 segments to go").unwrap();
    s.expect("after line 27  h2.li5  untranslated").unwrap();
    s.send("q\r").unwrap();
    s.expect(Eof).unwrap();
    let report = status_json(&env);
    let nb = report["postings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lang"] == "nb" && p["path"] == "career/cloud-engineer.md")
        .unwrap();
    assert_eq!(
        (
            nb["counts"]["stale"].as_u64(),
            nb["counts"]["untranslated"].as_u64()
        ),
        (Some(1), Some(1)),
        "{nb:#}"
    );
}

/// The content checks speak up at once when an answer drops a number or adds HTML.
#[test]
fn an_answer_that_drops_a_number_is_warned_about() {
    let env = shipped();
    let out = env.tolk_input(
        "en",
        &["translate", "career/cloud-engineer.md", "--lang", "da"],
        "s\ns\ns\ne Løn efter aftale\nq\n",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "warning: postings/da/career/cloud-engineer.md:39: segment h4.t1.r2c2: the number 60000 of the source is not in the translation\n\
         warning: postings/da/career/cloud-engineer.md:39: segment h4.t1.r2c2: the number 75000 of the source is not in the translation\n"
    );
    // sync says the same about translations it records.
    let en = "postings/sv/career/site-reliability-engineer.md";
    env.write(
        en,
        env.read(en).replace(
            "| 2 | En praktisk uppgift som du gör hemma | 2 timmar |",
            "| 2 | En praktisk uppgift som du gör hemma | två timmar |",
        ),
    );
    let out = env.tolk("en", &["sync"]);
    assert!(out.stderr.contains("postings/sv/career/site-reliability-engineer.md:40: segment h4.t1.r3c3: the number 2 of the source is not in the translation"), "{}", out.stderr);
}

/// A posting with no English (a path that is nowhere, or a translation whose English was
/// deleted) has nothing to be translated from: tolk says so in the UI's language, naming the
/// path, instead of reporting nothing left to translate.
#[test]
fn a_posting_without_its_english_is_named_as_such() {
    let env = TestEnv::translated();
    let old = env.read("postings/da/career/cloud-engineer.md");
    env.write("postings/da/career/orphan.md", &old);
    for (ui, said) in [
        ("en", "there is no source posting with this path"),
        ("da", "der er intet kildeopslag med denne sti"),
    ] {
        for path in ["career/nowhere.md", "career/orphan.md"] {
            let out = env.tolk_input(ui, &["translate", path, "--lang", "da"], "q\n");
            assert_eq!(out.code, 2, "{path}: {}", out.stdout);
            assert!(
                out.stderr.contains(path) && out.stderr.contains(said),
                "{ui} {path}: {}",
                out.stderr
            );
            assert!(!out.stdout.contains("nothing left"), "{}", out.stdout);
        }
    }
    // The orphan is left as it was.
    assert_eq!(env.read("postings/da/career/orphan.md"), old);
}

/// A front matter value the translation lacks is added as that key alone, in the translation's
/// front matter: not with the English's lines around it (a second `author`, and a
/// `language: "en"` that would make Hugo take the Danish page for an English one), only with
/// the English's values named for it: a link's name comes with its URL (the page would link to
/// nothing), the second link's URL with the second name only.
#[test]
fn a_missing_front_matter_value_is_added_as_its_key_alone() {
    let danish = "---\ntitle: \"Ingeniør\"\nauthor: \"Kari\"\nlanguage: \"da\"\ntoc: \"Indhold\"\n---\n\nHej.\n";
    let env = TestEnv::danish_pair(
        "---\ntitle: \"Engineer\"\nauthor: \"Kari\"\nlanguage: \"en\"\nsidebarlinkname: \"Explore Compute\"\nsidebarlinkurl: \"/compute/\"\nsidebarlinkname2: \"Compute docs\"\nsidebarlinkurl2: \"https://docs.example.com/compute/\"\nimage: \"/img/compute.png\"\ntoc: \"Contents\"\n---\n\nHello.\n",
        danish,
    );
    answer_da(&env, "e Udforsk Compute\ns\n");
    let first = danish.replace(
        "toc: \"Indhold\"\n",
        "toc: \"Indhold\"\nsidebarlinkname: \"Udforsk Compute\"\nsidebarlinkurl: \"/compute/\"\n",
    );
    assert_eq!(env.read("postings/da/career/a.md"), first);
    answer_da(&env, "e Compute-dokumentation\n");
    assert_eq!(
        env.read("postings/da/career/a.md"),
        first.replace(
            "---\n\nHej.",
            "sidebarlinkname2: \"Compute-dokumentation\"\nsidebarlinkurl2: \"https://docs.example.com/compute/\"\n---\n\nHej."
        )
    );
    all_current_da(&env);
}

/// A paragraph the English gained at the top of its body goes first in the translation's body.
/// It was put after the translation's last front matter value with the English skeleton
/// between that value and the paragraph: the closing `---` came after the paragraph, which
/// made it a heading (a setext underline), and status still called the page current. A page
/// written with CRLF gets CRLF in what is added.
#[test]
fn a_new_first_paragraph_goes_first_in_the_body() {
    for nl in ["\n", "\r\n"] {
        let crlf = |t: &str| t.replace('\n', nl);
        let danish = crlf("---\ntitle: \"Ingeniør\"\n---\n\nVi bygger skyer.\n");
        let env = TestEnv::danish_pair(
            "---\ntitle: \"Engineer\"\n---\n\nWe build clouds.\n",
            &danish,
        );
        env.write(
            "postings/en/career/a.md",
            "---\ntitle: \"Engineer\"\n---\n\nA new first paragraph.\n\nWe build clouds.\n",
        );
        answer_da(&env, "e Et nyt første afsnit.\n");
        assert_eq!(
            env.read("postings/da/career/a.md"),
            crlf("---\ntitle: \"Ingeniør\"\n---\n\nEt nyt første afsnit.\n\nVi bygger skyer.\n"),
            "{nl:?}"
        );
        let segments = env.tolk("en", &["segments", "postings/da/career/a.md"]);
        // Line 5, a paragraph (not a heading).
        let first: Vec<&str> = segments
            .stdout
            .lines()
            .find(|l| l.contains("Et nyt første afsnit."))
            .map(|l| l.split_whitespace().take(3).collect())
            .unwrap_or_default();
        assert_eq!(first, ["5", "top.p1", "paragraph"], "{}", segments.stdout);
        all_current_da(&env);
    }
}

/// An answer of two lines for a paragraph of a page written with CRLF is written with CRLF
/// (it was written with LF between its lines).
#[test]
fn an_answer_of_several_lines_takes_the_pages_line_breaks() {
    let env = TestEnv::danish_pair(
        "---\ntitle: \"E\"\n---\n\nFirst line\nsecond line.\n",
        "---\r\ntitle: \"D\"\r\n---\r\n\r\nFørste linje\r\nanden linje.\r\n",
    );
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"E\"\n---\n\nFirst line, changed\nsecond line.\n",
    );
    answer_da(&env, "e Første linje, ændret\\nanden linje.\n");
    assert_eq!(
        env.read("postings/da/career/a.md"),
        "---\r\ntitle: \"D\"\r\n---\r\n\r\nFørste linje, ændret\r\nanden linje.\r\n"
    );
}

/// An answer that would break the page (a shortcode end typed into a paragraph, a call Hugo
/// cannot read) is not written: tolk says why, in the UI's language, and asks for the same
/// segment again; the next answer is written.
#[test]
fn an_answer_that_would_break_the_page_is_asked_again() {
    let danish = "---\ntitle: \"Ingeniør\"\n---\n\n{{< note >}}\nTag en bærbar med.\n{{< /note >}}\n\nSig hej.\n";
    let env = TestEnv::danish_pair(
        "---\ntitle: \"Engineer\"\n---\n\n{{< note >}}\nBring a laptop.\n{{< /note >}}\n\nSay hello.\n",
        danish,
    );
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"Engineer\"\n---\n\n{{< note >}}\nBring a laptop and a charger.\n{{< /note >}}\n\nSay hello.\n",
    );
    let out = env.tolk_input(
        "da",
        &["translate", "career/a.md", "--lang", "da"],
        "e Tag en bærbar {{< /note >}} med.\ne Tag {{< x a:b >}} med.\ne Tag en bærbar og en oplader med.\n",
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr.contains(
            "fejl: postings/da/career/a.md: svaret er ikke skrevet: siden med svaret ville ikke kunne læses igen (postings/da/career/a.md:7: afsluttende shortcode “note” uden en åbnende)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "fejl: postings/da/career/a.md: svaret er ikke skrevet: siden med svaret ville ikke kunne læses igen (postings/da/career/a.md:6: Hugo kan ikke læse dette shortcode-kald: “:” uden for anførselstegn)"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stdout.matches("1 segment tilbage").count(),
        3,
        "{}",
        out.stdout
    );
    assert_eq!(
        env.read("postings/da/career/a.md"),
        danish.replace("Tag en bærbar med.", "Tag en bærbar og en oplader med.")
    );
}

/// Answers `career/a.md`'s segments in Danish at the terminal (`input`: one answer a line).
fn answer_da(env: &TestEnv, input: &str) {
    let out = env.tolk_input("en", &["translate", "career/a.md", "--lang", "da"], input);
    assert_eq!(out.code, 0, "{}", out.all());
}

/// The Danish is all current, and no segment is said to be given twice.
fn all_current_da(env: &TestEnv) {
    let status = env.tolk("en", &["status", "--lang", "da"]);
    assert!(!status.all().contains("given again"), "{}", status.all());
    assert!(
        status.stdout.contains("da: 100% current"),
        "{}",
        status.stdout
    );
}

/// At the terminal, a page with a code fence after prose takes no answer: the first answer
/// is refused with the line to mend, and the session ends (it asked for the same segment
/// again and again).
#[test]
fn a_page_with_a_code_fence_after_prose_ends_the_session() {
    let danish = "---\ntitle: \"Ingeniør\"\n---\n\nKør dette:```bash\nmake\n```\n";
    let env = TestEnv::danish_pair(
        "---\ntitle: \"Engineer\"\n---\n\nRun this:\n\n```bash\nmake\n```\n\nMore text.\n",
        danish,
    );
    let out = env.tolk_input(
        "en",
        &["translate", "career/a.md", "--lang", "da"],
        "e Mere tekst.\ne Mere tekst.\n",
    );
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(
        out.stderr
            .matches("postings/da/career/a.md:5 has a code fence after prose")
            .count(),
        1,
        "{}",
        out.all()
    );
    assert_eq!(env.read("postings/da/career/a.md"), danish);
}
