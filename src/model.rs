//! The validated inventory: what every analysis reads.
//!
//! An [`Inventory`] is built only by validation (`validate::validate`), so every value in it
//! holds the spec's rules: ids are unique and well formed, every reference resolves, every
//! weight is finite and non-negative, every link has distinct targets and a `need` between 1
//! and their number. Tables are sorted by id (links by their `from` asset, then kind and
//! targets), so that the same data gives the same inventory whatever the file order.

use std::collections::HashMap;
use std::fmt;

use crate::vocab::{Generation, LinkKind, Risk};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in its table.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// Position of a supplier in [`Inventory::suppliers`].
    SupplierIx
);
index_type!(
    /// Position of an operator in [`Inventory::operators`].
    OperatorIx
);
index_type!(
    /// Position of an asset in [`Inventory::assets`].
    AssetIx
);
index_type!(
    /// Position of a link in [`Inventory::links`].
    LinkIx
);
index_type!(
    /// Position of a domain name in [`Inventory::domains`].
    DomainIx
);
index_type!(
    /// Position of a function name in [`Inventory::functions`].
    FunctionIx
);

/// An ISO 3166-1 alpha-2 country code, checked on load.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country([u8; 2]);

impl Country {
    /// Makes a code from a checked two-letter string.
    ///
    /// # Panics
    /// When `code` is not two ASCII bytes (validation checks this first).
    pub fn new(code: &str) -> Self {
        let b = code.as_bytes();
        assert!(
            b.len() == 2 && b.is_ascii(),
            "country code must be two ASCII letters"
        );
        Self([b[0], b[1]])
    }

    /// The code as a string.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a datum comes from and what its author noted; passed through to reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    /// `source`: a report or export, with its date.
    pub source: Option<Box<str>>,
    /// `notes`: free text.
    pub notes: Option<Box<str>>,
}

/// A supplier.
#[derive(Clone, Debug, PartialEq)]
pub struct Supplier {
    /// Unique id.
    pub id: Box<str>,
    /// Display name.
    pub name: Option<Box<str>>,
    /// Headquarters.
    pub country: Country,
    /// The risk the inventory gives it (its own, not inherited from its group).
    pub risk: Risk,
    /// The corporate parent.
    pub group: Option<SupplierIx>,
    /// Provenance.
    pub provenance: Provenance,
}

/// A network operator.
#[derive(Clone, Debug, PartialEq)]
pub struct Operator {
    /// Unique id.
    pub id: Box<str>,
    /// Display name.
    pub name: Option<Box<str>>,
    /// The member state whose network this is.
    pub country: Country,
    /// Weight in national figures.
    pub subscribers: Option<u64>,
    /// Provenance.
    pub provenance: Provenance,
}

/// Free-text fields of an asset, kept apart because most assets have none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssetText {
    /// Display name.
    pub name: Option<Box<str>>,
    /// Site name.
    pub site: Option<Box<str>>,
    /// Provenance.
    pub provenance: Provenance,
}

/// A network element or service with one supplier.
#[derive(Clone, Debug, PartialEq)]
pub struct Asset {
    /// Unique id.
    pub id: Box<str>,
    /// Who runs it.
    pub operator: OperatorIx,
    /// Its function (lower case, interned in [`Inventory::functions`]).
    pub function: FunctionIx,
    /// Who supplies it.
    pub supplier: SupplierIx,
    /// Its domain (given, or implied by the function).
    pub domain: DomainIx,
    /// Its size (cells for radio assets); finite and >= 0.
    pub weight: f64,
    /// Its generation (given, or implied by the function).
    pub generation: Option<Generation>,
    /// Serves or sits in a sensitive area.
    pub sensitive: bool,
    /// Where it is operated from, when not from its operator's country.
    pub location: Option<Country>,
    /// Region, for selection and diagrams: read it with [`Inventory::region`].
    pub(crate) region: Label,
    /// Whether it is a radio service unit (`enb`, `gnb`, `ru`, or a share row in `ran`).
    pub radio: bool,
    /// Whether it stands for a row of the `shares` table (function [`SHARE_FUNCTION`],
    /// no link); writers give it back as that row.
    ///
    /// [`SHARE_FUNCTION`]: crate::vocab::SHARE_FUNCTION
    pub share: bool,
    /// Name, site and provenance, when any is given.
    pub text: Option<Box<AssetText>>,
}

/// A dependency: `from` depends on `need` of the distinct `targets`.
///
/// 32 bytes: its targets are a range of [`Inventory`]'s one target array, its interface an
/// index into the inventory's labels; read them with [`Inventory::targets`] and
/// [`Inventory::interface`].
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The dependent asset.
    pub from: AssetIx,
    /// What it depends on: distinct, sorted by asset id. More than one = alternatives.
    pub(crate) targets: Span,
    /// What the dependency means.
    pub kind: LinkKind,
    /// How many targets must be up; 1 <= need <= targets.len().
    pub need: u32,
    /// Interface label (`X2`, `N2`, ...).
    pub(crate) interface: Label,
    /// Whether the interface is open (given, or the kind's default).
    pub open: bool,
    /// Provenance, when any is given.
    pub(crate) provenance: Option<Box<Provenance>>,
}

impl Link {
    /// The number of targets.
    pub fn target_count(&self) -> usize {
        self.targets.len as usize
    }

    /// Provenance (empty when none is given).
    pub fn provenance(&self) -> &Provenance {
        static NONE: Provenance = Provenance {
            source: None,
            notes: None,
        };
        self.provenance.as_deref().unwrap_or(&NONE)
    }
}

