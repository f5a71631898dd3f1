//! Diagnostics: every problem found in an input, with a stable code and a location.

use std::fmt;

use serde::Serialize;

use crate::sanitize::escape_controls;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is refused.
    Error,
    /// The input loads; the diagnostic points at something unusual.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $desc:literal;)*) => {
        /// A stable, kebab-case diagnostic code (documented in `docs/diagnostics.md`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $desc] $variant,)*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// A one-line description.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $desc,)* }
            }

            /// The severity of diagnostics with this code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

// The one table of codes: a new code is one line here (name, severity, description) and
// one entry in `docs/diagnostics.md`. Other helpers' codes (policy, scenario) go in their own
// block below the input codes, each block in documentation order.
codes! {
    Io = "io", Error, "an input file or directory cannot be read";
    EmptyInput = "empty-input", Error, "an input file is empty, or a directory holds no inventory file";
    InvalidUtf8 = "invalid-utf8", Error, "an input file is not valid UTF-8";
    JsonSyntax = "json-syntax", Error, "a JSON file is malformed";
    CsvSyntax = "csv-syntax", Error, "a CSV file is malformed (for example a row with more cells than the header)";
    BadWorkbook = "bad-workbook", Error, "a workbook cannot be opened: corrupt, password-protected, or not the workbook its extension says";
    MissingHeader = "missing-header", Error, "a sheet whose first row holds none of its table's column names (no header row)";
    MissingField = "missing-field", Error, "a required field is absent or empty";
    WrongType = "wrong-type", Error, "a value has the wrong type (a string for a number, `yes` for a boolean, a negative count)";
    UnknownKey = "unknown-key", Error, "a key or CSV column that the format does not define (often a typo)";
    DuplicateKey = "duplicate-key", Error, "a key given twice in one JSON object";
    MissingFormat = "missing-format", Error, "a JSON file has no `format` key";
    UnknownFormat = "unknown-format", Error, "a JSON file's `format` is not `vendorgraph/1`";
    BadId = "bad-id", Error, "an identifier is empty, longer than 128 characters or has a character outside `A-Z a-z 0-9 . _ : -`";
    DuplicateId = "duplicate-id", Error, "two suppliers, operators or assets have the same id";
    DanglingReference = "dangling-reference", Error, "a reference to a supplier, operator or asset id that does not exist";
    BadCountry = "bad-country", Error, "a country that is not an ISO 3166-1 alpha-2 code";
    BadWeight = "bad-weight", Error, "a weight that is negative, NaN or infinite, or weights of one operator whose sum is infinite";
    UnknownFunction = "unknown-function", Error, "a function outside the vocabulary, on an asset without `domain`";
    UnknownLinkKind = "unknown-link-kind", Error, "a link kind outside `runs_on anchored_by connects_to managed_by operated_by`";
    UnknownRisk = "unknown-risk", Error, "a supplier risk outside `high medium low unassessed`";
    BadGeneration = "bad-generation", Error, "a generation other than `4g` or `5g`";
    SelfLink = "self-link", Error, "a link from an asset to itself";
    EmptyTargets = "empty-targets", Error, "a link with an empty `to` list";
    BadNeed = "bad-need", Error, "a `need` of 0 or above the number of distinct targets";
    GroupCycle = "group-cycle", Error, "suppliers whose `group` references form a cycle";
    UnlinkedAsset = "unlinked-asset", Warning, "an asset with no link at all, in a domain that normally has links";
    ClosedCrossSupplierLink = "closed-cross-supplier-link", Warning, "a closed link between assets of different suppliers (often a data error)";
    OperatorWithoutAssets = "operator-without-assets", Warning, "an operator with no asset";
    PartialSubscribers = "partial-subscribers", Warning, "in one country some operators give `subscribers` and some do not (national figures fall back to equal weights)";
    SubscribersOverflow = "subscribers-overflow", Error, "the `subscribers` of one country's operators sum to more than 2^64 - 1";
    DuplicateTarget = "duplicate-target", Warning, "a link lists the same target more than once (it counts once)";
    CountryAlias = "country-alias", Warning, "a country written `EL` or `UK`, the EU's codes, read as the ISO codes `GR` and `GB`";
    // Share rows (the `shares` table): see docs/inventory-format.md.
    BadShare = "bad-share", Error, "a share row with both or neither of `share` and `weight`, a `share` outside 0 to 1, or rows of one operator and domain that mix `share` and `weight`";
    SharesOverOne = "shares-over-one", Error, "the shares of one operator, domain and generation sum to more than 1";
    SharesBelowOne = "shares-below-one", Warning, "the shares of one operator, domain and generation sum to less than 1 (the rest is unknown; the figures cover the part reported)";
    SharesAndAssets = "shares-and-assets", Error, "share rows and assets for the same operator and domain (the same equipment would count twice)";
    DuplicateShare = "duplicate-share", Error, "two share rows for the same operator, domain, supplier and generation";
    // Policy files (`--policy`): see docs/policy.md.
    PolicySyntax = "policy-syntax", Error, "a policy file is not valid TOML";
    UnknownPolicyKey = "unknown-policy-key", Error, "a key that the policy format does not define (often a typo)";
    PolicyWrongType = "policy-wrong-type", Error, "a policy value of the wrong type, or an exemption without its `rule` or `reason`";
    UnknownRule = "unknown-rule", Error, "a rule code, in `[rules.CODE]` or an exemption's `rule`, that no rule has";
    BadSeverity = "bad-severity", Error, "a rule severity other than `deny`, `warn` or `off`";
    BadLimit = "bad-limit", Error, "a rule limit outside 0 to 1 (every limit is a share)";
    SettingNotTaken = "setting-not-taken", Error, "a `limit` or `domains` given to a rule that takes none";
    BadDomain = "bad-domain", Error, "a domain in `key_domains` or a rule's `domains` that is not a valid id";
    BadAllowedCountry = "bad-allowed-country", Error, "a country in `allowed_countries` that is not an ISO 3166-1 alpha-2 code";
    BadExpiry = "bad-expiry", Error, "an exemption's `expires` that is not a date `YYYY-MM-DD`";
    ExemptionWithoutSubject = "exemption-without-subject", Error, "an exemption that names no operator, country, domain, supplier or asset";
    UnknownSupplier = "unknown-supplier", Error, "a supplier id that a policy names (`high_risk_suppliers`, an exemption) and the inventory does not hold";
    UnknownOperator = "unknown-operator", Error, "an operator id that a policy's exemption names and the inventory does not hold";
    UnknownAsset = "unknown-asset", Error, "an asset id that a policy's exemption names and the inventory does not hold";
    // Scenario files (`plan --scenario`): see docs/scenarios.md.
    BadStep = "bad-step", Error, "a scenario with no step, or a step without exactly one action";
    UnknownReference = "unknown-reference", Error, "a scenario step names a supplier, operator, asset or selector value that the inventory does not have";
    EmptySelection = "empty-selection", Error, "a scenario selector that is empty, holds an empty list or matches no asset";
    // Imports (`vendorgraph import`): see docs/import-nrm.md and docs/import-netbox.md.
    XmlSyntax = "xml-syntax", Error, "an XML export (3GPP Bulk CM) is malformed: not well-formed, or a namespace prefix not declared";
    ImportShape = "import-shape", Error, "an export parses but is not of its importer's shape (an NRM JSON document that is not an object of classes, a NetBox file that is neither REST results nor dumpdata)";
    ImportMap = "import-map", Error, "an import map is not valid TOML, has an unknown key, or names a bad id, country, risk or function";
    ImportOperator = "import-operator", Error, "an imported element has no operator: no map entry, no default, and no country to be found";
    UnresolvedReference = "unresolved-reference", Warning, "an imported element refers to one that is not in the files read (an end point's remote end, a NetBox foreign key): the reference is left out";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a diagnostic points.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file as given on the command line (`-` for standard input).
    pub file: String,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column (in bytes), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// JSON path (`assets[12].supplier`) or, for CSV, the column name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// The scenario step a diagnostic belongs to: `step 2 (set_supplier)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StepRef {
    /// The step's number, from 1.
    pub number: usize,
    /// The step's key in the scenario file.
    pub kind: &'static str,
}

