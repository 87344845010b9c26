//! A translation session: the stale and untranslated segments of one posting in one language
//! (and those of a merge conflict), one at a time, each with its suggestions; each answer is
//! written at once to the variant file and recorded in the memory. The `translate` command
//! drives it from a terminal or from piped lines; the session itself never reads or prints.

use std::collections::BTreeSet;

use crate::compare::State;
use crate::inspect::Problem;
use crate::report::{self, Filter, PostingReport, SegmentReport};
use crate::suggest::{self, Ask, Memory, Suggestion};
use crate::sync::{self, Accept, Options};
use crate::tm::{MachineAnswer, Tm};
use crate::workspace::Workspace;

use super::Error;

/// The segment to answer next.
#[derive(Debug, Clone)]
pub struct Item {
    /// The variant file, as shown to people.
    pub file: String,
    pub segment: SegmentReport,
    /// Best first; an answer's number picks one (1-based).
    pub suggestions: Vec<Suggestion>,
    /// Segments left, this one included.
    pub left: usize,
}

/// A translator's answer to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A suggestion, by its number (1-based).
    Pick(usize),
    /// A new translation (`\n` written as a backslash and `n` stands for a line break).
    Text(String),
    /// The translation stays: a stale one is still right for today's English; a merge
    /// conflict's segment keeps what the file holds.
    Keep,
    /// Not now: the next item is another segment.
    Skip,
}

/// What an answer did.
#[derive(Debug)]
pub enum Outcome {
    /// The translation was written and recorded; the content checks' findings on it
    /// (line in the variant file, segment key, problem).
    Written(Vec<(usize, String, Problem)>),
    /// Recorded as still correct (or the conflict as resolved by the file).
    Kept,
    Skipped,
    /// Not an answer this item takes (a number without a suggestion, keep on an untranslated
    /// segment, an empty text): nothing changed.
    Refused,
    /// The page with this answer would not parse again, or would lose the English's
    /// shortcodes (the error says where): nothing changed, the segment is asked again.
    Breaks(super::Error),
}

/// One posting in one language, being translated.
pub struct Session<'a> {
    ws: &'a Workspace,
    tm: &'a mut Tm,
    rel: String,
    lang: String,
    threshold: u32,
    now: String,
    who: Option<String>,
    skipped: BTreeSet<String>,
    answered: usize,
    posting: Option<PostingReport>,
    memory: Memory,
    machine: Vec<MachineAnswer>,
}

