-- A heading's level (1 to 6) in the source layout, so that a short heading replaced by another
-- of a different level and with no word in common is not taken for its edit. NULL for every
-- other kind, and for headings recorded before this migration (unknown until the next sync).
ALTER TABLE source_layout ADD COLUMN level INTEGER;
