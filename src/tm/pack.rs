//! How the memory keeps its texts and layouts small: it lives in git beside the postings, so
//! its size is every clone's cost.
//!
//! - A text (an English segment, a translation, a variant's base) is kept as SQL text when it
//!   is short, else packed with zstd: a blob of `[dictionary id][length][zstd frame]`
//!   (varints; dictionary 0 is none). The dictionary is trained once on the memory's own texts,
//!   when it first holds [`TRAIN_AT`] of them, and kept in `text_dict`: segments of a few hundred
//!   bytes compress about twice with it and hardly at all without.
//! - A layout (what a file held at the last sync, segment by segment) is one blob per posting or
//!   variant: `[1][rows]`, or `[2][length][zstd frame of the rows]`; ids are kept as differences
//!   from the row before (most often 1).
//!
//! Dictionaries are never changed once written; a reader loads one the first time a text names
//! it, so a run that started before another run trained one still reads everything.

use std::cell::RefCell;
use std::sync::Arc;

use rusqlite::types::{Type, ValueRef};
use rusqlite::{Connection, OptionalExtension};

/// The memory trains its dictionary when it holds this many texts (English and translations).
pub const TRAIN_AT: i64 = 4000;
/// ... and a new one each time it has grown this many times since (texts packed before keep
/// the dictionary they were packed with).
pub const GROWTH: i64 = 16;
/// At most this many texts are sampled for training.
const SAMPLES: usize = 20_000;
/// zstd's level: with a dictionary, higher levels gain little on short texts and cost time.
const LEVEL: i32 = 3;
/// Texts shorter than this are kept as they are: packing one costs zstd a frame of its own
/// (about 10,000 instructions for a short one), and in a generated memory of 300 postings
/// two in three of the 9,899 texts of 16 to 47 bytes came out no smaller, the others 16%
/// smaller at most (19 KB of its 6.7 MB). From 48 bytes on a text gains a quarter and more.
const SHORT: usize = 48;

/// A packed value that cannot be read back: the memory file is damaged.
#[derive(Debug, Clone, thiserror::Error)]
#[error("a packed value of the memory is damaged: {0}")]
pub struct Damaged(pub &'static str);

fn damaged(what: &'static str) -> rusqlite::Error {
    damaged_error(Damaged(what))
}

/// A damaged value as the error reading it from SQLite gives.
pub fn damaged_error(d: Damaged) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, Type::Blob, Box::new(d))
}

fn zstd_err(e: std::io::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn get_varint(b: &[u8], at: &mut usize) -> Result<u64, rusqlite::Error> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let x = *b.get(*at).ok_or_else(|| damaged("cut short"))?;
        *at += 1;
        v |= u64::from(x & 0x7f) << shift;
        if x & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(damaged("a number too long"))
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// A dictionary with its zstd contexts (made the first time they are needed).
struct Dict {
    bytes: Arc<Vec<u8>>,
    enc: Option<zstd::bulk::Compressor<'static>>,
    dec: Option<zstd::bulk::Decompressor<'static>>,
}

impl Dict {
    fn new(bytes: Arc<Vec<u8>>) -> Dict {
        Dict {
            bytes,
            enc: None,
            dec: None,
        }
    }

    fn compressor(&mut self) -> Result<&mut zstd::bulk::Compressor<'static>, rusqlite::Error> {
        if self.enc.is_none() {
            let mut c = if self.bytes.is_empty() {
                zstd::bulk::Compressor::new(LEVEL)
            } else {
                zstd::bulk::Compressor::with_dictionary(LEVEL, &self.bytes)
            }
            .map_err(zstd_err)?;
            use zstd::zstd_safe::{CParameter, FrameFormat};
            for p in [
                CParameter::ChecksumFlag(false),
                CParameter::ContentSizeFlag(false),
                CParameter::DictIdFlag(false),
                CParameter::Format(FrameFormat::Magicless),
            ] {
                c.set_parameter(p).map_err(zstd_err)?;
            }
            self.enc = Some(c);
        }
        Ok(self.enc.as_mut().expect("made above"))
    }

    fn decompressor(&mut self) -> Result<&mut zstd::bulk::Decompressor<'static>, rusqlite::Error> {
        if self.dec.is_none() {
            let mut d = if self.bytes.is_empty() {
                zstd::bulk::Decompressor::new()
            } else {
                zstd::bulk::Decompressor::with_dictionary(&self.bytes)
            }
            .map_err(zstd_err)?;
            d.set_parameter(zstd::zstd_safe::DParameter::Format(
                zstd::zstd_safe::FrameFormat::Magicless,
            ))
            .map_err(zstd_err)?;
            self.dec = Some(d);
        }
        Ok(self.dec.as_mut().expect("made above"))
    }
}

/// `text` packed with dictionary `id` (0: none): see [`Packer::pack`].
fn pack_text(id: i64, dict: &mut Dict, text: &str) -> rusqlite::Result<rusqlite::types::Value> {
    // Without a dictionary only longer texts (a whole page) gain.
    if !worth_packing(id, text) {
        return Ok(text.to_string().into());
    }
    let frame = dict
        .compressor()?
        .compress(text.as_bytes())
        .map_err(zstd_err)?;
    let mut out = Vec::with_capacity(frame.len() + 6);
    put_varint(&mut out, id as u64);
    put_varint(&mut out, text.len() as u64);
    out.extend_from_slice(&frame);
    if out.len() >= text.len() {
        return Ok(text.to_string().into());
    }
    Ok(out.into())
}

fn worth_packing(id: i64, text: &str) -> bool {
    text.len() >= SHORT && (id != 0 || text.len() >= 256)
}

/// A memory's dictionary for new texts, to pack texts on any thread exactly as its
/// [`Packer`] would: a sync packs the texts of postings new to the memory on both cores while
/// the writer records the pages before them (packing was a third of the writer's work).
#[derive(Clone)]
pub struct PackingDict {
    id: i64,
    bytes: Arc<Vec<u8>>,
}

impl PackingDict {
    /// Whether this is a dictionary (0 is none: the memory has not trained one yet).
    pub fn is_trained(&self) -> bool {
        self.id != 0
    }

    /// `text` packed as [`Packer::pack`] packs it with this dictionary, byte for byte.
    pub fn pack(&self, text: &str) -> rusqlite::Result<rusqlite::types::Value> {
        thread_local! {
            // This thread's compressor for the dictionary it packed with last.
            static LAST: RefCell<Option<Dict>> = const { RefCell::new(None) };
        }
        with_thread_dict(&LAST, &self.bytes, |dict| pack_text(self.id, dict, text))
    }
}

