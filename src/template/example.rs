//! The example row of each sheet of the questionnaire: together they are a small valid
//! inventory (a supplier, an operator, a base station, the AMF it connects to), so that a
//! template scans as it is. Every id starts with `example-`: delete these rows, or write over
//! them, before sending the questionnaire back.

use std::io;

use crate::export::{
    AssetRow, LinkRow, OperatorRow, RowSink, ShareRow, SupplierRow, Table, Targets,
};
use crate::vocab::{LinkKind, Risk, function};

/// The note of every example row.
pub const EXAMPLE_NOTE: &str = "example row: replace it with your own rows, or delete it";

/// The prefix of every id of an example row.
pub const EXAMPLE_PREFIX: &str = "example-";

/// Gives the example row of a table to `sink`.
///
/// # Errors
/// An I/O error of the sink.
pub fn example_row(table: Table, sink: &mut impl RowSink) -> io::Result<()> {
    match table {
        Table::Suppliers => sink.row(&SupplierRow {
            id: "example-supplier",
            name: Some("Example Networks"),
            country: "SE",
            risk: Risk::Low,
            notes: Some(EXAMPLE_NOTE),
            ..SupplierRow::default()
        }),
        Table::Operators => sink.row(&OperatorRow {
            id: "example-operator",
            name: Some("Example Mobile"),
            country: "DE",
            subscribers: Some(1_000_000),
            source: Some("questionnaire 2026"),
            notes: Some(EXAMPLE_NOTE),
        }),
        Table::Assets => {
            sink.row(&AssetRow {
                id: "example-gnb-1",
                operator: "example-operator",
                function: function::GNB,
                supplier: "example-supplier",
                weight: Some(3.0),
                site: Some("Berlin Mitte"),
                region: Some("Berlin"),
                notes: Some(EXAMPLE_NOTE),
                ..AssetRow::default()
            })?;
            sink.row(&AssetRow {
                id: "example-amf-1",
                operator: "example-operator",
                function: function::AMF,
                supplier: "example-supplier",
                notes: Some(EXAMPLE_NOTE),
                ..AssetRow::default()
            })
        }
        Table::Links => sink.row(&LinkRow {
            interface: Some("N2"),
            notes: Some(EXAMPLE_NOTE),
            ..LinkRow::new(
                "example-gnb-1",
                Targets::Strs(&["example-amf-1"]),
                LinkKind::ConnectsTo,
            )
        }),
        Table::Shares => sink.row(&ShareRow {
            operator: "example-operator",
            domain: "transport",
            supplier: "example-supplier",
            share: Some(1.0),
            notes: Some(EXAMPLE_NOTE),
            ..ShareRow::default()
        }),
    }
}
