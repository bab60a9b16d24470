-- Issuing batches (docs/formats.md §6). A data folder's one identity may be
-- the bureau's (organiser) rather than an expert's.
ALTER TABLE identity ADD COLUMN role TEXT NOT NULL DEFAULT 'expert'
    CHECK (role IN ('expert', 'organizer'));

-- Each organiser's certificate, pinned at its first signed batch that the
-- user accepted; a batch claiming the same organizer_id under another
-- certificate is refused. Pins are evidence: never changed or removed.
CREATE TABLE organizer_pins (
    organizer_id       TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    certificate_sha256 TEXT NOT NULL,
    pinned_at          TEXT NOT NULL
) STRICT;
CREATE TRIGGER organizer_pins_no_update BEFORE UPDATE ON organizer_pins
BEGIN SELECT RAISE(ABORT, 'organiser pins are kept'); END;
CREATE TRIGGER organizer_pins_no_delete BEFORE DELETE ON organizer_pins
BEGIN SELECT RAISE(ABORT, 'organiser pins are kept'); END;

-- Who issued the batch (NULL: unsigned) and which revision is current.
ALTER TABLE batches ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE batches ADD COLUMN organizer_id TEXT;
ALTER TABLE batches ADD COLUMN organizer_certificate_sha256 TEXT;

-- Every revision of a batch as it was imported.
CREATE TABLE batch_history (
    batch_id    TEXT NOT NULL REFERENCES batches (id),
    revision    INTEGER NOT NULL,
    batch_json  TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (batch_id, revision)
) STRICT;
CREATE TRIGGER batch_history_no_update BEFORE UPDATE ON batch_history
BEGIN SELECT RAISE(ABORT, 'batch history is kept'); END;
CREATE TRIGGER batch_history_no_delete BEFORE DELETE ON batch_history
BEGIN SELECT RAISE(ABORT, 'batch history is kept'); END;
INSERT INTO batch_history (batch_id, revision, batch_json, file_sha256, imported_at)
    SELECT id, 1, batch_json, file_sha256, imported_at FROM batches;

-- A package changed by a corrected batch starts a new generation: reviews
-- of earlier generations stay as history and no longer show. A package that
-- left the batch is withdrawn: kept, hidden.
ALTER TABLE packages ADD COLUMN generation INTEGER NOT NULL DEFAULT 1 CHECK (generation >= 1);
ALTER TABLE packages ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));
ALTER TABLE reviews ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;

CREATE TABLE package_history (
    batch_id      TEXT NOT NULL,
    package_id    TEXT NOT NULL,
    generation    INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    manifest      TEXT NOT NULL,
    verdict       TEXT NOT NULL,
    replaced_at   TEXT NOT NULL,
    by_revision   INTEGER NOT NULL,
    PRIMARY KEY (batch_id, package_id, generation)
) STRICT;
CREATE TRIGGER package_history_no_update BEFORE UPDATE ON package_history
BEGIN SELECT RAISE(ABORT, 'package history is kept'); END;
CREATE TRIGGER package_history_no_delete BEFORE DELETE ON package_history
BEGIN SELECT RAISE(ABORT, 'package history is kept'); END;

-- Signed means final within a generation; a new generation starts afresh.
DROP TRIGGER reviews_final_once_signed;
CREATE TRIGGER reviews_final_once_signed BEFORE INSERT ON reviews
WHEN EXISTS (
    SELECT 1 FROM signatures s JOIN reviews r ON r.id = s.review_id
    WHERE r.batch_id = NEW.batch_id AND r.package_id = NEW.package_id
      AND r.expert_id = NEW.expert_id AND r.phase = NEW.phase
      AND r.generation = NEW.generation
)
BEGIN SELECT RAISE(ABORT, 'this review is signed and final'); END;
-- A review belongs to the package's current generation.
CREATE TRIGGER reviews_current_generation BEFORE INSERT ON reviews
WHEN NEW.generation IS NOT (SELECT generation FROM packages
                            WHERE batch_id = NEW.batch_id AND package_id = NEW.package_id)
BEGIN SELECT RAISE(ABORT, 'a review must be of the package''s current generation'); END;
