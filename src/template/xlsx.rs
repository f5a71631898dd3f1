//! The questionnaire as a workbook: a first sheet that explains every column, one sheet per
//! table (header frozen, an example row, a drop-down list on every column with a
//! vocabulary), and a hidden sheet holding the lists.

use std::io;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Formula, Worksheet,
    XlsxError,
};

use crate::export::{Table, XlsxWriter, write_rows};
use crate::inventory::column_letters;
use crate::model::Inventory;
use crate::vocab::{self, LinkKind};

use super::columns::{Column, Values, columns, link_kind_meaning, table_purpose};
use super::example::{EXAMPLE_PREFIX, example_row};

/// The name of the sheet that explains the columns.
pub const README_SHEET: &str = "README";

/// The name of the hidden sheet that holds the drop-down lists.
const LISTS_SHEET: &str = "lists";

/// The last row a validation covers (Excel's last row, 0-based).
const LAST_ROW: u32 = 1_048_575;

/// The lists of the drop-downs, one column each on the lists sheet.
const LISTED: [Values; 5] = [
    Values::Function,
    Values::Domain,
    Values::LinkKind,
    Values::Risk,
    Values::Generation,
];

/// Writes the questionnaire workbook and gives its bytes (the same bytes every time). With
/// an inventory, its rows fill the sheets instead of the example rows: the questionnaire
/// pre-filled with what is known (last year's answers).
///
/// # Errors
/// A cell Excel cannot hold, or a table too long for a sheet.
pub fn template_xlsx(prefill: Option<&Inventory>) -> io::Result<Vec<u8>> {
    let mut w = XlsxWriter::new();
    readme(w.workbook().add_worksheet()).map_err(xlsx_error)?;
    for table in Table::ALL {
        let mut sheet = w.table(table)?;
        match prefill {
            Some(inv) => write_rows(inv, table, &mut sheet)?,
            None => {
                example_row(table, &mut sheet)?;
                let examples = sheet.next_row();
                let grey = Format::new().set_italic().set_font_color("#7F7F7F");
                for row in 1..examples {
                    sheet
                        .worksheet()
                        .set_row_format(row, &grey)
                        .map_err(xlsx_error)?;
                }
            }
        }
        validations(sheet.worksheet(), table).map_err(xlsx_error)?;
    }
    lists(w.workbook().add_worksheet()).map_err(xlsx_error)?;
    w.finish()
}

/// The first sheet: how to fill the workbook, then every column of every sheet explained.
fn readme(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(README_SHEET)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (col, width) in [14.0, 14.0, 10.0, 60.0, 50.0].into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    let title = "vendorgraph questionnaire: the suppliers of a 5G network";
    ws.write_string_with_format(0, 0, title, &bold)?;
    let intro = [
        "Fill one sheet per table: suppliers, operators, assets and links. Keep each sheet's first row (the column names) as it is; write one row per line below it.".to_owned(),
        format!("The grey rows below the headers are examples (their ids start with {EXAMPLE_PREFIX}): write over them or delete them."),
        "Cells with a drop-down list take one of its values. Leave a cell empty when you do not know; ids link the sheets: an asset names its operator and supplier by their ids.".to_owned(),
        "Check the filled workbook with: vendorgraph validate FILE.xlsx (every problem is shown with its sheet and cell, such as assets!C12).".to_owned(),
    ];
    let mut r = 2;
    for line in &intro {
        ws.write_string(r, 0, line)?;
        r += 1;
    }
    r += 1;
    for (c, h) in ["sheet", "column", "required", "what to write", "values"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &bold)?;
    }
    r += 1;
    for table in Table::ALL {
        ws.write_string_with_format(r, 0, table.name(), &bold)?;
        ws.write_string_with_format(r, 3, table_purpose(table), &wrap)?;
        r += 1;
        for column in header_columns(table) {
            ws.write_string(r, 1, column.name)?;
            ws.write_string(r, 2, if column.required { "yes" } else { "" })?;
            ws.write_string_with_format(r, 3, column.meaning, &wrap)?;
            ws.write_string_with_format(r, 4, column.values.describe(), &wrap)?;
            r += 1;
        }
    }
    r += 1;
    ws.write_string_with_format(r, 0, "link kinds", &bold)?;
    for (c, h) in ["kind", "meaning", "if to fails, from fails", "default open"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16 + 1, *h, &bold)?;
    }
    r += 1;
    for kind in LinkKind::ALL {
        ws.write_string(r, 1, kind.as_str())?;
        ws.write_string_with_format(r, 2, link_kind_meaning(kind), &wrap)?;
        ws.write_string(r, 3, yes_no(kind.propagates_failure()))?;
        ws.write_string(r, 4, yes_no(kind.open_by_default()))?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, "functions", &bold)?;
    ws.write_string_with_format(r, 1, "domain", &bold)?;
    ws.write_string_with_format(r, 3, "functions (case does not matter)", &bold)?;
    r += 1;
    for domain in vocab::known_domains() {
        ws.write_string(r, 1, domain)?;
        ws.write_string_with_format(r, 3, vocab::domain_functions(domain).join(" "), &wrap)?;
        r += 1;
    }
    Ok(())
}

/// The columns of a table in the order of its header.
fn header_columns(table: Table) -> impl Iterator<Item = &'static Column> {
    table
        .columns()
        .iter()
        .filter_map(move |name| columns(table).iter().find(|c| c.name == *name))
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The hidden sheet of the drop-down lists: one column per vocabulary, a header above.
fn lists(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(LISTS_SHEET)?;
    for (c, values) in LISTED.iter().enumerate() {
        let (list, _) = values.list().unwrap_or_default();
        ws.write_string(0, c as u16, format!("{values:?}").to_lowercase())?;
        for (r, v) in list.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v)?;
        }
    }
    ws.set_hidden(true);
    Ok(())
}

/// The drop-down lists and number checks of a table's sheet, below the header.
fn validations(ws: &mut Worksheet, table: Table) -> Result<(), XlsxError> {
    for (c, name) in table.columns().iter().enumerate() {
        let Some(column) = columns(table).iter().find(|x| x.name == *name) else {
            continue;
        };
        let Some(v) = validation(column)? else {
            continue;
        };
        ws.add_data_validation(1, c as u16, LAST_ROW, c as u16, &v)?;
    }
    Ok(())
}

fn validation(column: &Column) -> Result<Option<DataValidation>, XlsxError> {
    let v = DataValidation::new();
    let v = match column.values {
        Values::Number => v
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_message("a number of 0 or more")?,
        Values::Fraction => v
            .allow_decimal_number(DataValidationRule::Between(0.0, 1.0))
            .set_error_message("a number from 0 to 1")?,
        Values::Count => v
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_message("a whole number")?,
        Values::Boolean => v
            .allow_list_strings(&["true", "false"])?
            .set_error_message("true or false")?,
        values => {
            let Some(i) = LISTED.iter().position(|l| *l == values) else {
                return Ok(None);
            };
            let (list, closed) = values.list().unwrap_or_default();
            let letter = column_letters(i as u32);
            let range = format!("={LISTS_SHEET}!${letter}$2:${letter}${}", list.len() + 1);
            let v = v.allow_list_formula(Formula::new(range));
            if closed {
                v.set_error_message(format!("one of: {}", list.join(", ")))?
            } else {
                // Open vocabularies take other names too: the spreadsheet only warns.
                v.set_error_style(DataValidationErrorStyle::Warning)
                    .set_error_message("not in the list: allowed, but check the spelling")?
            }
        }
    };
    Ok(Some(v))
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("failed to write the workbook: {e}"))
}
