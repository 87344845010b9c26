-- The first schema of tolk's translation memory. Never edit a released migration: add a new one.

-- Every text of the source language ever seen, once per language.
CREATE TABLE source_text (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    hash INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX source_text_hash ON source_text (lang, hash);

-- A source segment's identity over time: its texts are its versions.
CREATE TABLE lineage (
    id INTEGER PRIMARY KEY,
    posting TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE lineage_version (
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    source INTEGER NOT NULL REFERENCES source_text (id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (lineage, source)
) WITHOUT ROWID;

-- A posting known to the memory, with its source language.
CREATE TABLE posting (
    path TEXT PRIMARY KEY,
    source_lang TEXT NOT NULL,
    synced_at TEXT NOT NULL
) WITHOUT ROWID;

-- The source posting as it was at the last sync, segment by segment.
CREATE TABLE source_layout (
    posting TEXT NOT NULL REFERENCES posting (path),
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    line INTEGER NOT NULL,
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    source INTEGER NOT NULL REFERENCES source_text (id),
    PRIMARY KEY (posting, position)
) WITHOUT ROWID;

-- Every translation ever recorded, with the source text it was made from (or accepted for).
CREATE TABLE translation (
    id INTEGER PRIMARY KEY,
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    source INTEGER NOT NULL REFERENCES source_text (id),
    origin TEXT NOT NULL CHECK (origin IN ('human', 'memory', 'machine')),
    state TEXT NOT NULL CHECK (state IN ('translated', 'accepted', 'carried')),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT
);
CREATE INDEX translation_lineage ON translation (lineage, lang);
CREATE INDEX translation_source ON translation (source, lang);

-- Each variant as it was at the last sync: which source segment and translation each of its
-- segments is.
CREATE TABLE variant_layout (
    posting TEXT NOT NULL REFERENCES posting (path),
    lang TEXT NOT NULL,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    line INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    lineage INTEGER REFERENCES lineage (id),
    translation INTEGER REFERENCES translation (id),
    PRIMARY KEY (posting, lang, position)
) WITHOUT ROWID;
