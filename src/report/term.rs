//! The terminal a text report is drawn for: how wide its tables may be.
//!
//! The command line decides (the `COLUMNS` variable, else the terminal's width, else none)
//! and renders inside [`with`]; every table of [`super::table::new_table`] drawn inside it
//! fits that width: cells wrap, and when even wrapped cells do not fit, the last columns
//! are left out with a note. Without a width (output to a pipe or a file), tables are drawn
//! at their natural width, as before. The setting is per thread and only for the call.

use std::cell::Cell;

/// What the text renderers know about the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Term {
    /// The number of columns tables must fit in; `None`: no limit.
    pub width: Option<usize>,
}

thread_local! {
    static CURRENT: Cell<Term> = const { Cell::new(Term { width: None }) };
}

/// Runs `render` with `term` as the terminal of every table it draws, then restores the one
/// before.
pub fn with<R>(term: Term, render: impl FnOnce() -> R) -> R {
    let before = CURRENT.with(|c| c.replace(term));
    let out = render();
    CURRENT.with(|c| c.set(before));
    out
}

/// The terminal the current rendering is for.
pub(crate) fn current() -> Term {
    CURRENT.with(Cell::get)
}

/// The width `text` takes on a terminal (wide characters count two).
pub(crate) fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Marks every `DENY` and `REGRESSION` of a rendered text in red (ANSI), for a terminal
/// that takes colour; widths are unchanged (escape sequences take no column).
pub fn paint(text: &str) -> String {
    let mut out = text.to_owned();
    for word in ["DENY", "REGRESSION"] {
        out = out.replace(word, &format!("\u{1b}[31m{word}\u{1b}[0m"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_is_scoped_to_the_call() {
        assert_eq!(current().width, None);
        let inner = with(Term { width: Some(60) }, || current().width);
        assert_eq!(inner, Some(60));
        assert_eq!(current().width, None);
        assert_eq!(paint("a DENY b"), "a \u{1b}[31mDENY\u{1b}[0m b");
        assert_eq!(display_width("ab│"), 3);
    }
}
