//! Attachments and PAdES signatures on PDFs, and their verification
//! (docs/formats.md §4–§5, docs/cli.md `verify`).
//!
//! Order matters: attach first (`attach_file`), then sign (`sign_pdf`), so
//! the attachments are inside the signed bytes.

mod appearance;
mod attach;
mod cms;
mod cms_verify;
mod detached;
mod gaps;
mod mdp;
mod pades;
mod pdf;
mod problem;
mod ranges;
mod verify;

pub use appearance::SignatureAppearance;
pub use attach::{attach_file, attach_files, embedded_files, Attachment, EmbeddedFile};
pub use detached::{sign_detached, verify_detached, DetachedSigner};
#[doc(hidden)]
pub use gaps::fast_parse_agrees;
pub use pades::{sign_as, sign_pdf, CosignField, SignatureRole};
pub use problem::Problem;
pub use verify::{verify_pdf, SignatureInfo, Signer, Verification};
// One parse of a file for all of `check_document`'s checks.
pub(crate) use attach::embedded_in;
pub(crate) use gaps::load_signed;
pub use mdp::later_revisions_only_sign;
pub(crate) use verify::verify_loaded;
