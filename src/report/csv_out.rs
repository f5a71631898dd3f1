//! `--format csv`: one CSV table per kind of row, safe to open in a spreadsheet. The tables
//! are returned as data; the command writes them.

use super::fmt::{safe_cell, severity};
use super::model::ScanReport;

/// One CSV table: its file name and its bytes (CRLF line ends, a header row).
pub type CsvTable = (&'static str, Vec<u8>);

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

const BOOL: [&str; 2] = ["false", "true"];

/// Every table of a scan report, in a fixed order.
pub fn csv_tables(r: &ScanReport) -> Vec<CsvTable> {
    vec![
        ("operator_domain_shares.csv", domain_shares(r)),
        ("outages.csv", outages(r)),
        ("lockin_groups.csv", lockin_groups(r)),
        ("exposed_assets.csv", exposed_assets(r)),
        ("national_shares.csv", national_shares(r)),
        ("national_outages.csv", national_outages(r)),
        ("critical_assets.csv", critical_assets(r)),
        ("national_critical.csv", national_critical(r)),
        ("findings.csv", findings(r)),
    ]
}

fn domain_shares(r: &ScanReport) -> Vec<u8> {
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
    for op in &r.doc.operators {
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
    t.finish()
}

fn outages(r: &ScanReport) -> Vec<u8> {
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
    for op in &r.doc.operators {
        let o = &op.outage;
        for s in &o.suppliers {
            t.row(&[
                T(&op.id),
                T(&op.country),
                N(o.units_weight),
                T(&s.supplier),
                N(s.outage),
                O(s.outage_4g),
                O(s.outage_5g),
                T(BOOL[usize::from(o.is_worst_single(&s.supplier))]),
                T(BOOL[usize::from(o.in_worst_pair(&s.supplier))]),
            ]);
        }
    }
    t.finish()
}

fn lockin_groups(r: &ScanReport) -> Vec<u8> {
    let mut t = Csv::new(&[
        "operator",
        "lockin_index",
        "group",
        "assets",
        "weight",
        "suppliers",
        "domains",
        "operators",
        "operators_total",
    ]);
    for op in &r.doc.operators {
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
                N(g.operators_total.unwrap_or(g.operators.len()) as f64),
            ]);
        }
    }
    t.finish()
}

fn exposed_assets(r: &ScanReport) -> Vec<u8> {
    let mut t = Csv::new(&[
        "operator",
        "asset",
        "domain",
        "weight",
        "kind",
        "high_risk_supplier",
        "path",
        "path_length",
    ]);
    for op in &r.doc.operators {
        for e in &op.exposure.exposed {
            t.row(&[
                T(&op.id),
                T(&e.asset),
                T(&e.domain),
                N(e.weight),
                T(&e.kind),
                T(&e.supplier),
                T(&e.path.join(" > ")),
                N(e.path_length as f64),
            ]);
        }
    }
    t.finish()
}

fn national_shares(r: &ScanReport) -> Vec<u8> {
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
    for c in &r.doc.countries {
        for d in &c.domains {
            for s in &d.suppliers {
                t.row(&[
                    T(&c.country),
                    T(c.weighting.as_str()),
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
    t.finish()
}

fn national_outages(r: &ScanReport) -> Vec<u8> {
    let mut t = Csv::new(&["country", "supplier", "outage"]);
    for c in &r.doc.countries {
        for s in &c.outage {
            t.row(&[T(&c.country), T(&s.supplier), N(s.outage)]);
        }
    }
    t.finish()
}

fn critical_assets(r: &ScanReport) -> Vec<u8> {
    let mut t = Csv::new(&[
        "operator",
        "asset",
        "supplier",
        "domain",
        "asset_operator",
        "impact",
        "impact_4g",
        "impact_5g",
        "units",
    ]);
    for op in &r.doc.operators {
        for a in &op.critical.assets {
            t.row(&[
                T(&op.id),
                T(&a.asset),
                T(&a.supplier),
                T(&a.domain),
                T(&a.operator),
                N(a.impact),
                O(a.impact_4g),
                O(a.impact_5g),
                N(a.units as f64),
            ]);
        }
    }
    t.finish()
}

fn national_critical(r: &ScanReport) -> Vec<u8> {
    let mut t = Csv::new(&[
        "country",
        "asset",
        "supplier",
        "operator",
        "impact",
        "operators",
    ]);
    for c in &r.doc.countries {
        for n in &c.critical {
            t.row(&[
                T(&c.country),
                T(&n.asset),
                T(&n.supplier),
                T(&n.operator),
                N(n.impact),
                N(n.operators as f64),
            ]);
        }
    }
    t.finish()
}

fn findings(r: &ScanReport) -> Vec<u8> {
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
    let rows = r.doc.findings.iter().map(|f| (f, None)).chain(
        r.doc
            .exempted
            .iter()
            .map(|e| (&e.finding, Some(e.reason.as_str()))),
    );
    for (f, reason) in rows {
        let s = |x: &Option<String>| x.clone().unwrap_or_default();
        let path = f
            .evidence
            .path
            .as_ref()
            .map(|p| p.join(" > "))
            .unwrap_or_default();
        t.row(&[
            T(severity(f.severity)),
            T(&f.rule),
            T(&f.measure),
            T(&s(&f.operator)),
            T(&s(&f.country)),
            T(&s(&f.domain)),
            T(&s(&f.supplier)),
            T(&s(&f.asset)),
            N(f.value),
            N(f.limit),
            T(&f.evidence.text),
            T(&path),
            T(BOOL[usize::from(reason.is_some())]),
            T(reason.unwrap_or("")),
        ]);
    }
    t.finish()
}
