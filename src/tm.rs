//! STORE: the translation memory, an SQLite file. This is the only module with SQL.
//!
//! The schema is built by append-only migrations (`tm/migrations/NNNN_*.sql`), tracked with
//! `PRAGMA user_version`. An older memory is upgraded after a backup is written next to it; a
//! memory from a newer tolk is refused and left as it is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub mod merge;
pub mod pack;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use rustc_hash::{FxHashMap, FxHashSet};

/// The migrations, in order. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("tm/migrations/0001_init.sql"),
    include_str!("tm/migrations/0002_export.sql"),
    include_str!("tm/migrations/0003_variant_base.sql"),
    include_str!("tm/migrations/0004_heading_level.sql"),
    include_str!("tm/migrations/0005_machine.sql"),
    include_str!("tm/migrations/0006_external.sql"),
    include_str!("tm/migrations/0007_package.sql"),
    include_str!("tm/migrations/0008_merge_conflict.sql"),
    include_str!("tm/migrations/0009_shared_base.sql"),
    include_str!("tm/migrations/0010_lean.sql"),
    include_str!("tm/migrations/0011_packed_layouts.sql"),
    include_str!("tm/migrations/0012_cheap_checks.sql"),
    include_str!("tm/migrations/0013_page_report.sql"),
    include_str!("tm/migrations/0014_package_target.sql"),
];

/// How long to wait for another tolk's lock, in milliseconds (see [`set_busy_timeout`]).
static BUSY_TIMEOUT_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(10_000);

/// Sets how long opening or writing the memory waits for another process's lock before it
/// gives up with [`TmError::Locked`].
pub fn set_busy_timeout(ms: u64) {
    BUSY_TIMEOUT_MS.store(ms, std::sync::atomic::Ordering::Relaxed);
}

/// Statements a connection keeps prepared (rusqlite's default is 16; tolk has more than that
/// in turn during a sync).
const STATEMENT_CACHE: usize = 64;

fn busy_timeout() -> Duration {
    Duration::from_millis(BUSY_TIMEOUT_MS.load(std::sync::atomic::Ordering::Relaxed))
}

/// The schema version this tolk writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What went wrong with the memory.
#[derive(Debug, thiserror::Error)]
pub enum TmError {
    #[error("{path}: cannot open: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("{path}: not a translation memory")]
    NotAMemory { path: PathBuf },
    #[error("{path}: made by a newer tolk (schema {found}, this tolk knows {supported})")]
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: made by an older tolk (schema {found}); run `tolk sync` to upgrade it")]
    Older { path: PathBuf, found: i64 },
    #[error("{path}: locked by another tolk")]
    Locked { path: PathBuf },
    #[error("{path}: {source}")]
    Sql {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl TmError {
    /// A damaged text of the memory at `path`, found when it was unpacked.
    pub fn damaged(path: &Path, d: pack::Damaged) -> TmError {
        TmError::Sql {
            path: path.to_path_buf(),
            source: pack::damaged_error(d),
        }
    }

    /// The same error, naming `path` as the memory.
    fn at(self, path: &Path) -> TmError {
        let path = path.to_path_buf();
        match self {
            TmError::Open { reason, .. } => TmError::Open { path, reason },
            TmError::NotAMemory { .. } => TmError::NotAMemory { path },
            TmError::Newer {
                found, supported, ..
            } => TmError::Newer {
                path,
                found,
                supported,
            },
            TmError::Older { found, .. } => TmError::Older { path, found },
            TmError::Locked { .. } => TmError::Locked { path },
            TmError::Sql { source, .. } => TmError::Sql { path, source },
        }
    }
}

/// A translation memory.
pub struct Tm {
    conn: Connection,
    path: PathBuf,
    /// Packs and unpacks its texts.
    packer: pack::Packer,
    /// A private copy this memory was read from (see [`Tm::open_any_read_only`]), removed with it.
    _scratch: Option<tempfile::TempDir>,
}

/// A segment of the source posting at the last sync.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub key: String,
    pub kind: String,
    /// A heading's level; `None` for other kinds and headings recorded before tolk knew it.
    pub level: Option<u8>,
    pub line: usize,
    pub lineage: i64,
    pub source: i64,
    /// Shared with the translations made from it ([`TranslationRow::source_text`]).
    pub text: Arc<str>,
    pub hash: u64,
}

/// A recorded translation.
#[derive(Debug, Clone)]
pub struct TranslationRow {
    pub id: i64,
    /// Unpacked when first asked for ([`pack::LazyText::get`]).
    pub text: pack::LazyText,
    /// The source text it was made from (or accepted for).
    pub source: i64,
    pub source_text: Arc<str>,
    /// Who made it: a person, or a machine ([`Origin`]).
    pub origin: Origin,
    /// A machine translation no person has reviewed yet.
    pub unreviewed: bool,
}

/// Who made a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A person (or the memory, carrying a person's translation over a protected change).
    Person,
    /// A machine: the provider (`adopted` for a file its site marked machine-made) and model.
    Machine {
        provider: String,
        model: Option<String>,
    },
}

/// A merge conflict not resolved yet.
#[derive(Debug, Clone)]
pub struct ConflictRow {
    pub posting: String,
    /// The segment's key in the source layout (`~` when it has none).
    pub key: String,
    pub lang: String,
    /// Its line in the variant file at the last sync (0 when it is not there).
    pub line: usize,
    pub ours: String,
    pub theirs: String,
}

/// The provider name of machine translations adopted from a site's own flag (`ai: true`).
pub const ADOPTED: &str = "adopted";

/// An answer a machine provider gave for a segment (kept whether or not it was written).
#[derive(Debug, Clone)]
pub struct MachineAnswer {
    pub lineage: i64,
    /// The source text it was made from ...
    pub source: i64,
    /// ... and that text (when read from the memory; empty when written).
    pub source_text: String,
    pub text: String,
    pub provider: String,
    pub model: Option<String>,
}

/// A segment of a variant at the last sync.
#[derive(Debug, Clone)]
pub struct VariantRow {
    pub key: String,
    pub kind: String,
    pub line: usize,
    pub hash: u64,
    pub lineage: Option<i64>,
    pub translation: Option<TranslationRow>,
}

/// A source segment of the memory and its translation, for suggestions.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub posting: String,
    pub kind: String,
    pub source: String,
    pub translation: Option<String>,
}

/// What the memory holds of one posting.
#[derive(Debug, Clone, Default)]
pub struct PostingMemory {
    pub source_lang: Option<String>,
    pub source: Vec<SourceRow>,
    pub variants: HashMap<String, Vec<VariantRow>>,
}

fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> TmError + '_ {
    move |e| {
        let busy = matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
        );
        if busy {
            return TmError::Locked {
                path: path.to_path_buf(),
            };
        }
        if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase)
        ) {
            return TmError::NotAMemory {
                path: path.to_path_buf(),
            };
        }
        TmError::Sql {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

impl Tm {
    /// Opens (creating if needed) the memory at `path` for reading and writing, upgrading an
    /// older schema after writing a backup beside it.
    ///
    /// Creating and upgrading are one exclusive step: several tolk runs that open a memory that
    /// does not exist yet, or an older one, at the same moment wait for each other, and exactly
    /// one of them creates or upgrades it (the others find it done).
    pub fn open(path: &Path) -> Result<Tm, TmError> {
        // Look before changing anything: a memory from a newer tolk, or another program's
        // database, is left exactly as it is.
        let (mut tm, version, tables) = Tm::connect(path, OpenFlags::default())?;
        if version == 0 && tables {
            return Err(TmError::NotAMemory {
                path: path.to_path_buf(),
            });
        }
        tm.configure()?;
        if version < SCHEMA_VERSION {
            tm.set_up()?;
        }
        Ok(tm)
    }

    /// Creates or upgrades the schema under the write lock, looking again at the version once
    /// the lock is held (another run may have done it meanwhile).
    fn set_up(&mut self) -> Result<(), TmError> {
        // Rebuilding a table (0010) needs foreign keys off; it can only be switched outside a
        // transaction.
        let path = self.path.clone();
        let e = sql_err(&path);
        let fk: bool = self
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .map_err(&e)?;
        self.conn
            .pragma_update(None, "foreign_keys", false)
            .map_err(&e)?;
        let out = self.migrate();
        self.conn
            .pragma_update(None, "foreign_keys", fk)
            .map_err(&e)?;
        out
    }

    fn migrate(&mut self) -> Result<(), TmError> {
        let path = self.path.clone();
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(sql_err(&path))?;
            let version: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(sql_err(&path))?;
            if version > SCHEMA_VERSION {
                return Err(TmError::Newer {
                    path,
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            if version == SCHEMA_VERSION {
                return tx.commit().map_err(sql_err(&path));
            }
            let tables: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
                    [],
                    |r| r.get(0),
                )
                .map_err(sql_err(&path))?;
            if version == 0 && tables {
                return Err(TmError::NotAMemory { path });
            }
            let backup = self.path.with_extension(format!("db.v{version}.bak"));
            if version > 0 && !backup.exists() {
                // VACUUM INTO cannot run inside a transaction: let go, write the backup, and
                // look again (the backup exists then, so this happens once).
                drop(tx);
                self.backup(&backup)?;
                continue;
            }
            for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(m).map_err(sql_err(&path))?;
                let done = i as i64 + 1;
                // What SQL cannot do, right after the migration that needs it.
                match done {
                    9 => hash_moved_bases(&tx),
                    10 => pack_after_10(&tx, &self.packer),
                    _ => Ok(()),
                }
                .map_err(sql_err(&path))?;
                tx.pragma_update(None, "user_version", done)
                    .map_err(sql_err(&path))?;
            }
            return tx.commit().map_err(sql_err(&path));
        }
    }

    /// Opens the memory read-only; `Ok(None)` when there is no file, or an empty one (another
    /// run is creating it). It is never written, so an older schema is an error here (`sync`
    /// upgrades it).
    pub fn open_read_only(path: &Path) -> Result<Option<Tm>, TmError> {
        if !path.exists() {
            return Ok(None);
        }
        roll_back_interrupted_first_write(path);
        let (tm, version, tables) = Tm::connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if version == 0 {
            if tables {
                return Err(TmError::NotAMemory {
                    path: path.to_path_buf(),
                });
            }
            return Ok(None);
        }
        if version < SCHEMA_VERSION {
            return Err(TmError::Older {
                path: path.to_path_buf(),
                found: version,
            });
        }
        Ok(Some(tm))
    }

    /// Opens a memory of any schema this tolk knows, older ones too, read-only and without
    /// changing it (for [`Tm::content_dump`] of old versions in git's history). A memory with
    /// no write-ahead log beside it (no run is writing it: a copy git made of a committed
    /// version) is opened as immutable, so no `-wal` or `-shm` file is left beside it. An older
    /// one is read from a private copy upgraded to this tolk's schema.
    pub fn open_any_read_only(path: &Path) -> Result<Tm, TmError> {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let written = roll_back_interrupted_first_write(path);
        let (mut tm, version, _) = if written || Path::new(&wal).exists() {
            Tm::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?
        } else {
            let escaped: String = path
                .to_string_lossy()
                .chars()
                .map(|c| match c {
                    '%' | '?' | '#' => format!("%{:02X}", c as u32),
                    c => c.to_string(),
                })
                .collect();
            Tm::connect(
                Path::new(&format!("file:{escaped}?immutable=1")),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )
            .map_err(|e| e.at(path))?
        };
        tm.path = path.to_path_buf();
        if version == 0 {
            return Err(TmError::NotAMemory {
                path: path.to_path_buf(),
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(tm);
        }
        let dir = tempfile::tempdir().map_err(|e| TmError::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let copy = dir.path().join("memory.db");
        tm.conn
            .execute("VACUUM INTO ?1", params![copy.display().to_string()])
            .map_err(sql_err(path))?;
        drop(tm);
        let mut upgraded = Tm::open(&copy).map_err(|e| e.at(path))?;
        upgraded._scratch = Some(dir);
        Ok(upgraded)
    }

    /// Opens a connection with the busy timeout set and reads the schema version, refusing a
    /// memory from a newer tolk. Nothing is written.
    /// Also says whether it has any table: a database with tables and no schema version is
    /// another program's. Both are read in one statement, so they are of one state of the file
    /// (another run may be creating the schema at this moment).
    fn connect(path: &Path, flags: OpenFlags) -> Result<(Tm, i64, bool), TmError> {
        let conn = Connection::open_with_flags(path, flags).map_err(|e| TmError::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        // Statements are prepared once per connection (a reader is made per posting or per
        // few pages): room for all of tolk's.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let tm = Tm {
            conn,
            path: path.to_path_buf(),
            packer: pack::Packer::new("main"),
            _scratch: None,
        };
        tm.conn
            .busy_timeout(busy_timeout())
            .map_err(sql_err(path))?;
        let (version, tables) = tm
            .conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)),
            )
            .map_err(sql_err(path))?;
        if version > SCHEMA_VERSION {
            return Err(TmError::Newer {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok((tm, version, tables))
    }

    /// A memory that lives only in memory (for tests).
    pub fn open_in_memory() -> Result<Tm, TmError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(sql_err(&path))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let mut tm = Tm {
            conn,
            path,
            packer: pack::Packer::new("main"),
            _scratch: None,
        };
        tm.set_up()?;
        Ok(tm)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<(), TmError> {
        let e = sql_err(&self.path);
        self.conn.busy_timeout(busy_timeout()).map_err(&e)?;
        write_ahead_log(&self.conn, &self.path)?;
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(&e)?;
        Ok(())
    }

    /// Writes a copy of the memory to `target` (through a temporary name, so a run that
    /// writes the same backup at the same time never sees half of it).
    fn backup(&self, target: &Path) -> Result<(), TmError> {
        let tmp = target.with_extension(format!("tmp{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        self.conn
            .execute("VACUUM INTO ?1", params![tmp.display().to_string()])
            .map_err(sql_err(&self.path))?;
        std::fs::rename(&tmp, target).map_err(|e| TmError::Open {
            path: target.to_path_buf(),
            reason: e.to_string(),
        })
    }

    /// Every posting the memory knows, with its source language.
    pub fn postings(&self) -> Result<Vec<(String, String)>, TmError> {
        let e = sql_err(&self.path);
        let mut st = self
            .conn
            .prepare_cached("SELECT path, source_lang FROM posting ORDER BY path")
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// Everything the memory holds of one posting.
    pub fn load(&self, posting: &str) -> Result<PostingMemory, TmError> {
        self.reader()?.load(posting)
    }

    /// A reader for loading many postings, one after another: its statements are prepared
    /// once. (Statements taken from rusqlite's cache are prepared again on every use: returning
    /// one to the cache clears its bindings, and SQLite expires a statement whose plan looked at
    /// a binding. For a status of thousands of postings that was a tenth of the time.)
    pub fn reader(&self) -> Result<Reader<'_>, TmError> {
        Reader::new(&self.conn, &self.path, &self.packer)
    }

    /// SQLite's `data_version` of this connection: it changes when another connection
    /// commits a change to the memory, never for this connection's own writes.
    pub fn data_version(&self) -> Result<i64, TmError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(sql_err(&self.path))
    }

    /// Moves what the write-ahead log holds into the memory file and empties the log (as the
    /// last connection to close would), so that the files stay as they are from now on until
    /// the next write. Never waits: `false` when another run's reading or writing is in the
    /// way (nothing is lost; the log is moved later).
    pub fn checkpoint(&self) -> Result<bool, TmError> {
        let e = sql_err(&self.path);
        self.conn.busy_timeout(Duration::ZERO).map_err(&e)?;
        let busy = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            });
        self.conn.busy_timeout(busy_timeout()).map_err(&e)?;
        match busy {
            Ok(b) => Ok(b == 0),
            Err(err) if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
                Ok(false)
            }
            Err(err) => Err(e(err)),
        }
    }

    /// Runs `f` holding the memory's write lock, so that no other run writes meanwhile;
    /// nothing is written.
    pub fn holding_write_lock<T>(&self, f: impl FnOnce() -> T) -> Result<T, TmError> {
        let e = sql_err(&self.path);
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(&e)?;
        let out = f();
        self.conn.execute_batch("ROLLBACK").map_err(&e)?;
        Ok(out)
    }

    /// Runs `f` with a reader inside one read transaction: everything it reads sees one state
    /// of the memory, and the shared-memory locks are taken once instead of per statement.
    pub fn reading<T>(
        &self,
        f: impl FnOnce(&mut Reader<'_>) -> Result<T, TmError>,
    ) -> Result<T, TmError> {
        let e = sql_err(&self.path);
        self.conn.execute_batch("BEGIN DEFERRED").map_err(&e)?;
        let out = self.reader().and_then(|mut reader| f(&mut reader));
        // Ends the transaction whatever `f` returned; it wrote nothing.
        let end = self.conn.execute_batch("COMMIT").map_err(&e);
        let out = out?;
        end?;
        Ok(out)
    }
}

/// Loads postings from the memory with statements prepared once (see [`Tm::reader`]).
pub struct Reader<'a> {
    conn: &'a Connection,
    path: &'a Path,
    packer: &'a pack::Packer,
    posting: rusqlite::CachedStatement<'a>,
    source: rusqlite::CachedStatement<'a>,
    texts: rusqlite::CachedStatement<'a>,
    variants: rusqlite::CachedStatement<'a>,
    translations: rusqlite::CachedStatement<'a>,
}

/// Ids as runs of neighbouring ids (`first..=last`), for `WHERE id BETWEEN ?1 AND ?2`: a
/// posting's texts were most often recorded together, so one range scan reads what a look-up
/// per id (or an `IN` list) would find one descent of the table at a time. A run takes in a
/// gap of a few ids that belong to other postings; those rows are skipped.
fn id_runs(ids: impl IntoIterator<Item = i64>) -> Vec<(i64, i64)> {
    /// Foreign ids a run may read past rather than start another.
    const GAP: i64 = 16;
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for id in ids {
        match runs.last_mut() {
            Some((_, last)) if id - *last <= GAP => *last = id,
            _ => runs.push((id, id)),
        }
    }
    runs
}

/// Gives `f` each row of `st` (`SELECT id, ... WHERE id BETWEEN ?1 AND ?2`) whose id is
/// wanted, reading a run of neighbouring ids at a time (see [`id_runs`]).
fn rows_of(
    st: &mut rusqlite::Statement<'_>,
    wanted: &FxHashSet<i64>,
    mut f: impl FnMut(i64, &rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    for (first, last) in id_runs(wanted.iter().copied()) {
        let mut rows = st.query([first, last])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if wanted.contains(&id) {
                f(id, r)?;
            }
        }
    }
    Ok(())
}

/// A time column as tolk wrote it: seconds as RFC 3339 UTC, a text as it is.
fn time(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Integer(s) => Ok(jiff::Timestamp::from_second(s)
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default()),
        rusqlite::types::ValueRef::Null => Ok(String::new()),
        _ => text(r, i),
    }
}

/// A time as it is kept: whole seconds as an integer, any other time as its text.
fn time_value(now: &str) -> Value {
    match now.parse::<jiff::Timestamp>() {
        Ok(t) if t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string() == now => t.as_second().into(),
        _ => now.to_string().into(),
    }
}

/// A translation's origin as it is kept, and back.
const ORIGINS: [&str; 3] = ["human", "memory", "machine"];
/// A translation's state as it is kept, and back.
const STATES: [&str; 3] = ["translated", "accepted", "carried"];
const MACHINE: i64 = 2;

fn code(names: &[&str], name: &str) -> i64 {
    names.iter().position(|n| *n == name).unwrap_or(0) as i64
}

fn name(names: &[&'static str], code: i64) -> &'static str {
    names.get(code as usize).copied().unwrap_or("?")
}

impl<'a> Reader<'a> {
    fn new(
        conn: &'a Connection,
        path: &'a Path,
        packer: &'a pack::Packer,
    ) -> Result<Reader<'a>, TmError> {
        let e = sql_err(path);
        Ok(Reader {
            conn,
            path,
            packer,
            posting: conn
                .prepare_cached("SELECT source_lang FROM posting WHERE path = ?1")
                .map_err(&e)?,
            source: conn
                .prepare_cached("SELECT rows FROM source_layout WHERE posting = ?1")
                .map_err(&e)?,
            texts: conn
                .prepare_cached("SELECT id, text, hash FROM source_text WHERE id BETWEEN ?1 AND ?2")
                .map_err(&e)?,
            variants: conn
                .prepare_cached("SELECT lang, rows FROM variant_layout WHERE posting = ?1")
                .map_err(&e)?,
            translations: conn
                .prepare_cached(
                    "SELECT id, text, source, origin, provider, model, reviewed_at IS NOT NULL
                     FROM translation WHERE id BETWEEN ?1 AND ?2",
                )
                .map_err(&e)?,
        })
    }

    /// When a source segment (a lineage) first had a text; empty if it never had it. Asked
    /// only for the few segments a report shows as stale, not loaded with every row.
    pub fn since(&mut self, lineage: i64, source: i64) -> Result<String, TmError> {
        // Seldom asked, so from the connection's cache rather than prepared with the reader
        // (sync makes a reader per posting).
        self.conn
            .prepare_cached(
                "SELECT recorded_at FROM lineage_version WHERE lineage = ?1 AND source = ?2",
            )
            .and_then(|mut st| st.query_row([lineage, source], |r| time(r, 0)).optional())
            .map(Option::unwrap_or_default)
            .map_err(sql_err(self.path))
    }

    /// Everything the memory holds of one posting.
    pub fn load(&mut self, posting: &str) -> Result<PostingMemory, TmError> {
        let e = sql_err(self.path);
        let (conn, packer) = (self.conn, self.packer);
        let mut mem = PostingMemory {
            source_lang: self
                .posting
                .query_row([posting], |r| r.get(0))
                .optional()
                .map_err(&e)?,
            ..PostingMemory::default()
        };
        let layout: Vec<pack::SourceEntry> = self
            .source
            .query_row([posting], |r| pack::source_layout(r.get_ref(0)?.as_blob()?))
            .optional()
            .map_err(&e)?
            .unwrap_or_default();
        let mut texts: FxHashMap<i64, (Arc<str>, u64)> =
            FxHashMap::with_capacity_and_hasher(layout.len(), Default::default());
        let wanted: FxHashSet<i64> = layout.iter().map(|r| r.source).collect();
        rows_of(&mut self.texts, &wanted, |id, r| {
            let text = packer.column_shared(conn, r, 1)?;
            texts.insert(id, (text, r.get::<_, i64>(2)? as u64));
            Ok(())
        })
        .map_err(&e)?;
        mem.source.reserve_exact(layout.len());
        for l in layout {
            let (text, hash) = texts
                .get(&l.source)
                .cloned()
                .ok_or_else(|| e(rusqlite::Error::QueryReturnedNoRows))?;
            mem.source.push(SourceRow {
                key: l.key,
                kind: l.kind,
                level: l.level,
                line: l.line,
                lineage: l.lineage,
                source: l.source,
                text,
                hash,
            });
        }
        let variants: Vec<(String, Vec<pack::VariantEntry>)> = self
            .variants
            .query_map([posting], |r| {
                Ok((text(r, 0)?, pack::variant_layout(r.get_ref(1)?.as_blob()?)?))
            })
            .map_err(&e)?
            .collect::<Result<_, _>>()
            .map_err(&e)?;
        // A translation is most often used by one row: it is moved there, not copied (copies
        // only for ids used twice).
        let mut wanted: FxHashSet<i64> = FxHashSet::default();
        let mut twice: FxHashSet<i64> = FxHashSet::default();
        for id in variants
            .iter()
            .flat_map(|(_, rows)| rows.iter().filter_map(|v| v.translation))
        {
            if !wanted.insert(id) {
                twice.insert(id);
            }
        }
        let mut found: FxHashMap<i64, TranslationRow> =
            FxHashMap::with_capacity_and_hasher(wanted.len(), Default::default());
        rows_of(&mut self.translations, &wanted, |id, r| {
            let machine = r.get::<_, i64>(3)? == MACHINE;
            let source: i64 = r.get(2)?;
            let t = TranslationRow {
                id,
                text: packer.column_lazy(conn, r, 1)?,
                source,
                // The English it was made from: most often the text its segment had at the
                // last sync, already loaded (and shared); any other (older) text is looked up,
                // seldom, so from the connection's cache (as `since`).
                source_text: match texts.get(&source) {
                    Some((text, _)) => text.clone(),
                    None => conn
                        .prepare_cached("SELECT text FROM source_text WHERE id = ?1")?
                        .query_row([source], |r| packer.column_shared(conn, r, 0))?,
                },
                origin: if machine {
                    Origin::Machine {
                        provider: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                        model: r.get(5)?,
                    }
                } else {
                    Origin::Person
                },
                unreviewed: machine && !r.get::<_, bool>(6)?,
            };
            found.insert(id, t);
            Ok(())
        })
        .map_err(&e)?;
        for (lang, rows) in variants {
            let out: Vec<VariantRow> = rows
                .into_iter()
                .map(|v| VariantRow {
                    translation: v.translation.and_then(|id| match twice.contains(&id) {
                        true => found.get(&id).cloned(),
                        false => found.remove(&id),
                    }),
                    key: v.key,
                    kind: v.kind,
                    line: v.line,
                    hash: v.hash,
                    lineage: v.lineage,
                })
                .collect();
            mem.variants.insert(lang, out);
        }
        Ok(mem)
    }
}

/// The merge conflicts of the memory (the main database of `conn`), in posting order.
pub(crate) fn conflict_rows(
    conn: &Connection,
    packer: &pack::Packer,
) -> rusqlite::Result<Vec<ConflictRow>> {
    let mut st = conn.prepare_cached(
        "SELECT n.path, m.lineage, m.lang, o.text, t.text,
                (SELECT rows FROM source_layout WHERE posting = n.path),
                (SELECT rows FROM variant_layout WHERE posting = n.path AND lang = m.lang)
         FROM merge_conflict m JOIN lineage g ON g.id = m.lineage
         JOIN posting_path n ON n.id = g.posting
         JOIN translation o ON o.id = m.ours JOIN translation t ON t.id = m.theirs",
    )?;
    let mut rows = st.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let lineage: i64 = r.get(1)?;
        // Its key in the source layout, its line in the variant's.
        let key = match r.get_ref(5)?.as_blob_or_null()? {
            Some(b) => pack::source_layout(b)?
                .into_iter()
                .find(|l| l.lineage == lineage)
                .map(|l| l.key),
            None => None,
        };
        let line = match r.get_ref(6)?.as_blob_or_null()? {
            Some(b) => pack::variant_layout(b)?
                .into_iter()
                .find(|l| l.lineage == Some(lineage))
                .map(|l| l.line),
            None => None,
        };
        out.push(ConflictRow {
            posting: text(r, 0)?,
            key: key.unwrap_or_else(|| "~".into()),
            lang: text(r, 2)?,
            ours: packer.column(conn, r, 3)?,
            theirs: packer.column(conn, r, 4)?,
            line: line.unwrap_or(0),
        });
    }
    out.sort_by(|a, b| (&a.posting, &a.key, &a.lang).cmp(&(&b.posting, &b.key, &b.lang)));
    Ok(out)
}

/// The translations the variant files held at the last sync, by the layouts of the database
/// `schema` of `conn` (`main`, or an attached one).
pub(crate) fn used_translations(
    conn: &Connection,
    schema: &str,
) -> rusqlite::Result<std::collections::HashSet<i64>> {
    let mut out = std::collections::HashSet::new();
    let mut st = conn.prepare(&format!("SELECT rows FROM {schema}.variant_layout"))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let layout = pack::variant_layout(r.get_ref(0)?.as_blob()?)?;
        out.extend(layout.into_iter().filter_map(|v| v.translation));
    }
    Ok(out)
}