/// Runs `f` with this thread's contexts for the dictionary `bytes`, kept in `slot` (made anew
/// when the slot holds another dictionary's): packing and unpacking on other threads keep a
/// slot each, so neither makes the other's contexts again.
fn with_thread_dict<T>(
    slot: &'static std::thread::LocalKey<RefCell<Option<Dict>>>,
    bytes: &Arc<Vec<u8>>,
    f: impl FnOnce(&mut Dict) -> T,
) -> T {
    slot.with_borrow_mut(|last| {
        let dict = match last {
            Some(d) if Arc::ptr_eq(&d.bytes, bytes) => d,
            _ => last.insert(Dict::new(bytes.clone())),
        };
        f(dict)
    })
}

/// Unpacks the zstd frame of a text of `len` bytes into `out` (emptied first).
fn decompress(
    dec: &mut zstd::bulk::Decompressor<'static>,
    frame: &[u8],
    len: usize,
    out: &mut Vec<u8>,
) -> Result<(), Damaged> {
    out.clear();
    out.reserve(len);
    let n = dec
        .decompress_to_buffer(frame, out)
        .map_err(|_| Damaged("a text that does not unpack"))?;
    if n != len {
        return Err(Damaged("a text of another length"));
    }
    Ok(())
}

/// A translation's text as the memory keeps it, unpacked the first time it is asked for: most
/// reads of a posting (status, export) compare today's files with the layouts by hash and
/// never look at the texts of translations that did not change, and unpacking them was a
/// tenth of a cold export. Clones share the text (and its unpacking).
#[derive(Clone)]
pub struct LazyText(Arc<LazyInner>);

struct LazyInner {
    text: std::sync::OnceLock<Result<Arc<str>, Damaged>>,
    packed: Option<Frame>,
}

/// A text's zstd frame: the dictionary it was packed with, its unpacked length, the frame.
type Frame = (Arc<Vec<u8>>, usize, Box<[u8]>);

impl LazyText {
    /// A text whose packed bytes do not unpack (for tests of what meets one).
    #[cfg(test)]
    pub(crate) fn damaged_for_tests() -> LazyText {
        LazyText(Arc::new(LazyInner {
            text: std::sync::OnceLock::new(),
            packed: Some((Arc::new(Vec::new()), 5, Box::new([1, 2, 3]))),
        }))
    }

    /// The text, unpacked now if it was not yet; `Err` where its bytes are damaged.
    pub fn get(&self) -> Result<&Arc<str>, Damaged> {
        self.0
            .text
            .get_or_init(|| {
                let (dict, len, frame) = self.0.packed.as_ref().expect("packed if not set");
                unpack_frame(dict, *len, frame)
            })
            .as_ref()
            .map_err(Damaged::clone)
    }
}

impl From<Arc<str>> for LazyText {
    fn from(text: Arc<str>) -> LazyText {
        LazyText(Arc::new(LazyInner {
            text: std::sync::OnceLock::from(Ok(text)),
            packed: None,
        }))
    }
}

impl From<&str> for LazyText {
    fn from(text: &str) -> LazyText {
        LazyText::from(Arc::<str>::from(text))
    }
}

impl std::fmt::Debug for LazyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.text.get() {
            Some(Ok(t)) => t.fmt(f),
            Some(Err(e)) => write!(f, "<{e}>"),
            None => write!(f, "<packed>"),
        }
    }
}

/// A zstd frame of a text of `len` bytes packed with `dict`, unpacked on this thread (with the
/// decompressor it used last, when it was for the same dictionary).
fn unpack_frame(dict: &Arc<Vec<u8>>, len: usize, frame: &[u8]) -> Result<Arc<str>, Damaged> {
    thread_local! {
        static LAST: RefCell<Option<Dict>> = const { RefCell::new(None) };
    }
    with_thread_dict(&LAST, dict, |d| {
        let dec = d
            .decompressor()
            .map_err(|_| Damaged("a dictionary that does not load"))?;
        let mut out = Vec::new();
        decompress(dec, frame, len, &mut out)?;
        checked_utf8(&out).map(Arc::from)
    })
}

/// Texts packed ahead of time with one dictionary (see [`Packer::offer`]).
#[derive(Default)]
pub struct Prepacked {
    dict: i64,
    /// By text (FxHash: the writer looks up every text it adds, SipHash cost it 2% of a first
    /// sync).
    values: rustc_hash::FxHashMap<Box<str>, rusqlite::types::Value>,
}

impl Prepacked {
    /// None yet, for texts packed with `dict`.
    pub fn new(dict: &PackingDict) -> Prepacked {
        Prepacked {
            dict: dict.id,
            values: Default::default(),
        }
    }

    /// Packs `text` with `dict` (which must be the one this was made for), unless it is too
    /// short to be worth it or already here.
    pub fn add(&mut self, dict: &PackingDict, text: &str) -> rusqlite::Result<()> {
        debug_assert_eq!(dict.id, self.dict);
        if worth_packing(dict.id, text) && !self.values.contains_key(text) {
            let v = dict.pack(text)?;
            self.values.insert(text.into(), v);
        }
        Ok(())
    }

    /// Takes in another's texts packed with the same dictionary.
    pub fn merge(&mut self, other: Prepacked) {
        if self.values.is_empty() {
            *self = other;
        } else if other.dict == self.dict {
            self.values.reserve(other.values.len());
            self.values.extend(other.values);
        }
    }
}

/// Packs and unpacks the texts of one database of a connection (`main`, or an attached one).
pub struct Packer {
    schema: &'static str,
    inner: RefCell<Inner>,
}

struct Inner {
    /// Dictionaries by id; 0 is "none". Looked up for every text read (FxHash: SipHash cost
    /// more than the look-up).
    dicts: rustc_hash::FxHashMap<i64, Dict>,
    /// The dictionary new texts are packed with (0: none yet).
    current: i64,
    /// Where texts are unpacked before they are copied out.
    buffer: Vec<u8>,
    /// Texts packed ahead of time on other threads (see [`Packer::offer`]).
    prepacked: Prepacked,
}

impl Clone for Packer {
    fn clone(&self) -> Packer {
        let inner = self.inner.borrow();
        Packer {
            schema: self.schema,
            inner: RefCell::new(Inner {
                dicts: inner
                    .dicts
                    .iter()
                    .map(|(id, d)| (*id, Dict::new(d.bytes.clone())))
                    .collect(),
                current: inner.current,
                buffer: Vec::new(),
                prepacked: Prepacked::default(),
            }),
        }
    }
}

impl Packer {
    /// A packer for the database `schema` of a connection, knowing no dictionary yet.
    pub fn new(schema: &'static str) -> Packer {
        let mut dicts = rustc_hash::FxHashMap::default();
        dicts.insert(0, Dict::new(Arc::new(Vec::new())));
        Packer {
            schema,
            inner: RefCell::new(Inner {
                dicts,
                current: 0,
                buffer: Vec::new(),
                prepacked: Prepacked::default(),
            }),
        }
    }

