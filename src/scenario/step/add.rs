//! `add`: new rows in the inventory format, validated with the state exactly as on load
//! (the JSON importer reads the step's body, which has the tables of an inventory).

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::scenario::effect::{AssetChange, ChangeKind, StepEffect};
use crate::scenario::rows::Rows;

use super::{Applied, NewRows, Parsed, Step, StepCx, StepDef};

/// The registry entry.
pub const DEF: StepDef = StepDef::new("add", Add::parse);

/// `add`: rows of each table, each kept as its JSON text to be validated as on load.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Add {
    /// Supplier rows.
    #[serde(default)]
    pub suppliers: Vec<Box<RawValue>>,
    /// Operator rows (an extension of analyses.md: a new entrant).
    #[serde(default)]
    pub operators: Vec<Box<RawValue>>,
    /// Asset rows.
    #[serde(default)]
    pub assets: Vec<Box<RawValue>>,
    /// Link rows.
    #[serde(default)]
    pub links: Vec<Box<RawValue>>,
    /// The body as written: the rows to validate.
    #[serde(skip)]
    text: String,
}

impl Step for Add {
    fn apply(&self, _cx: &StepCx<'_>, _rows: &mut Rows, effect: &mut StepEffect) -> Applied {
        effect.links.added = self.links.len();
        // Added assets are listed with their ids and suppliers as written (validation
        // refuses the step if they are wrong).
        for row in &self.assets {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(row.get()) {
                let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
                effect.changed_assets.push(AssetChange {
                    asset: s("id").unwrap_or_default(),
                    operator: s("operator").unwrap_or_default(),
                    change: ChangeKind::Added,
                    from: None,
                    to: s("supplier"),
                });
            }
        }
        Ok(Some(NewRows::Written(self.text.clone())))
    }

    fn summary(&self, _effect: &StepEffect) -> String {
        let parts: Vec<String> = [
            (self.suppliers.len(), "supplier(s)"),
            (self.operators.len(), "operator(s)"),
            (self.assets.len(), "asset(s)"),
            (self.links.len(), "link(s)"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "add nothing".to_owned()
        } else {
            format!("add {}", parts.join(", "))
        }
    }
}

impl Add {
    /// Reads the body and keeps its text, which validation reads as on load.
    fn parse(text: &str) -> Parsed {
        let mut de = serde_json::Deserializer::from_str(text);
        let mut add: Add = serde_path_to_error::deserialize(&mut de)?;
        add.text = text.to_owned();
        Ok(Box::new(add))
    }
}
