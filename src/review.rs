//! REVIEW: machine translations no person has looked at yet, and what a reviewer does with
//! each: approve it (the memory records who and when), or edit it (the edit is written into
//! the file and recorded as the person's translation). What is reviewed stays reviewed, so a
//! review can be stopped and taken up again. When a file has no machine translation left to
//! review, the site's machine-made flag (`ai: true`) is taken off it (`[mt] clear_flag`).

use crate::compare::State;
use crate::fsio::write_atomic;
use crate::posting;
use crate::sync;
use crate::tm::{Origin, Tm, TmError};
use crate::translate;
use crate::workspace::Workspace;

/// A machine translation to review.
#[derive(Debug, Clone)]
pub struct Item {
    pub rel: String,
    pub lang: String,
    pub key: String,
    /// The variant file, as displayed, and the line of the translation in it.
    pub file: String,
    pub line: usize,
    /// Today's English.
    pub source: String,
    pub translation: String,
    /// The translation's id in the memory.
    pub id: i64,
    pub provider: String,
    pub model: Option<String>,
}

/// Why a review step failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Tm(#[from] TmError),
    #[error(transparent)]
    Translate(#[from] translate::Error),
    #[error("{0}: {1}")]
    Write(String, String),
}

/// The unreviewed machine translations of the selected postings and languages, in file order.
/// Postings that cannot be read are left out (`status` names them).
pub fn unreviewed(
    ws: &Workspace,
    tm: &Tm,
    paths: &[String],
    langs: &[String],
) -> Result<Vec<Item>, Error> {
    let mut out = Vec::new();
    for page in ws.pages() {
        if !paths.is_empty() && !paths.contains(&page.rel) {
            continue;
        }
        if !page.present.contains(&page.source) {
            continue;
        }
        for lang in ws.config.targets_of(&page.rel) {
            if (!langs.is_empty() && !langs.contains(&lang)) || !page.present.contains(&lang) {
                continue;
            }
            out.extend(of_file(ws, tm, &page.rel, &lang)?);
        }
    }
    Ok(out)
}

fn of_file(ws: &Workspace, tm: &Tm, rel: &str, lang: &str) -> Result<Vec<Item>, Error> {
    let work = match translate::load(ws, Some(tm), rel, lang) {
        Ok(w) => w,
        Err(translate::Error::Tm(e)) => return Err(e.into()),
        Err(_) => return Ok(Vec::new()),
    };
    let mut out = Vec::new();
    for e in &work.comparison.entries {
        let (Some(i), Some(j), Some(t)) = (e.source_index, e.variant_index, &e.recorded) else {
            continue;
        };
        if !t.unreviewed || !matches!(e.state, State::Current | State::Carried) {
            continue;
        }
        let (provider, model) = match &t.origin {
            Origin::Machine { provider, model } => (provider.clone(), model.clone()),
            Origin::Person => continue,
        };
        let v = &work.variant_segments[j];
        out.push(Item {
            rel: rel.to_string(),
            lang: lang.to_string(),
            key: v.key.clone(),
            file: ws.display(lang, rel),
            line: v.line,
            source: work.source_segments[i].text.clone(),
            translation: v.text.clone(),
            id: t.id,
            provider,
            model,
        });
    }
    Ok(out)
}

/// What a review step did to the file besides the segment.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Done {
    /// The machine-made flag was taken off the file (nothing left to review in it).
    pub flag_cleared: bool,
}

/// Approves a machine translation as it is.
pub fn approve(
    ws: &Workspace,
    tm: &mut Tm,
    now: &str,
    who: Option<&str>,
    item: &Item,
) -> Result<Done, Error> {
    let mut w = tm.writer(now, who)?;
    w.mark_reviewed(&[item.id])?;
    w.commit()?;
    finish(ws, tm, item)
}

/// Replaces a machine translation by a person's, in the file and in the memory.
pub fn edit(
    ws: &Workspace,
    tm: &mut Tm,
    now: &str,
    who: Option<&str>,
    item: &Item,
    text: &str,
) -> Result<Done, Error> {
    translate::write(ws, Some(tm), &item.rel, &item.lang, &item.key, text)?;
    let options = sync::Options {
        paths: vec![item.rel.clone()],
        langs: vec![item.lang.clone()],
        ..sync::Options::default()
    };
    sync::sync(ws, tm, now, who, &options)?;
    finish(ws, tm, item)
}

/// Takes the flag off the item's file when nothing is left to review in it.
fn finish(ws: &Workspace, tm: &Tm, item: &Item) -> Result<Done, Error> {
    let settings = &ws.config.mt;
    let Some(flag) = settings.flag.as_deref().filter(|_| settings.clear_flag) else {
        return Ok(Done::default());
    };
    if !of_file(ws, tm, &item.rel, &item.lang)?.is_empty() {
        return Ok(Done::default());
    }
    let path = ws.file(&item.lang, &item.rel);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::Write(item.file.clone(), posting::io_reason(&e)))?;
    match posting::remove_front_matter_key(&text, &ws.config.rules, flag) {
        Some(without) => {
            write_atomic(&path, without.as_bytes())
                .map_err(|e| Error::Write(item.file.clone(), posting::io_reason(&e)))?;
            Ok(Done { flag_cleared: true })
        }
        None => Ok(Done::default()),
    }
}
