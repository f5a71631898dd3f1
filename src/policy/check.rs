//! The check of a policy against the inventory it judges: every supplier, operator and asset
//! id it names must be one the inventory holds.
//!
//! An unknown id would otherwise be silently ignored: `high_risk_suppliers = ["Huawei"]`
//! against an inventory whose id is `huawei` designates nobody and drops every finding that
//! designation should give.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Inventory;
use crate::sanitize::escape_controls;
use crate::vocab;

use super::file::{IdKind, Policy};

/// Every id that the policy names and the inventory does not hold, located where the policy
/// file names it, with the closest id of the inventory as a hint.
pub fn check_ids(policy: &Policy, inv: &Inventory) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for r in &policy.ids {
        let (code, what, ids): (_, _, Vec<&str>) = match r.kind {
            IdKind::Supplier if inv.supplier_ix(&r.id).is_none() => (
                Code::UnknownSupplier,
                "supplier",
                inv.suppliers.iter().map(|s| &*s.id).collect(),
            ),
            IdKind::Operator if inv.operator_ix(&r.id).is_none() => (
                Code::UnknownOperator,
                "operator",
                inv.operators.iter().map(|s| &*s.id).collect(),
            ),
            IdKind::Asset if inv.asset_ix(&r.id).is_none() => (
                Code::UnknownAsset,
                "asset",
                inv.assets.iter().map(|s| &*s.id).collect(),
            ),
            _ => continue,
        };
        let message = format!(
            "no {what} \"{}\" in the inventory{}",
            escape_controls(&r.id),
            hint(did_you_mean(&r.id, &ids))
        );
        diags.push(Diagnostic::new(code, message, Some(r.location.clone())));
    }
    crate::diagnostics::sort(&mut diags);
    diags
}

/// The candidate closest to a word that is not one of them: the same word in another case
/// first, then the nearest by edit distance (at most one edit for words of up to four
/// characters, two otherwise). Ties go to the first candidate.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    let len = word.chars().count();
    let limit = if len <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &str)> = None;
    for &c in candidates {
        if c.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = vocab::edit_distance(word, c);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// " (did you mean `x`?)", or nothing.
pub(crate) fn hint(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_same_word_in_another_case_first() {
        let ids = ["hua", "huawei", "zte"];
        assert_eq!(did_you_mean("Huawei", &ids), Some("huawei"));
        assert_eq!(did_you_mean("ZTE", &ids), Some("zte"));
        assert_eq!(did_you_mean("huawie", &ids), Some("huawei"));
        assert_eq!(did_you_mean("ericsson", &ids), None);
        assert_eq!(hint(None), "");
        assert_eq!(hint(Some("zte")), " (did you mean `zte`?)");
    }
}
