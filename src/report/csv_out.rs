//! `--format csv -o DIR`: one CSV file per table, safe to open in a spreadsheet.

use std::path::Path;

use crate::analysis::ScanResult;
use crate::policy::{Evaluation, Severity};

/// A text cell that a spreadsheet would not run as a formula: cells starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return get a leading apostrophe (OWASP's advice).
pub fn safe_cell(s: &str) -> String {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

struct Csv {
    w: csv::Writer<Vec<u8>>,
}

impl Csv {
    fn new(header: &[&str]) -> Csv {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let _ = w.write_record(header);
        Csv { w }
    }

    /// A row: text cells made safe, numbers as written.
    fn row(&mut self, cells: &[Cell<'_>]) {
        let rec: Vec<String> = cells
            .iter()
            .map(|c| match c {
                Cell::T(s) => safe_cell(s),
                Cell::N(n) => n.to_string(),
                Cell::O(n) => opt(*n),
            })
            .collect();
        let _ = self.w.write_record(&rec);
    }

    fn finish(self) -> Vec<u8> {
        self.w.into_inner().unwrap_or_default()
    }
}

enum Cell<'a> {
    T(&'a str),
    N(f64),
    O(Option<f64>),
}
use Cell::{N, O, T};

/// Writes every table into `dir` (created if missing), swapped in whole: the old tables or
/// the new ones, never a mix (see [`crate::output::write_dir_atomic`]).
/// Returns the number of files written.
///
/// # Errors
/// When the directory or a file cannot be written.
pub fn write_csv_dir(dir: &Path, scan: &ScanResult, eval: &Evaluation) -> std::io::Result<usize> {
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();

    let mut t = Csv::new(&[
        "operator",
        "country",
        "domain",
        "weight",
        "hhi",
        "equivalent_suppliers",
        "band",
        "high_risk_share",
        "supplier",
        "share",
    ]);
    for op in &scan.operators {
        for d in &op.domains {
            for s in &d.suppliers {
                t.row(&[
                    T(&op.id),
                    T(&op.country),
                    T(&d.domain),
                    N(d.weight),
                    N(d.hhi),
                    N(d.equivalent_suppliers),
                    T(d.band.as_str()),
                    N(d.high_risk_share),
                    T(&s.supplier),
                    N(s.share),
                ]);
            }
        }
    }
    files.push(("operator_domain_shares.csv", t.finish()));

    let mut t = Csv::new(&[
        "operator",
        "country",
        "units_weight",
        "supplier",
        "outage",
        "outage_4g",
        "outage_5g",
        "worst_single",
        "worst_pair",
    ]);
    for op in &scan.operators {
        for s in &op.outage.suppliers {
            let single = op
                .outage
                .worst_single
                .as_ref()
                .is_some_and(|w| w.supplier == s.supplier);
            let pair = op
                .outage
                .worst_pair
                .as_ref()
                .is_some_and(|p| p.suppliers.contains(&s.supplier));
            t.row(&[
                T(&op.id),
                T(&op.country),
                N(op.outage.units_weight),
                T(&s.supplier),
                N(s.outage),
                O(s.outage_4g),
                O(s.outage_5g),
                T(if single { "true" } else { "false" }),
                T(if pair { "true" } else { "false" }),
            ]);
        }
    }
    files.push(("outages.csv", t.finish()));

    let mut t = Csv::new(&[
        "operator",
        "lockin_index",
        "group",
        "assets",
        "weight",
        "suppliers",
        "domains",
        "operators",
    ]);
    for op in &scan.operators {
        for g in &op.lockin.groups {
            t.row(&[
                T(&op.id),
                O(op.lockin.index),
                T(&g.id),
                N(g.assets as f64),
                N(g.weight),
                T(&g.suppliers.join(" ")),
                T(&g.domains.join(" ")),
                T(&g.operators.join(" ")),
            ]);
        }
    }
    files.push(("lockin_groups.csv", t.finish()));

    let mut t = Csv::new(&[
        "operator",
        "asset",
        "domain",
        "weight",
        "kind",
        "high_risk_supplier",
        "path",
    ]);
    for op in &scan.operators {
        for e in &op.exposure.exposed {
            t.row(&[
                T(&op.id),
                T(&e.asset),
                T(&e.domain),
                N(e.weight),
                T(&e.kind),
                T(&e.supplier),
                T(&e.path.join(" > ")),
            ]);
        }
    }
    files.push(("exposed_assets.csv", t.finish()));

    let mut t = Csv::new(&[
        "country",
        "weighting",
        "domain",
        "hhi",
        "band",
        "high_risk_share",
        "supplier",
        "share",
        "operators",
    ]);
    for c in &scan.countries {
        for d in &c.domains {
            for s in &d.suppliers {
                let weighting = format!("{:?}", c.weighting).to_lowercase();
                t.row(&[
                    T(&c.country),
                    T(&weighting),
                    T(&d.domain),
                    N(d.hhi),
                    T(d.band.as_str()),
                    N(d.high_risk_share),
                    T(&s.supplier),
                    N(s.share),
                    N(s.operators as f64),
                ]);
            }
        }
    }
    files.push(("national_shares.csv", t.finish()));

    let mut t = Csv::new(&["country", "supplier", "outage"]);
    for c in &scan.countries {
        for s in &c.outage {
            t.row(&[T(&c.country), T(&s.supplier), N(s.outage)]);
        }
    }
    files.push(("national_outages.csv", t.finish()));

    let mut t = Csv::new(&[
        "severity",
        "rule",
        "measure",
        "operator",
        "country",
        "domain",
        "supplier",
        "asset",
        "value",
        "limit",
        "evidence",
        "path",
        "exempted",
        "exemption_reason",
    ]);
    let rows = eval.findings.iter().map(|f| (f, None)).chain(
        eval.exempted
            .iter()
            .map(|e| (&e.finding, Some(e.reason.as_str()))),
    );
    for (f, reason) in rows {
        let [operator, country, domain, supplier, asset] =
            f.subject.fields().map(Option::unwrap_or_default);
        let sev = match f.severity {
            Severity::Deny => "deny",
            Severity::Warn => "warn",
        };
        let path = f
            .evidence
            .path
            .as_ref()
            .map(|p| p.join(" > "))
            .unwrap_or_default();
        t.row(&[
            T(sev),
            T(f.rule.code()),
            T(f.measure()),
            T(operator),
            T(country),
            T(domain),
            T(supplier),
            T(asset),
            N(f.value),
            N(f.limit),
            T(&f.evidence.text),
            T(&path),
            T(if reason.is_some() { "true" } else { "false" }),
            T(reason.unwrap_or("")),
        ]);
    }
    files.push(("findings.csv", t.finish()));

    crate::output::write_dir_atomic(dir, files.iter().map(|(n, b)| (*n, b.as_slice())))?;
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(safe_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-x"), "'-x");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("ericsson"), "ericsson");
    }
}