/// The number a lineage names its posting by (the path kept once), added if new.
pub(crate) fn path_id(conn: &Connection, path: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached("INSERT OR IGNORE INTO posting_path (path) VALUES (?1)")?
        .execute([path])?;
    conn.prepare_cached("SELECT id FROM posting_path WHERE path = ?1")?
        .query_row([path], |r| r.get(0))
}

/// The id of a base text, kept once however many variants share it.
pub(crate) fn base_text(
    conn: &Connection,
    packer: &pack::Packer,
    text: &str,
) -> rusqlite::Result<i64> {
    let hash = crate::segment::hash(text) as i64;
    let mut st = conn.prepare_cached("SELECT id, text FROM base_text WHERE hash = ?1")?;
    let mut rows = st.query([hash])?;
    while let Some(r) = rows.next()? {
        if packer.column(conn, r, 1)? == text {
            return r.get(0);
        }
    }
    drop(rows);
    conn.prepare_cached("INSERT INTO base_text (hash, text) VALUES (?1, ?2)")?
        .execute(params![hash, packer.pack(text)?])?;
    Ok(conn.last_insert_rowid())
}

/// Fills in the hashes of the base texts migration 0009 moved (SQL has no xxh3).
fn hash_moved_bases(conn: &Connection) -> rusqlite::Result<()> {
    let moved: Vec<(i64, String)> = conn
        .prepare("SELECT id, text FROM base_text WHERE hash = 0")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, text) in moved {
        conn.execute(
            "UPDATE base_text SET hash = ?1 WHERE id = ?2",
            params![crate::segment::hash(&text) as i64, id],
        )?;
    }
    Ok(())
}

/// After migration 0010: the layouts packed, a row per posting and per variant; the bases
/// packed; and, for a memory large enough, the dictionary trained and every text packed with it.
fn pack_after_10(conn: &Connection, packer: &pack::Packer) -> rusqlite::Result<()> {
    let mut st = conn.prepare(
        "SELECT posting, key, kind, level, line, lineage, source FROM source_layout
         ORDER BY posting, position",
    )?;
    let rows: Vec<(String, pack::SourceEntry)> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                pack::SourceEntry {
                    key: r.get(1)?,
                    kind: r.get(2)?,
                    level: r.get(3)?,
                    line: r.get::<_, i64>(4)? as usize,
                    lineage: r.get(5)?,
                    source: r.get(6)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for chunk in rows.chunk_by(|a, b| a.0 == b.0) {
        let sealed = pack::seal(&pack::source_rows(chunk.iter().map(|(_, r)| r.as_ref())))?;
        conn.execute(
            "INSERT INTO source_layout_packed (posting, rows) VALUES (?1, ?2)",
            params![chunk[0].0, sealed],
        )?;
    }
    let mut st = conn.prepare(
        "SELECT posting, lang, key, kind, line, hash, lineage, translation FROM variant_layout
         ORDER BY posting, lang, position",
    )?;
    let rows: Vec<((String, String), pack::VariantEntry)> = st
        .query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                pack::VariantEntry {
                    key: r.get(2)?,
                    kind: r.get(3)?,
                    line: r.get::<_, i64>(4)? as usize,
                    hash: r.get::<_, i64>(5)? as u64,
                    lineage: r.get(6)?,
                    translation: r.get(7)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for chunk in rows.chunk_by(|a, b| a.0 == b.0) {
        let sealed = pack::seal(&pack::variant_rows(chunk.iter().map(|(_, r)| r.as_ref())))?;
        conn.execute(
            "INSERT INTO variant_layout_packed (posting, lang, rows) VALUES (?1, ?2, ?3)",
            params![chunk[0].0.0, chunk[0].0.1, sealed],
        )?;
    }
    let now = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    if !packer.train(conn, &now)? {
        // Too small for a dictionary: only the bases (whole pages) gain from packing.
        packer.repack(conn, "base_text")?;
    }
    Ok(())
}

fn machine_answers(
    conn: &Connection,
    packer: &pack::Packer,
    path: &Path,
    posting: &str,
    lang: &str,
) -> Result<Vec<MachineAnswer>, TmError> {
    conn.prepare_cached(
        "SELECT a.lineage, a.source, a.text, a.provider, a.model, s.text
         FROM machine_answer a JOIN source_text s ON s.id = a.source
         WHERE a.posting = ?1 AND a.lang = ?2 ORDER BY a.id",
    )
    .and_then(|mut st| {
        st.query_map(params![posting, lang], |r| {
            Ok(MachineAnswer {
                lineage: r.get(0)?,
                source: r.get(1)?,
                text: text(r, 2)?,
                provider: text(r, 3)?,
                model: r.get(4)?,
                source_text: packer.column(conn, r, 5)?,
            })
        })?
        .collect()
    })
    .map_err(sql_err(path))
}

/// A text column as a `String`, checked by simdutf8 (rusqlite checks with the standard
/// library's, several times slower on Nordic text); anything else as rusqlite reads it.
fn text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(b) => match simdutf8::basic::from_utf8(b) {
            Ok(t) => Ok(t.to_owned()),
            Err(_) => r.get(i),
        },
        _ => r.get(i),
    }
}

