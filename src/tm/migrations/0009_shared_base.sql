-- A variant's base (the whole source posting when the variant was first recorded) is most
-- often the same text for every language of a posting: kept once, shared. Hashes of the rows
-- moved here are filled in by tolk right after this migration (SQL has no xxh3).
CREATE TABLE base_text (
    id INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE variant_base_ref (
    posting TEXT NOT NULL REFERENCES posting (path),
    lang TEXT NOT NULL,
    base INTEGER NOT NULL REFERENCES base_text (id),
    PRIMARY KEY (posting, lang)
) WITHOUT ROWID;
INSERT INTO base_text (hash, text) SELECT 0, text FROM variant_base GROUP BY text;
CREATE INDEX base_text_moving ON base_text (text);
INSERT INTO variant_base_ref (posting, lang, base)
    SELECT v.posting, v.lang, b.id FROM variant_base v JOIN base_text b ON b.text = v.text;
DROP INDEX base_text_moving;
DROP TABLE variant_base;
CREATE INDEX base_text_hash ON base_text (hash);
