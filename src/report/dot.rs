//! Dependency diagrams as Graphviz DOT documents (`vendorgraph diagram`).
//!
//! The only module that knows graphviz-rust. A diagram is built as graphviz-rust's AST
//! (`Graph`, `Subgraph`, `Node`, `Edge`, `Attribute`) and printed with its printer. That
//! printer writes every identifier verbatim and escapes nothing, so every attribute value
//! here is made by [`escape_label`] or `quoted`, never by pasting inventory text into DOT.
//!
//! Two views:
//! - [`operator_view`]: one operator's assets, clustered by domain, filled by supplier,
//!   with high-risk suppliers outlined in red, links styled by kind, alternatives drawn
//!   as one "need k of n" node, lock-in groups banded, and large RAN and transport layers
//!   collapsed into one node per (function, supplier, region);
//! - [`country_view`]: a country's operators and, per domain, their suppliers, with edges
//!   weighted by national share.
//!
//! [`render`] runs Graphviz's `dot` to turn a document into SVG or PNG.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::analysis::{Context, ExposurePaths, LockinGroups, ScanResult, concentration, down_set};
use crate::model::{AssetIx, DomainIx, FunctionIx, LinkIx, OperatorIx, SupplierIx};
use crate::vocab::{self, LinkKind};

/// Operators with more assets than this are drawn collapsed unless told otherwise.
pub const COLLAPSE_THRESHOLD: usize = 200;

/// When collapsing, only groups of at least this many assets become one node; smaller
/// ones (a region's two aggregation routers) stay as they are.
pub const MIN_COLLAPSED: usize = 10;

/// Labels longer than this many characters are cut, ending with an ellipsis.
pub const MAX_LABEL_CHARS: usize = 48;

/// Whether to collapse the RAN and transport layers of an operator view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Collapse {
    /// Collapse when the operator has more than [`COLLAPSE_THRESHOLD`] assets.
    #[default]
    Auto,
    /// Always draw every asset.
    Never,
    /// Always collapse.
    Always,
}

/// What to draw on top of a view.
#[derive(Clone, Debug, Default)]
pub struct DiagramOptions {
    /// Collapsing of large layers (operator view only).
    pub collapse: Collapse,
    /// Colour what fails when this supplier fails (its down set).
    pub highlight_supplier: Option<SupplierIx>,
    /// Draw the exposure path of this asset (operator view only).
    pub path: Option<AssetIx>,
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

/// An image format that Graphviz renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
}

/// Why [`render`] failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No `dot` program on the `PATH`.
    #[error(
        "failed to run `dot`: Graphviz is not installed (install the Debian package `graphviz`, \
         e.g. `apt-get install graphviz`), or write DOT with `--format dot`"
    )]
    NotInstalled,
    /// `dot` could not be started or talked to.
    #[error("failed to run `dot`")]
    Io(#[source] std::io::Error),
    /// `dot` ran and failed.
    #[error("`dot` failed ({status}): {stderr}")]
    Failed {
        /// Its exit status.
        status: String,
        /// What it printed on standard error.
        stderr: String,
    },
}

impl Diagram {
    /// The DOT text of the diagram.
    pub fn to_dot(&self) -> String {
        let mut text = self.graph.print(&mut PrinterContext::default());
        text.push('\n');
        text
    }
}

impl ImageFormat {
    /// The name `dot -T` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        }
    }
}

/// Renders DOT text with Graphviz's `dot` program, piping the text in.
///
/// # Errors
/// [`RenderError::NotInstalled`] when there is no `dot` on the `PATH`; otherwise when
/// `dot` cannot be run or fails.
pub fn render(dot: &str, format: ImageFormat) -> Result<Vec<u8>, RenderError> {
    let mut child = match Command::new("dot")
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(RenderError::NotInstalled);
        }
        Err(e) => return Err(RenderError::Io(e)),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Feed the text from another thread: `dot` may fill its output pipe before it has
    // read all of its input.
    let output = std::thread::scope(|s| {
        let writer = s.spawn(move || stdin.write_all(dot.as_bytes()));
        let output = child.wait_with_output();
        let written = writer.join().unwrap_or(Ok(()));
        (output, written)
    });
    let (output, written) = output;
    let output = output.map_err(RenderError::Io)?;
    if !output.status.success() {
        return Err(RenderError::Failed {
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    // A broken pipe with a successful exit cannot happen; any other write error is real.
    written.map_err(RenderError::Io)?;
    Ok(output.stdout)
}

/// Escapes one line of text as a quoted DOT string that Graphviz shows literally.
///
/// The text is cut to [`MAX_LABEL_CHARS`] characters (ending with `…`); control
/// characters, newlines included, become spaces; `\` and `"` are escaped for DOT;
/// `{`, `}`, `|`, `<` and `>` are escaped so that a record shape could not read them
/// as fields or ports; and `&` is written `&amp;` because Graphviz decodes HTML
/// entities in labels. Graphviz's own escapes (`\n`, `\N`, `\G`, …) therefore never
/// come from the data.
pub fn escape_label(text: &str) -> String {
    quoted_raw(&escape_line(text, MAX_LABEL_CHARS))
}

/// Escapes one line of label text, cut to `max` characters, without the quotes.
fn escape_line(text: &str, max: usize) -> String {
    let count = text.chars().count();
    let cut: Box<dyn Iterator<Item = char>> = if count > max {
        Box::new(
            text.chars()
                .take(max.saturating_sub(1))
                .chain(std::iter::once('…')),
        )
    } else {
        Box::new(text.chars())
    };
    let mut out = String::with_capacity(text.len().min(max.saturating_mul(4)) + 8);
    for c in cut {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '{' | '}' | '|' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Wraps already escaped text in quotes.
fn quoted_raw(escaped: &str) -> String {
    format!("\"{escaped}\"")
}

/// A quoted DOT string for a value we write ourselves (colours, styles, numbers) or an
/// id: escaped all the same, but never cut.
fn quoted(value: &str) -> Id {
    Id::Escaped(quoted_raw(&escape_line(value, usize::MAX)))
}

/// A multi-line label: each line escaped and cut on its own, joined by Graphviz's `\n`
/// (centred) or `\l` (left-justified).
#[derive(Default)]
struct Label {
    lines: Vec<String>,
    left: bool,
}

impl Label {
    fn new() -> Self {
        Label::default()
    }

    fn left() -> Self {
        Label {
            lines: Vec::new(),
            left: true,
        }
    }

    fn line(mut self, text: impl AsRef<str>) -> Self {
        self.lines.push(escape_line(text.as_ref(), MAX_LABEL_CHARS));
        self
    }

    fn push(&mut self, text: impl AsRef<str>) {
        self.lines.push(escape_line(text.as_ref(), MAX_LABEL_CHARS));
    }

    /// A line that may be longer than a node label (titles), cut at `max`.
    fn push_long(&mut self, text: impl AsRef<str>, max: usize) {
        self.lines.push(escape_line(text.as_ref(), max));
    }

    fn id(&self) -> Id {
        if self.left {
            let mut s = self.lines.join("\\l");
            s.push_str("\\l");
            Id::Escaped(quoted_raw(&s))
        } else {
            Id::Escaped(quoted_raw(&self.lines.join("\\n")))
        }
    }
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), quoted(value))
}

fn label_attr(label: &Label) -> Attribute {
    Attribute(Id::Plain("label".to_owned()), label.id())
}

fn tooltip_attr(text: &str) -> Attribute {
    Attribute(
        Id::Plain("tooltip".to_owned()),
        Id::Escaped(quoted_raw(&escape_tooltip(text))),
    )
}

/// Escapes a tooltip (one line, cut at 400 characters).
///
/// Graphviz expands its escapes in tooltips twice (2.43 turns `\\N` into the node's
/// name), so no escaping of a backslash survives: a backslash shows as `⧵` (U+29F5,
/// reverse solidus operator) instead. Tooltips read no record or HTML syntax, so `{`,
/// `|` and `<` stay as they are; `"` and `&` are escaped as in labels.
fn escape_tooltip(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let count = text.chars().count();
    let max = 400;
    for (i, c) in text.chars().enumerate() {
        if count > max && i == max - 1 {
            out.push('…');
            break;
        }
        match c {
            '\\' => out.push('⧵'),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn node_id(name: &str) -> NodeId {
    NodeId(quoted(name), None)
}

fn node_stmt(name: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(node_id(name), attributes))
}

fn edge_stmt(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes,
    })
}

fn cluster(name: &str, attributes: Vec<Attribute>, mut stmts: Vec<Stmt>) -> Stmt {
    let mut body: Vec<Stmt> = attributes.into_iter().map(Stmt::Attribute).collect();
    body.append(&mut stmts);
    Stmt::Subgraph(Subgraph {
        id: quoted(&format!("cluster_{name}")),
        stmts: body,
    })
}

// Fill colours of suppliers, in the order of their ids (ColorBrewer Set3 and Pastel2,
// light enough for black text). Their oranges are left out, as orange marks what is down
// in a highlight; the salmon of Set3 comes last, being the nearest to the red that marks
// high-risk suppliers.
const PALETTE: &[&str] = &[
    "#8dd3c7", "#ffffb3", "#bebada", "#80b1d3", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd",
    "#ccebc5", "#ffed6f", "#b3e2cd", "#cbd5e8", "#f4cae4", "#e6f5c9", "#fff2ae", "#f1e2cc",
    "#fb8072",
];
const HIGH_RISK: &str = "#d7191c";
const OUTLINE: &str = "#404040";
const PATH: &str = "#0050d0";
const FAILED: &str = "#d94801";
const DOWN: &str = "#fd8d3c";
const PARTLY_DOWN: &str = "#fdd0a2";
// Band colours of lock-in groups, by group weight (no red: red marks high risk).
const BANDS: &[&str] = &[
    "#525252", "#08519c", "#54278f", "#006d2c", "#8c2d04", "#7a0177", "#01665e", "#8c6d31",
];
const CLOSED_PEN: &str = "2.2";
const FONT: &str = "Helvetica";

/// The look of each link kind: colour, style, what it means.
fn kind_style(kind: LinkKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        LinkKind::ConnectsTo => ("#4d4d4d", "solid", "needs it to give service (failure)"),
        LinkKind::AnchoredBy => ("#8c510a", "solid", "NSA anchor (failure)"),
        LinkKind::RunsOn => ("#1b7837", "solid", "hosted on (failure and control)"),
        LinkKind::ManagedBy => ("#762a83", "dashed", "configured by (control)"),
        LinkKind::OperatedBy => ("#c51b7d", "dashed", "operated by (control)"),
    }
}

/// Supplier fill colours, by the order of the ids of the suppliers drawn.
struct Palette {
    colours: HashMap<SupplierIx, &'static str>,
    order: Vec<SupplierIx>,
}

impl Palette {
    fn new(suppliers: impl IntoIterator<Item = SupplierIx>) -> Self {
        // SupplierIx follows id order, so sorting indices sorts by id.
        let order: Vec<SupplierIx> = suppliers
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let colours = order
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, PALETTE[i % PALETTE.len()]))
            .collect();
        Palette { colours, order }
    }

    fn of(&self, s: SupplierIx) -> &'static str {
        self.colours.get(&s).copied().unwrap_or("#ffffff")
    }
}

