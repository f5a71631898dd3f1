//! The questionnaire as CSV files: one file per table (header and example row) and
//! `README.csv`, which explains every column (a directory input ignores it).

use std::io;

use crate::export::{CsvWriter, Table, write_rows};
use crate::model::Inventory;

use super::columns::columns;
use super::example::example_row;

/// The file that explains the columns.
pub const README_CSV: &str = "README.csv";

/// The questionnaire's CSV files, name and bytes: `suppliers.csv`, `operators.csv`,
/// `assets.csv`, `links.csv`, then `README.csv`. With an inventory, its rows fill the
/// tables instead of the example rows.
///
/// # Errors
/// None in practice (the files are written in memory).
pub fn template_csv(prefill: Option<&Inventory>) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for table in Table::ALL {
        let mut out = CsvWriter::new(table, Vec::new())?;
        match prefill {
            Some(inv) => write_rows(inv, table, &mut out)?,
            None => example_row(table, &mut out)?,
        }
        files.push((table.csv_file_name(), out.finish()?));
    }
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(["table", "column", "required", "what to write", "values"])?;
    for table in Table::ALL {
        for name in table.columns() {
            let Some(c) = columns(table).iter().find(|c| c.name == *name) else {
                continue;
            };
            let required = if c.required { "yes" } else { "" };
            let values = c.values.describe();
            out.write_record([table.name(), c.name, required, c.meaning, &values])?;
        }
    }
    out.flush()?;
    let readme = out
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    files.push((README_CSV.to_owned(), readme));
    Ok(files)
}
