//! The columns of the five tables: one list, in the spec's order, that every reader and
//! writer of the format derives from (the CSV and workbook importers, the writers of
//! `export`, the questionnaire of `template`, the JSON Schema of `vendorgraph schema`).
//!
//! Each column says whether it is required, which values it takes and what it means in
//! plain words (the questionnaire's explanations). The closed vocabularies come from
//! `vocab.rs`, never retyped here.

use crate::vocab::{self, Generation, LinkKind, Risk};

use super::raw::Table;

/// One column of a table (a JSON key, a CSV or sheet header cell).
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The column name, as the format writes it (headers match in any case).
    pub name: &'static str,
    /// Whether every row must fill it.
    pub required: bool,
    /// What to write, in plain words.
    pub meaning: &'static str,
    /// The values it takes.
    pub values: FieldValues,
}

/// The values a column takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValues {
    /// An identifier: letters, digits and `. _ : -`, up to 128 characters.
    Id,
    /// Free text.
    Text,
    /// A two-letter country code (ISO 3166-1 alpha-2).
    Country,
    /// A number of 0 or more.
    Number,
    /// A number from 0 to 1 (a share).
    Fraction,
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
    /// Asset ids: one, or a list (in CSV and workbooks, separated by `|`).
    Targets,
}

impl Table {
    /// The table's columns, in the spec's order: the order of a written header and of the
    /// keys of a written JSON row.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Table::Suppliers => SUPPLIERS,
            Table::Operators => OPERATORS,
            Table::Assets => ASSETS,
            Table::Links => LINKS,
            Table::Shares => SHARES,
        }
    }

    /// The names of the table's columns, in the order of [`Table::fields`].
    pub fn field_names(self) -> impl ExactSizeIterator<Item = &'static str> + Clone {
        self.fields().iter().map(|f| f.name)
    }

    /// The column of a name written in any case (`Risk`, `RISK`), as headers match.
    pub fn field(self, written: &str) -> Option<&'static Field> {
        self.fields()
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(written))
    }
}

impl FieldValues {
    /// The values of a vocabulary, when the column takes one, and whether it is closed (any
    /// other value is refused) or open (other values are allowed: functions with a domain,
    /// domains of the inventory's own). Closed values match in any case.
    pub fn list(self) -> Option<(Vec<&'static str>, bool)> {
        let closed = |v: Vec<&'static str>| Some((v, true));
        match self {
            FieldValues::Boolean => closed(vec!["true", "false"]),
            FieldValues::LinkKind => closed(LinkKind::ALL.iter().map(|k| k.as_str()).collect()),
            FieldValues::Risk => closed(Risk::ALL.iter().map(|r| r.as_str()).collect()),
            FieldValues::Generation => closed(Generation::ALL.iter().map(|g| g.as_str()).collect()),
            FieldValues::Function => Some((
                vocab::known_domains()
                    .flat_map(vocab::domain_functions)
                    .copied()
                    .collect(),
                false,
            )),
            FieldValues::Domain => Some((vocab::known_domains().collect(), false)),
            _ => None,
        }
    }
}

const fn col(
    name: &'static str,
    required: bool,
    values: FieldValues,
    meaning: &'static str,
) -> Field {
    Field {
        name,
        required,
        meaning,
        values,
    }
}

const SOURCE: Field = col(
    "source",
    false,
    FieldValues::Text,
    "Where the datum comes from: a report, an OSS export, a questionnaire, with its date.",
);
const NOTES: Field = col("notes", false, FieldValues::Text, "Anything worth knowing.");

const SUPPLIERS: &[Field] = &[
    col(
        "id",
        true,
        FieldValues::Id,
        "A short name of your choice for the supplier, used in the other sheets (ericsson).",
    ),
    col(
        "name",
        false,
        FieldValues::Text,
        "Its display name (Ericsson).",
    ),
    col(
        "country",
        true,
        FieldValues::Country,
        "Where the supplier has its headquarters.",
    ),
    col(
        "risk",
        false,
        FieldValues::Risk,
        "The risk profile the assessing authority gave it; leave empty if not assessed.",
    ),
    col(
        "group",
        false,
        FieldValues::Id,
        "The id of its corporate parent, if it is a subsidiary listed in this sheet too.",
    ),
    SOURCE,
    NOTES,
];

const OPERATORS: &[Field] = &[
    col(
        "id",
        true,
        FieldValues::Id,
        "A short name of your choice for the operator, used in the other sheets.",
    ),
    col("name", false, FieldValues::Text, "Its display name."),
    col(
        "country",
        true,
        FieldValues::Country,
        "The country whose network this is.",
    ),
    col(
        "subscribers",
        false,
        FieldValues::Count,
        "Its number of subscribers: the operator's weight in national figures.",
    ),
    SOURCE,
    NOTES,
];

