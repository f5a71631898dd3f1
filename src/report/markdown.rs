//! `--format markdown`: a report a regulator can hand on. Summary first, then countries,
//! operators, findings with their evidence, and how the figures are defined.

use std::fmt::Write as _;

use super::critical_text::critical_markdown;
use super::fmt::{
    country_domain_cells, domain_cells, hhi, md, md_join, num, opt_pct, path_text, pct,
    severity_md, severity_md_loud,
};
use super::model::{CountryEntry, OperatorEntry, ScanReport, path_is_cut};

pub(super) fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

pub(super) fn header(out: &mut String, cells: &[&str]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        cells.iter().map(|_| " --- |").collect::<String>()
    );
}

/// The columns of an operator's concentration table (Markdown and HTML).
pub(super) const OPERATOR_DOMAIN_COLUMNS: [&str; 7] = [
    "domain",
    "weight",
    "HHI",
    "equivalent suppliers",
    "band",
    "top supplier",
    "high-risk share",
];

/// The columns of a country's national balance table (Markdown and HTML).
pub(super) const COUNTRY_DOMAIN_COLUMNS: [&str; 6] = [
    "domain",
    "HHI",
    "band",
    "high-risk share",
    "operators",
    "suppliers (national share, operators)",
];

/// How many findings the summary lists.
const WORST: usize = 10;

/// Renders the report.
pub fn markdown(r: &ScanReport) -> String {
    let mut out = String::new();
    scope(&mut out, r);
    summary(&mut out, r);
    rankings(&mut out, r);
    let _ = writeln!(out, "## Countries\n");
    for c in &r.doc.countries {
        country(&mut out, c);
    }
    let _ = writeln!(out, "## Operators\n");
    for op in &r.doc.operators {
        operator(&mut out, op);
    }
    critical_markdown(&mut out, r);
    findings(&mut out, r);
    if !r.doc.warnings.is_empty() {
        let _ = writeln!(out, "## Warnings\n");
        for w in &r.doc.warnings {
            let _ = writeln!(out, "- {}", md(w));
        }
        let _ = writeln!(out);
    }
    definitions(&mut out);
    out
}

fn scope(out: &mut String, r: &ScanReport) {
    let s = &r.summary;
    let _ = writeln!(out, "# 5G supply-chain dependency report\n");
    let _ = writeln!(
        out,
        "Scope: {} operator(s) in {} ({}), {} assets from {} suppliers. Policy: {}. Findings: {} ({} deny, {} warn){}.\n",
        r.doc.operators.len(),
        if s.countries.len() == 1 {
            "one country"
        } else {
            "several countries"
        },
        md_join(&s.countries, ", "),
        s.assets,
        s.suppliers,
        s.policy.as_deref().map_or_else(
            || "the default policy (EU 5G Toolbox)".to_owned(),
            |p| format!("`{}`", md(p))
        ),
        r.doc.findings.len(),
        s.findings.deny,
        s.findings.warn,
        if r.doc.exempted.is_empty() {
            String::new()
        } else {
            format!("; {} exempted", r.doc.exempted.len())
        },
    );
}

fn summary(out: &mut String, r: &ScanReport) {
    let _ = writeln!(out, "## Summary\n");
    header(
        out,
        &[
            "country",
            "operators",
            "RAN HHI",
            "RAN high-risk share",
            "core high-risk share",
            "NMO high-risk share",
            "most systemic supplier",
        ],
    );
    for c in &r.doc.countries {
        let share = |name: &str| {
            c.domain(name)
                .map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share))
        };
        let systemic = c.outage.first().map_or_else(
            || "-".to_owned(),
            |s| format!("{} ({})", md(&s.supplier), pct(s.outage)),
        );
        row(
            out,
            &[
                if c.is_all() {
                    "**all**".to_owned()
                } else {
                    md(&c.country)
                },
                c.operators.len().to_string(),
                c.domain("ran").map_or_else(
                    || "-".to_owned(),
                    |d| format!("{} ({})", hhi(d.hhi), d.band.as_str()),
                ),
                share("ran"),
                share("core"),
                share("nmo"),
                systemic,
            ],
        );
    }
    let _ = writeln!(out);
    let findings = &r.doc.findings;
    if findings.is_empty() {
        let _ = writeln!(out, "No finding: every figure is within the policy.\n");
        return;
    }
    let _ = writeln!(out, "Findings by rule:\n");
    header(
        out,
        &["severity", "rule", "measure", "what it means", "findings"],
    );
    for t in &r.summary.by_rule {
        row(
            out,
            &[
                severity_md(t.severity).to_owned(),
                format!("`{}`", t.rule),
                t.measure.clone(),
                t.title.to_owned(),
                t.findings.to_string(),
            ],
        );
    }
    let _ = writeln!(out, "\nThe most serious findings:\n");
    for f in r
        .summary
        .most_serious
        .iter()
        .take(WORST)
        .map(|&i| &findings[i])
    {
        let _ = writeln!(
            out,
            "- {} `{}` ({}): {}",
            severity_md_loud(f.severity),
            f.rule,
            f.measure,
            md(&f.evidence.text)
        );
    }
    if findings.len() > WORST {
        let _ = writeln!(
            out,
            "- ... and {} more in [Findings](#findings).",
            findings.len() - WORST
        );
    }
    let _ = writeln!(out);
}

