//! The look of a diagram: colours, link styles, number formats, and the builders of DOT
//! statements (every attribute value quoted and escaped).

use std::collections::{BTreeSet, HashMap};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};

use crate::model::SupplierIx;
use crate::vocab::LinkKind;

use super::escape::{Label, escape_tooltip, quoted, quoted_raw};

pub(super) fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), quoted(value))
}

pub(super) fn label_attr(label: &Label) -> Attribute {
    Attribute(Id::Plain("label".to_owned()), label.id())
}

pub(super) fn tooltip_attr(text: &str) -> Attribute {
    Attribute(
        Id::Plain("tooltip".to_owned()),
        Id::Escaped(quoted_raw(&escape_tooltip(text))),
    )
}

pub(super) fn node_id(name: &str) -> NodeId {
    NodeId(quoted(name), None)
}

pub(super) fn node_stmt(name: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(node_id(name), attributes))
}

pub(super) fn edge_stmt(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes,
    })
}

pub(super) fn cluster(name: &str, attributes: Vec<Attribute>, mut stmts: Vec<Stmt>) -> Stmt {
    let mut body: Vec<Stmt> = attributes.into_iter().map(Stmt::Attribute).collect();
    body.append(&mut stmts);
    Stmt::Subgraph(Subgraph {
        id: quoted(&format!("cluster_{name}")),
        stmts: body,
    })
}

// Fill colours of suppliers, chosen by a hash of their ids (ColorBrewer Set3 and Pastel2,
// light enough for black text). Their oranges are left out, as orange marks what is down
// in a highlight; the salmon of Set3 comes last, being the nearest to the red that marks
// high-risk suppliers.
pub(super) const PALETTE: &[&str] = &[
    "#8dd3c7", "#ffffb3", "#bebada", "#80b1d3", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd",
    "#ccebc5", "#ffed6f", "#b3e2cd", "#cbd5e8", "#f4cae4", "#e6f5c9", "#fff2ae", "#f1e2cc",
    "#fb8072",
];
pub(super) const HIGH_RISK: &str = "#d7191c";
pub(super) const OUTLINE: &str = "#404040";
pub(super) const PATH: &str = "#0050d0";
pub(super) const CRITICAL: &str = "#000000";
pub(super) const FAILED: &str = "#d94801";
pub(super) const DOWN: &str = "#fd8d3c";
pub(super) const PARTLY_DOWN: &str = "#fdd0a2";
// Band colours of lock-in groups, by group weight (no red: red marks high risk).
pub(super) const BANDS: &[&str] = &[
    "#525252", "#08519c", "#54278f", "#006d2c", "#8c2d04", "#7a0177", "#01665e", "#8c6d31",
];
pub(super) const CLOSED_PEN: &str = "2.2";
pub(super) const FONT: &str = "Helvetica";

/// The look of each link kind: colour, style, what it means.
pub(super) fn kind_style(kind: LinkKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        LinkKind::ConnectsTo => ("#4d4d4d", "solid", "needs it to give service (failure)"),
        LinkKind::AnchoredBy => ("#8c510a", "solid", "NSA anchor (failure)"),
        LinkKind::RunsOn => ("#1b7837", "solid", "hosted on (failure and control)"),
        LinkKind::ManagedBy => ("#762a83", "dashed", "configured by (control)"),
        LinkKind::OperatedBy => ("#c51b7d", "dashed", "operated by (control)"),
    }
}

/// The fill colour of a supplier, the same in every diagram and chart: the palette entry
/// at a stable hash (64-bit FNV-1a) of its id, so that it depends on nothing else drawn.
/// Two suppliers may share a colour; in one diagram, [`Palette`] sets them apart.
pub fn supplier_colour(id: &str) -> &'static str {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    PALETTE[(h % PALETTE.len() as u64) as usize]
}

/// Border styles that set apart the suppliers of one diagram that share a fill colour,
/// after the first of them (which keeps a plain border); used in turn with [`MARKS`].
const BORDERS: [&str; 2] = ["dashed", "dotted"];
/// Marks written after a supplier's id, in its assets' labels and its legend swatch, for
/// the suppliers of one diagram that share a fill colour, after the first of them. With
/// [`BORDERS`], six suppliers of one colour are told apart before a look repeats.
const MARKS: [&str; 6] = ["◆", "▲", "■", "●", "★", "✚"];

