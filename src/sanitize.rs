//! Text from the data made safe for a terminal, a Markdown document or a CSV cell.
//!
//! An inventory, policy or scenario file can hold any Unicode text, terminal escape sequences
//! included (ESC, OSC titles, BEL, CSI). Every writer of human-facing text (tables, Markdown,
//! CSV cells, diagnostics on standard error) passes data through [`escape_controls`]; JSON
//! keeps the text exact, as JSON escaping already makes it safe.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must not reach a terminal raw: C0 controls (newline and tab included:
/// a name is one line), DEL, C1 controls, and the Unicode bidirectional overrides and
/// isolates that can reorder what a reader sees.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text with every unsafe character shown as a Rust-style escape (`\u{1b}`); borrowed,
/// with no allocation, when there is nothing to escape.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            escape_controls("Deutsche Telekom"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_are_shown_escaped() {
        assert_eq!(
            escape_controls("a\u{1b}]0;pwned\u{7}b\u{1b}[31mc"),
            "a\\u{1b}]0;pwned\\u{7}b\\u{1b}[31mc"
        );
        assert_eq!(
            escape_controls("x\ny\u{7f}\u{9b}"),
            "x\\u{a}y\\u{7f}\\u{9b}"
        );
        assert_eq!(escape_controls("\u{202e}abc"), "\\u{202e}abc");
    }

    #[test]
    fn non_ascii_letters_are_kept() {
        assert_eq!(escape_controls("Orange España ñ 中"), "Orange España ñ 中");
    }
}
