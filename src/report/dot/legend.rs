//! The legends: of the operator view (supplier swatches, lock-in groups, link styles, other
//! marks) and of the country view (a note).

use std::fmt::Write as _;

use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, NodeId, Stmt, Subgraph, Vertex};

use crate::assess::Assessment;
use crate::vocab::LinkKind;

use super::escape::{Label, quoted};
use super::style::{
    CLOSED_PEN, FAILED, HIGH_RISK, OUTLINE, PATH, Palette, attr, cluster, count, edge_stmt,
    kind_style, label_attr, node_stmt,
};

/// Legend cells a row holds at most (swatches, lock-in groups).
const PER_ROW: usize = 3;

/// A lock-in group as the legend shows it.
pub(super) struct LegendBand {
    pub id: String,
    pub assets: usize,
    pub suppliers: String,
    pub colour: &'static str,
}

/// A legend cluster with its node and edge counts.
pub(super) struct Legend {
    pub stmt: Stmt,
    pub nodes: usize,
    pub edges: usize,
}

/// The legend of the operator view, in short rows so that it stays a narrow column: the
/// suppliers drawn, the lock-in groups, a sample of each link style, and the other marks.
pub(super) fn operator_legend(
    a: &Assessment<'_>,
    palette: &Palette,
    bands: &[LegendBand],
    highlight: bool,
    path: bool,
    critical: bool,
) -> Legend {
    let mut rows: Vec<Vec<Stmt>> = Vec::new();
    let mut extra: Vec<Stmt> = Vec::new();
    let mut edges = 0;
    rows.extend(in_rows(swatches(a, palette)));
    rows.extend(in_rows(lockin_cells(bands)));
    let samples = link_samples(highlight, path);
    // Two samples a row: each is two points and a labelled edge between them.
    for (r, chunk) in samples.chunks(2).enumerate() {
        let mut row = Vec::new();
        for (j, (text, attrs)) in chunk.iter().enumerate() {
            let i = r * 2 + j;
            let from = format!("legend/edge/{i}/from");
            let to = format!("legend/edge/{i}/to");
            for n in [&from, &to] {
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
            extra.push(edge_stmt(&from, &to, attrs));
            edges += 1;
        }
        rows.push(row);
    }
    let mut marks = operator_marks(highlight, path, critical);
    if palette.shares_colours() {
        shared_colour_note(&mut marks);
    }
    rows.push(vec![marks_node(&marks)]);
    let nodes = rows
        .iter()
        .flatten()
        .filter(|s| matches!(s, Stmt::Node(_)))
        .count();

    // Rows go one under another: an invisible edge from each row's first node to the next.
    let firsts: Vec<NodeId> = rows.iter().filter_map(|r| first_node(r)).collect();
    for w in firsts.windows(2) {
        extra.push(invisible_edge(&w[0], &w[1]));
        edges += 1;
    }
    let mut body = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let (stmt, n) = legend_row(&format!("legend_row_{i}"), row);
        body.push(stmt);
        edges += n;
    }
    body.extend(extra);
    Legend {
        stmt: legend_cluster(vec![attr("fontsize", "12"), attr("labeljust", "l")], body),
        nodes,
        edges,
    }
}

/// The legend of the country view: one note on the marks; `shared` when suppliers of the
/// view share a colour.
pub(super) fn country_legend(highlight: Option<&str>, shared: bool) -> Legend {
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
    if let Some(sid) = highlight {
        marks.push_long(
            format!("dark orange: {sid}; operators coloured by their outage if it fails"),
            100,
        );
    }
    if shared {
        shared_colour_note(&mut marks);
    }
    Legend {
        stmt: legend_cluster(Vec::new(), vec![marks_node(&marks)]),
        nodes: 1,
        edges: 0,
    }
}

/// The legend cluster around `body`, with `more` attributes after the common ones.
fn legend_cluster(more: Vec<Attribute>, body: Vec<Stmt>) -> Stmt {
    let mut attrs = vec![
        label_attr(&Label::new().line("legend")),
        attr("style", "rounded"),
        attr("color", "#bbbbbb"),
    ];
    attrs.extend(more);
    cluster("legend", attrs, body)
}

/// The note that explains the marks.
fn marks_node(marks: &Label) -> Stmt {
    node_stmt(
        "legend/marks",
        vec![
            label_attr(marks),
            attr("shape", "note"),
            attr("style", "filled"),
            attr("fillcolor", "#f7f7f7"),
            attr("fontsize", "9"),
        ],
    )
}

/// Cells in rows of at most [`PER_ROW`].
fn in_rows(cells: Vec<Stmt>) -> Vec<Vec<Stmt>> {
    let mut rows = Vec::new();
    let mut cells = cells;
    while !cells.is_empty() {
        let rest = cells.split_off(PER_ROW.min(cells.len()));
        rows.push(std::mem::replace(&mut cells, rest));
    }
    rows
}

/// One swatch per supplier drawn: its colour, id, name and country, and its risk.
fn swatches(a: &Assessment<'_>, palette: &Palette) -> Vec<Stmt> {
    let inv = a.graph().inventory();
    let mut swatches = Vec::new();
    for &s in &palette.order {
        let sup = inv.supplier(s);
        let mut label = Label::new().line(palette.marked(s, &sup.id));
        let mut detail = sup.name.as_deref().unwrap_or("").to_owned();
        if !detail.is_empty() {
            detail.push(' ');
        }
        let _ = write!(detail, "({})", sup.country);
        label.push(detail);
        let high = a.cx.high_risk[s.index()];
        if high {
            label.push("HIGH-RISK");
        }
        let mut attrs = vec![
            label_attr(&label),
            attr("fillcolor", palette.of(s)),
            attr("color", if high { HIGH_RISK } else { OUTLINE }),
            attr("penwidth", if high { "3" } else { "1" }),
            attr("fontsize", "9"),
        ];
        attrs.extend(palette.style_attr(s));
        swatches.push(node_stmt(&format!("legend/supplier/{}", sup.id), attrs));
    }
    swatches
}

/// A heading and one cell per lock-in group listed; nothing when there is none.
fn lockin_cells(bands: &[LegendBand]) -> Vec<Stmt> {
    if bands.is_empty() {
        return Vec::new();
    }
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
    }
    cells
}

/// One sample per link style used: each kind, a closed interface, and the highlights.
fn link_samples(highlight: bool, path: bool) -> Vec<(String, Vec<Attribute>)> {
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
    samples
}

/// The note on the marks of the operator view.
fn operator_marks(highlight: bool, path: bool, critical: bool) -> Label {
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
    if critical {
        mark("CRITICAL, thick black outline: a critical asset");
        mark("  (its failure alone takes down that share of service)");
    }
    marks
}

/// The note on suppliers that share a colour (only where some do).
fn shared_colour_note(marks: &mut Label) {
    marks.push_long(
        "dashed or dotted border and a mark after the id (◆ ▲ ■ ...):",
        100,
    );
    marks.push_long(
        "  a supplier whose colour an earlier one (by id) also has",
        100,
    );
}

fn invisible_edge(from: &NodeId, to: &NodeId) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(from.clone()), Vertex::N(to.clone())),
        attributes: vec![attr("style", "invis")],
    })
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
        body.push(invisible_edge(&w[0], &w[1]));
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