/// Formats a count with thousands separators.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Formats a weight: whole numbers with separators, others with two decimals.
fn weight(w: f64) -> String {
    if w.fract() == 0.0 && w.abs() < 1e15 {
        count(w as usize)
    } else {
        format!("{w:.2}")
    }
}

/// Formats a share from 0 to 1 as a percentage with at most one decimal.
fn pct(x: f64) -> String {
    let p = (x * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

fn hhi(h: f64) -> String {
    count(h.round().max(0.0) as usize)
}

// ---------------------------------------------------------------------------------------
// Operator view.

/// A drawn node of the operator view: one asset, or one collapsed bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Asset(AssetIx),
    Bucket(u32),
}

/// One end of a drawn edge: a node, or the group node of a link with alternatives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum End {
    Node(Key),
    Group(u32),
}

/// What collapses into one node: the assets of one operator with the same domain,
/// function, supplier and region.
type BucketKey = (
    OperatorIx,
    DomainIx,
    FunctionIx,
    SupplierIx,
    Option<Box<str>>,
);

struct Bucket {
    key: BucketKey,
    members: Vec<AssetIx>,
}

/// What makes links with alternatives one group node: kind, need, open, interface, the
/// drawn targets (sorted), the number of targets, on the path. Not the `from`: links from
/// several assets to the same alternatives (a pool) share one node.
type GroupKey = (LinkKind, u32, bool, Option<Box<str>>, Vec<Key>, usize, bool);

