//! The CSV form: one file per table, a header of every column.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::model::Inventory;

use super::model_rows::{RowSink, write_rows};
use super::row::{Cell, Row, Table};

/// Writes one table as CSV, row by row: a header of every column of [`Table::columns`],
/// then one record per row, an empty cell for an absent field, link targets separated by
/// `|`, CRLF line ends. Cells are kept exact (quoted when they hold a comma, a quote or a
/// line break); the loader trims spaces at the ends of cells and reads an empty cell as
/// absent, so only such values do not round-trip.
pub struct CsvWriter<W: Write> {
    table: Table,
    w: csv::Writer<W>,
    record: Vec<String>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a table: writes its header.
    ///
    /// # Errors
    /// An I/O error of `w`.
    pub fn new(table: Table, w: W) -> io::Result<Self> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        w.write_record(table.columns()).map_err(io::Error::other)?;
        Ok(CsvWriter {
            table,
            w,
            record: Vec::new(),
        })
    }

    /// Writes one row.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn row<R: Row>(&mut self, row: &R) -> io::Result<()> {
        debug_assert_eq!(self.table, R::TABLE, "row of another table");
        self.record.clear();
        for i in 0..R::TABLE.columns().len() {
            self.record.push(csv_cell(row.cell(i)));
        }
        self.w.write_record(&self.record).map_err(io::Error::other)
    }

    /// Flushes the table and gives the writer back.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn finish(self) -> io::Result<W> {
        self.w
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

impl<W: Write> RowSink for CsvWriter<W> {
    fn row<R: Row>(&mut self, row: &R) -> io::Result<()> {
        CsvWriter::row(self, row)
    }
}

fn csv_cell(cell: Cell<'_>) -> String {
    match cell {
        Cell::Absent => String::new(),
        Cell::Str(s) => s.to_owned(),
        Cell::UInt(n) => n.to_string(),
        Cell::Num(x) if x.is_finite() => x.to_string(),
        Cell::Num(_) => String::new(),
        Cell::Bool(b) => b.to_string(),
        Cell::Targets(t) => (0..t.len()).map(|i| t.get(i)).collect::<Vec<_>>().join("|"),
    }
}

/// Writes one table of an inventory as CSV (a header even when the table is empty).
///
/// # Errors
/// An I/O error of `w`.
pub fn write_csv(inv: &Inventory, table: Table, w: impl Write) -> io::Result<()> {
    let mut out = CsvWriter::new(table, w)?;
    write_rows(inv, table, &mut out)?;
    out.finish()?.flush()
}

/// The tables that a CSV copy of `inv` has: the four always, `shares` when it has share rows.
pub fn csv_tables(inv: &Inventory) -> impl Iterator<Item = Table> {
    let has_shares = inv.assets.iter().any(|a| a.share);
    Table::ALL
        .into_iter()
        .filter(move |&t| t != Table::Shares || has_shares)
}

/// Writes an inventory as the four CSV files `suppliers.csv`, `operators.csv`,
/// `assets.csv` and `links.csv` in `dir` (which must exist), replacing files of those
/// names, and `shares.csv` when it has share rows. A directory input loads them back.
///
/// # Errors
/// An I/O error, with the file it concerns.
pub fn write_csv_dir(inv: &Inventory, dir: &Path) -> io::Result<()> {
    for table in csv_tables(inv) {
        let path = dir.join(table.csv_file_name());
        let with_path = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        let file = File::create(&path).map_err(with_path)?;
        write_csv(inv, table, BufWriter::new(file)).map_err(with_path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{LinkRow, Targets};
    use crate::vocab::LinkKind;

    #[test]
    fn csv_has_every_column_and_quotes_what_needs_it() {
        let mut w = CsvWriter::new(Table::Links, Vec::new()).unwrap();
        w.row(&LinkRow {
            from: "a",
            to: Targets::Strs(&["b", "c"]),
            kind: LinkKind::ManagedBy,
            need: None,
            interface: Some("Itf-N"),
            open: Some(true),
            source: None,
            notes: Some("say \"hi\", twice"),
        })
        .unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "from,to,kind,need,interface,open,source,notes\r\n\
             a,b|c,managed_by,,Itf-N,true,,\"say \"\"hi\"\", twice\"\r\n"
        );
    }
}
