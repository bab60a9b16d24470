//! Queries the desktop window needs to list what is in the store: the
//! imported batches, and each batch's packages with one expert's progress.

use rusqlite::params;
use serde::Serialize;

use crate::{Result, Store};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub deadline: String,
    pub imported_at: String,
    pub packages: i64,
    pub revision: u32,
    /// batch.json's `organizer`.
    pub organizer: String,
    /// The verified signer's id; None for an unsigned batch.
    pub organizer_id: Option<String>,
}

/// Where one expert stands on one package (desk phase).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    NotStarted,
    Draft,
    Signed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackageRow {
    pub package_id: String,
    pub sha256: String,
    pub verdict: String,
    pub center_name: String,
    pub lead_unit: String,
    pub status: ReviewStatus,
    /// The latest revision records a declared conflict of interest.
    pub conflict_declared: bool,
    pub saved_at: Option<String>,
}

impl Store {
    /// Every imported batch, the latest imported first.
    pub fn list_batches(&self) -> Result<Vec<BatchSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.id, b.title, b.kind, b.deadline, b.imported_at,
                    (SELECT COUNT(*) FROM packages p WHERE p.batch_id = b.id AND p.withdrawn = 0),
                    b.revision, COALESCE(json_extract(b.batch_json, '$.organizer'), ''), b.organizer_id
             FROM batches b ORDER BY b.imported_at DESC, b.rowid DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(BatchSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                deadline: r.get(3)?,
                imported_at: r.get(4)?,
                packages: r.get(5)?,
                revision: r.get(6)?,
                organizer: r.get(7)?,
                organizer_id: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The packages of a batch in the batch's order, each with the latest
    /// desk-phase revision of `expert_id` (none when `expert_id` is None).
    pub fn list_packages(&self, batch_id: &str, expert_id: Option<&str>) -> Result<Vec<PackageRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.package_id, p.sha256, p.verdict,
                    COALESCE(json_extract(p.manifest, '$.center.name'), ''),
                    COALESCE(json_extract(p.manifest, '$.lead_unit.name'), ''),
                    r.id, r.saved_at, s.review_id IS NOT NULL,
                    COALESCE(json_extract(r.sheet, '$.conflict_of_interest.declared'), 0)
             FROM packages p
             LEFT JOIN reviews r ON r.batch_id = p.batch_id AND r.package_id = p.package_id
                 AND r.expert_id = ?2 AND r.phase = 'desk' AND r.generation = p.generation
                 AND r.revision = (SELECT MAX(r2.revision) FROM reviews r2
                                   WHERE r2.batch_id = p.batch_id AND r2.package_id = p.package_id
                                     AND r2.expert_id = ?2 AND r2.phase = 'desk'
                                     AND r2.generation = p.generation)
             LEFT JOIN signatures s ON s.review_id = r.id
             WHERE p.batch_id = ?1 AND p.withdrawn = 0 ORDER BY p.position",
        )?;
        let rows = stmt.query_map(params![batch_id, expert_id], |r| {
            let review: Option<i64> = r.get(5)?;
            let signed: bool = r.get(7)?;
            let status = match (review, signed) {
                (None, _) => ReviewStatus::NotStarted,
                (Some(_), false) => ReviewStatus::Draft,
                (Some(_), true) => ReviewStatus::Signed,
            };
            Ok(PackageRow {
                package_id: r.get(0)?,
                sha256: r.get(1)?,
                verdict: r.get(2)?,
                center_name: r.get(3)?,
                lead_unit: r.get(4)?,
                status,
                conflict_declared: r.get::<_, i64>(8)? != 0,
                saved_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use paneldesk_core::fixture;
    use paneldesk_core::manifest::Kind;
    use paneldesk_core::sheet::{Conflict, Phase, Sheet};

    use super::*;
    use crate::reviews::ReviewKey;

    #[test]
    fn lists_batches_and_package_status() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, bytes) = fixture::batch_zip(
            "B-APP",
            Kind::Establishment,
            vec![fixture::establishment("P1"), fixture::establishment("P2")],
            3,
        );
        let file = dir.path().join("batch.zip");
        std::fs::write(&file, bytes).expect("write batch");
        let mut store = Store::open(&dir.path().join("data")).expect("open");
        store.import_batch(&file, |_| {}).expect("import");

        let batches = store.list_batches().expect("batches");
        assert_eq!(batches.len(), 1);
        assert_eq!((batches[0].id.as_str(), batches[0].packages), ("B-APP", 2));
        // An unsigned (version-1) batch: revision 1, no verified organiser.
        assert_eq!((batches[0].revision, batches[0].organizer_id.as_deref()), (1, None));
        assert_eq!(batches[0].organizer, "聊城市科学技术局");

        let key = ReviewKey { batch_id: "B-APP", package_id: "P2", expert_id: "X02", phase: Phase::Desk };
        let declared = Conflict { declared: true, statement: "曾任该单位顾问".into() };
        store.save_review(key, &Sheet { conflict_of_interest: declared, ..Sheet::default() }).expect("save");

        let rows = store.list_packages("B-APP", Some("X02")).expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, ReviewStatus::NotStarted);
        assert_eq!(rows[1].status, ReviewStatus::Draft);
        assert!(rows[1].conflict_declared && !rows[0].conflict_declared);
        assert_eq!(rows[0].center_name, "聊城市高端轴承技术创新中心");
        // Another expert sees nothing of X02's work.
        let other = store.list_packages("B-APP", Some("X03")).expect("rows");
        assert!(other.iter().all(|r| r.status == ReviewStatus::NotStarted));
    }
}