/// How a supplier is set apart, in one diagram or chart, from an earlier supplier (by id)
/// drawn in its colour: a border style and a mark after its id. The colour stays its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedLook {
    /// `dashed` or `dotted` (Graphviz and CSS names).
    pub border: &'static str,
    /// A sign written after the supplier's id.
    pub mark: &'static str,
}

impl SharedLook {
    /// `id` followed by the mark.
    pub fn marked(self, id: &str) -> String {
        format!("{id} {}", self.mark)
    }
}

/// The looks of suppliers drawn together, given in id order: `None` for the first supplier
/// of each colour, then a different [`SharedLook`] for each other one of that colour.
pub fn shared_looks<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<Option<SharedLook>> {
    let mut taken: HashMap<&'static str, usize> = HashMap::new();
    ids.into_iter()
        .map(|id| {
            let n = taken.entry(supplier_colour(id)).or_insert(0);
            *n += 1;
            (*n > 1).then(|| {
                let k = *n - 2;
                SharedLook {
                    border: BORDERS[k % BORDERS.len()],
                    mark: MARKS[k % MARKS.len()],
                }
            })
        })
        .collect()
}

/// Supplier fill colours of the suppliers drawn, and what sets apart those that share one.
pub(super) struct Palette {
    colours: HashMap<SupplierIx, (&'static str, Option<SharedLook>)>,
    /// The suppliers drawn, in id order.
    pub(super) order: Vec<SupplierIx>,
}

impl Palette {
    /// The palette of a diagram that draws `suppliers`: each its colour by id (the same in
    /// every diagram); the suppliers that share a colour get [`shared_looks`].
    pub(super) fn new(
        inv: &crate::model::Inventory,
        suppliers: impl IntoIterator<Item = SupplierIx>,
    ) -> Self {
        // SupplierIx follows id order, so sorting indices sorts by id.
        let order: BTreeSet<SupplierIx> = suppliers.into_iter().collect();
        Self::of_ids(order.into_iter().map(|s| (s, &*inv.supplier(s).id)))
    }

    /// The palette of the suppliers `drawn` (index, id), in id order.
    fn of_ids<'a>(drawn: impl Iterator<Item = (SupplierIx, &'a str)>) -> Self {
        let drawn: Vec<(SupplierIx, &str)> = drawn.collect();
        let looks = shared_looks(drawn.iter().map(|&(_, id)| id));
        let colours = drawn
            .iter()
            .zip(looks)
            .map(|(&(s, id), look)| (s, (supplier_colour(id), look)))
            .collect();
        let order = drawn.into_iter().map(|(s, _)| s).collect();
        Palette { colours, order }
    }

    pub(super) fn of(&self, s: SupplierIx) -> &'static str {
        self.colours.get(&s).map_or("#ffffff", |c| c.0)
    }

    /// The border style of a supplier's nodes, when an earlier supplier (by id) of this
    /// diagram has its colour.
    pub(super) fn border(&self, s: SupplierIx) -> Option<&'static str> {
        self.look(s).map(|l| l.border)
    }

    /// A supplier's id as its nodes and swatch show it: followed by its mark when an
    /// earlier supplier (by id) of this diagram has its colour.
    pub(super) fn marked(&self, s: SupplierIx, id: &str) -> String {
        self.look(s).map_or_else(|| id.to_owned(), |l| l.marked(id))
    }

    /// `style` with the supplier's border style added, if it has one.
    pub(super) fn style(&self, s: SupplierIx, style: &str) -> String {
        match self.border(s) {
            Some(b) => format!("{style},{b}"),
            None => style.to_owned(),
        }
    }

    /// Whether two suppliers of this diagram share a colour.
    pub(super) fn shares_colours(&self) -> bool {
        self.colours.values().any(|c| c.1.is_some())
    }

    /// The `style` attribute of a supplier's node drawn with the default style
    /// (`filled,rounded`), when it has a border style; `None` keeps the default.
    pub(super) fn style_attr(&self, s: SupplierIx) -> Option<Attribute> {
        self.border(s)
            .map(|_| attr("style", &self.style(s, "filled,rounded")))
    }

    fn look(&self, s: SupplierIx) -> Option<SharedLook> {
        self.colours.get(&s).and_then(|c| c.1)
    }
}