// Millions of links and assets are alive together: keep them small (docs/BENCHMARKS.md).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<Link>() == 32 && size_of::<Asset>() == 64);

/// A range of [`Inventory`]'s target array.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Span {
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// An optional text of few distinct values (an interface, a region): 0 for none, else one
/// more than its index in [`Inventory`]'s sorted labels, so that labels compare as their
/// texts do (none first).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Label(pub(crate) u32);

impl Label {
    /// No text.
    pub(crate) const NONE: Label = Label(0);
}

/// A validated inventory.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    /// Sorted by id.
    pub suppliers: Vec<Supplier>,
    /// Sorted by id.
    pub operators: Vec<Operator>,
    /// Sorted by id.
    pub assets: Vec<Asset>,
    /// Sorted by `from` (that is, by the from asset's id), then kind, then targets.
    pub links: Vec<Link>,
    /// Domain names used by assets, sorted.
    pub domains: Vec<Box<str>>,
    /// Function names used by assets, lower case, sorted.
    pub functions: Vec<Box<str>>,
    /// The targets of every link, each link's a range, in link order.
    pub(crate) targets: Vec<AssetIx>,
    /// Texts of few distinct values (interfaces, regions), sorted: see [`Label`].
    pub(crate) labels: Vec<Box<str>>,
}

impl Inventory {
    /// The supplier at `ix`.
    pub fn supplier(&self, ix: SupplierIx) -> &Supplier {
        &self.suppliers[ix.index()]
    }

    /// The operator at `ix`.
    pub fn operator(&self, ix: OperatorIx) -> &Operator {
        &self.operators[ix.index()]
    }

    /// The asset at `ix`.
    pub fn asset(&self, ix: AssetIx) -> &Asset {
        &self.assets[ix.index()]
    }

    /// The link at `ix`.
    pub fn link(&self, ix: LinkIx) -> &Link {
        &self.links[ix.index()]
    }

    /// The name of a domain.
    pub fn domain_name(&self, ix: DomainIx) -> &str {
        &self.domains[ix.index()]
    }

    /// The name of a function.
    pub fn function_name(&self, ix: FunctionIx) -> &str {
        &self.functions[ix.index()]
    }

    /// The targets of a link: distinct, sorted by asset id.
    pub fn targets(&self, link: &Link) -> &[AssetIx] {
        &self.targets[link.targets.range()]
    }

    /// The interface label of a link (`X2`, `N2`, ...).
    pub fn interface(&self, link: &Link) -> Option<&str> {
        self.label(link.interface)
    }

    /// The region of an asset.
    pub fn region(&self, asset: &Asset) -> Option<&str> {
        self.label(asset.region)
    }

    fn label(&self, l: Label) -> Option<&str> {
        l.0.checked_sub(1).map(|i| &*self.labels[i as usize])
    }

    /// Finds a supplier by id (binary search: the table is sorted).
    pub fn supplier_ix(&self, id: &str) -> Option<SupplierIx> {
        self.suppliers
            .binary_search_by(|s| (*s.id).cmp(id))
            .ok()
            .map(|i| SupplierIx(i as u32))
    }

    /// Finds an operator by id.
    pub fn operator_ix(&self, id: &str) -> Option<OperatorIx> {
        self.operators
            .binary_search_by(|s| (*s.id).cmp(id))
            .ok()
            .map(|i| OperatorIx(i as u32))
    }

    /// Finds an asset by id.
    pub fn asset_ix(&self, id: &str) -> Option<AssetIx> {
        self.assets
            .binary_search_by(|s| (*s.id).cmp(id))
            .ok()
            .map(|i| AssetIx(i as u32))
    }

    /// Finds a domain by name.
    pub fn domain_ix(&self, name: &str) -> Option<DomainIx> {
        self.domains
            .binary_search_by(|s| (**s).cmp(name))
            .ok()
            .map(|i| DomainIx(i as u32))
    }

    /// The root of a supplier's group chain (itself when it has no group).
    ///
    /// Validation guarantees the chain has no cycle.
    pub fn group_root(&self, mut s: SupplierIx) -> SupplierIx {
        // The chain is acyclic, so it ends within `suppliers.len()` steps.
        for _ in 0..=self.suppliers.len() {
            match self.supplier(s).group {
                Some(g) => s = g,
                None => return s,
            }
        }
        s
    }

    /// Whether the supplier or any supplier on its group chain has risk `high`.
    pub fn chain_is_high_risk(&self, mut s: SupplierIx) -> bool {
        for _ in 0..=self.suppliers.len() {
            let sup = self.supplier(s);
            if sup.risk == Risk::High {
                return true;
            }
            match sup.group {
                Some(g) => s = g,
                None => return false,
            }
        }
        false
    }

    /// The country an asset is operated from: its `location`, else its operator's country.
    pub fn asset_location(&self, a: AssetIx) -> Country {
        let asset = self.asset(a);
        asset
            .location
            .unwrap_or_else(|| self.operator(asset.operator).country)
    }

    /// Counts of suppliers, operators, assets and links.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.suppliers.len(),
            self.operators.len(),
            self.assets.len(),
            self.links.len(),
        )
    }

    /// Index from id to position for every asset (for callers that resolve many ids).
    pub fn asset_index_map(&self) -> HashMap<&str, AssetIx> {
        self.assets
            .iter()
            .enumerate()
            .map(|(i, a)| (&*a.id, AssetIx(i as u32)))
            .collect()
    }
}
