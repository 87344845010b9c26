//! `tolk export`: the site's content folder from today's English skeleton and the translations.

use crate::util::{TestEnv, shipped};

fn count_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |rd| {
        rd.map(|e| e.unwrap().path())
            .map(|p| if p.is_dir() { count_files(&p) } else { 1 })
            .sum()
    })
}

#[test]
fn both_layouts_a_second_export_changes_nothing_and_hand_edits_are_refused() {
    for (layout, file) in [
        ("folder", "content/da/career/cloud-engineer.md"),
        ("suffix", "content/career/cloud-engineer.da.md"),
    ] {
        let env = shipped();
        let out = env.tolk("en", &["export", "--layout", layout]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.ends_with("9 files written, 0 unchanged.\n"),
            "{}",
            out.stdout
        );
        assert_eq!(count_files(&env.path().join("content")), 9);
        let da = env.read(file);
        assert!(
            da.contains("language: \"da\"\ntranslationKey: \"career/cloud-engineer\"\n"),
            "{da}"
        );
        assert!(
            da.contains("\n- Deltage i vagtordningen, én uge ud af seks.\n"),
            "keep publishes the stale translation"
        );
        assert!(
            da.contains("\n- Improve our deployment pipeline so that releases are boring.\n"),
            "untranslated stays English"
        );
        let again = env.tolk("en", &["export", "--layout", layout]);
        assert_eq!(again.stdout, "0 files written, 9 unchanged.\n");
        // A hand edit: refused, named, untouched; --force overwrites.
        let edited = da.replace("Søg nu", "Søg i dag");
        env.write(file, &edited);
        let out = env.tolk("en", &["export", "--layout", layout]);
        assert_eq!(out.code, 2);
        assert_eq!(
            out.stderr,
            format!(
                "error: {file}: changed by hand since tolk wrote it; left as it is\n  hint: `tolk export --force` overwrites it\n"
            )
        );
        assert_eq!(env.read(file), edited);
        let out = env.tolk("en", &["export", "--layout", layout, "--force"]);
        assert_eq!(out.code, 0);
        assert_eq!(env.read(file), da);
    }
}

/// The same in TOML front matter: an English withdrawn (`draft = true`) and dated anew takes
/// every translation with it, its date and weight too, and the text stays each language's.
#[test]
fn everything_but_text_follows_the_english_in_toml_too() {
    let env = shipped();
    let en = "postings/en/career/customer-success-manager.md";
    assert!(env.read(en).starts_with("+++\n"));
    env.write(
        en,
        env.read(en)
            .replace("draft = false", "draft = true")
            .replace("date = 2026-11-02", "date = 2026-11-09"),
    );
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for lang in ["da", "sv", "nb"] {
        let f = env.read(&format!(
            "content/{lang}/career/customer-success-manager.md"
        ));
        assert!(
            f.contains("\ndate = 2026-11-09\ndraft = true\n"),
            "{lang}: {f}"
        );
        let own = env.read(&format!(
            "postings/{lang}/career/customer-success-manager.md"
        ));
        let intro = |t: &str| {
            t.lines()
                .find(|l| l.starts_with("intro = "))
                .unwrap()
                .to_string()
        };
        assert_eq!(intro(&f), intro(&own), "{lang}");
    }
}

