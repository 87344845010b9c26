-- A leaner memory: it lives in git beside the postings, so its size is every clone's cost.
-- - Times as seconds since 1970 in UTC (a time that is not whole seconds is kept as its text).
-- - A translation's origin and state as small integers: origin 0 human, 1 memory, 2 machine;
--   state 0 translated, 1 accepted, 2 carried.
-- - Texts (English, translations, bases) packed by tolk (tm/pack.rs): short ones stay text,
--   others are zstd blobs, with the dictionary kept in text_dict once the memory has trained one
--   on its own texts.
-- - Layouts as one packed row per posting and per variant instead of a row per segment (which
--   repeated the posting's path in each): tolk fills the new tables right after this
--   migration, and 0011 puts them in place of the old ones.
-- A dictionary, with how many texts the memory held when it was trained (a new one is trained
-- each time the memory has grown 16 times since).
CREATE TABLE text_dict (
    id INTEGER PRIMARY KEY,
    dict BLOB NOT NULL,
    trained_at TEXT NOT NULL,
    texts INTEGER NOT NULL
);

-- A lineage names its posting by a number (the path, kept once here), not by the path.
CREATE TABLE posting_path (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE
);
INSERT INTO posting_path (path) SELECT DISTINCT posting FROM lineage ORDER BY posting;

CREATE TABLE lineage_lean (
    id INTEGER PRIMARY KEY,
    posting INTEGER NOT NULL REFERENCES posting_path (id),
    created_at INTEGER NOT NULL
);
INSERT INTO lineage_lean (id, posting, created_at)
    SELECT l.id, p.id,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', l.created_at) = l.created_at
                THEN unixepoch(l.created_at) ELSE l.created_at END
    FROM lineage l JOIN posting_path p ON p.path = l.posting;

CREATE TABLE lineage_version_lean (
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    source INTEGER NOT NULL REFERENCES source_text (id),
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (lineage, source)
) WITHOUT ROWID;
INSERT INTO lineage_version_lean (lineage, source, recorded_at)
    SELECT lineage, source,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at) = recorded_at
                THEN unixepoch(recorded_at) ELSE recorded_at END
    FROM lineage_version;

CREATE TABLE translation_lean (
    id INTEGER PRIMARY KEY,
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    lang TEXT NOT NULL,
    text BLOB NOT NULL,
    source INTEGER NOT NULL REFERENCES source_text (id),
    origin INTEGER NOT NULL CHECK (origin IN (0, 1, 2)),
    state INTEGER NOT NULL CHECK (state IN (0, 1, 2)),
    recorded_at INTEGER NOT NULL,
    recorded_by TEXT,
    provider TEXT,
    model TEXT,
    reviewed_at INTEGER,
    reviewed_by TEXT
);
INSERT INTO translation_lean
    SELECT id, lineage, lang, text, source,
           CASE origin WHEN 'human' THEN 0 WHEN 'memory' THEN 1 ELSE 2 END,
           CASE state WHEN 'translated' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at) = recorded_at
                THEN unixepoch(recorded_at) ELSE recorded_at END,
           recorded_by, provider, model,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', reviewed_at) = reviewed_at
                THEN unixepoch(reviewed_at) ELSE reviewed_at END,
           reviewed_by
    FROM translation;

-- tolk runs this migration with foreign keys off (SQLite's way to rebuild a table): the tables
-- that refer to these ones find the new ones under the same names.
DROP TABLE lineage_version;
ALTER TABLE lineage_version_lean RENAME TO lineage_version;
DROP TABLE translation;
ALTER TABLE translation_lean RENAME TO translation;
DROP TABLE lineage;
ALTER TABLE lineage_lean RENAME TO lineage;
-- By source only: every lookup by lineage also names the source (the index by lineage and
-- language is not made again), and a source has few translations to tell apart by language.
CREATE INDEX translation_source ON translation (source);

CREATE TABLE source_layout_packed (
    posting TEXT PRIMARY KEY REFERENCES posting (path),
    rows BLOB NOT NULL
);
CREATE TABLE variant_layout_packed (
    posting TEXT NOT NULL REFERENCES posting (path),
    lang TEXT NOT NULL,
    rows BLOB NOT NULL,
    PRIMARY KEY (posting, lang)
);
