//! The fixed vocabulary of inventory format 1: domains, functions, link kinds.
//!
//! This is the one table that every stage reads: validation checks names against it,
//! the analyses take link semantics (which kinds propagate failure or control, which
//! are closed by default) and radio units from it, and the reports name domains from it.

use std::fmt;

mod country;

pub use country::{
    COUNTRY_ALIASES, EEA, country_alias, is_iso_country, iso_countries, read_country,
    suggest_country,
};

/// The id of the asset that a share row stands for: `OPERATOR:DOMAIN:SUPPLIER`, with
/// `:GENERATION` appended when given; a known domain and a generation in their own spelling
/// (`RAN` is `ran`, `5G` is `5g`), every other part as written.
pub fn share_asset_id(
    operator: &str,
    domain: &str,
    supplier: &str,
    generation: Option<&str>,
) -> String {
    let mut id = format!("{operator}:{}:{supplier}", known_domain(domain));
    if let Some(g) = generation {
        id.push(':');
        match Generation::parse(g) {
            Some(g) => id.push_str(g.as_str()),
            None => id.push_str(g),
        }
    }
    id
}

/// A known domain in its own spelling, whatever the case it is written in (`RAN` is
/// `ran`); any other name as written.
pub fn known_domain(d: &str) -> &str {
    known_domains()
        .find(|k| k.eq_ignore_ascii_case(d))
        .unwrap_or(d)
}

/// The `format` that every JSON inventory declares (written by `export`, checked by
/// `validate`).
pub const INVENTORY_FORMAT: &str = "vendorgraph/1";

/// The function of the asset that a row of the `shares` table stands for (the spec gives it
/// none; reports show this name).
pub const SHARE_FUNCTION: &str = "share";

/// A known domain, its functions, and whether they are radio service units.
struct DomainEntry {
    name: &'static str,
    class: DomainClass,
    functions: &'static [&'static str],
    radio: &'static [&'static str],
}

/// How critical a domain is, after the EU toolbox's key assets and national lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DomainClass {
    /// Core network and network management and orchestration functions.
    Critical,
    /// Access, transport, virtualisation, edge and interconnection.
    Sensitive,
    /// Everything else (outsourced services, domains the inventory invents).
    Other,
}

const DOMAINS: &[DomainEntry] = &[
    DomainEntry {
        name: "core",
        class: DomainClass::Critical,
        functions: &[
            "amf", "smf", "upf", "ausf", "udm", "udr", "udsf", "pcf", "nrf", "nssf", "nef", "sepp",
            "scp", "nwdaf", "chf", "n3iwf", "tngf", "w-agf", "bsf", "smsf", "lmf", "nsacf",
            "nssaaf", "5g-eir", "af", "mme", "sgw", "pgw", "sgw-c", "sgw-u", "pgw-c", "pgw-u",
            "hss", "pcrf", "ims", "aaa", "li",
        ],
        radio: &[],
    },
    DomainEntry {
        name: "nmo",
        class: DomainClass::Critical,
        functions: &[
            "oss",
            "ems",
            "nms",
            "nfvo",
            "vnfm",
            "vim",
            "smo",
            "non-rt-ric",
            "sdn-controller",
            "orchestrator",
        ],
        radio: &[],
    },
    DomainEntry {
        name: RAN,
        class: DomainClass::Sensitive,
        functions: &[
            "enb",
            "gnb",
            "ru",
            "gnb-cu",
            "gnb-cu-cp",
            "gnb-cu-up",
            "gnb-du",
            "near-rt-ric",
        ],
        radio: &["enb", "gnb", "ru"],
    },
    DomainEntry {
        name: TRANSPORT,
        class: DomainClass::Sensitive,
        functions: &["router", "switch", "microwave", "optical"],
        radio: &[],
    },
    DomainEntry {
        name: "virtualisation",
        class: DomainClass::Sensitive,
        functions: &["nfvi", "cloud", "server"],
        radio: &[],
    },
    DomainEntry {
        name: "edge",
        class: DomainClass::Sensitive,
        functions: &["mec"],
        radio: &[],
    },
    DomainEntry {
        name: "interconnect",
        class: DomainClass::Sensitive,
        functions: &["ipx", "peering", "internet-gateway", "dns"],
        radio: &[],
    },
    DomainEntry {
        name: "services",
        class: DomainClass::Other,
        functions: &["managed-service"],
        radio: &[],
    },
];

