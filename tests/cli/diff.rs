//! `tolk diff` on the shipped postings: the demo posting's English was edited after it was
//! translated.

use crate::util::{self, shipped};

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
            .contains("\x1b[9m\x1b[31mseks.\x1b[0m\x1b[4m\x1b[32meight.\x1b[0m")
            || out
                .stdout
                .contains("\x1b[9m\x1b[31msix.\x1b[0m\x1b[4m\x1b[32meight.\x1b[0m"),
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

/// `--color auto` follows the colour conventions of the environment (read by anstream):
/// CLICOLOR_FORCE colours even a pipe, NO_COLOR wins over it.
#[test]
fn auto_colour_follows_the_environment() {
    let env = shipped();
    let args = ["diff", "--lang", "nb", "career/cloud-engineer.md"];
    let forced = util::tolk_with_env(
        env.path(),
        &[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")],
        &args,
    );
    assert!(
        forced.stdout.contains("\x1b[4m\x1b[32meight.\x1b[0m"),
        "{}",
        forced.stdout
    );
    let both = util::tolk_with_env(
        env.path(),
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &args,
    );
    assert!(!both.stdout.contains('\x1b'), "{}", both.stdout);
    assert!(both.stdout.contains("{+eight.+}"), "{}", both.stdout);
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

/// A translation whose English is gone has nothing to be compared with: diff says it is
/// orphaned (in the UI's language), not that there is nothing to do.
#[test]
fn an_orphan_is_named_as_such() {
    let env = shipped();
    let text = env.read("postings/sv/career/site-reliability-engineer.md");
    env.write("postings/sv/career/gone.md", text);
    let out = env.tolk("sv", &["diff", "--lang", "sv", "career/gone.md"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        out.stdout,
        "postings/sv/career/gone.md: källannonsen finns inte längre (föräldralös översättning)\n\n"
    );
}