/// How many suppliers the ranking by national outage lists.
const TOP_SUPPLIERS: usize = 10;

fn rankings(out: &mut String, r: &ScanReport) {
    let rk = &r.doc.rankings;
    if rk.operators.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Rankings
"
    );
    let _ = writeln!(
        out,
        "Operators, worst first (deny findings, then high-risk exposure of key assets, then the worst single-supplier outage):\n"
    );
    header(
        out,
        &[
            "#",
            "operator",
            "country",
            "deny",
            "warn",
            "key assets exposed",
            "worst supplier outage",
        ],
    );
    for (i, o) in rk.operators.iter().enumerate() {
        row(
            out,
            &[
                (i + 1).to_string(),
                md(&o.operator),
                md(&o.country),
                o.deny.to_string(),
                o.warn.to_string(),
                opt_pct(o.exposure),
                o.worst_single.as_ref().map_or_else(
                    || "-".to_owned(),
                    |w| format!("{} ({})", pct(w.outage), md(&w.supplier)),
                ),
            ],
        );
    }
    let _ = writeln!(out);
    if !rk.suppliers_by_outage.is_empty() {
        let _ = writeln!(
            out,
            "Suppliers by national outage (the share of a country's service its failure takes down, largest country first):\n"
        );
        header(
            out,
            &["#", "supplier", "largest national outage", "all operators"],
        );
        for (i, s) in rk
            .suppliers_by_outage
            .iter()
            .take(TOP_SUPPLIERS)
            .enumerate()
        {
            row(
                out,
                &[
                    (i + 1).to_string(),
                    md(&s.supplier),
                    s.national_outage.as_ref().map_or_else(
                        || "-".to_owned(),
                        |n| format!("{} ({})", pct(n.outage), md(&n.country)),
                    ),
                    opt_pct(s.outage_all),
                ],
            );
        }
        let more = rk.suppliers_by_outage.len().saturating_sub(TOP_SUPPLIERS);
        if more > 0 {
            let _ = writeln!(out, "\n{more} more supplier(s) in the country sections.");
        }
        let _ = writeln!(out);
    }
    if rk.suppliers_by_share.is_empty() {
        let _ = writeln!(
            out,
            "No supplier is above the `supplier-share` limit in any operator.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "Suppliers by the number of operators in which they hold a domain above the `supplier-share` limit:\n"
    );
    header(out, &["#", "supplier", "operators above the limit"]);
    for (i, s) in rk.suppliers_by_share.iter().enumerate() {
        row(
            out,
            &[
                (i + 1).to_string(),
                md(&s.supplier),
                s.operators_above_share_limit.to_string(),
            ],
        );
    }
    let _ = writeln!(out);
}

fn country(out: &mut String, c: &CountryEntry) {
    let title = if c.is_all() {
        "All operators together".to_owned()
    } else {
        md(&c.country)
    };
    let _ = writeln!(out, "### {title}\n");
    let _ = writeln!(
        out,
        "Operators: {} (weighted by {}).\n",
        md(&c.operators.join(", ")),
        c.weighting.as_str()
    );
    header(out, &COUNTRY_DOMAIN_COLUMNS);
    for d in &c.domains {
        row(out, &country_domain_cells(d, md));
    }
    let _ = writeln!(out);
    if !c.outage.is_empty() {
        let top: Vec<String> = c
            .outage
            .iter()
            .take(5)
            .map(|s| format!("{} {}", md(&s.supplier), pct(s.outage)))
            .collect();
        let _ = writeln!(
            out,
            "National outage if one supplier fails (largest first): {}.\n",
            top.join(", ")
        );
    }
}

fn operator(out: &mut String, op: &OperatorEntry) {
    let name = op
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!(" — {}", md(n)));
    let _ = writeln!(out, "### {}{name} ({})\n", md(&op.id), md(&op.country));
    header(out, &OPERATOR_DOMAIN_COLUMNS);
    for d in &op.domains {
        row(out, &domain_cells(d, md));
    }
    let _ = writeln!(out);
    outage(out, op);
    lockin_and_exposure(out, op);
}

