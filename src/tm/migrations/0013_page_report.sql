-- What the status said of each page right after a sync, with a hash of every file it read, so
-- that a status on a fresh checkout (no status cache, new modification times) takes a page
-- whose files are byte for byte those from here instead of reading its memory and splitting
-- its files again. Only ever a speed-up: a row is used only for the same tolk and configuration
-- (`made_for`) and the same file contents, and the triggers below delete a page's row with
-- every change to what its status is built from (its layouts, its translations, the versions
-- of its segments), whoever writes it: sync, an import, a review, the merge driver. (Each
-- trigger first looks whether any report is stored: a first sync, or one that packs every text
-- again with a new dictionary, then pays nothing for them.)
CREATE TABLE page_report (
    page TEXT PRIMARY KEY,
    made_for TEXT NOT NULL,
    files BLOB NOT NULL,
    postings BLOB NOT NULL
);

CREATE TRIGGER page_report_posting_insert AFTER INSERT ON posting
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = NEW.path;
END;
CREATE TRIGGER page_report_posting_update AFTER UPDATE OF path, source_lang ON posting
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = OLD.path OR page = NEW.path;
END;
CREATE TRIGGER page_report_posting_delete AFTER DELETE ON posting
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = OLD.path;
END;

CREATE TRIGGER page_report_source_layout_insert AFTER INSERT ON source_layout
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = NEW.posting;
END;
CREATE TRIGGER page_report_source_layout_update AFTER UPDATE ON source_layout
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = OLD.posting OR page = NEW.posting;
END;
CREATE TRIGGER page_report_source_layout_delete AFTER DELETE ON source_layout
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = OLD.posting;
END;

CREATE TRIGGER page_report_variant_layout_insert AFTER INSERT ON variant_layout
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = NEW.posting;
END;
CREATE TRIGGER page_report_variant_layout_update AFTER UPDATE ON variant_layout
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = OLD.posting OR page = NEW.posting;
END;
CREATE TRIGGER page_report_variant_layout_delete AFTER DELETE ON variant_layout
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page = OLD.posting;
END;

-- A translation row is read through a layout that names it: a new one matters only with a
-- layout change (above); a changed or deleted one (a review, a merge) matters at once. Its
-- text's bytes change in place only when every text is packed again with a new dictionary,
-- saying the same.
CREATE TRIGGER page_report_translation_update
    AFTER UPDATE OF lineage, lang, source, origin, state, provider, model, reviewed_at,
        reviewed_by ON translation
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page IN (
        SELECT p.path FROM lineage l JOIN posting_path p ON p.id = l.posting
        WHERE l.id = OLD.lineage OR l.id = NEW.lineage);
END;
CREATE TRIGGER page_report_translation_delete AFTER DELETE ON translation
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page IN (
        SELECT p.path FROM lineage l JOIN posting_path p ON p.id = l.posting
        WHERE l.id = OLD.lineage);
END;

-- Since when a segment's English is what it is (a stale segment's report says it). A version is
-- only ever added (never replaced) in the write that puts it in its page's layout, which the
-- layout's trigger sees.
CREATE TRIGGER page_report_lineage_version_update AFTER UPDATE ON lineage_version
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page IN (
        SELECT p.path FROM lineage l JOIN posting_path p ON p.id = l.posting
        WHERE l.id = OLD.lineage OR l.id = NEW.lineage);
END;
CREATE TRIGGER page_report_lineage_version_delete AFTER DELETE ON lineage_version
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report WHERE page IN (
        SELECT p.path FROM lineage l JOIN posting_path p ON p.id = l.posting
        WHERE l.id = OLD.lineage);
END;

-- Texts are shared between pages and never change (but for packing, as above); should one
-- change or go, no report is kept.
CREATE TRIGGER page_report_source_text_update AFTER UPDATE OF lang, hash ON source_text
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report;
END;
CREATE TRIGGER page_report_source_text_delete AFTER DELETE ON source_text
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report;
END;
CREATE TRIGGER page_report_text_dict_update AFTER UPDATE ON text_dict
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report;
END;
CREATE TRIGGER page_report_text_dict_delete AFTER DELETE ON text_dict
    WHEN EXISTS (SELECT 1 FROM page_report) BEGIN
    DELETE FROM page_report;
END;
