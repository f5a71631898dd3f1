//! What the analyses are told (key domains, high-risk designations, allowed countries) and
//! what they precompute once per graph.

use crate::graph::SupplyGraph;
use crate::model::{Country, SupplierIx};
use crate::vocab::{self, Risk};

/// The choices an authority makes: which domains are key, who is high-risk, from which
/// countries operations are allowed. The default mirrors the EU toolbox.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Domains whose assets are key assets (default `core`, `nmo`); sensitive assets are
    /// key whatever their domain.
    pub key_domains: Vec<String>,
    /// Supplier ids designated high-risk by the authority; `None` uses the inventory's marks.
    pub high_risk: Option<Vec<String>>,
    /// Countries from which key assets may be operated (default EU 27 plus IS, LI, NO).
    pub allowed_countries: Vec<String>,
    /// theta of section 8: the smallest impact of a critical asset (default 0.01).
    pub critical_min_impact: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            key_domains: vec!["core".into(), "nmo".into()],
            high_risk: None,
            allowed_countries: vocab::EEA.iter().map(|c| (*c).to_owned()).collect(),
            critical_min_impact: super::critical::DEFAULT_CRITICAL_MIN_IMPACT,
        }
    }
}

/// Per-supplier and per-asset facts derived once from a graph and a config.
pub struct Context<'g> {
    /// The graph.
    pub graph: &'g SupplyGraph,
    /// Whether each supplier is high-risk (own mark or group chain), by `SupplierIx`.
    pub high_risk: Vec<bool>,
    /// The group root of each supplier.
    pub root: Vec<SupplierIx>,
    /// Whether each asset is a key asset.
    pub key: Vec<bool>,
    /// Whether each country (as `Country`) is allowed.
    allowed: Vec<Country>,
    /// theta of section 8, from the config.
    pub critical_min_impact: f64,
}

impl<'g> Context<'g> {
    /// Derives the facts. Linear in suppliers (with their chains) and assets.
    pub fn new(graph: &'g SupplyGraph, config: &Config) -> Self {
        let inv = graph.inventory();
        let marked: Vec<bool> = match &config.high_risk {
            Some(list) => {
                let mut m = vec![false; inv.suppliers.len()];
                for id in list {
                    if let Some(s) = inv.supplier_ix(id) {
                        m[s.index()] = true;
                    }
                }
                m
            }
            None => inv.suppliers.iter().map(|s| s.risk == Risk::High).collect(),
        };
        let n = inv.suppliers.len();
        let mut root = Vec::with_capacity(n);
        let mut high_risk = Vec::with_capacity(n);
        for i in 0..n {
            let mut s = SupplierIx(i as u32);
            let mut high = marked[i];
            // Validation guarantees acyclic chains; the bound is a guard only.
            for _ in 0..n {
                match inv.supplier(s).group {
                    Some(g) => {
                        s = g;
                        high |= marked[g.index()];
                    }
                    None => break,
                }
            }
            root.push(s);
            high_risk.push(high);
        }
        let key_domains: Vec<Option<crate::model::DomainIx>> = config
            .key_domains
            .iter()
            .map(|d| inv.domain_ix(d))
            .collect();
        let key = inv
            .assets
            .iter()
            .map(|a| a.sensitive || key_domains.contains(&Some(a.domain)))
            .collect();
        let allowed = config
            .allowed_countries
            .iter()
            .filter(|c| vocab::is_iso_country(c))
            .map(|c| Country::new(c))
            .collect();
        Context {
            graph,
            high_risk,
            root,
            key,
            allowed,
            critical_min_impact: config.critical_min_impact,
        }
    }

    /// Whether supplier `s` is high-risk (own mark or group chain).
    pub fn is_high_risk(&self, s: SupplierIx) -> bool {
        self.high_risk[s.index()]
    }

    /// Whether asset `a` is a key asset.
    pub fn is_key(&self, a: crate::model::AssetIx) -> bool {
        self.key[a.index()]
    }

    /// The group root of supplier `s`.
    pub fn root_of(&self, s: SupplierIx) -> SupplierIx {
        self.root[s.index()]
    }

    /// Whether operation from `c` is allowed.
    pub fn is_allowed(&self, c: Country) -> bool {
        self.allowed.contains(&c)
    }

    /// The service units (radio assets) of operator `o`, in id order.
    pub fn units(&self, o: crate::model::OperatorIx) -> Vec<crate::model::AssetIx> {
        let inv = self.graph.inventory();
        let assets = self.graph.operator_assets(o).iter().copied();
        assets.filter(|&a| inv.asset(a).radio).collect()
    }

    /// The id of a supplier.
    pub fn supplier_id(&self, s: SupplierIx) -> &'g str {
        &self.graph.inventory().supplier(s).id
    }
}
