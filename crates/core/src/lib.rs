//! PanelDesk's domain: application packages, the formal review rules of the
//! 聊城市技术创新中心管理办法, batches, rubrics, score sheets and their
//! aggregation. No UI, no database.

pub mod aggregate;
pub mod audit_head;
pub mod batch;
pub mod consensus_doc;
pub mod consolidate;
pub mod credit_code;
pub mod decimal;
pub mod evaluation;
pub mod fixture;
pub mod manifest;
pub mod package;
pub mod ranking;
pub mod reason;
pub mod review_doc;
pub mod rubric;
pub mod rubrics;
pub mod rules;
pub mod scoring;
pub mod sheet;
pub mod text;
pub mod time;

pub use decimal::Dec;
pub use text::{Lang, Msg};
