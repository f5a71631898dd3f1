//! The rows of a validated inventory: what it holds, less what the format implies.

use std::io;

use crate::model::{Asset, Inventory, Link, Operator, Provenance, Supplier};
use crate::vocab;

use super::row::{AssetRow, LinkRow, OperatorRow, Row, ShareRow, SupplierRow, Table, Targets};

/// What takes rows one by one: the CSV and the workbook writers.
pub trait RowSink {
    /// Takes one row.
    ///
    /// # Errors
    /// An I/O error of the writer.
    fn row<R: Row>(&mut self, row: &R) -> io::Result<()>;
}

/// Gives every row of one table of `inv` to `sink`, in the inventory's order.
///
/// # Errors
/// The first error of the sink.
pub fn write_rows(inv: &Inventory, table: Table, sink: &mut impl RowSink) -> io::Result<()> {
    match table {
        Table::Suppliers => supplier_rows(inv).try_for_each(|r| sink.row(&r)),
        Table::Operators => inv
            .operators
            .iter()
            .try_for_each(|o| sink.row(&operator_row(o))),
        Table::Assets => inv
            .assets
            .iter()
            .filter(|a| !a.share)
            .try_for_each(|a| sink.row(&asset_row(inv, a))),
        Table::Links => inv
            .links
            .iter()
            .try_for_each(|l| sink.row(&link_row(inv, l))),
        Table::Shares => inv
            .assets
            .iter()
            .filter(|a| a.share)
            .try_for_each(|a| sink.row(&share_row(inv, a))),
    }
}

/// The supplier rows of an inventory, in its order (by id).
pub fn supplier_rows(inv: &Inventory) -> impl Iterator<Item = SupplierRow<'_>> {
    inv.suppliers.iter().map(|s| supplier_row(inv, s))
}

/// The row of a supplier of `inv`.
pub fn supplier_row<'a>(inv: &'a Inventory, s: &'a Supplier) -> SupplierRow<'a> {
    SupplierRow {
        id: &s.id,
        name: s.name.as_deref(),
        country: s.country.as_str(),
        risk: s.risk,
        group: s.group.map(|g| &*inv.supplier(g).id),
        source: s.provenance.source.as_deref(),
        notes: s.provenance.notes.as_deref(),
    }
}

/// The row of an operator.
pub fn operator_row(o: &Operator) -> OperatorRow<'_> {
    OperatorRow {
        id: &o.id,
        name: o.name.as_deref(),
        country: o.country.as_str(),
        subscribers: o.subscribers,
        source: o.provenance.source.as_deref(),
        notes: o.provenance.notes.as_deref(),
    }
}

/// The row of an asset of `inv`: the domain and the generation are left out when the
/// function implies them.
pub fn asset_row<'a>(inv: &'a Inventory, a: &'a Asset) -> AssetRow<'a> {
    let function = inv.function_name(a.function);
    let domain = inv.domain_name(a.domain);
    let info = vocab::function_info(function);
    let text = a.text.as_deref();
    let prov = text.map(|t| &t.provenance);
    AssetRow {
        id: &a.id,
        operator: &inv.operator(a.operator).id,
        function,
        supplier: &inv.supplier(a.supplier).id,
        domain: (info.map(|i| i.domain) != Some(domain)).then_some(domain),
        weight: Some(a.weight),
        generation: a
            .generation
            .filter(|g| info.and_then(|i| i.generation) != Some(*g)),
        sensitive: a.sensitive,
        name: text.and_then(|t| t.name.as_deref()),
        location: a.location.as_ref().map(|c| c.as_str()),
        site: text.and_then(|t| t.site.as_deref()),
        region: inv.region(a),
        source: prov.and_then(|p| p.source.as_deref()),
        notes: prov.and_then(|p| p.notes.as_deref()),
    }
}

/// The row of a link of `inv`: `open` is left out when it is the kind's default.
pub fn link_row<'a>(inv: &'a Inventory, l: &'a Link) -> LinkRow<'a> {
    let Provenance { source, notes } = l.provenance();
    LinkRow {
        from: &inv.asset(l.from).id,
        to: Targets::Assets(inv, inv.targets(l)),
        kind: l.kind,
        need: Some(l.need),
        interface: inv.interface(l),
        open: (l.open != l.kind.open_by_default()).then_some(l.open),
        source: source.as_deref(),
        notes: notes.as_deref(),
    }
}

/// The row of an asset of `inv` that stands for a share row ([`Asset::share`]), with its
/// weight.
pub fn share_row<'a>(inv: &'a Inventory, a: &'a Asset) -> ShareRow<'a> {
    let prov = a.text.as_deref().map(|t| &t.provenance);
    ShareRow {
        operator: &inv.operator(a.operator).id,
        domain: inv.domain_name(a.domain),
        supplier: &inv.supplier(a.supplier).id,
        share: None,
        weight: Some(a.weight),
        generation: a.generation,
        sensitive: a.sensitive,
        source: prov.and_then(|p| p.source.as_deref()),
        notes: prov.and_then(|p| p.notes.as_deref()),
    }
}