/// What the vocabulary knows of one function name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionInfo {
    /// The domain the function implies.
    pub domain: &'static str,
    /// Whether assets of this function are radio service units.
    pub radio: bool,
    /// The generation the function implies (`enb` 4G, `gnb` 5G).
    pub generation: Option<Generation>,
}

/// Looks up a function name, already lower-cased.
pub fn function_info(lower_name: &str) -> Option<FunctionInfo> {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, FunctionInfo>> =
        std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            DOMAINS
                .iter()
                .flat_map(|d| d.functions.iter())
                .filter_map(|f| scan_function(f).map(|i| (*f, i)))
                .collect()
        })
        .get(lower_name)
        .copied()
}

fn scan_function(lower_name: &str) -> Option<FunctionInfo> {
    DOMAINS.iter().find_map(|d| {
        d.functions.contains(&lower_name).then(|| FunctionInfo {
            domain: d.name,
            radio: d.radio.contains(&lower_name),
            generation: match lower_name {
                "enb" => Some(Generation::G4),
                "gnb" => Some(Generation::G5),
                _ => None,
            },
        })
    })
}

/// Other spellings of the vocabulary's functions, as 3GPP (TS 23.501, TS 38.401, TS 37.340,
/// the TS 28.541 NRM classes), O-RAN and vendors write them, each with its vocabulary name.
/// Keys are normalised as [`canonical_function`] does: lower case, spaces and underscores as
/// `-`. Documented in `docs/inventory-format.md`.
const FUNCTION_ALIASES: &[(&str, &str)] = &[
    // E-UTRA base stations (TS 36.300; ng-eNB: TS 38.300, an LTE radio on a 5G core).
    ("enodeb", "enb"),
    ("e-nodeb", "enb"),
    ("evolved-nodeb", "enb"),
    ("ng-enb", "enb"),
    // NR base stations (TS 38.300; en-gNB: TS 37.340, the 5G radio of non-standalone).
    ("gnodeb", "gnb"),
    ("g-nodeb", "gnb"),
    ("en-gnb", "gnb"),
    // The gNB split (TS 38.401) and its NRM classes (TS 28.541), O-RAN's names.
    ("gnbdu", "gnb-du"),
    ("du", "gnb-du"),
    ("o-du", "gnb-du"),
    ("gnbcu", "gnb-cu"),
    ("cu", "gnb-cu"),
    ("o-cu", "gnb-cu"),
    ("gnbcucp", "gnb-cu-cp"),
    ("cu-cp", "gnb-cu-cp"),
    ("o-cu-cp", "gnb-cu-cp"),
    ("gnbcuup", "gnb-cu-up"),
    ("cu-up", "gnb-cu-up"),
    ("o-cu-up", "gnb-cu-up"),
    // Radio units: O-RAN, and vendors' remote radio heads and active antenna units.
    ("o-ru", "ru"),
    ("radio-unit", "ru"),
    ("rru", "ru"),
    ("rrh", "ru"),
    ("aau", "ru"),
    ("nearrtric", "near-rt-ric"),
    ("nonrtric", "non-rt-ric"),
    // Core functions as TS 23.501 / TS 23.401 write them with a hyphen or without.
    ("ngeir", "5g-eir"),
    ("5geir", "5g-eir"),
    ("s-gw", "sgw"),
    ("p-gw", "pgw"),
];

/// The vocabulary name of a function written in any case and any of its known spellings:
/// `eNodeB` and `eNB` give `enb`, `gNB-DU` and TS 28.541's `GNBDUFunction` give `gnb-du`,
/// `AMFFunction` gives `amf`. `None` when the name is outside the vocabulary.
pub fn canonical_function(name: &str) -> Option<&'static str> {
    let norm: String = name
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let known = |n: &str| {
        vocabulary_name(n).or_else(|| {
            FUNCTION_ALIASES
                .iter()
                .find(|(alias, _)| *alias == n)
                .map(|(_, v)| *v)
        })
    };
    known(&norm).or_else(|| {
        // TS 28.541 names the managed functions `<NF>Function` (`AMFFunction`).
        let stem = norm.strip_suffix("function")?;
        known(stem.strip_suffix('-').unwrap_or(stem))
    })
}

