//! COMPARE: today's files against the memory. For each source segment of today and each target
//! language: is the translation `current`, `carried`, `stale` or `untranslated`, and which
//! translations are `obsolete`?
//!
//! The comparison is pure (no I/O): `status` reports it, `sync` records it.
//!
//! ```
//! use tolk::compare::{classify_change, Change};
//! assert_eq!(classify_change("Apply now!", "apply now"), Change::Cosmetic);
//! assert_eq!(classify_change("See [the docs](/docs).", "See [the docs][]."), Change::Cosmetic);
//! assert_eq!(classify_change("We offer 25 days of holiday", "We offer 30 days of holiday"), Change::Edited);
//! assert_eq!(classify_change("We offer 25 days of holiday", "Send us your CV today"), Change::Rewritten);
//! ```

use serde::{Deserialize, Serialize};

use crate::align::{align, similarity, words};
use crate::config::Rules;
use crate::segment::{self, Kind, Segment};
use crate::tm::pack::Damaged;
use crate::tm::{SourceRow, TranslationRow, VariantRow};

/// The state of one source segment in one target language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Current,
    Carried,
    Stale,
    Untranslated,
    Obsolete,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Current => "current",
            State::Carried => "carried",
            State::Stale => "stale",
            State::Untranslated => "untranslated",
            State::Obsolete => "obsolete",
        }
    }
}

/// How much the source text changed since the translation was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// White space, punctuation or letter case only.
    Cosmetic,
    Edited,
    Rewritten,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Cosmetic => "cosmetic",
            Change::Edited => "edited",
            Change::Rewritten => "rewritten",
        }
    }
}

