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

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

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
    let c = &mut tm.conn;
    c.execute("ATTACH ?1 AS b", params![b.display().to_string()])
        .map_err(&e)?;
    c.execute("ATTACH ?1 AS t", params![t.display().to_string()])
        .map_err(&e)?;
    let tx = c.transaction().map_err(&e)?;
    let merged = merge_in(&tx).map_err(&e)?;
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

fn merge_in(c: &Connection) -> rusqlite::Result<Merged> {
    let mut done = Merged::default();
    let mut ids = Ids::default();
    // English texts: theirs' new ones, found in ours by content or added.
    merge_sources(c, &mut ids, &mut done)?;
    // Lineages: theirs' new ones are ours' new lineage of the same posting that has one of the
    // same English versions (both sides synced the same edit), or new.
    merge_lineages(c, &mut ids)?;
    // Translations: theirs' new ones, found in ours by content or added; the same segment
    // translated on both sides from the same English into different texts is a conflict.
    merge_translations(c, &mut ids, &mut done)?;
    // Layouts: from the side that changed them since the base.
    merge_layouts(c, &ids)?;
    // Bases, files exported, answers kept, outside matches, packages out.
    merge_rest(c, &ids)?;
    done.conflicts = super::conflict_rows(c)?;
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

fn merge_sources(c: &Connection, ids: &mut Ids, done: &mut Merged) -> rusqlite::Result<()> {
    let base_src = max_id(c, "b", "source_text")?;
    ids.base_src = base_src;
    for r in rows(
        c,
        "SELECT id, lang, hash, text FROM t.source_text WHERE id > ?1 ORDER BY id",
        [base_src],
    )? {
        let (Value::Integer(id), lang, hash, text) = (&r[0], &r[1], &r[2], &r[3]) else {
            continue;
        };
        let found: Option<i64> = c
            .query_row(
                "SELECT id FROM main.source_text WHERE lang = ?1 AND hash = ?2 AND text = ?3",
                params![lang, hash, text],
                |x| x.get(0),
            )
            .optional()?;
        let mine = match found {
            Some(m) => m,
            None => {
                c.execute(
                    "INSERT INTO main.source_text (lang, hash, text) VALUES (?1, ?2, ?3)",
                    params![lang, hash, text],
                )?;
                done.sources += 1;
                c.last_insert_rowid()
            }
        };
        ids.src.insert(*id, mine);
    }
    Ok(())
}

fn merge_lineages(c: &Connection, ids: &mut Ids) -> rusqlite::Result<()> {
    let base_lin = max_id(c, "b", "lineage")?;
    ids.base_lin = base_lin;
    for r in rows(
        c,
        "SELECT id, posting, created_at FROM t.lineage WHERE id > ?1 ORDER BY id",
        [base_lin],
    )? {
        let (Value::Integer(id), posting, created) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
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

fn merge_translations(c: &Connection, ids: &mut Ids, done: &mut Merged) -> rusqlite::Result<()> {
    let base_tr = max_id(c, "b", "translation")?;
    for r in rows(
        c,
        "SELECT id, lineage, lang, text, source, origin, state, recorded_at, recorded_by,
                provider, model, reviewed_at, reviewed_by
         FROM t.translation WHERE id > ?1 ORDER BY id",
        [base_tr],
    )? {
        let (Value::Integer(id), Value::Integer(l), Value::Integer(s)) = (&r[0], &r[1], &r[4])
        else {
            continue;
        };
        let (l, s) = (ids.lin(*l), ids.src(*s));
        let same: Option<i64> = c
            .query_row(
                "SELECT id FROM main.translation
                 WHERE lineage = ?1 AND lang = ?2 AND text = ?3 AND source = ?4",
                params![l, r[2], r[3], s],
                |x| x.get(0),
            )
            .optional()?;
        if let Some(m) = same {
            ids.tr.insert(*id, m);
            continue;
        }
        c.execute(
            "INSERT INTO main.translation (lineage, lang, text, source, origin, state, recorded_at,
                                           recorded_by, provider, model, reviewed_at, reviewed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                l, r[2], r[3], s, r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12]
            ],
        )?;
        let mine = c.last_insert_rowid();
        ids.tr.insert(*id, mine);
        done.translations += 1;
        // Ours translated the same segment from the same English since the base, otherwise.
        let theirs_used: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM t.variant_layout WHERE translation = ?1)",
            [id],
            |x| x.get(0),
        )?;
        let ours_other: Option<(i64, String)> = c
            .query_row(
                "SELECT t.id, t.text FROM main.translation t
                 WHERE t.lineage = ?1 AND t.lang = ?2 AND t.source = ?3 AND t.id > ?4
                 AND t.id != ?5 AND t.text != ?6
                 AND EXISTS (SELECT 1 FROM main.variant_layout v WHERE v.translation = t.id)
                 ORDER BY t.id DESC LIMIT 1",
                params![l, r[2], s, base_tr, mine, r[3]],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .optional()?;
        if let (true, Some((ours_id, _))) = (theirs_used, ours_other) {
            c.execute(
                "INSERT OR IGNORE INTO main.merge_conflict (lineage, lang, source, ours, theirs)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![l, r[2], s, ours_id, mine],
            )?;
        }
    }
    Ok(())
}

