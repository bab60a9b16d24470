-- The chair's signed conflict declarations received (formats.md §7): the
-- deputy consolidates and signs those packages. Kept, never changed.
CREATE TABLE recusals (
    pdf_sha256  TEXT PRIMARY KEY,
    batch_id    TEXT NOT NULL REFERENCES batches (id),
    package_id  TEXT NOT NULL,
    expert_id   TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER recusals_no_update BEFORE UPDATE ON recusals
BEGIN SELECT RAISE(ABORT, 'recusals are kept'); END;
CREATE TRIGGER recusals_no_delete BEFORE DELETE ON recusals
BEGIN SELECT RAISE(ABORT, 'recusals are kept'); END;