/// How a source text changed: cosmetic, edited, or rewritten (less than half the words kept).
pub fn classify_change(old: &str, new: &str) -> Change {
    // What a reader sees: letters and digits, without link targets and reference labels
    // (`[text](url)` and `[text][]` read the same).
    let norm = |s: &str| -> String {
        without_link_targets(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if norm(old) == norm(new) {
        Change::Cosmetic
    } else if similarity(old, new) < 0.5 {
        Change::Rewritten
    } else {
        Change::Edited
    }
}

/// The text with the target of each Markdown link left out: `(url "title")` or `[label]` right
/// after a `]`.
fn without_link_targets(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("](") && !s.contains("][") {
        return std::borrow::Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        let close = match (b[i], b[i + 1]) {
            (b']', b'(') => b')',
            (b']', b'[') => b']',
            _ => {
                i += 1;
                continue;
            }
        };
        let (mut j, mut depth) = (i + 2, 0usize);
        while j < b.len() {
            match b[j] {
                b'(' if close == b')' => depth += 1,
                c if c == close && depth == 0 => break,
                b')' if close == b')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        out.push_str(&s[pos..=i]);
        pos = j + 1;
        i = j + 1;
    }
    out.push_str(&s[pos..]);
    std::borrow::Cow::Owned(out)
}

/// Where a variant segment's source segment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineageRef {
    /// A lineage already in the memory.
    Known(i64),
    /// The lineage of today's source segment with this index (new if it has none yet).
    Today(usize),
}

/// The outcome for one source segment in one language (or one obsolete translation).
#[derive(Debug, Clone)]
pub struct Entry {
    pub state: State,
    /// Index of today's source segment (`None` for obsolete entries).
    pub source_index: Option<usize>,
    /// Index of the variant segment that translates it.
    pub variant_index: Option<usize>,
    /// The recorded translation, when the variant text is the one the memory knows.
    pub recorded: Option<TranslationRow>,
    pub change: Option<Change>,
    /// The source text the translation was made from, when it differs from today's.
    pub old_source: Option<String>,
    /// For `carried`: the translation with the source's protected change applied.
    pub carried_text: Option<String>,
}

/// A variant compared with today's source.
#[derive(Debug, Clone)]
pub struct VariantComparison {
    /// One entry per source segment, in order, then the obsolete ones.
    pub entries: Vec<Entry>,
    /// For each variant segment: its source segment, if aligned.
    pub links: Vec<Option<LineageRef>>,
    /// Variant segments that could not be aligned with any source segment (index, reason).
    pub unaligned: Vec<usize>,
}

/// Kinds that real translations turn into each other (a date that became a list item, a
/// heading that became bold text).
fn compatible(a: Kind, b: Kind) -> bool {
    use Kind::*;
    a == b
        || (matches!(a, Paragraph | ListItem | Heading | BlockQuote)
            && matches!(b, Paragraph | ListItem | Heading | BlockQuote))
}

fn kind_of(s: &str) -> Kind {
    match s {
        "front-matter" => Kind::FrontMatter,
        "heading" => Kind::Heading,
        "list-item" => Kind::ListItem,
        "table-cell" => Kind::TableCell,
        "blockquote" => Kind::BlockQuote,
        "footnote" => Kind::Footnote,
        "html" => Kind::Html,
        "shortcode-param" => Kind::ShortcodeParam,
        _ => Kind::Paragraph,
    }
}

/// The label that must agree for front matter and shortcode parameters: the key's last part.
fn label(kind: Kind, key: &str) -> Option<String> {
    match kind {
        Kind::FrontMatter => Some(key.trim_start_matches("fm.").to_lowercase()),
        Kind::ShortcodeParam => key.rsplit('.').next().map(str::to_lowercase),
        _ => None,
    }
}

/// A structural key: kind and label, equal for segments that take the same place in any
/// language.
fn structure_key(kind: Kind, key: &str) -> u64 {
    let mut s = kind.as_str().to_string();
    if let Some(l) = label(kind, key) {
        s.push(':');
        s.push_str(&l);
    }
    segment::hash(&s)
}

/// Score for pairing an earlier version of a source segment with today's; `section`: today's
/// heading heads the earlier one's section ([`above_its_section`]).
fn version_score(old: &SourceRow, new: &Segment, section: bool) -> f64 {
    let (kind_old, key_old, text_old) = (kind_of(&old.kind), old.key.as_str(), &*old.text);
    if !compatible(kind_old, new.kind) || label(kind_old, key_old) != label(new.kind, &new.key) {
        return -1.0;
    }
    let sim = similarity(text_old, &new.text);
    let same_key = key_old == new.key;
    // A short text (a heading, a label) shares few words with its edited version: one of the
    // same kind in the same place (the aligner only pairs within a run of changes between
    // unchanged neighbours) is its edit, unless it is a heading of another level (an edit
    // keeps the heading's place in the outline; a level unknown to an older memory agrees).
    let spaced = |s: &str| s.split_whitespace().count();
    let short = kind_old == new.kind
        && old
            .level
            .is_none_or(|level| new.level == 0 || level == new.level)
        && spaced(text_old) <= 3
        && spaced(&new.text) <= 3;
    if sim < 0.2 && !short {
        return -1.0;
    }
    // Two short texts often share no word at all (a heading rewritten): what is left to go by
    // is their length, as an edit that replaces a word keeps it. It outweighs the key, which
    // counts places (the third heading), and so moves to the next one when a block before it
    // is deleted.
    let length = if short {
        let (a, b) = (words(text_old) as f64, words(&new.text) as f64);
        0.5 * a.min(b) / a.max(b).max(1.0)
    } else {
        0.0
    };
    // The place is a small hint only, counted once: the same key (a block deleted before an
    // edit in the same section gives the edited block the deleted one's key; 0.5 outweighed a
    // clearly similar text), or, surer for a heading, the same section below it (a heading
    // added above a rewritten one takes its key, as the first of the two). Both together
    // still give way to the likeness of length.
    let place = if section {
        0.25
    } else if same_key {
        0.2
    } else {
        0.0
    };
    sim + length + if kind_old == new.kind { 0.3 } else { 0.0 } + place
}

/// Score for pairing a source segment with a segment of a translation (another language).
fn cross_score(src_kind: Kind, src_key: &str, src_text: &str, v: &Segment) -> f64 {
    if !compatible(src_kind, v.kind) || label(src_kind, src_key) != label(v.kind, &v.key) {
        return -1.0;
    }
    let (a, b) = (
        src_text.chars().count() as f64,
        v.text.chars().count() as f64,
    );
    let ratio = a.min(b) / a.max(b).max(1.0);
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let numbers = if !digits(src_text).is_empty() && digits(src_text) == digits(&v.text) {
        0.5
    } else {
        0.0
    };
    ratio
        + numbers
        + if src_kind == v.kind { 1.0 } else { 0.0 }
        + if src_key == v.key { 0.3 } else { 0.0 }
}

/// For each of today's source segments: the memory row it continues (the same text, else the
/// earlier version it was edited from), or `None` when it is new.
pub fn source_lineage(memory: &[SourceRow], today: &[Segment]) -> Vec<Option<usize>> {
    let (old, new): (Vec<usize>, Vec<usize>) =
        ((0..memory.len()).collect(), (0..today.len()).collect());
    align(
        &old,
        &new,
        |&o| memory[o].hash,
        |&n| today[n].hash,
        |&o, &n| {
            version_score(
                &memory[o],
                &today[n],
                above_its_section(memory, o, today, n),
            )
        },
    )
}

/// Whether today's segment `n` heads the section the earlier heading `o` headed: both are
/// headings, and the same text comes next, as many lines below (a heading stays above its
/// section; one added above it heads an empty one).
fn above_its_section(memory: &[SourceRow], o: usize, today: &[Segment], n: usize) -> bool {
    let (Some(next_old), Some(next_new)) = (memory.get(o + 1), today.get(n + 1)) else {
        return false;
    };
    let (old, new) = (&memory[o], &today[n]);
    let below = next_old.line.checked_sub(old.line);
    kind_of(&old.kind) == Kind::Heading
        && new.kind == Kind::Heading
        && next_old.hash == next_new.hash
        && below.is_some()
        && below == next_new.line.checked_sub(new.line)
}

/// A source segment that is one part of an earlier segment split in two or more (a paragraph
/// whose lines became paragraphs of their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The memory row of the earlier segment.
    pub row: usize,
    /// Which lines of the earlier text this part is.
    pub lines: std::ops::Range<usize>,
    /// How many lines the earlier text had.
    pub total: usize,
}

/// Finds source segments that are parts of an earlier multi-line segment: consecutive segments
/// of today whose texts are consecutive line groups of one memory row, where none of them is
/// paired with another row.
pub fn source_splits(
    memory: &[SourceRow],
    today: &[Segment],
    partners: &[Option<usize>],
) -> Vec<Option<Split>> {
    let mut out: Vec<Option<Split>> = vec![None; today.len()];
    let norm = |s: &str| s.trim().replace('\r', "");
    for (k, row) in memory.iter().enumerate() {
        if !row.text.contains('\n') || today.iter().any(|t| t.hash == row.hash) {
            continue;
        }
        let lines: Vec<&str> = row.text.lines().collect();
        for start in 0..today.len() {
            let mut i = start;
            let mut pos = 0;
            let mut parts = Vec::new();
            while i < today.len() && pos < lines.len() && partners[i].is_none_or(|p| p == k) {
                let want = norm(&today[i].text);
                let Some(n) = (1..=lines.len() - pos)
                    .find(|&n| norm(&lines[pos..pos + n].join("\n")) == want)
                else {
                    break;
                };
                parts.push((i, pos..pos + n));
                pos += n;
                i += 1;
            }
            if pos == lines.len() && parts.len() >= 2 {
                for (i, r) in parts {
                    out[i] = Some(Split {
                        row: k,
                        lines: r,
                        total: lines.len(),
                    });
                }
                break;
            }
        }
    }
    out
}

/// Today's source against the memory, in the forms the rest of tolk needs.
pub struct SourceMatch {
    /// For each of today's segments: the memory row it continues.
    pub rows: Vec<Option<usize>>,
    /// For each of today's segments: its lineage in the memory (`None`: new).
    pub lineage: Vec<Option<i64>>,
    /// For each of today's segments that is part of an earlier split segment: that segment's
    /// lineage and the part.
    pub splits: Vec<Option<(i64, Split)>>,
}

/// Matches today's source segments with the memory's rows of the same posting.
pub fn match_source(memory: &[SourceRow], today: &[Segment]) -> SourceMatch {
    let rows = source_lineage(memory, today);
    let splits = source_splits(memory, today, &rows)
        .into_iter()
        .map(|s| s.map(|s| (memory[s.row].lineage, s)))
        .collect();
    let lineage = rows.iter().map(|k| k.map(|k| memory[k].lineage)).collect();
    SourceMatch {
        rows,
        lineage,
        splits,
    }
}

/// What the memory knows of each variant segment, from the variant as the last sync saw it.
struct Recalled<'m> {
    /// Per variant segment: its lineage, and its recorded translation if the text is unchanged
    /// since that sync.
    via_memory: Vec<(Option<i64>, Option<&'m TranslationRow>)>,
    /// Segments left in the source language as placeholders (recorded with a lineage and no
    /// translation) and not edited since.
    placeholder: Vec<bool>,
    /// Segments the last sync saw, unchanged since, that translated no source segment then
    /// (text a translator added): they are no translation of a source segment added since.
    known_unaligned: Vec<bool>,
}

fn recall<'m>(
    memory_variant: &'m [VariantRow],
    variant: &[Segment],
) -> Result<Recalled<'m>, Damaged> {
    let mut r = Recalled {
        via_memory: vec![(None, None); variant.len()],
        placeholder: vec![false; variant.len()],
        known_unaligned: vec![false; variant.len()],
    };
    if memory_variant.is_empty() {
        return Ok(r);
    }
    let partners = align_variant_versions(memory_variant, variant)?;
    for (j, p) in partners.iter().enumerate() {
        if let Some(k) = *p {
            let row = &memory_variant[k];
            let unchanged = row.hash == variant[j].hash;
            r.placeholder[j] = unchanged && row.lineage.is_some() && row.translation.is_none();
            r.known_unaligned[j] = unchanged && row.lineage.is_none();
            r.via_memory[j] = (
                row.lineage,
                if unchanged {
                    row.translation.as_ref()
                } else {
                    None
                },
            );
        }
    }
    Ok(r)
}

