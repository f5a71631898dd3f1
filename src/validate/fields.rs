//! Checks of fields that several tables share: ids, countries and references.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::diagnostics::Code;
use crate::inventory::{Site, Sym};
use crate::model::Country;
use crate::vocab;

use super::validator::Validator;

impl<'r> Validator<'r> {
    /// Checks a required id field: present and well formed.
    pub(super) fn id(
        &mut self,
        site: Site,
        field: &'static str,
        what: &str,
        v: Option<Sym>,
    ) -> Option<Sym> {
        match self.opt(v) {
            None | Some("") => {
                self.err(
                    site.at(field),
                    Code::MissingField,
                    format!("{what} has no \"{field}\""),
                );
                None
            }
            Some(s) if !vocab::is_valid_id(s) => {
                self.err(
                    site.at(field),
                    Code::BadId,
                    format!(
                        "invalid id \"{}\": ids are 1 to 128 characters of A-Z a-z 0-9 . _ : -",
                        shorten(s)
                    ),
                );
                None
            }
            Some(_) => v,
        }
    }

    pub(super) fn country(
        &mut self,
        site: Site,
        field: &'static str,
        what: &Named<'_>,
        v: Option<Sym>,
        required: bool,
    ) -> Option<Country> {
        match self.opt(v) {
            None if required => {
                self.err(
                    site.at(field),
                    Code::MissingField,
                    format!("{what} has no \"{field}\""),
                );
                None
            }
            None => None,
            // ISO codes in any case (`de` is `DE`).
            Some(c) => match vocab::read_country(c) {
                Some(iso) => Some(Country::new(iso)),
                None => self.country_not_iso(site, field, what, c),
            },
        }
    }

    /// A country that is not an ISO code: the EU's own code of a country (read as its ISO
    /// code, with a warning), or an error with the country most likely meant.
    fn country_not_iso(
        &mut self,
        site: Site,
        field: &'static str,
        what: &Named<'_>,
        c: &str,
    ) -> Option<Country> {
        if let Some(iso) = vocab::country_alias(c) {
            self.err(
                site.at(field),
                Code::CountryAlias,
                format!("{what} has {field} \"{c}\", the EU's code for the ISO 3166-1 code \"{iso}\": read as \"{iso}\""),
            );
            return Some(Country::new(iso));
        }
        let hint = vocab::suggest_country(c)
            .map_or(String::new(), |iso| format!(" (did you mean \"{iso}\"?)"));
        self.err(
            site.at(field),
            Code::BadCountry,
            format!(
                "{what} has {field} \"{}\", which is not an ISO 3166-1 alpha-2 code{hint}",
                shorten(c)
            ),
        );
        None
    }

    pub(super) fn reference<T: Copy>(
        &mut self,
        site: Site,
        field: &'static str,
        what: &Named<'_>,
        v: Option<Sym>,
        valid: &FxHashMap<Sym, T>,
        defined: &FxHashMap<Sym, Site>,
    ) -> Option<T> {
        match v.map(|sym| (sym, self.s(sym))) {
            None | Some((_, "")) => {
                self.err(
                    site.at(field),
                    Code::MissingField,
                    format!("{what} has no \"{field}\""),
                );
                None
            }
            Some((sym, s)) => valid.get(&sym).copied().or_else(|| {
                // A row that is defined but has its own error is not reported twice.
                if !defined.contains_key(&sym) {
                    self.err(
                        site.at(field),
                        Code::DanglingReference,
                        format!("{what} refers to unknown {field} \"{}\"", shorten(s)),
                    );
                }
                None
            }),
        }
    }
}

/// Names a row in messages (`asset "x"`), formatted only when a message is written.
pub(super) struct Named<'a>(pub(super) &'static str, pub(super) &'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \"{}\"", self.0, self.1)
    }
}

/// Quotes long values by their start only, so that a message stays one line.
pub(super) fn shorten(s: &str) -> Cow<'_, str> {
    const MAX: usize = 80;
    let escaped: String = s.chars().flat_map(char::escape_debug).collect();
    if escaped.len() <= MAX && escaped == s {
        return Cow::Borrowed(s);
    }
    let mut end = MAX.min(escaped.len());
    while !escaped.is_char_boundary(end) {
        end -= 1;
    }
    if end < escaped.len() {
        Cow::Owned(format!("{}...", &escaped[..end]))
    } else {
        Cow::Owned(escaped)
    }
}
