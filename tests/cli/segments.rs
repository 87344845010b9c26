use crate::util::{TestEnv, repo, tolk};

#[test]
fn shows_segments_with_protected_parts() {
    let out = tolk(
        &repo(),
        "en",
        &["segments", "postings/en/career/cloud-engineer.md"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("segments_cloud_engineer_en", out.all());
}

#[test]
fn json_lists_every_segment() {
    let out = tolk(
        &repo(),
        "en",
        &[
            "segments",
            "--format",
            "json",
            "postings/sv/career/customer-success-manager.md",
        ],
    );
    assert_eq!(out.code, 0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let segs = v[0]["segments"].as_array().unwrap();
    assert_eq!(segs[0]["key"], "fm.Title");
    let button = segs
        .iter()
        .find(|s| s["kind"] == "shortcode-param")
        .unwrap();
    assert_eq!(button["text"], "Sök tjänsten");
    let mail = segs
        .iter()
        .find(|s| s["protected"].as_array().is_some_and(|p| !p.is_empty()))
        .unwrap();
    assert_eq!(mail["protected"][0]["kind"], "link-target");
}

/// Bad input: a localized error naming file and line, exit 2, and the good files still shown.
#[test]
fn bad_input_is_named_and_the_rest_goes_on() {
    let env = TestEnv::empty();
    env.write("good.md", "---\ntitle: Hei\n---\n\nTekst.\n");
    env.write("open.md", "---\ntitle: Hei\n\nTekst.\n");
    env.write("yaml.md", "---\ntitle: Hei\n  intro: [\n---\n");
    env.write("dup.md", "---\ntitle: A\ntitle: B\n---\n");
    env.write("toml.md", "+++\ntitle = \n+++\n");
    env.write("sc.md", "Tekst\n\n{{< ingress >}}\nHei\n");
    env.write("mismatch.md", "Tekst\n\n{{< note >}}\n{{< /ingress >}}\n");
    // Hugo reads a page that opens with `{` as JSON front matter (and refuses this one).
    env.write("json.md", "{{< ingress >}}\nHei\n{{< /ingress >}}\n");
    env.write(
        "json-open.md",
        "\n{\n  \"title\": \"Hei }\",\n  \"menu\": {\"main\": 1}\n\nTekst.\n",
    );
    env.write("utf8.md", b"ok\n\xff\n");
    env.write("nul.md", b"ok\0");
    env.write("empty.md", "");
    std::fs::create_dir(env.path().join("dir.md")).unwrap();
    let files = [
        "good.md",
        "open.md",
        "yaml.md",
        "dup.md",
        "toml.md",
        "sc.md",
        "mismatch.md",
        "json.md",
        "json-open.md",
        "utf8.md",
        "nul.md",
        "empty.md",
        "dir.md",
        "missing.md",
    ];
    let mut args = vec!["segments"];
    args.extend(files);
    let out = env.tolk("da", &args);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("good.md: 2 segmenter"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("segments_bad_input_da", out.stderr);
    let en = env.tolk("en", &args);
    insta::assert_snapshot!("segments_bad_input_en", en.stderr);
}
