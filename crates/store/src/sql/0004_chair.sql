-- The chair's side (formats.md §4–§5). Reviews received from the panel:
-- only files that verified and passed the batch's checks are kept (the PDF
-- itself under received/<sha256>.pdf); a later signed review of the same
-- key supersedes an earlier one, which stays as history.
CREATE TABLE received_reviews (
    sha256                    TEXT PRIMARY KEY,
    batch_id                  TEXT NOT NULL REFERENCES batches (id),
    file_name                 TEXT NOT NULL,
    expert_id                 TEXT NOT NULL,
    package_id                TEXT NOT NULL,
    phase                     TEXT NOT NULL,
    signed_at                 TEXT NOT NULL,
    signer_certificate_sha256 TEXT NOT NULL,
    review_json               TEXT NOT NULL,
    counts                    INTEGER NOT NULL CHECK (counts IN (0, 1)),
    imported_at               TEXT NOT NULL
) STRICT;
CREATE INDEX received_reviews_key ON received_reviews (batch_id, expert_id, package_id, phase);
-- A received review is evidence: never rewritten or removed, only set aside.
CREATE TRIGGER received_reviews_no_delete BEFORE DELETE ON received_reviews
BEGIN SELECT RAISE(ABORT, 'received reviews are kept'); END;
CREATE TRIGGER received_reviews_only_supersede BEFORE UPDATE ON received_reviews
WHEN NEW.counts IS NOT 0 OR OLD.counts IS NOT 1 OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.review_json IS NOT OLD.review_json OR NEW.batch_id IS NOT OLD.batch_id
BEGIN SELECT RAISE(ABORT, 'a received review can only be superseded'); END;

-- The chair's drafts per package: the panel opinion (NULL: not edited yet,
-- the experts' draft is shown) and a reason per flag, keyed by the flag.
CREATE TABLE chair_drafts (
    batch_id     TEXT NOT NULL REFERENCES batches (id),
    package_id   TEXT NOT NULL,
    opinion      TEXT,
    flag_reasons TEXT NOT NULL,
    saved_at     TEXT NOT NULL,
    PRIMARY KEY (batch_id, package_id)
) STRICT;

-- The ranking's tie-break: criterion ids in the order they break ties.
CREATE TABLE chair_settings (
    batch_id  TEXT PRIMARY KEY REFERENCES batches (id),
    tie_break TEXT NOT NULL,
    saved_at  TEXT NOT NULL
) STRICT;

-- Each signed 专家组意见 (the PDF under signed/<sha256>.pdf); the latest per
-- package is the one exported.
CREATE TABLE consensus_signatures (
    pdf_sha256            TEXT PRIMARY KEY,
    batch_id              TEXT NOT NULL REFERENCES batches (id),
    package_id            TEXT NOT NULL,
    signed_at             TEXT NOT NULL,
    consensus_json_sha256 TEXT NOT NULL
) STRICT;
CREATE TRIGGER consensus_signatures_no_update BEFORE UPDATE ON consensus_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are final'); END;
CREATE TRIGGER consensus_signatures_no_delete BEFORE DELETE ON consensus_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are final'); END;
