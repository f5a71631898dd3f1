//! Dependency diagrams as Graphviz DOT documents (`vendorgraph diagram`).
//!
//! The only module that knows graphviz-rust. A diagram is built as graphviz-rust's AST
//! (`Graph`, `Subgraph`, `Node`, `Edge`, `Attribute`) and printed with its printer. That
//! printer writes every identifier verbatim and escapes nothing, so every attribute value
//! here is made by [`escape_label`] or `quoted` ([`escape`]), never by pasting inventory
//! text into DOT.
//!
//! Two views, drawn from an [`Assessment`](crate::assess::Assessment) and computing no
//! figure of their own:
//! - [`operator_view`]: one operator's assets, clustered by domain, filled by supplier,
//!   with high-risk suppliers outlined in red, links styled by kind, alternatives drawn
//!   as one "need k of n" node, lock-in groups banded, and large RAN and transport layers
//!   collapsed into one node per (function, supplier, region);
//! - [`country_view`]: a country's operators and, per domain, their suppliers, with edges
//!   weighted by each operator's part of the national share.
//!
//! The files follow the steps of a view: [`select`] picks what an operator view draws,
//! [`collapse`] folds large layers into buckets, [`state`] gathers each drawn node's and
//! edge's state, [`operator`] and [`country`] emit the DOT statements, [`legend`] the
//! legends; [`style`] holds colours, number formats and statement builders. Turning the
//! text into SVG or PNG (running Graphviz) is the caller's business: this module does no
//! I/O.

mod collapse;
mod country;
mod escape;
mod legend;
mod operator;
mod select;
mod state;
mod style;

use graphviz_rust::dot_structures::Graph;
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::analysis::{ControlPath, DownSet};
use crate::model::{AssetIx, SupplierIx};

pub use country::country_view;
pub use escape::{MAX_LABEL_CHARS, escape_label};
pub use operator::operator_view;
pub use style::{SharedLook, shared_looks, supplier_colour};

/// Operator views that draw more assets of the per-site layers (RAN, transport) than this
/// are collapsed unless told otherwise. Measured with `dot -Tsvg` on the operators of
/// `fixtures/europe` (86 to 98 such assets each): full views 11,400 to 13,400 pt wide
/// (15,000 to 18,000 px), collapsed 2,700 to 5,200 pt, then scaled to
/// [`MAX_WIDTH_INCHES`].
pub const COLLAPSE_THRESHOLD: usize = 40;

/// When collapsing, groups of at least this many assets become one node; a lone asset
/// stays as it is.
pub const MIN_COLLAPSED: usize = 2;

/// A collapsed operator view is scaled down by Graphviz to at most this width in inches
/// (`size`): 3,000 pt, 4,000 px at 96 px per inch.
pub const MAX_WIDTH_INCHES: &str = "41.67,1000";

/// Whether to collapse the RAN and transport layers of an operator view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Collapse {
    /// Collapse when the view draws more than [`COLLAPSE_THRESHOLD`] per-site assets.
    #[default]
    Auto,
    /// Always draw every asset.
    Never,
    /// Always collapse.
    Always,
}

/// What to draw on top of a view: data the caller took from the assessment.
#[derive(Clone, Debug, Default)]
pub struct DiagramOptions {
    /// Collapsing of large layers (operator view only).
    pub collapse: Collapse,
    /// The supplier to highlight (country view: its nodes, edges and outages).
    pub highlight_supplier: Option<SupplierIx>,
    /// What fails when the highlighted supplier fails (operator view), from
    /// [`Assessment::down_set`](crate::assess::Assessment::down_set).
    pub down: Option<DownSet>,
    /// The asset whose exposure path to draw (operator view), with its path from
    /// [`Assessment::exposure_path`](crate::assess::Assessment::exposure_path): `None`
    /// when the asset is not exposed.
    pub path: Option<(AssetIx, Option<ControlPath>)>,
    /// Mark the operator's critical assets (analyses.md section 8), as the assessment
    /// lists them (operator view).
    pub highlight_critical: bool,
}

/// A diagram ready to print as DOT.
pub struct Diagram {
    graph: Graph,
    /// Facts a reader should know that the picture may not make obvious (for standard
    /// error), e.g. that the asset given for a path is not exposed.
    pub notes: Vec<String>,
    /// Number of nodes drawn, legend included.
    pub nodes: usize,
    /// Number of edges drawn, legend included.
    pub edges: usize,
    /// Whether layers were collapsed.
    pub collapsed: bool,
}

impl Diagram {
    /// The DOT text of the diagram.
    pub fn to_dot(&self) -> String {
        let mut text = self.graph.print(&mut PrinterContext::default());
        text.push('\n');
        text
    }
}
