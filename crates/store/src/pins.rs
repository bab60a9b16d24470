//! Certificates pinned per expert for a batch (docs/formats.md §4).

use std::collections::BTreeMap;

use rusqlite::params;

use crate::{audit, Result, Store};

impl Store {
    pub fn pins(&self, batch_id: &str) -> Result<BTreeMap<String, String>> {
        let mut stmt =
            self.conn.prepare("SELECT expert_id, certificate_sha256 FROM pinned_certificates WHERE batch_id = ?1")?;
        let rows = stmt.query_map([batch_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Pins at first accepted import; never replaces an existing pin.
    pub fn add_pins(&mut self, batch_id: &str, pins: &BTreeMap<String, String>) -> Result<()> {
        if pins.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for (expert, cert) in pins {
            let n = tx.execute(
                "INSERT OR IGNORE INTO pinned_certificates (batch_id, expert_id, certificate_sha256, pinned_at) VALUES (?1, ?2, ?3, ?4)",
                params![batch_id, expert, cert, crate::now()],
            )?;
            if n == 1 {
                audit::append(
                    &tx,
                    "certificate.pin",
                    &format!("{batch_id}/{expert}"),
                    &serde_json::json!({"certificate_sha256": cert}),
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The chair's explicit decision to accept another certificate.
    pub fn repin(&mut self, batch_id: &str, expert_id: &str, certificate_sha256: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO pinned_certificates (batch_id, expert_id, certificate_sha256, pinned_at) VALUES (?1, ?2, ?3, ?4)",
            params![batch_id, expert_id, certificate_sha256, crate::now()],
        )?;
        audit::append(
            &tx,
            "certificate.repin",
            &format!("{batch_id}/{expert_id}"),
            &serde_json::json!({"certificate_sha256": certificate_sha256}),
        )?;
        tx.commit()?;
        Ok(())
    }
}