    /// Looks up the newest dictionary of the database (another run may have trained one): new
    /// texts are packed with it. Whether there is one.
    pub fn refresh(&self, conn: &Connection) -> rusqlite::Result<bool> {
        if !self.has_dict_table(conn)? {
            return Ok(false);
        }
        let newest: Option<i64> = conn.query_row(
            &format!("SELECT max(id) FROM {}.text_dict", self.schema),
            [],
            |r| r.get(0),
        )?;
        let Some(id) = newest else { return Ok(false) };
        self.load(conn, id)?;
        self.inner.borrow_mut().current = id;
        Ok(true)
    }

    fn has_dict_table(&self, conn: &Connection) -> rusqlite::Result<bool> {
        conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM {}.sqlite_master WHERE name = 'text_dict')",
                self.schema
            ),
            [],
            |r| r.get(0),
        )
    }

    /// Makes sure dictionary `id` is loaded.
    fn load(&self, conn: &Connection, id: i64) -> rusqlite::Result<()> {
        if self.inner.borrow().dicts.contains_key(&id) {
            return Ok(());
        }
        let bytes: Option<Vec<u8>> = conn
            .prepare_cached(&format!(
                "SELECT dict FROM {}.text_dict WHERE id = ?1",
                self.schema
            ))?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let bytes = bytes.ok_or_else(|| damaged("names a dictionary the memory does not have"))?;
        self.inner
            .borrow_mut()
            .dicts
            .insert(id, Dict::new(Arc::new(bytes)));
        Ok(())
    }

    /// Whether new texts are packed with a dictionary.
    pub fn has_dict(&self) -> bool {
        self.inner.borrow().current != 0
    }

    /// A text as it is kept: SQL text when short (or when packing gains nothing), else a blob.
    pub fn pack(&self, text: &str) -> rusqlite::Result<rusqlite::types::Value> {
        let mut inner = self.inner.borrow_mut();
        let inner = &mut *inner;
        let current = inner.current;
        if inner.prepacked.dict == current
            && let Some(v) = inner.prepacked.values.remove(text)
        {
            return Ok(v);
        }
        let dict = inner
            .dicts
            .get_mut(&current)
            .expect("the current one is loaded");
        pack_text(current, dict, text)
    }

    /// The dictionary new texts are packed with now, to pack texts on other threads.
    pub fn packing_dict(&self) -> PackingDict {
        let inner = self.inner.borrow();
        PackingDict {
            id: inner.current,
            bytes: inner.dicts[&inner.current].bytes.clone(),
        }
    }

    /// Texts packed ahead of time: [`Packer::pack`] takes a text's value from here (once) when
    /// it packs with the same dictionary, and packs it itself otherwise. Replaces what was
    /// offered before.
    pub fn offer(&self, prepacked: Prepacked) {
        self.inner.borrow_mut().prepacked = prepacked;
    }

    /// A kept text, unpacked (`conn` is asked for a dictionary this packer has not seen).
    pub fn unpack(&self, conn: &Connection, v: ValueRef<'_>) -> rusqlite::Result<String> {
        self.unpacked(conn, v, str::to_owned)
    }

    /// A value unpacked as a shared text: unpacked into the packer's own buffer and copied
    /// once, into the text (the read path holds thousands of them per page).
    pub fn unpack_shared(&self, conn: &Connection, v: ValueRef<'_>) -> rusqlite::Result<Arc<str>> {
        self.unpacked(conn, v, |t| Arc::from(t))
    }

    /// A packed text's header: its dictionary (loaded now), its length and where its zstd
    /// frame starts.
    fn header(&self, conn: &Connection, b: &[u8]) -> rusqlite::Result<(i64, usize, usize)> {
        let mut at = 0;
        let id = get_varint(b, &mut at)? as i64;
        let len = get_varint(b, &mut at)? as usize;
        if len > (1 << 30) {
            return Err(damaged("a text too long"));
        }
        self.load(conn, id)?;
        Ok((id, len, at))
    }

    /// Unpacks a value and hands its text to `make`.
    fn unpacked<T>(
        &self,
        conn: &Connection,
        v: ValueRef<'_>,
        make: impl FnOnce(&str) -> T,
    ) -> rusqlite::Result<T> {
        match v {
            ValueRef::Text(b) => utf8(b).map(make),
            ValueRef::Blob(b) => {
                let (id, len, at) = self.header(conn, b)?;
                let mut inner = self.inner.borrow_mut();
                let Inner { dicts, buffer, .. } = &mut *inner;
                let dict = dicts.get_mut(&id).expect("loaded above");
                decompress(dict.decompressor()?, &b[at..], len, buffer).map_err(damaged_error)?;
                utf8(buffer).map(make)
            }
            _ => Err(damaged("neither text nor blob")),
        }
    }

    /// Column `i` of a row, unpacked.
    pub fn column(
        &self,
        conn: &Connection,
        r: &rusqlite::Row<'_>,
        i: usize,
    ) -> rusqlite::Result<String> {
        self.unpack(conn, r.get_ref(i)?)
    }

    /// Column `i` of a row as a text unpacked when first asked for (see [`LazyText`]); a
    /// text kept as SQL text, or one that names a dictionary the memory does not have, fails
    /// here.
    pub fn column_lazy(
        &self,
        conn: &Connection,
        r: &rusqlite::Row<'_>,
        i: usize,
    ) -> rusqlite::Result<LazyText> {
        let b = match r.get_ref(i)? {
            ValueRef::Blob(b) => b,
            v => return self.unpack_shared(conn, v).map(LazyText::from),
        };
        let (id, len, at) = self.header(conn, b)?;
        let dict = self.inner.borrow().dicts[&id].bytes.clone();
        Ok(LazyText(Arc::new(LazyInner {
            text: std::sync::OnceLock::new(),
            packed: Some((dict, len, b[at..].into())),
        })))
    }

    /// Column `i` of a row, unpacked as a shared text.
    pub fn column_shared(
        &self,
        conn: &Connection,
        r: &rusqlite::Row<'_>,
        i: usize,
    ) -> rusqlite::Result<Arc<str>> {
        self.unpack_shared(conn, r.get_ref(i)?)
    }

    /// How many texts (English and translations) the memory holds, as its largest ids tell
    /// (a lookup, not a count).
    pub fn texts(&self, conn: &Connection) -> rusqlite::Result<i64> {
        let s = self.schema;
        conn.query_row(
            &format!(
                "SELECT coalesce((SELECT max(id) FROM {s}.source_text), 0)
                      + coalesce((SELECT max(id) FROM {s}.translation), 0)"
            ),
            [],
            |r| r.get(0),
        )
    }

    /// When the memory should train a dictionary: at [`TRAIN_AT`] texts with none, and again
    /// each time it has grown [`GROWTH`] times since the current one was trained.
    pub fn train_at(&self, conn: &Connection) -> rusqlite::Result<i64> {
        let current = self.inner.borrow().current;
        if current == 0 {
            return Ok(TRAIN_AT);
        }
        let texts: i64 = conn
            .prepare_cached(&format!(
                "SELECT texts FROM {}.text_dict WHERE id = ?1",
                self.schema
            ))?
            .query_row([current], |r| r.get(0))?;
        Ok(texts.max(TRAIN_AT).saturating_mul(GROWTH))
    }

    /// Trains a dictionary on the texts of the memory. The first one packs every text again
    /// with it (whether it did is returned: the file is then worth compacting); a later one,
    /// trained as the memory grew, is used for the texts that come after it. Nothing happens
    /// with too few texts to train on, or when training finds nothing worth keeping.
    pub fn train(&self, conn: &Connection, now: &str) -> rusqlite::Result<bool> {
        self.refresh(conn)?;
        let first = !self.has_dict();
        let texts = self.texts(conn)?;
        if texts < self.train_at(conn)? {
            return Ok(false);
        }
        // Samples spread over the whole memory: every `step`th text by id.
        let s = self.schema;
        let step = (texts / SAMPLES as i64).max(1);
        let mut samples: Vec<String> = Vec::new();
        for table in ["source_text", "translation"] {
            let mut st = conn.prepare(&format!(
                "SELECT text FROM {s}.{table} WHERE id % ?1 = 0 ORDER BY id"
            ))?;
            let mut rows = st.query([step])?;
            while let Some(r) = rows.next()? {
                samples.push(self.column(conn, r, 0)?);
            }
        }
        let refs: Vec<&[u8]> = samples.iter().map(|t| t.as_bytes()).collect();
        let Some(dict) = train_on(&refs) else {
            return Ok(false);
        };
        drop(refs);
        drop(samples);
        self.keep_dictionary(conn, now, dict, texts)?;
        if !first {
            return Ok(false);
        }
        for table in ["source_text", "translation", "base_text"] {
            self.repack(conn, table)?;
        }
        Ok(true)
    }

    /// Whether the first dictionary of a memory that holds no text yet is trained on `samples`
    /// of the first [`TRAIN_AT`] texts about to be added (in the order they will be): the one
    /// [`Packer::train`] would train when they are in, made before, so that every text is
    /// packed once, with it (and on other threads: [`Packer::packing_dict`]). Not with texts in
    /// the memory, a dictionary already there, or fewer samples than that. The dictionary is
    /// trained by [`train_dictionary`] (on any thread) and kept by
    /// [`Packer::keep_trained_ahead`].
    pub fn trains_ahead(&self, conn: &Connection, samples: usize) -> rusqlite::Result<bool> {
        self.refresh(conn)?;
        Ok(!self.has_dict() && self.texts(conn)? == 0 && samples as i64 >= TRAIN_AT)
    }

    /// Keeps a dictionary [`train_dictionary`] trained for [`Packer::trains_ahead`]; whether
    /// there is one (training can find nothing worth keeping: texts all alike, or all
    /// different, are then kept as they are).
    pub fn keep_trained_ahead(
        &self,
        conn: &Connection,
        now: &str,
        dict: Option<Vec<u8>>,
    ) -> rusqlite::Result<bool> {
        let Some(dict) = dict else { return Ok(false) };
        self.keep_dictionary(conn, now, dict, TRAIN_AT)?;
        Ok(true)
    }

    /// Keeps `dict` as the dictionary new texts are packed with, trained when the memory held
    /// `texts` texts.
    fn keep_dictionary(
        &self,
        conn: &Connection,
        now: &str,
        dict: Vec<u8>,
        texts: i64,
    ) -> rusqlite::Result<()> {
        conn.execute(
            &format!(
                "INSERT INTO {}.text_dict (dict, trained_at, texts) VALUES (?1, ?2, ?3)",
                self.schema
            ),
            rusqlite::params![dict, now, texts],
        )?;
        self.refresh(conn).map(|_| ())
    }

    /// Packs every text of `table` again with the current dictionary.
    pub(crate) fn repack(&self, conn: &Connection, table: &str) -> rusqlite::Result<()> {
        let s = self.schema;
        let rows: Vec<(i64, String)> = {
            let mut st = conn.prepare(&format!("SELECT id, text FROM {s}.{table}"))?;
            let mut rows = st.query([])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push((r.get(0)?, self.column(conn, r, 1)?));
            }
            out
        };
        let mut st = conn.prepare(&format!("UPDATE {s}.{table} SET text = ?2 WHERE id = ?1"))?;
        for (id, text) in rows {
            st.execute(rusqlite::params![id, self.pack(&text)?])?;
        }
        Ok(())
    }
}

