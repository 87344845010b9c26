-- The same constraints on a translation's origin and state, written so that SQLite checks them
-- with two comparisons: for `x IN (0, 1, 2)` (a list of three or more) it builds a temporary
-- table for every row written, twice per translation. tolk runs this migration with foreign
-- keys off (SQLite's way to rebuild a table); ids, and so every reference, stay as they were.
CREATE TABLE translation_checked (
    id INTEGER PRIMARY KEY,
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    lang TEXT NOT NULL,
    text BLOB NOT NULL,
    source INTEGER NOT NULL REFERENCES source_text (id),
    origin INTEGER NOT NULL CHECK (origin = 0 OR origin = 1 OR origin = 2),
    state INTEGER NOT NULL CHECK (state = 0 OR state = 1 OR state = 2),
    recorded_at INTEGER NOT NULL,
    recorded_by TEXT,
    provider TEXT,
    model TEXT,
    reviewed_at INTEGER,
    reviewed_by TEXT
);
INSERT INTO translation_checked
    SELECT id, lineage, lang, text, source, origin, state, recorded_at, recorded_by, provider,
           model, reviewed_at, reviewed_by
    FROM translation;
DROP TABLE translation;
ALTER TABLE translation_checked RENAME TO translation;
CREATE INDEX translation_source ON translation (source);