impl<'a> Session<'a> {
    /// Opens a session on posting `rel` (its variant file must exist) in `lang`; `threshold` is
    /// the least percentage of matching words for a fuzzy suggestion; `now` and `who` go into
    /// the memory's records.
    pub fn open(
        ws: &'a Workspace,
        tm: &'a mut Tm,
        rel: &str,
        lang: &str,
        threshold: u32,
        now: &str,
        who: Option<&str>,
    ) -> Result<Session<'a>, Error> {
        // A translation whose English is gone (an orphan) has nothing to be translated from.
        if !ws.file(ws.config.source_of(rel), rel).is_file() {
            return Err(Error::NoSource {
                rel: rel.to_string(),
            });
        }
        let memory = Memory::new(tm.candidates(lang)?);
        let machine = tm.machine_answers(rel, lang)?;
        let mut s = Session {
            ws,
            tm,
            rel: rel.to_string(),
            lang: lang.to_string(),
            threshold,
            now: now.to_string(),
            who: who.map(str::to_string),
            skipped: BTreeSet::new(),
            answered: 0,
            posting: None,
            memory,
            machine,
        };
        s.refresh()?;
        Ok(s)
    }

    /// Reads this posting's state again (only this posting and language).
    fn refresh(&mut self) -> Result<(), Error> {
        let filter = Filter {
            paths: vec![self.rel.clone()],
            langs: vec![self.lang.clone()],
            // Every segment: the current ones too, for merge conflicts.
            all: true,
        };
        let mut report = report::build(self.ws, Some(self.tm), &filter)?;
        if let Some(e) = report.errors.drain(..).find_map(|e| e.error) {
            return Err(Error::Posting(e));
        }
        self.posting = report.postings.into_iter().next();
        Ok(())
    }

    /// The variant file, as shown to people (`None` when the posting has no source).
    pub fn file(&self) -> Option<&str> {
        self.posting.as_ref().map(|p| p.file.as_str())
    }

    /// How many answers wrote or kept a translation.
    pub fn answered(&self) -> usize {
        self.answered
    }

    fn conflict(&self, key: &str) -> Option<&report::MergeConflict> {
        self.posting
            .as_ref()?
            .conflicts
            .iter()
            .find(|c| c.key == key)
    }

    /// The next segment to answer, `None` when none is left.
    pub fn next(&self) -> Option<Item> {
        let posting = self.posting.as_ref()?;
        let todo: Vec<&SegmentReport> = posting
            .segments
            .iter()
            .filter(|s| {
                (matches!(s.state, State::Stale | State::Untranslated)
                    || self.conflict(&s.key).is_some())
                    && !self.skipped.contains(&s.key)
            })
            .collect();
        let seg = *todo.first()?;
        let suggestions = suggest::offered(
            &self.memory,
            &self.machine,
            &Ask {
                source: seg.source.as_deref().unwrap_or(""),
                heading: seg.heading.as_deref(),
                posting: &self.rel,
                translation: seg.translation.as_deref(),
                conflict: self
                    .conflict(&seg.key)
                    .map(|c| (c.ours.as_str(), c.theirs.as_str())),
                threshold: self.threshold,
            },
        );
        Some(Item {
            file: posting.file.clone(),
            segment: seg.clone(),
            suggestions,
            left: todo.len(),
        })
    }

    /// Answers `item` (as [`Session::next`] gave it).
    pub fn answer(&mut self, item: &Item, answer: Answer) -> Result<Outcome, Error> {
        let key = item.segment.key.clone();
        let stale = item.segment.state == State::Stale;
        let text = match answer {
            Answer::Skip => {
                self.skipped.insert(key);
                return Ok(Outcome::Skipped);
            }
            // A conflict kept as the file has it: the sync records it, which resolves it.
            Answer::Keep if self.conflict(&key).is_some() && !stale => {
                self.sync(Vec::new())?;
                self.skipped.insert(key);
                self.answered += 1;
                return Ok(Outcome::Kept);
            }
            Answer::Keep if stale => {
                self.sync(vec![Accept {
                    rel: self.rel.clone(),
                    lang: self.lang.clone(),
                    keys: Some(vec![key]),
                }])?;
                self.answered += 1;
                return Ok(Outcome::Kept);
            }
            Answer::Keep => return Ok(Outcome::Refused),
            Answer::Pick(n) => match n.checked_sub(1).and_then(|i| item.suggestions.get(i)) {
                Some(s) => s.text.clone(),
                None => return Ok(Outcome::Refused),
            },
            Answer::Text(t) if t.trim().is_empty() => return Ok(Outcome::Refused),
            Answer::Text(t) => t.replace("\\n", "\n"),
        };
        match super::write(self.ws, Some(self.tm), &self.rel, &self.lang, &key, &text) {
            Err(e @ super::Error::Breaks { .. }) => return Ok(Outcome::Breaks(e)),
            r => r?,
        }
        let done = self.sync(Vec::new())?;
        self.memory = Memory::new(self.tm.candidates(&self.lang)?);
        self.answered += 1;
        let file = self.ws.display(&self.lang, &self.rel);
        let problems = done
            .postings
            .into_iter()
            .flat_map(|p| p.problems)
            .filter(|(f, ..)| *f == file)
            .map(|(_, line, key, problem)| (line, key, problem))
            .collect();
        Ok(Outcome::Written(problems))
    }

    /// Records this posting in the memory, accepting `accept`, and reads its state again.
    fn sync(&mut self, accept: Vec<Accept>) -> Result<sync::SyncReport, Error> {
        let options = Options {
            paths: vec![self.rel.clone()],
            accept,
            ..Default::default()
        };
        let done = sync::sync(self.ws, self.tm, &self.now, self.who.as_deref(), &options)?;
        self.refresh()?;
        Ok(done)
    }
}