/// A dictionary trained on texts (see [`Packer::trains_ahead`]), or none where training finds
/// nothing worth keeping. Touches no memory: runs on any thread.
pub fn train_dictionary(samples: &[&str]) -> Option<Vec<u8>> {
    let refs: Vec<&[u8]> = samples.iter().map(|t| t.as_bytes()).collect();
    train_on(&refs)
}

/// A dictionary for `samples`, of an eighth of their size (8 to 64 KiB).
fn train_on(samples: &[&[u8]]) -> Option<Vec<u8>> {
    // Only texts it will pack teach it anything.
    let packed: Vec<&[u8]> = samples
        .iter()
        .copied()
        .filter(|t| t.len() >= SHORT)
        .collect();
    let samples = if packed.is_empty() { samples } else { &packed };
    let total: usize = samples.iter().map(|t| t.len()).sum();
    train_fast_cover(samples, (total / 8).clamp(8 << 10, 64 << 10))
}

/// A dictionary of at most `size` bytes trained on `samples` by zstd's fastCover with fixed
/// parameters (segments of k = 200 bytes, d = 8, acceleration 2), or none when training finds
/// nothing.
///
/// `zstd::dict::from_samples` (`ZDICT_trainFromBuffer`) tries four segment sizes, trains on
/// three quarters of the samples and keeps the size that compresses the rest best: five
/// trainings and four evaluations, 15% of a first sync of 300 postings. On the memory's own
/// texts (the generated corpora's and the real site's paragraphs) one training with these
/// parameters compresses them as well or 1% better, in a quarter to a third of the time
/// (BENCHMARKS.md, run L).
fn train_fast_cover(samples: &[&[u8]], size: usize) -> Option<Vec<u8>> {
    let mut flat = Vec::with_capacity(samples.iter().map(|s| s.len()).sum());
    let mut sizes = Vec::with_capacity(samples.len());
    for s in samples {
        flat.extend_from_slice(s);
        sizes.push(s.len());
    }
    let count = u32::try_from(sizes.len()).ok()?;
    let params = zstd_sys::ZDICT_fastCover_params_t {
        k: 200,
        d: 8,
        // 2^17 counters, not zstd's default of 2^20: the counters (4 MiB at 2^20) are made and
        // zeroed for every training, which was half of the first dictionary's time (24 -> 11
        // ms at 300 bench postings, on the first sync's path before anything is written); the
        // memory comes out the same size or smaller (6.76 -> 6.75 MB at 300, 67.86 -> 67.82 MB
        // at 3,000; BENCHMARKS.md, session 23).
        f: 17,
        // Twice zstd's default speed: a third less time (the first dictionary is trained
        // before a first sync writes anything), texts 0.3% larger at 300 bench postings and
        // the memory file the same at 3,000 (BENCHMARKS.md, run S).
        accel: 2,
        steps: 0,
        nbThreads: 0,
        splitPoint: 0.0,
        shrinkDict: 0,
        shrinkDictMaxRegression: 0,
        zParams: zstd_sys::ZDICT_params_t {
            compressionLevel: LEVEL,
            notificationLevel: 0,
            dictID: 0,
        },
    };
    let mut dict = vec![0u8; size];
    // SAFETY: `dict` has room for `size` bytes, which is the capacity passed; `flat` holds
    // exactly the bytes `sizes` adds up to, and `count` is the length of `sizes`; zstd reads
    // those and writes only within `dict`, and keeps none of the pointers after returning.
    let written = unsafe {
        zstd_sys::ZDICT_trainFromBuffer_fastCover(
            dict.as_mut_ptr().cast(),
            dict.len(),
            flat.as_ptr().cast(),
            sizes.as_ptr(),
            count,
            params,
        )
    };
    // SAFETY: a plain function of the returned code.
    if unsafe { zstd_sys::ZDICT_isError(written) } != 0 || written > dict.len() {
        return None;
    }
    dict.truncate(written);
    Some(dict)
}

