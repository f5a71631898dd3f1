//! Which operator a managed object belongs to: the SubNetwork of its DN, through the map,
//! or, without a map entry, the outermost SubNetwork with the country of its mobile country
//! code (ITU-T E.212).

use crate::diagnostics::{Code, Diagnostic};

use super::super::map::{ImportMap, OperatorSpec};
use super::super::rows::to_id;
use super::tree::MoTree;

/// The operator chosen for a SubNetwork (or for objects outside any).
#[derive(Clone, Debug)]
pub enum Choice {
    /// An operator id with its definition and its source.
    Operator(String, OperatorSpec, String),
    /// None could be chosen: the error has been reported once, the objects are skipped.
    Failed,
}

/// Chooses the operator of object `i` of `tree`: the innermost SubNetwork the map names,
/// else the map's default operator, else the outermost SubNetwork (its country from its
/// mobile country code). The error for an operator with no country is returned once per
/// SubNetwork by the caller's cache.
pub fn choose(tree: &MoTree, i: usize, map: &ImportMap) -> (Choice, Option<Diagnostic>) {
    let mut subnets = Vec::new();
    let mut at = Some(i);
    while let Some(j) = at {
        if tree.mos[j].is("subnetwork") {
            subnets.push(j);
        }
        at = tree.mos[j].parent;
    }
    for &s in &subnets {
        let mo = &tree.mos[s];
        if let Some(id) = map.operator(&mo.id).or_else(|| map.operator(&mo.dn)) {
            return (named(map, id), None);
        }
    }
    if let Some(id) = map.defaults.operator.as_deref() {
        return (named(map, id), None);
    }
    let Some(&top) = subnets.last() else {
        let message = format!(
            "no operator for \"{}\": it is in no SubNetwork; set [defaults] operator in the map",
            tree.mos[i].dn
        );
        let d = Diagnostic::new(Code::ImportOperator, message, Some(tree.locate(i)));
        return (Choice::Failed, Some(d));
    };
    let mo = &tree.mos[top];
    let id = to_id(&mo.id);
    match mcc_of(tree, top).and_then(|mcc| country_of_mcc(&mcc)) {
        Some(country) => {
            let spec = OperatorSpec {
                name: Some(mo.attr("userLabel").unwrap_or(&mo.id).to_owned()),
                country: country.to_owned(),
                ..OperatorSpec::default()
            };
            (Choice::Operator(id, spec, tree.source(top)), None)
        }
        None => {
            let message = format!(
                "no country for the operator of \"{}\" (no known mobile country code): \
                 add [operators.{id}] with its country and aliases = [\"{}\"] to the map",
                mo.dn, mo.id
            );
            let d = Diagnostic::new(Code::ImportOperator, message, Some(tree.locate(top)));
            (Choice::Failed, Some(d))
        }
    }
}

fn named(map: &ImportMap, id: &str) -> Choice {
    let spec = map.operators.get(id).cloned().unwrap_or_default();
    Choice::Operator(id.to_owned(), spec, format!("import map {}", map.file))
}

/// The first mobile country code written in a SubNetwork or below it (`setOfMcc`,
/// `pLMNId.mcc`, `pLMNIdList.mcc`, ...), in file order.
fn mcc_of(tree: &MoTree, top: usize) -> Option<String> {
    let mut stack = vec![top];
    while let Some(j) = stack.pop() {
        let mo = &tree.mos[j];
        let found = mo.attrs.iter().find_map(|(p, v)| {
            let leaf = p.rsplit('.').next().unwrap_or(p).to_ascii_lowercase();
            (leaf == "mcc" || leaf == "setofmcc").then(|| v.trim().to_owned())
        });
        if found.is_some() {
            return found;
        }
        stack.extend(mo.children.iter().rev());
    }
    None
}

/// The country of a mobile country code (ITU-T E.212): Europe and the countries of the
/// main suppliers.
pub fn country_of_mcc(mcc: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("202", "GR"),
        ("204", "NL"),
        ("206", "BE"),
        ("208", "FR"),
        ("212", "MC"),
        ("213", "AD"),
        ("214", "ES"),
        ("216", "HU"),
        ("218", "BA"),
        ("219", "HR"),
        ("220", "RS"),
        ("221", "XK"),
        ("222", "IT"),
        ("226", "RO"),
        ("228", "CH"),
        ("230", "CZ"),
        ("231", "SK"),
        ("232", "AT"),
        ("234", "GB"),
        ("235", "GB"),
        ("238", "DK"),
        ("240", "SE"),
        ("242", "NO"),
        ("244", "FI"),
        ("246", "LT"),
        ("247", "LV"),
        ("248", "EE"),
        ("250", "RU"),
        ("255", "UA"),
        ("257", "BY"),
        ("259", "MD"),
        ("260", "PL"),
        ("262", "DE"),
        ("266", "GI"),
        ("268", "PT"),
        ("270", "LU"),
        ("272", "IE"),
        ("274", "IS"),
        ("276", "AL"),
        ("278", "MT"),
        ("280", "CY"),
        ("282", "GE"),
        ("283", "AM"),
        ("284", "BG"),
        ("286", "TR"),
        ("288", "FO"),
        ("292", "SM"),
        ("293", "SI"),
        ("294", "MK"),
        ("295", "LI"),
        ("297", "ME"),
        ("302", "CA"),
        ("310", "US"),
        ("311", "US"),
        ("312", "US"),
        ("313", "US"),
        ("314", "US"),
        ("315", "US"),
        ("316", "US"),
        ("440", "JP"),
        ("441", "JP"),
        ("450", "KR"),
        ("460", "CN"),
        ("461", "CN"),
        ("466", "TW"),
        ("505", "AU"),
        ("530", "NZ"),
    ];
    TABLE.iter().find(|(m, _)| *m == mcc).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_country_codes() {
        assert_eq!(country_of_mcc("262"), Some("DE"));
        assert_eq!(country_of_mcc("208"), Some("FR"));
        assert_eq!(country_of_mcc("999"), None);
    }
}