const ASSETS: &[Field] = &[
    col(
        "id",
        true,
        FieldValues::Id,
        "A name of your choice for the network element or service, unique across the whole inventory.",
    ),
    col(
        "operator",
        true,
        FieldValues::Id,
        "The id of the operator that runs it (sheet operators).",
    ),
    col(
        "function",
        true,
        FieldValues::Function,
        "What it is: a radio base station (gnb), a core function (amf), a router, a cloud...",
    ),
    col(
        "supplier",
        true,
        FieldValues::Id,
        "The id of its supplier (sheet suppliers); for a managed service, the service provider.",
    ),
    col(
        "domain",
        false,
        FieldValues::Domain,
        "Its part of the network, when the function does not say it (a function outside the list needs one).",
    ),
    col(
        "weight",
        false,
        FieldValues::Number,
        "Its size, 1 if empty; for radio base stations, the number of cells.",
    ),
    col(
        "generation",
        false,
        FieldValues::Generation,
        "4g or 5g, when the function does not say it (enb is 4g, gnb 5g).",
    ),
    col(
        "sensitive",
        false,
        FieldValues::Boolean,
        "true if it serves or sits in a sensitive area (government, defence, critical sites).",
    ),
    col(
        "location",
        false,
        FieldValues::Country,
        "The country it is operated from, if not the operator's (managed services, remote clouds).",
    ),
    col("site", false, FieldValues::Text, "The site it stands on."),
    col(
        "region",
        false,
        FieldValues::Text,
        "The region it serves: used to select and to group in diagrams.",
    ),
    col("name", false, FieldValues::Text, "Its display name."),
    SOURCE,
    NOTES,
];

const SHARES: &[Field] = &[
    col(
        "operator",
        true,
        FieldValues::Id,
        "The id of the operator (from the operators sheet).",
    ),
    col(
        "domain",
        true,
        FieldValues::Domain,
        "The part of the network: ran, core, transport, ...",
    ),
    col(
        "supplier",
        true,
        FieldValues::Id,
        "The id of the supplier (from the suppliers sheet).",
    ),
    col(
        "share",
        false,
        FieldValues::Fraction,
        "Its share of the domain, from 0 to 1 (0.6 for 60%); or give weight.",
    ),
    col(
        "weight",
        false,
        FieldValues::Number,
        "Instead of share: its size (sites, cells).",
    ),
    col(
        "generation",
        false,
        FieldValues::Generation,
        "4g or 5g, if the share is of one generation.",
    ),
    col(
        "sensitive",
        false,
        FieldValues::Boolean,
        "true if it serves a sensitive area.",
    ),
    SOURCE,
    NOTES,
];

const LINKS: &[Field] = &[
    col(
        "from",
        true,
        FieldValues::Id,
        "The id of the asset that depends on another.",
    ),
    col(
        "to",
        true,
        FieldValues::Targets,
        "The id of the asset it depends on; several ids separated by | when any one of them is enough (a pool).",
    ),
    col(
        "kind",
        true,
        FieldValues::LinkKind,
        "How it depends on it (see the link kinds below).",
    ),
    col(
        "need",
        false,
        FieldValues::Count,
        "With several ids in to: how many of them must work, 1 if empty.",
    ),
    col(
        "interface",
        false,
        FieldValues::Text,
        "The interface's name (N2, F1, CPRI, O-RAN 7.2x).",
    ),
    col(
        "open",
        false,
        FieldValues::Boolean,
        "Whether the interface lets either side come from another supplier; empty for the kind's usual answer.",
    ),
    SOURCE,
    NOTES,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys that serde reads into a row type: the `fields` its derived `Deserialize`
    /// gives the deserializer.
    fn serde_keys<'de, T: serde::Deserialize<'de>>() -> Vec<&'static str> {
        struct Keys(Vec<&'static str>);
        #[derive(Debug)]
        struct Stop;
        impl std::fmt::Display for Stop {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("stop")
            }
        }
        impl std::error::Error for Stop {}
        impl serde::de::Error for Stop {
            fn custom<M: std::fmt::Display>(_: M) -> Self {
                Stop
            }
        }
        impl<'de> serde::Deserializer<'de> for &mut Keys {
            type Error = Stop;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
                Err(Stop)
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Stop> {
                self.0 = fields.to_vec();
                Err(Stop)
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
                enum identifier ignored_any
            }
        }
        let mut keys = Keys(Vec::new());
        let _ = T::deserialize(&mut keys);
        keys.0
    }

    #[test]
    fn the_columns_are_the_keys_of_the_raw_rows() {
        use super::super::raw::{RawAsset, RawLink, RawOperator, RawShare, RawSupplier};
        for (table, keys) in [
            (Table::Suppliers, serde_keys::<RawSupplier>()),
            (Table::Operators, serde_keys::<RawOperator>()),
            (Table::Assets, serde_keys::<RawAsset>()),
            (Table::Links, serde_keys::<RawLink>()),
            (Table::Shares, serde_keys::<RawShare>()),
        ] {
            let mut names: Vec<&str> = table.field_names().collect();
            let mut keys = keys;
            names.sort_unstable();
            keys.sort_unstable();
            assert_eq!(names, keys, "{table:?}");
        }
    }

    #[test]
    fn headers_match_in_any_case() {
        assert_eq!(Table::Suppliers.field("RISK").map(|f| f.name), Some("risk"));
        assert!(Table::Suppliers.field("kind").is_none());
    }
}
