//! `tolk extract` and `tolk import`: XLIFF 1.2, PO and TMX out and back in, checked with the
//! real tools where they are installed (gettext's msgfmt, Translate Toolkit, OmegaT 3.6).

use std::path::Path;
use std::process::Command;

use crate::util::{TestEnv, have_tool as have, shipped};

const DEMO: &str = "postings/da/career/cloud-engineer.md";

fn memory(env: &TestEnv) -> Vec<u8> {
    std::fs::read(env.path().join("translations.db")).unwrap()
}

#[test]
fn an_xliff_package_goes_out_and_comes_back_translated() {
    let env = shipped();
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "xliff", "--lang", "da", "--out", "da.xlf",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        out.stdout,
        "Wrote da.xlf: 4 units (1 untranslated, 3 stale, 0 machine translations to review).\n"
    );
    let xlf = env.read("da.xlf");
    for expected in [
        "<trans-unit id=\"career/cloud-engineer.md#h2.li3\" resname=\"h2.li3\" restype=\"x-list-item\" xml:space=\"preserve\">",
        "<source>Take part in the on-call rotation, one week in eight.</source>",
        "<target state=\"needs-review-translation\">Deltage i vagtordningen, én uge ud af seks.</target>",
        "Translated from: Take part in the on-call rotation, one week in six.\nWhat changed: Take part in the on-call rotation, one week in [-six.-]{+eight.+}",
        "<note from=\"tolk\">Under: What you will do</note>",
        "<alt-trans match-quality=\"100\" origin=\"career/site-reliability-engineer.md\">",
        "<note>Title: Cloud Engineer</note>",
    ] {
        assert!(xlf.contains(expected), "{expected}\n{xlf}");
    }
    // What is out is not sent twice, and status says so.
    let again = env.tolk(
        "en",
        &[
            "extract",
            "--format",
            "xliff",
            "--lang",
            "da",
            "--out",
            "again.xlf",
        ],
    );
    assert!(
        again.stdout.starts_with("4 segments are out in a package already, not sent again (--again sends them).\nWrote again.xlf: 0 units"),
        "{}",
        again.stdout
    );
    let st = env.tolk("en", &["status", "--lang", "da"]);
    assert!(
        st.stdout
            .contains("4 segments out in a work package (tolk extract), not imported yet"),
        "{}",
        st.stdout
    );
    let json = env.tolk("en", &["status", "--lang", "da", "--format", "json"]);
    assert!(json.stdout.contains("\"in_package\": 4"), "{}", json.stdout);
    // The package as it went out changes nothing when it comes back.
    let before = (memory(&env), env.read(DEMO));
    let out = env.tolk("en", &["import", "da.xlf"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("4 not done yet, 0 refused"),
        "{}",
        out.stdout
    );
    assert_eq!((memory(&env), env.read(DEMO)), before);

    // A translator: confirms the intro as it is, retranslates the on-call line, translates the
    // new one, and leaves the salary for later.
    let done = xlf
        .replace(
            "<target state=\"needs-review-translation\">Hjælp os",
            "<target state=\"translated\">Hjælp os",
        )
        .replace(
            "<target state=\"needs-review-translation\">Deltage i vagtordningen, én uge ud af seks.</target>",
            "<target state=\"final\">Deltage i vagtordningen, én uge ud af otte.</target>",
        )
        .replace(
            "<source>Improve our deployment pipeline so that releases are boring.</source>",
            "<source>Improve our deployment pipeline so that releases are boring.</source>\n<target>Forbedre vores pipeline, så udgivelser bliver kedelige.</target>",
        );
    env.write("da-done.xlf", &done);
    let out = env.tolk("en", &["import", "da-done.xlf"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains(
            "Imported: 2 written, 1 confirmed as still correct, 0 machine translations approved, 0 unchanged, 1 not done yet, 0 refused."
        ),
        "{}",
        out.stdout
    );
    let file = env.read(DEMO);
    assert!(file.contains("- Deltage i vagtordningen, én uge ud af otte.\n"));
    assert!(file.contains("- Forbedre vores pipeline, så udgivelser bliver kedelige.\n"));
    let st = env.tolk("en", &["status", "--lang", "da"]);
    assert!(
        st.stdout
            .contains("da: 99% current, 1 stale segment, 0 untranslated"),
        "{}",
        st.stdout
    );
    let dump = env.tolk("en", &["dump"]).stdout;
    assert!(
        dump.contains("\"Forbedre vores pipeline, så udgivelser bliver kedelige.\"\t<- \"Improve our deployment pipeline so that releases are boring.\"\thuman translated *"),
        "{dump}"
    );
}

/// A posting whose English has markup in new segments.
fn markup_env() -> TestEnv {
    let env = TestEnv::empty();
    env.write("tolk.toml", "targets = [\"da\"]\n");
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"Engineer\"\n---\n\n## About\n\nWe build clouds.\n",
    );
    env.write(
        "postings/da/career/a.md",
        "---\ntitle: \"Ingeniør\"\n---\n\n## Om os\n\nVi bygger skyer.\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"Engineer\"\n---\n\n## About\n\nWe build clouds.\n\n\
         Read [the terms](/terms) first.\n\nRun `make` now.\n\nSay hello.\n",
    );
    env
}

