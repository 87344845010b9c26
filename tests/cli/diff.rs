//! `tolk diff` on the shipped postings: the demo posting's English was edited after it was
//! translated.

use crate::util::shipped;

#[test]
fn plain_in_english_and_danish() {
    let env = shipped();
    let out = env.tolk("en", &["diff", "--lang", "da"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("one week in [-six.-]{+eight.+}"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("diff_da_plain_en", out.all());
    let out = env.tolk("da", &["diff", "--lang", "da"]);
    insta::assert_snapshot!("diff_da_plain_da", out.all());
}

#[test]
fn coloured_when_asked() {
    let env = shipped();
    let out = env.tolk(
        "en",
        &[
            "diff",
            "--lang",
            "nb",
            "--color",
            "always",
            "career/cloud-engineer.md",
        ],
    );
    assert!(
        out.stdout
            .contains("\x1b[31;9mseks.\x1b[0m\x1b[32;4meight.\x1b[0m")
            || out
                .stdout
                .contains("\x1b[31;9msix.\x1b[0m\x1b[32;4meight.\x1b[0m"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("diff_nb_colour_en", out.stdout.replace('\x1b', "\\e"));
    let out = env.tolk(
        "da",
        &[
            "diff",
            "--lang",
            "nb",
            "--color",
            "always",
            "career/cloud-engineer.md",
        ],
    );
    insta::assert_snapshot!("diff_nb_colour_da", out.stdout.replace('\x1b', "\\e"));
}

/// NO_COLOR and pipes give the plain marks even with `--color auto`.
#[test]
fn no_colour_in_a_pipe() {
    let env = shipped();
    let out = env.tolk("en", &["diff", "--lang", "sv"]);
    assert!(!out.stdout.contains('\x1b'));
    assert!(
        out.stdout
            .contains("1. 100%  Förbättra vår driftsättningskedja så att releaser blir tråkiga."),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("same English, in career/site-reliability-engineer.md")
    );
}

#[test]
fn nothing_to_do() {
    let env = shipped();
    let out = env.tolk(
        "sv",
        &[
            "diff",
            "--lang",
            "sv",
            "career/site-reliability-engineer.md",
        ],
    );
    assert_eq!(
        out.stdout,
        "Inget att göra på sv: alla översättningar är aktuella.\n"
    );
}