/// The group node of one or more links to the same alternatives.
struct Group {
    kind: LinkKind,
    // The drawn targets, sorted.
    target_keys: Vec<Key>,
    need: u32,
    targets: usize,
    open: bool,
    interface: Option<Box<str>>,
    links: usize,
    down: bool,
    path: bool,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct EdgeKey {
    from: End,
    to: End,
    kind: LinkKind,
    open: bool,
    interface: Option<Box<str>>,
    path: bool,
}

struct EdgeData {
    key: EdgeKey,
    links: usize,
    down: bool,
}

/// Per drawn node: member count, down members, whether on the path.
#[derive(Default, Clone, Copy)]
struct NodeState {
    members: usize,
    down: usize,
    failed: usize,
    weight: f64,
    path: bool,
    locked: usize,
    // The band of the first (heaviest) lock-in group among the members.
    band: Option<usize>,
}

/// Draws one operator: its assets by domain, what they depend on, who supplies them.
///
/// `lockin` are the lock-in groups of the same graph. Highlights follow `options`.
pub fn operator_view(
    cx: &Context<'_>,
    lockin: &LockinGroups,
    o: OperatorIx,
    options: &DiagramOptions,
) -> Diagram {
    let g = cx.graph;
    let inv = g.inventory();
    let own = g.operator_assets(o);
    let op = inv.operator(o);
    let mut notes = Vec::new();
    let collapsed = match options.collapse {
        Collapse::Auto => own.len() > COLLAPSE_THRESHOLD,
        Collapse::Never => false,
        Collapse::Always => true,
    };

    // The exposure path, when asked for: its assets stay single nodes.
    let mut path: Vec<AssetIx> = Vec::new();
    let mut path_kind = None;
    if let Some(a) = options.path {
        let paths = ExposurePaths::new(cx);
        match paths.high_risk.path(g, a) {
            Some(p) => {
                path_kind = p.first_kind();
                path = p.assets().to_vec();
            }
            None => notes.push(format!(
                "asset \"{}\" is not exposed: no control path reaches a high-risk supplier",
                inv.asset(a).id
            )),
        }
    }
    let mut steps: HashSet<(AssetIx, AssetIx)> = HashSet::new();
    for w in path.windows(2) {
        steps.insert((w[0], w[1]));
    }
    // Assets on the path, drawn in the path's colour.
    let path_set: HashSet<AssetIx> = path.iter().copied().collect();
    // Assets never collapsed: the path's, and the asset asked about even when it has none.
    let pinned: HashSet<AssetIx> = path_set.iter().copied().chain(options.path).collect();

    // The links drawn: every link of the operator's assets, and the steps of the path
    // that start at another operator's asset.
    let mut links: Vec<LinkIx> = Vec::new();
    for &a in own {
        links.extend(g.links_from(a));
    }
    for w in path.windows(2) {
        if inv.asset(w[0]).operator != o {
            links.extend(g.links_from(w[0]).filter(|&l| {
                let link = inv.link(l);
                link.kind.propagates_control() && link.targets.contains(&w[1])
            }));
        }
    }

    // Every asset drawn: the operator's, the targets of drawn links, the path.
    let mut outside: BTreeSet<AssetIx> = BTreeSet::new();
    for &l in &links {
        for &t in inv.link(l).targets.iter() {
            if inv.asset(t).operator != o {
                outside.insert(t);
            }
        }
    }
    for &a in &pinned {
        if inv.asset(a).operator != o {
            outside.insert(a);
        }
    }
    let drawn: Vec<AssetIx> = own.iter().copied().chain(outside.iter().copied()).collect();

    // Collapse buckets of at least MIN_COLLAPSED assets in the per-site layers.
    let collapsible = |a: AssetIx| {
        let d = inv.domain_name(inv.asset(a).domain);
        collapsed && (d == "ran" || d == "transport") && !pinned.contains(&a)
    };
    let bucket_key = |a: AssetIx| {
        let x = inv.asset(a);
        (
            x.operator,
            x.domain,
            x.function,
            x.supplier,
            x.region.clone(),
        )
    };
    let mut bucket_members: BTreeMap<BucketKey, Vec<AssetIx>> = BTreeMap::new();
    for &a in &drawn {
        if collapsible(a) {
            bucket_members.entry(bucket_key(a)).or_default().push(a);
        }
    }
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut key_of: HashMap<AssetIx, Key> = HashMap::with_capacity(drawn.len());
    for (key, members) in bucket_members {
        if members.len() < MIN_COLLAPSED {
            continue;
        }
        let b = Key::Bucket(buckets.len() as u32);
        for &m in &members {
            key_of.insert(m, b);
        }
        buckets.push(Bucket { key, members });
    }
    for &a in &drawn {
        key_of.entry(a).or_insert(Key::Asset(a));
    }

    // The down set of the highlighted supplier.
    let down = options.highlight_supplier.map(|s| down_set(g, &[s]));
    let is_down = |a: AssetIx| down.as_ref().is_some_and(|d| d.contains(a));

    // Lock-in groups drawn, heaviest first, each with its band colour.
    let mut drawn_groups: Vec<&crate::analysis::LockinGroup> = Vec::new();
    {
        let mut seen_groups: HashSet<&str> = HashSet::new();
        for &a in &drawn {
            if let Some(gr) = lockin.group_of(a)
                && seen_groups.insert(&gr.id)
            {
                drawn_groups.push(gr);
            }
        }
    }
    drawn_groups.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.id.cmp(&b.id)));
    let band_index: HashMap<&str, usize> = drawn_groups
        .iter()
        .enumerate()
        .map(|(i, gr)| (gr.id.as_str(), i))
        .collect();

    // Node states.
    let mut state: HashMap<Key, NodeState> = HashMap::with_capacity(drawn.len());
    for &a in &drawn {
        let s = state.entry(key_of[&a]).or_default();
        let x = inv.asset(a);
        s.members += 1;
        s.weight += x.weight;
        s.down += usize::from(is_down(a));
        s.failed += usize::from(options.highlight_supplier == Some(x.supplier));
        s.path |= path_set.contains(&a);
        if let Some(gr) = lockin.group_of(a) {
            s.locked += 1;
            let b = band_index[gr.id.as_str()];
            s.band = Some(s.band.map_or(b, |x| x.min(b)));
        }
    }

    // Edges, deduplicated: alternatives become one group node per (from, kind, need,
    // targets) and parallel edges of collapsed nodes one edge with a count.
    let mut groups: Vec<Group> = Vec::new();
    let mut group_index: HashMap<GroupKey, u32> = HashMap::new();
    let mut edges: Vec<EdgeData> = Vec::new();
    let mut edge_index: HashMap<EdgeKey, usize> = HashMap::new();
    let mut add_edge = |key: EdgeKey, down: bool, edges: &mut Vec<EdgeData>| {
        let i = *edge_index.entry(key.clone()).or_insert_with(|| {
            edges.push(EdgeData {
                key,
                links: 0,
                down: false,
            });
            edges.len() - 1
        });
        edges[i].links += 1;
        edges[i].down |= down;
    };
    for &l in &links {
        let link = inv.link(l);
        let from = key_of[&link.from];
        let step = |t: AssetIx| link.kind.propagates_control() && steps.contains(&(link.from, t));
        let fails = link.kind.propagates_failure();
        if link.targets.len() == 1 {
            let t = link.targets[0];
            let to = key_of[&t];
            add_edge(
                EdgeKey {
                    from: End::Node(from),
                    to: End::Node(to),
                    kind: link.kind,
                    open: link.open,
                    interface: link.interface.clone(),
                    path: step(t),
                },
                fails && is_down(link.from) && is_down(t),
                &mut edges,
            );
            continue;
        }
        let on_path = link.targets.iter().any(|&t| step(t));
        let mut target_keys: Vec<Key> = link.targets.iter().map(|t| key_of[t]).collect();
        target_keys.sort_unstable();
        target_keys.dedup();
        let up = link.targets.iter().filter(|&&t| !is_down(t)).count();
        let link_down = down.is_some() && fails && (up as u32) < link.need;
        let gkey = (
            link.kind,
            link.need,
            link.open,
            link.interface.clone(),
            target_keys.clone(),
            link.targets.len(),
            on_path,
        );
        let gi = *group_index.entry(gkey).or_insert_with(|| {
            groups.push(Group {
                kind: link.kind,
                target_keys,
                need: link.need,
                targets: link.targets.len(),
                open: link.open,
                interface: link.interface.clone(),
                links: 0,
                down: false,
                path: on_path,
            });
            (groups.len() - 1) as u32
        });
        let group = &mut groups[gi as usize];
        group.links += 1;
        group.down |= link_down;
        add_edge(
            EdgeKey {
                from: End::Node(from),
                to: End::Group(gi),
                kind: link.kind,
                open: link.open,
                interface: link.interface.clone(),
                path: on_path,
            },
            link_down && is_down(link.from),
            &mut edges,
        );
        for &t in link.targets.iter() {
            add_edge(
                EdgeKey {
                    from: End::Group(gi),
                    to: End::Node(key_of[&t]),
                    kind: link.kind,
                    open: link.open,
                    interface: None,
                    path: step(t),
                },
                link_down && is_down(t),
                &mut edges,
            );
        }
    }

    // Supplier colours, over the suppliers drawn.
    let palette = Palette::new(drawn.iter().map(|&a| inv.asset(a).supplier));

    // Node names in the DOT text: asset ids, and names with a `/` (which ids cannot
    // hold) for everything else.
    let name_of = |k: Key| match k {
        Key::Asset(a) => inv.asset(a).id.to_string(),
        Key::Bucket(b) => {
            let (_, d, f, s, r) = &buckets[b as usize].key;
            // The number keeps names unique whatever the function and region hold.
            format!(
                "collapsed/{b}/{}/{}/{}/{}",
                inv.domain_name(*d),
                inv.function_name(*f),
                inv.supplier(*s).id,
                r.as_deref().unwrap_or("")
            )
        }
    };
    let end_name = |e: End| match e {
        End::Node(k) => name_of(k),
        End::Group(gi) => format!("alternatives/{gi}"),
    };
    // How tooltips name a node.
    let describe = |k: Key| match k {
        Key::Asset(a) => inv.asset(a).id.to_string(),
        Key::Bucket(b) => {
            let bucket = &buckets[b as usize];
            let (_, _, f, s, r) = &bucket.key;
            format!(
                "{} {} of {} in {}",
                count(bucket.members.len()),
                inv.function_name(*f),
                inv.supplier(*s).id,
                r.as_deref().unwrap_or("no region")
            )
        }
    };
    let describe_end = |e: End| match e {
        End::Node(k) => describe(k),
        End::Group(gi) => {
            let g = &groups[gi as usize];
            format!("need {} of {}", g.need, g.targets)
        }
    };

    // Nodes, by cluster: the operator's domains in vocabulary order, then other
    // operators' assets.
    let figures = concentration(cx, o);
    let mut by_domain: BTreeMap<(usize, DomainIx), Vec<Key>> = BTreeMap::new();
    let mut foreign: Vec<Key> = Vec::new();
    let mut seen: HashSet<Key> = HashSet::new();
    for &a in &drawn {
        let k = key_of[&a];
        if !seen.insert(k) {
            continue;
        }
        let x = inv.asset(a);
        if x.operator != o {
            foreign.push(k);
        } else {
            let name = inv.domain_name(x.domain);
            let rank = vocab::known_domains()
                .position(|d| d == name)
                .unwrap_or(usize::MAX);
            by_domain.entry((rank, x.domain)).or_default().push(k);
        }
    }

    let mut stmts: Vec<Stmt> = Vec::new();
    let mut nodes = 0usize;
    let node_stmt_for = |k: Key| -> Stmt {
        let st = state[&k];
        let (first, supplier) = match k {
            Key::Asset(a) => (a, inv.asset(a).supplier),
            Key::Bucket(b) => {
                let m = buckets[b as usize].members[0];
                (m, inv.asset(m).supplier)
            }
        };
        let x = inv.asset(first);
        let sup = inv.supplier(supplier);
        let high = cx.high_risk[supplier.index()];
        let function = inv.function_name(x.function);
        let mut label = Label::new();
        let mut tooltip = String::new();
        match k {
            Key::Asset(_) => {
                label.push(&*x.id);
                label.push(format!("{function} · {}", sup.id));
                if let Some(name) = x.text.as_ref().and_then(|t| t.name.as_deref()) {
                    label.push(name);
                }
                let mut flags = Vec::new();
                if x.radio {
                    flags.push(format!("weight {}", weight(x.weight)));
                }
                if x.sensitive {
                    flags.push("sensitive".to_owned());
                }
                if !flags.is_empty() {
                    label.push(flags.join(" · "));
                }
                let _ = write!(
                    tooltip,
                    "{} ({function}, {}) · supplier {}",
                    x.id,
                    inv.domain_name(x.domain),
                    sup.id
                );
                if let Some(n) = &sup.name {
                    let _ = write!(tooltip, " ({n}, {})", sup.country);
                }
                if x.operator != o {
                    let _ = write!(tooltip, " · operator {}", inv.operator(x.operator).id);
                }
                if let Some(site) = x.text.as_ref().and_then(|t| t.site.as_deref()) {
                    let _ = write!(tooltip, " · site {site}");
                }
                if let Some(r) = &x.region {
                    let _ = write!(tooltip, " · region {r}");
                }
                let _ = write!(tooltip, " · weight {}", weight(x.weight));
            }
            Key::Bucket(_) => {
                label.push(format!("{function} × {}", count(st.members)));
                label.push(format!(
                    "{} · {}",
                    sup.id,
                    x.region.as_deref().unwrap_or("no region")
                ));
                label.push(format!("weight {}", weight(st.weight)));
                if st.locked > 0 {
                    label.push(format!("{} in lock-in groups", count(st.locked)));
                }
                let _ = write!(
                    tooltip,
                    "{} {function} assets of {} in region {}, weight {}",
                    count(st.members),
                    sup.id,
                    x.region.as_deref().unwrap_or("(none)"),
                    weight(st.weight)
                );
            }
        }
        if high {
            tooltip.push_str(" · HIGH-RISK supplier");
        }
        let mut fill = palette.of(supplier).to_owned();
        let mut font = "black";
        if down.is_some() && st.down > 0 {
            if st.down == st.members {
                if st.failed == st.members {
                    fill = FAILED.to_owned();
                    font = "white";
                    label.push("DOWN (failed supplier)");
                } else {
                    fill = DOWN.to_owned();
                    label.push("DOWN");
                }
            } else {
                fill = PARTLY_DOWN.to_owned();
                label.push(format!("{} of {} down", count(st.down), count(st.members)));
            }
        }
        let mut style = vec!["filled"];
        if let Some(b) = st.band {
            // A dark band on the right: the node is part of a lock-in group.
            fill = format!("{fill};0.9:{}", BANDS[b % BANDS.len()]);
            style.push("striped");
        } else {
            style.push("rounded");
        }
        let (outline, pen) = if st.path && !high {
            (PATH, "4")
        } else if high {
            (HIGH_RISK, if st.path { "5" } else { "3" })
        } else {
            (OUTLINE, "1")
        };
        let mut attrs = vec![
            label_attr(&label),
            attr("fillcolor", &fill),
            attr("style", &style.join(",")),
            attr("color", outline),
            attr("penwidth", pen),
            tooltip_attr(&tooltip),
        ];
        if font != "black" {
            attrs.push(attr("fontcolor", font));
        }
        if st.band.is_some() {
            // Room for the band on the right, so that it does not run under the text.
            attrs.push(attr("margin", "0.3,0.06"));
        }
        if matches!(k, Key::Bucket(_)) {
            attrs.push(attr("peripheries", "2"));
        }
        node_stmt(&name_of(k), attrs)
    };

    for keys in by_domain.values_mut() {
        // Assets by id, then collapsed nodes by (function, supplier, region).
        keys.sort_unstable();
    }
    for ((_, d), keys) in &by_domain {
        let dname = inv.domain_name(*d);
        let mut label = Label::left().line(dname.to_uppercase());
        if let Some(f) = figures.iter().find(|f| f.domain == dname) {
            label.push(format!("HHI {} ({})", hhi(f.hhi), f.band.as_str()));
            label.push(format!("top: {} {}", f.top.supplier, pct(f.top.share)));
            if f.high_risk_share > 0.0 {
                label.push(format!("high-risk share {}", pct(f.high_risk_share)));
            }
        }
        let body: Vec<Stmt> = keys.iter().map(|&k| node_stmt_for(k)).collect();
        nodes += body.len();
        stmts.push(cluster(
            &format!("domain_{}", d.index()),
            vec![
                label_attr(&label),
                attr("style", "rounded"),
                attr("color", "#999999"),
                attr("fontsize", "12"),
                attr("labeljust", "l"),
            ],
            body,
        ));
    }
    if !foreign.is_empty() {
        let body: Vec<Stmt> = foreign.iter().map(|&k| node_stmt_for(k)).collect();
        nodes += body.len();
        stmts.push(cluster(
            "other_operators",
            vec![
                label_attr(&Label::new().line("assets of other operators")),
                attr("style", "dashed,rounded"),
                attr("color", "#999999"),
                attr("fontsize", "12"),
                attr("labeljust", "l"),
            ],
            body,
        ));
    }

    // Group nodes sit outside the clusters: they belong to the link, not to a domain.
    for (gi, group) in groups.iter().enumerate() {
        let mut label = Label::new().line(format!("need {} of {}", group.need, group.targets));
        if group.links > 1 {
            label.push(format!("× {} links", count(group.links)));
        }
        let (colour, _, _) = kind_style(group.kind);
        let mut attrs = vec![
            label_attr(&label),
            attr("shape", "oval"),
            attr("style", "filled"),
            attr("fillcolor", if group.down { DOWN } else { "white" }),
            attr("color", if group.path { PATH } else { colour }),
            attr("fontsize", "9"),
            attr("margin", "0.02,0.02"),
            attr("height", "0.3"),
            tooltip_attr(&format!(
                "alternatives ({}{}): {} of {} must be up: {} · {} link{}",
                group.kind,
                group
                    .interface
                    .as_deref()
                    .map(|i| format!(", {i}"))
                    .unwrap_or_default(),
                group.need,
                group.targets,
                group
                    .target_keys
                    .iter()
                    .map(|&k| describe(k))
                    .collect::<Vec<_>>()
                    .join(", "),
                count(group.links),
                if group.links == 1 { "" } else { "s" }
            )),
        ];
        if group.path {
            attrs.push(attr("penwidth", "3"));
        } else if !group.open {
            attrs.push(attr("penwidth", "2.5"));
        }
        stmts.push(node_stmt(&format!("alternatives/{gi}"), attrs));
        nodes += 1;
    }

    // Edges.
    let edge_count = edges.len();
    for e in &edges {
        let k = &e.key;
        let (colour, style, _) = kind_style(k.kind);
        let mut text = k.interface.as_deref().unwrap_or("").to_owned();
        let into_group = matches!(k.to, End::Group(_));
        if e.links > 1 && !matches!(k.from, End::Group(_)) {
            if !text.is_empty() {
                text.push(' ');
            }
            let _ = write!(text, "× {}", count(e.links));
        }
        let mut styles = vec![style];
        let mut pen = 1.2;
        if !k.open {
            styles.push("bold");
            pen = 2.2;
        }
        let mut colour = colour;
        if e.down && down.is_some() {
            colour = FAILED;
            pen += 1.0;
        }
        if k.path {
            colour = PATH;
            pen = 4.5;
        }
        let mut attrs = vec![
            attr("color", colour),
            attr("style", &styles.join(",")),
            attr("penwidth", &format!("{pen}")),
        ];
        if !text.is_empty() {
            attrs.push(label_attr(&Label::new().line(&text)));
        }
        if into_group {
            attrs.push(attr("arrowhead", "none"));
        }
        if k.path {
            attrs.push(attr("fontcolor", PATH));
        }
        attrs.push(tooltip_attr(&format!(
            "{} {} {}{}{}",
            describe_end(k.from),
            k.kind,
            describe_end(k.to),
            k.interface
                .as_deref()
                .map(|i| format!(" over {i}"))
                .unwrap_or_default(),
            if k.open {
                " (open interface)"
            } else {
                " (closed interface: lock-in)"
            }
        )));
        stmts.push(edge_stmt(&end_name(k.from), &end_name(k.to), attrs));
    }

    // Legend: the suppliers drawn and the styles used.
    const LEGEND_BANDS: usize = 8;
    let bands: Vec<Band> = drawn_groups
        .iter()
        .take(LEGEND_BANDS)
        .enumerate()
        .map(|(i, gr)| Band {
            id: gr.id.clone(),
            assets: gr.assets,
            suppliers: gr.suppliers.join(", "),
            colour: BANDS[i % BANDS.len()],
        })
        .collect();
    let (legend, legend_nodes, legend_edges) =
        operator_legend(cx, &palette, &bands, down.is_some(), !path.is_empty());
    stmts.push(legend);
    nodes += legend_nodes;

    // Title.
    let mut title = Label::left();
    title.push_long(
        format!(
            "{}{} ({}) · supply-chain dependencies",
            op.id,
            op.name
                .as_deref()
                .map(|n| format!(" · {n}"))
                .unwrap_or_default(),
            op.country
        ),
        120,
    );
    let radio: Vec<AssetIx> = own
        .iter()
        .copied()
        .filter(|&a| inv.asset(a).radio)
        .collect();
    let radio_weight: f64 = radio.iter().map(|&a| inv.asset(a).weight).sum();
    let locked_groups = lockin.figures(g, o).groups.len();
    let mut facts = format!(
        "{} assets · radio weight {} · {} lock-in group{}",
        count(own.len()),
        weight(radio_weight),
        locked_groups,
        if locked_groups == 1 { "" } else { "s" }
    );
    if collapsed {
        let _ = write!(
            facts,
            " · RAN and transport collapsed per (function, supplier, region)"
        );
    }
    title.push_long(facts, 160);
    if let (Some(s), Some(d)) = (options.highlight_supplier, &down) {
        let down_weight: f64 = radio
            .iter()
            .filter(|&&a| d.contains(a))
            .map(|&a| inv.asset(a).weight)
            .sum();
        let down_assets = own.iter().filter(|&&a| d.contains(a)).count();
        title.push_long(
            format!(
                "if {} fails: {} of {} assets down · outage {} of radio weight",
                inv.supplier(s).id,
                count(down_assets),
                count(own.len()),
                if radio_weight > 0.0 {
                    pct(down_weight / radio_weight)
                } else {
                    "undefined (no radio weight)".to_owned()
                }
            ),
            160,
        );
    }
    if let Some(a) = options.path {
        let line = if path.is_empty() {
            format!("{}: not exposed to a high-risk supplier", inv.asset(a).id)
        } else {
            let ids: Vec<&str> = path.iter().map(|&p| &*inv.asset(p).id).collect();
            let end = inv.asset(*path.last().expect("a path has its start"));
            format!(
                "exposure path ({}): {} · high-risk supplier {}",
                path_kind.map_or("direct", LinkKind::as_str),
                ids.join(" → "),
                inv.supplier(end.supplier).id
            )
        };
        title.push_long(line, 200);
    }

    let mut all = header(&title, "TB", "0.7");
    all.extend(stmts);
    Diagram {
        graph: Graph::DiGraph {
            id: Id::Plain("vendorgraph".to_owned()),
            strict: false,
            stmts: all,
        },
        notes,
        nodes,
        edges: edge_count + legend_edges,
        collapsed,
    }
}

