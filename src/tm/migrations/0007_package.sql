-- Segments sent out in a work package (`tolk extract`) and not back yet (`tolk import`): a
-- second package does not send the same work again, and status says how much is out.
CREATE TABLE package_unit (
    posting TEXT NOT NULL,
    lang TEXT NOT NULL,
    key TEXT NOT NULL,
    source_hash INTEGER NOT NULL,
    package TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (posting, lang, key)
) WITHOUT ROWID;
