//! `tolk adopt SITE_CONTENT_DIR`: takes an existing multilingual Hugo site into the workspace
//! and the memory, and accounts for every page.

use std::io::{self, Write};
use std::path::PathBuf;

use tolk::adopt::{Finding, PageState};
use tolk::export::Layout;
use tolk::i18n::Localizer;
use tolk::tr;

use super::error;

/// Take an existing Hugo content folder (either layout) into the workspace and the memory.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site's content folder.
    content: PathBuf,
    /// Record each translation against the source as it was at the translation's last commit
    /// (git must be on PATH).
    #[arg(long)]
    git: bool,
    /// A front matter key in which the site records the commit of the source each translation
    /// was made from (e.g. `sourceCommit`): each translation is recorded against the source at
    /// that commit (git must be on PATH).
    #[arg(long, value_name = "KEY")]
    commit_key: Option<String>,
}

pub fn run(args: Args, l: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(ws) = super::workspace(l, err)? else {
        return Ok(2);
    };
    if !args.content.is_dir() {
        error::report(l, err, &error::io(&args.content, "not-found"))?;
        return Ok(2);
    }
    // Nothing is made (not even an empty memory) when git cannot give the history asked for.
    let history = if args.git || args.commit_key.is_some() {
        match tolk::adopt::check_git(&args.content, args.git, args.commit_key.as_deref()) {
            Ok(h) => Some(h),
            Err(e) => {
                error::report(l, err, &error::adopt(&e))?;
                return Ok(2);
            }
        }
    } else {
        None
    };
    let Some(mut tm) = super::open_memory(&ws, l, err)? else {
        return Ok(2);
    };
    let report = match tolk::adopt::adopt(
        &ws,
        &mut tm,
        &args.content,
        history.as_ref(),
        &super::now(),
        super::who().as_deref(),
    ) {
        Ok(r) => r,
        Err(e) => {
            error::report(l, err, &error::adopt(&e))?;
            return Ok(2);
        }
    };
    let count = |f: fn(&PageState) -> bool| report.pages.iter().filter(|p| f(&p.state)).count();
    let layout = match report.layout {
        Some(Layout::Suffix) => "suffix",
        _ => "folder",
    };
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "adopt-summary",
            dir = args.content.display().to_string(),
            layout = layout,
            pages = report.pages.len(),
            adopted = count(|s| *s == PageState::Adopted),
            single = count(|s| matches!(s, PageState::SingleLanguage(_))),
            orphans = count(|s| matches!(s, PageState::Orphan(_))),
            unaligned = count(|s| matches!(s, PageState::NotAligned(_))),
            other = count(|s| matches!(s, PageState::Unreadable(_) | PageState::Conflict(_)))
        )
    )?;
    for p in &report.pages {
        if let Some(line) = state_line(l, p) {
            writeln!(out, "  {line}")?;
        }
    }
    let mut shown: usize = 0;
    for p in &report.pages {
        for f in &p.findings {
            shown += 1;
            writeln!(out, "  {}", finding_text(l, &p.rel, f))?;
        }
    }
    writeln!(
        out,
        "{}",
        tr!(
            l,
            "adopt-findings",
            count = shown,
            git = report.from_git.len()
        )
    )?;
    // Where `tolk export` writes, when that is not the folder just adopted.
    let settings = &ws.config.export;
    let other_layout = report.layout.filter(|lay| *lay != settings.layout);
    if ws.root.join(&settings.to) != args.content || other_layout.is_some() {
        let layout = match other_layout {
            Some(Layout::Suffix) => " --layout suffix",
            Some(Layout::Folder) => " --layout folder",
            None => "",
        };
        writeln!(
            out,
            "{}",
            tr!(
                l,
                "adopt-export-to",
                to = settings.to.display().to_string(),
                dir = args.content.display().to_string(),
                layout = layout
            )
        )?;
    }
    Ok(0)
}

/// The line that says what became of a page, `None` for a page adopted without a remark.
fn state_line(l: &Localizer, p: &tolk::adopt::PageReport) -> Option<String> {
    Some(match &p.state {
        PageState::Adopted => return None,
        PageState::SingleLanguage(lang) => {
            tr!(l, "adopt-single", path = p.rel.clone(), lang = lang.clone())
        }
        PageState::Orphan(langs) => tr!(
            l,
            "adopt-orphan",
            path = p.rel.clone(),
            langs = langs.join(", ")
        ),
        PageState::NotAligned(segs) => {
            let list: Vec<String> = segs
                .iter()
                .take(5)
                .map(|(lang, line, key)| format!("{lang}:{line} {key}"))
                .collect();
            tr!(
                l,
                "adopt-unaligned",
                path = p.rel.clone(),
                count = segs.len(),
                segments = list.join(", ")
            )
        }
        PageState::Unreadable(e) => tr!(
            l,
            "adopt-unreadable",
            path = p.rel.clone(),
            reason = super::error::posting(e).text(l)
        ),
        PageState::Conflict(file) => tr!(l, "adopt-conflict", path = file.clone()),
    })
}

/// What a finding on page `rel` says.
fn finding_text(l: &Localizer, rel: &str, f: &Finding) -> String {
    match f {
        Finding::KeyCase { key, variants } => tr!(
            l,
            "finding-key-case",
            path = rel.to_string(),
            key = key.clone(),
            variants = variants.join(", ")
        ),
        Finding::WrongLanguage { lang, value } => tr!(
            l,
            "finding-wrong-language",
            path = rel.to_string(),
            lang = lang.clone(),
            value = value.clone()
        ),
        Finding::TranslatedValue {
            lang,
            key,
            source,
            value,
        } => tr!(
            l,
            "finding-translated-value",
            path = rel.to_string(),
            lang = lang.clone(),
            key = key.clone(),
            source = source.clone(),
            value = value.clone()
        ),
        Finding::GluedFence { lang, line } => tr!(
            l,
            "finding-glued-fence",
            path = rel.to_string(),
            lang = lang.clone(),
            line = *line
        ),
        Finding::LenientFrontMatter { lang, line } => tr!(
            l,
            "finding-lenient",
            path = rel.to_string(),
            lang = lang.clone(),
            line = *line
        ),
    }
}