/// The vocabulary's `&'static` name for a lower-case function name.
fn vocabulary_name(lower: &str) -> Option<&'static str> {
    DOMAINS
        .iter()
        .flat_map(|d| d.functions.iter())
        .find(|f| **f == lower)
        .copied()
}

/// The vocabulary function closest to an unknown name, for a "did you mean" hint: at most
/// two edits away (one for names of up to four letters).
pub fn suggest_function(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    let limit = if lower.chars().count() <= 4 { 1 } else { 2 };
    let candidates = DOMAINS
        .iter()
        .flat_map(|d| d.functions.iter().map(|f| (*f, *f)))
        .chain(FUNCTION_ALIASES.iter().copied());
    let mut best: Option<(usize, &'static str)> = None;
    for (spelling, name) in candidates {
        let d = edit_distance(&lower, spelling);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, name));
        }
    }
    best.map(|(_, n)| n)
}

/// Whether a name (any case) is a cell of a radio network, which the format counts in a
/// radio asset's `weight`, not as an asset of its own.
pub fn is_cell_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("cell")
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The class of a domain name; names outside the vocabulary are `Other`.
pub fn domain_class(domain: &str) -> DomainClass {
    DOMAINS
        .iter()
        .find(|d| d.name == domain)
        .map_or(DomainClass::Other, |d| d.class)
}

/// The radio access network domain.
pub const RAN: &str = "ran";

/// The transport domain.
pub const TRANSPORT: &str = "transport";

/// The domains that grow with the number of sites (one asset or more per site): a diagram
/// of a large operator collapses them.
pub const PER_SITE_DOMAINS: [&str; 2] = [RAN, TRANSPORT];

/// The eight known domain names, in the order of the vocabulary table.
pub fn known_domains() -> impl Iterator<Item = &'static str> {
    DOMAINS.iter().map(|d| d.name)
}

/// Whether a domain "normally has links": every known domain does; an asset there with
/// no link at all is worth a warning.
pub fn domain_expects_links(domain: &str) -> bool {
    DOMAINS.iter().any(|d| d.name == domain)
}

/// The functions of a known domain (empty for unknown domains).
pub fn domain_functions(domain: &str) -> &'static [&'static str] {
    DOMAINS
        .iter()
        .find(|d| d.name == domain)
        .map_or(&[][..], |d| d.functions)
}

/// The function of an outsourced operation of the network (a managed-service provider).
pub const MANAGED_SERVICE: &str = "managed-service";

/// The network functions of a 5G standalone core, in the order a migration adds them.
pub const SA_FUNCTIONS: [&str; 8] = ["amf", "smf", "upf", "ausf", "udm", "nrf", "pcf", "nssf"];

/// The functions of the LTE core (EPC): a standalone gNB no longer depends on them.
pub const EPC_FUNCTIONS: [&str; 9] = [
    "mme", "sgw", "pgw", "sgw-c", "sgw-u", "pgw-c", "pgw-u", "hss", "pcrf",
];

/// Function names that code writes by name (the generator, the scenario steps), so that
/// no other module spells a vocabulary word. Each is in the table above (tested).
pub mod function {
    /// LTE base station.
    pub const ENB: &str = "enb";
    /// 5G base station.
    pub const GNB: &str = "gnb";
    /// EPC mobility management entity.
    pub const MME: &str = "mme";
    /// EPC serving gateway.
    pub const SGW: &str = "sgw";
    /// EPC packet data network gateway.
    pub const PGW: &str = "pgw";
    /// EPC home subscriber server.
    pub const HSS: &str = "hss";
    /// EPC policy and charging rules function.
    pub const PCRF: &str = "pcrf";
    /// 5GC access and mobility management function.
    pub const AMF: &str = "amf";
    /// 5GC session management function.
    pub const SMF: &str = "smf";
    /// 5GC user plane function.
    pub const UPF: &str = "upf";
    /// 5GC authentication server function.
    pub const AUSF: &str = "ausf";
    /// 5GC unified data management.
    pub const UDM: &str = "udm";
    /// 5GC policy control function.
    pub const PCF: &str = "pcf";
    /// 5GC network slice selection function.
    pub const NSSF: &str = "nssf";
    /// 5GC network repository function.
    pub const NRF: &str = "nrf";
    /// NFV infrastructure (a telco cloud).
    pub const NFVI: &str = "nfvi";
    /// A server (cluster).
    pub const SERVER: &str = "server";
    /// Operations support system.
    pub const OSS: &str = "oss";
    /// Element management system.
    pub const EMS: &str = "ems";
    /// A router.
    pub const ROUTER: &str = "router";

