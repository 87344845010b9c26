//! A three-way merge of two memories against their base, at the level of what a memory means:
//! English texts, segment lineages and translations from both sides; a segment translated on
//! one side only takes that side; the same segment translated differently on both sides from
//! the same English is a conflict, both texts kept, recorded in `merge_conflict` until a person
//! picks one. Layouts (what each file holds at the last sync) are taken from the side that
//! changed them since the base; where both did, ours stays and the next sync re-derives it.
//!
//! Both sides only ever add rows with new ids after the base's (the memory keeps history), so
//! rows up to the base's largest id are shared, and the other side's newer rows are mapped onto
//! ours by content.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};

use super::pack::{self, Packer};
use super::{Tm, TmError, sql_err};

/// What a merge did.
#[derive(Debug, Default)]
pub struct Merged {
    /// Translations taken from theirs.
    pub translations: usize,
    /// English texts taken from theirs.
    pub sources: usize,
    /// Segments translated differently on both sides from the same English.
    pub conflicts: Vec<super::ConflictRow>,
}

fn max_id(c: &Connection, schema: &str, table: &str) -> rusqlite::Result<i64> {
    c.query_row(
        &format!("SELECT coalesce(max(id), 0) FROM {schema}.{table}"),
        [],
        |r| r.get(0),
    )
}

fn rows(c: &Connection, sql: &str, p: impl rusqlite::Params) -> rusqlite::Result<Vec<Vec<Value>>> {
    let mut st = c.prepare(sql)?;
    let n = st.column_count();
    st.query_map(p, |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
        .collect()
}

/// Merges `theirs` into `ours` against `base` and writes the result over `ours` (through a
/// temporary file, so `ours` is whole or as it was). Each input is read from a private copy,
/// upgraded to this tolk's schema first (the sides may have been made by different tolks).
pub fn merge(base: &Path, ours: &Path, theirs: &Path) -> Result<Merged, TmError> {
    let dir = tempfile::tempdir().map_err(|e| TmError::Open {
        path: ours.to_path_buf(),
        reason: e.to_string(),
    })?;
    let copy = |from: &Path, name: &str| -> Result<std::path::PathBuf, TmError> {
        let to = dir.path().join(name);
        std::fs::copy(from, &to).map_err(|e| TmError::Open {
            path: from.to_path_buf(),
            reason: e.to_string(),
        })?;
        // An empty base (the memory is new on both branches) is a memory with nothing in it.
        drop(Tm::open(&to)?);
        Ok(to)
    };
    let b = copy(base, "base.db")?;
    let o = copy(ours, "ours.db")?;
    let t = copy(theirs, "theirs.db")?;
    let mut tm = Tm::open(&o)?;
    let e = sql_err(ours);
    let (c, mine) = (&mut tm.conn, &tm.packer);
    c.execute("ATTACH ?1 AS b", params![b.display().to_string()])
        .map_err(&e)?;
    c.execute("ATTACH ?1 AS t", params![t.display().to_string()])
        .map_err(&e)?;
    let tx = c.transaction().map_err(&e)?;
    mine.refresh(&tx).map_err(&e)?;
    let merged = merge_in(&tx, mine, &Packer::new("t")).map_err(&e)?;
    // Two memories too small for a dictionary may together be large enough.
    let now = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    mine.train(&tx, &now).map_err(&e)?;
    tx.commit().map_err(&e)?;
    c.execute_batch("DETACH b; DETACH t;").map_err(&e)?;
    let out = dir.path().join("merged.db");
    c.execute("VACUUM INTO ?1", params![out.display().to_string()])
        .map_err(&e)?;
    drop(tm);
    // The result replaces ours in one step.
    let tmp = ours.with_extension("db.merge-tmp");
    std::fs::copy(&out, &tmp)
        .and_then(|_| std::fs::rename(&tmp, ours))
        .map_err(|err| TmError::Open {
            path: ours.to_path_buf(),
            reason: err.to_string(),
        })?;
    Ok(merged)
}

/// The packers of the two sides: ours (`main`), which every text is written with, and theirs
/// (`t`).
struct Sides<'a> {
    ours: &'a Packer,
    theirs: &'a Packer,
}