impl Tm {
    /// Starts a write: everything in it lands at `commit`, or not at all.
    pub fn writer(&mut self, now: &str, who: Option<&str>) -> Result<Writer<'_>, TmError> {
        self.writer_in(now, who, false)
    }

    /// A writer for a whole site's first write (a sync into a memory that holds no posting
    /// yet), where nothing else of this process reads the memory meanwhile. Where no other
    /// connection has the memory open, it writes through SQLite's rollback journal instead of
    /// the write-ahead log: pages new to the file need no journal, so each is written once,
    /// where the log wrote it, read it back and wrote it again into the file (a first sync
    /// 6% faster at 300 and at 3,000 bench postings). The commit puts the memory back in
    /// write-ahead-log mode; a write that does not commit leaves it for the next open to do.
    /// Another run that opens the memory meanwhile waits for the write, as for any other.
    pub fn first_writer(&mut self, now: &str, who: Option<&str>) -> Result<Writer<'_>, TmError> {
        let path = self.path.clone();
        let e = sql_err(&path);
        let empty: bool = (self.conn)
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM posting)", [], |r| {
                r.get(0)
            })
            .map_err(&e)?;
        // Leaving the log needs every other connection gone: with one open, the mode stays.
        let rollback = empty
            && (self.conn)
                .query_row("PRAGMA main.journal_mode = DELETE", [], |r| {
                    r.get::<_, String>(0)
                })
                .is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
        if rollback {
            // The journal is synced at every commit, as the log was at its checkpoints.
            (self.conn)
                .execute_batch("PRAGMA synchronous = FULL")
                .map_err(&e)?;
        }
        self.writer_in(now, who, rollback)
    }

    fn writer_in(
        &mut self,
        now: &str,
        who: Option<&str>,
        rollback: bool,
    ) -> Result<Writer<'_>, TmError> {
        let e = sql_err(&self.path);
        // `&mut self` makes sure no other transaction is open on the connection.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(&e)?;
        // Its own copy of the dictionaries: one trained in a write that is rolled back is
        // forgotten with it.
        let packer = self.packer.clone();
        packer.refresh(&tx).map_err(&e)?;
        let texts = packer.texts(&tx).map_err(&e)?;
        let train_at = Some(packer.train_at(&tx).map_err(&e)?);
        let no_sources: bool = tx
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM source_text)", [], |r| {
                r.get(0)
            })
            .map_err(&e)?;
        Ok(Writer {
            tx,
            conn: &self.conn,
            trained: false,
            path: self.path.clone(),
            now: now.to_string(),
            at: time_value(now),
            who: who.map(str::to_string),
            packer,
            home: &mut self.packer,
            texts,
            train_at,
            paths: HashMap::new(),
            last_base: None,
            held: Held::default(),
            rollback,
            new_sources: no_sources.then(FxHashSet::default),
        })
    }

    /// The provider answers kept for a posting's language, oldest first (machine suggestions).
    pub fn machine_answers(
        &self,
        posting: &str,
        lang: &str,
    ) -> Result<Vec<MachineAnswer>, TmError> {
        machine_answers(&self.conn, &self.packer, &self.path, posting, lang)
    }

    /// Merge conflicts not resolved yet.
    pub fn conflicts(&self) -> Result<Vec<ConflictRow>, TmError> {
        conflict_rows(&self.conn, &self.packer).map_err(sql_err(&self.path))
    }

    /// The pages' reports the last sync stored for tolk and configuration `made_for` (see
    /// migration 0013), of the pages `wanted` says.
    pub fn page_reports(
        &self,
        made_for: &str,
        mut wanted: impl FnMut(&str) -> bool,
    ) -> Result<Vec<PageReportRow>, TmError> {
        let e = sql_err(&self.path);
        let mut st = self
            .conn
            .prepare_cached("SELECT page, files, postings FROM page_report WHERE made_for = ?1")
            .map_err(&e)?;
        let mut rows = st.query([made_for]).map_err(&e)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            let page = text(r, 0).map_err(&e)?;
            if wanted(&page) {
                out.push(PageReportRow {
                    page,
                    files: r.get(1).map_err(&e)?,
                    postings: r.get(2).map_err(&e)?,
                });
            }
        }
        Ok(out)
    }

    /// Stores pages' reports for `made_for` (and drops those made for anything else, and those
    /// of pages `is_page` says are gone), holding the write lock, but only where no other run has written to the memory since this
    /// connection's data version was `version` (when reading for the reports began): else they
    /// could say what the memory no longer does. Whether they were stored (not when another
    /// run holds the write lock: they are not worth waiting for).
    pub fn store_page_reports(
        &self,
        version: i64,
        made_for: &str,
        rows: &[PageReportRow],
        is_page: &dyn Fn(&str) -> bool,
    ) -> Result<bool, TmError> {
        let e = sql_err(&self.path);
        // A speed-up is not worth waiting for another run's write: busy, nothing is stored.
        self.conn.busy_timeout(Duration::ZERO).map_err(&e)?;
        let begun = self.conn.execute_batch("BEGIN IMMEDIATE");
        self.conn.busy_timeout(busy_timeout()).map_err(&e)?;
        match begun {
            Ok(()) => {}
            Err(err) if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
                return Ok(false);
            }
            Err(err) => return Err(e(err)),
        }
        let write = || -> rusqlite::Result<bool> {
            if self
                .conn
                .query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))?
                != version
            {
                return Ok(false);
            }
            self.conn
                .execute("DELETE FROM page_report WHERE made_for <> ?1", [made_for])?;
            // A page deleted or renamed: its report would only grow the memory.
            let gone: Vec<String> = self
                .conn
                .prepare("SELECT page FROM page_report")?
                .query_map([], |r| r.get::<_, String>(0))?
                .filter(|p| p.as_ref().is_ok_and(|p| !is_page(p)))
                .collect::<Result<_, _>>()?;
            for page in gone {
                self.conn
                    .execute("DELETE FROM page_report WHERE page = ?1", [page])?;
            }
            insert_page_reports(&self.conn, made_for, rows)?;
            Ok(true)
        };
        match write() {
            Ok(true) => {
                self.conn.execute_batch("COMMIT").map_err(&e)?;
                Ok(true)
            }
            Ok(false) => {
                self.conn.execute_batch("ROLLBACK").map_err(&e)?;
                Ok(false)
            }
            Err(err) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e(err))
            }
        }
    }

    /// Segments out in a package: (posting, language, key) -> hash of the English sent.
    pub fn package_units(&self) -> Result<HashMap<(String, String, String), u64>, TmError> {
        let e = sql_err(&self.path);
        let mut st = self
            .conn
            .prepare_cached("SELECT posting, lang, key, source_hash FROM package_unit")
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    (text(r, 0)?, text(r, 1)?, text(r, 2)?),
                    r.get::<_, i64>(3)? as u64,
                ))
            })
            .map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// What the units out in a package in `lang` held in the translation file when they were
    /// sent: (posting, key) -> hash of that text (of "" for none); units sent before this was
    /// recorded are not listed.
    pub fn package_targets(&self, lang: &str) -> Result<HashMap<(String, String), u64>, TmError> {
        let e = sql_err(&self.path);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT posting, key, target_hash FROM package_unit
                 WHERE lang = ?1 AND target_hash IS NOT NULL",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([lang], |r| {
                Ok(((text(r, 0)?, text(r, 1)?), r.get::<_, i64>(2)? as u64))
            })
            .map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// Translations recorded for a source text in a language, newest first (for suggestions).
    pub fn translations_of(&self, lang: &str, source_text: &str) -> Result<Vec<String>, TmError> {
        let e = sql_err(&self.path);
        let (conn, packer) = (&self.conn, &self.packer);
        let mut sources = Vec::new();
        let mut st = conn
            .prepare_cached("SELECT id, text FROM source_text WHERE hash = ?1")
            .map_err(&e)?;
        let mut rows = st
            .query([crate::segment::hash(source_text) as i64])
            .map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            if packer.column(conn, r, 1).map_err(&e)? == source_text {
                sources.push(r.get::<_, i64>(0).map_err(&e)?);
            }
        }
        drop(rows);
        // Each text once, by its newest record.
        let mut newest: HashMap<String, i64> = HashMap::new();
        let mut st = conn
            .prepare_cached("SELECT id, text FROM translation WHERE source = ?1 AND lang = ?2")
            .map_err(&e)?;
        for s in sources {
            let mut rows = st.query(params![s, lang]).map_err(&e)?;
            while let Some(r) = rows.next().map_err(&e)? {
                let id: i64 = r.get(0).map_err(&e)?;
                let t = packer.column(conn, r, 1).map_err(&e)?;
                let n = newest.entry(t).or_insert(id);
                *n = (*n).max(id);
            }
        }
        let mut out: Vec<(String, i64)> = newest.into_iter().collect();
        out.sort_by_key(|t| std::cmp::Reverse(t.1));
        Ok(out.into_iter().map(|(t, _)| t).collect())
    }

    /// Every source layout, by posting.
    fn source_layouts(&self) -> Result<Vec<(String, Vec<pack::SourceEntry>)>, TmError> {
        let e = sql_err(&self.path);
        self.conn
            .prepare_cached("SELECT posting, rows FROM source_layout ORDER BY posting")
            .and_then(|mut st| {
                st.query_map([], |r| {
                    Ok((text(r, 0)?, pack::source_layout(r.get_ref(1)?.as_blob()?)?))
                })?
                .collect()
            })
            .map_err(&e)
    }

    /// Every source segment at the last sync with the translation into `lang` made from its
    /// text (if any), in posting order: the material for suggestions.
    pub fn candidates(&self, lang: &str) -> Result<Vec<Candidate>, TmError> {
        let e = sql_err(&self.path);
        let (conn, packer) = (&self.conn, &self.packer);
        let mut texts: HashMap<i64, String> = HashMap::new();
        let mut st = conn
            .prepare_cached("SELECT id, text FROM source_text")
            .map_err(&e)?;
        let mut rows = st.query([]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            texts.insert(
                r.get(0).map_err(&e)?,
                packer.column(conn, r, 1).map_err(&e)?,
            );
        }
        drop(rows);
        // The newest translation of each lineage from each English text.
        let mut translated: HashMap<(i64, i64), String> = HashMap::new();
        let mut st = conn
            .prepare_cached(
                "SELECT lineage, source, text FROM translation WHERE lang = ?1 ORDER BY id",
            )
            .map_err(&e)?;
        let mut rows = st.query([lang]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            translated.insert(
                (r.get(0).map_err(&e)?, r.get(1).map_err(&e)?),
                packer.column(conn, r, 2).map_err(&e)?,
            );
        }
        drop(rows);
        let mut out = Vec::new();
        for (posting, layout) in self.source_layouts()? {
            for l in layout {
                out.push(Candidate {
                    posting: posting.clone(),
                    kind: l.kind,
                    source: texts.get(&l.source).cloned().unwrap_or_default(),
                    translation: translated.get(&(l.lineage, l.source)).cloned(),
                });
            }
        }
        // Translations from outside (TMX), after the memory's own, by the file they came from.
        let mut st = conn
            .prepare_cached(
                "SELECT origin, source, text FROM external_translation WHERE lang = ?1
                 ORDER BY origin, id",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([lang], |r| {
                Ok(Candidate {
                    posting: r.get(0)?,
                    kind: "external".into(),
                    source: r.get(1)?,
                    translation: Some(r.get(2)?),
                })
            })
            .map_err(&e)?;
        for r in rows {
            out.push(r.map_err(&e)?);
        }
        Ok(out)
    }

    /// The source posting's text when the `lang` variant was first recorded.
    pub fn variant_base(&self, posting: &str, lang: &str) -> Result<Option<String>, TmError> {
        // The text behind the variant's reference.
        let (conn, packer) = (&self.conn, &self.packer);
        conn.query_row(
            "SELECT b.text FROM variant_base_ref v JOIN base_text b ON b.id = v.base
             WHERE v.posting = ?1 AND v.lang = ?2",
            [posting, lang],
            |r| packer.column(conn, r, 0),
        )
        .optional()
        .map_err(sql_err(&self.path))
    }

    /// The text behind each language's variant reference of `posting` (as [`Tm::variant_base`]
    /// for every language at once): a text several languages share is unpacked once. A base
    /// whose hash is `today` (the hash of today's source text) is that text: it is left out,
    /// and not unpacked (a page's English, unpacked for each page, was 3% of a cold export).
    pub fn variant_bases(
        &self,
        posting: &str,
        today: u64,
    ) -> Result<HashMap<String, std::sync::Arc<str>>, TmError> {
        let (conn, packer) = (&self.conn, &self.packer);
        let e = sql_err(&self.path);
        let mut st = conn
            .prepare_cached(
                "SELECT lang, base, (SELECT hash FROM base_text WHERE id = base),
                        (SELECT text FROM base_text WHERE id = base)
                 FROM variant_base_ref WHERE posting = ?1",
            )
            .map_err(&e)?;
        let mut rows = st.query([posting]).map_err(&e)?;
        let mut by_id: HashMap<i64, std::sync::Arc<str>> = HashMap::new();
        let mut out = HashMap::new();
        while let Some(r) = rows.next().map_err(&e)? {
            if r.get::<_, i64>(2).map_err(&e)? == today as i64 {
                continue;
            }
            let lang = text(r, 0).map_err(&e)?;
            let id: i64 = r.get(1).map_err(&e)?;
            let base = match by_id.get(&id) {
                Some(b) => b.clone(),
                None => {
                    let b: std::sync::Arc<str> = packer.column(conn, r, 3).map_err(&e)?.into();
                    by_id.insert(id, b.clone());
                    b
                }
            };
            out.insert(lang, base);
        }
        Ok(out)
    }

    /// The hashes recorded for exported files (paths as given to [`Writer::set_export`]), of
    /// those of `paths` that have one; one statement for all of them.
    pub fn export_hashes(
        &self,
        paths: impl IntoIterator<Item = String>,
    ) -> Result<HashMap<String, u64>, TmError> {
        let e = sql_err(&self.path);
        let paths: Vec<String> = paths.into_iter().collect();
        let list = serde_json::to_string(&paths).unwrap_or_default();
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT path, hash FROM export_file WHERE path IN (SELECT value FROM json_each(?1))",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([list], |r| Ok((text(r, 0)?, r.get::<_, i64>(1)? as u64)))
            .map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// What the memory means, as sorted lines of text: every English text of every segment
    /// (today's and older ones) and every translation with the English it was made from, its
    /// origin and state. No ids and no times, so two memories with the same content give the
    /// same bytes (`tolk dump`, git's textconv). A segment is named by its posting and its key
    /// at the last sync (`~` when it is no longer in its posting).
    ///
    /// ```text
    /// career/a.md\th2.p1\ten\t"today's English"
    /// career/a.md\th2.p1\ten~\t"older English"
    /// career/a.md\th2.p1\tda\t"Dansk"\t<- "English it was made from"\thuman translated *
    /// ```
    /// (`*`: the translation in the variant file at the last sync.)
    pub fn content_dump(&self) -> Result<String, TmError> {
        let e = sql_err(&self.path);
        let (conn, packer) = (&self.conn, &self.packer);
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        // A lineage's key (the least, should two layouts name it), and which English texts are
        // today's; which translations the variant files held at the last sync.
        let mut keys: HashMap<i64, String> = HashMap::new();
        let mut today: std::collections::HashSet<(i64, i64)> = Default::default();
        for (_, layout) in self.source_layouts()? {
            for l in layout {
                today.insert((l.lineage, l.source));
                match keys.get_mut(&l.lineage) {
                    Some(k) if *k <= l.key => {}
                    Some(k) => *k = l.key,
                    None => {
                        keys.insert(l.lineage, l.key);
                    }
                }
            }
        }
        let used = used_translations(conn, "main").map_err(&e)?;
        let key = |lineage: i64| keys.get(&lineage).map_or("~", String::as_str);
        let mut lines: Vec<String> = Vec::new();
        let mut st = conn
            .prepare(
                "SELECT n.path, g.id, p.source_lang, s.text, s.id
                 FROM lineage g JOIN posting_path n ON n.id = g.posting
                 JOIN lineage_version v ON v.lineage = g.id
                 JOIN source_text s ON s.id = v.source
                 LEFT JOIN posting p ON p.path = n.path",
            )
            .map_err(&e)?;
        let mut rows = st.query([]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            let posting = text(r, 0).map_err(&e)?;
            let lineage: i64 = r.get(1).map_err(&e)?;
            let lang = r
                .get::<_, Option<String>>(2)
                .map_err(&e)?
                .unwrap_or_default();
            let english = packer.column(conn, r, 3).map_err(&e)?;
            let mark = if today.contains(&(lineage, r.get(4).map_err(&e)?)) {
                ""
            } else {
                "~"
            };
            lines.push(format!(
                "{posting}\t{}\t{lang}{mark}\t{}",
                key(lineage),
                q(&english)
            ));
        }
        drop(rows);
        let mut st = conn
            .prepare(
                "SELECT n.path, t.lineage, t.lang, t.text, s.text, t.origin, t.provider, t.model,
                        t.reviewed_at IS NULL, t.state, t.id
                 FROM translation t JOIN lineage g ON g.id = t.lineage
                 JOIN posting_path n ON n.id = g.posting
                 JOIN source_text s ON s.id = t.source",
            )
            .map_err(&e)?;
        let mut rows = st.query([]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            let posting = text(r, 0).map_err(&e)?;
            let lineage: i64 = r.get(1).map_err(&e)?;
            let lang = text(r, 2).map_err(&e)?;
            let translation = packer.column(conn, r, 3).map_err(&e)?;
            let english = packer.column(conn, r, 4).map_err(&e)?;
            let code: i64 = r.get(5).map_err(&e)?;
            // A machine translation says by whom (provider/model) and whether a person
            // reviewed it.
            let origin = if code == MACHINE {
                let provider: Option<String> = r.get(6).map_err(&e)?;
                let model: Option<String> = r.get(7).map_err(&e)?;
                let reviewed = if r.get::<_, bool>(8).map_err(&e)? {
                    "unreviewed"
                } else {
                    "reviewed"
                };
                format!(
                    "machine:{}{} {reviewed}",
                    provider.unwrap_or_default(),
                    model.map(|m| format!("/{m}")).unwrap_or_default()
                )
            } else {
                name(&ORIGINS, code).to_string()
            };
            let state = name(&STATES, r.get(9).map_err(&e)?);
            let mark = if used.contains(&r.get(10).map_err(&e)?) {
                " *"
            } else {
                ""
            };
            lines.push(format!(
                "{posting}\t{}\t{lang}\t{}\t<- {}\t{origin} {state}{mark}",
                key(lineage),
                q(&translation),
                q(&english)
            ));
        }
        drop(rows);
        lines.sort_unstable();
        lines.dedup();
        let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        Ok(out)
    }

    /// A full dump of the memory as text, table by table (for tests that prove nothing changed).
    pub fn dump(&self) -> Result<String, TmError> {
        let e = sql_err(&self.path);
        let mut out = String::new();
        let tables: Vec<String> = {
            let mut st = self
                .conn
                // Not the pages' reports: what a status said, not what the memory holds.
                .prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'page_report'
                     ORDER BY name",
                )
                .map_err(&e)?;
            st.query_map([], |r| r.get(0))
                .map_err(&e)?
                .collect::<Result<_, _>>()
                .map_err(&e)?
        };
        for t in tables {
            out.push_str(&format!("## {t}\n"));
            let mut st = self
                .conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
                .map_err(&e)?;
            let n = st.column_count();
            let mut rows = st.query([]).map_err(&e)?;
            while let Some(r) = rows.next().map_err(&e)? {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i) {
                        Ok(rusqlite::types::ValueRef::Null) => "NULL".to_string(),
                        Ok(rusqlite::types::ValueRef::Integer(v)) => v.to_string(),
                        Ok(rusqlite::types::ValueRef::Real(v)) => v.to_string(),
                        Ok(rusqlite::types::ValueRef::Text(t)) => {
                            format!("{:?}", String::from_utf8_lossy(t))
                        }
                        Ok(rusqlite::types::ValueRef::Blob(b)) => format!(
                            "x'{}'",
                            b.iter().map(|x| format!("{x:02x}")).collect::<String>()
                        ),
                        Err(_) => "?".to_string(),
                    })
                    .collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        Ok(out)
    }
}

