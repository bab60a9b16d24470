//! One package as the expert reads it: its facts (figures as exact decimal
//! strings), the formal review, and the documents' bytes for the viewer.

mod facts;
mod held;
mod objects;
mod read;
mod table;

pub use facts::{detail, DocumentDto, FactsDto, FinanceDto, PackageDetail, RuleDto, UnitDto};
pub use held::{HeldDocuments, OpenedDocument, MAX_RANGE};
pub use objects::{read_ahead, ByteSpan};
pub use read::{locate, Located, MAX_DOCUMENT_BYTES};
pub use table::{tables, MergeDto, SheetTableDto};
