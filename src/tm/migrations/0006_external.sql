-- Translations from outside (a TMX file of a translator's or agency's memory): matches for
-- suggestions, by source text. They never make a segment current, and no segment points at them.
CREATE TABLE external_translation (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    origin TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (lang, source, text)
);
