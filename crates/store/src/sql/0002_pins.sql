-- The chair's import pins each expert's certificate at their first accepted
-- review when the roster gives none; a different one is refused until the
-- chair re-pins it explicitly (audited).
CREATE TABLE pinned_certificates (
    batch_id           TEXT NOT NULL REFERENCES batches (id),
    expert_id          TEXT NOT NULL,
    certificate_sha256 TEXT NOT NULL,
    pinned_at          TEXT NOT NULL,
    PRIMARY KEY (batch_id, expert_id)
) STRICT;
