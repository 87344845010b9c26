-- What each unit sent out in a package held in the translation file when it was sent (a hash
-- of the text; the hash of "" when it had none): an import does not overwrite a translation a
-- person changed in the file since. NULL for units sent before this column (not checked).
ALTER TABLE package_unit ADD COLUMN target_hash INTEGER;