fn utf8(b: &[u8]) -> rusqlite::Result<&str> {
    checked_utf8(b).map_err(damaged_error)
}

fn checked_utf8(b: &[u8]) -> Result<&str, Damaged> {
    // simdutf8 checks Nordic text several times faster than the standard library; copying the
    // checked bytes costs less than checking them twice.
    simdutf8::basic::from_utf8(b).map_err(|_| Damaged("a text that is not UTF-8"))
}

/// A segment of a source layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    pub key: String,
    pub kind: String,
    pub level: Option<u8>,
    pub line: usize,
    pub lineage: i64,
    pub source: i64,
}

/// A segment of a variant layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantEntry {
    pub key: String,
    pub kind: String,
    pub line: usize,
    pub hash: u64,
    pub lineage: Option<i64>,
    pub translation: Option<i64>,
}

const RAW: u8 = 1;
const ZSTD: u8 = 2;

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn get_str(b: &[u8], at: &mut usize) -> rusqlite::Result<String> {
    let n = get_varint(b, at)? as usize;
    let s = b
        .get(*at..at.saturating_add(n))
        .ok_or_else(|| damaged("cut short"))?;
    *at += n;
    utf8(s).map(str::to_owned)
}

/// Ids as differences from the one before.
#[derive(Default)]
struct Deltas {
    prev: i64,
}

impl Deltas {
    fn put(&mut self, out: &mut Vec<u8>, id: i64) {
        put_varint(out, zigzag(id.wrapping_sub(self.prev)));
        self.prev = id;
    }

    /// `None` as 0, an id as its difference plus one.
    fn put_opt(&mut self, out: &mut Vec<u8>, id: Option<i64>) {
        match id {
            None => out.push(0),
            Some(id) => {
                put_varint(out, zigzag(id.wrapping_sub(self.prev)) + 1);
                self.prev = id;
            }
        }
    }

    fn get(&mut self, b: &[u8], at: &mut usize) -> rusqlite::Result<i64> {
        self.prev = self.prev.wrapping_add(unzigzag(get_varint(b, at)?));
        Ok(self.prev)
    }

    fn get_opt(&mut self, b: &[u8], at: &mut usize) -> rusqlite::Result<Option<i64>> {
        match get_varint(b, at)? {
            0 => Ok(None),
            v => {
                self.prev = self.prev.wrapping_add(unzigzag(v - 1));
                Ok(Some(self.prev))
            }
        }
    }
}

/// The rows of a source layout, unpacked form (compared to tell whether a layout changed).
pub fn source_rows<'a>(rows: impl IntoIterator<Item = SourceRef<'a>>) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut lin, mut src) = (Deltas::default(), Deltas::default());
    for r in rows {
        put_str(&mut out, r.key);
        put_str(&mut out, r.kind);
        out.push(r.level.unwrap_or(0));
        put_varint(&mut out, r.line as u64);
        lin.put(&mut out, r.lineage);
        src.put(&mut out, r.source);
    }
    out
}

/// A source layout row to pack (`tm::SourceLayout`).
#[derive(Clone, Copy)]
pub struct SourceRef<'a> {
    pub key: &'a str,
    pub kind: &'a str,
    /// A heading's level, `None` for other kinds.
    pub level: Option<u8>,
    pub line: usize,
    pub lineage: i64,
    pub source: i64,
}

/// A variant layout row to pack (`tm::VariantLayout`).
#[derive(Clone, Copy)]
pub struct VariantRef<'a> {
    pub key: &'a str,
    pub kind: &'a str,
    pub line: usize,
    pub hash: u64,
    pub lineage: Option<i64>,
    pub translation: Option<i64>,
}

impl SourceEntry {
    pub fn as_ref(&self) -> SourceRef<'_> {
        SourceRef {
            key: &self.key,
            kind: &self.kind,
            level: self.level,
            line: self.line,
            lineage: self.lineage,
            source: self.source,
        }
    }
}

impl VariantEntry {
    pub fn as_ref(&self) -> VariantRef<'_> {
        VariantRef {
            key: &self.key,
            kind: &self.kind,
            line: self.line,
            hash: self.hash,
            lineage: self.lineage,
            translation: self.translation,
        }
    }
}

/// The rows of a variant layout, unpacked form.
pub fn variant_rows<'a>(rows: impl IntoIterator<Item = VariantRef<'a>>) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut lin, mut tr) = (Deltas::default(), Deltas::default());
    for r in rows {
        put_str(&mut out, r.key);
        put_str(&mut out, r.kind);
        put_varint(&mut out, r.line as u64);
        out.extend_from_slice(&r.hash.to_le_bytes());
        lin.put_opt(&mut out, r.lineage);
        tr.put_opt(&mut out, r.translation);
    }
    out
}