#[test]
fn inline_tags_protect_markup_and_bad_units_are_refused_by_line() {
    let env = markup_env();
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "xliff", "--lang", "da", "--out", "p.xlf",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let xlf = env.read("p.xlf");
    assert!(
        xlf.contains(
            "<source>Read <ph id=\"1\">[</ph>the terms<ph id=\"2\">](/terms)</ph> first.</source>"
        ),
        "{xlf}"
    );
    assert!(
        xlf.contains("<source>Run <ph id=\"1\">`make`</ph> now.</source>"),
        "{xlf}"
    );
    let answer = |src: &str, target: &str| {
        format!("{src}\n        <target state=\"translated\">{target}</target>")
    };
    let done = xlf
        .replace(
            "<source>Read <ph id=\"1\">[</ph>the terms<ph id=\"2\">](/terms)</ph> first.</source>",
            &answer(
                "<source>Read <ph id=\"1\">[</ph>the terms<ph id=\"2\">](/terms)</ph> first.</source>",
                "Læs <ph id=\"1\">[</ph>vilkårene<ph id=\"2\">](/somewhere-else)</ph> først.",
            ),
        )
        .replace(
            "<source>Run <ph id=\"1\">`make`</ph> now.</source>",
            &answer("<source>Run <ph id=\"1\">`make`</ph> now.</source>", "Kør nu."),
        )
        .replace(
            "<source>Say hello.</source>",
            &answer("<source>Say hello.</source>", "Sig hej.&lt;script&gt;alert(1)&lt;/script&gt;"),
        );
    env.write("p-done.xlf", &done);
    let out = env.tolk("en", &["import", "p-done.xlf"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let line_of = |needle: &str| done.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for expected in [
        // The tag's bytes come from the English, whatever the file says inside it.
        "p-done.xlf:{}: unit career/a.md#h1.p3 refused: inline tag 1 is missing"
            .replace("{}", &line_of("id=\"career/a.md#h1.p3\"").to_string()),
        format!(
            "p-done.xlf:{}: unit career/a.md#h1.p4 refused: the translation fails a content check (script",
            line_of("id=\"career/a.md#h1.p4\"")
        ),
        "postings/da/career/a.md: 1 translation written".to_string(),
    ] {
        assert!(out.stdout.contains(&expected), "{expected}\n{}", out.stdout);
    }
    let file = env.read("postings/da/career/a.md");
    assert!(
        file.contains("\nLæs [vilkårene](/terms) først.\n"),
        "{file}"
    );
    assert!(!file.contains("script"));

    // The English changes after the export: that unit is refused as stale, named.
    let text = env
        .read("postings/en/career/a.md")
        .replace("Run `make` now.", "Run `make` today.");
    env.write("postings/en/career/a.md", text);
    let again = done.replace("Kør nu.", "Kør <ph id=\"1\">`make`</ph> nu.");
    env.write("p-again.xlf", &again);
    let out = env.tolk("en", &["import", "p-again.xlf"]);
    assert!(
        out.stdout.contains(
            "unit career/a.md#h1.p3 refused: the English changed since the package was made"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn broken_packages_are_refused_with_file_and_line_and_nothing_is_written() {
    let env = shipped();
    assert_eq!(
        env.tolk(
            "en",
            &[
                "extract", "--format", "xliff", "--lang", "da", "--out", "da.xlf"
            ]
        )
        .code,
        0
    );
    let xlf = env.read("da.xlf").replace(
        "<source>Improve our deployment pipeline so that releases are boring.</source>",
        "<source>Improve our deployment pipeline so that releases are boring.</source>\n<target>Forbedre.</target>",
    );
    let before = (memory(&env), env.read(DEMO));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not-xml.xlf",
            xlf.replace("</body>", "</bod>").into_bytes(),
            "not well-formed XML",
        ),
        (
            "v2.xlf",
            xlf.replace("version=\"1.2\"", "version=\"2.0\"")
                .into_bytes(),
            "version “2.0”",
        ),
        (
            "unknown.xlf",
            xlf.replace(
                "id=\"career/cloud-engineer.md#h2.li5\"",
                "id=\"elsewhere.md#h2.li5\"",
            )
            .into_bytes(),
            "unit “elsewhere.md#h2.li5” is no posting",
        ),
        (
            "dup.xlf",
            xlf.replace(
                "id=\"career/cloud-engineer.md#h2.li5\"",
                "id=\"career/cloud-engineer.md#h2.li3\"",
            )
            .into_bytes(),
            "is there twice",
        ),
        (
            "utf8.xlf",
            [xlf.as_bytes(), b"\n<!-- \xff -->\n"].concat(),
            "not UTF-8",
        ),
        (
            "plain.txt",
            b"hello".to_vec(),
            "neither XLIFF 1.2, PO nor TMX",
        ),
    ];
    for (name, bytes, message) in cases {
        env.write(name, bytes);
        let out = env.tolk("en", &["import", name]);
        assert_eq!(out.code, 2, "{name}: {}", out.all());
        assert!(
            out.stderr.starts_with(&format!("error: {name}:")) && out.stderr.contains(message),
            "{name}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("nothing imported"), "{}", out.stderr);
        assert_eq!(
            (memory(&env), env.read(DEMO)),
            before,
            "{name} changed something"
        );
    }
    let out = env.tolk("da", &["import", "plain.txt"]);
    assert!(
        out.stderr.contains("hverken XLIFF 1.2, PO eller TMX"),
        "{}",
        out.stderr
    );
}

/// A package answers the source as it was cut when the package was made. One made by a tolk
/// that did not protect footnote references yet (before 2c38017) numbers the tags of
/// `terms[^1] and [the docs](/docs)` 1 and 2 for the link, where today's cut numbers the
/// reference 1 and the link 2 and 3: its answers were refused unit by unit ("inline tag 3 is
/// missing"), and taken by today's numbers they would put the reference where the link goes.
/// They are read by the package's own cut, as long as it is a cut of the same English.
#[test]
fn a_package_made_before_a_change_of_what_is_protected_comes_back() {
    let env = TestEnv::empty();
    env.write("tolk.toml", "targets = [\"da\"]\n");
    let en = "---\ntitle: \"Engineer\"\n---\n\nSee the terms[^1] and [the docs](/docs).\n\n[^1]: Terms apply.\n";
    env.write("postings/en/a.md", en);
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "xliff", "--lang", "da", "--out", "p.xlf",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let today = "<source>See the terms<ph id=\"1\">[^1]</ph> and <ph id=\"2\">[</ph>the docs<ph id=\"3\">](/docs)</ph>.</source>";
    let xlf = env.read("p.xlf");
    assert!(xlf.contains(today), "{xlf}");
    let before = "<source>See the terms[^1] and <ph id=\"1\">[</ph>the docs<ph id=\"2\">](/docs)</ph>.</source>";
    let answer = "<target state=\"translated\">Se vilkårene[^1] og <ph id=\"1\">[</ph>dokumentationen<ph id=\"2\">](/docs)</ph>.</target>";
    // A cut whose tags are not numbered in order is not taken (by it, this answer would put
    // the link's end before its text): the unit is read by today's cut, where it does not fit.
    let swapped = before
        .replace("<ph id=\"1\">[</ph>", "<ph id=\"2\">[</ph>")
        .replace("<ph id=\"2\">](/docs)</ph>", "<ph id=\"1\">](/docs)</ph>");
    let forged = xlf.replace(today, &format!("{swapped}\n        {answer}"));
    env.write("forged.xlf", &forged);
    let out = env.tolk("en", &["import", "forged.xlf"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("refused: inline tag 3 is missing"),
        "{}",
        out.stdout
    );
    let old = xlf.replace(today, &format!("{before}\n        {answer}"));
    env.write("old.xlf", &old);
    let out = env.tolk("en", &["import", "old.xlf"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let da = env.read("postings/da/a.md");
    assert!(
        da.contains("\nSe vilkårene[^1] og [dokumentationen](/docs).\n"),
        "{da}"
    );
}

#[test]
fn a_po_package_is_valid_for_msgfmt_and_comes_back() {
    let env = shipped();
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "po", "--lang", "sv", "--out", "sv.po",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let po = env.read("sv.po");
    for expected in [
        "#, fuzzy\n#| msgid \"Take part in the on-call rotation, one week in six.\"\nmsgctxt \"career/cloud-engineer.md#h2.li3\"\nmsgid \"Take part in the on-call rotation, one week in eight.\"\nmsgstr \"Ingå i jourschemat, en vecka av sex.\"\n",
        "#: postings/en/career/cloud-engineer.md:26\n",
        "#. What changed: Take part in the on-call rotation, one week in [-six.-]{+eight.+}\n",
        "\"Language: sv\\n\"\n",
    ] {
        assert!(po.contains(expected), "{expected}\n{po}");
    }
    if have("msgfmt") {
        let o = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "sv.po"])
            .current_dir(env.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // Poedit's way: the translator edits msgstr and removes the fuzzy flag.
    let done = po
        .replacen("#, fuzzy\n#| msgid \"Take part", "#| msgid \"Take part", 1)
        .replace(
            "msgstr \"Ingå i jourschemat, en vecka av sex.\"",
            "msgstr \"Ingå i jourschemat, en vecka av åtta.\"",
        );
    env.write("sv-done.po", &done);
    let out = env.tolk("en", &["import", "sv-done.po"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Imported: 1 written"), "{}", out.stdout);
    assert!(
        env.read("postings/sv/career/cloud-engineer.md")
            .contains("- Ingå i jourschemat, en vecka av åtta.\n")
    );
}

/// A package is out; meanwhile a person changes the same translation in the file. The
/// translator's answer does not overwrite it: the unit is refused, named, and taken back (a new
/// package sends it again); the file keeps the person's text.
#[test]
fn a_translation_changed_since_the_package_was_made_is_not_overwritten() {
    let env = shipped();
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "po", "--lang", "sv", "--out", "sv.po",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let po = env.read("sv.po");
    let done = po
        .replacen("#, fuzzy\n#| msgid \"Take part", "#| msgid \"Take part", 1)
        .replace(
            "msgstr \"Ingå i jourschemat, en vecka av sex.\"",
            "msgstr \"Ingå i jourschemat, en vecka av åtta.\"",
        );
    env.write("sv-done.po", &done);
    // A colleague mends the same line in the file, and syncs.
    let sv = "postings/sv/career/cloud-engineer.md";
    env.write(
        sv,
        env.read(sv).replace(
            "- Ingå i jourschemat, en vecka av sex.\n",
            "- Ingå i jourschemat: en vecka av åtta.\n",
        ),
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk("en", &["import", "sv-done.po"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("unit career/cloud-engineer.md#h2.li3 refused: the translation in the file was changed since the package was made, and is not overwritten"),
        "{}",
        out.stdout
    );
    assert!(
        env.read(sv)
            .contains("- Ingå i jourschemat: en vecka av åtta.\n")
    );
    // Taken back, no longer out: a package of every segment has it, with the colleague's text
    // (now current: their edit was of today's English).
    let again = env.tolk(
        "en",
        &[
            "extract", "--format", "po", "--lang", "sv", "--all", "--out", "sv2.po",
        ],
    );
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(
        env.read("sv2.po")
            .contains("msgstr \"Ingå i jourschemat: en vecka av åtta.\""),
        "{}",
        env.read("sv2.po")
    );
}

/// A package for a posting that has no Swedish file yet: import makes the file as `tolk new`
/// does (the memory's exact matches filled in) and then writes every answer, over the memory's
/// matches too: nothing there was a person's since the package was made. Where someone ran
/// `tolk new` meanwhile, its English placeholders are replaced, and the matches it filled in
/// (a person's translations of the same English) are not overwritten without a word.
#[test]
fn a_variant_made_by_the_import_takes_every_answer() {
    let env = shipped();
    env.write(
        "postings/en/career/data-engineer.md",
        "---\ntitle: \"Data Engineer\"\n---\n\n## About us\n\nNordlys Cloud is a small cloud company with offices in Oslo, Stockholm and Copenhagen. We run our own data centres, build on open source, and keep our customers' data in the Nordics.\n\nYou build our data platform.\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk(
        "en",
        &[
            "extract",
            "--format",
            "po",
            "--lang",
            "sv",
            "--out",
            "sv.po",
            "career/data-engineer.md",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let po = env.read("sv.po");
    let mut n = 0;
    let filled: Vec<String> = po
        .split("\n\n")
        .map(|entry| {
            if entry.contains("msgctxt \"career/data-engineer.md#") {
                n += 1;
                entry.replace("msgstr \"\"", &format!("msgstr \"Svar {n}\""))
            } else {
                entry.to_string()
            }
        })
        .collect();
    assert_eq!(n, 4, "{po}");
    env.write("sv-done.po", filled.join("\n\n"));
    let copy = TestEnv::empty();
    let before = copy.path().to_path_buf();
    crate::util::copy_dir(env.path(), &before);
    let out = env.tolk("en", &["import", "sv-done.po"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Imported: 4 written"), "{}", out.stdout);
    let sv = env.read("postings/sv/career/data-engineer.md");
    for k in 1..=4 {
        assert!(sv.contains(&format!("Svar {k}")), "{sv}");
    }
    let new = crate::util::tolk(
        &before,
        "en",
        &["new", "career/data-engineer.md", "--lang", "sv"],
    );
    assert_eq!(new.code, 0, "{}", new.all());
    let out = crate::util::tolk(&before, "en", &["import", "sv-done.po"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("Imported: 2 written")
            && out.stdout.contains("unit career/data-engineer.md#h1.p1 refused: the translation in the file was changed since the package was made"),
        "{}",
        out.stdout
    );
    let sv = std::fs::read_to_string(before.join("postings/sv/career/data-engineer.md")).unwrap();
    assert!(
        sv.contains("Svar 4") && !sv.contains("You build our data platform."),
        "{sv}"
    );
    assert!(
        sv.contains("Nordlys Cloud är ett litet molnföretag"),
        "{sv}"
    );
}

#[test]
fn translate_toolkit_reads_tolks_xliff_and_po() {
    if !have("pofilter") {
        return;
    }
    // The Python that Translate Toolkit is installed for (Debian's), not another on PATH.
    let python = std::fs::read_to_string("/usr/bin/pofilter")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .map(|l| l.trim_start_matches("#!").trim().to_string())
        })
        .unwrap_or_else(|| "python3".into());
    let env = shipped();
    for (fmt, file) in [("xliff", "da.xlf"), ("po", "da.po")] {
        assert_eq!(
            env.tolk(
                "en",
                &[
                    "extract", "--format", fmt, "--lang", "da", "--again", "--out", file
                ]
            )
            .code,
            0
        );
        let o = Command::new(&python)
            .args([
                "-c",
                "import sys\nfrom translate.storage import factory\ns = factory.getobject(sys.argv[1])\n\
                 print(len([u for u in s.units if not u.isheader()]))\n\
                 print(sorted(u.getcontext() or u.getid() for u in s.units if not u.isheader())[0])",
                file,
            ])
            .current_dir(env.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got = String::from_utf8_lossy(&o.stdout);
        assert!(got.starts_with("4\n"), "{file}: {got}");
        assert!(
            got.contains("career/cloud-engineer.md#fm.intro"),
            "{file}: {got}"
        );
    }
    let o = Command::new("pofilter")
        .args(["da.po", "-o", "flagged.po"])
        .current_dir(env.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let flagged = env.read("flagged.po");
    // What it flags: the stale ones as fuzzy, the salary's changed numbers, the new one as
    // untranslated; nothing about the file itself.
    assert!(flagged.contains("(pofilter) isfuzzy"), "{flagged}");
    assert!(flagged.contains("(pofilter) numbers"), "{flagged}");
    assert!(flagged.contains("(pofilter) untranslated"), "{flagged}");
}

/// An OmegaT 3.6 project whose source is tolk's PO and whose project memory is tolk's TMX:
/// console-translate fills what the memory knows, and tolk takes OmegaT's file back.
#[test]
fn omegat_fills_a_po_package_from_tolks_tmx_and_tolk_takes_it_back() {
    if !have("omegat") {
        return;
    }
    let env = shipped();
    let project = env.path().join("omegat-project");
    for d in ["source", "target", "omegat", "tm", "glossary", "dictionary"] {
        std::fs::create_dir_all(project.join(d)).unwrap();
    }
    std::fs::write(
        project.join("omegat.project"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<omegat>\n  <project version=\"1.0\">\n\
         <source_dir>__DEFAULT__</source_dir><source_dir_excludes/><target_dir>__DEFAULT__</target_dir>\n\
         <tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file>\n\
         <dictionary_dir>__DEFAULT__</dictionary_dir><source_lang>en</source_lang><target_lang>sv</target_lang>\n\
         <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok><target_tok>org.omegat.tokenizer.LuceneSwedishTokenizer</target_tok>\n\
         <sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations><remove_tags>false</remove_tags>\n\
         </project>\n</omegat>\n",
    )
    .unwrap();
    let out = env.tolk(
        "en",
        &[
            "extract",
            "--format",
            "tmx",
            "--lang",
            "sv",
            "--out",
            "omegat-project/omegat/project_save.tmx",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        env.tolk(
            "en",
            &[
                "extract",
                "--format",
                "po",
                "--lang",
                "sv",
                "--out",
                "omegat-project/source/sv.po"
            ]
        )
        .code,
        0
    );
    let o = Command::new("omegat")
        .arg(&project)
        .arg("--mode=console-translate")
        .env("HOME", env.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let target = project.join("target/sv.po");
    let filled = std::fs::read_to_string(&target).unwrap();
    // The new segment is in the memory (the SRE posting has it): OmegaT filled it.
    assert!(
        filled
            .contains("msgstr \"Förbättra vår driftsättningskedja så att releaser blir tråkiga.\""),
        "{filled}"
    );
    let out = env.tolk("en", &["import", target.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Imported: 1 written"), "{}", out.stdout);
    let st = env.tolk("en", &["status", "--lang", "sv"]);
    assert!(
        st.stdout
            .contains("sv: 97% current, 3 stale segments, 0 untranslated"),
        "{}",
        st.stdout
    );
}

#[test]
fn a_tmx_comes_in_as_matches_and_never_makes_a_segment_current() {
    let env = shipped();
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "tmx", "--lang", "da", "--out", "da.tmx",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.starts_with("Wrote da.tmx: "), "{}", out.stdout);
    // An agency's memory: a translation of today's English of the stale on-call line.
    let agency = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"en-GB\" \
                  creationtool=\"x\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" datatype=\"plaintext\"/>\
                  <body><tu><tuv xml:lang=\"en-GB\"><seg>Take part in the on-call rotation, one week in eight.</seg></tuv>\
                  <tuv xml:lang=\"da-DK\"><seg>Tag del i vagtplanen, en uge ud af otte.</seg></tuv>\
                  <tuv xml:lang=\"da\"><seg>Deltag i vagtordningen, én uge ud af otte &amp; mere.</seg></tuv></tu></body></tmx>\n";
    env.write("agency.tmx", agency);
    let before = env.read(DEMO);
    let out = env.tolk("en", &["import", "agency.tmx"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        out.stdout,
        "agency.tmx: 2 translations read, 1 new, kept as matches for suggestions.\n"
    );
    assert_eq!(env.read(DEMO), before);
    let diff = env.tolk("en", &["diff", "--lang", "da", "--color", "never"]);
    assert!(
        diff.stdout
            .contains("100%  Deltag i vagtordningen, én uge ud af otte & mere.")
            && diff.stdout.contains("same English, in agency.tmx"),
        "{}",
        diff.stdout
    );
    let st = env.tolk("en", &["status", "--lang", "da"]);
    assert!(st.stdout.contains("3 stale segments"), "{}", st.stdout);
    let tmx = env.read("da.tmx");
    assert!(
        tmx.contains("<tuv xml:lang=\"en\"><seg>Nordlys Cloud is a small cloud company"),
        "{tmx}"
    );
    assert!(Path::new(&env.path().join("da.tmx")).exists());
}

/// Snapshot of every posting file, for "nothing changed".
fn files(env: &TestEnv) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    crate::util::markdown_files(&env.path().join("postings"), &mut all);
    all.sort();
    all.into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

/// The real site after adopt: a package of every segment in every language, in XLIFF and in
/// PO, comes back unchanged and changes nothing, memory or file; every PO is valid for msgfmt.
#[test]
fn on_the_real_site_every_package_comes_back_unchanged_and_changes_nothing() {
    let Some(corpus) = crate::util::corpus() else {
        return;
    };
    let env = TestEnv::empty();
    let content = corpus.join("site/content");
    assert_eq!(
        env.tolk("en", &["adopt", content.to_str().unwrap()]).code,
        0
    );
    let before = (files(&env), env.tolk("en", &["dump"]).stdout);
    let check_po = have("msgfmt");
    for lang in ["da", "sv", "nb"] {
        for (fmt, file) in [
            ("xliff", format!("{lang}.xlf")),
            ("po", format!("{lang}.po")),
        ] {
            let out = env.tolk(
                "en",
                &[
                    "extract", "--format", fmt, "--lang", lang, "--all", "--again", "--out", &file,
                ],
            );
            assert!(out.code == 0 || out.code == 2, "{}", out.all());
            eprintln!("{lang} {fmt}: {}", out.stdout.trim());
            if fmt == "po" && check_po {
                let o = Command::new("msgfmt")
                    .args(["--check", "-o", "/dev/null", &file])
                    .current_dir(env.path())
                    .output()
                    .unwrap();
                assert!(
                    o.status.success(),
                    "{file}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
            }
            let t = std::time::Instant::now();
            let out = env.tolk("en", &["import", &file]);
            eprintln!(
                "{lang} {fmt} import ({:?}): {}",
                t.elapsed(),
                out.stdout.trim()
            );
            assert_eq!(out.code, 0, "{}", out.all());
            assert!(
                out.stdout.contains(" 0 written, 0 confirmed"),
                "{}",
                out.stdout
            );
        }
    }
    assert!(before.0 == files(&env), "a posting file changed");
    assert_eq!(
        before.1,
        env.tolk("en", &["dump"]).stdout,
        "the memory's content changed"
    );
}

/// A unit for a shortcode parameter the translation writes another way (the English names
/// its note's title, the Danish gives it by position): there is no place for it in the
/// Danish page. Put where the English has it (first in the body, no segment of the body
/// before it being translated), the page would have a second note call that nothing closes;
/// before, it was put after the front matter's last translated value, with the English's
/// closing `---` and the start of its call, and left a call Hugo cannot read. The unit is
/// refused, in the UI's language; the page is left as it was. The other unit, a heading after
/// the note, is written after the Danish note's end (not inside the note, with its end copied
/// a second time).
#[test]
fn a_unit_with_no_place_or_that_breaks_the_page_is_refused() {
    let danish = "---\ntitle: \"Ingeniør\"\n---\n\n{{< card link=\"/x/\" >}}\n\n\
                  {{% note \"Før du starter\" %}}\nTag en bærbar med.\n{{% /note %}}\n";
    let env = TestEnv::danish_pair(
        "---\ntitle: \"Engineer\"\n---\n\n{{< card link=\"/x/\" >}}\n\n\
         {{% note title=\"Before you start\" icon=\"list\" %}}\nBring a laptop.\n{{% /note %}}\n\n\
         ## Say hello\n",
        danish,
    );
    let out = env.tolk(
        "en",
        &["extract", "--format", "po", "--lang", "da", "--out", "p.po"],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let po = env.read("p.po");
    let fill = |po: &str, msgid: &str, msgstr: &str| {
        po.replace(
            &format!("msgid \"{msgid}\"\nmsgstr \"\""),
            &format!("msgid \"{msgid}\"\nmsgstr \"{msgstr}\""),
        )
    };
    let done = fill(
        &fill(&po, "Before you start", "Inden du går i gang"),
        "Say hello",
        "Sig hej",
    );
    assert_ne!(done, po, "{po}");
    env.write("p-done.po", &done);
    // A unit is named by its first line (its comments).
    let lines: Vec<&str> = done.lines().collect();
    let ctxt = lines
        .iter()
        .position(|l| l.contains("msgctxt \"career/a.md#top.sc1.title\""))
        .expect("the title's unit");
    let line = (0..ctxt)
        .rev()
        .take_while(|&k| lines[k].starts_with('#'))
        .last()
        .unwrap_or(ctxt)
        + 1;
    for (ui, refused) in [
        (
            "en",
            format!(
                "p-done.po:{line}: unit career/a.md#top.sc1.title refused: the answer would part the page's shortcodes from the English's (call 2: the English has {{{{< note >}}}}…{{{{< /note >}}}}, the page {{{{< note >}}}})"
            ),
        ),
        (
            "da",
            format!(
                "p-done.po:{line}: enheden career/a.md#top.sc1.title afvist: svaret ville få sidens shortcodes til at afvige fra den engelske sides (kald 2: den engelske har {{{{< note >}}}}…{{{{< /note >}}}}, siden {{{{< note >}}}})"
            ),
        ),
    ] {
        env.write("postings/da/career/a.md", danish);
        let out = env.tolk(ui, &["import", "p-done.po"]);
        assert_eq!(out.code, 1, "{}", out.all());
        assert!(out.stdout.contains(&refused), "{refused}\n{}", out.stdout);
    }
    let page = env.read("postings/da/career/a.md");
    assert_eq!(page, format!("{danish}\n## Sig hej\n"), "{page}");
    // An answer with a call that never ends: the page would not be read again.
    env.write("postings/da/career/a.md", danish);
    env.write("p-bad.po", fill(&po, "Say hello", "Sig {{< hej"));
    let out = env.tolk("en", &["import", "p-bad.po"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "unit career/a.md#h1 refused: the page with the answer would not be read again \
             (postings/da/career/a.md:11: a shortcode call starts here but never ends)"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(env.read("postings/da/career/a.md"), danish);
}

/// A page that would take no answer (a code fence glued to a prose line, where the English has
/// none) is left out of a package and named with what to mend: every unit of it would be
/// refused on import, so a translator's work on it would be lost. Mended, it goes out.
#[test]
fn a_page_that_would_take_no_answer_is_left_out_of_a_package() {
    let danish = "---\ntitle: \"Ingeniør\"\n---\n\nKør dette:```bash\nmake\n```\n\nVi bygger skyer.\n\n## Hold\n";
    let env = TestEnv::danish_pair(
        "---\ntitle: \"Engineer\"\n---\n\nRun this:\n\n```bash\nmake\n```\n\nWe build clouds.\n\n## Teams\n\nMore text.\n",
        danish,
    );
    let extract = |lang: &str, out: &str| {
        env.tolk(
            lang,
            &["extract", "--format", "xliff", "--lang", "da", "--out", out],
        )
    };
    let out = extract("en", "da.xlf");
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr.contains(
            "warning: postings/da/career/a.md: 4 segments left out of the package, since the page \
             would take no answer: postings/da/career/a.md:5 has a code fence after prose"
        ),
        "{}",
        out.all()
    );
    assert!(
        out.stdout.starts_with("Wrote da.xlf: 0 units"),
        "{}",
        out.all()
    );
    assert!(
        !env.read("da.xlf").contains("<trans-unit"),
        "{}",
        env.read("da.xlf")
    );
    let out = extract("sv", "sv.xlf");
    assert!(
        out.stderr
            .contains("postings/da/career/a.md: 4 segment är inte med i paketet, eftersom sidan"),
        "{}",
        out.all()
    );
    // Nothing of it is out in a package: once mended, it goes out whole.
    env.write(
        "postings/da/career/a.md",
        danish.replace("Kør dette:```bash", "Kør dette:\n\n```bash"),
    );
    let out = extract("en", "again.xlf");
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.stderr.contains("left out"), "{}", out.all());
    assert!(
        out.stdout
            .starts_with("Wrote again.xlf: 1 unit (1 untranslated"),
        "{}",
        out.all()
    );
    assert!(
        env.read("again.xlf")
            .contains("<source>More text.</source>")
    );
    // A package made before the page broke comes back: its units are refused for the page,
    // said once, at the first unit's line, with how many.
    let out = env.tolk(
        "en",
        &[
            "extract", "--format", "po", "--lang", "da", "--all", "--again", "--out", "all.po",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.all());
    let po = env.read("all.po");
    let done = po
        .replace(
            "msgstr \"Vi bygger skyer.\"",
            "msgstr \"Vi bygger skyer her.\"",
        )
        .replace(
            "msgid \"More text.\"\nmsgstr \"\"",
            "msgid \"More text.\"\nmsgstr \"Mere tekst.\"",
        );
    assert_eq!(done.matches("Vi bygger skyer her.").count(), 1, "{po}");
    assert!(done.contains("Mere tekst."), "{po}");
    env.write("all.po", done);
    env.write("postings/da/career/a.md", danish);
    let out = env.tolk("en", &["import", "all.po"]);
    assert_eq!(out.code, 1, "{}", out.all());
    let glued: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("has a code fence after prose"))
        .collect();
    assert_eq!(glued.len(), 1, "{}", out.all());
    assert!(
        glued[0].starts_with("all.po:")
            && glued[0].contains(
                ": 4 units of career/a.md refused: postings/da/career/a.md:5 has a code fence"
            ),
        "{}",
        out.all()
    );
    assert_eq!(env.read("postings/da/career/a.md"), danish);
}
