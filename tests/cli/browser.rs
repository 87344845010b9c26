//! The HTML report in a real browser (Debian's Chromium, headless): what a reader sees in the
//! rendered DOM, in English and in Danish; every link; the filters; and that the page asks the
//! network for nothing (Chromium's own net log). Skipped, and said so, where Chromium is
//! absent; `.ci/run` installs it and requires it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{have_tool, shipped};

/// The rendered DOM of `url` (scripts run), and the requests the page made, from the net log.
fn render(url: &str, work: &Path) -> (String, Vec<String>) {
    let n = std::fs::read_dir(work).map_or(0, |d| d.count());
    let profile = work.join(format!("profile{n}"));
    let netlog = work.join(format!("net{n}.json"));
    let out = Command::new("timeout")
        .arg("120")
        .arg("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).expect("the DOM is UTF-8");
    (dom, page_requests(&netlog))
}

/// The URLs requested by pages (the browser's own update and time requests have no origin).
fn page_requests(netlog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(netlog).expect("chromium wrote its net log");
    // A log cut at the end (the browser exits as soon as the DOM is out) is closed here.
    let log: Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("the net log is JSON");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_i64();
    log["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"].as_i64() == start)
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

/// Every `href` of a DOM.
fn links(dom: &str) -> Vec<String> {
    dom.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|s| s.replace("&amp;", "&"))
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn the_report_reads_right_in_a_browser_in_english_and_danish() {
    if !have_tool("chromium") {
        return;
    }
    let env = shipped();
    let status = env.tolk("en", &["status", "--format", "json", "--all"]);
    let status: Value = serde_json::from_str(&status.stdout).unwrap();
    let postings = status["postings"].as_array().unwrap();
    let work = env.path().join("browser");
    std::fs::create_dir_all(&work).unwrap();
    for (ui, current) in [("en", "{}% current"), ("da", "{} % aktuelt")] {
        let out_dir = env.path().join(format!("report-{ui}"));
        let out = env.tolk(ui, &["report", "--out", out_dir.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let index = out_dir.join("index.html");
        let (dom, requests) = render(&format!("file://{}", index.display()), &work);
        assert!(
            requests.is_empty(),
            "the report asked the network for {requests:?}"
        );
        assert!(dom.contains(&format!("<html lang=\"{ui}\"")), "{ui}");
        // Each language's share of current segments, as the status counts it.
        for lang in ["da", "sv", "nb"] {
            let (mut done, mut all) = (0, 0);
            for p in postings.iter().filter(|p| p["lang"] == lang) {
                let c = &p["counts"];
                let n = |k: &str| c[k].as_u64().unwrap();
                done += n("current") + n("carried");
                all += n("current") + n("carried") + n("stale") + n("untranslated") + n("obsolete");
            }
            let pct = format!("{:.0}", 100.0 * done as f64 / all.max(1) as f64);
            let heading = format!("<h2 id=\"{lang}\">{lang}: {}", current.replace("{}", &pct));
            assert!(dom.contains(&heading), "{ui}: no {heading:?} in\n{dom}");
        }
        // Each stale segment: where to edit it, and what changed in the English, word by word.
        let mut stale = 0;
        for p in postings {
            for s in p["segments"].as_array().unwrap() {
                if s["state"] != "stale" {
                    continue;
                }
                stale += 1;
                let place = format!("{}:{}", p["file"].as_str().unwrap(), s["translation_line"]);
                assert!(dom.contains(&place), "{ui}: no {place}");
                let (old, new) = (
                    s["old_source"].as_str().unwrap(),
                    s["source"].as_str().unwrap(),
                );
                for part in tolk::diff::word_diff(old, new) {
                    let want = match part {
                        tolk::diff::Part::Deleted(t) => format!("<del>{}</del>", esc(&t)),
                        tolk::diff::Part::Inserted(t) => format!("<ins>{}</ins>", esc(&t)),
                        tolk::diff::Part::Same(_) => continue,
                    };
                    assert!(dom.contains(&want), "{ui}: {place}: no {want}");
                }
            }
        }
        assert!(stale >= 3, "the shipped postings have stale segments");
        // A working link per posting, to its page, which shows every segment beside its
        // translation.
        let pages: Vec<String> = links(&dom)
            .into_iter()
            .filter(|l| l.starts_with("postings/"))
            .collect();
        assert_eq!(
            pages.len(),
            postings.len(),
            "{ui}: a link per posting and language"
        );
        for p in postings {
            let href = format!(
                "postings/{}/{}.html",
                p["lang"].as_str().unwrap(),
                p["path"].as_str().unwrap()
            );
            assert!(pages.contains(&href), "{ui}: no link {href}");
            let file: PathBuf = out_dir.join(&href);
            let (page, requests) = render(&format!("file://{}", file.display()), &work);
            assert!(
                requests.is_empty(),
                "{href} asked the network for {requests:?}"
            );
            for s in p["segments"].as_array().unwrap() {
                let key = format!("<td class=\"key\">{}<br>", s["key"].as_str().unwrap());
                assert!(page.contains(&key), "{ui}: {href}: no row for {key}");
                if let Some(t) = s["translation"].as_str() {
                    let t = esc(t).replace('\n', "<br>");
                    assert!(page.contains(&t), "{ui}: {href}: no translation {t}");
                }
            }
            // And back.
            let back = links(&page)
                .into_iter()
                .find(|l| l.ends_with("index.html"))
                .unwrap();
            assert!(
                file.parent().unwrap().join(&back).exists(),
                "{ui}: {href}: {back}"
            );
        }
        // The filters, set from the address: Danish postings that are stale, nothing else.
        let (filtered, _) = render(
            &format!("file://{}?lang=da&state=stale", index.display()),
            &work,
        );
        let want = postings
            .iter()
            .filter(|p| p["lang"] == "da" && p["state"] == "stale")
            .count();
        assert!(want > 0);
        assert!(
            filtered.contains(&format!("<output id=\"shown\">{want}</output>")),
            "{ui}: {filtered}"
        );
        for row in filtered.split("<tr data-lang=").skip(1) {
            let row = row.split('>').next().unwrap();
            let shown = row.starts_with("\"da\"") && row.contains("data-state=\"stale\"");
            assert_eq!(!row.contains("hidden"), shown, "{ui}: {row}");
        }
        assert!(filtered.contains("<section class=\"lang\" data-lang=\"sv\" hidden=\"\">"));
    }
}