    /// Every constant of this module.
    pub const ALL: [&str; 20] = [
        ENB, GNB, MME, SGW, PGW, HSS, PCRF, AMF, SMF, UPF, AUSF, UDM, PCF, NSSF, NRF, NFVI, SERVER,
        OSS, EMS, ROUTER,
    ];
}

/// Whether a function (lower case) is a 5G base station: `gnb` or a split part `gnb-*`.
pub fn is_gnb(function: &str) -> bool {
    function == "gnb" || function.starts_with("gnb-")
}

/// A radio generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generation {
    /// LTE.
    G4,
    /// NR.
    G5,
}

impl Generation {
    /// Every generation.
    pub const ALL: [Generation; 2] = [Self::G4, Self::G5];

    /// Parses `4g` or `5g`, case-insensitively.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "4g" => Some(Self::G4),
            "5g" => Some(Self::G5),
            _ => None,
        }
    }

    /// The name as written in inventories.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::G4 => "4g",
            Self::G5 => "5g",
        }
    }
}

impl fmt::Display for Generation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a link: what the dependency means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    /// Hosted on a platform (NFVI, cloud, server).
    RunsOn,
    /// NSA (EN-DC) gNB on its LTE anchor eNB.
    AnchoredBy,
    /// Needs this function to give service.
    ConnectsTo,
    /// Configured by a management system.
    ManagedBy,
    /// Operated or maintained by an outsourced managed service.
    OperatedBy,
}

impl LinkKind {
    /// Every kind, in the order of the spec's table.
    pub const ALL: [LinkKind; 5] = [
        Self::RunsOn,
        Self::AnchoredBy,
        Self::ConnectsTo,
        Self::ManagedBy,
        Self::OperatedBy,
    ];

    /// Parses a kind name as written in inventories, in any case (`Connects_To`).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// The name as written in inventories.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RunsOn => "runs_on",
            Self::AnchoredBy => "anchored_by",
            Self::ConnectsTo => "connects_to",
            Self::ManagedBy => "managed_by",
            Self::OperatedBy => "operated_by",
        }
    }

    /// Whether the failure of the target takes down the dependent asset.
    pub fn propagates_failure(self) -> bool {
        matches!(self, Self::RunsOn | Self::AnchoredBy | Self::ConnectsTo)
    }

    /// Whether control over the target gives control over the dependent asset.
    pub fn propagates_control(self) -> bool {
        matches!(self, Self::RunsOn | Self::ManagedBy | Self::OperatedBy)
    }

    /// Whether the interface is open (lets either side come from another supplier) when
    /// the inventory does not say.
    pub fn open_by_default(self) -> bool {
        matches!(self, Self::RunsOn | Self::ConnectsTo | Self::OperatedBy)
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A supplier's risk profile as assessed by an authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Risk {
    /// Not assessed (the default).
    #[default]
    Unassessed,
    /// Low risk.
    Low,
    /// Medium risk.
    Medium,
    /// High risk (EU coordinated risk assessment §2.37).
    High,
}

impl Risk {
    /// Every risk, in the order of the spec's list.
    pub const ALL: [Risk; 4] = [Self::High, Self::Medium, Self::Low, Self::Unassessed];

    /// Parses a risk name as written in inventories, in any case (`High`, `HIGH`).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s))
    }

    /// The name as written in inventories.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Unassessed => "unassessed",
        }
    }
}

