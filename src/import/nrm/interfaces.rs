//! The end points of TS 28.541 (`EP_F1C`, `EP_NgC`, `EP_N11`, ...) and which side of each
//! interface depends on which: an end point and its remote end give one dependency, from the
//! consumer to the provider, whichever side the end point was written on.

use crate::vocab::LinkKind;

/// What an interface between two functions means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Functions of `from` depend on functions of `to`, with a link of `kind`.
    Depends {
        /// The dependent functions.
        from: &'static [&'static str],
        /// The functions they depend on.
        to: &'static [&'static str],
        /// The link kind.
        kind: LinkKind,
    },
    /// Between peers (neighbour base stations, two UPFs, two NRFs): no dependency.
    Peer,
}

/// One end point class.
#[derive(Clone, Copy, Debug)]
pub struct Interface {
    /// The class without `EP_`, lower case (`f1c`, `ngc`, `n11`).
    pub class: &'static str,
    /// The link's `interface` label.
    pub label: &'static str,
    /// Who depends on whom.
    pub rule: Rule,
}

const DU: &[&str] = &["gnb-du"];
const CU_CP: &[&str] = &["gnb-cu-cp", "gnb-cu"];
const CU_UP: &[&str] = &["gnb-cu-up", "gnb-cu"];
const RAN_CP: &[&str] = &["gnb-cu-cp", "gnb-cu", "gnb", "enb"];
const RAN_UP: &[&str] = &["gnb-cu-up", "gnb-cu", "gnb", "enb"];
const EN_GNB: &[&str] = &["gnb-cu-cp", "gnb-cu", "gnb", "gnb-du"];
const EN_GNB_UP: &[&str] = &["gnb-cu-up", "gnb-cu", "gnb"];

const fn dep(
    class: &'static str,
    label: &'static str,
    from: &'static [&'static str],
    to: &'static [&'static str],
) -> Interface {
    Interface {
        class,
        label,
        rule: Rule::Depends {
            from,
            to,
            kind: LinkKind::ConnectsTo,
        },
    }
}

const fn peer(class: &'static str, label: &'static str) -> Interface {
    Interface {
        class,
        label,
        rule: Rule::Peer,
    }
}

const fn anchor(
    class: &'static str,
    label: &'static str,
    from: &'static [&'static str],
) -> Interface {
    Interface {
        class,
        label,
        rule: Rule::Depends {
            from,
            to: &["enb"],
            kind: LinkKind::AnchoredBy,
        },
    }
}

/// Every end point class that is mapped (documented in `docs/import-nrm.md`).
pub const INTERFACES: &[Interface] = &[
    // The gNB split (TS 38.401): the DU needs its CU.
    dep("f1c", "F1-C", DU, CU_CP),
    dep("f1u", "F1-U", DU, CU_UP),
    dep("e1", "E1", &["gnb-cu-up"], &["gnb-cu-cp"]),
    // RAN to the 5G core (TS 38.413): N2 to the AMF, N3 to the UPF.
    dep("ngc", "N2", RAN_CP, &["amf"]),
    dep("n2", "N2", RAN_CP, &["amf"]),
    dep("ngu", "N3", RAN_UP, &["upf"]),
    dep("n3", "N3", RAN_UP, &["upf"]),
    // EN-DC (TS 37.340): X2 from an en-gNB to its LTE anchor.
    anchor("x2c", "X2-C", EN_GNB),
    anchor("x2u", "X2-U", EN_GNB_UP),
    // LTE to the EPC.
    dep("rp_eps", "S1", &["enb"], &["mme", "sgw"]),
    dep("s1c", "S1-MME", &["enb"], &["mme"]),
    dep("s1u", "S1-U", &["enb"], &["sgw", "sgw-u"]),
    // 5GC reference points (TS 23.501 §4.2.7), consumer first.
    dep("n4", "N4", &["smf"], &["upf"]),
    dep("n5", "N5", &["af"], &["pcf"]),
    dep("n7", "N7", &["smf"], &["pcf"]),
    dep("n8", "N8", &["amf"], &["udm"]),
    dep("n10", "N10", &["smf"], &["udm"]),
    dep("n11", "N11", &["amf"], &["smf"]),
    dep("n12", "N12", &["amf"], &["ausf"]),
    dep("n13", "N13", &["ausf"], &["udm"]),
    dep("n15", "N15", &["amf"], &["pcf"]),
    dep("n20", "N20", &["amf"], &["smsf"]),
    dep("n21", "N21", &["smsf"], &["udm"]),
    dep("n22", "N22", &["amf"], &["nssf"]),
    dep("n28", "N28", &["pcf"], &["chf"]),
    dep("n35", "N35", &["udm"], &["udr"]),
    dep("n36", "N36", &["pcf"], &["udr"]),
    dep("n40", "N40", &["smf"], &["chf"]),
    dep("n51", "N51", &["amf"], &["nef"]),
    dep("n52", "N52", &["nef"], &["udm"]),
    // Between peers: a neighbour's or a peer's failure takes nothing down.
    peer("xnc", "Xn-C"),
    peer("xnu", "Xn-U"),
    peer("n9", "N9"),
    peer("n14", "N14"),
    peer("n16", "N16"),
    peer("n27", "N27"),
    peer("n32", "N32"),
];

/// The interface of an end point class (`EP_F1C`, any case); `None` when not mapped.
pub fn interface(class: &str) -> Option<&'static Interface> {
    let lower = class.to_ascii_lowercase();
    let stem = lower.strip_prefix("ep_")?;
    INTERFACES.iter().find(|i| i.class == stem)
}

/// The dependency an interface gives between the functions at its two ends: `(true,
/// kind)` when `a` depends on `b`, `(false, kind)` when `b` depends on `a`; `None` when
/// the ends do not fit it.
pub fn orient(rule: Rule, a: &str, b: &str) -> Option<(bool, LinkKind)> {
    let Rule::Depends { from, to, kind } = rule else {
        return None;
    };
    if from.contains(&a) && to.contains(&b) {
        Some((true, kind))
    } else if from.contains(&b) && to.contains(&a) {
        Some((false, kind))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_end_gives_the_same_dependency() {
        let f1 = interface("EP_F1C").unwrap();
        assert_eq!(
            orient(f1.rule, "gnb-du", "gnb-cu-cp"),
            Some((true, LinkKind::ConnectsTo))
        );
        assert_eq!(
            orient(f1.rule, "gnb-cu-cp", "gnb-du"),
            Some((false, LinkKind::ConnectsTo))
        );
        assert_eq!(orient(f1.rule, "gnb-du", "amf"), None);
        let x2 = interface("ep_x2c").unwrap();
        assert_eq!(
            orient(x2.rule, "enb", "gnb-cu-cp"),
            Some((false, LinkKind::AnchoredBy))
        );
        assert_eq!(orient(x2.rule, "enb", "enb"), None);
        assert_eq!(interface("EP_XnC").unwrap().rule, Rule::Peer);
        assert!(interface("EP_N6").is_none() && interface("F1C").is_none());
    }
}