/// The statements every diagram starts with: defaults and the title.
fn header(title: &Label, rankdir: &str, ranksep: &str) -> Vec<Stmt> {
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            label_attr(title),
            attr("labelloc", "t"),
            attr("labeljust", "l"),
            attr("fontname", FONT),
            attr("fontsize", "16"),
            attr("rankdir", rankdir),
            attr("nodesep", "0.25"),
            attr("ranksep", ranksep),
            attr("newrank", "true"),
            attr("bgcolor", "white"),
            attr("pad", "0.3"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "box"),
            attr("style", "filled,rounded"),
            attr("fontname", FONT),
            attr("fontsize", "10"),
            attr("margin", "0.12,0.06"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("fontsize", "8"),
            attr("arrowsize", "0.7"),
        ])),
    ]
}

/// A lock-in group as the legend shows it.
struct Band {
    id: String,
    assets: usize,
    suppliers: String,
    colour: &'static str,
}

/// The first node of a list of statements.
fn first_node(stmts: &[Stmt]) -> Option<NodeId> {
    stmts.iter().find_map(|s| match s {
        Stmt::Node(n) => Some(n.id.clone()),
        _ => None,
    })
}

/// A row of legend nodes side by side, in the order given: invisible edges chain them
/// from left to right.
fn legend_row(name: &str, stmts: Vec<Stmt>) -> (Stmt, usize) {
    let names: Vec<NodeId> = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some(n.id.clone()),
            _ => None,
        })
        .collect();
    let mut body = vec![Stmt::Attribute(attr("rank", "same"))];
    body.extend(stmts);
    let mut edges = 0;
    for w in names.windows(2) {
        body.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(w[0].clone()), Vertex::N(w[1].clone())),
            attributes: vec![attr("style", "invis")],
        }));
        edges += 1;
    }
    (
        Stmt::Subgraph(Subgraph {
            id: quoted(name),
            stmts: body,
        }),
        edges,
    )
}