/// Checks the identifier syntax: 1 to 128 characters of `A-Z a-z 0-9 . _ : -`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_spellings_of_3gpp_and_vendors_are_the_vocabulary_names() {
        for (written, name) in [
            ("eNodeB", "enb"),
            ("eNB", "enb"),
            ("ENB", "enb"),
            ("gNodeB", "gnb"),
            ("gNB", "gnb"),
            ("gNB-DU", "gnb-du"),
            ("gNB DU", "gnb-du"),
            ("gNB-CU-CP", "gnb-cu-cp"),
            ("gNB_CU_UP", "gnb-cu-up"),
            ("GNBDUFunction", "gnb-du"),
            ("GNBCUCPFunction", "gnb-cu-cp"),
            ("AMFFunction", "amf"),
            ("NGEIRFunction", "5g-eir"),
            ("ng-eNB", "enb"),
            ("O-RU", "ru"),
            ("UPF", "upf"),
        ] {
            assert_eq!(canonical_function(written), Some(name), "{written}");
        }
        assert_eq!(canonical_function("toaster"), None);
        assert_eq!(canonical_function("NRCellDU"), None);
        // Every alias names a function of the vocabulary.
        for (_, name) in FUNCTION_ALIASES {
            assert!(function_info(name).is_some(), "{name}");
        }
    }

    #[test]
    fn unknown_functions_get_the_nearest_name() {
        assert_eq!(suggest_function("gnbb"), Some("gnb"));
        assert_eq!(suggest_function("amff"), Some("amf"));
        assert_eq!(suggest_function("eNodB"), Some("enb"));
        assert_eq!(suggest_function("gnb-dux"), Some("gnb-du"));
        assert_eq!(suggest_function("toaster"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn functions_map_to_domains_and_radio_units() {
        let gnb = function_info("gnb").unwrap();
        assert_eq!(gnb.domain, "ran");
        assert!(gnb.radio);
        assert_eq!(gnb.generation, Some(Generation::G5));
        let du = function_info("gnb-du").unwrap();
        assert!(!du.radio);
        assert_eq!(function_info("managed-service").unwrap().domain, "services");
        assert_eq!(function_info("5g-eir").unwrap().domain, "core");
        assert!(function_info("toaster").is_none());
    }

    #[test]
    fn every_function_is_in_one_domain_only() {
        let mut seen = std::collections::HashSet::new();
        for d in DOMAINS {
            for f in d.functions {
                assert!(seen.insert(*f), "{f} twice");
            }
            for r in d.radio {
                assert!(d.functions.contains(r));
            }
        }
    }

    #[test]
    fn link_kind_semantics_follow_the_spec_table() {
        use LinkKind::*;
        let table = [
            (RunsOn, true, true, true),
            (AnchoredBy, true, false, false),
            (ConnectsTo, true, false, true),
            (ManagedBy, false, true, false),
            (OperatedBy, false, true, true),
        ];
        for (k, fail, control, open) in table {
            assert_eq!(k.propagates_failure(), fail, "{k}");
            assert_eq!(k.propagates_control(), control, "{k}");
            assert_eq!(k.open_by_default(), open, "{k}");
            assert_eq!(LinkKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn closed_vocabularies_match_in_any_case() {
        assert_eq!(Risk::parse("HIGH"), Some(Risk::High));
        assert_eq!(Risk::parse("Low"), Some(Risk::Low));
        assert_eq!(Risk::parse("severe"), None);
        assert_eq!(LinkKind::parse("Connects_To"), Some(LinkKind::ConnectsTo));
        assert_eq!(LinkKind::parse("RUNS_ON"), Some(LinkKind::RunsOn));
        assert_eq!(LinkKind::parse("runs-on"), None);
        assert_eq!(Generation::parse("5G"), Some(Generation::G5));
        assert_eq!(known_domain("RAN"), "ran");
        assert_eq!(known_domain("Transport"), "transport");
        assert_eq!(known_domain("Satellite"), "Satellite");
        for r in Risk::ALL {
            assert_eq!(Risk::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("a-gnb_1.x:y"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(&"x".repeat(129)));
    }
}
