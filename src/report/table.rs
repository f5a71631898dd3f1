//! Terminal tables shared by the text reports: the project's style, fitted to the terminal
//! of [`super::term`] when it has a width.

use std::fmt;
use std::ops::{Deref, DerefMut};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};

pub use super::fmt::{num, opt_pct, pct};
use super::term::{current, display_width};

/// A table of a text report: a comfy-table [`Table`] (rows are added through it) that, when
/// printed for a terminal with a width, wraps its cells to fit and leaves out its last
/// columns with a note when wrapping is not enough; never a grid wider than the terminal
/// unless one column alone is.
#[derive(Clone, Debug)]
pub struct Grid {
    table: Table,
    header: Vec<String>,
}

/// A table with the project's style and the given header.
pub fn new_table(header: &[&str]) -> Grid {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().copied());
    Grid {
        table: t,
        header: header.iter().map(|h| (*h).to_owned()).collect(),
    }
}

impl Deref for Grid {
    type Target = Table;
    fn deref(&self) -> &Table {
        &self.table
    }
}

impl DerefMut for Grid {
    fn deref_mut(&mut self) -> &mut Table {
        &mut self.table
    }
}

impl fmt::Display for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(width) = current().width else {
            return write!(f, "{}", self.table);
        };
        let (text, left_out) = self.fitted(width);
        write!(f, "{text}")?;
        if !left_out.is_empty() {
            write!(
                f,
                "\n  (left out to fit {width} columns: {}; --format markdown has them)",
                left_out.join(", ")
            )?;
        }
        Ok(())
    }
}

/// A wrapped column is never narrower than its longest word, up to this many characters
/// (a longer word is split): narrower columns are left out instead.
const MIN_COLUMN: usize = 12;

impl Grid {
    /// The table wrapped to `width`, and the headers of the columns left out (the last
    /// ones) when wrapping every column down to its readable minimum is not enough.
    fn fitted(&self, width: usize) -> (String, Vec<String>) {
        let mins = self.min_widths();
        // Each column takes its content and a space either side, plus one border.
        let need = |n: usize| -> usize { 1 + mins[..n].iter().map(|w| w + 3).sum::<usize>() };
        let mut shown = mins.len();
        while shown > 1 && need(shown) > width {
            shown -= 1;
        }
        let mut t = self.table.clone();
        t.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(width).unwrap_or(u16::MAX));
        for (i, w) in mins.iter().enumerate() {
            if let Some(c) = t.column_mut(i) {
                // comfy-table's widths count the padding, one space either side.
                c.set_constraint(if i < shown {
                    ColumnConstraint::LowerBoundary(Width::Fixed(
                        u16::try_from(*w + 2).unwrap_or(u16::MAX),
                    ))
                } else {
                    ColumnConstraint::Hidden
                });
            }
        }
        (t.to_string(), self.header[shown..].to_vec())
    }

    /// Per column, the width of its longest word (header and cells), at most [`MIN_COLUMN`].
    fn min_widths(&self) -> Vec<usize> {
        let mut mins: Vec<usize> = self.header.iter().map(|h| longest_word(h)).collect();
        for row in self.table.row_iter() {
            for (i, cell) in row.cell_iter().enumerate() {
                if let Some(m) = mins.get_mut(i) {
                    *m = (*m).max(longest_word(&cell.content()));
                }
            }
        }
        mins.iter().map(|m| (*m).clamp(1, MIN_COLUMN)).collect()
    }
}

fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(display_width)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::term::{Term, with};

    fn sample() -> Grid {
        let mut t = new_table(&["operator", "country", "worst single outage", "exposure"]);
        t.add_row(vec![
            "de-1",
            "DE",
            "huawei 100.0% of the service units",
            "55.2%",
        ]);
        t.add_row(vec!["fr-2", "FR", "nokia 12.5%", "0.0%"]);
        t
    }

    #[test]
    fn without_a_width_the_table_keeps_its_natural_width() {
        let natural = sample().table.to_string();
        assert_eq!(sample().to_string(), natural);
        assert!(natural.lines().any(|l| display_width(l) > 60));
    }

    #[test]
    fn a_narrow_terminal_wraps_cells_and_keeps_the_grid() {
        let text = with(Term { width: Some(60) }, || sample().to_string());
        let widths: Vec<usize> = text.lines().map(display_width).collect();
        assert!(widths.iter().all(|w| *w <= 60), "{text}");
        // Every line of the grid has the same width: never a broken grid.
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{text}");
        assert!(text.contains("exposure"), "{text}");
    }

    #[test]
    fn a_very_narrow_terminal_leaves_out_the_last_columns_with_a_note() {
        let text = with(Term { width: Some(30) }, || sample().to_string());
        let (grid, note) = text.split_once("\n  (").expect("a note");
        assert!(grid.lines().all(|l| display_width(l) <= 30), "{text}");
        assert!(note.contains("left out to fit 30 columns"), "{text}");
        assert!(note.contains("exposure"), "{text}");
        assert!(grid.contains("operator"), "{text}");
    }
}