fn merge_layouts(c: &Connection, ids: &Ids) -> rusqlite::Result<()> {
    let changed = |schema: &str, table: &str, cols: &str, key: &str, k: &[Value]| {
        let sql = format!("SELECT {cols} FROM {schema}.{table} WHERE {key} ORDER BY 1, 2, 3");
        rows(c, &sql, rusqlite::params_from_iter(k.iter()))
    };
    let layouts: [(&str, &str, &str, &str); 3] = [
        (
            "source_layout",
            "posting, position, key, kind, line, lineage, source, level",
            "posting = ?1",
            "SELECT DISTINCT posting FROM t.source_layout",
        ),
        (
            "variant_layout",
            "posting, lang, position, key, kind, line, hash, lineage, translation",
            "posting = ?1 AND lang = ?2",
            "SELECT DISTINCT posting, lang FROM t.variant_layout",
        ),
        (
            "posting",
            "path, source_lang, synced_at",
            "path = ?1",
            "SELECT path FROM t.posting",
        ),
    ];
    for (table, cols, key, keys) in layouts {
        for k in rows(c, keys, [])? {
            let theirs = changed("t", table, cols, key, &k)?;
            let base = changed("b", table, cols, key, &k)?;
            let ours = changed("main", table, cols, key, &k)?;
            if theirs == base || ours != base {
                continue;
            }
            c.execute(
                &format!("DELETE FROM main.{table} WHERE {key}"),
                rusqlite::params_from_iter(k.iter()),
            )?;
            let n = cols.split(',').count();
            let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
            let insert = format!(
                "INSERT INTO main.{table} ({cols}) VALUES ({})",
                marks.join(", ")
            );
            for mut row in theirs {
                match table {
                    "source_layout" => {
                        row[5] = Ids::value(&ids.lin, &row[5]);
                        row[6] = Ids::value(&ids.src, &row[6]);
                    }
                    "variant_layout" => {
                        row[7] = Ids::value(&ids.lin, &row[7]);
                        row[8] = Ids::value(&ids.tr, &row[8]);
                    }
                    _ => {}
                }
                c.execute(&insert, rusqlite::params_from_iter(row.iter()))?;
            }
        }
    }
    Ok(())
}

fn merge_rest(c: &Connection, ids: &Ids) -> rusqlite::Result<()> {
    // Bases: theirs' where theirs recorded one ours has not (a variant new on their branch).
    for r in rows(
        c,
        "SELECT v.posting, v.lang, b.text FROM t.variant_base_ref v JOIN t.base_text b ON b.id = v.base
         WHERE NOT EXISTS (SELECT 1 FROM main.variant_base_ref m
                           WHERE m.posting = v.posting AND m.lang = v.lang)",
        [],
    )? {
        let Value::Text(text) = &r[2] else { continue };
        let base = super::base_text(c, text)?;
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
