//! What each column of each table means, in plain words, and which values it takes: the
//! first sheet of the questionnaire and its drop-down lists. The closed vocabularies come
//! from `vocab.rs`, never retyped here.

use crate::inventory::Table;
use crate::vocab::{self, Generation, LinkKind, Risk};

/// One column of a table, explained.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The column name (the header cell).
    pub name: &'static str,
    /// Whether every row must fill it.
    pub required: bool,
    /// What to write, in plain words.
    pub meaning: &'static str,
    /// The values it takes.
    pub values: Values,
}

/// The values a column takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// An identifier: letters, digits and `. _ : -`, up to 128 characters.
    Id,
    /// Free text.
    Text,
    /// A two-letter country code (ISO 3166-1 alpha-2).
    Country,
    /// A number of 0 or more.
    Number,
    /// A whole number (from 1 for `need`).
    Count,
    /// `true` or `false`.
    Boolean,
    /// Function names: the vocabulary's, or any other with a `domain`.
    Function,
    /// Domain names: the eight known ones, or any other.
    Domain,
    /// A link kind (closed).
    LinkKind,
    /// A risk (closed).
    Risk,
    /// A generation (closed).
    Generation,
    /// Asset ids separated by `|`.
    Targets,
}

impl Values {
    /// The values of a drop-down list, when the column has one, and whether the list is
    /// closed (any other value is refused) or open (other values are allowed, with a
    /// warning of the spreadsheet).
    pub fn list(self) -> Option<(Vec<&'static str>, bool)> {
        let closed = |v: Vec<&'static str>| Some((v, true));
        match self {
            Values::Boolean => closed(vec!["true", "false"]),
            Values::LinkKind => closed(LinkKind::ALL.iter().map(|k| k.as_str()).collect()),
            Values::Risk => closed(RISKS.iter().map(|r| r.as_str()).collect()),
            Values::Generation => closed(GENERATIONS.iter().map(|g| g.as_str()).collect()),
            Values::Function => Some((
                vocab::known_domains()
                    .flat_map(vocab::domain_functions)
                    .copied()
                    .collect(),
                false,
            )),
            Values::Domain => Some((vocab::known_domains().collect(), false)),
            _ => None,
        }
    }

    /// The values in words, for the explanations.
    pub fn describe(self) -> String {
        match self {
            Values::Id => "an identifier: letters, digits and . _ : - (no spaces), up to 128 characters".into(),
            Values::Text => "any text".into(),
            Values::Country => "a two-letter country code (ISO 3166-1 alpha-2): DE, FR, SE".into(),
            Values::Number => "a number of 0 or more".into(),
            Values::Count => "a whole number".into(),
            Values::Targets => "one asset id, or several separated by |".into(),
            Values::Function => "a function of the list on the sheet \"functions\" (drop-down), or another name with a domain".into(),
            Values::Domain => "one of the drop-down list, or another name".into(),
            v => v.list().map(|(l, _)| l.join(", ")).unwrap_or_default(),
        }
    }
}

/// Every risk, in the order the list shows them.
const RISKS: [Risk; 4] = [Risk::High, Risk::Medium, Risk::Low, Risk::Unassessed];

/// Every generation.
const GENERATIONS: [Generation; 2] = [Generation::G4, Generation::G5];

const fn col(name: &'static str, required: bool, values: Values, meaning: &'static str) -> Column {
    Column {
        name,
        required,
        meaning,
        values,
    }
}

const SOURCE: Column = col(
    "source",
    false,
    Values::Text,
    "Where the datum comes from: a report, an OSS export, a questionnaire, with its date.",
);
const NOTES: Column = col("notes", false, Values::Text, "Anything worth knowing.");

const SUPPLIERS: &[Column] = &[
    col(
        "id",
        true,
        Values::Id,
        "A short name of your choice for the supplier, used in the other sheets (ericsson).",
    ),
    col("name", false, Values::Text, "Its display name (Ericsson)."),
    col(
        "country",
        true,
        Values::Country,
        "Where the supplier has its headquarters.",
    ),
    col(
        "risk",
        false,
        Values::Risk,
        "The risk profile the assessing authority gave it; leave empty if not assessed.",
    ),
    col(
        "group",
        false,
        Values::Id,
        "The id of its corporate parent, if it is a subsidiary listed in this sheet too.",
    ),
    SOURCE,
    NOTES,
];

