use std::path::Path;

use super::*;

/// (A text that opens with a shortcode is given front matter: Hugo reads a page that opens
/// with `{` as JSON front matter.)
fn segments(text: &str) -> Vec<Segment> {
    let rules = Rules::default();
    let posting = Posting::parse(Path::new("t.md"), text.to_string(), &rules).unwrap();
    split(&posting, &rules)
}

/// Asserts the (kind, key, text) of every segment.
#[track_caller]
fn assert_segments(text: &str, expected: &[(Kind, &str, &str)]) {
    let got: Vec<(Kind, String, String)> = segments(text)
        .into_iter()
        .map(|s| (s.kind, s.key, s.text))
        .collect();
    let expected: Vec<(Kind, String, String)> = expected
        .iter()
        .map(|(k, key, t)| (*k, key.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn headings_paragraphs_lists() {
    assert_segments(
        "# Join us {#join}\n\nWe are *small*.\nAnd kind.\n\n- one\n- two\n  - nested\n\n1. First\n\n   more\n",
        &[
            (Kind::Heading, "h1", "Join us"),
            (Kind::Paragraph, "h1.p1", "We are *small*.\nAnd kind."),
            (Kind::ListItem, "h1.li1", "one"),
            (Kind::ListItem, "h1.li2", "two"),
            (Kind::ListItem, "h1.li3", "nested"),
            (Kind::ListItem, "h1.li4", "First"),
            (Kind::ListItem, "h1.li5", "more"),
        ],
    );
}

#[test]
fn tables_quotes_footnotes_html() {
    assert_segments(
        "| Role | Where |\n|---|---|\n| Engineer | Oslo |\n\n> Quoted\n\nText[^1].\n\n[^1]: A note.\n\n<div class=\"x\">\n<p>Visible</p>\n</div>\n\n<!-- hidden -->\n\n```\ncode\n```\n",
        &[
            (Kind::TableCell, "top.t1.r1c1", "Role"),
            (Kind::TableCell, "top.t1.r1c2", "Where"),
            (Kind::TableCell, "top.t1.r2c1", "Engineer"),
            (Kind::TableCell, "top.t1.r2c2", "Oslo"),
            (Kind::BlockQuote, "top.bq1", "Quoted"),
            (Kind::Paragraph, "top.p1", "Text[^1]."),
            (Kind::Footnote, "top.fn1", "A note."),
            (
                Kind::Html,
                "top.html1",
                "<div class=\"x\">\n<p>Visible</p>\n</div>",
            ),
        ],
    );
}

#[test]
fn shortcodes_block_inline_and_params() {
    assert_segments(
        "---\nTitle: \"Cloud Engineer\"\nsidebarlinkurl: \"https://x\"\nsidebarlinkname: Apply\ndraft: false\n---\n\n{{< ingress >}}\nWe are hiring.\n{{< /ingress >}}\n\n## Apply\n\nRead [this]({{% relref \"/a.md\" %}}) and {{< inline \"Call us\" >}}.\n\n{{% localbutton text=\"Apply now\" link=\"https://x\" %}}\n\n```\n{{< ingress >}}\n{{< /ingress >}}\n```\n",
        &[
            (Kind::FrontMatter, "fm.Title", "Cloud Engineer"),
            (Kind::FrontMatter, "fm.sidebarlinkname", "Apply"),
            (Kind::Paragraph, "top.p1", "We are hiring."),
            (Kind::Heading, "h1", "Apply"),
            (
                Kind::Paragraph,
                "h1.p1",
                "Read [this]({{% relref \"/a.md\" %}}) and {{< inline \"Call us\" >}}.",
            ),
            (Kind::ShortcodeParam, "h1.sc1.text", "Apply now"),
        ],
    );
}

#[test]
fn inline_paired_shortcode_content() {
    assert_segments(
        "---\ndraft: false\n---\n{{< note >}}Mind the gap{{< /note >}}\n\n{{< accordion title=\"Q\" >}}\nAnswer\n{{< /accordion >}}\n",
        &[
            (Kind::Paragraph, "top.p1", "Mind the gap"),
            (Kind::ShortcodeParam, "top.sc1.title", "Q"),
            (Kind::Paragraph, "top.p2", "Answer"),
        ],
    );
}

#[test]
fn protected_parts_of_a_text() {
    let rules = Rules::default();
    let text = "See [the post](https://x.y/z \"t\"), `code`, <b>bold</b>, <https://a.b> and {{< inline \"Call\" >}} ![alt](i.png).";
    let parts: Vec<(ProtectedKind, &str)> = protected_parts(text, &rules)
        .into_iter()
        .map(|p| (p.kind, &text[p.range]))
        .collect();
    assert_eq!(
        parts,
        [
            (ProtectedKind::LinkTarget, "(https://x.y/z \"t\")"),
            (ProtectedKind::Code, "`code`"),
            (ProtectedKind::Html, "<b>"),
            (ProtectedKind::Html, "</b>"),
            (ProtectedKind::Autolink, "<https://a.b>"),
            (ProtectedKind::Shortcode, "{{< inline \""),
            (ProtectedKind::Shortcode, "\" >}}"),
            (ProtectedKind::ImageTarget, "(i.png)"),
        ]
    );
}

#[test]
fn splice_changes_only_the_replaced_bytes() {
    let text = "---\ntitle: 'It''s'\ntags: [a]\n---\n\n## Hi  \n\n| a | b |\n|---|--:|\n| c | d |\n\nLine one  \nline two\n\n{{< x text=\"Go\" >}}\n";
    let rules = Rules::default();
    let posting = Posting::parse(Path::new("t.md"), text.to_string(), &rules).unwrap();
    let segs = split(&posting, &rules);
    assert_eq!(splice(text, &segs, |_| None), text);
    assert_eq!(splice(text, &segs, |s| Some(s.text.clone())), text);
    let upper = splice(text, &segs, |s| Some(s.text.to_uppercase()));
    assert_eq!(
        upper,
        "---\ntitle: 'IT''S'\ntags: [a]\n---\n\n## HI  \n\n| A | B |\n|---|--:|\n| C | D |\n\nLINE ONE  \nLINE TWO\n\n{{< x text=\"GO\" >}}\n"
    );
    let again = Posting::parse(Path::new("t.md"), upper, &rules).unwrap();
    let kinds = |s: &[Segment]| {
        s.iter()
            .map(|s| (s.kind, s.key.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&split(&again, &rules)), kinds(&segs));
}

#[test]
fn keys_survive_edits_elsewhere() {
    let a = segments("## A\n\nOne.\n\nTwo.\n\n## B\n\nThree.\n");
    let b = segments("## A\n\nOne, edited at length.\n\nTwo.\n\n## B\n\nThree.\n");
    let keys = |s: &[Segment]| s.iter().map(|s| s.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&a), keys(&b));
    assert_eq!(keys(&a), ["h1", "h1.p1", "h1.p2", "h2", "h2.p1"]);
}

#[test]
fn lines_and_crlf() {
    let s = segments("---\r\ntitle: A\r\n---\r\n\r\nPara one\r\nstill\r\n\r\n- item\r\n");
    assert_eq!(s[0].line, 2);
    assert_eq!(s[1].text, "Para one\r\nstill");
    assert_eq!(s[1].line, 5);
    assert_eq!((s[2].text.as_str(), s[2].line), ("item", 8));
}

/// A boolean or numeric value of a text parameter is a switch for the template, not text: it
/// stays skeleton (`{{< tabpane text=true >}}`); a quote right after the name is a parameter
/// (`{{< relref"manual" >}}`, as Hugo reads it).
#[test]
fn literal_parameters_are_skeleton() {
    assert_segments(
        "---\ndraft: false\n---\n{{< tabpane text=true >}}\n\n{{< button text=\"Apply now\" >}}\n\n{{< button text=\"42\" >}}\n\nSee {{< relref\"manual\" >}}.\n",
        &[
            (Kind::ShortcodeParam, "top.sc1.text", "Apply now"),
            (Kind::Paragraph, "top.p1", "See {{< relref\"manual\" >}}."),
        ],
    );
}

/// A blockquote alert's marker (`> [!NOTE]`) is skeleton: only the text after it is a segment,
/// and a marker alone is none.
#[test]
fn alert_markers_are_skeleton() {
    assert_segments(
        "> [!NOTE]\n> Read the manual first.\n\n> [!TIP]\n>\n> Start small.\n",
        &[
            (Kind::BlockQuote, "top.bq1", "Read the manual first."),
            (Kind::BlockQuote, "top.bq2", "Start small."),
        ],
    );
}

/// A shortcode call spanning lines inside a fenced code block inside a list item keeps the
/// fence whole: the heading and paragraphs after it are segments (they were hidden, read as
/// code to the end of the page).
#[test]
fn a_multi_line_call_in_a_fence_in_a_list_item_keeps_the_fence() {
    assert_segments(
        "1. Run:\n\n   ```bash\n   kubectl apply -f {{< param\n   \"url\" >}}\n   ```\n\n## Next steps\n\nRead the guide.\n",
        &[
            (Kind::ListItem, "top.li1", "Run:"),
            (Kind::Heading, "h1", "Next steps"),
            (Kind::Paragraph, "h1.p1", "Read the guide."),
        ],
    );
}

proptest::proptest! {
    /// Whether an HTML block shows text, against the plain reading (each next tag or call
    /// looked for from where the last one ended), on blocks made of tags, comments, calls,
    /// scripts, styles, blanks and words in any order, some left open.
    #[test]
    fn visible_text_as_the_plain_reading(
        parts in proptest::collection::vec(0usize..12, 0..24),
    ) {
        const PARTS: [&str; 12] = [
            "<div class=\"a\">", "</div>", "<!-- note -->", "{{< icon \"x\" >}}", "<script>var a = 1;</script>",
            "<STYLE>p { color: red }</STYLE>", " \n", "Word", "<!-- open", "{{< open", "<br", "é",
        ];
        let html: String = parts.iter().map(|&p| PARTS[p]).collect();
        proptest::prop_assert_eq!(has_visible_text(&html), plain_reading(&html), "{:?}", html);
    }
}

/// The reading `has_visible_text` gives faster.
fn plain_reading(html: &str) -> bool {
    let mut rest = html;
    loop {
        let next = [rest.find('<'), rest.find("{{")]
            .into_iter()
            .flatten()
            .min();
        let Some(at) = next else {
            return rest.chars().any(char::is_alphanumeric);
        };
        if rest[..at].chars().any(char::is_alphanumeric) {
            return true;
        }
        let tail = &rest[at..];
        let lower = tail.to_ascii_lowercase();
        let skip_to = if tail.starts_with("{{") {
            tail.find("}}").map(|p| p + 2)
        } else if tail.starts_with("<!--") {
            tail.find("-->").map(|p| p + 3)
        } else if lower.starts_with("<script") {
            lower.find("</script>").map(|p| p + 9)
        } else if lower.starts_with("<style") {
            lower.find("</style>").map(|p| p + 8)
        } else {
            tail.find('>').map(|p| p + 1)
        };
        match skip_to {
            Some(n) => rest = &tail[n..],
            None => return false,
        }
    }
}

#[test]
fn a_key_made_again_is_numbered_and_only_within_its_section() {
    // A parameter given twice in one call (Hugo takes the last; both are text to translate),
    // the same parameters in a second call, and again under a heading.
    assert_segments(
        "---\ndraft: false\n---\n{{% localbutton text=\"Apply\" text=\"Now\" %}}\n\n{{% localbutton text=\"Read\" %}}\n\n## More\n\n{{% localbutton text=\"Go\" text=\"There\" text=\"Again\" %}}\n",
        &[
            (Kind::ShortcodeParam, "top.sc1.text", "Apply"),
            (Kind::ShortcodeParam, "top.sc1.text~2", "Now"),
            (Kind::ShortcodeParam, "top.sc2.text", "Read"),
            (Kind::Heading, "h1", "More"),
            (Kind::ShortcodeParam, "h1.sc1.text", "Go"),
            (Kind::ShortcodeParam, "h1.sc1.text~2", "There"),
            (Kind::ShortcodeParam, "h1.sc1.text~3", "Again"),
        ],
    );
}

#[test]
fn line_numbers_count_from_the_top_of_the_file() {
    let got: Vec<(String, usize)> = segments(
        "---\ntitle: \"A\"\n---\n\n# One\n\nText\non two lines.\n\n\n\n| a |\n|---|\n| b |\n\n{{% localbutton text=\"Go\" %}}\n",
    )
    .into_iter()
    .map(|s| (s.key, s.line))
    .collect();
    let want = [
        ("fm.title", 2),
        ("h1", 5),
        ("h1.p1", 7),
        ("h1.t1.r1c1", 12),
        ("h1.t1.r2c1", 14),
        ("h1.sc1.text", 16),
    ];
    let want: Vec<(String, usize)> = want.iter().map(|(k, l)| (k.to_string(), *l)).collect();
    assert_eq!(got, want);
}

/// Hugo's `highlight` passes its inner content to a highlighter: code, never a segment (nor a
/// call's parameters inside it); a site names its own such shortcodes (`verbatim`), and one
/// left out of the list is read as text again. A code part inline is protected whole.
#[test]
fn a_verbatim_shortcode_keeps_its_inner_content() {
    let page = "Intro.\n\n{{< highlight go \"linenos=table\" >}}\nfmt.Println(\"hi\")\n{{< note title=\"x\" >}}\n{{< /highlight >}}\n\n{{< mermaid title=\"Flow\" >}}\ngraph TD; A-->B\n{{< /mermaid >}}\n\nRun {{< highlight sh >}}make all{{< /highlight >}} first.\n";
    let split_with = |rules: &Rules| {
        let posting = Posting::parse(Path::new("t.md"), page.to_string(), rules).unwrap();
        split(&posting, rules)
            .into_iter()
            .map(|s| (s.key, s.text))
            .collect::<Vec<_>>()
    };
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        split_with(&Rules::default()),
        pairs(&[
            ("top.p1", "Intro."),
            ("top.sc1.title", "Flow"),
            ("top.p2", "graph TD; A-->B"),
            (
                "top.p3",
                "Run {{< highlight sh >}}make all{{< /highlight >}} first."
            ),
        ])
    );
    let rules = Rules::default().with_verbatim(&["highlight", "mermaid"]);
    assert_eq!(
        split_with(&rules),
        pairs(&[
            ("top.p1", "Intro."),
            ("top.sc1.title", "Flow"),
            (
                "top.p2",
                "Run {{< highlight sh >}}make all{{< /highlight >}} first."
            ),
        ])
    );
    let none: [&str; 0] = [];
    let got = split_with(&Rules::default().with_verbatim(&none));
    assert!(
        got.iter().any(|(_, t)| t == "fmt.Println(\"hi\")"),
        "{got:?}"
    );
    let parts = protected_parts(
        "Run {{< highlight sh >}}make all{{< /highlight >}} first.",
        &rules,
    );
    assert_eq!(
        parts
            .iter()
            .map(|p| (p.kind, p.range.clone()))
            .collect::<Vec<_>>(),
        [(ProtectedKind::Shortcode, 4..50)]
    );
}

/// Hugo's Goldmark reads definition lists: a term and its definition are each a segment, and
/// the `: ` marker is skeleton.
#[test]
fn definition_lists_as_hugo_reads_them() {
    assert_segments(
        "Intro.\n\nOn-call\n: A week at a time, paid.\n\nRemote\n: Within the Nordics.\n",
        &[
            (Kind::Paragraph, "top.p1", "Intro."),
            (Kind::Paragraph, "top.p2", "On-call"),
            (Kind::Paragraph, "top.p3", "A week at a time, paid."),
            (Kind::Paragraph, "top.p4", "Remote"),
            (Kind::Paragraph, "top.p5", "Within the Nordics."),
        ],
    );
}

/// A footnote reference in a segment's text is protected, though its definition is elsewhere
/// in the page; a bracket that only looks like one (`[^ x]`) is text.
#[test]
fn a_footnote_reference_is_protected() {
    let parts = protected_parts(
        "Paid leave[^leave] and more[^2]; see [^ x].",
        &Rules::default(),
    );
    assert_eq!(
        parts
            .iter()
            .map(|p| (p.kind, p.range.clone()))
            .collect::<Vec<_>>(),
        [
            (ProtectedKind::FootnoteRef, 10..18),
            (ProtectedKind::FootnoteRef, 27..31),
        ]
    );
}
