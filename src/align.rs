//! Aligning two sequences of segments: an English posting with its earlier version, a variant
//! with its earlier version, or a variant with the English it translates.
//!
//! Exact matches come from a diff of keys (Myers' algorithm from `similar`); in each run of
//! changed items between them, items are paired by the best total score (a small dynamic
//! program); last, an unpaired old item and an unpaired new item with the same key are paired
//! anywhere (a moved block).

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Aligns `old` with `new`. `old_key` and `new_key` give each item a value that is equal for
/// items that are the same; `score` says how well two differing items correspond (negative:
/// never paired). Returns, for each item of `new`, the index of its partner in `old`.
pub fn align<A, B>(
    old: &[A],
    new: &[B],
    old_key: impl Fn(&A) -> u64,
    new_key: impl Fn(&B) -> u64,
    score: impl Fn(&A, &B) -> f64,
) -> Vec<Option<usize>> {
    let old_keys: Vec<u64> = old.iter().map(&old_key).collect();
    let new_keys: Vec<u64> = new.iter().map(&new_key).collect();
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    let ops = capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys);
    // Runs of changed items: (old range, new range).
    let mut runs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    partner[new_index + k] = Some(old_index + k);
                    taken[old_index + k] = true;
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => push_run(
                &mut runs,
                old_index..old_index + old_len,
                new_index..new_index,
            ),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => push_run(
                &mut runs,
                old_index..old_index,
                new_index..new_index + new_len,
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => push_run(
                &mut runs,
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        }
    }
    // Moved blocks: the same key on both sides of different runs. An old item whose own run
    // still holds a new item it could be paired with waits until the runs are paired: the
    // same text inserted elsewhere (a repeated heading) must not take it from its edit.
    let mut run_of_old = vec![usize::MAX; old.len()];
    for (r, (o_range, _)) in runs.iter().enumerate() {
        for o in o_range.clone() {
            run_of_old[o] = r;
        }
    }
    let local_partner = |o: usize, partner: &[Option<usize>]| {
        runs.get(run_of_old[o]).is_some_and(|(_, n_range)| {
            n_range.clone().any(|m| {
                partner[m].is_none() && new_keys[m] != old_keys[o] && score(&old[o], &new[m]) >= 0.0
            })
        })
    };
    let moved = |partner: &mut Vec<Option<usize>>, taken: &mut Vec<bool>, patient: bool| {
        for n in 0..new.len() {
            if partner[n].is_some() {
                continue;
            }
            if let Some(o) = (0..old.len()).find(|&o| {
                !taken[o] && old_keys[o] == new_keys[n] && !(patient && local_partner(o, partner))
            }) {
                partner[n] = Some(o);
                taken[o] = true;
            }
        }
    };
    moved(&mut partner, &mut taken, true);
    for (o_range, n_range) in &runs {
        let olds: Vec<usize> = o_range.clone().filter(|&o| !taken[o]).collect();
        let news: Vec<usize> = n_range.clone().filter(|&n| partner[n].is_none()).collect();
        for (o, n) in pair_run(&olds, &news, |o, n| score(&old[o], &new[n])) {
            partner[n] = Some(o);
            taken[o] = true;
        }
    }
    moved(&mut partner, &mut taken, false);
    partner
}

fn push_run(
    runs: &mut Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
    o: std::ops::Range<usize>,
    n: std::ops::Range<usize>,
) {
    // A Delete followed by an Insert is one run.
    if let Some(last) = runs.last_mut()
        && last.0.end == o.start
        && last.1.end == n.start
    {
        last.0.end = o.end;
        last.1.end = n.end;
        return;
    }
    runs.push((o, n));
}

/// Pairs two runs in order: as many pairs as the scores allow (pairs with a negative score are
/// never made), and of those the best total score. Counting pairs first keeps a weak signal
/// (two items that merely share a key) from costing two good pairs. Runs longer than a few
/// hundred items are paired greedily in order.
fn pair_run(
    olds: &[usize],
    news: &[usize],
    score: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
    let (m, n) = (olds.len(), news.len());
    if m == 0 || n == 0 {
        return Vec::new();
    }
    // Every pair is worth more than any difference of scores (scores stay below 10).
    let score = |o: usize, n: usize| {
        let s = score(o, n);
        if s >= 0.0 { s + 10.0 } else { s }
    };
    if m * n > 250_000 {
        let mut out = Vec::new();
        let mut j = 0;
        for &o in olds {
            while j < n {
                let nn = news[j];
                j += 1;
                if score(o, nn) >= 0.0 {
                    out.push((o, nn));
                    break;
                }
            }
        }
        return out;
    }
    // best[i][j]: best total for olds[i..] and news[j..].
    let mut best = vec![0.0f64; (m + 1) * (n + 1)];
    let at = |i: usize, j: usize| i * (n + 1) + j;
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            let mut b = best[at(i + 1, j)].max(best[at(i, j + 1)]);
            let s = score(olds[i], news[j]);
            if s >= 0.0 {
                b = b.max(s + best[at(i + 1, j + 1)]);
            }
            best[at(i, j)] = b;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < m && j < n {
        let s = score(olds[i], news[j]);
        if s >= 0.0 && (best[at(i, j)] - (s + best[at(i + 1, j + 1)])).abs() < 1e-9 {
            out.push((olds[i], news[j]));
            i += 1;
            j += 1;
        } else if (best[at(i, j)] - best[at(i + 1, j)]).abs() < 1e-9 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Similarity of two texts by words, 0.0 to 1.0: twice the words (and punctuation marks) they
/// share in order, over the words of both. White space is not a word: counting the spaces
/// between words would make any two sentences look half alike.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() && tb.is_empty() {
        return 1.0;
    }
    let ops = capture_diff_slices(Algorithm::Myers, &ta, &tb);
    let shared: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    (2 * shared) as f64 / (ta.len() + tb.len()) as f64
}

/// How many words (runs of letters and digits) a text has.
pub fn words(s: &str) -> usize {
    tokens(s)
        .iter()
        .filter(|t| t.chars().next().is_some_and(char::is_alphanumeric))
        .count()
}

/// Words (runs of letters and digits) and single punctuation marks; white space is dropped.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            out.push(&s[st..i]);
        }
        if !c.is_whitespace() {
            out.push(&s[i..i + c.len_utf8()]);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(old: &[&str], new: &[&str]) -> Vec<Option<usize>> {
        align(
            old,
            new,
            |s| crate::segment::hash(s),
            |s| crate::segment::hash(s),
            |a, b| {
                let s = similarity(a, b);
                if s >= 0.3 { s } else { -1.0 }
            },
        )
    }

    #[test]
    fn equal_edited_inserted_removed_moved() {
        let old = [
            "alpha beta gamma",
            "one two three",
            "moved block here",
            "gone entirely",
            "end",
        ];
        let new = [
            "moved block here",
            "alpha beta gamma",
            "one two three four",
            "brand new text",
            "end",
        ];
        assert_eq!(run(&old, &new), [Some(2), Some(0), Some(1), None, Some(4)]);
    }

    #[test]
    fn run_pairs_by_score_not_position() {
        let old = ["a", "the quick brown fox", "z"];
        let new = ["a", "inserted paragraph", "the quick brown fox jumps", "z"];
        assert_eq!(run(&old, &new), [Some(0), None, Some(1), Some(2)]);
    }
}
