//! The report of `scan`: built once from an [`Assessment`], read by every renderer.

use serde::Serialize;

use crate::analysis::ScanResult;
use crate::assess::Assessment;
use crate::model::Inventory;

use super::country::CountryEntry;
use super::finding::{ExemptedEntry, FindingEntry, RuleTally, SeverityTally, by_rule, tallies};
use super::operator::{GroupCache, GroupEntry, OperatorEntry};
use super::ranking::{Rankings, most_serious};

/// The format tag of the JSON report.
pub const REPORT_FORMAT: &str = "vendorgraph-report/1";

/// Everything a renderer of `scan` may show: the JSON document and the tallies that the
/// human formats add to it. Built once by [`ScanReport::new`]; renderers compute nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanReport {
    /// The `vendorgraph-report/1` document: exactly what `--format json` prints.
    pub doc: ReportDoc,
    /// What the human formats show beyond the document.
    pub summary: Summary,
}

/// The `vendorgraph-report/1` document (cli.md, docs/report-format.md). Its serde is the
/// format: a field added here is a key added to the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportDoc {
    /// Always [`REPORT_FORMAT`].
    pub format: &'static str,
    /// By operator id.
    pub operators: Vec<OperatorEntry>,
    /// By country code, then `all`.
    pub countries: Vec<CountryEntry>,
    /// Every lock-in group once, by id, with its whole operator list.
    pub lockin_groups: Vec<GroupEntry>,
    /// Deny first, then by rule, then subject.
    pub findings: Vec<FindingEntry>,
    /// Findings silenced by an exemption, in the same order.
    pub exempted: Vec<ExemptedEntry>,
    /// Warnings of loading, the analyses and the policy, in that order.
    pub warnings: Vec<String>,
    /// Operators and suppliers, worst first.
    pub rankings: Rankings,
}

/// Tallies and scope for the human formats; not part of the JSON document.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The country codes (without `all`), sorted.
    pub countries: Vec<String>,
    /// Number of assets in the inventory.
    pub assets: usize,
    /// Number of suppliers in the inventory.
    pub suppliers: usize,
    /// The policy file, or `None` for the built-in default policy.
    pub policy: Option<String>,
    /// Deny and warn findings in all.
    pub findings: SeverityTally,
    /// Deny and warn findings per operator, in the order of `doc.operators`.
    pub per_operator: Vec<SeverityTally>,
    /// Findings per severity and rule, deny first.
    pub by_rule: Vec<RuleTally>,
    /// Every finding, most serious first: indices into `doc.findings`.
    pub most_serious: Vec<usize>,
    /// The date of the report (exemptions were judged against it), when the caller gives it.
    pub date: Option<String>,
    /// The input files read, with the SHA-256 of each, when the caller gives them.
    pub inputs: Vec<InputFile>,
}

/// An input file and its SHA-256.
#[derive(Clone, Debug, PartialEq)]
pub struct InputFile {
    /// The path as given (or as found in a directory), `-` for standard input.
    pub name: String,
    /// Lower-case hexadecimal SHA-256 of its text; `None` for standard input, which is
    /// not kept.
    pub sha256: Option<String>,
}

impl InputFile {
    /// An input file and the SHA-256 of its bytes.
    pub fn new(name: &str, bytes: &[u8]) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(bytes);
        let mut hex = String::with_capacity(64);
        for b in digest.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        InputFile {
            name: name.to_owned(),
            sha256: Some(hex),
        }
    }
}

/// The entries of a scan's operators and countries, named: every index turned into its id
/// or name (what [`ScanReport::new`] builds the document from).
pub fn named(scan: &ScanResult, inv: &Inventory) -> (Vec<OperatorEntry>, Vec<CountryEntry>) {
    let mut groups = GroupCache::default();
    (
        scan.operators
            .iter()
            .map(|o| OperatorEntry::new(o, inv, &mut groups))
            .collect(),
        scan.countries
            .iter()
            .map(|c| CountryEntry::new(c, inv))
            .collect(),
    )
}

impl ScanReport {
    /// Builds the report of an assessment: ids turned into names, lists sorted, tallies
    /// counted, once.
    pub fn new(a: &Assessment<'_>) -> Self {
        let inv = a.graph().inventory();
        let (operators, countries) = named(&a.scan, inv);
        let mut doc = ReportDoc {
            format: REPORT_FORMAT,
            operators,
            countries,
            lockin_groups: a
                .scan
                .lockin
                .groups
                .iter()
                .map(|g| GroupEntry::new(g, inv))
                .collect(),
            findings: a
                .eval
                .findings
                .iter()
                .map(|f| FindingEntry::new(f, inv))
                .collect(),
            exempted: a
                .eval
                .exempted
                .iter()
                .map(|e| ExemptedEntry::new(e, inv))
                .collect(),
            warnings: a.warnings.clone(),
            rankings: Rankings::default(),
        };
        let ids: Vec<String> = doc.operators.iter().map(|o| o.id.clone()).collect();
        let (findings, per_operator) = tallies(&doc.findings, &ids);
        doc.rankings = Rankings::new(
            &doc.operators,
            &per_operator,
            &doc.countries,
            &doc.findings,
            &doc.exempted,
        );
        let most_serious = most_serious(&doc.findings, &doc.rankings);
        let summary = Summary {
            countries: doc
                .countries
                .iter()
                .filter(|c| !c.is_all())
                .map(|c| c.country.clone())
                .collect(),
            assets: inv.assets.len(),
            suppliers: inv.suppliers.len(),
            policy: a.policy_origin.clone(),
            findings,
            per_operator,
            by_rule: by_rule(&doc.findings),
            most_serious,
            date: None,
            inputs: Vec::new(),
        };
        ScanReport { doc, summary }
    }
}
