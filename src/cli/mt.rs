//! `tolk mt`: machine translation of exactly the segments that need it (stale and
//! untranslated), by the provider of `[mt]` in tolk.toml; `--dry-run` says what would be sent
//! and what it would cost, and sends nothing.

use std::io::{self, Write};

use tolk::i18n::Localizer;
use tolk::mt::{self, Options, ProviderError, Rejection, Why};
use tolk::tm::Tm;
use tolk::tr;

use super::error;

/// Machine-translate the stale and untranslated segments (only those), marked for review.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Postings to translate (paths inside a language folder, or files); default: all.
    paths: Vec<String>,
    /// Target languages (repeat for several); default: all.
    #[arg(long = "lang", value_name = "LANG")]
    langs: Vec<String>,
    /// Say per language what would be sent (segments, words, characters, tokens, cost); send
    /// nothing, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Send at most N segments.
    #[arg(long, value_name = "N")]
    max_segments: Option<usize>,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace_with_postings(l, err)? else {
        return Ok(2);
    };
    let Some((paths, langs)) = super::select(&ws, &args.paths, &args.langs, l, err)? else {
        return Ok(2);
    };
    let mut options = Options {
        paths,
        langs,
        max_segments: args.max_segments,
        progress: None,
    };
    if args.dry_run {
        return dry_run(&ws, &options, l, out, err);
    }
    let client = match mt::Client::new(&ws.config.mt, &ws.config.source) {
        Ok(c) => c,
        Err(e) => {
            error::report(l, err, &provider_error(&e))?;
            return Ok(2);
        }
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let bar = super::progress_bar();
    options.progress = bar.clone().map(|bar| {
        tolk::fsio::Progress(std::sync::Arc::new(move |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }))
    });
    let now = super::now();
    let who = super::who();
    let summary = match mt::run(&ws, &mut tm, &client, &now, who.as_deref(), &options) {
        Ok(s) => s,
        Err(e) => return fail(l, err, &e),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let synced = summary.sync.iter().flat_map(|r| &r.errors);
    let unreadable = synced.clone().next().is_some() || !summary.errors.is_empty();
    let messages = synced.map(error::posting).chain(
        summary
            .errors
            .iter()
            .map(|(file, e)| error::translate(e, file)),
    );
    error::report_unique(l, err, messages)?;
    for file in &summary.created {
        writeln!(out, "{}", tr!(l, "mt-created", file = file.clone()))?;
    }
    for (lang, count, e) in &summary.failed_requests {
        error::warn(
            l,
            err,
            &error::Message::new("mt-request-failed")
                .arg("lang", lang.clone())
                .num("count", *count)
                .arg("error", provider_error(e).text(l)),
        )?;
    }
    // What a page refused is said once for the page, with how many of its segments it left
    // (61 lines of the same sentence said less); a segment's own reason, by segment.
    let by_page = page_refusals(l, &summary.left);
    let mut said = std::collections::HashSet::new();
    for left in &summary.left {
        if matches!(left.why, Why::Failed(_)) {
            continue;
        }
        let why = why_text(l, &left.why, &left.file);
        if let Some(&count) = by_page.get(&(left.lang.as_str(), left.file.as_str(), why.clone()))
            && count > 1
        {
            if said.insert((left.lang.as_str(), left.file.as_str(), why.clone())) {
                writeln!(
                    out,
                    "{}",
                    tr!(
                        l,
                        "mt-left-page",
                        lang = left.lang.clone(),
                        file = left.file.clone(),
                        count = count,
                        why = why
                    )
                )?;
            }
            continue;
        }
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "mt-left",
                lang = left.lang.clone(),
                place = format!("{}:{}", left.file, left.line),
                key = left.key.clone(),
                why = why
            )
        )?;
    }
    if summary.reused > 0 {
        writeln!(out, "{}", tr!(l, "mt-reused", count = summary.reused))?;
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "mt-summary",
            sent = summary.sent,
            requests = summary.requests,
            written = summary.written,
            files = summary.files.len(),
            suggested = summary.suggested,
            left = summary.left.len()
        )
    )?;
    if summary.written > 0 {
        writeln!(out, "{}", tr!(l, "mt-next"))?;
    }
    Ok(if unreadable {
        2
    } else if summary.left.iter().any(|x| !matches!(x.why, Why::Limit)) {
        1
    } else {
        0
    })
}

