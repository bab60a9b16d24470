//! Times are RFC 3339 with an offset (docs/formats.md): `2026-04-15T10:00:00+08:00`.

pub type Timestamp = chrono::DateTime<chrono::FixedOffset>;