fn merge_in(c: &Connection, ours: &Packer, theirs: &Packer) -> rusqlite::Result<Merged> {
    let p = Sides { ours, theirs };
    let mut done = Merged::default();
    let mut ids = Ids::default();
    // English texts: theirs' new ones, found in ours by content or added.
    merge_sources(c, &p, &mut ids, &mut done)?;
    // Lineages: theirs' new ones are ours' new lineage of the same posting that has one of the
    // same English versions (both sides synced the same edit), or new.
    merge_lineages(c, &mut ids)?;
    // Translations: theirs' new ones, found in ours by content or added; the same segment
    // translated on both sides from the same English into different texts is a conflict.
    merge_translations(c, &p, &mut ids, &mut done)?;
    // Layouts: from the side that changed them since the base.
    merge_layouts(c, &ids)?;
    // Bases, files exported, answers kept, outside matches, packages out.
    merge_rest(c, &p, &ids)?;
    done.conflicts = super::conflict_rows(c, ours)?;
    Ok(done)
}

/// Theirs' ids of English texts, lineages and translations -> ours (an id not in a map is
/// the same on both sides: it was in the base).
#[derive(Default)]
struct Ids {
    src: HashMap<i64, i64>,
    lin: HashMap<i64, i64>,
    tr: HashMap<i64, i64>,
    /// The base's largest ids: a larger one is new on a side.
    base_src: i64,
    base_lin: i64,
}

impl Ids {
    fn src(&self, id: i64) -> i64 {
        self.src.get(&id).copied().unwrap_or(id)
    }

    fn lin(&self, id: i64) -> i64 {
        self.lin.get(&id).copied().unwrap_or(id)
    }

    /// A value of a column that holds an id, mapped by `map` (NULL stays NULL).
    fn value(map: &HashMap<i64, i64>, v: &Value) -> Value {
        match v {
            Value::Integer(id) => Value::Integer(map.get(id).copied().unwrap_or(*id)),
            other => other.clone(),
        }
    }
}