/// Source and variant segments paired.
struct Pairs {
    of_src: Vec<Option<usize>>,
    of_var: Vec<Option<usize>>,
    /// Parts of a split segment: the lines of the whole's translation that are theirs.
    split_text: Vec<Option<String>>,
}

/// Pairs today's source segments with the variant's: parts of a split segment with the lines
/// of the whole's translation, then by lineage, then the rest by structure.
fn pair(
    source: &[Segment],
    lineage_of_today: &[Option<i64>],
    splits: &[Option<(i64, Split)>],
    recalled: &Recalled<'_>,
    variant: &[Segment],
) -> Pairs {
    let n_src = source.len();
    let via_memory = &recalled.via_memory;
    // Source index of each lineage of today (made for every page of a sync and a status).
    let mut src_of_lineage =
        rustc_hash::FxHashMap::with_capacity_and_hasher(n_src, Default::default());
    for (i, l) in lineage_of_today.iter().enumerate() {
        if let Some(l) = l {
            src_of_lineage.insert(*l, i);
        }
    }
    let mut p = Pairs {
        of_src: vec![None; n_src],
        of_var: vec![None; variant.len()],
        split_text: vec![None; n_src],
    };
    // Parts of a split segment share the translation of the whole, cut at the same lines.
    for (i, sp) in splits.iter().enumerate() {
        let Some((lineage, sp)) = sp else { continue };
        let Some(j) = (0..variant.len())
            .find(|&j| via_memory[j].0 == Some(*lineage) && via_memory[j].1.is_some())
        else {
            continue;
        };
        let lines: Vec<&str> = variant[j].text.lines().collect();
        if lines.len() != sp.total
            || p.of_var[j].is_some_and(|k| splits[k].as_ref().is_none_or(|(l, _)| l != lineage))
        {
            continue;
        }
        p.split_text[i] = Some(lines[sp.lines.clone()].join("\n"));
        p.of_src[i] = Some(j);
        if p.of_var[j].is_none() {
            p.of_var[j] = Some(i);
        }
    }
    for (j, (l, _)) in via_memory.iter().enumerate() {
        if let Some(i) = l.and_then(|l| src_of_lineage.get(&l).copied())
            && p.of_src[i].is_none()
        {
            p.of_src[i] = Some(j);
            p.of_var[j] = Some(i);
        }
    }
    // The rest: align by structure across languages, in order. A variant segment the memory
    // knows as the translation of a source segment that is gone is obsolete: it is never paired
    // with a new source segment (that would call a deleted block's translation a stale
    // translation of an inserted one).
    let free_src: Vec<usize> = (0..n_src).filter(|&i| p.of_src[i].is_none()).collect();
    let free_var: Vec<usize> = (0..variant.len())
        .filter(|&j| {
            p.of_var[j].is_none()
                && !recalled.known_unaligned[j]
                && via_memory[j]
                    .0
                    .is_none_or(|l| src_of_lineage.contains_key(&l))
        })
        .collect();
    let src_items: Vec<&Segment> = free_src.iter().map(|&i| &source[i]).collect();
    let var_items: Vec<&Segment> = free_var.iter().map(|&j| &variant[j]).collect();
    for (b, partner) in align_cross(&src_items, &var_items).iter().enumerate() {
        if let Some(a) = *partner {
            let (i, j) = (free_src[a], free_var[b]);
            p.of_src[i] = Some(j);
            p.of_var[j] = Some(i);
        }
    }
    p
}

