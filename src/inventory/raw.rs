//! The serde mirror of an inventory file: every field optional, every enumeration a string.
//!
//! Required fields and vocabularies are checked by validation, not by serde, so that one
//! pass reports every missing field and every bad value at once, for JSON and CSV alike.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// Which table a row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// `suppliers`.
    Suppliers,
    /// `operators`.
    Operators,
    /// `assets`.
    Assets,
    /// `links`.
    Links,
    /// `shares`: share-level data, one row per operator, domain and supplier.
    Shares,
}

impl Table {
    /// Every table, in file order.
    pub const ALL: [Table; 5] = [
        Table::Suppliers,
        Table::Operators,
        Table::Assets,
        Table::Links,
        Table::Shares,
    ];

    /// The table's key in JSON and its CSV file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Suppliers => "suppliers",
            Table::Operators => "operators",
            Table::Assets => "assets",
            Table::Links => "links",
            Table::Shares => "shares",
        }
    }
}

/// One JSON inventory file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile<'a> {
    /// Must be `vendorgraph/1`.
    #[serde(borrow, default)]
    pub format: Option<Cow<'a, str>>,
    /// The JSON Schema an editor checks the file against (`vendorgraph schema`); ignored.
    #[serde(rename = "$schema", borrow, default)]
    pub schema: Option<Cow<'a, str>>,
    /// Supplier rows.
    #[serde(borrow, default)]
    pub suppliers: Vec<RawSupplier<'a>>,
    /// Operator rows.
    #[serde(borrow, default)]
    pub operators: Vec<RawOperator<'a>>,
    /// Asset rows.
    #[serde(borrow, default)]
    pub assets: Vec<RawAsset<'a>>,
    /// Link rows.
    #[serde(borrow, default)]
    pub links: Vec<RawLink<'a>>,
    /// Share rows (share-level data).
    #[serde(borrow, default)]
    pub shares: Vec<RawShare<'a>>,
}

/// A supplier row.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSupplier<'a> {
    #[serde(borrow, default)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub country: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub risk: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub group: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Option<Cow<'a, str>>,
}

/// An operator row.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOperator<'a> {
    #[serde(borrow, default)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub country: Option<Cow<'a, str>>,
    #[serde(default)]
    pub subscribers: Option<u64>,
    #[serde(borrow, default)]
    pub source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Option<Cow<'a, str>>,
}

/// An asset row.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAsset<'a> {
    #[serde(borrow, default)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub operator: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub function: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub supplier: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub domain: Option<Cow<'a, str>>,
    #[serde(default)]
    pub weight: Option<f64>,
    #[serde(borrow, default)]
    pub generation: Option<Cow<'a, str>>,
    #[serde(default)]
    pub sensitive: Option<bool>,
    #[serde(borrow, default)]
    pub location: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub site: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub region: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Option<Cow<'a, str>>,
}

/// A link row.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink<'a> {
    #[serde(borrow, default)]
    pub from: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub to: Option<Targets<'a>>,
    #[serde(borrow, default)]
    pub kind: Option<Cow<'a, str>>,
    #[serde(default)]
    pub need: Option<u64>,
    #[serde(borrow, default)]
    pub interface: Option<Cow<'a, str>>,
    #[serde(default)]
    pub open: Option<bool>,
    #[serde(borrow, default)]
    pub source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Option<Cow<'a, str>>,
}

/// A share row: one supplier's part of an operator's domain, as a `share` or a `weight`.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShare<'a> {
    #[serde(borrow, default)]
    pub operator: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub domain: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub supplier: Option<Cow<'a, str>>,
    #[serde(default)]
    pub share: Option<f64>,
    #[serde(default)]
    pub weight: Option<f64>,
    #[serde(borrow, default)]
    pub generation: Option<Cow<'a, str>>,
    #[serde(default)]
    pub sensitive: Option<bool>,
    #[serde(borrow, default)]
    pub source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Option<Cow<'a, str>>,
}

/// The `to` of a link: one id or a list of alternatives, as written.
#[derive(Debug, Default, PartialEq)]
pub struct Targets<'a>(pub Vec<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Targets<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TargetsVisitor;
        impl<'de> Visitor<'de> for TargetsVisitor {
            type Value = Targets<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an asset id or a list of asset ids")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Targets(vec![Cow::Borrowed(v)]))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Targets(vec![Cow::Owned(v.to_owned())]))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Targets(vec![Cow::Owned(v)]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(2));
                while let Some(BorrowedCow(s)) = seq.next_element()? {
                    out.push(s);
                }
                Ok(Targets(out))
            }
        }
        d.deserialize_any(TargetsVisitor)
    }
}

/// A string element that borrows when it can.
struct BorrowedCow<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for BorrowedCow<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BorrowedCow<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an asset id")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(BorrowedCow(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(BorrowedCow(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(BorrowedCow(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// One row of any table, built one at a time (CSV and workbook rows).
pub(crate) enum RawRow<'a> {
    Supplier(RawSupplier<'a>),
    Operator(RawOperator<'a>),
    Asset(RawAsset<'a>),
    Link(RawLink<'a>),
    Share(RawShare<'a>),
}

impl<'a> RawRow<'a> {
    /// Appends the row to its table.
    pub(crate) fn push(self, raw: &mut RawFile<'a>) {
        match self {
            RawRow::Supplier(r) => raw.suppliers.push(r),
            RawRow::Operator(r) => raw.operators.push(r),
            RawRow::Asset(r) => raw.assets.push(r),
            RawRow::Link(r) => raw.links.push(r),
            RawRow::Share(r) => raw.shares.push(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_accept_a_string_or_a_list_and_borrow() {
        let l: RawLink = serde_json::from_str(r#"{"from":"a","to":"b","kind":"runs_on"}"#).unwrap();
        assert_eq!(l.to.unwrap().0, vec!["b"]);
        let l: RawLink = serde_json::from_str(r#"{"from":"a","to":["b","c"]}"#).unwrap();
        let t = l.to.unwrap().0;
        assert!(matches!(t[0], Cow::Borrowed(_)));
        assert_eq!(t, vec!["b", "c"]);
        assert!(serde_json::from_str::<RawLink>(r#"{"to":3}"#).is_err());
    }
}
