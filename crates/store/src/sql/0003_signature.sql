-- The expert's handwritten signature, drawn once in the window and placed
-- on the signature line of every opinion they sign. One per data folder
-- (like the identity); kept apart from the identity row so that updating
-- the profile never drops it.
CREATE TABLE signature_image (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    png      BLOB NOT NULL,
    sha256   TEXT NOT NULL,
    width    INTEGER NOT NULL,
    height   INTEGER NOT NULL,
    saved_at TEXT NOT NULL
) STRICT;