/// The entry of source segment `i` (`seg`) paired with variant segment `j`.
fn paired_entry(
    rules: &Rules,
    i: usize,
    seg: &Segment,
    j: usize,
    variant: &Segment,
    recalled: &Recalled<'_>,
    split_text: Option<&String>,
) -> Entry {
    let recorded = recalled.via_memory[j].1;
    let mut entry = Entry {
        state: State::Current,
        source_index: Some(i),
        variant_index: Some(j),
        recorded: recorded.cloned(),
        change: None,
        old_source: None,
        carried_text: None,
    };
    if recalled.placeholder[j] {
        entry.state = State::Untranslated;
    } else if let Some(text) = split_text {
        entry.state = State::Carried;
        entry.old_source = recorded.map(|t| t.source_text.to_string());
        entry.carried_text = Some(text.clone());
    } else if let Some(t) = recorded
        && *t.source_text != *seg.text
    {
        entry.old_source = Some(t.source_text.to_string());
        match carry(rules, &t.source_text, &seg.text, &variant.text) {
            Some(carried) => {
                entry.state = State::Carried;
                entry.carried_text = Some(carried);
            }
            None => {
                entry.state = State::Stale;
                entry.change = Some(classify_change(&t.source_text, &seg.text));
            }
        }
    }
    entry
}