/// One problem or remark about the input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// A lower-case fragment that quotes the value at fault.
    pub message: String,
    /// Where, when it points at a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The scenario step it belongs to, when it comes from applying one (boxed: most
    /// diagnostics have none, and they travel in `Result`s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<Box<StepRef>>,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity.
    pub fn new(code: Code, message: impl Into<String>, location: Option<Location>) -> Self {
        Self {
            severity: code.severity(),
            code,
            message: message.into(),
            location,
            step: None,
        }
    }

    /// The same diagnostic, as a problem of a scenario step.
    pub fn in_step(self, step: StepRef) -> Self {
        Self {
            step: Some(Box::new(step)),
            ..self
        }
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Messages echo data (ids, keys, header cells): shown escaped, never raw, on a
        // terminal. The JSON form keeps the text exact.
        write!(f, "{sev}[{}]: ", self.code)?;
        if let Some(step) = &self.step {
            write!(f, "step {} ({}): ", step.number, step.kind)?;
        }
        f.write_str(&escape_controls(&self.message))?;
        if let Some(loc) = &self.location {
            write!(f, "\n  --> {loc}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_controls(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(path) = &self.path {
            write!(f, " at {}", escape_controls(path))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics for output: errors first, then by file, line, column, code, message.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.location.cmp(&b.location))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_kebab_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()));
            assert!(
                c.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            );
        }
    }

    #[test]
    fn renders_with_location() {
        let d = Diagnostic::new(
            Code::DanglingReference,
            "asset \"a\" refers to unknown supplier \"x\"",
            Some(Location {
                file: "f.json".into(),
                line: Some(41),
                column: Some(17),
                path: Some("assets[12].supplier".into()),
            }),
        );
        assert_eq!(
            d.to_string(),
            "error[dangling-reference]: asset \"a\" refers to unknown supplier \"x\"\n  --> f.json:41:17 at assets[12].supplier"
        );
    }

    #[test]
    fn renders_data_with_controls_escaped() {
        let d = Diagnostic::new(
            Code::UnknownKey,
            "unknown field `x\u{1b}]0;T\u{7}`",
            Some(Location {
                file: "f\u{1b}.json".into(),
                line: Some(1),
                column: Some(2),
                path: Some("suppliers[0].x\u{1b}[31m".into()),
            }),
        );
        let shown = d.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown}"
        );
        assert_eq!(
            shown,
            "error[unknown-key]: unknown field `x\\u{1b}]0;T\\u{7}`\n  --> f\\u{1b}.json:1:2 at suppliers[0].x\\u{1b}[31m"
        );
        // The JSON form keeps the text exact.
        assert!(serde_json::to_string(&d).unwrap().contains("\\u001b]0;T"));
    }
}
