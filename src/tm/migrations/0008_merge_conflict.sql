-- A segment translated differently on two branches from the same English (found by `tolk
-- merge-driver`): both translations are kept, and the conflict stays until a sync records the
-- translation a person picked.
CREATE TABLE merge_conflict (
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    lang TEXT NOT NULL,
    source INTEGER NOT NULL REFERENCES source_text (id),
    ours INTEGER NOT NULL REFERENCES translation (id),
    theirs INTEGER NOT NULL REFERENCES translation (id),
    PRIMARY KEY (lineage, lang, source, ours, theirs)
) WITHOUT ROWID;
