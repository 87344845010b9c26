-- Machine translation. Every answer a provider gave (`tolk mt`), with the English it was made
-- from: the answer written into a file is recorded as a machine translation by the sync that
-- follows, an answer not written (a person's translation is not replaced) is kept as a
-- suggestion, and a run that was interrupted does not ask for it again.
CREATE TABLE machine_answer (
    id INTEGER PRIMARY KEY,
    posting TEXT NOT NULL,
    lineage INTEGER NOT NULL REFERENCES lineage (id),
    lang TEXT NOT NULL,
    source INTEGER NOT NULL REFERENCES source_text (id),
    text TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX machine_answer_posting ON machine_answer (posting, lang);

-- Who made a translation: for origin 'machine' the provider ('adopted' for a file the site
-- marked as machine-made) and model; and whether a person reviewed it. A translation by a person
-- needs no review: reviewed_at stays NULL for them, as for every translation recorded before.
ALTER TABLE translation ADD COLUMN provider TEXT;
ALTER TABLE translation ADD COLUMN model TEXT;
ALTER TABLE translation ADD COLUMN reviewed_at TEXT;
ALTER TABLE translation ADD COLUMN reviewed_by TEXT;