const OPERATORS: &[Column] = &[
    col(
        "id",
        true,
        Values::Id,
        "A short name of your choice for the operator, used in the other sheets.",
    ),
    col("name", false, Values::Text, "Its display name."),
    col(
        "country",
        true,
        Values::Country,
        "The country whose network this is.",
    ),
    col(
        "subscribers",
        false,
        Values::Count,
        "Its number of subscribers: the operator's weight in national figures.",
    ),
    SOURCE,
    NOTES,
];

const ASSETS: &[Column] = &[
    col(
        "id",
        true,
        Values::Id,
        "A name of your choice for the network element or service, unique across the whole inventory.",
    ),
    col(
        "operator",
        true,
        Values::Id,
        "The id of the operator that runs it (sheet operators).",
    ),
    col(
        "function",
        true,
        Values::Function,
        "What it is: a radio base station (gnb), a core function (amf), a router, a cloud...",
    ),
    col(
        "supplier",
        true,
        Values::Id,
        "The id of its supplier (sheet suppliers); for a managed service, the service provider.",
    ),
    col(
        "domain",
        false,
        Values::Domain,
        "Its part of the network, when the function does not say it (a function outside the list needs one).",
    ),
    col(
        "weight",
        false,
        Values::Number,
        "Its size, 1 if empty; for radio base stations, the number of cells.",
    ),
    col(
        "generation",
        false,
        Values::Generation,
        "4g or 5g, when the function does not say it (enb is 4g, gnb 5g).",
    ),
    col(
        "sensitive",
        false,
        Values::Boolean,
        "true if it serves or sits in a sensitive area (government, defence, critical sites).",
    ),
    col("name", false, Values::Text, "Its display name."),
    col(
        "location",
        false,
        Values::Country,
        "The country it is operated from, if not the operator's (managed services, remote clouds).",
    ),
    col("site", false, Values::Text, "The site it stands on."),
    col(
        "region",
        false,
        Values::Text,
        "The region it serves: used to select and to group in diagrams.",
    ),
    SOURCE,
    NOTES,
];

const SHARES: &[Column] = &[
    col(
        "operator",
        true,
        Values::Id,
        "The id of the operator (from the operators sheet).",
    ),
    col(
        "domain",
        true,
        Values::Domain,
        "The part of the network: ran, core, transport, ...",
    ),
    col(
        "supplier",
        true,
        Values::Id,
        "The id of the supplier (from the suppliers sheet).",
    ),
    col(
        "share",
        false,
        Values::Number,
        "Its share of the domain, from 0 to 1 (0.6 for 60%); or give weight.",
    ),
    col(
        "weight",
        false,
        Values::Number,
        "Instead of share: its size (sites, cells).",
    ),
    col(
        "generation",
        false,
        Values::Generation,
        "4g or 5g, if the share is of one generation.",
    ),
    col(
        "sensitive",
        false,
        Values::Boolean,
        "true if it serves a sensitive area.",
    ),
    SOURCE,
    NOTES,
];

const LINKS: &[Column] = &[
    col(
        "from",
        true,
        Values::Id,
        "The id of the asset that depends on another.",
    ),
    col(
        "to",
        true,
        Values::Targets,
        "The id of the asset it depends on; several ids separated by | when any one of them is enough (a pool).",
    ),
    col(
        "kind",
        true,
        Values::LinkKind,
        "How it depends on it (see the link kinds below).",
    ),
    col(
        "need",
        false,
        Values::Count,
        "With several ids in to: how many of them must work, 1 if empty.",
    ),
    col(
        "interface",
        false,
        Values::Text,
        "The interface's name (N2, F1, CPRI, O-RAN 7.2x).",
    ),
    col(
        "open",
        false,
        Values::Boolean,
        "Whether the interface lets either side come from another supplier; empty for the kind's usual answer.",
    ),
    SOURCE,
    NOTES,
];

/// The columns of a table, in the order of its header.
pub fn columns(table: Table) -> &'static [Column] {
    match table {
        Table::Suppliers => SUPPLIERS,
        Table::Operators => OPERATORS,
        Table::Assets => ASSETS,
        Table::Links => LINKS,
        Table::Shares => SHARES,
    }
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
