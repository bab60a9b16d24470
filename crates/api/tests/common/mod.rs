//! The chair's test world: a batch of two packages in a real store, six
//! experts' identities, their signed reviews in an inbox folder.

#![allow(dead_code)] // each test file uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paneldesk_api::chair;
use paneldesk_core::batch::Batch;
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::Sheet;
use paneldesk_core::Dec;
use paneldesk_opinion::identity::Identity;
use paneldesk_store::Store;
use paneldesk_testkit::{desk_sheet, identity, install, signed_review_as};
pub use paneldesk_testkit::{profile, PASS};

pub struct World {
    pub root: tempfile::TempDir,
    pub batch: Batch,
    pub chair: Store,
    pub ids: BTreeMap<String, Identity>,
}

pub fn store_with_batch(dir: &Path, batch_zip: &Path) -> Store {
    let mut s = Store::open(dir).expect("store");
    s.import_batch(batch_zip, |_| {}).expect("import batch");
    s
}

pub fn world() -> World {
    let root = tempfile::tempdir().expect("tempdir");
    let (batch, bytes) = fixture::batch_zip(
        "B-API",
        Kind::Establishment,
        vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
        6,
    );
    let zip = root.path().join("batch.zip");
    std::fs::write(&zip, bytes).expect("batch");
    std::fs::create_dir_all(root.path().join("inbox")).expect("inbox");
    let mut chair = store_with_batch(&root.path().join("chair"), &zip);
    let ids: BTreeMap<String, Identity> = (1..=6)
        .map(|i| {
            let id = format!("X0{i}");
            let ident = identity(&profile(&id)).expect("identity");
            (id, ident)
        })
        .collect();
    install(&mut chair, &profile("X01"), &ids["X01"], PASS).expect("chair identity");
    World { root, batch, chair, ids }
}

pub fn sheet(f: i64, p: &str, declared: bool, opinion: &str) -> Sheet {
    desk_sheet(f, p, declared, opinion)
}

impl World {
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// Signs a review with `ident` as `expert_id`, `minutes` after now.
    pub fn sign_as(&self, ident: &Identity, expert_id: &str, package: &str, s: &Sheet, minutes: i64) -> Vec<u8> {
        let stored = self.chair.find_package(package, Some("B-API")).expect("query").expect("package");
        signed_review_as(&self.batch, &stored, ident, expert_id, s, minutes).expect("sign")
    }

    pub fn review(&self, expert_id: &str, package: &str, s: &Sheet) -> PathBuf {
        let bytes = self.sign_as(&self.ids[expert_id], expert_id, package, s, 0);
        let path = self.path(&format!("inbox/{expert_id}-{package}.pdf"));
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// P-1 as in the scripted panel: totals 80, 75, 90, 60, 72.5; X06 declares a conflict.
    pub fn panel_p1(&self) {
        self.review("X01", "P-1", &sheet(30, "50", false, "X01 认为可行。"));
        self.review("X02", "P-1", &sheet(30, "45", false, "X02 认为可行。"));
        self.review("X03", "P-1", &sheet(35, "55", false, ""));
        self.review("X04", "P-1", &sheet(25, "35", false, "X04 有保留。"));
        self.review("X05", "P-1", &sheet(30, "42.5", false, ""));
        self.review("X06", "P-1", &sheet(0, "0", true, ""));
    }

    pub fn inbox(&self) -> Vec<PathBuf> {
        chair::files_in_folder(&self.path("inbox")).expect("files")
    }
}

pub fn dec(s: &str) -> Dec {
    Dec::parse(s).expect("dec")
}

pub fn all_visible(batch: &Batch) -> BTreeMap<String, bool> {
    batch.packages.iter().map(|p| (p.id.clone(), true)).collect()
}