fn merge_sources(
    c: &Connection,
    p: &Sides,
    ids: &mut Ids,
    done: &mut Merged,
) -> rusqlite::Result<()> {
    let base_src = max_id(c, "b", "source_text")?;
    ids.base_src = base_src;
    let mut st =
        c.prepare("SELECT id, lang, hash, text FROM t.source_text WHERE id > ?1 ORDER BY id")?;
    let mut rows = st.query([base_src])?;
    while let Some(r) = rows.next()? {
        let (id, lang, hash): (i64, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let text = p.theirs.column(c, r, 3)?;
        let mut found = None;
        let mut same = c.prepare_cached(
            "SELECT id, text FROM main.source_text WHERE lang = ?1 AND hash = ?2",
        )?;
        let mut hits = same.query(params![lang, hash])?;
        while let Some(h) = hits.next()? {
            if p.ours.column(c, h, 1)? == text {
                found = Some(h.get(0)?);
                break;
            }
        }
        drop(hits);
        let mine = match found {
            Some(m) => m,
            None => {
                c.execute(
                    "INSERT INTO main.source_text (lang, hash, text) VALUES (?1, ?2, ?3)",
                    params![lang, hash, p.ours.pack(&text)?],
                )?;
                done.sources += 1;
                c.last_insert_rowid()
            }
        };
        ids.src.insert(id, mine);
    }
    Ok(())
}

fn merge_lineages(c: &Connection, ids: &mut Ids) -> rusqlite::Result<()> {
    let base_lin = max_id(c, "b", "lineage")?;
    ids.base_lin = base_lin;
    for r in rows(
        c,
        "SELECT l.id, n.path, l.created_at FROM t.lineage l JOIN t.posting_path n ON n.id = l.posting
         WHERE l.id > ?1 ORDER BY l.id",
        [base_lin],
    )? {
        let (Value::Integer(id), Value::Text(path), created) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
        // The posting by ours' number for its path.
        let posting = super::path_id(c, path)?;
        let versions: Vec<i64> = rows(
            c,
            "SELECT source FROM t.lineage_version WHERE lineage = ?1",
            [id],
        )?
        .into_iter()
        .filter_map(|v| match v[0] {
            Value::Integer(s) => Some(ids.src(s)),
            _ => None,
        })
        .collect();
        let mut found = None;
        for s in &versions {
            found = c
                .query_row(
                    "SELECT l.id FROM main.lineage l JOIN main.lineage_version v ON v.lineage = l.id
                     WHERE l.id > ?1 AND l.posting = ?2 AND v.source = ?3
                     AND l.id NOT IN (SELECT value FROM json_each(?4)) LIMIT 1",
                    params![
                        base_lin,
                        posting,
                        s,
                        serde_json::to_string(&ids.lin.values().collect::<Vec<_>>()).unwrap_or_default()
                    ],
                    |x| x.get(0),
                )
                .optional()?;
            if found.is_some() {
                break;
            }
        }
        let mine = match found {
            Some(m) => m,
            None => {
                c.execute(
                    "INSERT INTO main.lineage (posting, created_at) VALUES (?1, ?2)",
                    params![posting, created],
                )?;
                c.last_insert_rowid()
            }
        };
        ids.lin.insert(*id, mine);
    }
    for r in rows(
        c,
        "SELECT lineage, source, recorded_at FROM t.lineage_version
         WHERE lineage > ?1 OR source > ?2",
        params![base_lin, ids.base_src],
    )? {
        let (Value::Integer(l), Value::Integer(s)) = (&r[0], &r[1]) else {
            continue;
        };
        c.execute(
            "INSERT OR IGNORE INTO main.lineage_version (lineage, source, recorded_at)
             VALUES (?1, ?2, ?3)",
            params![ids.lin(*l), ids.src(*s), r[2]],
        )?;
    }

    Ok(())
}

fn merge_translations(
    c: &Connection,
    p: &Sides,
    ids: &mut Ids,
    done: &mut Merged,
) -> rusqlite::Result<()> {
    let base_tr = max_id(c, "b", "translation")?;
    let theirs_used = super::used_translations(c, "t")?;
    let ours_used = super::used_translations(c, "main")?;
    let theirs: Vec<(Vec<Value>, String)> = {
        let mut st = c.prepare(
            "SELECT id, lineage, lang, text, source, origin, state, recorded_at, recorded_by,
                    provider, model, reviewed_at, reviewed_by
             FROM t.translation WHERE id > ?1 ORDER BY id",
        )?;
        let mut rows = st.query([base_tr])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let values = (0..13)
                .map(|i| r.get::<_, Value>(i))
                .collect::<Result<_, _>>()?;
            out.push((values, p.theirs.column(c, r, 3)?));
        }
        out
    };
    // Ours' translations of a segment into a language from an English text: (id, text).
    let ours_of = |l: i64, lang: &Value, s: i64| -> rusqlite::Result<Vec<(i64, String)>> {
        let mut st = c.prepare_cached(
            "SELECT id, text FROM main.translation WHERE lineage = ?1 AND lang = ?2 AND source = ?3
             ORDER BY id",
        )?;
        let mut rows = st.query(params![l, lang, s])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push((r.get(0)?, p.ours.column(c, r, 1)?));
        }
        Ok(out)
    };
    for (r, text) in theirs {
        let (Value::Integer(id), Value::Integer(l), Value::Integer(s)) = (&r[0], &r[1], &r[4])
        else {
            continue;
        };
        let (l, s) = (ids.lin(*l), ids.src(*s));
        let before = ours_of(l, &r[2], s)?;
        if let Some((m, _)) = before.iter().find(|(_, t)| *t == text) {
            ids.tr.insert(*id, *m);
            continue;
        }
        c.execute(
            "INSERT INTO main.translation (lineage, lang, text, source, origin, state, recorded_at,
                                           recorded_by, provider, model, reviewed_at, reviewed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                l,
                r[2],
                p.ours.pack(&text)?,
                s,
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12]
            ],
        )?;
        let mine = c.last_insert_rowid();
        ids.tr.insert(*id, mine);
        done.translations += 1;
        // Ours translated the same segment from the same English since the base, otherwise.
        let ours_other = before
            .iter()
            .rev()
            .find(|(o, t)| *o > base_tr && *t != text && ours_used.contains(o));
        if let (true, Some((ours_id, _))) = (theirs_used.contains(id), ours_other) {
            c.execute(
                "INSERT OR IGNORE INTO main.merge_conflict (lineage, lang, source, ours, theirs)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![l, r[2], s, ours_id, mine],
            )?;
        }
    }
    Ok(())
}

/// A packed layout of `schema`, read: the rows as they are compared, or `None`.
fn layout_of(c: &Connection, sql: &str, k: &[Value]) -> rusqlite::Result<Option<Vec<u8>>> {
    c.prepare_cached(sql)?
        .query_row(rusqlite::params_from_iter(k.iter()), |r| {
            pack::unseal(r.get_ref(0)?.as_blob()?)
        })
        .optional()
}