thread_local! {
    /// zstd contexts without a dictionary, for layouts (made once per thread).
    static PLAIN: RefCell<Dict> = RefCell::new(Dict::new(Arc::new(Vec::new())));
}

/// Rows (from [`source_rows`] or [`variant_rows`]) as they are kept.
pub fn seal(rows: &[u8]) -> rusqlite::Result<Vec<u8>> {
    let frame = PLAIN.with(|d| -> rusqlite::Result<Vec<u8>> {
        d.borrow_mut()
            .compressor()?
            .compress(rows)
            .map_err(zstd_err)
    })?;
    let mut out = Vec::with_capacity(frame.len() + 6);
    if frame.len() + 5 < rows.len() {
        out.push(ZSTD);
        put_varint(&mut out, rows.len() as u64);
        out.extend_from_slice(&frame);
    } else {
        out.push(RAW);
        out.extend_from_slice(rows);
    }
    Ok(out)
}

/// The rows of a kept layout.
pub fn unseal(b: &[u8]) -> rusqlite::Result<Vec<u8>> {
    match b.first() {
        Some(&RAW) => Ok(b[1..].to_vec()),
        Some(&ZSTD) => {
            let mut at = 1;
            let len = get_varint(b, &mut at)? as usize;
            if len > (1 << 30) {
                return Err(damaged("a layout too long"));
            }
            let out = PLAIN.with(|d| -> rusqlite::Result<Vec<u8>> {
                d.borrow_mut()
                    .decompressor()?
                    .decompress(&b[at..], len)
                    .map_err(|_| damaged("a layout that does not unpack"))
            })?;
            if out.len() != len {
                return Err(damaged("a layout of another length"));
            }
            Ok(out)
        }
        _ => Err(damaged("a layout of an unknown form")),
    }
}

/// A kept source layout, read.
pub fn source_layout(b: &[u8]) -> rusqlite::Result<Vec<SourceEntry>> {
    source_entries(&unseal(b)?)
}

/// Rows from [`source_rows`], read.
pub fn source_entries(rows: &[u8]) -> rusqlite::Result<Vec<SourceEntry>> {
    let mut out = Vec::new();
    let (mut lin, mut src) = (Deltas::default(), Deltas::default());
    let mut at = 0;
    while at < rows.len() {
        let key = get_str(rows, &mut at)?;
        let kind = get_str(rows, &mut at)?;
        let level = *rows.get(at).ok_or_else(|| damaged("cut short"))?;
        at += 1;
        out.push(SourceEntry {
            key,
            kind,
            level: (level != 0).then_some(level),
            line: get_varint(rows, &mut at)? as usize,
            lineage: lin.get(rows, &mut at)?,
            source: src.get(rows, &mut at)?,
        });
    }
    Ok(out)
}

/// A kept variant layout, read.
pub fn variant_layout(b: &[u8]) -> rusqlite::Result<Vec<VariantEntry>> {
    variant_entries(&unseal(b)?)
}

