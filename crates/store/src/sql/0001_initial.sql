-- The expert using this data folder: one identity per folder.
CREATE TABLE identity (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    expert_id          TEXT NOT NULL,
    name               TEXT NOT NULL,
    title              TEXT NOT NULL,
    affiliation        TEXT NOT NULL,
    certificate        BLOB,          -- DER
    certificate_sha256 TEXT,
    encrypted_key      BLOB,          -- PKCS#8 PBES2 (scrypt), never plain
    created_at         TEXT NOT NULL
) STRICT;

CREATE TABLE batches (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    batch_json  TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;

-- Package files live in the data folder under packages/<sha256>.zip.
CREATE TABLE packages (
    batch_id      TEXT NOT NULL REFERENCES batches (id),
    package_id    TEXT NOT NULL,
    position      INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    manifest      TEXT NOT NULL,
    formal_review TEXT NOT NULL,
    verdict       TEXT NOT NULL,
    PRIMARY KEY (batch_id, package_id)
) STRICT;

-- Append-only: every save is a new revision; the latest one is shown.
CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    batch_id   TEXT NOT NULL,
    package_id TEXT NOT NULL,
    expert_id  TEXT NOT NULL,
    phase      TEXT NOT NULL CHECK (phase IN ('desk', 'site_visit')),
    revision   INTEGER NOT NULL CHECK (revision >= 1),
    saved_at   TEXT NOT NULL,
    sheet      TEXT NOT NULL,
    FOREIGN KEY (batch_id, package_id) REFERENCES packages (batch_id, package_id)
) STRICT;
CREATE UNIQUE INDEX reviews_revision ON reviews (batch_id, package_id, expert_id, phase, revision);

-- A signed revision; once here, that review is final.
CREATE TABLE signatures (
    review_id          INTEGER PRIMARY KEY REFERENCES reviews (id),
    signed_at          TEXT NOT NULL,
    pdf_sha256         TEXT NOT NULL,
    review_json_sha256 TEXT NOT NULL
) STRICT;

CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_final_once_signed BEFORE INSERT ON reviews
WHEN EXISTS (
    SELECT 1 FROM signatures s JOIN reviews r ON r.id = s.review_id
    WHERE r.batch_id = NEW.batch_id AND r.package_id = NEW.package_id
      AND r.expert_id = NEW.expert_id AND r.phase = NEW.phase
)
BEGIN SELECT RAISE(ABORT, 'this review is signed and final'); END;
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;

-- Each row hashes its predecessor's hash with its own content.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
