//! The supplier registry, `suppliers.json`: the global vendors (with their corporate
//! groups and the risk marks of the European Commission's 2023 view), two fictional
//! offshore managed-service providers, and one fictional integrator per country.

use std::io::{self, Write};

use crate::export::{JsonWriter, SupplierRow, Table};
use crate::vocab::Risk;

use super::params::{Params, Summary};
use super::profiles::EU27;

/// Writes the supplier registry of an inventory.
///
/// # Errors
/// An I/O error of `w`.
pub fn write_suppliers(params: &Params, w: &mut impl Write) -> io::Result<Summary> {
    let source = format!(
        "synthetic: vendorgraph generate --seed {} (not a real contract; risk marks illustrative)",
        params.seed
    );
    let mut out = JsonWriter::new(w)?;
    out.begin(Table::Suppliers)?;
    for s in GLOBAL_SUPPLIERS {
        out.row(&SupplierRow {
            source: Some(&source),
            ..*s
        })?;
    }
    for c in &EU27[..params.countries] {
        let id = integrator_id(c.code);
        let name = format!("{} Network Services (synthetic integrator)", c.name);
        out.row(&SupplierRow {
            id: &id,
            name: Some(&name),
            country: c.code,
            risk: Risk::Low,
            group: None,
            source: Some(&source),
            notes: Some("fictional domestic systems integrator and managed-service provider"),
        })?;
    }
    let n = out.end()?;
    out.finish()?;
    Ok(Summary {
        files: 1,
        suppliers: n,
        ..Summary::default()
    })
}

const fn sup(
    id: &'static str,
    name: &'static str,
    country: &'static str,
    risk: Risk,
    group: Option<&'static str>,
    notes: Option<&'static str>,
) -> SupplierRow<'static> {
    SupplierRow {
        id,
        name: Some(name),
        country,
        risk,
        group,
        source: None,
        notes,
    }
}

const HIGH_RISK_NOTE: &str = "the European Commission held in June 2023 that Huawei and ZTE present materially higher risks than other 5G suppliers";

const GLOBAL_SUPPLIERS: &[SupplierRow<'static>] = &[
    sup("ericsson", "Ericsson", "SE", Risk::Low, None, None),
    sup("nokia", "Nokia", "FI", Risk::Low, None, None),
    sup("samsung", "Samsung Networks", "KR", Risk::Low, None, None),
    sup(
        "huawei",
        "Huawei",
        "CN",
        Risk::High,
        None,
        Some(HIGH_RISK_NOTE),
    ),
    sup("zte", "ZTE", "CN", Risk::High, None, Some(HIGH_RISK_NOTE)),
    sup(
        "huawei-cloud",
        "Huawei Cloud (NFVI)",
        "CN",
        Risk::Unassessed,
        Some("huawei"),
        Some("no risk mark of its own: counts as high-risk through its group huawei"),
    ),
    sup("broadcom", "Broadcom", "US", Risk::Low, None, None),
    sup(
        "vmware",
        "VMware Telco Cloud",
        "US",
        Risk::Low,
        Some("broadcom"),
        None,
    ),
    sup("ibm", "IBM", "US", Risk::Low, None, None),
    sup(
        "redhat",
        "Red Hat OpenShift",
        "US",
        Risk::Low,
        Some("ibm"),
        None,
    ),
    sup(
        "hpe",
        "Hewlett Packard Enterprise",
        "US",
        Risk::Low,
        None,
        None,
    ),
    sup(
        "juniper",
        "Juniper Networks",
        "US",
        Risk::Low,
        Some("hpe"),
        None,
    ),
    sup("cisco", "Cisco", "US", Risk::Low, None, None),
    sup("dell", "Dell Technologies", "US", Risk::Low, None, None),
    sup(
        "lenovo",
        "Lenovo",
        "CN",
        Risk::Unassessed,
        None,
        Some("server vendor, not assessed in this synthetic registry"),
    ),
    sup("nec", "NEC", "JP", Risk::Low, None, None),
    sup(
        "netcracker",
        "Netcracker",
        "US",
        Risk::Low,
        Some("nec"),
        None,
    ),
    sup(
        "noc-offshore-in",
        "Offshore NOC Services (synthetic)",
        "IN",
        Risk::Medium,
        None,
        Some("fictional managed-service provider operating networks from Bengaluru"),
    ),
    sup(
        "noc-nearshore-rs",
        "Nearshore NOC Services (synthetic)",
        "RS",
        Risk::Medium,
        None,
        Some("fictional managed-service provider operating networks from Belgrade"),
    ),
];

pub(super) fn integrator_id(code: &str) -> String {
    format!("integrator-{}", code.to_ascii_lowercase())
}
