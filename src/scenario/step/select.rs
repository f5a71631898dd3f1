//! Selectors (SEL): which assets a `set_supplier` or `remove` step acts on.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::model::AssetIx;

use super::StepCx;
use crate::diagnostics::{Code, Diagnostic};

/// Values of one selector criterion: one value or a list, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    /// The values.
    pub values: Vec<String>,
    /// Whether they were written as a list (for the JSON path of an error).
    pub list: bool,
}

/// SEL: selects assets; every criterion given must match, any value of a criterion may.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// Asset ids.
    #[serde(default)]
    pub ids: Option<Values>,
    /// Operator ids.
    #[serde(default)]
    pub operator: Option<Values>,
    /// Functions (case-insensitive).
    #[serde(default)]
    pub function: Option<Values>,
    /// Domains.
    #[serde(default)]
    pub domain: Option<Values>,
    /// Supplier ids.
    #[serde(default)]
    pub supplier: Option<Values>,
    /// Regions (exact text).
    #[serde(default)]
    pub region: Option<Values>,
    /// Countries of the assets' operators.
    #[serde(default)]
    pub country: Option<Values>,
    /// Whether the asset is marked `sensitive` (an extension of analyses.md §7).
    #[serde(default)]
    pub sensitive: Option<bool>,
}

impl Selector {
    /// The criteria given, by name, in the order of the format.
    pub fn criteria(&self) -> Vec<(&'static str, &Values)> {
        [
            ("ids", &self.ids),
            ("operator", &self.operator),
            ("function", &self.function),
            ("domain", &self.domain),
            ("supplier", &self.supplier),
            ("region", &self.region),
            ("country", &self.country),
        ]
        .into_iter()
        .filter_map(|(n, v)| v.as_ref().map(|v| (n, v)))
        .collect()
    }

    /// The selector in words: `operator de-nsa, region Berlin`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .criteria()
            .iter()
            .map(|(n, v)| format!("{n} {}", v.values.join("|")))
            .collect();
        match self.sensitive {
            Some(true) => parts.push("sensitive".to_owned()),
            Some(false) => parts.push("not sensitive".to_owned()),
            None => {}
        }
        parts.join(", ")
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Values;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Values, E> {
                Ok(Values {
                    values: vec![v.to_owned()],
                    list: false,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Values, A::Error> {
                let mut values = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    values.push(s);
                }
                Ok(Values { values, list: true })
            }
        }
        d.deserialize_any(V)
    }
}

/// Why a selector value names nothing in the state, or `None` when it does.
fn missing(cx: &StepCx<'_>, name: &str, v: &str) -> Option<String> {
    let inv = cx.inventory();
    match name {
        "ids" => inv
            .asset_ix(v)
            .is_none()
            .then(|| format!("no asset \"{v}\" in the inventory")),
        "operator" => inv
            .operator_ix(v)
            .is_none()
            .then(|| format!("no operator \"{v}\" in the inventory")),
        "supplier" => inv
            .supplier_ix(v)
            .is_none()
            .then(|| format!("no supplier \"{v}\" in the inventory")),
        "function" => (!inv.functions.iter().any(|f| f.eq_ignore_ascii_case(v)))
            .then(|| format!("no asset has function \"{v}\"")),
        "domain" => inv
            .domain_ix(v)
            .is_none()
            .then(|| format!("no asset has domain \"{v}\"")),
        "region" => (!inv.assets.iter().any(|a| inv.region(a) == Some(v)))
            .then(|| format!("no asset has region \"{v}\"")),
        _ => (!inv.operators.iter().any(|o| o.country.as_str() == v))
            .then(|| format!("no operator in country \"{v}\"")),
    }
}

/// The assets a selector matches on the state before the step; `sub` is the selector's
/// path under the step's body.
///
/// # Errors
/// An empty selector, a value that names nothing in the state (one error per value), or a
/// selector that matches no asset.
pub fn select(cx: &StepCx<'_>, sel: &Selector, sub: &str) -> Result<Vec<AssetIx>, Vec<Diagnostic>> {
    let criteria = sel.criteria();
    if criteria.is_empty() && sel.sensitive.is_none() {
        return Err(vec![cx.err(
            Code::EmptySelection,
            sub,
            "the selector is empty: give at least one of ids, operator, function, domain, supplier, region, country, sensitive".to_owned(),
        )]);
    }
    let mut errors = Vec::new();
    for (name, values) in &criteria {
        if values.values.is_empty() {
            errors.push(cx.err(
                Code::EmptySelection,
                &format!("{sub}.{name}"),
                format!("\"{name}\" is an empty list: it matches nothing"),
            ));
        }
        for (k, v) in values.values.iter().enumerate() {
            if let Some(message) = missing(cx, name, v) {
                let path = if values.list {
                    format!("{sub}.{name}[{k}]")
                } else {
                    format!("{sub}.{name}")
                };
                errors.push(cx.err(Code::UnknownReference, &path, message));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let has = |name: &str, v: &str| -> bool {
        criteria
            .iter()
            .find(|(n, _)| *n == name)
            .is_none_or(|(_, vals)| {
                vals.values.iter().any(|x| {
                    if name == "function" {
                        x.eq_ignore_ascii_case(v)
                    } else {
                        x == v
                    }
                })
            })
    };
    let inv = cx.inventory();
    let selected: Vec<AssetIx> = inv
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let op = inv.operator(a.operator);
            has("ids", &a.id)
                && has("operator", &op.id)
                && has("function", inv.function_name(a.function))
                && has("domain", inv.domain_name(a.domain))
                && has("supplier", &inv.supplier(a.supplier).id)
                && (sel.region.is_none() || inv.region(a).is_some_and(|r| has("region", r)))
                && has("country", op.country.as_str())
                && sel.sensitive.is_none_or(|s| a.sensitive == s)
        })
        .map(|(i, _)| AssetIx(i as u32))
        .collect();
    if selected.is_empty() {
        return Err(vec![cx.err(
            Code::EmptySelection,
            sub,
            format!(
                "the selector ({}) matches no asset: every criterion given must match the same asset",
                sel.describe()
            ),
        )]);
    }
    Ok(selected)
}