/// The legend of the operator view, in short rows so that it stays a narrow column: the
/// suppliers drawn, the lock-in groups, a sample of each link style, and the other marks.
/// Returns the cluster and its node and edge counts.
fn operator_legend(
    cx: &Context<'_>,
    palette: &Palette,
    bands: &[Band],
    highlight: bool,
    path: bool,
) -> (Stmt, usize, usize) {
    const PER_ROW: usize = 3;
    let inv = cx.graph.inventory();
    let mut rows: Vec<Vec<Stmt>> = Vec::new();
    let mut extra: Vec<Stmt> = Vec::new();
    let mut nodes = 0;
    let mut edges = 0;

    let mut swatches = Vec::new();
    for &s in &palette.order {
        let sup = inv.supplier(s);
        let mut label = Label::new().line(&*sup.id);
        let mut detail = sup.name.as_deref().unwrap_or("").to_owned();
        if !detail.is_empty() {
            detail.push(' ');
        }
        let _ = write!(detail, "({})", sup.country);
        label.push(detail);
        let high = cx.high_risk[s.index()];
        if high {
            label.push("HIGH-RISK");
        }
        swatches.push(node_stmt(
            &format!("legend/supplier/{}", sup.id),
            vec![
                label_attr(&label),
                attr("fillcolor", palette.of(s)),
                attr("color", if high { HIGH_RISK } else { OUTLINE }),
                attr("penwidth", if high { "3" } else { "1" }),
                attr("fontsize", "9"),
            ],
        ));
        nodes += 1;
    }
    while !swatches.is_empty() {
        let rest = swatches.split_off(PER_ROW.min(swatches.len()));
        rows.push(std::mem::replace(&mut swatches, rest));
    }

    if !bands.is_empty() {
        let mut cells = vec![node_stmt(
            "legend/lockin",
            vec![
                label_attr(
                    &Label::new()
                        .line("lock-in groups")
                        .line("(replace together):"),
                ),
                attr("shape", "plaintext"),
                attr("style", ""),
                attr("fontsize", "9"),
            ],
        )];
        nodes += 1;
        for b in bands {
            let label = Label::new().line(format!("group {}", b.id)).line(format!(
                "{} assets · {}",
                count(b.assets),
                b.suppliers
            ));
            cells.push(node_stmt(
                &format!("legend/lockin/{}", b.id),
                vec![
                    label_attr(&label),
                    attr("fillcolor", &format!("white;0.9:{}", b.colour)),
                    attr("style", "filled,striped"),
                    attr("fontsize", "9"),
                    attr("margin", "0.3,0.04"),
                ],
            ));
            nodes += 1;
        }
        while !cells.is_empty() {
            let rest = cells.split_off(PER_ROW.min(cells.len()));
            rows.push(std::mem::replace(&mut cells, rest));
        }
    }

    let mut samples: Vec<(String, Vec<Attribute>)> = LinkKind::ALL
        .iter()
        .map(|&k| {
            let (colour, style, meaning) = kind_style(k);
            (
                format!("{k}: {meaning}"),
                vec![
                    attr("color", colour),
                    attr("style", style),
                    attr("penwidth", "1.2"),
                ],
            )
        })
        .collect();
    samples.push((
        "closed interface: lock-in pair".to_owned(),
        vec![
            attr("color", "#4d4d4d"),
            attr("style", "bold"),
            attr("penwidth", CLOSED_PEN),
        ],
    ));
    if highlight {
        samples.push((
            "failure propagates".to_owned(),
            vec![attr("color", FAILED), attr("penwidth", "2.2")],
        ));
    }
    if path {
        samples.push((
            "exposure path".to_owned(),
            vec![attr("color", PATH), attr("penwidth", "4.5")],
        ));
    }
    // Two samples a row: each is two points and a labelled edge between them.
    for (r, chunk) in samples.chunks(2).enumerate() {
        let mut row = Vec::new();
        for (j, (text, attrs)) in chunk.iter().enumerate() {
            let i = r * 2 + j;
            let a = format!("legend/edge/{i}/from");
            let b = format!("legend/edge/{i}/to");
            for n in [&a, &b] {
                row.push(node_stmt(
                    n,
                    vec![
                        attr("shape", "point"),
                        attr("width", "0.04"),
                        attr("style", "filled"),
                        attr("color", "#666666"),
                    ],
                ));
            }
            let mut attrs = attrs.clone();
            attrs.push(attr("arrowsize", "0.6"));
            attrs.push(attr("minlen", "2"));
            attrs.push(label_attr(&Label::new().line(text)));
            attrs.push(attr("fontsize", "9"));
            extra.push(edge_stmt(&a, &b, attrs));
            nodes += 2;
            edges += 1;
        }
        rows.push(row);
    }

    let mut marks = Label::left();
    let mut mark = |text: &str| marks.push_long(text, 100);
    mark("red outline: high-risk supplier (its own mark or its group's)");
    mark("dark band on the right: member of a lock-in group,");
    mark("  its colour tells which group");
    mark("oval \"need k of n\": one link with alternatives,");
    mark("  k of its n targets must be up");
    mark("double border: collapsed assets of one function,");
    mark("  supplier and region");
    if highlight {
        mark("dark orange: the failed supplier's assets;");
        mark("  orange: down with them; pale: partly down");
    }
    if path {
        mark("blue outline and edges: the exposure path");
    }
    rows.push(vec![node_stmt(
        "legend/marks",
        vec![
            label_attr(&marks),
            attr("shape", "note"),
            attr("style", "filled"),
            attr("fillcolor", "#f7f7f7"),
            attr("fontsize", "9"),
        ],
    )]);
    nodes += 1;

    // Rows go one under another: an invisible edge from each row's first node to the next.
    let firsts: Vec<NodeId> = rows.iter().filter_map(|r| first_node(r)).collect();
    for w in firsts.windows(2) {
        extra.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(w[0].clone()), Vertex::N(w[1].clone())),
            attributes: vec![attr("style", "invis")],
        }));
        edges += 1;
    }
    let mut body = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let (stmt, n) = legend_row(&format!("legend_row_{i}"), row);
        body.push(stmt);
        edges += n;
    }
    body.extend(extra);
    (
        cluster(
            "legend",
            vec![
                label_attr(&Label::new().line("legend")),
                attr("style", "rounded"),
                attr("color", "#bbbbbb"),
                attr("fontsize", "12"),
                attr("labeljust", "l"),
            ],
            body,
        ),
        nodes,
        edges,
    )
}

