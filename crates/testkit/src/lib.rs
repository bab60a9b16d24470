//! What the tests of api, the window and the fixtures build alike: an
//! expert's profile and identity installed in a store, the two-criterion
//! desk sheet of core's fixture rubric, and a review signed as an expert.
//! A dev-dependency (and the fixtures' generator's): never in the app.

use paneldesk_core::batch::Batch;
use paneldesk_core::review_doc::{Expert, ReviewDoc};
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::{Conflict, Phase, Sheet};
use paneldesk_core::Dec;
use paneldesk_opinion::document::signed_review;
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::ReviewContext;
use paneldesk_opinion::OpinionError;
use paneldesk_store::batches::StoredPackage;
use paneldesk_store::identity::{Keys, Profile};
use paneldesk_store::{Store, StoreError};

/// The passphrase the tests' keys are encrypted under.
pub const PASS: &str = "correct horse battery staple";

/// Expert `id` as the fixtures name them: 专家<id>, 教授, 山东大学.
pub fn profile(id: &str) -> Profile {
    Profile {
        expert_id: id.into(), name: format!("专家{id}"), title: "教授".into(), affiliation: "山东大学".into()
    }
}

/// A new P-256 identity for `profile`.
pub fn identity(p: &Profile) -> Result<Identity, OpinionError> {
    Identity::create(&p.expert_id, &p.name, &p.title, &p.affiliation, chrono::Utc::now())
}

/// The store's form of an identity: certificate and key encrypted under `passphrase`.
pub fn keys(id: &Identity, passphrase: &str) -> Result<Keys, OpinionError> {
    Ok(Keys {
        certificate: id.certificate_der().to_vec(),
        certificate_sha256: id.certificate_sha256(),
        encrypted_key: id.encrypted_key_der(passphrase)?,
        ca_chain: id.chain_der_concatenated(),
    })
}

/// Why installing an identity failed.
#[derive(Debug)]
pub enum InstallError {
    /// Encrypting the key.
    Key(OpinionError),
    /// Writing the store.
    Store(StoreError),
}

/// Records `p` with `id`'s key in `store`, as `identity create` does.
pub fn install(store: &mut Store, p: &Profile, id: &Identity, passphrase: &str) -> Result<(), InstallError> {
    let keys = keys(id, passphrase).map_err(InstallError::Key)?;
    store.set_identity(p, Some(&keys)).map_err(InstallError::Store)
}

/// A desk sheet of core's fixture rubric (foundation, plan); a declared
/// conflict carries a statement.
pub fn desk_sheet(foundation: i64, plan: &str, declared: bool, opinion: &str) -> Sheet {
    Sheet {
        phase: Phase::Desk,
        conflict_of_interest: Conflict {
            declared,
            statement: if declared { "近三年有合作".into() } else { String::new() },
        },
        scores: vec![
            Score {
                criterion: "foundation".into(),
                score: Dec::from_int(foundation),
                comment: "依托单位条件扎实".into(),
            },
            Score { criterion: "plan".into(), score: Dec::parse(plan).unwrap_or_default(), comment: String::new() },
        ],
        recommendation: "recommend".into(),
        opinion: opinion.into(),
        site_visit: None,
    }
}

/// A review of `package` signed with `id` as expert `expert_id` (who may
/// differ from the certificate's, for attacks), dated `minutes` from now.
pub fn signed_review_as(
    batch: &Batch,
    package: &StoredPackage,
    id: &Identity,
    expert_id: &str,
    sheet: &Sheet,
    minutes: i64,
) -> Result<Vec<u8>, OpinionError> {
    let p = profile(expert_id);
    let expert = Expert {
        expert_id: p.expert_id,
        name: p.name,
        title: p.title,
        affiliation: p.affiliation,
        certificate_sha256: id.certificate_sha256(),
    };
    let at = chrono::Local::now().fixed_offset() + chrono::Duration::minutes(minutes);
    let doc = ReviewDoc::from_sheet(batch, &package.package_id, &package.sha256, expert, sheet, at, "test");
    let ctx = ReviewContext { batch, manifest: &package.manifest, signature_png: None };
    Ok(signed_review(&doc, &ctx, id)?.bytes)
}