/// Formats a count with thousands separators.
pub(super) fn count(n: usize) -> String {
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
pub(super) fn weight(w: f64) -> String {
    if w.fract() == 0.0 && w.abs() < 1e15 {
        count(w as usize)
    } else {
        format!("{w:.2}")
    }
}

/// Formats a share from 0 to 1 as a percentage with at most one decimal.
pub(super) fn pct(x: f64) -> String {
    let p = (x * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

pub(super) fn hhi(h: f64) -> String {
    count(h.round().max(0.0) as usize)
}

/// The statements every diagram starts with: defaults and the title.
pub(super) fn header(title: &Label, rankdir: &str, ranksep: &str) -> Vec<Stmt> {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn suppliers_that_share_a_colour_in_one_diagram_look_different() {
        // Ids whose colours collide: found by their hash, checked here.
        let ids = colliding_ids(4);
        let colour = supplier_colour(&ids[0]);
        assert!(ids.iter().all(|id| supplier_colour(id) == colour));
        // Drawn with a supplier of another colour, all in id order ("t..." after "s...").
        let other = (0..)
            .map(|i| format!("t{i}"))
            .find(|id| supplier_colour(id) != colour)
            .expect("another colour");
        let ix = |id: &str| SupplierIx(ids.iter().position(|x| x == id).map_or(9, |i| i as u32));
        let drawn = ids.iter().map(|id| (ix(id), id.as_str()));
        let p = Palette::of_ids(drawn.chain([(SupplierIx(9), other.as_str())]));
        assert_eq!(p.border(SupplierIx(9)), None);
        assert!(p.shares_colours());
        // The colour stays the id's; the first of the colour (by id) looks plain, the others
        // each get a border style and a mark, no two alike.
        let looks: Vec<(&str, Option<&str>, String)> = ids
            .iter()
            .map(|id| (p.of(ix(id)), p.border(ix(id)), p.marked(ix(id), id)))
            .collect();
        assert_eq!(
            looks,
            [
                (colour, None, ids[0].clone()),
                (colour, Some("dashed"), format!("{} ◆", ids[1])),
                (colour, Some("dotted"), format!("{} ▲", ids[2])),
                (colour, Some("dashed"), format!("{} ■", ids[3])),
            ]
        );
        assert_eq!(
            p.style(ix(&ids[1]), "filled,rounded"),
            "filled,rounded,dashed"
        );
        assert_eq!(p.style(ix(&ids[0]), "filled,rounded"), "filled,rounded");
        // Alone in a diagram, a supplier looks plain whatever its id.
        let alone = Palette::of_ids([(ix(&ids[2]), ids[2].as_str())].into_iter());
        assert_eq!(alone.border(ix(&ids[2])), None);
        assert_eq!(alone.marked(ix(&ids[2]), &ids[2]), ids[2]);
        assert_eq!(alone.of(ix(&ids[2])), colour);
        assert!(!alone.shares_colours());
    }

    /// The first `n` ids `s0`, `s1`, ... (in id order) whose colour is that of `s0`.
    fn colliding_ids(n: usize) -> Vec<String> {
        let colour = supplier_colour("s0");
        let mut ids: Vec<String> = (0..)
            .map(|i| format!("s{i}"))
            .filter(|id| supplier_colour(id) == colour)
            .take(n)
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn a_supplier_colour_depends_on_its_id_only() {
        // FNV-1a of "huawei" and "nokia", fixed: a change of the hash or the palette
        // changes every diagram, and shows here first.
        assert_eq!(supplier_colour("huawei"), supplier_colour("huawei"));
        let all: BTreeSet<&str> = ["huawei", "nokia", "ericsson", "zte", "cisco", "samsung"]
            .iter()
            .map(|s| supplier_colour(s))
            .collect();
        assert!(
            all.len() >= 4,
            "six common suppliers get varied colours: {all:?}"
        );
        assert!(all.iter().all(|c| PALETTE.contains(c)));
    }
}