fn merge_layouts(c: &Connection, ids: &Ids) -> rusqlite::Result<()> {
    // Postings first (the layouts refer to them): theirs where theirs changed it since the
    // base and ours did not.
    for k in rows(c, "SELECT path FROM t.posting", [])? {
        let read = |schema: &str| {
            rows(
                c,
                &format!(
                    "SELECT path, source_lang, synced_at FROM {schema}.posting WHERE path = ?1"
                ),
                rusqlite::params_from_iter(k.iter()),
            )
        };
        let (theirs, base, ours) = (read("t")?, read("b")?, read("main")?);
        if theirs == base || ours != base {
            continue;
        }
        for row in theirs {
            c.execute(
                "INSERT INTO main.posting (path, source_lang, synced_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (path) DO UPDATE
                 SET source_lang = excluded.source_lang, synced_at = excluded.synced_at",
                rusqlite::params_from_iter(row.iter()),
            )?;
        }
    }
    // Source layouts, then variant layouts: the same rule, with their ids mapped to ours.
    for (table, key, keys) in [
        (
            "source_layout",
            "posting = ?1",
            "SELECT posting FROM t.source_layout",
        ),
        (
            "variant_layout",
            "posting = ?1 AND lang = ?2",
            "SELECT posting, lang FROM t.variant_layout",
        ),
    ] {
        for k in rows(c, keys, [])? {
            let read = |schema: &str| {
                layout_of(
                    c,
                    &format!("SELECT rows FROM {schema}.{table} WHERE {key}"),
                    &k,
                )
            };
            let (theirs, base, ours) = (read("t")?, read("b")?, read("main")?);
            if theirs == base || ours != base {
                continue;
            }
            let Some(theirs) = theirs else { continue };
            let rows = if table == "source_layout" {
                let mut l = pack::source_entries(&theirs)?;
                for r in &mut l {
                    r.lineage = ids.lin(r.lineage);
                    r.source = ids.src(r.source);
                }
                pack::source_rows(l.iter().map(pack::SourceEntry::as_ref))
            } else {
                let mut l = pack::variant_entries(&theirs)?;
                for r in &mut l {
                    r.lineage = r.lineage.map(|x| ids.lin(x));
                    r.translation = r.translation.map(|x| ids.tr.get(&x).copied().unwrap_or(x));
                }
                pack::variant_rows(l.iter().map(pack::VariantEntry::as_ref))
            };
            let mut values = k.clone();
            values.push(pack::seal(&rows)?.into());
            let cols = if table == "source_layout" {
                "posting, rows"
            } else {
                "posting, lang, rows"
            };
            let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            c.execute(
                &format!(
                    "INSERT OR REPLACE INTO main.{table} ({cols}) VALUES ({})",
                    marks.join(", ")
                ),
                rusqlite::params_from_iter(values.iter()),
            )?;
        }
    }
    Ok(())
}