/// Compares one variant with today's source. `lineage_of_today[i]` is the memory lineage of
/// today's source segment `i` (from [`source_lineage`]), `None` when it is new.
pub fn compare_variant(
    rules: &Rules,
    source: &[Segment],
    lineage_of_today: &[Option<i64>],
    splits: &[Option<(i64, Split)>],
    memory_variant: &[VariantRow],
    variant: &[Segment],
) -> Result<VariantComparison, Damaged> {
    let recalled = recall(memory_variant, variant)?;
    let pairs = pair(source, lineage_of_today, splits, &recalled, variant);
    let mut entries = Vec::with_capacity(source.len());
    for (i, seg) in source.iter().enumerate() {
        entries.push(match pairs.of_src[i] {
            Some(j) => paired_entry(
                rules,
                i,
                seg,
                j,
                &variant[j],
                &recalled,
                pairs.split_text[i].as_ref(),
            ),
            None => Entry {
                state: State::Untranslated,
                source_index: Some(i),
                variant_index: None,
                recorded: None,
                change: None,
                old_source: None,
                carried_text: None,
            },
        });
    }
    let mut unaligned = Vec::new();
    for (j, p) in pairs.of_var.iter().enumerate() {
        if p.is_some() {
            continue;
        }
        match &recalled.via_memory[j] {
            (_, Some(t)) => entries.push(Entry {
                state: State::Obsolete,
                source_index: None,
                variant_index: Some(j),
                recorded: Some((*t).clone()),
                change: None,
                old_source: Some(t.source_text.to_string()),
                carried_text: None,
            }),
            _ => unaligned.push(j),
        }
    }
    let links = pairs
        .of_var
        .iter()
        .enumerate()
        .map(|(j, p)| match p {
            Some(i) => Some(match lineage_of_today[*i] {
                Some(l) => LineageRef::Known(l),
                None => LineageRef::Today(*i),
            }),
            None => recalled.via_memory[j].0.map(LineageRef::Known),
        })
        .collect();
    Ok(VariantComparison {
        entries,
        links,
        unaligned,
    })
}

/// A variant of today against the same variant at the last sync: unchanged segments by hash,
/// segments the translator edited by place and kind (the texts of recorded translations are
/// unpacked only for these: `Err` where one is damaged).
fn align_variant_versions(
    memory: &[VariantRow],
    today: &[Segment],
) -> Result<Vec<Option<usize>>, Damaged> {
    let damaged = std::cell::Cell::new(None);
    let partners = align(
        memory,
        today,
        |r| r.hash,
        |s| s.hash,
        |r, s| {
            let kind = kind_of(&r.kind);
            if !compatible(kind, s.kind) || label(kind, &r.key) != label(s.kind, &s.key) {
                return -1.0;
            }
            let sim = match r.translation.as_ref().map(|t| t.text.get()) {
                None => 0.0,
                Some(Ok(text)) => similarity(text, &s.text),
                Some(Err(e)) => {
                    damaged.set(Some(e));
                    0.0
                }
            };
            sim + if r.key == s.key { 0.5 } else { 0.0 } + if kind == s.kind { 0.3 } else { 0.0 }
        },
    );
    match damaged.into_inner() {
        Some(e) => Err(e),
        None => Ok(partners),
    }
}