/// Code is the English's: a code block, Hugo's `highlight` and a shortcode the site names as
/// holding code (`verbatim`) are never segments, so an English edit of them makes nothing
/// stale, and export takes the new code into the translation that still has the old.
#[test]
fn code_the_english_changes_follows_into_the_translation() {
    let page = |title: &str, text: &str, code: &str| {
        format!(
            "---\ntitle: \"{title}\"\n---\n\n{text}\n\n```sh\nmake {code}\n```\n\n{{{{< highlight go >}}}}\nrun(\"{code}\")\n{{{{< /highlight >}}}}\n\n{{{{< mermaid >}}}}\ngraph TD; {code}-->B\n{{{{< /mermaid >}}}}\n"
        )
    };
    let env = TestEnv::empty();
    env.write(
        "tolk.toml",
        "targets = [\"da\"]\n[shortcodes]\nverbatim = [\"highlight\", \"mermaid\"]\n",
    );
    env.write(
        "postings/en/career/a.md",
        page("Engineer", "Run this.", "all"),
    );
    env.write(
        "postings/da/career/a.md",
        page("Ingeniør", "Kør dette.", "all"),
    );
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let segments = env.tolk("en", &["segments", "postings/en/career/a.md"]);
    assert!(
        segments
            .stdout
            .starts_with("postings/en/career/a.md: 2 segments\n"),
        "{}",
        segments.stdout
    );
    env.write(
        "postings/en/career/a.md",
        page("Engineer", "Run this.", "test"),
    );
    let status = env.tolk("en", &["status"]);
    assert!(
        status.stdout.contains("da: 100% current, 0 stale segments"),
        "{}",
        status.stdout
    );
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        env.read("content/da/career/a.md"),
        page("Ingeniør", "Kør dette.", "test")
    );
}

/// A translation written with CRLF (a Windows editor's) keeps CRLF in every line export adds
/// from the English: a new heading inserted in English (before the translation's first block)
/// and a new paragraph (after one of its lines: it went between that line's CR and LF), a key
/// the English added, code the English changed (followed even so: the translation's copy is
/// the English's old code in its own line breaks). They came in with LF, and the code did not
/// follow.
#[test]
fn what_export_takes_from_the_english_comes_in_the_translations_line_breaks() {
    let danish = "---\r\ntitle: \"Ingeniør\"\r\n---\r\n\r\nVi bygger skyer.\r\n\r\n```sh\r\nmake all\r\n```\r\n";
    let env = TestEnv::danish_pair(
        "---\ntitle: \"Engineer\"\n---\n\nWe build clouds.\n\n```sh\nmake all\n```\n",
        danish,
    );
    env.write(
        "postings/en/career/a.md",
        "---\ntitle: \"Engineer\"\nweight: 3\n---\n\n## Who we are\n\nWe build clouds.\n\nAnd we run them.\n\n```sh\nmake all\nmake test\n```\n",
    );
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        env.read("content/da/career/a.md"),
        "---\r\ntitle: \"Ingeniør\"\r\nweight: 3\r\n---\r\n\r\n## Who we are\r\n\r\nVi bygger skyer.\r\n\r\nAnd we run them.\r\n\r\n```sh\r\nmake all\r\nmake test\r\n```\r\n"
    );
}

#[test]
fn everything_but_text_follows_the_english() {
    let env = shipped();
    assert_eq!(env.tolk("en", &["export"]).code, 0);
    let en = "postings/en/career/site-reliability-engineer.md";
    env.write(
        en,
        env.read(en)
            .replace("draft: false", "draft: true")
            .replace("apply/sre\"", "apply/sre-2027\""),
    );
    // The site is now out of date: --check says so, --dry-run shows how, neither writes.
    let check = env.tolk("en", &["export", "--check"]);
    assert_eq!(check.code, 1);
    let dry = env.tolk("en", &["export", "--dry-run", "--lang", "sv"]);
    assert!(
        dry.stdout.contains("\n-draft: false\n") && dry.stdout.contains("\n+draft: true\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.ends_with("1 file would change, 2 unchanged.\n"),
        "{}",
        dry.stdout
    );
    assert!(
        env.read("content/sv/career/site-reliability-engineer.md")
            .contains("draft: false")
    );
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 0);
    for lang in ["da", "sv", "nb"] {
        let f = env.read(&format!(
            "content/{lang}/career/site-reliability-engineer.md"
        ));
        assert!(
            f.contains(
                "draft: true\nsidebarlinkurl: \"https://jobs.nordlys.example/apply/sre-2027\""
            ),
            "{lang}: {f}"
        );
        assert!(
            f.contains("link=\"https://jobs.nordlys.example/apply/sre-2027\""),
            "{lang}"
        );
    }
    assert_eq!(env.tolk("en", &["export", "--check"]).code, 0);
}

