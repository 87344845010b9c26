-- Files written by `tolk export`, with the hash of what was written, so that a hand edit on the
-- site is noticed before it is overwritten.
CREATE TABLE export_file (
    path TEXT PRIMARY KEY,
    hash INTEGER NOT NULL,
    written_at TEXT NOT NULL
) WITHOUT ROWID;
