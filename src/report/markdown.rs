//! `--format markdown`: a report a regulator can hand on. Summary first, then countries,
//! operators, findings with their evidence, and how the figures are defined.

use std::fmt::Write as _;

use crate::analysis::ScanResult;
use crate::graph::SupplyGraph;
use crate::policy::{Evaluation, Policy, Rule, Severity};

use super::table::{num, opt_pct, pct};

/// Escapes text for a Markdown table cell: pipes, newlines, HTML and emphasis characters.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn header(out: &mut String, cells: &[&str]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        cells.iter().map(|_| " --- |").collect::<String>()
    );
}

/// How many findings the summary lists.
const WORST: usize = 10;

/// Renders the report.
pub fn markdown(
    graph: &SupplyGraph,
    policy: &Policy,
    scan: &ScanResult,
    eval: &Evaluation,
    warnings: &[String],
) -> String {
    let inv = graph.inventory();
    let mut out = String::new();
    let deny = eval
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Deny)
        .count();
    let countries: Vec<&str> = scan
        .countries
        .iter()
        .filter(|c| c.country != "all")
        .map(|c| c.country.as_str())
        .collect();
    let _ = writeln!(out, "# 5G supply-chain dependency report\n");
    let _ = writeln!(
        out,
        "Scope: {} operator(s) in {} ({}), {} assets from {} suppliers. Policy: {}. Findings: {} ({} deny, {} warn){}.\n",
        scan.operators.len(),
        if countries.len() == 1 {
            "one country"
        } else {
            "several countries"
        },
        countries.join(", "),
        inv.assets.len(),
        inv.suppliers.len(),
        if policy.origin == "default" {
            "the default policy (EU 5G Toolbox)".to_owned()
        } else {
            format!("`{}`", md(&policy.origin))
        },
        eval.findings.len(),
        deny,
        eval.findings.len() - deny,
        if eval.exempted.is_empty() {
            String::new()
        } else {
            format!("; {} exempted", eval.exempted.len())
        },
    );

    let _ = writeln!(out, "## Summary\n");
    header(
        &mut out,
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
    for c in &scan.countries {
        let d = |name: &str| c.domains.iter().find(|d| d.domain == name);
        let systemic = c.outage.first().map_or_else(
            || "-".to_owned(),
            |s| format!("{} ({})", md(&s.supplier), pct(s.outage)),
        );
        row(
            &mut out,
            &[
                if c.country == "all" {
                    "**all**".to_owned()
                } else {
                    c.country.clone()
                },
                c.operators.len().to_string(),
                d("ran").map_or_else(
                    || "-".to_owned(),
                    |d| format!("{:.0} ({})", d.hhi, d.band.as_str()),
                ),
                d("ran").map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share)),
                d("core").map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share)),
                d("nmo").map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share)),
                systemic,
            ],
        );
    }
    let _ = writeln!(out);
    if eval.findings.is_empty() {
        let _ = writeln!(out, "No finding: every figure is within the policy.\n");
    } else {
        let _ = writeln!(out, "Findings by rule:\n");
        header(
            &mut out,
            &["severity", "rule", "measure", "what it means", "findings"],
        );
        let mut by_rule: Vec<(Severity, Rule, &str, usize)> = Vec::new();
        for f in &eval.findings {
            match by_rule
                .iter_mut()
                .find(|r| r.0 == f.severity && r.1 == f.rule)
            {
                Some(r) => r.3 += 1,
                None => by_rule.push((f.severity, f.rule, f.measure(), 1)),
            }
        }
        for (sev, rule, measure, n) in by_rule {
            let title = rule.title();
            row(
                &mut out,
                &[
                    if sev == Severity::Deny {
                        "**deny**".to_owned()
                    } else {
                        "warn".to_owned()
                    },
                    format!("`{rule}`"),
                    measure.to_owned(),
                    title.to_owned(),
                    n.to_string(),
                ],
            );
        }
        let _ = writeln!(out, "\nThe most serious findings:\n");
        for f in eval.findings.iter().take(WORST) {
            let _ = writeln!(
                out,
                "- **{}** `{}` ({}): {}",
                if f.severity == Severity::Deny {
                    "DENY"
                } else {
                    "warn"
                },
                f.rule,
                f.measure(),
                md(&f.evidence.text)
            );
        }
        if eval.findings.len() > WORST {
            let _ = writeln!(
                out,
                "- ... and {} more in [Findings](#findings).",
                eval.findings.len() - WORST
            );
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Countries\n");
    for c in &scan.countries {
        let title = if c.country == "all" {
            "All operators together".to_owned()
        } else {
            c.country.clone()
        };
        let _ = writeln!(out, "### {title}\n");
        let _ = writeln!(
            out,
            "Operators: {} (weighted by {}).\n",
            md(&c.operators.join(", ")),
            format!("{:?}", c.weighting).to_lowercase()
        );
        header(
            &mut out,
            &[
                "domain",
                "HHI",
                "band",
                "high-risk share",
                "operators",
                "suppliers (national share, operators)",
            ],
        );
        for d in &c.domains {
            let sups: Vec<String> = d
                .suppliers
                .iter()
                .map(|s| format!("{} {} ({})", md(&s.supplier), pct(s.share), s.operators))
                .collect();
            row(
                &mut out,
                &[
                    d.domain.clone(),
                    format!("{:.0}", d.hhi),
                    d.band.as_str().to_owned(),
                    pct(d.high_risk_share),
                    d.operators.to_string(),
                    sups.join(", "),
                ],
            );
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

    let _ = writeln!(out, "## Operators\n");
    for op in &scan.operators {
        let name = op
            .name
            .as_deref()
            .map_or_else(String::new, |n| format!(" — {}", md(n)));
        let _ = writeln!(out, "### {}{name} ({})\n", md(&op.id), op.country);
        header(
            &mut out,
            &[
                "domain",
                "weight",
                "HHI",
                "equivalent suppliers",
                "band",
                "top supplier",
                "high-risk share",
            ],
        );
        for d in &op.domains {
            row(
                &mut out,
                &[
                    d.domain.clone(),
                    num(d.weight),
                    format!("{:.0}", d.hhi),
                    format!("{:.2}", d.equivalent_suppliers),
                    d.band.as_str().to_owned(),
                    format!("{} {}", md(&d.top.supplier), pct(d.top.share)),
                    pct(d.high_risk_share),
                ],
            );
        }
        let _ = writeln!(out);
        let o = &op.outage;
        if o.suppliers.is_empty() {
            let _ = writeln!(
                out,
                "Supplier failure: the operator has no weighted radio unit, so outage is undefined.\n"
            );
        } else {
            let _ = writeln!(
                out,
                "Supplier failure (share of service units down; units weigh {}):\n",
                num(o.units_weight)
            );
            header(&mut out, &["failing supplier", "outage", "4G", "5G"]);
            for s in &o.suppliers {
                row(
                    &mut out,
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
                md(&e.path.join(" → "))
            );
        }
        for e in &op.exposure.offshore {
            let _ = writeln!(
                out,
                "- offshore: `{}` operated from {} via {}",
                md(&e.asset),
                e.location,
                md(&e.path.join(" → "))
            );
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Findings\n");
    if eval.findings.is_empty() {
        let _ = writeln!(out, "None.\n");
    } else {
        header(
            &mut out,
            &[
                "severity", "rule", "measure", "subject", "value", "limit", "evidence",
            ],
        );
        for f in &eval.findings {
            let subject: Vec<String> = f.subject.fields().into_iter().flatten().map(md).collect();
            row(
                &mut out,
                &[
                    if f.severity == Severity::Deny {
                        "**deny**".to_owned()
                    } else {
                        "warn".to_owned()
                    },
                    format!("`{}`", f.rule),
                    f.measure().to_owned(),
                    subject.join(" / "),
                    num(f.value),
                    num(f.limit),
                    md(&f.evidence.text),
                ],
            );
        }
        let _ = writeln!(out);
    }
    if !eval.exempted.is_empty() {
        let _ = writeln!(out, "## Exempted findings\n");
        header(&mut out, &["rule", "subject", "reason", "expires"]);
        for e in &eval.exempted {
            let f = &e.finding;
            let subject: Vec<String> = f.subject.fields().into_iter().flatten().map(md).collect();
            row(
                &mut out,
                &[
                    format!("`{}`", f.rule),
                    subject.join(" / "),
                    md(&e.reason),
                    e.expires.clone().unwrap_or_else(|| "-".into()),
                ],
            );
        }
        let _ = writeln!(out);
    }
    if !warnings.is_empty() {
        let _ = writeln!(out, "## Warnings\n");
        for w in warnings {
            let _ = writeln!(out, "- {}", md(w));
        }
        let _ = writeln!(out);
    }
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
    out
}
