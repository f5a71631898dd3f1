//! What each column of each table means, in plain words, and which values it takes: the
//! first sheet of the questionnaire and its drop-down lists. The columns and their
//! explanations are the format's one list (`inventory/fields.rs`); the closed vocabularies
//! come from `vocab.rs`, never retyped here.

use crate::inventory::Table;
use crate::vocab::LinkKind;

/// One column of a table, explained: the format's one column list.
pub use crate::inventory::Field as Column;

/// The values a column takes.
pub use crate::inventory::FieldValues as Values;

/// What the questionnaire adds to the values of a column: their description in words.
impl Values {
    /// The values in words, for the explanations.
    pub fn describe(self) -> String {
        match self {
            Values::Id => "an identifier: letters, digits and . _ : - (no spaces), up to 128 characters".into(),
            Values::Text => "any text".into(),
            Values::Country => "a two-letter country code (ISO 3166-1 alpha-2): DE, FR, SE".into(),
            Values::Number => "a number of 0 or more".into(),
            Values::Fraction => "a number from 0 to 1".into(),
            Values::Count => "a whole number".into(),
            Values::Targets => "one asset id, or several separated by |".into(),
            Values::Function => "a function of the list on the sheet \"functions\" (drop-down), or another name with a domain".into(),
            Values::Domain => "one of the drop-down list, or another name".into(),
            v => v.list().map(|(l, _)| l.join(", ")).unwrap_or_default(),
        }
    }
}

/// The columns of a table, in the order of its header.
pub fn columns(table: Table) -> &'static [Column] {
    table.fields()
}

/// What one sheet is for, in plain words.
pub fn table_purpose(table: Table) -> &'static str {
    match table {
        Table::Suppliers => {
            "One row per supplier (vendor, cloud provider, managed-service provider) named in the other sheets."
        }
        Table::Operators => "One row per operator (your company, or each operator you report on).",
        Table::Assets => {
            "One row per network element or service that has one supplier: a base station, a core function, the cloud it runs on, a management system."
        }
        Table::Links => {
            "One row per dependency between two assets: a base station connects to its AMF, a function runs on its cloud."
        }
        Table::Shares => {
            "Only if you cannot list assets: one row per domain and supplier with the supplier's share of it (0.6 for 60%) or its size (sites); not for a domain you give as assets."
        }
    }
}

/// What a link kind means, in plain words.
pub fn link_kind_meaning(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::RunsOn => "hosted on a platform (NFVI, cloud, server)",
        LinkKind::AnchoredBy => "a non-standalone 5G base station on its 4G anchor",
        LinkKind::ConnectsTo => {
            "needs that function to give service (radio to core, function to function, fronthaul)"
        }
        LinkKind::ManagedBy => "configured by a management system (EMS, OSS, orchestrator)",
        LinkKind::OperatedBy => "operated or maintained by an outsourced managed service",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_of_every_table_is_explained_in_header_order() {
        for table in Table::ALL {
            let names: Vec<&str> = columns(table).iter().map(|c| c.name).collect();
            let mut written: Vec<&str> = table.columns().to_vec();
            let mut explained = names.clone();
            written.sort_unstable();
            explained.sort_unstable();
            assert_eq!(explained, written, "{table:?}");
        }
    }
}