// ---------------------------------------------------------------------------------------
// Country view.

/// Draws one country: its operators and, per domain, their suppliers, with edges weighted
/// by each operator's part of the national share. `None` when no operator is in `country`.
///
/// `scan` is the scan of the same graph and context. With a highlighted supplier, its
/// nodes and edges are coloured and each operator shows its outage if it fails.
pub fn country_view(
    cx: &Context<'_>,
    scan: &ScanResult,
    country: &str,
    options: &DiagramOptions,
) -> Option<Diagram> {
    let inv = cx.graph.inventory();
    let figures = scan.countries.iter().find(|c| c.country == country)?;
    let ops: Vec<&crate::analysis::OperatorFigures> = figures
        .operators
        .iter()
        .filter_map(|id| scan.operators.iter().find(|f| &f.id == id))
        .collect();
    if ops.is_empty() {
        return None;
    }
    let by_subscribers = matches!(
        figures.weighting,
        crate::analysis::NationalScope::Subscribers
    );
    let w = |f: &crate::analysis::OperatorFigures| {
        if by_subscribers {
            f.subscribers.unwrap_or(0) as f64
        } else {
            1.0
        }
    };
    let total_w: f64 = ops.iter().map(|f| w(f)).sum();
    let highlight = options.highlight_supplier;
    let highlight_id = highlight.map(|s| inv.supplier(s).id.to_string());

    let mut domains: Vec<&crate::analysis::CountryDomain> = figures.domains.iter().collect();
    domains.sort_by_key(|d| {
        (
            vocab::known_domains()
                .position(|k| k == d.domain)
                .unwrap_or(usize::MAX),
            d.domain.clone(),
        )
    });
    let palette = Palette::new(
        domains
            .iter()
            .flat_map(|d| d.suppliers.iter())
            .filter_map(|s| inv.supplier_ix(&s.supplier)),
    );

    let mut stmts = Vec::new();
    let mut nodes = 0;
    let mut edges = 0;

    // Operators.
    let mut op_body = Vec::new();
    for f in &ops {
        let mut label = Label::new().line(&f.id);
        if let Some(n) = &f.name {
            label.push(n);
        }
        if by_subscribers {
            label.push(format!(
                "{} subscribers · {}",
                count(f.subscribers.unwrap_or(0) as usize),
                pct(w(f) / total_w)
            ));
        } else {
            label.push(format!("weight {}", pct(w(f) / total_w)));
        }
        let mut fill = "#eeeeee";
        if let Some(sid) = &highlight_id {
            let line = if f.outage.units_weight <= 0.0 {
                "no radio units".to_owned()
            } else {
                let o = f
                    .outage
                    .suppliers
                    .iter()
                    .find(|s| &s.supplier == sid)
                    .map_or(0.0, |s| s.outage);
                if o >= 0.5 {
                    fill = DOWN;
                } else if o > 0.0 {
                    fill = PARTLY_DOWN;
                }
                format!("if {sid} fails: {} of radio down", pct(o))
            };
            label.push(line);
        }
        op_body.push(node_stmt(
            &format!("operator/{}", f.id),
            vec![
                label_attr(&label),
                attr("fillcolor", fill),
                attr("fontsize", "11"),
                tooltip_attr(&format!(
                    "operator {}{}",
                    f.id,
                    f.name
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default()
                )),
            ],
        ));
        nodes += 1;
    }
    stmts.push(cluster(
        "operators",
        vec![
            label_attr(&Label::new().line(format!(
                "operators ({})",
                if by_subscribers {
                    "weighted by subscribers"
                } else {
                    "weighted equally"
                }
            ))),
            attr("style", "rounded"),
            attr("color", "#999999"),
            attr("fontsize", "12"),
        ],
        op_body,
    ));

    // Suppliers per domain.
    for (di, d) in domains.iter().enumerate() {
        let mut label = Label::left().line(d.domain.to_uppercase());
        label.push(format!("national HHI {} ({})", hhi(d.hhi), d.band.as_str()));
        if d.high_risk_share > 0.0 {
            label.push(format!("high-risk share {}", pct(d.high_risk_share)));
        }
        let mut body = Vec::new();
        for s in &d.suppliers {
            let Some(six) = inv.supplier_ix(&s.supplier) else {
                continue;
            };
            let high = cx.high_risk[six.index()];
            let mut l = Label::new().line(&s.supplier);
            l.push(format!(
                "{} national · {} operator{}",
                pct(s.share),
                s.operators,
                if s.operators == 1 { "" } else { "s" }
            ));
            if high {
                l.push("HIGH-RISK");
            }
            let lit = highlight == Some(six);
            let mut attrs = vec![
                label_attr(&l),
                attr("fillcolor", if lit { FAILED } else { palette.of(six) }),
                attr("color", if high { HIGH_RISK } else { OUTLINE }),
                attr("penwidth", if high { "3" } else { "1" }),
                tooltip_attr(&format!(
                    "{} in {} of {}: {} of the national weight",
                    s.supplier,
                    d.domain,
                    country,
                    pct(s.share)
                )),
            ];
            if lit {
                attrs.push(attr("fontcolor", "white"));
            }
            body.push(node_stmt(
                &format!("domain/{}/{}", d.domain, s.supplier),
                attrs,
            ));
            nodes += 1;
        }
        stmts.push(cluster(
            &format!("domain_{di}"),
            vec![
                label_attr(&label),
                attr("style", "rounded"),
                attr("color", "#999999"),
                attr("fontsize", "12"),
                attr("labeljust", "r"),
            ],
            body,
        ));
    }

    // Edges: operator -> supplier in domain, weighted by its part of the national share.
    for (oi, f) in ops.iter().enumerate() {
        for d in &f.domains {
            let Some(cd) = domains.iter().find(|c| c.domain == d.domain) else {
                continue;
            };
            // The operators that have this domain share the national weight.
            let domain_w: f64 = ops
                .iter()
                .filter(|g| g.domains.iter().any(|x| x.domain == cd.domain))
                .map(|g| w(g))
                .sum();
            for s in &d.suppliers {
                if s.share <= 0.0 || domain_w <= 0.0 {
                    continue;
                }
                let part = w(f) * s.share / domain_w;
                let lit = highlight_id.as_deref() == Some(s.supplier.as_str());
                let high = inv
                    .supplier_ix(&s.supplier)
                    .is_some_and(|x| cx.high_risk[x.index()]);
                let colour = if lit {
                    FAILED
                } else if high {
                    HIGH_RISK
                } else {
                    "#7f7f7f"
                };
                stmts.push(edge_stmt(
                    &format!("operator/{}", f.id),
                    &format!("domain/{}/{}", d.domain, s.supplier),
                    vec![
                        // The figure sits at the supplier's end, clear of the wide
                        // strokes in the middle.
                        Attribute(
                            Id::Plain("headlabel".to_owned()),
                            Label::new().line(pct(part)).id(),
                        ),
                        attr("labeldistance", "3"),
                        // Spread the figures of several operators at one supplier.
                        attr(
                            "labelangle",
                            &format!(
                                "{:.0}",
                                30.0 - 60.0 * oi as f64 / (ops.len().max(2) - 1) as f64
                            ),
                        ),
                        attr("labelfontsize", "9"),
                        attr("labelfontcolor", colour),
                        attr("headport", "w"),
                        attr("tailport", "e"),
                        attr("penwidth", &format!("{:.2}", 0.8 + 10.0 * part)),
                        attr("color", colour),
                        attr("arrowhead", "none"),
                        tooltip_attr(&format!(
                            "{} gets {} of its {} from {}: {} of the national {}",
                            f.id,
                            pct(s.share),
                            d.domain,
                            s.supplier,
                            pct(part),
                            d.domain
                        )),
                    ],
                ));
                edges += 1;
            }
        }
    }

    // Legend.
    let mut marks = Label::left();
    marks.push_long(
        "edge label and width: the operator's part of the national share",
        100,
    );
    marks.push_long(
        "(the parts into one supplier add up to its national share)",
        100,
    );
    marks.push_long("red outline and red edges: high-risk supplier", 100);
    if let Some(sid) = &highlight_id {
        marks.push_long(
            format!("dark orange: {sid}; operators coloured by their outage if it fails"),
            100,
        );
    }
    stmts.push(cluster(
        "legend",
        vec![
            label_attr(&Label::new().line("legend")),
            attr("style", "rounded"),
            attr("color", "#bbbbbb"),
        ],
        vec![node_stmt(
            "legend/marks",
            vec![
                label_attr(&marks),
                attr("shape", "note"),
                attr("style", "filled"),
                attr("fillcolor", "#f7f7f7"),
                attr("fontsize", "9"),
            ],
        )],
    ));
    nodes += 1;

    // Title: the national HHI of each domain.
    let mut title = Label::left();
    title.push_long(
        format!(
            "{} · national vendor balance · {} operator{}",
            if country == "all" {
                "all countries"
            } else {
                country
            },
            ops.len(),
            if ops.len() == 1 { "" } else { "s" }
        ),
        120,
    );
    let parts: Vec<String> = domains
        .iter()
        .map(|d| format!("{} {} ({})", d.domain, hhi(d.hhi), d.band.as_str()))
        .collect();
    for (i, chunk) in parts.chunks(4).enumerate() {
        let prefix = if i == 0 { "national HHI: " } else { "" };
        title.push_long(format!("{prefix}{}", chunk.join(" · ")), 200);
    }
    if let Some(sid) = &highlight_id {
        let o = figures
            .outage
            .iter()
            .find(|x| &x.supplier == sid)
            .map_or(0.0, |x| x.outage);
        title.push_long(
            format!("if {sid} fails: national outage {} of radio weight", pct(o)),
            160,
        );
    }

    let mut all = header(&title, "LR", "1.5");
    all.extend(stmts);
    Some(Diagram {
        graph: Graph::DiGraph {
            id: Id::Plain("vendorgraph".to_owned()),
            strict: false,
            stmts: all,
        },
        notes: Vec::new(),
        nodes,
        edges,
        collapsed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes our escaping (for checking round trips): what Graphviz shows.
    fn shown(quoted: &str) -> String {
        let inner = &quoted[1..quoted.len() - 1];
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.push(chars.next().expect("no lone trailing backslash"));
            } else {
                out.push(c);
            }
        }
        out.replace("&amp;", "&")
    }

    /// Whether every quote inside is escaped and the string ends where it should.
    fn well_formed(q: &str) -> bool {
        if !(q.starts_with('"') && q.ends_with('"') && q.len() >= 2) {
            return false;
        }
        let inner = &q[1..q.len() - 1];
        let mut escaped = false;
        for c in inner.chars() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c.is_control() {
                return false;
            }
        }
        !escaped
    }

    #[test]
    fn plain_text_is_only_quoted() {
        assert_eq!(escape_label("dn-enb-b1"), "\"dn-enb-b1\"");
        assert_eq!(escape_label("Île-de-France"), "\"Île-de-France\"");
        assert_eq!(escape_label(""), "\"\"");
    }

    #[test]
    fn hostile_names_are_escaped() {
        let cases = [
            ("say \"hi\"", r#""say \"hi\"""#),
            ("back\\slash", r#""back\\slash""#),
            ("ends with \\", r#""ends with \\""#),
            ("\\N \\G \\n \\l", r#""\\N \\G \\n \\l""#),
            ("two\nlines\r\tand tab", "\"two lines  and tab\""),
            ("<b>bold</b>", r#""\<b\>bold\</b\>""#),
            ("{a|b} <port>", r#""\{a\|b\} \<port\>""#),
            ("AT&T &amp; &lt;", "\"AT&amp;T &amp;amp; &amp;lt;\""),
            ("nul\u{0}del\u{7f}", "\"nul del \""),
            ("\"; node [shape=star", r#""\"; node [shape=star""#),
        ];
        for (input, expected) in cases {
            let got = escape_label(input);
            assert_eq!(got, expected, "for {input:?}");
            assert!(well_formed(&got), "{got}");
        }
    }

    #[test]
    fn tooltips_never_hold_a_backslash() {
        assert_eq!(
            escape_tooltip("a \\N \"q\" {x|y} <z> &lt;\n"),
            "a ⧵N \\\"q\\\" {x|y} <z> &amp;lt; "
        );
        let long = escape_tooltip(&"z".repeat(1000));
        assert_eq!(long.chars().count(), 400);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        let long = "x".repeat(500);
        let got = escape_label(&long);
        assert_eq!(got.chars().count(), MAX_LABEL_CHARS + 2);
        assert!(got.ends_with("…\""));
        // Exactly at the limit: nothing is cut.
        let edge = "y".repeat(MAX_LABEL_CHARS);
        assert_eq!(escape_label(&edge), format!("\"{edge}\""));
        // Cutting counts characters, not bytes, and never splits one.
        let wide = "é".repeat(100);
        let got = escape_label(&wide);
        assert_eq!(got.chars().count(), MAX_LABEL_CHARS + 2);
        // A cut never leaves a lone backslash before the closing quote.
        let slashes = "\\".repeat(200);
        assert!(well_formed(&escape_label(&slashes)));
    }

    #[test]
    fn escaped_text_round_trips_through_the_dot_parser() {
        let hostile = [
            "say \"hi\" \\ {x|y} <z> & \\N",
            "\\",
            "\"",
            "a\nb",
            "}] ; digraph evil { a -> b",
        ];
        for h in hostile {
            let label = escape_label(h);
            let text = format!("digraph t {{ a [label={label}] }}");
            let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let Graph::DiGraph { stmts, .. } = parsed else {
                panic!("not a digraph")
            };
            assert_eq!(stmts.len(), 1, "{text}");
            let expected: String = h
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            assert_eq!(shown(&label), expected);
        }
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(20000), "20,000");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(pct(1.0), "100%");
        assert_eq!(pct(0.375), "37.5%");
        assert_eq!(pct(2.0 / 3.0), "66.7%");
        assert_eq!(weight(3.0), "3");
        assert_eq!(weight(1.5), "1.50");
    }
}