fn merge_rest(c: &Connection, p: &Sides, ids: &Ids) -> rusqlite::Result<()> {
    // Bases: theirs' where theirs recorded one ours has not (a variant new on their branch).
    for r in rows(
        c,
        "SELECT v.posting, v.lang, b.text FROM t.variant_base_ref v JOIN t.base_text b ON b.id = v.base
         WHERE NOT EXISTS (SELECT 1 FROM main.variant_base_ref m
                           WHERE m.posting = v.posting AND m.lang = v.lang)",
        [],
    )? {
        let text = p.theirs.unpack(c, ValueRef::from(&r[2]))?;
        let base = super::base_text(c, p.ours, &text)?;
        c.execute(
            "INSERT INTO main.variant_base_ref (posting, lang, base) VALUES (?1, ?2, ?3)",
            params![r[0], r[1], base],
        )?;
    }
    // Files exported, answers kept, outside matches, packages out: the union.
    c.execute_batch(
        "INSERT OR IGNORE INTO main.export_file SELECT * FROM t.export_file
             WHERE path NOT IN (SELECT path FROM main.export_file);
         INSERT OR IGNORE INTO main.external_translation (lang, source, text, origin, recorded_at)
             SELECT lang, source, text, origin, recorded_at FROM t.external_translation;
         INSERT OR IGNORE INTO main.package_unit SELECT * FROM t.package_unit;",
    )?;
    let base_ans = max_id(c, "b", "machine_answer")?;
    for r in rows(
        c,
        "SELECT posting, lineage, lang, source, text, provider, model, recorded_at
         FROM t.machine_answer WHERE id > ?1 ORDER BY id",
        [base_ans],
    )? {
        c.execute(
            "INSERT INTO main.machine_answer (posting, lineage, lang, source, text, provider, model,
                                              recorded_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
             WHERE NOT EXISTS (SELECT 1 FROM main.machine_answer WHERE posting = ?1 AND lang = ?3
                               AND lineage = ?2 AND source = ?4 AND text = ?5)",
            params![r[0], Ids::value(&ids.lin, &r[1]), r[2], Ids::value(&ids.src, &r[3]), r[4], r[5], r[6], r[7]],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{SourceLayout, VariantLayout};
    use super::*;

    /// Records a posting of `n` segments in `tm`, each translated into `lang`.
    fn record(tm: &mut Tm, posting: &str, n: usize, lang: &str, word: &str) {
        let mut w = tm.writer("2026-12-02T10:00:00Z", Some("t")).unwrap();
        w.set_posting(posting, "en").unwrap();
        let mut keys = Vec::new();
        let mut source = Vec::new();
        let mut variant = Vec::new();
        for i in 0..n {
            keys.push(format!("p{i}"));
        }
        for (i, key) in keys.iter().enumerate() {
            let english = format!("We run an open European cloud, {word} number {i}.");
            let s = w.source_text("en", &english).unwrap();
            let l = w.new_lineage(posting).unwrap();
            w.add_version(l, s).unwrap();
            let text = format!("Vi driver en åben europæisk sky, {word} nummer {i}.");
            let t = w
                .add_translation(l, lang, &text, s, "human", "translated")
                .unwrap();
            source.push((key.as_str(), l, s));
            variant.push((key.as_str(), l, t));
        }
        let rows: Vec<SourceLayout> = source
            .iter()
            .map(|&(key, lineage, source)| SourceLayout {
                key,
                kind: "paragraph",
                level: None,
                line: 1,
                lineage,
                source,
            })
            .collect();
        w.replace_source_layout(posting, &rows).unwrap();
        let rows: Vec<VariantLayout> = variant
            .iter()
            .map(|&(key, lineage, t)| VariantLayout {
                key,
                kind: "paragraph",
                line: 1,
                hash: 1,
                lineage: Some(lineage),
                translation: Some(t),
            })
            .collect();
        w.replace_variant_layout(posting, lang, &rows).unwrap();
        w.commit().unwrap();
    }

    /// One side large enough to have trained its dictionary (its texts packed with it), the
    /// other with none: the merge reads each side's texts with its own dictionary, and the
    /// result means what both sides did.
    #[test]
    fn sides_packed_with_different_dictionaries_merge() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.db");
        record(&mut Tm::open(&base).unwrap(), "a.md", 3, "da", "base");
        let ours = dir.path().join("ours.db");
        let theirs = dir.path().join("theirs.db");
        std::fs::copy(&base, &ours).unwrap();
        std::fs::copy(&base, &theirs).unwrap();
        record(&mut Tm::open(&ours).unwrap(), "b.md", 2, "sv", "ours");
        let big = super::super::pack::TRAIN_AT as usize / 2 + 10;
        record(&mut Tm::open(&theirs).unwrap(), "c.md", big, "nb", "theirs");
        let dicts = |p: &Path| -> i64 {
            Connection::open(p)
                .unwrap()
                .query_row("SELECT count(*) FROM text_dict", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!((dicts(&ours), dicts(&theirs)), (0, 1));
        let dump = |p: &Path| Tm::open(p).unwrap().content_dump().unwrap();
        let mut want: Vec<String> = dump(&ours)
            .lines()
            .chain(dump(&theirs).lines())
            .map(str::to_string)
            .collect();
        want.sort();
        want.dedup();
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.translations, big);
        let got: Vec<String> = dump(&ours).lines().map(str::to_string).collect();
        assert_eq!(got.len(), want.len());
        assert!(got == want, "the merged memory means something else");
        // The merged memory is large enough for a dictionary of its own.
        assert_eq!(dicts(&ours), 1);
    }
}