/// Read-only connections to one memory for workers on several cores: each connection is used
/// by one worker at a time and kept for the next, so there are about as many as cores. (Opening
/// one reads the schema and the dictionary: more than reading a few postings.)
pub struct ReadPool {
    path: PathBuf,
    idle: std::sync::Mutex<Vec<Tm>>,
}

impl ReadPool {
    pub fn new(path: &Path) -> ReadPool {
        ReadPool {
            path: path.to_path_buf(),
            idle: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` with a connection of the pool, opened if none is idle; `Ok(None)` when there is
    /// no memory at the path.
    pub fn with<T>(&self, f: impl FnOnce(&Tm) -> T) -> Result<Option<T>, TmError> {
        let idle = self.idle.lock().map_or(None, |mut idle| idle.pop());
        let tm = match idle {
            Some(tm) => tm,
            None => match Tm::open_read_only(&self.path)? {
                Some(tm) => tm,
                None => return Ok(None),
            },
        };
        let out = f(&tm);
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(tm);
        }
        Ok(Some(out))
    }
}

/// A page's status as the last sync saw it (see [`Tm::page_reports`]).
#[derive(Debug)]
pub struct PageReportRow {
    pub page: String,
    /// What it read of each language's file (`report::cache` says how).
    pub files: Vec<u8>,
    /// Its postings' reports, as compressed JSON.
    pub postings: Vec<u8>,
}

/// Stores pages' reports made for `made_for` (a page's earlier one is replaced).
fn insert_page_reports<'r>(
    conn: &Connection,
    made_for: &str,
    rows: impl IntoIterator<Item = &'r PageReportRow>,
) -> rusqlite::Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT OR REPLACE INTO page_report (page, made_for, files, postings)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for r in rows {
        st.execute(params![r.page, made_for, r.files, r.postings])?;
    }
    Ok(())
}

/// A first write through the rollback journal ([`Tm::first_writer`]) that was stopped before
/// its commit leaves the journal beside the memory, which a read-only connection cannot
/// undo (it fails: "attempt to write a readonly database"). Undone here as every read-write
/// open of the memory does: a connection that reads it rolls the memory back to its last
/// commit (while that write is still running, the read waits for it or finds the journal
/// is not one to undo). Whether the journal was there: the memory may be being written.
fn roll_back_interrupted_first_write(path: &Path) -> bool {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    if !Path::new(&journal).exists() {
        return false;
    }
    // Where it cannot be undone (a folder the run may not write), the read-only open says
    // why, as before.
    if let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
        conn.busy_timeout(busy_timeout()).ok();
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .ok();
    }
    true
}

/// Puts the memory in write-ahead-log mode (readers and one writer at a time never block
/// each other). A memory in another journal mode is switched once; the switch needs every
/// other connection gone for a moment, so while another run reads the old mode it is tried
/// again until the busy timeout.
fn write_ahead_log(conn: &Connection, path: &Path) -> Result<(), TmError> {
    let deadline = std::time::Instant::now() + busy_timeout();
    loop {
        // journal_mode returns a row; a non-database file fails here.
        let mode = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        match mode {
            Ok(m) if m.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(_) => {}
            Err(err) => match sql_err(path)(err) {
                TmError::Locked { .. } => {}
                other => return Err(other),
            },
        }
        if std::time::Instant::now() >= deadline {
            return Err(TmError::Locked {
                path: path.to_path_buf(),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A write transaction on the memory.
pub struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
    conn: &'a Connection,
    /// The memory's first dictionary was trained in this write and every text packed again
    /// with it (the file is compacted at the commit).
    trained: bool,
    path: PathBuf,
    now: String,
    /// `now` as times are kept.
    at: Value,
    who: Option<String>,
    packer: pack::Packer,
    /// The memory's packer, given this one's dictionaries at commit.
    home: &'a mut pack::Packer,
    /// How many texts the memory holds, and at how many it trains a dictionary (`None`: it
    /// did in this write, or tried).
    texts: i64,
    train_at: Option<i64>,
    /// The numbers of posting paths (see [`path_id`]), as looked up.
    paths: HashMap<String, i64>,
    /// The base text recorded last, with its id: a page's variants share their base, and
    /// finding it again in the memory meant unpacking the whole page for each variant.
    last_base: Option<(String, i64)>,
    /// The statements a sync runs for every segment, prepared once.
    held: Held<'a>,
    /// Writing through the rollback journal (see [`Tm::first_writer`]).
    rollback: bool,
    /// Where the write began with no source text in the memory: a key for each (language,
    /// hash) it added since ([`source_key`]). A text whose key is not here is new to the
    /// memory, and is not looked for (a first sync looked for each of its texts, in vain).
    /// `None`: the memory held texts, or this write added too many to keep count.
    new_sources: Option<FxHashSet<u64>>,
}

/// The most source texts a write keeps keys of (about 9 MB at most).
const NEW_SOURCES_MAX: usize = 1 << 20;

/// A source text's key in [`Writer::new_sources`]: two texts of the same language and hash
/// have the same key (others may too: a key found is only a reason to look).
fn source_key(lang: &str, hash: i64) -> u64 {
    (hash as u64) ^ crate::segment::hash(lang).rotate_left(17)
}

/// Statements a write runs thousands of times, prepared the first time (rusqlite's statement
/// cache hashed the SQL text and moved the statement in and out of its list at every call:
/// 7% of a first sync's writer).
#[derive(Default)]
struct Held<'a> {
    find_source: Option<rusqlite::Statement<'a>>,
    add_source: Option<rusqlite::Statement<'a>>,
    add_lineage: Option<rusqlite::Statement<'a>>,
    add_version: Option<rusqlite::Statement<'a>>,
    add_translation: Option<rusqlite::Statement<'a>>,
    add_machine_translation: Option<rusqlite::Statement<'a>>,
}

/// The statement in `slot`, prepared on `conn` the first time it is asked for.
fn prepared<'s, 'a>(
    slot: &'s mut Option<rusqlite::Statement<'a>>,
    conn: &'a Connection,
    sql: &str,
) -> rusqlite::Result<&'s mut rusqlite::Statement<'a>> {
    if slot.is_none() {
        *slot = Some(conn.prepare(sql)?);
    }
    Ok(slot.as_mut().expect("prepared above"))
}

/// A row of a source layout to write, and of a variant layout.
pub use pack::{SourceRef as SourceLayout, VariantRef as VariantLayout};

impl Writer<'_> {
    /// Everything the memory holds of one posting, as this transaction sees it.
    pub fn load(&self, posting: &str) -> Result<PostingMemory, TmError> {
        Reader::new(&self.tx, &self.path, &self.packer)?.load(posting)
    }

    /// The postings the memory knows (as this transaction sees them).
    pub fn known_postings(&self) -> Result<std::collections::HashSet<String>, TmError> {
        (|| -> rusqlite::Result<std::collections::HashSet<String>> {
            self.tx
                .prepare("SELECT path FROM posting")?
                .query_map([], |r| r.get(0))?
                .collect()
        })()
        .map_err(self.e())
    }

    /// The dictionary new texts are packed with now: texts packed with it on other threads
    /// can be offered to this writer ([`Writer::offer_prepacked`]).
    pub fn packing_dict(&self) -> pack::PackingDict {
        self.packer.packing_dict()
    }

    /// Texts packed ahead of time on other threads, for the texts this writer adds next (see
    /// [`pack::Packer::offer`]); a text packed with another dictionary than the one in use is
    /// packed again.
    pub fn offer_prepacked(&mut self, prepacked: pack::Prepacked) {
        self.packer.offer(prepacked);
    }

    /// Whether this write trains the first dictionary of a memory that holds no text yet on the
    /// first [`pack::TRAIN_AT`] texts it will add (`samples` of them: at least that many), so
    /// that they and all after them are packed once, with it (see
    /// [`pack::Packer::trains_ahead`]). Otherwise the dictionary is trained when the memory
    /// holds that many texts, and the texts before are packed again. The training itself
    /// ([`pack::train_dictionary`]) can run on another thread meanwhile.
    pub fn trains_ahead(&self, samples: usize) -> Result<bool, TmError> {
        (self.packer.trains_ahead(&self.tx, samples)).map_err(self.e())
    }

    /// Keeps the dictionary trained for [`Writer::trains_ahead`] (`None`: training found
    /// nothing worth keeping); whether there is one.
    pub fn keep_trained_ahead(&mut self, dict: Option<Vec<u8>>) -> Result<bool, TmError> {
        let e = sql_err(&self.path);
        if !(self.packer.keep_trained_ahead(&self.tx, &self.now, dict)).map_err(&e)? {
            return Ok(false);
        }
        self.train_at = Some(self.packer.train_at(&self.tx).map_err(&e)?);
        // Nothing is packed again, so nothing is compacted at the commit: a memory written in
        // one go is 1.4% larger than compacted at 300 bench postings, the same at 3,000 (and
        // the compaction cost 7% of the first sync's time at 300).
        Ok(true)
    }

    /// A text was added: the memory trains a dictionary once it holds enough of them (see
    /// [`pack::Packer::train_at`]).
    fn added_text(&mut self) -> Result<(), TmError> {
        self.texts += 1;
        if self.train_at.is_some_and(|at| self.texts >= at) {
            let e = sql_err(&self.path);
            self.trained |= self.packer.train(&self.tx, &self.now).map_err(&e)?;
            // The next time, as the memory grows on in this write; training that found nothing
            // to keep is not tried again in it.
            let next = self.packer.train_at(&self.tx).map_err(&e)?;
            self.train_at = (next > self.texts).then_some(next);
        }
        Ok(())
    }

    fn e(&self) -> impl Fn(rusqlite::Error) -> TmError + '_ {
        sql_err(&self.path)
    }

    /// The id of a source text, added if new.
    pub fn source_text(&mut self, lang: &str, text: &str) -> Result<i64, TmError> {
        let hash = crate::segment::hash(text) as i64;
        // Not looked for where the write knows the memory has no such text.
        let look = match &mut self.new_sources {
            Some(keys) if keys.len() >= NEW_SOURCES_MAX => {
                self.new_sources = None;
                true
            }
            Some(keys) => !keys.insert(source_key(lang, hash)),
            None => true,
        };
        let (tx, conn, packer, held) = (&self.tx, self.conn, &self.packer, &mut self.held);
        let found = (|| -> rusqlite::Result<Option<i64>> {
            if look {
                let st = prepared(
                    &mut held.find_source,
                    conn,
                    "SELECT id, text FROM source_text WHERE lang = ?1 AND hash = ?2",
                )?;
                let mut rows = st.query(params![lang, hash])?;
                while let Some(r) = rows.next()? {
                    if packer.column(tx, r, 1)? == text {
                        return r.get(0).map(Some);
                    }
                }
            }
            let packed = packer.pack(text)?;
            prepared(
                &mut held.add_source,
                conn,
                "INSERT INTO source_text (lang, hash, text) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![lang, hash, packed])?;
            Ok(None)
        })()
        .map_err(sql_err(&self.path))?;
        if let Some(id) = found {
            return Ok(id);
        }
        let id = self.tx.last_insert_rowid();
        self.added_text()?;
        Ok(id)
    }

    pub fn new_lineage(&mut self, posting: &str) -> Result<i64, TmError> {
        let posting = match self.paths.get(posting) {
            Some(id) => *id,
            None => {
                let id = path_id(&self.tx, posting).map_err(self.e())?;
                self.paths.insert(posting.to_string(), id);
                id
            }
        };
        prepared(
            &mut self.held.add_lineage,
            self.conn,
            "INSERT INTO lineage (posting, created_at) VALUES (?1, ?2)",
        )
        .and_then(|st| st.execute(params![posting, self.at]))
        .map_err(sql_err(&self.path))?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Records that `source` is a version of `lineage` (once).
    pub fn add_version(&mut self, lineage: i64, source: i64) -> Result<(), TmError> {
        prepared(
            &mut self.held.add_version,
            self.conn,
            "INSERT OR IGNORE INTO lineage_version (lineage, source, recorded_at) VALUES (?1, ?2, ?3)",
        )
        .and_then(|st| st.execute(params![lineage, source, self.at]))
        .map_err(sql_err(&self.path))?;
        Ok(())
    }

    pub fn set_posting(&mut self, path: &str, source_lang: &str) -> Result<(), TmError> {
        self.tx
            .prepare_cached(
                "INSERT INTO posting (path, source_lang, synced_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (path) DO UPDATE SET source_lang = excluded.source_lang, synced_at = excluded.synced_at
                 WHERE posting.source_lang IS NOT excluded.source_lang",
            )
            .and_then(|mut st| st.execute(params![path, source_lang, self.now]))
            .map_err(self.e())?;
        Ok(())
    }

    /// Replaces the source layout of `posting`; a layout equal to the recorded one is not
    /// written again (a sync with nothing changed leaves the memory file as it was, so git sees
    /// no change).
    pub fn replace_source_layout(
        &mut self,
        posting: &str,
        rows: &[SourceLayout],
    ) -> Result<(), TmError> {
        let e = sql_err(&self.path);
        let wanted = pack::source_rows(rows.iter().copied());
        self.replace_layout(
            "SELECT rows FROM source_layout WHERE posting = ?1",
            "INSERT OR REPLACE INTO source_layout (posting, rows) VALUES (?1, ?2)",
            &[posting],
            wanted,
        )
        .map_err(&e)
    }

    /// Writes a packed layout unless the recorded one has the same rows (a sync with nothing
    /// changed leaves the memory file as it was, so git sees no change).
    fn replace_layout(
        &self,
        read: &str,
        write: &str,
        key: &[&str],
        wanted: Vec<u8>,
    ) -> rusqlite::Result<()> {
        let recorded: Option<Vec<u8>> = self
            .tx
            .prepare_cached(read)?
            .query_row(rusqlite::params_from_iter(key), |r| {
                pack::unseal(r.get_ref(0)?.as_blob()?)
            })
            .optional()?;
        if recorded.as_ref() == Some(&wanted) {
            return Ok(());
        }
        let sealed = pack::seal(&wanted)?;
        let mut values: Vec<Value> = key.iter().map(|k| Value::from(k.to_string())).collect();
        values.push(sealed.into());
        self.tx
            .prepare_cached(write)?
            .execute(rusqlite::params_from_iter(values))?;
        Ok(())
    }

    /// Records a translation; returns its id.
    pub fn add_translation(
        &mut self,
        lineage: i64,
        lang: &str,
        text: &str,
        source: i64,
        origin: &str,
        state: &str,
    ) -> Result<i64, TmError> {
        let packed = self.packer.pack(text).map_err(self.e())?;
        prepared(
            &mut self.held.add_translation,
            self.conn,
            "INSERT INTO translation (lineage, lang, text, source, origin, state, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .and_then(|st| {
            st.execute(params![
                    lineage,
                    lang,
                    packed,
                    source,
                    code(&ORIGINS, origin),
                    code(&STATES, state),
                    self.at,
                    self.who
                ])
        })
        .map_err(sql_err(&self.path))?;
        let id = self.tx.last_insert_rowid();
        self.added_text()?;
        Ok(id)
    }

    /// Records a machine translation (not reviewed); returns its id.
    pub fn add_machine_translation(
        &mut self,
        lineage: i64,
        lang: &str,
        text: &str,
        source: i64,
        provider: &str,
        model: Option<&str>,
    ) -> Result<i64, TmError> {
        let packed = self.packer.pack(text).map_err(self.e())?;
        prepared(
            &mut self.held.add_machine_translation,
            self.conn,
            "INSERT INTO translation (lineage, lang, text, source, origin, state, recorded_at,
                                      recorded_by, provider, model)
             VALUES (?1, ?2, ?3, ?4, 2, 0, ?5, ?6, ?7, ?8)",
        )
        .and_then(|st| {
            st.execute(params![
                lineage, lang, packed, source, self.at, self.who, provider, model
            ])
        })
        .map_err(sql_err(&self.path))?;
        let id = self.tx.last_insert_rowid();
        self.added_text()?;
        Ok(id)
    }

    /// Keeps a provider's answer for a segment of `posting` (one equal to a kept answer is not
    /// kept twice).
    pub fn add_machine_answer(
        &mut self,
        posting: &str,
        lang: &str,
        answer: &MachineAnswer,
    ) -> Result<(), TmError> {
        self.tx
            .prepare_cached(
                "INSERT INTO machine_answer (posting, lineage, lang, source, text, provider, model,
                                             recorded_at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
                 WHERE NOT EXISTS (SELECT 1 FROM machine_answer WHERE posting = ?1 AND lang = ?3
                                   AND lineage = ?2 AND source = ?4 AND text = ?5)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    posting,
                    answer.lineage,
                    lang,
                    answer.source,
                    answer.text,
                    answer.provider,
                    answer.model,
                    self.now
                ])
            })
            .map_err(self.e())?;
        Ok(())
    }

    /// Stores the reports of pages this write recorded, built from what it wrote
    /// ([`crate::report::cache::given_reports`]): in the same transaction, after everything
    /// else it wrote of those pages (a write to a page drops its report).
    pub fn store_page_reports(
        &mut self,
        made_for: &str,
        rows: &[&PageReportRow],
    ) -> Result<(), TmError> {
        insert_page_reports(&self.tx, made_for, rows.iter().copied()).map_err(self.e())
    }

    /// Whether the memory has merge conflicts not resolved yet.
    pub fn has_conflicts(&self) -> Result<bool, TmError> {
        self.tx
            .query_row("SELECT EXISTS (SELECT 1 FROM merge_conflict)", [], |r| {
                r.get(0)
            })
            .map_err(self.e())
    }

    /// Whether the memory keeps any provider answer.
    pub fn has_machine_answers(&self) -> Result<bool, TmError> {
        self.tx
            .query_row("SELECT EXISTS (SELECT 1 FROM machine_answer)", [], |r| {
                r.get(0)
            })
            .map_err(self.e())
    }

    /// The provider answers kept for a posting's language, oldest first.
    pub fn machine_answers(
        &self,
        posting: &str,
        lang: &str,
    ) -> Result<Vec<MachineAnswer>, TmError> {
        machine_answers(&self.tx, &self.packer, &self.path, posting, lang)
    }

    /// Keeps a translation from outside (a TMX file) as a match for suggestions; true if it was
    /// new.
    pub fn add_external(
        &mut self,
        lang: &str,
        source: &str,
        text: &str,
        origin: &str,
    ) -> Result<bool, TmError> {
        let n = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO external_translation (lang, source, text, origin, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .and_then(|mut st| st.execute(params![lang, source, text, origin, self.now]))
            .map_err(self.e())?;
        Ok(n > 0)
    }

    /// Records segments as sent out in the package `package` (file name): (posting, key, hash of
    /// the English sent, hash of the translation the file held, of "" for none).
    pub fn set_package_units(
        &mut self,
        lang: &str,
        units: &[(String, String, u64, u64)],
        package: &str,
    ) -> Result<(), TmError> {
        for (posting, key, hash, target) in units {
            self.tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO package_unit (posting, lang, key, source_hash, package,
                                                          sent_at, target_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .and_then(|mut st| {
                    st.execute(params![
                        posting,
                        lang,
                        key,
                        *hash as i64,
                        package,
                        self.now,
                        *target as i64
                    ])
                })
                .map_err(self.e())?;
        }
        Ok(())
    }

    /// The merge conflicts of these lineages in `lang` are resolved: a sync recorded the
    /// translation the file now has.
    pub fn resolve_conflicts(&mut self, lang: &str, lineages: &[i64]) -> Result<(), TmError> {
        for l in lineages {
            self.tx
                .prepare_cached("DELETE FROM merge_conflict WHERE lineage = ?1 AND lang = ?2")
                .and_then(|mut st| st.execute(params![l, lang]))
                .map_err(self.e())?;
        }
        Ok(())
    }

    /// Records segments as back from their package: (posting, key).
    pub fn clear_package_units(
        &mut self,
        lang: &str,
        units: &[(String, String)],
    ) -> Result<(), TmError> {
        for (posting, key) in units {
            self.tx
                .prepare_cached(
                    "DELETE FROM package_unit WHERE posting = ?1 AND lang = ?2 AND key = ?3",
                )
                .and_then(|mut st| st.execute(params![posting, lang, key]))
                .map_err(self.e())?;
        }
        Ok(())
    }

    /// Marks translations as reviewed by the writer's person, now.
    pub fn mark_reviewed(&mut self, ids: &[i64]) -> Result<(), TmError> {
        for id in ids {
            self.tx
                .prepare_cached(
                    "UPDATE translation SET reviewed_at = ?2, reviewed_by = ?3
                     WHERE id = ?1 AND origin = 2 AND reviewed_at IS NULL",
                )
                .and_then(|mut st| st.execute(params![id, self.at, self.who]))
                .map_err(self.e())?;
        }
        Ok(())
    }

    /// Replaces the layout of a variant; one equal to the recorded layout is not written again.
    pub fn replace_variant_layout(
        &mut self,
        posting: &str,
        lang: &str,
        rows: &[VariantLayout],
    ) -> Result<(), TmError> {
        let e = sql_err(&self.path);
        let wanted = pack::variant_rows(rows.iter().copied());
        self.replace_layout(
            "SELECT rows FROM variant_layout WHERE posting = ?1 AND lang = ?2",
            "INSERT OR REPLACE INTO variant_layout (posting, lang, rows) VALUES (?1, ?2, ?3)",
            &[posting, lang],
            wanted,
        )
        .map_err(&e)
    }

    /// Keeps the source posting's text as the base of a variant recorded for the first time
    /// (an existing base is kept).
    pub fn set_variant_base(
        &mut self,
        posting: &str,
        lang: &str,
        text: &str,
    ) -> Result<(), TmError> {
        let e = sql_err(&self.path);
        let known: bool = self
            .tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM variant_base_ref WHERE posting = ?1 AND lang = ?2)",
            )
            .and_then(|mut st| st.query_row(params![posting, lang], |r| r.get(0)))
            .map_err(&e)?;
        if known {
            return Ok(());
        }
        let base = match &self.last_base {
            Some((last, id)) if last == text => *id,
            _ => {
                let id = base_text(&self.tx, &self.packer, text).map_err(&e)?;
                self.last_base = Some((text.to_string(), id));
                id
            }
        };
        self.tx
            .prepare_cached(
                "INSERT INTO variant_base_ref (posting, lang, base) VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut st| st.execute(params![posting, lang, base]))
            .map_err(&e)?;
        Ok(())
    }

    /// Records that `path` was written by export with content hash `hash` (or removed: `None`).
    pub fn set_export(&mut self, path: &str, hash: Option<u64>) -> Result<(), TmError> {
        let e = sql_err(&self.path);
        // Prepared once for the thousands of files of an export.
        match hash {
            Some(h) => self
                .tx
                .prepare_cached(
                    "INSERT INTO export_file (path, hash, written_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, written_at = excluded.written_at",
                )
                .and_then(|mut st| st.execute(params![path, h as i64, self.now]))
                .map_err(&e)?,
            None => self
                .tx
                .prepare_cached("DELETE FROM export_file WHERE path = ?1")
                .and_then(|mut st| st.execute([path]))
                .map_err(&e)?,
        };
        Ok(())
    }

    pub fn commit(self) -> Result<(), TmError> {
        let Writer {
            tx,
            conn,
            trained,
            path,
            packer,
            home,
            held,
            rollback,
            ..
        } = self;
        // Finalized first: a VACUUM after the commit wants no statement open.
        drop(held);
        tx.commit().map_err(sql_err(&path))?;
        *home = packer;
        if rollback {
            // Back to the log, so that other runs read while one writes. What was written is
            // committed whatever happens here: a memory left in the other mode is switched
            // at its next open.
            if write_ahead_log(conn, &path).is_ok() {
                conn.execute_batch("PRAGMA synchronous = NORMAL").ok();
            }
        }
        if trained {
            // Packing every text again left the pages of the first ones half empty: compacted
            // once, in the memory's life. Only its size depends on it, so a run that cannot
            // have the memory for it now (another one writes) leaves it.
            conn.execute_batch("VACUUM").ok();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write into a memory with no source text does not look for its texts in the memory,
    /// and still keeps each (language, text) once: within the write, in the next one, and
    /// past the number of texts it keeps keys of.
    #[test]
    fn a_source_text_is_kept_once_in_a_first_write_and_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut tm = Tm::open(&dir.path().join("t.db")).unwrap();
        let mut w = tm.writer("2026-01-01T00:00:00Z", None).unwrap();
        assert!(w.new_sources.is_some(), "the memory holds no source text");
        let hello = w.source_text("en", "Hello").unwrap();
        assert_eq!(w.source_text("en", "Hello").unwrap(), hello);
        let hej = w.source_text("da", "Hello").unwrap();
        assert_ne!(hej, hello, "another language's text is another text");
        assert_eq!(w.source_text("da", "Hello").unwrap(), hej);
        // Past the keys it keeps, it looks in the memory again.
        w.new_sources = Some((0..NEW_SOURCES_MAX as u64).collect());
        assert_eq!(w.source_text("en", "Hello").unwrap(), hello);
        assert!(w.new_sources.is_none());
        let bye = w.source_text("en", "Bye").unwrap();
        assert_eq!(w.source_text("en", "Bye").unwrap(), bye);
        w.commit().unwrap();
        let mut w = tm.writer("2026-01-02T00:00:00Z", None).unwrap();
        assert!(w.new_sources.is_none(), "the memory holds source texts");
        assert_eq!(w.source_text("en", "Hello").unwrap(), hello);
        assert_eq!(w.source_text("da", "Hello").unwrap(), hej);
        assert_eq!(w.source_text("en", "Bye").unwrap(), bye);
        w.commit().unwrap();
        let n: i64 = (tm.conn)
            .query_row("SELECT count(*) FROM source_text", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 3);
    }

    #[test]
    fn migrations_run_and_versions_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let mut tm = Tm::open(&path).unwrap();
            let mut w = tm.writer("2026-01-01T00:00:00Z", Some("me")).unwrap();
            let s = w.source_text("en", "Hello").unwrap();
            assert_eq!(w.source_text("en", "Hello").unwrap(), s);
            let l = w.new_lineage("a.md").unwrap();
            w.add_version(l, s).unwrap();
            w.set_posting("a.md", "en").unwrap();
            w.replace_source_layout(
                "a.md",
                &[SourceLayout {
                    key: "h1",
                    kind: "heading",
                    level: Some(1),
                    line: 1,
                    lineage: l,
                    source: s,
                }],
            )
            .unwrap();
            let t = w
                .add_translation(l, "da", "Hej", s, "human", "translated")
                .unwrap();
            w.replace_variant_layout(
                "a.md",
                "da",
                &[VariantLayout {
                    key: "h1",
                    kind: "heading",
                    line: 1,
                    hash: 7,
                    lineage: Some(l),
                    translation: Some(t),
                }],
            )
            .unwrap();
            w.commit().unwrap();
        }
        let tm = Tm::open_read_only(&path).unwrap().unwrap();
        let mem = tm.load("a.md").unwrap();
        assert_eq!(&*mem.source[0].text, "Hello");
        assert_eq!(
            &*mem.variants["da"][0]
                .translation
                .as_ref()
                .unwrap()
                .source_text,
            "Hello"
        );
        assert_eq!(tm.translations_of("da", "Hello").unwrap(), ["Hej"]);
        drop(tm);
        // A newer schema is refused, and the file is left as it was.
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(Tm::open(&path), Err(TmError::Newer { .. })));
        assert!(matches!(
            Tm::open_read_only(&path),
            Err(TmError::Newer { .. })
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// A translation's origin and state are checked as before (0, 1 or 2, nothing else), and
    /// writing one builds no temporary table: SQLite made two per row for `IN (0, 1, 2)`.
    #[test]
    fn translation_codes_are_checked_without_temporary_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Tm::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO posting_path (id, path) VALUES (1, 'a.md');
             INSERT INTO lineage (id, posting, created_at) VALUES (1, 1, 0);
             INSERT INTO source_text (id, lang, hash, text) VALUES (1, 'en', 0, 'Hello');",
        )
        .unwrap();
        let insert =
            "INSERT INTO translation (lineage, lang, text, source, origin, state, recorded_at)
                      VALUES (1, 'da', 'Hej', 1, ?1, ?2, 0)";
        for (origin, state) in [(0.0, 0.0), (1.0, 2.0), (2.0, 1.0)] {
            conn.execute(insert, params![origin, state]).unwrap();
        }
        for (origin, state) in [(3.0, 0.0), (0.0, -1.0), (1.5, 0.0), (0.0, 2.5)] {
            assert!(
                conn.execute(insert, params![origin, state]).is_err(),
                "origin {origin}, state {state} was taken"
            );
        }
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN {insert}"))
            .unwrap()
            .query_map(params![0, 0], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(plan.iter().any(|op| op == "Insert"), "{plan:?}");
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{plan:?}");
    }

    #[test]
    fn bases_of_an_older_memory_are_shared_once_after_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            // A schema-8 memory with the same base for two languages and another for a third.
            let c = Connection::open(&path).unwrap();
            for m in &MIGRATIONS[..8] {
                c.execute_batch(m).unwrap();
            }
            c.execute_batch(
                "PRAGMA user_version = 8;
                 INSERT INTO posting VALUES ('a.md', 'en', 'x');
                 INSERT INTO variant_base VALUES ('a.md', 'da', 'Base one'), ('a.md', 'sv', 'Base one'),
                                                 ('a.md', 'nb', 'Base two');",
            )
            .unwrap();
        }
        let mut tm = Tm::open(&path).unwrap();
        assert_eq!(
            tm.variant_base("a.md", "sv").unwrap().as_deref(),
            Some("Base one")
        );
        assert_eq!(
            tm.variant_base("a.md", "nb").unwrap().as_deref(),
            Some("Base two")
        );
        let (n, zero): (i64, i64) = tm
            .conn
            .query_row(
                "SELECT count(*), count(*) FILTER (WHERE hash = 0) FROM base_text",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((n, zero), (2, 0));
        // A new variant with a known base shares it.
        let mut w = tm.writer("2026-01-01T00:00:00Z", None).unwrap();
        w.set_posting("b.md", "en").unwrap();
        w.set_variant_base("b.md", "da", "Base two").unwrap();
        w.commit().unwrap();
        let n: i64 = tm
            .conn
            .query_row("SELECT count(*) FROM base_text", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
        // All of a page's bases at once; one that is today's text is left out.
        let bases = tm.variant_bases("a.md", 0).unwrap();
        assert_eq!(bases.len(), 3);
        assert_eq!(&*bases["da"], "Base one");
        assert_eq!(&*bases["nb"], "Base two");
        let today = crate::segment::hash("Base one");
        let bases = tm.variant_bases("a.md", today).unwrap();
        assert_eq!(bases.keys().collect::<Vec<_>>(), ["nb"]);
        assert_eq!(&*bases["nb"], "Base two");
    }

    #[test]
    fn not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        std::fs::write(
            &path,
            "this is not sqlite, just some text that is long enough to be a header",
        )
        .unwrap();
        assert!(matches!(Tm::open(&path), Err(TmError::NotAMemory { .. })));
        assert!(matches!(
            Tm::open_read_only(&path),
            Err(TmError::NotAMemory { .. })
        ));
    }
}