fn outage(out: &mut String, op: &OperatorEntry) {
    let o = &op.outage;
    if o.suppliers.is_empty() {
        let _ = writeln!(
            out,
            "Supplier failure: the operator has no weighted radio unit, so outage is undefined.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "Supplier failure (share of service units down; units weigh {}):\n",
        num(o.units_weight)
    );
    header(out, &["failing supplier", "outage", "4G", "5G"]);
    for s in &o.suppliers {
        row(
            out,
            &[
                md(&s.supplier),
                pct(s.outage),
                opt_pct(s.outage_4g),
                opt_pct(s.outage_5g),
            ],
        );
    }
    if let Some(p) = &o.worst_pair {
        let _ = writeln!(
            out,
            "\nWorst pair: {} and {} together take down {}.",
            md(&p.suppliers[0]),
            md(&p.suppliers[1]),
            pct(p.outage)
        );
    }
    let _ = writeln!(out);
}

fn lockin_and_exposure(out: &mut String, op: &OperatorEntry) {
    let _ = writeln!(
        out,
        "Lock-in index: {} ({} group(s)).",
        opt_pct(op.lockin.index),
        op.lockin.groups.len()
    );
    for g in &op.lockin.groups {
        let _ = writeln!(
            out,
            "- `{}`: {} assets, suppliers {}, domains {}",
            md(&g.id),
            g.assets,
            md(&g.suppliers.join(", ")),
            md(&g.domains.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "\nHigh-risk exposure of key assets: {} of key weight {}.",
        opt_pct(op.exposure.index),
        num(op.exposure.key_weight)
    );
    for e in &op.exposure.exposed {
        let _ = writeln!(
            out,
            "- `{}` ({}, {}): {}",
            md(&e.asset),
            md(&e.domain),
            e.kind,
            path_text(&e.path, " → ", path_is_cut(&e.path, e.path_length), md)
        );
    }
    for e in &op.exposure.offshore {
        let _ = writeln!(
            out,
            "- offshore: `{}` operated from {} via {}",
            md(&e.asset),
            md(&e.location),
            path_text(&e.path, " → ", path_is_cut(&e.path, e.path_length), md)
        );
    }
    let _ = writeln!(out);
}

fn findings(out: &mut String, r: &ScanReport) {
    let _ = writeln!(out, "## Findings\n");
    if r.doc.findings.is_empty() {
        let _ = writeln!(out, "None.\n");
    } else {
        header(
            out,
            &[
                "severity", "rule", "measure", "subject", "value", "limit", "evidence",
            ],
        );
        for f in &r.doc.findings {
            row(
                out,
                &[
                    severity_md(f.severity).to_owned(),
                    format!("`{}`", f.rule),
                    f.measure.clone(),
                    md_join(&f.subject(), " / "),
                    num(f.value),
                    num(f.limit),
                    md(&f.evidence.text),
                ],
            );
        }
        let _ = writeln!(out);
    }
    if !r.doc.exempted.is_empty() {
        let _ = writeln!(out, "## Exempted findings\n");
        header(out, &["rule", "subject", "reason", "expires"]);
        for e in &r.doc.exempted {
            let f = &e.finding;
            row(
                out,
                &[
                    format!("`{}`", f.rule),
                    md_join(&f.subject(), " / "),
                    md(&e.reason),
                    e.expires.as_deref().map_or_else(|| "-".into(), md),
                ],
            );
        }
        let _ = writeln!(out);
    }
}

fn definitions(out: &mut String) {
    let _ = writeln!(out, "## How to read the figures\n");
    let _ = writeln!(
        out,
        "- **HHI**: sum of squared percentage shares of a domain's weight (0 to 10000); below 1000 low, 1000 to 2000 moderate, above 2000 high concentration (EU horizontal merger guidelines, 2004). Equivalent suppliers = 10000 / HHI."
    );
    let _ = writeln!(
        out,
        "- **Outage**: the share of an operator's radio service units (weighted by cells) that go down when a supplier fails, following runs_on, anchored_by and connects_to dependencies, with redundancy (a pool is down only when fewer than the needed members are up)."
    );
    let _ = writeln!(
        out,
        "- **Lock-in index**: the weight share of an operator's assets tied by closed interfaces into groups that can only be replaced together."
    );
    let _ = writeln!(
        out,
        "- **Exposure**: the weight share of key assets (core, NMO and sensitive assets by default) that a high-risk supplier supplies or controls through runs_on, managed_by or operated_by."
    );
    let _ = writeln!(
        out,
        "- **National figures** weigh operators by subscribers (or equally when some operator gives none)."
    );
}