/// Source segments against the segments of a translation: by structure (kind, and the key of
/// front matter values and shortcode parameters), then by the best pairing in each run.
///
/// Where the source has more segments of one structure than the translation (every paragraph
/// has the same), the diff's choice among them is arbitrary: a translated segment is moved to
/// an unpaired source segment of its structure next to its partner (no paired one between)
/// whose length is closer to its own.
fn align_cross(src: &[&Segment], var: &[&Segment]) -> Vec<Option<usize>> {
    let skey = |s: &&Segment| structure_key(s.kind, &s.key);
    let mut partner = align(src, var, skey, skey, |s, v| {
        cross_score(s.kind, &s.key, &s.text, v)
    });
    let mut taken = vec![false; src.len()];
    for &o in partner.iter().flatten() {
        taken[o] = true;
    }
    let likeness = |a: &str, b: &str| {
        let (a, b) = (a.chars().count() as f64, b.chars().count() as f64);
        a.min(b) / a.max(b).max(1.0)
    };
    for (n, v) in var.iter().enumerate() {
        let Some(o) = partner[n] else { continue };
        let key = skey(&src[o]);
        let free = |&k: &usize| !taken[k];
        let below = (0..o).rev().take_while(free);
        let above = (o + 1..src.len()).take_while(free);
        let mut best = (likeness(&src[o].text, &v.text), o);
        for k in below.chain(above).filter(|&k| skey(&src[k]) == key) {
            let l = likeness(&src[k].text, &v.text);
            if l > best.0 {
                best = (l, k);
            }
        }
        if best.1 != o {
            taken[o] = false;
            taken[best.1] = true;
            partner[n] = Some(best.1);
        }
    }
    partner
}

/// Emphasis markers: formatting, not words.
fn is_emphasis(c: char) -> bool {
    matches!(c, '*' | '_' | '~')
}

/// If `old` and `new` differ only in protected parts (link targets, code, shortcodes, tags)
/// and emphasis markers, returns the translation with the same change applied: changed
/// protected parts are replaced where the translation has the old ones (parts the translation
/// had changed on purpose stay as the translator wrote them), and emphasis around the whole
/// text is added or removed. `None` when the change touches words.
pub fn carry(rules: &Rules, old: &str, new: &str, translation: &str) -> Option<String> {
    let po = segment::protected_parts(old, rules);
    let pn = segment::protected_parts(new, rules);
    let strip = |text: &str, parts: &[segment::Protected]| -> String {
        let mut out = String::new();
        let mut pos = 0;
        for p in parts {
            out.push_str(&text[pos..p.range.start]);
            out.push('\u{1}');
            pos = p.range.end;
        }
        out.push_str(&text[pos..]);
        out.replace(is_emphasis, "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    if po.len() != pn.len() || strip(old, &po) != strip(new, &pn) {
        return None;
    }
    let mut out = translation.to_string();
    let mut from = 0;
    for (a, b) in po.iter().zip(&pn) {
        let (ta, tb) = (&old[a.range.clone()], &new[b.range.clone()]);
        if ta == tb {
            continue;
        }
        if let Some(at) = out[from..].find(ta) {
            let at = from + at;
            out.replace_range(at..at + ta.len(), tb);
            from = at + tb.len();
        }
    }
    let wrap = |s: &str| -> &'static str {
        ["***", "**", "__", "*", "_"]
            .into_iter()
            .find(|m| s.len() > 2 * m.len() && s.starts_with(m) && s.ends_with(m))
            .unwrap_or("")
    };
    let (w_old, w_new) = (wrap(old), wrap(new));
    if w_old != w_new {
        let inner = out
            .strip_prefix(w_old)
            .and_then(|s| s.strip_suffix(w_old))
            .unwrap_or(&out);
        out = format!("{w_new}{inner}{w_new}");
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests;
