//! Schema history. Never edit a migration that has shipped: add one.
//! rusqlite_migration applies every pending step in one transaction.

use rusqlite_migration::{Migrations, M};

const M1_INITIAL: &str = include_str!("sql/0001_initial.sql");
const M2_PINS: &str = include_str!("sql/0002_pins.sql");
const M3_SIGNATURE: &str = include_str!("sql/0003_signature.sql");
const M4_CHAIR: &str = include_str!("sql/0004_chair.sql");
const M5_ISSUE: &str = include_str!("sql/0005_issue.sql");
const M6_REVISION: &str = include_str!("sql/0006_revision.sql");
const M7_RECUSAL: &str = include_str!("sql/0007_recusal.sql");
const M8_CA_CHAIN: &str = include_str!("sql/0008_ca_chain.sql");

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

static MIGRATIONS: &[M<'static>] = &[
    M::up(M1_INITIAL).foreign_key_check(),
    M::up(M2_PINS).foreign_key_check(),
    M::up(M3_SIGNATURE).foreign_key_check(),
    M::up(M4_CHAIR).foreign_key_check(),
    M::up(M5_ISSUE).foreign_key_check(),
    M::up(M6_REVISION).foreign_key_check(),
    M::up(M7_RECUSAL).foreign_key_check(),
    M::up(M8_CA_CHAIN).foreign_key_check(),
];

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().expect("valid migrations");
    }
}
