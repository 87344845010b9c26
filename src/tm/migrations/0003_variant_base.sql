-- For each variant, the whole source posting as it was when the variant was first recorded:
-- export applies what changed in the source's skeleton since then (a draft flag, a URL, a
-- shortcode argument) to the translation, and keeps the translation's own skeleton otherwise.
CREATE TABLE variant_base (
    posting TEXT NOT NULL REFERENCES posting (path),
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (posting, lang)
) WITHOUT ROWID;