fn dry_run(
    ws: &tolk::workspace::Workspace,
    options: &Options,
    l: &Localizer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let tm = match Tm::open_read_only(&ws.memory_path()) {
        Ok(t) => t,
        Err(e) => {
            error::report(l, err, &error::tm(&e))?;
            return Ok(2);
        }
    };
    let plan = match mt::plan(ws, tm.as_ref(), options) {
        Ok(p) => p,
        Err(e) => return fail(l, err, &e),
    };
    error::report_unique(
        l,
        err,
        plan.errors
            .iter()
            .map(|(file, e)| error::translate(e, file)),
    )?;
    let estimates = mt::estimate(ws, &plan, options);
    if estimates.iter().all(|e| e.segments == 0) && plan.refused.is_empty() {
        writeln!(out, "{}", tr!(l, "mt-dry-run-nothing"))?;
    }
    for e in &estimates {
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "mt-dry-run-lang",
                lang = e.lang.clone(),
                segments = e.segments,
                words = e.words,
                characters = e.characters,
                tokens = e.tokens
            )
        )?;
        if let Some(c) = e.cost {
            writeln!(
                out,
                "  {}",
                tr!(l, "mt-dry-run-cost", cost = format!("{c:.4}"))
            )?;
        }
        if e.known > 0 {
            writeln!(out, "  {}", tr!(l, "mt-dry-run-known", count = e.known))?;
        }
    }
    // Pages that take no answer: none of their segments would be sent (a run names each).
    for ((lang, file, why), count) in page_refusals(l, &plan.refused) {
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "mt-dry-run-refused",
                lang = lang.to_string(),
                file = file.to_string(),
                count = count,
                why = why
            )
        )?;
    }
    Ok(if plan.errors.is_empty() { 0 } else { 2 })
}

/// Reports what stopped a run; exit 2.
fn fail(l: &Localizer, err: &mut dyn Write, e: &mt::Error) -> io::Result<u8> {
    let m = match e {
        mt::Error::Tm(e) => error::tm(e),
        mt::Error::Provider(e) => provider_error(e),
    };
    error::report(l, err, &m)?;
    Ok(2)
}

/// A provider error as a message.
pub fn provider_error(e: &ProviderError) -> error::Message {
    match e {
        ProviderError::NotConfigured(what) => error::Message::new("mt-not-configured")
            .arg("what", what.clone())
            .hint("hint-mt-configure"),
        ProviderError::NoKey(var) => error::Message::new("mt-no-key").arg("var", var.clone()),
        ProviderError::Http(status, body) => error::Message::new("mt-http")
            .num("status", usize::from(*status))
            .arg("body", body.clone()),
        ProviderError::Unreachable(why) => {
            error::Message::new("mt-unreachable").arg("why", why.clone())
        }
        ProviderError::BadAnswer(why) => {
            error::Message::new("mt-bad-answer").arg("why", why.clone())
        }
        ProviderError::Command(why) => error::Message::new("mt-command").arg("why", why.clone()),
    }
}

/// How many segments each page left for a reason of the page's (by language, English file
/// and the reason as said).
fn page_refusals<'a>(
    l: &Localizer,
    left: &'a [mt::Left],
) -> std::collections::BTreeMap<(&'a str, &'a str, String), usize> {
    let mut by_page = std::collections::BTreeMap::new();
    for x in left.iter().filter(|x| matches!(x.why, Why::Page(_))) {
        let why = why_text(l, &x.why, &x.file);
        *by_page
            .entry((x.lang.as_str(), x.file.as_str(), why))
            .or_default() += 1;
    }
    by_page
}

fn why_text(l: &Localizer, why: &Why, file: &str) -> String {
    match why {
        Why::Rejected(r) => rejection(l, r),
        Why::Failed(e) => provider_error(e).text(l),
        Why::Page(why) => error::refusal(why, file).text(l),
        Why::Limit => tr!(l, "mt-why-limit"),
    }
}

fn rejection(l: &Localizer, r: &Rejection) -> String {
    l.tr(
        &format!("mt-why-{}", r.code()),
        Some(&tolk::i18n::args([("detail", r.detail().as_str().into())])),
    )
}
