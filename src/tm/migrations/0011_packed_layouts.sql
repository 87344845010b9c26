-- The packed layouts tolk filled after 0010 take the place of the row-per-segment ones.
DROP TABLE source_layout;
DROP TABLE variant_layout;
ALTER TABLE source_layout_packed RENAME TO source_layout;
ALTER TABLE variant_layout_packed RENAME TO variant_layout;