#[test]
fn fallback_hold_and_orphans() {
    let env = shipped();
    env.write("tolk.toml", "[export]\npublish = \"fallback\"\n");
    assert_eq!(env.tolk("en", &["export", "--lang", "nb"]).code, 0);
    let nb = env.read("content/nb/career/cloud-engineer.md");
    assert!(
        nb.contains("\n- Take part in the on-call rotation, one week in eight.\n"),
        "fallback publishes the English"
    );
    assert!(nb.contains("\n- Automatisere alt du gjør to ganger, med Ansible og Terraform.\n"));
    env.write(
        "tolk.toml",
        "[export]\npublish = \"hold\"\nhold_below = 99\nhold_as_draft = true\n",
    );
    let out = env.tolk("en", &["export", "--lang", "nb", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        env.read("content/nb/career/cloud-engineer.md")
            .contains("draft: true")
    );
    env.write(
        "tolk.toml",
        "[export]\npublish = \"hold\"\nhold_below = 99\n",
    );
    let out = env.tolk("en", &["export", "--lang", "sv"]);
    assert!(
        out.stdout
            .contains("held back content/sv/career/cloud-engineer.md"),
        "{}",
        out.stdout
    );
    // The English posting is deleted: its translations are removed from the site.
    std::fs::remove_file(
        env.path()
            .join("postings/en/career/customer-success-manager.md"),
    )
    .unwrap();
    let out = env.tolk("en", &["export", "--lang", "nb"]);
    assert!(
        out.stdout.contains(
            "removed content/nb/career/customer-success-manager.md (its source posting is gone)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        !env.path()
            .join("content/nb/career/customer-success-manager.md")
            .exists()
    );
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_symbolic_link_out_of_the_site() {
    let env = TestEnv::translated();
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(env.path().join("content")).unwrap();
    std::os::unix::fs::symlink(outside.path(), env.path().join("content/da")).unwrap();
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("content/da/career/cloud-engineer.md: outside the target folder"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    assert!(
        env.path()
            .join("content/sv/career/cloud-engineer.md")
            .exists()
    );
}

/// A minimal Hugo site around exported content in `layout` (`folder`: content/<lang>/...,
/// `suffix`: content/...<name>.<lang>.md), built with Hugo; returns its `public` folder.
fn hugo_site(env: &TestEnv, layout: &str) -> std::path::PathBuf {
    let site = env.path().join(format!("site-{layout}"));
    let out = env.tolk(
        "en",
        &[
            "export",
            "--layout",
            layout,
            "--to",
            &format!("site-{layout}/content"),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let languages = if layout == "folder" {
        crate::util::copy_dir(&env.path().join("postings/en"), &site.join("content/en"));
        "[languages.en]\ncontentDir = \"content/en\"\nweight = 1\n[languages.da]\ncontentDir = \"content/da\"\nweight = 2\n\
         [languages.sv]\ncontentDir = \"content/sv\"\nweight = 3\n[languages.nb]\ncontentDir = \"content/nb\"\nweight = 4\n"
    } else {
        // The source language's files have no suffix: Hugo reads them as the default language.
        crate::util::copy_dir(&env.path().join("postings/en"), &site.join("content"));
        "[languages.en]\nweight = 1\n[languages.da]\nweight = 2\n[languages.sv]\nweight = 3\n[languages.nb]\nweight = 4\n"
    };
    env.write(
        &format!("site-{layout}/hugo.toml"),
        format!(
            "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"en\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n{languages}"
        ),
    );
    env.write(
        &format!("site-{layout}/layouts/_default/single.html"),
        "<h1>{{ .Title }}</h1><p class=\"intro\">{{ .Params.intro }}</p>{{ .Content }}",
    );
    env.write(
        &format!("site-{layout}/layouts/_default/list.html"),
        "{{ range .Pages }}{{ .Permalink }}\n{{ end }}",
    );
    env.write(
        &format!("site-{layout}/layouts/shortcodes/ingress.html"),
        "<p class=\"ingress\">{{ .Inner }}</p>",
    );
    env.write(
        &format!("site-{layout}/layouts/shortcodes/localbutton.html"),
        "<a class=\"button\" href=\"{{ .Get \"link\" }}\">{{ .Get \"text\" }}</a>",
    );
    let _ = std::fs::remove_dir_all(site.join("public"));
    let build = std::process::Command::new("hugo")
        .arg("--quiet")
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "hugo ({layout}) failed: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    site.join("public")
}

/// A rendered page of the built site, `None` when Hugo did not render it.
fn rendered(public: &std::path::Path, lang: &str, page: &str) -> Option<String> {
    let dir = if lang == "en" {
        public.join(page)
    } else {
        public.join(lang).join(page)
    };
    std::fs::read_to_string(dir.join("index.html")).ok()
}

/// Hugo 0.111 (Debian's package) builds a site from the exported folder in both layouts: each
/// language renders each posting with its own title, translated intro and button; a segment
/// the translation lacks renders as the `keep` policy says (in English). Skipped, and said so,
/// where `hugo` is not installed; `.ci/run` installs it and requires it.
#[test]
fn hugo_renders_every_language_in_both_layouts() {
    if !crate::util::have_tool("hugo") {
        return;
    }
    let env = shipped();
    for layout in ["folder", "suffix"] {
        let public = hugo_site(&env, layout);
        for (lang, apply) in [
            ("en", "Apply for the role"),
            ("da", "Søg stillingen"),
            ("sv", "Sök tjänsten"),
            ("nb", "Søk på stillingen"),
        ] {
            for page in [
                "cloud-engineer",
                "customer-success-manager",
                "site-reliability-engineer",
            ] {
                let html = rendered(&public, lang, &format!("career/{page}"))
                    .unwrap_or_else(|| panic!("{layout}: {lang}/{page} did not render"));
                let file = std::fs::read_to_string(
                    env.path().join(format!("postings/{lang}/career/{page}.md")),
                )
                .unwrap();
                let posting = tolk::posting::Posting::parse(
                    std::path::Path::new("p.md"),
                    file,
                    &Default::default(),
                )
                .unwrap();
                let field = |k: &str| {
                    posting
                        .front_matter
                        .as_ref()
                        .and_then(|fm| fm.fields.iter().find(|f| f.path.eq_ignore_ascii_case(k)))
                        .map(|f| f.value.clone())
                        .unwrap_or_else(|| panic!("{lang}/{page}: no {k}"))
                };
                let title = format!("<h1>{}</h1>", field("title"));
                assert!(
                    html.contains(&title),
                    "{layout}: {lang}/{page}: no {title}: {html}"
                );
                let intro = field("intro");
                assert!(
                    html.contains(&intro),
                    "{layout}: {lang}/{page}: no intro {intro}"
                );
            }
            let html = rendered(&public, lang, "career/cloud-engineer").unwrap();
            assert!(html.contains(apply), "{layout}: {lang}: {html}");
            assert!(
                html.contains("<table>"),
                "{layout}: {lang}: the table renders"
            );
        }
        // The English list item the translations lack, published in English (`keep`).
        let da = rendered(&public, "da", "career/cloud-engineer").unwrap();
        assert!(
            da.contains("Improve our deployment pipeline so that releases are boring."),
            "{layout}: {da}"
        );
    }
}

/// A posting with JSON front matter (Hugo reads a page that opens with `{` as JSON front
/// matter) is synced, reported and exported: the exported page is still JSON with its language
/// and translation key set, and Hugo renders it with its translated title and intro.
#[test]
fn json_front_matter_goes_through_to_hugo() {
    if !crate::util::have_tool("hugo") {
        return;
    }
    let env = shipped();
    env.write(
        "postings/en/career/data-engineer.md",
        "{\n  \"title\": \"Data Engineer\",\n  \"intro\": \"Build our data platform.\",\n  \"language\": \"en\"\n}\n\nYou will build {pipelines}.\n",
    );
    env.write(
        "postings/da/career/data-engineer.md",
        "{\n  \"title\": \"Dataingeniør\",\n  \"intro\": \"Byg vores dataplatform.\",\n  \"language\": \"en\"\n}\n\nDu skal bygge {pipelines}.\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk(
        "en",
        &[
            "status",
            "career/data-engineer.md",
            "--lang",
            "da",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["postings"][0]["state"], "current", "{v:#}");
    assert_eq!(v["postings"][0]["counts"]["current"], 3, "{v:#}");
    let public = hugo_site(&env, "folder");
    let html = rendered(&public, "da", "career/data-engineer").unwrap();
    assert!(html.contains("<h1>Dataingeniør</h1>"), "{html}");
    assert!(html.contains("Byg vores dataplatform."), "{html}");
    assert!(html.contains("Du skal bygge {pipelines}."), "{html}");
    let exported = env.read("site-folder/content/da/career/data-engineer.md");
    let (json, body) = exported.split_once("}\n").unwrap();
    let fm: serde_json::Value = serde_json::from_str(&format!("{json}}}")).unwrap();
    assert_eq!(fm["language"], "da");
    assert_eq!(fm["translationKey"], "career/data-engineer");
    assert_eq!(body, "\nDu skal bygge {pipelines}.\n");
}

/// Under `publish = "hold"`, a posting below `hold_below` percent current is not published
/// in that language (Hugo renders no page for it), and the others are.
#[test]
fn hugo_renders_no_page_held_back_by_the_policy() {
    if !crate::util::have_tool("hugo") {
        return;
    }
    let env = shipped();
    let toml = env.read("tolk.toml");
    let held = toml
        .replace("publish = \"keep\"", "publish = \"hold\"")
        .replace("hold_below = 80.0", "hold_below = 97.0");
    assert_ne!(held, toml);
    env.write("tolk.toml", &held);
    let public = hugo_site(&env, "folder");
    for lang in ["da", "sv", "nb"] {
        // 96% current: held back.
        assert!(
            rendered(&public, lang, "career/cloud-engineer").is_none(),
            "{lang}"
        );
        assert!(
            rendered(&public, lang, "career/site-reliability-engineer").is_some(),
            "{lang}"
        );
    }
    assert!(rendered(&public, "en", "career/cloud-engineer").is_some());
}

const INGRESS_EN: &str = "---\ntitle: \"Engineer\"\n---\n\n{{< ingress >}}\nWe build a cloud people can trust.\n{{< /ingress >}}\n\nApply today, we answer within a week.\n";

/// A Danish paragraph that begins with an HTML tag becomes an HTML block and aligns with no
/// English block. Its `<script>` fails `tolk check` (the content checks look at unaligned
/// blocks too), and export writes nothing for that page: no English paragraph inserted beside
/// it (with a second `{{< ingress >}}`), no script published.
#[test]
fn an_unaligned_block_with_a_script_fails_check_and_is_never_exported() {
    let env = TestEnv::empty();
    env.write("tolk.toml", "targets = [\"da\"]\n");
    env.write("postings/en/career/x.md", INGRESS_EN);
    env.write(
        "postings/da/career/x.md",
        "---\ntitle: \"Ingeniør\"\n---\n\n{{< ingress >}}\nVi bygger en sky, folk kan stole på.\n{{< /ingress >}}\n\n<div>Søg i dag, vi svarer inden for en uge.<script>alert(1)</script></div>\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let check = env.tolk("en", &["check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check.stdout.contains(
            "fail  postings/da/career/x.md:9  segment top.html1: the translation adds a <script>"
        ),
        "{}",
        check.stdout
    );
    let out = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr
            .lines()
            .find(|l| l.starts_with("error:"))
            .unwrap(),
        "error: site/da/career/x.md: not written: the block at line 9 (top.html1) of the translation matches no English block and adds a script, an event handler, a javascript: URL or an element that loads another page (iframe, form, meta...)"
    );
    assert!(!env.path().join("site/da/career/x.md").exists());
    let da = env.tolk("da", &["export", "--to", "site"]);
    assert!(da.stderr.contains("ikke skrevet"), "{}", da.stderr);
    // Another site framed into the page, by a block of its own: the same.
    env.write(
        "postings/da/career/x.md",
        "---\ntitle: \"Ingeniør\"\n---\n\n{{< ingress >}}\nVi bygger en sky, folk kan stole på.\n{{< /ingress >}}\n\n<div>Log ind her: <iframe src=\"https://x.example/login\"></iframe></div>\n",
    );
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr
            .contains("not written: the block at line 9 (top.html1)"),
        "{}",
        out.stderr
    );
    assert!(!env.path().join("site/da/career/x.md").exists());
}

/// English is inserted only where it is sure to be right: a list item the translator left
/// out of the page they were given stays out (the English did not change since); a paragraph
/// the English added since is inserted in English, inside no shortcode it does not belong to;
/// and front matter keys the translation lacks are not added in English.
#[test]
fn english_is_inserted_only_where_the_english_added_it() {
    let env = TestEnv::empty();
    env.write("tolk.toml", "targets = [\"da\"]\n");
    let en = "---\ntitle: \"Engineer\"\nlinkTitle: \"Jobs\"\n---\n\n{{< ingress >}}\nWe build a cloud people can trust.\n{{< /ingress >}}\n\n## Apply\n\nApply today.\n\n- We answer within a week.\n";
    env.write("postings/en/career/x.md", en);
    let da = "---\ntitle: \"Ingeniør\"\n---\n\n{{< ingress >}}\nVi bygger en sky, folk kan stole på.\n{{< /ingress >}}\n\n## Søg\n\nSøg i dag.\n";
    env.write("postings/da/career/x.md", da);
    assert_eq!(env.tolk("en", &["sync"]).code, 0);
    let out = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Nothing changed in the English since: the page goes out as the translator wrote it.
    assert_eq!(env.read("site/da/career/x.md"), da);

    // The English adds a paragraph right after the ingress.
    env.write(
        "postings/en/career/x.md",
        en.replace(
            "{{< /ingress >}}\n",
            "{{< /ingress >}}\n\nOur data centres are in the Nordics.\n",
        ),
    );
    let out = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = env.read("site/da/career/x.md");
    assert_eq!(
        page,
        "---\ntitle: \"Ingeniør\"\n---\n\n{{< ingress >}}\nVi bygger en sky, folk kan stole på.\n{{< /ingress >}}\n\nOur data centres are in the Nordics.\n\n## Søg\n\nSøg i dag.\n"
    );
}

/// Every file of a site, by path (relative to it).
fn site_files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The export index (`translations.db.export-index`) only saves time: an export that finds
/// every file unchanged by it says and writes what one without it does; a translation edited
/// right after an export, keeping its size and modification time, is exported; an index from
/// another version, a damaged or a truncated one changes nothing.
#[test]
fn the_export_index_never_changes_what_is_exported() {
    let env = shipped();
    let index = env.path().join("translations.db.export-index");
    let first = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let entries: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&index).unwrap()).unwrap();
    assert_eq!(
        entries["files"].as_object().unwrap().len(),
        9,
        "one per site file"
    );
    let site = site_files(&env.path().join("site"));
    let again = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    std::fs::remove_file(&index).unwrap();
    let without = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(
        again.stdout, without.stdout,
        "the index changed what export says"
    );
    assert_eq!(site_files(&env.path().join("site")), site);

    // The same size and modification time, right after the export that wrote the index.
    let da = env
        .path()
        .join("postings/da/career/site-reliability-engineer.md");
    let text = std::fs::read_to_string(&da).unwrap();
    let mtime = std::fs::metadata(&da).unwrap().modified().unwrap();
    let edited = text.replacen("Platform", "Plattfor", 1);
    assert_ne!(edited, text);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&da, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&da)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let seen = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(seen.code, 0, "{}", seen.stderr);
    let out = env.read("site/da/career/site-reliability-engineer.md");
    assert!(
        out.contains("Plattfor"),
        "the edit was not exported:\n{out}"
    );

    // Indexes that do not fit: the answer of an export without one.
    let reference = {
        std::fs::remove_file(&index).unwrap();
        env.tolk("en", &["export", "--to", "site"]).stdout
    };
    let good = std::fs::read(&index).unwrap();
    for bad in [
        br#"{"key": "tolk 0.0.1", "written": 1, "files": {}}"#.to_vec(),
        b"{ not json".to_vec(),
        good[..good.len() / 2].to_vec(),
    ] {
        std::fs::write(&index, &bad).unwrap();
        let out = env.tolk("en", &["export", "--to", "site"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stdout, reference);
        assert_eq!(site_files(&env.path().join("site")).len(), site.len());
    }
}

/// Enough postings for several of export's chunks (each is built while the one before it is
/// written): every file is written once and whole, a broken posting in the middle stops no
/// other, and a second export finds every file as it left it.
#[test]
fn many_postings_across_chunks_are_each_written_once() {
    const N: usize = 1100;
    const BROKEN: usize = 700;
    let env = TestEnv::empty();
    env.write("tolk.toml", "targets = [\"da\"]\n");
    for i in 0..N {
        env.write(
            &format!("postings/en/jobs/p{i:04}.md"),
            format!("---\ntitle: Job {i}\n---\n\nWe hire number {i}.\n"),
        );
        env.write(
            &format!("postings/da/jobs/p{i:04}.md"),
            format!("---\ntitle: Job {i} (da)\n---\n\nVi ansætter nummer {i}.\n"),
        );
    }
    let out = env.tolk("en", &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    env.write(
        &format!("postings/da/jobs/p{BROKEN:04}.md"),
        b"---\ntitle: x\n---\n\nUgyldig \xff tekst.\n",
    );
    let out = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let wrote: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("wrote site/da/jobs/"))
        .collect();
    let expected: Vec<String> = (0..N)
        .filter(|&i| i != BROKEN)
        .map(|i| format!("p{i:04}.md"))
        .collect();
    assert!(wrote == expected, "not each file once, in order");
    assert!(
        out.stdout
            .ends_with(&format!("\n{} files written, 0 unchanged.\n", N - 1)),
        "{}",
        out.stdout.lines().last().unwrap_or_default()
    );
    assert!(
        out.stderr.contains(&format!("p{BROKEN:04}.md:5:")),
        "{}",
        out.stderr
    );
    let site = env.path().join("site/da/jobs");
    assert_eq!(count_files(&site), N - 1);
    for i in (0..N).filter(|&i| i != BROKEN) {
        assert_eq!(
            std::fs::read_to_string(site.join(format!("p{i:04}.md"))).unwrap(),
            format!("---\ntitle: Job {i} (da)\n---\n\nVi ansætter nummer {i}.\n"),
            "p{i:04}.md"
        );
    }
    assert!(!site.join(format!("p{BROKEN:04}.md")).exists());
    let again = env.tolk("en", &["export", "--to", "site"]);
    assert_eq!(
        again.stdout,
        format!("0 files written, {} unchanged.\n", N - 1)
    );
}

/// A new site file gets the usual 0644; one written again keeps the permissions it was given.
#[cfg(unix)]
#[test]
fn a_file_written_again_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let env = shipped();
    let file = "content/da/career/cloud-engineer.md";
    let mode_in = |env: &TestEnv, rel: &str| {
        std::fs::metadata(env.path().join(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    let mode = |rel: &str| mode_in(&env, rel);
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mode(file), 0o644);
    let path = env.path().join(file);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let exported = env.read(file);
    env.write(file, "---\ntitle: \"By hand\"\n---\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env.tolk("en", &["export", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(env.read(file), exported);
    assert_eq!(mode(file), 0o600);
    assert_eq!(mode("content/sv/career/cloud-engineer.md"), 0o644);

    // Files are made with their permissions only where the creation mask keeps them whole:
    // under a mask of 077 a new file is 0644 all the same, and one of 0664 stays 0664 under
    // 022.
    let masked = shipped();
    let export = |umask: &str, args: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" export {args}"))
            .arg(env!("CARGO_BIN_EXE_tolk"))
            .current_dir(masked.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("TOLK_UI_LANG", "en")
            .env("TOLK_NOW", "2026-11-28T12:00:00Z")
            .output()
            .unwrap()
    };
    let out = export("077", "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = |rel: &str| mode_in(&masked, rel);
    assert_eq!(mode(file), 0o644);
    let path = masked.path().join(file);
    masked.write(file, "---\ntitle: \"By hand\"\n---\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    let out = export("022", "--force");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(masked.read(file), exported);
    assert_eq!(mode(file), 0o664);
}

/// A file that cannot be written (a folder where a page goes, a file where a folder goes) is
/// named with the reason, left as it is, and every other file is written; no temporary file is
/// left behind.
/// (The files of the last chunk are made on both cores: their errors must still be each
/// file's own.)
#[test]
fn files_that_cannot_be_written_are_named_and_the_others_written() {
    let env = shipped();
    let blocked = env.path().join("content/da/career/cloud-engineer.md");
    std::fs::create_dir_all(blocked.join("notes")).unwrap();
    env.write("content/sv", "not a folder\n");
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: content/da/career/cloud-engineer.md: is a directory, not a file\n"),
        "{}",
        out.stderr
    );
    for page in [
        "cloud-engineer",
        "customer-success-manager",
        "site-reliability-engineer",
    ] {
        // Said as such, and nothing of the temporary file it was to be written into.
        let named = format!("error: content/sv/career/{page}.md: a folder in its path is a file\n");
        assert!(out.stderr.contains(&named), "{named} in {}", out.stderr);
        assert!(
            env.path()
                .join(format!("content/nb/career/{page}.md"))
                .is_file()
        );
    }
    assert_eq!(
        out.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        4
    );
    assert!(
        out.stdout.ends_with("5 files written, 0 unchanged.\n"),
        "{}",
        out.stdout
    );
    assert!(blocked.join("notes").is_dir(), "the folder left as it is");
    assert_eq!(env.read("content/sv"), "not a folder\n");
    assert_eq!(
        count_files(&env.path().join("content")),
        5 + 1,
        "no temporary file left"
    );
}

/// A key the English added since goes where Hugo reads it in the translation too: a TOML key
/// before the first table (it went after the last one, `[menu.main]`, and became that
/// table's), a nested key into its parent's mapping or table (it was left out).
#[test]
fn a_key_the_english_added_goes_where_hugo_reads_it() {
    let cases = [
        (
            "+++\ntitle = \"Engineer\"\n[params]\nteam = \"ops\"\n[menu.main]\nparent = \"jobs\"\n+++\n\nWe build clouds.\n",
            "+++\ntitle = \"Ingeniør\"\n[params]\nteam = \"ops\"\n[menu.main]\nparent = \"jobs\"\n+++\n\nVi bygger skyer.\n",
            (
                "[params]\nteam = \"ops\"\n",
                "weight = 5\n[params]\nteam = \"ops\"\nimage = \"/x.png\"\n",
            ),
            "+++\ntitle = \"Ingeniør\"\nweight = 5\n[params]\nteam = \"ops\"\nimage = \"/x.png\"\n[menu.main]\nparent = \"jobs\"\n",
        ),
        (
            "---\ntitle: \"Engineer\"\nparams:\n  team: ops\nmenu:\n  main:\n    parent: jobs\n---\n\nWe build clouds.\n",
            "---\ntitle: \"Ingeniør\"\nparams:\n  team: ops\nmenu:\n  main:\n    parent: jobs\n---\n\nVi bygger skyer.\n",
            ("  team: ops\n", "  team: ops\n  image: /x.png\n"),
            "---\ntitle: \"Ingeniør\"\nparams:\n  team: ops\n  image: /x.png\nmenu:\n  main:\n    parent: jobs\n",
        ),
    ];
    for (english, danish, (from, to), want) in cases {
        let env = TestEnv::danish_pair(english, danish);
        env.write("postings/en/career/a.md", english.replace(from, to));
        let out = env.tolk("en", &["export"]);
        assert_eq!(out.code, 0, "{}", out.all());
        let site = env.read("content/da/career/a.md");
        assert!(site.starts_with(want), "{site}");
    }
    // The keys export sets on every page, too.
    let (english, danish, _, _) = cases[0];
    let env = TestEnv::danish_pair(english, danish);
    env.write(
        "tolk.toml",
        "targets = [\"da\"]\n[export]\ntranslation_key = \"translationKey\"\n",
    );
    let out = env.tolk("en", &["export"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let site = env.read("content/da/career/a.md");
    assert!(
        site.starts_with("+++\ntitle = \"Ingeniør\"\ntranslationKey = \"career/a\"\n[params]\n"),
        "{site}"
    );
}
