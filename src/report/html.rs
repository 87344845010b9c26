//! A static HTML report that works opened from disk and never reaches the network (its
//! Content-Security-Policy allows no request at all): `index.html` with, per language, a
//! progress bar (current, stale, untranslated), a row per posting and each stale segment's
//! word diff beside the translation; filters by language and state and a search by posting
//! (a small inline script; without it the whole table shows); and a page per posting and
//! language with every segment side by side (English, translation, state, word diff). And an
//! SVG badge per language (`da 87%`), coloured by the verdict.

use std::fmt::Write as _;

use super::Report;
use super::junit::xml as esc;
use crate::compare::State;
use crate::diff::{Part, word_diff};
use crate::i18n::Localizer;
use crate::report::check::{Verdict, Verdicts};
use crate::tr;

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1d2330;padding:0 1rem}\
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d8dce4;padding-bottom:.3rem}\
.bar{display:flex;height:1.1rem;border-radius:4px;overflow:hidden;background:#eceff4;margin:.3rem 0 1rem}\
.bar span{display:block}.current{background:#2e8b57}.stale{background:#e0a100}.untranslated{background:#c8cdd6}\
.legend span{margin-right:1rem}.dot{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:middle}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #e3e6ec;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#f5f6f9}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.verdict-fail{color:#b3261e;font-weight:600}.verdict-warn{color:#9a6700;font-weight:600}.verdict-pass{color:#2e7d32}\
del{background:#ffd7d5;color:#82071e;text-decoration:line-through}ins{background:#ccffd8;color:#055d20;text-decoration:none}\
.seg{margin:.6rem 0 1rem;padding:.6rem .8rem;border-left:4px solid #e0a100;background:#fbfaf5}.seg.untranslated{border-color:#c8cdd6;background:#f7f8fa}\
.seg .where{font-family:ui-monospace,monospace;font-size:.85rem;color:#555}.seg p{margin:.25rem 0}.label{color:#666;font-size:.85rem;margin-right:.4rem}\
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:1rem 0;padding:.6rem .8rem;background:#f5f6f9;border-radius:4px}.filters label{display:flex;flex-direction:column;font-size:.85rem;color:#444}\
.filters select,.filters input{font:inherit;padding:.2rem .3rem}[hidden]{display:none!important}\
td.key{font-family:ui-monospace,monospace;font-size:.85rem;white-space:nowrap}tr.s-stale td.st{color:#9a6700;font-weight:600}tr.s-untranslated td.st{color:#666}tr.s-obsolete td.st{color:#b3261e}";

/// No request of any kind: styles and the one script are inline, images are data only.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// The filters: language, state and a search by posting, applied to every element with
/// `data-path`; the form starts hidden, so a reader without scripts sees everything. The
/// query string (`?lang=da&state=stale&q=cloud`) sets them too.
const SCRIPT: &str = "(function(){var f=document.getElementById('filters');if(!f)return;f.hidden=false;\
var q=new URLSearchParams(location.search);['lang','state','q'].forEach(function(k){if(q.has(k))f.elements[k].value=q.get(k);});\
function apply(){var lang=f.elements.lang.value,state=f.elements.state.value,text=f.elements.q.value.trim().toLowerCase(),n=0;\
document.querySelectorAll('[data-path]').forEach(function(e){var ok=(!lang||e.dataset.lang===lang)&&(!state||e.dataset.state===state)&&(!text||e.dataset.path.toLowerCase().indexOf(text)>=0);e.hidden=!ok;if(ok&&e.tagName==='TR')n++;});\
document.querySelectorAll('section[data-lang]').forEach(function(s){s.hidden=!!lang&&s.dataset.lang!==lang;});\
document.getElementById('shown').textContent=String(n);}\
f.addEventListener('input',apply);f.addEventListener('submit',function(e){e.preventDefault();apply();});apply();})();";

/// The head of a page: language, title, policy, style.
fn head(h: &mut String, l: &Localizer, title: &str) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        l.lang(),
        esc(title),
    );
}

/// The file of a posting's page in a language, relative to the report folder
/// (`postings/da/career/x.md.html`); `None` for a path that is not plainly relative.
pub fn posting_file(lang: &str, path: &str) -> Option<String> {
    let plain = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.chars().all(|c| c != '\\' && c != ':' && !c.is_control())
    };
    (plain(lang) && path.split('/').all(plain)).then(|| format!("postings/{lang}/{path}.html"))
}

/// A relative file name as a link: each part percent-encoded where it is not plain.
fn href(file: &str) -> String {
    let mut out = String::new();
    for b in file.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn diff_html(old: &str, new: &str) -> String {
    let mut s = String::new();
    for p in word_diff(old, new) {
        match p {
            Part::Same(t) => s.push_str(&esc(&t)),
            Part::Deleted(t) => {
                let _ = write!(s, "<del>{}</del>", esc(&t));
            }
            Part::Inserted(t) => {
                let _ = write!(s, "<ins>{}</ins>", esc(&t));
            }
        }
    }
    s.replace('\n', "<br>")
}

/// The report page.
pub fn page(report: &Report, verdicts: &Verdicts, l: &Localizer) -> String {
    let mut h = String::new();
    let title = tr!(l, "html-title");
    head(&mut h, l, &title);
    let _ = writeln!(h, "<h1>{}</h1>", esc(&title));
    filters(&mut h, report, l);
    let _ = writeln!(
        h,
        "<p class=\"legend\"><span><i class=\"dot current\"></i>{}</span><span><i class=\"dot stale\"></i>{}</span><span><i class=\"dot untranslated\"></i>{}</span></p>",
        esc(&tr!(l, "state-current")),
        esc(&tr!(l, "state-stale")),
        esc(&tr!(l, "html-untranslated"))
    );
    for (lang, c) in report.by_language() {
        let rows: Vec<_> = report
            .postings
            .iter()
            .zip(verdicts.iter())
            .filter(|(p, _)| p.lang == lang)
            .collect();
        let verdict = rows.iter().map(|(_, v)| *v).max().unwrap_or(Verdict::Pass);
        let total = c.total().max(1) as f64;
        let pct = |n: usize| 100.0 * n as f64 / total;
        let _ = write!(
            h,
            "<section class=\"lang\" data-lang=\"{lang}\">\n<h2 id=\"{lang}\">{} <span class=\"verdict-{}\">{}</span></h2>\n<div class=\"bar\" title=\"{:.0}%\"><span class=\"current\" style=\"width:{:.2}%\"></span><span class=\"stale\" style=\"width:{:.2}%\"></span><span class=\"untranslated\" style=\"width:{:.2}%\"></span></div>\n",
            esc(&tr!(
                l,
                "status-summary",
                lang = lang.clone(),
                percent = format!("{:.0}", c.percent_current()),
                stale = c.stale,
                untranslated = c.untranslated
            )),
            verdict.as_str(),
            esc(&super::check_text::verdict_name(l, verdict)),
            c.percent_current(),
            pct(c.current + c.carried),
            pct(c.stale),
            pct(c.untranslated),
        );
        let unreviewed: usize = rows.iter().map(|(p, _)| p.unreviewed.len()).sum();
        if unreviewed > 0 {
            let _ = writeln!(
                h,
                "<p class=\"legend\">{}</p>",
                esc(&tr!(l, "status-unreviewed", count = unreviewed))
            );
        }
        let _ = writeln!(
            h,
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
            esc(&tr!(l, "col-posting")),
            esc(&tr!(l, "col-state")),
            esc(&tr!(l, "md-verdict")),
            esc(&tr!(l, "col-current")),
            esc(&tr!(l, "col-stale")),
            esc(&tr!(l, "col-untranslated"))
        );
        for (p, v) in &rows {
            let link = posting_file(&lang, &p.path)
                .map_or_else(|| format!("#{lang}-{}", esc(&p.path)), |f| esc(&href(&f)));
            let _ = writeln!(
                h,
                "<tr data-lang=\"{lang}\" data-state=\"{}\" data-path=\"{}\"><td><a href=\"{link}\">{}</a></td><td>{}</td><td class=\"verdict-{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                p.state.as_str(),
                esc(&p.path),
                esc(&p.path),
                esc(&super::text::state_name(l, p.state)),
                v.as_str(),
                esc(&super::check_text::verdict_name(l, *v)),
                p.counts.current + p.counts.carried,
                p.counts.stale,
                p.counts.untranslated
            );
        }
        h.push_str("</table>\n");
        for (p, _) in &rows {
            let segs: Vec<_> = p
                .segments
                .iter()
                .filter(|s| matches!(s.state, State::Stale | State::Untranslated))
                .collect();
            if segs.is_empty() {
                continue;
            }
            let _ = writeln!(
                h,
                "<div class=\"posting\" data-lang=\"{lang}\" data-state=\"{}\" data-path=\"{}\"><h3 id=\"{lang}-{}\">{}</h3>",
                p.state.as_str(),
                esc(&p.path),
                esc(&p.path),
                esc(&p.file)
            );
            for s in segs {
                let place = super::entry::place(l, &p.file, s);
                let state = super::entry::state(l, s);
                let class = if s.state == State::Stale {
                    "seg"
                } else {
                    "seg untranslated"
                };
                let _ = write!(
                    h,
                    "<div class=\"{class}\"><div class=\"where\">{} · {} · {}</div>",
                    esc(&place),
                    esc(&s.key),
                    esc(&state)
                );
                let source = s.source.clone().unwrap_or_default();
                let english = match &s.old_source {
                    Some(old) => diff_html(old, &source),
                    None => esc(&source).replace('\n', "<br>"),
                };
                let _ = write!(
                    h,
                    "<p><span class=\"label\">{}</span>{english}</p>",
                    esc(&tr!(l, "diff-label-english"))
                );
                if let Some(t) = &s.translation {
                    let _ = write!(
                        h,
                        "<p><span class=\"label\">{}</span>{}</p>",
                        esc(&l.tr(&format!("lang-{lang}"), None)),
                        esc(t).replace('\n', "<br>")
                    );
                }
                h.push_str("</div>\n");
            }
            h.push_str("</div>\n");
        }
        h.push_str("</section>\n");
    }
    let _ = writeln!(h, "<script>{SCRIPT}</script>");
    h.push_str("</body></html>\n");
    h
}

/// The filter form (hidden until the script shows it).
fn filters(h: &mut String, report: &Report, l: &Localizer) {
    let _ = write!(
        h,
        "<form id=\"filters\" class=\"filters\" hidden><label>{}<select name=\"lang\"><option value=\"\">{}</option>",
        esc(&tr!(l, "html-filter-lang")),
        esc(&tr!(l, "html-filter-all"))
    );
    for lang in report.by_language().keys() {
        let _ = write!(
            h,
            "<option value=\"{lang}\">{}</option>",
            esc(&l.tr(&format!("lang-{lang}"), None))
        );
    }
    let _ = write!(
        h,
        "</select></label><label>{}<select name=\"state\"><option value=\"\">{}</option>",
        esc(&tr!(l, "html-filter-state")),
        esc(&tr!(l, "html-filter-all"))
    );
    use super::PostingState::*;
    for state in [Current, Stale, Incomplete, Missing, Orphaned, Error] {
        let _ = write!(
            h,
            "<option value=\"{}\">{}</option>",
            state.as_str(),
            esc(&super::text::state_name(l, state))
        );
    }
    let _ = writeln!(
        h,
        "</select></label><label>{}<input type=\"search\" name=\"q\"></label><span>{} <output id=\"shown\"></output></span></form>",
        esc(&tr!(l, "html-filter-search")),
        esc(&tr!(l, "html-filter-shown"))
    );
}

/// Why the posting pages could not all be made.
#[derive(Debug, thiserror::Error)]
pub enum PagesError {
    #[error(transparent)]
    Tm(#[from] crate::tm::TmError),
    #[error("{0}: {1}")]
    Write(String, std::io::Error),
}

/// The page of every posting of the workspace in each target language (`langs`: only these;
/// empty: all), built a few pages at a time so that a large site is never held in memory whole.
/// `verdict_of(path, lang)` is the check's verdict on each; `write` is given each page's file
/// (relative to the report folder, see [`posting_file`]) and text. Returns how many it wrote.
pub fn posting_pages(
    ws: &crate::workspace::Workspace,
    tm: Option<&crate::tm::Tm>,
    langs: &[String],
    verdict_of: &dyn Fn(&str, &str) -> Verdict,
    l: &Localizer,
    write: &mut dyn FnMut(&str, &str) -> std::io::Result<()>,
) -> Result<usize, PagesError> {
    const CHUNK: usize = 128;
    let filter = super::Filter {
        paths: Vec::new(),
        langs: langs.to_vec(),
        all: true,
    };
    let mut written = 0;
    for chunk in ws.pages().chunks(CHUNK) {
        for part in super::build_pages(ws, tm, &filter, chunk)? {
            for p in &part.postings {
                let Some(file) = posting_file(&p.lang, &p.path) else {
                    continue;
                };
                let page = posting_page(p, verdict_of(&p.path, &p.lang), l);
                write(&file, &page).map_err(|e| PagesError::Write(file.clone(), e))?;
                written += 1;
            }
        }
    }
    Ok(written)
}

/// The page of one posting in one language: every segment side by side with its translation,
/// its state and, for a stale one, what changed in the English since it was translated.
/// `verdict` is the check's verdict on it.
pub fn posting_page(p: &super::PostingReport, verdict: Verdict, l: &Localizer) -> String {
    let mut h = String::new();
    let lang_name = l.tr(&format!("lang-{}", p.lang), None);
    let title = format!("{} · {lang_name}", p.path);
    head(&mut h, l, &title);
    let depth = p.path.matches('/').count() + 2;
    let _ = writeln!(
        h,
        "<p><a href=\"{}index.html\">{}</a></p>\n<h1>{}</h1>",
        "../".repeat(depth),
        esc(&tr!(l, "html-back")),
        esc(&title)
    );
    let _ = writeln!(
        h,
        "<p>{} <span class=\"verdict-{}\">{}</span> · {} · {}</p>",
        esc(&super::text::state_name(l, p.state)),
        verdict.as_str(),
        esc(&super::check_text::verdict_name(l, verdict)),
        esc(&p.file),
        esc(&tr!(
            l,
            "status-summary",
            lang = p.lang.clone(),
            percent = format!("{:.0}", p.counts.percent_current()),
            stale = p.counts.stale,
            untranslated = p.counts.untranslated
        ))
    );
    let _ = writeln!(
        h,
        "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        esc(&tr!(l, "html-col-segment")),
        esc(&tr!(l, "col-state")),
        esc(&tr!(l, "diff-label-english")),
        esc(&lang_name),
        esc(&tr!(l, "html-col-changed"))
    );
    for s in &p.segments {
        let state = match s.state {
            State::Stale if s.change.is_some() => super::entry::state(l, s),
            other => l.tr(&format!("segment-state-{}", other.as_str()), None),
        };
        let place = super::entry::place(l, &p.file, s);
        let text = |t: &Option<String>| esc(t.as_deref().unwrap_or("")).replace('\n', "<br>");
        let changed = match (&s.old_source, &s.source) {
            (Some(old), Some(new)) if s.state != State::Obsolete => diff_html(old, new),
            _ => String::new(),
        };
        let _ = writeln!(
            h,
            "<tr class=\"s-{}\"><td class=\"key\">{}<br>{}</td><td class=\"st\">{}</td><td>{}</td><td>{}</td><td>{changed}</td></tr>",
            s.state.as_str(),
            esc(&s.key),
            esc(&place),
            esc(&state),
            text(&s.source),
            text(&s.translation),
        );
    }
    h.push_str("</table>\n</body></html>\n");
    h
}

/// An SVG badge: `da 87%`, green when the check passes, amber on warnings, red on failure.
pub fn badge(lang: &str, percent: f64, verdict: Verdict) -> String {
    let value = format!("{percent:.0}%");
    let colour = match verdict {
        Verdict::Pass => "#2e8b57",
        Verdict::Warn => "#c98a00",
        Verdict::Fail => "#c0392b",
    };
    let lw = 8 + 7 * lang.chars().count();
    let vw = 8 + 7 * value.chars().count();
    let w = lw + vw;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{lang} {value}\">\
<title>{lang} {value}</title><rect width=\"{lw}\" height=\"20\" fill=\"#555\"/><rect x=\"{lw}\" width=\"{vw}\" height=\"20\" fill=\"{colour}\"/>\
<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\" text-anchor=\"middle\">\
<text x=\"{}\" y=\"14\">{lang}</text><text x=\"{}\" y=\"14\">{value}</text></g></svg>\n",
        lw / 2,
        lw + vw / 2
    )
}