/// Rows from [`variant_rows`], read.
pub fn variant_entries(rows: &[u8]) -> rusqlite::Result<Vec<VariantEntry>> {
    let mut out = Vec::new();
    let (mut lin, mut tr) = (Deltas::default(), Deltas::default());
    let mut at = 0;
    while at < rows.len() {
        let key = get_str(rows, &mut at)?;
        let kind = get_str(rows, &mut at)?;
        let line = get_varint(rows, &mut at)? as usize;
        let hash = rows
            .get(at..at + 8)
            .and_then(|h| h.try_into().ok())
            .map(u64::from_le_bytes)
            .ok_or_else(|| damaged("cut short"))?;
        at += 8;
        out.push(VariantEntry {
            key,
            kind,
            line,
            hash,
            lineage: lin.get_opt(rows, &mut at)?,
            translation: tr.get_opt(rows, &mut at)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE text_dict (id INTEGER PRIMARY KEY, dict BLOB NOT NULL, trained_at TEXT,
                                     texts INTEGER NOT NULL DEFAULT 0);
             CREATE TABLE source_text (id INTEGER PRIMARY KEY, text);
             CREATE TABLE translation (id INTEGER PRIMARY KEY, text);
             CREATE TABLE base_text (id INTEGER PRIMARY KEY, text);",
        )
        .unwrap();
        c
    }

    fn sentence(i: usize) -> String {
        let words = [
            "cloud",
            "engineer",
            "kunder",
            "moln",
            "plattform",
            "sikkerhet",
            "drift",
            "team",
            "open",
            "source",
            "Kubernetes",
            "Ceph",
            "europeisk",
            "hjælp",
            "søker",
            "vi",
        ];
        (0..8 + i % 7)
            .map(|k| words[(i * 7 + k * 3) % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
            + &format!(" {i}.")
    }

    #[test]
    fn texts_come_back_as_they_went_in() {
        let c = memory();
        let p = Packer::new("main");
        let long = "Vi søger en ingeniør. ".repeat(40);
        for t in ["", "kort", "ÆØÅ æøå — \u{ad}", long.as_str()] {
            let v = p.pack(t).unwrap();
            let back = p.unpack(&c, rusqlite::types::ValueRef::from(&v)).unwrap();
            assert_eq!(back, t);
        }
        // A long text without a dictionary is packed (a whole page compresses).
        assert!(matches!(
            p.pack(&long).unwrap(),
            rusqlite::types::Value::Blob(_)
        ));
    }

    #[test]
    fn training_on_degenerate_samples_gives_none_or_a_usable_dictionary() {
        let same = vec![b"Vi s\xc3\xb8ger en ingeni\xc3\xb8r.".as_slice(); 5000];
        let tiny = vec![b"ab".as_slice(); 5000];
        assert!(train_fast_cover(&[], 8 << 10).is_none());
        assert!(train_fast_cover(&[b"".as_slice(); 100], 8 << 10).is_none());
        for samples in [tiny, same] {
            if let Some(dict) = train_fast_cover(&samples, 8 << 10) {
                assert!(dict.len() <= 8 << 10);
                // Whatever was trained is a dictionary zstd takes.
                let mut c = zstd::bulk::Compressor::with_dictionary(LEVEL, &dict).unwrap();
                c.compress(b"Vi s\xc3\xb8ger en ingeni\xc3\xb8r.").unwrap();
            }
        }
        let varied: Vec<String> = (0..TRAIN_AT as usize).map(sentence).collect();
        let refs: Vec<&[u8]> = varied.iter().map(|t| t.as_bytes()).collect();
        let dict = train_fast_cover(&refs, 8 << 10).expect("a dictionary of varied texts");
        assert!(dict.len() > 1000 && dict.len() <= 8 << 10, "{}", dict.len());
    }

    #[test]
    fn texts_packed_on_other_threads_are_what_the_packer_makes() {
        let c = memory();
        let p = Packer::new("main");
        let long = "Vi søger en ingeniør til vores driftsteam i Oslo. ".repeat(8);
        let texts: Vec<String> = (0..200)
            .map(sentence)
            .chain(["kort".to_string(), long])
            .collect();
        let check = |p: &Packer| {
            let dict = p.packing_dict();
            // On another thread (its own compressor), as a sync's reading threads pack them.
            let ahead: Vec<rusqlite::types::Value> = std::thread::scope(|s| {
                s.spawn(|| texts.iter().map(|t| dict.pack(t).unwrap()).collect())
                    .join()
                    .unwrap()
            });
            for (t, v) in texts.iter().zip(&ahead) {
                assert_eq!(&p.pack(t).unwrap(), v, "{t}");
            }
        };
        check(&p);
        for i in 0..TRAIN_AT as usize {
            c.execute("INSERT INTO translation (text) VALUES (?1)", [sentence(i)])
                .unwrap();
        }
        assert!(p.train(&c, "2026-12-06T00:00:00Z").unwrap());
        check(&p);
    }

    #[test]
    fn texts_offered_packed_are_taken_only_with_the_dictionary_in_use() {
        let c = memory();
        let p = Packer::new("main");
        let long = "Vi søger en ingeniør til vores driftsteam i Oslo. ".repeat(8);
        let before = p.packing_dict();
        let mut offered = Prepacked::new(&before);
        offered.add(&before, &long).unwrap();
        offered.add(&before, "kort").unwrap();
        assert_eq!(offered.values.len(), 1, "a short text is not worth packing");
        // Taken from what was offered (a marker stands in for the packed text here), once.
        let expected = p.pack(&long).unwrap();
        let marker = rusqlite::types::Value::Text("offered".into());
        offered.values.insert(long.as_str().into(), marker.clone());
        p.offer(offered);
        assert_eq!(p.pack(&long).unwrap(), marker, "offered: taken");
        assert_eq!(p.pack(&long).unwrap(), expected, "taken once");
        // Offered with no dictionary, taken after one was trained: packed with the new one.
        let mut offered = Prepacked::new(&before);
        offered.add(&before, &long).unwrap();
        p.offer(offered);
        for i in 0..TRAIN_AT as usize {
            c.execute("INSERT INTO translation (text) VALUES (?1)", [sentence(i)])
                .unwrap();
        }
        assert!(p.train(&c, "2026-12-06T00:00:00Z").unwrap());
        let rusqlite::types::Value::Blob(b) = p.pack(&long).unwrap() else {
            panic!("not packed")
        };
        assert_eq!(b[0], 1, "packed with the dictionary trained since");
    }

    #[test]
    fn a_dictionary_is_trained_once_and_every_text_is_packed_with_it() {
        let c = memory();
        let p = Packer::new("main");
        let texts: Vec<String> = (0..TRAIN_AT as usize).map(sentence).collect();
        for (i, t) in texts.iter().enumerate() {
            let table = if i % 3 == 0 {
                "source_text"
            } else {
                "translation"
            };
            c.execute(&format!("INSERT INTO {table} (text) VALUES (?1)"), [t])
                .unwrap();
        }
        let raw: usize = texts.iter().map(|t| t.len()).sum();
        assert!(p.train(&c, "2026-12-02T00:00:00Z").unwrap());
        assert!(
            !p.train(&c, "2026-12-02T00:00:00Z").unwrap(),
            "trained once"
        );
        let mut packed = 0;
        let mut back = Vec::new();
        for table in ["source_text", "translation"] {
            let mut st = c
                .prepare(&format!("SELECT text FROM {table} ORDER BY id"))
                .unwrap();
            let mut rows = st.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                packed += match r.get_ref(0).unwrap() {
                    ValueRef::Blob(b) => b.len(),
                    ValueRef::Text(t) => t.len(),
                    _ => 0,
                };
                back.push(p.column(&c, r, 0).unwrap());
            }
        }
        assert!(packed * 2 < raw, "{packed} of {raw}");
        let mut want: Vec<&String> = texts.iter().collect();
        want.sort();
        let mut got: Vec<&String> = back.iter().collect();
        got.sort();
        assert_eq!(got, want);
        // Another reader, which started before the dictionary existed, reads them too.
        let other = Packer::new("main");
        let v: Vec<u8> = c
            .query_row("SELECT text FROM translation LIMIT 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(other.unpack(&c, ValueRef::Blob(&v)).unwrap(), texts[1]);
    }

    #[test]
    fn a_first_dictionary_is_trained_ahead_only_for_a_new_memory() {
        let c = memory();
        let p = Packer::new("main");
        let texts: Vec<String> = (0..TRAIN_AT as usize).map(sentence).collect();
        let samples: Vec<&str> = texts.iter().map(String::as_str).collect();
        let now = "2026-12-07T00:00:00Z";
        // As the sync does it: whether, then the training (on any thread), then kept.
        let train_ahead = |samples: &[&str]| -> bool {
            p.trains_ahead(&c, samples.len()).unwrap()
                && p.keep_trained_ahead(&c, now, train_dictionary(samples))
                    .unwrap()
        };
        assert!(!train_ahead(&samples[1..]), "too few texts");
        // A memory that holds a text already trains when it holds enough (and packs again).
        c.execute("INSERT INTO translation (text) VALUES ('Hej')", [])
            .unwrap();
        assert!(!train_ahead(&samples), "not new");
        c.execute("DELETE FROM translation", []).unwrap();
        let dicts = || -> i64 {
            c.query_row("SELECT count(*) FROM text_dict", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(dicts(), 0);
        assert!(train_ahead(&samples));
        assert_eq!(dicts(), 1);
        assert!(!train_ahead(&samples), "trained once");
        // The next one as the memory grows, as after a dictionary trained at TRAIN_AT texts.
        assert_eq!(p.train_at(&c).unwrap(), TRAIN_AT * GROWTH);
        // The texts to come are packed with it, here and on another thread alike.
        let packed = p.pack(&texts[7]).unwrap();
        let rusqlite::types::Value::Blob(b) = &packed else {
            panic!("not packed")
        };
        assert_eq!(b[0], 1, "packed with the dictionary trained ahead");
        assert!(
            b.len() * 2 < texts[7].len(),
            "{} of {}",
            b.len(),
            texts[7].len()
        );
        let dict = p.packing_dict();
        let elsewhere = std::thread::scope(|s| s.spawn(|| dict.pack(&texts[7])).join())
            .unwrap()
            .unwrap();
        assert_eq!(elsewhere, packed);
        assert_eq!(p.unpack(&c, ValueRef::Blob(b)).unwrap(), texts[7]);
    }

    #[test]
    fn a_new_dictionary_is_trained_as_the_memory_grows_and_old_texts_keep_theirs() {
        let c = memory();
        let p = Packer::new("main");
        let insert = |from: usize, to: usize| {
            for i in from..to {
                c.execute(
                    "INSERT INTO translation (text) VALUES (?1)",
                    [p.pack(&sentence(i)).unwrap()],
                )
                .unwrap();
            }
        };
        insert(0, TRAIN_AT as usize);
        assert!(p.train(&c, "2026-12-02T00:00:00Z").unwrap());
        let first: Vec<u8> = c
            .query_row("SELECT text FROM translation WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        // Not again until the memory has grown GROWTH times.
        let grown = (TRAIN_AT * GROWTH) as usize;
        insert(TRAIN_AT as usize, grown - 1);
        assert!(!p.train(&c, "2026-12-03T00:00:00Z").unwrap());
        let dicts = || -> i64 {
            c.query_row("SELECT count(*) FROM text_dict", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(dicts(), 1);
        insert(grown - 1, grown);
        // A second dictionary, for what comes; nothing is packed again (so nothing to compact).
        assert!(!p.train(&c, "2026-12-03T00:00:00Z").unwrap());
        assert_eq!(dicts(), 2);
        let again: Vec<u8> = c
            .query_row("SELECT text FROM translation WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(again, first);
        let newer = p.pack(&sentence(grown + 1)).unwrap();
        let rusqlite::types::Value::Blob(b) = &newer else {
            panic!("not packed")
        };
        assert_eq!(b[0], 2, "packed with the newest dictionary");
        // Every text reads back, with whichever dictionary it was packed with, also by a
        // reader that knew neither.
        let other = Packer::new("main");
        let mut st = c
            .prepare("SELECT id, text FROM translation ORDER BY id")
            .unwrap();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let id: i64 = r.get(0).unwrap();
            assert_eq!(other.column(&c, r, 1).unwrap(), sentence(id as usize - 1));
        }
    }

    #[test]
    fn a_lazy_text_unpacks_when_asked_on_any_thread_and_a_damaged_one_says_so() {
        let c = memory();
        let p = Packer::new("main");
        // A whole page packed before the memory had a dictionary (dictionary 0: none).
        let page = "Vi søger en ingeniør til vores driftsteam i Oslo og i Bergen. ".repeat(8);
        let v = p.pack(&page).unwrap();
        assert!(matches!(v, rusqlite::types::Value::Blob(_)));
        let lazy = c
            .query_row("SELECT ?1", [v], |r| p.column_lazy(&c, r, 0))
            .unwrap();
        assert_eq!(&**lazy.get().unwrap(), page.as_str());
        for i in 0..TRAIN_AT as usize {
            c.execute("INSERT INTO translation (text) VALUES (?1)", [sentence(i)])
                .unwrap();
        }
        assert!(p.train(&c, "2026-12-06T00:00:00Z").unwrap());
        let long = "Vi søger en ingeniør til vores driftsteam i Oslo. ".repeat(8);
        let texts = [sentence(3), "kort".to_string(), long];
        let mut frames = Vec::new();
        for t in &texts {
            let v = p.pack(t).unwrap();
            frames.push(matches!(v, rusqlite::types::Value::Blob(_)));
            c.execute("INSERT INTO base_text (text) VALUES (?1)", [v])
                .unwrap();
        }
        assert_eq!(frames, [true, false, true], "packed, kept as text, packed");
        // A frame cut short: its header reads, its text does not.
        c.execute(
            "INSERT INTO base_text (text) SELECT substr(text, 1, length(text) - 3) FROM base_text
             WHERE id = 1",
            [],
        )
        .unwrap();
        let lazy: Vec<LazyText> = c
            .prepare("SELECT text FROM base_text ORDER BY id")
            .unwrap()
            .query_map([], |r| p.column_lazy(&c, r, 0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            format!("{:?}", lazy[0]),
            "<packed>",
            "not unpacked when read"
        );
        // Unpacked on another thread (its own decompressor), shared by the clones.
        let copies = lazy.clone();
        std::thread::scope(|s| {
            s.spawn(|| {
                for (l, t) in copies.iter().zip(&texts) {
                    assert_eq!(&**l.get().unwrap(), t.as_str());
                }
            });
        });
        assert_eq!(format!("{:?}", lazy[0]), format!("{:?}", texts[0]));
        assert_eq!(
            lazy[3].get().unwrap_err().to_string(),
            "a packed value of the memory is damaged: a text that does not unpack"
        );
        // A header naming a dictionary the memory does not have fails when it is read.
        assert!(
            c.query_row("SELECT x'0905616263'", [], |r| p.column_lazy(&c, r, 0))
                .is_err()
        );
    }

    #[test]
    fn a_damaged_value_is_an_error_not_a_panic() {
        let c = memory();
        let p = Packer::new("main");
        for b in [
            &[][..],
            &[0][..],
            &[0, 5, 1, 2][..],
            &[7, 3, 1][..],
            &[0, 0xff, 0xff][..],
        ] {
            assert!(p.unpack(&c, ValueRef::Blob(b)).is_err(), "{b:?}");
            assert!(unseal(b).is_err() || b.first() == Some(&RAW), "{b:?}");
        }
        assert!(source_layout(&[RAW, 3, b'a']).is_err());
        assert!(variant_layout(&[RAW, 1, b'k', 1, b'p', 2, 1]).is_err());
    }

    #[test]
    fn layouts_come_back_as_they_went_in() {
        let source: Vec<SourceEntry> = (0..60)
            .map(|i| SourceEntry {
                key: format!("h2.p{i}"),
                kind: if i % 5 == 0 { "heading" } else { "paragraph" }.into(),
                level: (i % 5 == 0).then_some(2),
                line: 3 + i * 2,
                lineage: 1000 + i as i64,
                source: if i == 7 { 3 } else { 900 + i as i64 },
            })
            .collect();
        let sealed = seal(&source_rows(source.iter().map(SourceEntry::as_ref))).unwrap();
        assert_eq!(sealed[0], ZSTD);
        assert_eq!(source_layout(&sealed).unwrap(), source);
        let variant: Vec<VariantEntry> = (0..3)
            .map(|i| VariantEntry {
                key: format!("fm.k{i}"),
                kind: "front-matter".into(),
                line: i + 1,
                hash: u64::MAX - i as u64,
                lineage: (i != 1).then_some(5 - i as i64),
                translation: (i != 2).then_some(i64::MAX - i as i64),
            })
            .collect();
        let sealed = seal(&variant_rows(variant.iter().map(VariantEntry::as_ref))).unwrap();
        assert_eq!(variant_layout(&sealed).unwrap(), variant);
        assert_eq!(variant_layout(&seal(&[]).unwrap()).unwrap(), vec![]);
    }
}
