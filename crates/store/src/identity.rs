//! The expert this data folder belongs to, and their signing material.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{audit, Result, Store, StoreError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub expert_id: String,
    pub name: String,
    pub title: String,
    pub affiliation: String,
}

/// Signing material; the key is PKCS#8 encrypted under the passphrase.
#[derive(Clone, PartialEq, Eq)]
pub struct Keys {
    pub certificate: Vec<u8>,
    pub certificate_sha256: String,
    pub encrypted_key: Vec<u8>,
    /// The issuing CA certificates, concatenated DER (empty when none).
    pub ca_chain: Vec<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys").field("certificate_sha256", &self.certificate_sha256).finish_non_exhaustive()
    }
}

impl Store {
    pub fn profile(&self) -> Result<Option<Profile>> {
        Ok(self
            .conn
            .query_row("SELECT expert_id, name, title, affiliation FROM identity WHERE id = 1", [], |r| {
                Ok(Profile { expert_id: r.get(0)?, name: r.get(1)?, title: r.get(2)?, affiliation: r.get(3)? })
            })
            .optional()?)
    }

    pub fn keys(&self) -> Result<Option<Keys>> {
        let row = self
            .conn
            .query_row(
                "SELECT certificate, certificate_sha256, encrypted_key, COALESCE(ca_chain, x'') FROM identity
                 WHERE id = 1 AND certificate IS NOT NULL",
                [],
                |r| {
                    Ok(Keys {
                        certificate: r.get(0)?,
                        certificate_sha256: r.get(1)?,
                        encrypted_key: r.get(2)?,
                        ca_chain: r.get(3)?,
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// The folder belongs to an organiser (the bureau), not an expert.
    pub fn is_organizer(&self) -> Result<bool> {
        let role: Option<String> =
            self.conn.query_row("SELECT role FROM identity WHERE id = 1", [], |r| r.get(0)).optional()?;
        Ok(role.as_deref() == Some("organizer"))
    }

    /// Records the organiser's identity: a folder with no identity yet only.
    pub fn set_organizer_identity(&mut self, p: &Profile, keys: &Keys) -> Result<()> {
        if let Some(existing) = self.profile()? {
            return Err(StoreError::new(
                "identity-exists",
                format!(
                    "此数据目录已属于 {}（{}），一个数据目录只能有一个身份。请另选数据目录",
                    existing.name, existing.expert_id
                ),
                format!(
                    "this data folder already belongs to {} ({}); one identity per folder. Choose another data folder",
                    existing.name, existing.expert_id
                ),
            ));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO identity (id, expert_id, name, title, affiliation, certificate, certificate_sha256, encrypted_key, created_at, role, ca_chain)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'organizer', ?9)",
            params![p.expert_id, p.name, p.title, p.affiliation, keys.certificate, keys.certificate_sha256, keys.encrypted_key, crate::now(), keys.ca_chain],
        )?;
        let detail = serde_json::json!({"organizer": p, "certificate_sha256": keys.certificate_sha256});
        audit::append(&tx, "identity.organizer", &p.expert_id, &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// Records who this folder belongs to; one identity per folder, so a
    /// second, different one is refused.
    pub fn set_identity(&mut self, p: &Profile, keys: Option<&Keys>) -> Result<()> {
        if let Some(existing) = self.profile()? {
            if existing.expert_id != p.expert_id || self.keys()?.is_some() {
                return Err(StoreError::new(
                    "identity-exists",
                    format!("此数据目录已属于专家 {}（{}），一个数据目录只能有一个身份。请另选数据目录", existing.name, existing.expert_id),
                    format!("this data folder already belongs to expert {} ({}); one identity per folder. Choose another data folder", existing.name, existing.expert_id),
                ));
            }
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO identity (id, expert_id, name, title, affiliation, certificate, certificate_sha256, encrypted_key, created_at, ca_chain)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                p.expert_id,
                p.name,
                p.title,
                p.affiliation,
                keys.map(|k| k.certificate.clone()),
                keys.map(|k| k.certificate_sha256.clone()),
                keys.map(|k| k.encrypted_key.clone()),
                crate::now(),
                keys.map(|k| k.ca_chain.clone())
            ],
        )?;
        let detail = serde_json::json!({"profile": p, "certificate_sha256": keys.map(|k| &k.certificate_sha256)});
        audit::append(&tx, "identity.set", &p.expert_id, &detail)?;
        tx.commit()?;
        Ok(())
    }
}
