//! The workbook form: one sheet per table, named after it, whose first row is the header
//! of every column of [`Table::columns`] (bold, frozen), then one row per row.
//!
//! Cells are typed as the format reads them back (`inventory/xlsx.rs`): ids and every other
//! string as text (so an id `001` stays `001`), weights and counts as numbers (a count
//! above 2^53, which a spreadsheet number cannot hold exactly, as text), booleans as
//! booleans, the targets of a link as one text cell separated by `|`. An absent field is an
//! empty cell. The workbook's creation time is fixed: the bytes are a pure function of the
//! rows.

use std::io;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::model::Inventory;

use super::model_rows::{RowSink, write_rows};
use super::row::{Cell, Row, Table};

/// The largest integer that a spreadsheet number cell holds exactly (2^53).
const EXACT_INTEGER: u64 = 1 << 53;

/// A workbook being written: sheets added one by one, bytes at the end.
pub struct XlsxWriter {
    workbook: Workbook,
    header: Format,
}

impl Default for XlsxWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XlsxWriter {
    /// An empty workbook with a fixed creation time (2000-01-01), so that its bytes depend
    /// on its content only.
    pub fn new() -> Self {
        let mut workbook = Workbook::new();
        let created = ExcelDateTime::from_ymd(2000, 1, 1).expect("a valid date");
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        XlsxWriter {
            workbook,
            header: Format::new().set_bold(),
        }
    }

    /// The workbook, to add sheets of other kinds (the template's explanations).
    pub fn workbook(&mut self) -> &mut Workbook {
        &mut self.workbook
    }

    /// Adds the sheet of a table: named after it, its header row written, bold and frozen.
    /// Rows are then written with [`TableSheet::row`].
    ///
    /// # Errors
    /// A sheet of that name exists already.
    pub fn table(&mut self, table: Table) -> io::Result<TableSheet<'_>> {
        let header = self.header.clone();
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(table.name()).map_err(xlsx_error)?;
        for (col, name) in table.columns().iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *name, &header)
                .map_err(xlsx_error)?;
            sheet
                .set_column_width(col as u16, column_width(table, name))
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        Ok(TableSheet {
            table,
            sheet,
            next: 1,
        })
    }

    /// Adds a sheet per table holding the rows of `inv`.
    ///
    /// # Errors
    /// A cell Excel cannot hold (a text longer than 32,767 characters) or a table of more
    /// than 1,048,575 rows.
    pub fn inventory(&mut self, inv: &Inventory) -> io::Result<()> {
        for table in Table::ALL {
            let mut sheet = self.table(table)?;
            write_rows(inv, table, &mut sheet)?;
        }
        Ok(())
    }

    /// The bytes of the `.xlsx` file.
    ///
    /// # Errors
    /// The workbook cannot be assembled.
    pub fn finish(mut self) -> io::Result<Vec<u8>> {
        self.workbook.save_to_buffer().map_err(xlsx_error)
    }
}

/// The sheet of one table, written row by row.
pub struct TableSheet<'w> {
    table: Table,
    sheet: &'w mut Worksheet,
    /// The 0-based index of the next row.
    next: u32,
}

impl TableSheet<'_> {
    /// The worksheet, to add what the template adds (validation, notes).
    pub fn worksheet(&mut self) -> &mut Worksheet {
        self.sheet
    }

    /// The 0-based index of the next row to be written (1 before any row: the header is 0).
    pub fn next_row(&self) -> u32 {
        self.next
    }

    /// Writes one row below the last.
    ///
    /// # Errors
    /// A cell Excel cannot hold, or the sheet is full.
    pub fn row<R: Row>(&mut self, row: &R) -> io::Result<()> {
        debug_assert_eq!(self.table, R::TABLE, "row of another table");
        let r = self.next;
        for col in 0..R::TABLE.columns().len() {
            write_cell(self.sheet, r, col as u16, row.cell(col)).map_err(xlsx_error)?;
        }
        self.next += 1;
        Ok(())
    }
}

impl RowSink for TableSheet<'_> {
    fn row<R: Row>(&mut self, row: &R) -> io::Result<()> {
        TableSheet::row(self, row)
    }
}

/// Writes an inventory as a workbook (see the module documentation) and gives its bytes.
///
/// # Errors
/// A cell Excel cannot hold, or a table too long for a sheet.
pub fn to_xlsx(inv: &Inventory) -> io::Result<Vec<u8>> {
    let mut w = XlsxWriter::new();
    w.inventory(inv)?;
    w.finish()
}

/// Writes an inventory as the workbook `path` (replacing it).
///
/// # Errors
/// As [`to_xlsx`], or an I/O error, with the path it concerns.
pub fn write_xlsx(inv: &Inventory, path: &Path) -> io::Result<()> {
    let bytes = to_xlsx(inv)?;
    std::fs::write(path, bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: Cell<'_>) -> Result<(), XlsxError> {
    match cell {
        Cell::Absent => {}
        Cell::Str(s) => {
            sheet.write_string(row, col, s)?;
        }
        Cell::UInt(n) if n <= EXACT_INTEGER => {
            sheet.write_number(row, col, n as f64)?;
        }
        Cell::UInt(n) => {
            sheet.write_string(row, col, n.to_string())?;
        }
        Cell::Num(x) if x.is_finite() => {
            sheet.write_number(row, col, x)?;
        }
        Cell::Num(_) => {}
        Cell::Bool(b) => {
            sheet.write_boolean(row, col, b)?;
        }
        Cell::Targets(t) => {
            let joined = (0..t.len()).map(|i| t.get(i)).collect::<Vec<_>>().join("|");
            sheet.write_string(row, col, joined)?;
        }
    }
    Ok(())
}

/// A width that shows a typical value of the column without hiding the next.
fn column_width(table: Table, column: &str) -> f64 {
    match (table, column) {
        (_, "source" | "notes") => 40.0,
        (_, "name") => 24.0,
        (Table::Links, "to") => 30.0,
        (_, "id" | "from" | "operator" | "supplier" | "function") => 18.0,
        _ => 12.0,
    }
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("failed to write the workbook: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_rows_give_the_same_bytes() {
        let one = XlsxWriter::new().finish().unwrap();
        let two = XlsxWriter::new().finish().unwrap();
        assert_eq!(one, two);
        assert!(one.starts_with(b"PK"));
    }
}
