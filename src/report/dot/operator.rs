//! The operator view: one operator's assets by domain, what they depend on, who supplies
//! them, with the highlights the caller took from the assessment.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use graphviz_rust::dot_structures::{Attribute, Graph, GraphAttributes, Id, Stmt};

use crate::analysis::{DownSet, OperatorFigures};
use crate::assess::Assessment;
use crate::model::{AssetIx, DomainIx, Inventory, OperatorIx};
use crate::vocab;

use super::collapse::{Buckets, Key};
use super::escape::Label;
use super::legend::{LegendBand, operator_legend};
use super::select::{Selection, select};
use super::state::{End, NodeState, Wiring, drawn_groups, node_states};
use super::style::{
    BANDS, CRITICAL, DOWN, FAILED, HIGH_RISK, OUTLINE, PARTLY_DOWN, PATH, Palette, attr, cluster,
    count, edge_stmt, header, hhi, kind_style, label_attr, node_stmt, pct, tooltip_attr, weight,
};
use super::{COLLAPSE_THRESHOLD, Collapse, Diagram, DiagramOptions, MAX_WIDTH_INCHES};

/// Lock-in groups the legend lists at most.
const LEGEND_BANDS: usize = 8;

/// Draws one operator: its assets by domain, what they depend on, who supplies them.
///
/// The figures (concentration, lock-in, outage) are the assessment's; the down set and
/// the exposure path come with `options`.
///
/// # Panics
/// When the assessment does not cover operator `o`.
pub fn operator_view(a: &Assessment<'_>, o: OperatorIx, options: &DiagramOptions) -> Diagram {
    let g = a.graph();
    let inv = g.inventory();
    let figures = a
        .scan
        .operator(o)
        .expect("the assessment covers the operator");
    let asked = options.path.as_ref().map(|(x, p)| (*x, p.as_ref()));
    let sel = select(g, o, asked);
    let collapsed = match options.collapse {
        Collapse::Auto => {
            let per_site = sel
                .drawn
                .iter()
                .filter(|&&x| {
                    vocab::PER_SITE_DOMAINS.contains(&inv.domain_name(inv.asset(x).domain))
                })
                .count();
            per_site > COLLAPSE_THRESHOLD
        }
        Collapse::Never => false,
        Collapse::Always => true,
    };
    let mut notes = Vec::new();
    if let Some((asked, None)) = &options.path {
        notes.push(format!(
            "asset \"{}\" is not exposed: no control path reaches a high-risk supplier",
            inv.asset(*asked).id
        ));
    }
    let buckets = Buckets::new(inv, &sel, collapsed);
    let down = options.down.as_ref();
    let groups = drawn_groups(&a.scan.lockin, &sel.drawn);
    let view = View {
        a,
        inv,
        o,
        down,
        state: node_states(inv, &sel, &buckets, &a.scan.lockin, &groups, down),
        wiring: Wiring::new(inv, &sel, &buckets, down),
        palette: Palette::new(inv, sel.drawn.iter().map(|&x| inv.asset(x).supplier)),
        buckets,
        critical: if options.highlight_critical {
            figures
                .critical
                .assets
                .iter()
                .map(|c| (c.asset, (c.impact.all, c.units)))
                .collect()
        } else {
            HashMap::new()
        },
    };
    let mut stmts = view.node_clusters(&sel, figures);
    let mut nodes = stmts.iter().map(count_nodes).sum::<usize>();
    stmts.extend(view.group_nodes());
    nodes += view.wiring.groups.len();
    stmts.extend(view.edges());

    let bands: Vec<LegendBand> = groups
        .iter()
        .take(LEGEND_BANDS)
        .enumerate()
        .map(|(i, gr)| LegendBand {
            id: inv.asset(gr.first()).id.to_string(),
            assets: gr.members.len(),
            suppliers: gr
                .suppliers
                .iter()
                .map(|&s| &*inv.supplier(s).id)
                .collect::<Vec<_>>()
                .join(", "),
            colour: BANDS[i % BANDS.len()],
        })
        .collect();
    let legend = operator_legend(
        a,
        &view.palette,
        &bands,
        down.is_some(),
        !sel.path.is_empty(),
        options.highlight_critical,
    );
    stmts.push(legend.stmt);
    nodes += legend.nodes;

    let title = view.title(&sel, figures, collapsed, options);
    let mut all = header(&title, "TB", "0.7");
    if collapsed {
        // Graphviz scales a wider drawing down to this width (inches).
        all.push(Stmt::GAttribute(GraphAttributes::Graph(vec![attr(
            "size",
            MAX_WIDTH_INCHES,
        )])));
    }
    all.extend(stmts);
    Diagram {
        graph: Graph::DiGraph {
            id: Id::Plain("vendorgraph".to_owned()),
            strict: false,
            stmts: all,
        },
        notes,
        nodes,
        edges: view.wiring.edges.len() + legend.edges,
        collapsed,
    }
}

/// The number of nodes of a cluster.
fn count_nodes(stmt: &Stmt) -> usize {
    match stmt {
        Stmt::Subgraph(s) => s
            .stmts
            .iter()
            .filter(|x| matches!(x, Stmt::Node(_)))
            .count(),
        _ => 0,
    }
}

/// An operator view under construction.
struct View<'a, 'g> {
    a: &'a Assessment<'g>,
    inv: &'g Inventory,
    o: OperatorIx,
    down: Option<&'a DownSet>,
    buckets: Buckets<'g>,
    state: HashMap<Key, NodeState>,
    wiring: Wiring,
    palette: Palette,
    /// The critical assets to mark, with their impact and units (the assessment's).
    critical: HashMap<AssetIx, (f64, usize)>,
}

impl View<'_, '_> {
    /// One cluster per domain of the operator, in vocabulary order, then the assets of
    /// other operators.
    fn node_clusters(&self, sel: &Selection, figures: &OperatorFigures) -> Vec<Stmt> {
        let inv = self.inv;
        let mut by_domain: BTreeMap<(usize, DomainIx), Vec<Key>> = BTreeMap::new();
        let mut foreign: Vec<Key> = Vec::new();
        let mut seen: HashSet<Key> = HashSet::new();
        for &x in &sel.drawn {
            let k = self.buckets.key(x);
            if !seen.insert(k) {
                continue;
            }
            let asset = inv.asset(x);
            if asset.operator != self.o {
                foreign.push(k);
            } else {
                let name = inv.domain_name(asset.domain);
                let rank = vocab::known_domains()
                    .position(|d| d == name)
                    .unwrap_or(usize::MAX);
                by_domain.entry((rank, asset.domain)).or_default().push(k);
            }
        }
        let mut stmts = Vec::new();
        for ((_, d), keys) in &mut by_domain {
            // Assets by id, then collapsed nodes by (function, supplier, region).
            keys.sort_unstable();
            let dname = inv.domain_name(*d);
            let mut label = Label::left().line(dname.to_uppercase());
            if let Some(f) = figures.domains.iter().find(|f| f.domain == *d) {
                let (top, share) = f.top();
                label.push(format!("HHI {} ({})", hhi(f.hhi), f.band.as_str()));
                label.push(format!("top: {} {}", inv.supplier(top).id, pct(share)));
                if f.high_risk_share > 0.0 {
                    label.push(format!("high-risk share {}", pct(f.high_risk_share)));
                }
            }
            let body: Vec<Stmt> = keys.iter().map(|&k| self.node(k)).collect();
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
            let body: Vec<Stmt> = foreign.iter().map(|&k| self.node(k)).collect();
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
        stmts
    }

    /// The node of an asset or a bucket.
    fn node(&self, k: Key) -> Stmt {
        let st = self.state[&k];
        let first = self.buckets.first(k);
        let supplier = self.inv.asset(first).supplier;
        let high = self.a.cx.high_risk[supplier.index()];
        let (mut label, mut tooltip) = match k {
            Key::Asset(_) => self.asset_text(k),
            Key::Bucket(_) => self.bucket_text(k, &st),
        };
        if high {
            tooltip.push_str(" · HIGH-RISK supplier");
        }
        let critical = self.critical_mark(k, &mut label, &mut tooltip);
        let mut fill = self.palette.of(supplier).to_owned();
        let mut font = "black";
        if self.down.is_some() && st.down > 0 {
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
        } else if critical {
            (CRITICAL, "4")
        } else {
            (OUTLINE, "1")
        };
        let mut attrs = vec![
            label_attr(&label),
            attr("fillcolor", &fill),
            attr("style", &self.palette.style(supplier, &style.join(","))),
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
        node_stmt(&self.buckets.name(k), attrs)
    }

    /// Marks a critical asset (or a bucket holding some) in its label and tooltip, when
    /// asked; whether the node holds one.
    fn critical_mark(&self, k: Key, label: &mut Label, tooltip: &mut String) -> bool {
        if self.critical.is_empty() {
            return false;
        }
        match k {
            Key::Asset(a) => {
                let Some(&(impact, units)) = self.critical.get(&a) else {
                    return false;
                };
                let text = format!(
                    "CRITICAL: its failure takes down {} of service ({} unit{})",
                    pct(impact),
                    count(units),
                    if units == 1 { "" } else { "s" }
                );
                let _ = write!(tooltip, " · {text}");
                label.push(text);
                true
            }
            Key::Bucket(b) => {
                let n = self
                    .buckets
                    .bucket(b)
                    .members
                    .iter()
                    .filter(|m| self.critical.contains_key(m))
                    .count();
                if n > 0 {
                    label.push(format!("CRITICAL: {} of them", count(n)));
                    let _ = write!(tooltip, " · {} critical", count(n));
                }
                n > 0
            }
        }
    }

    /// The label and tooltip of one asset.
    fn asset_text(&self, k: Key) -> (Label, String) {
        let inv = self.inv;
        let x = inv.asset(self.buckets.first(k));
        let sup = inv.supplier(x.supplier);
        let function = inv.function_name(x.function);
        let mut label = Label::new();
        label.push(&*x.id);
        label.push(format!(
            "{function} · {}",
            self.palette.marked(x.supplier, &sup.id)
        ));
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
        let mut tooltip = format!(
            "{} ({function}, {}) · supplier {}",
            x.id,
            inv.domain_name(x.domain),
            sup.id
        );
        if let Some(n) = &sup.name {
            let _ = write!(tooltip, " ({n}, {})", sup.country);
        }
        if x.operator != self.o {
            let _ = write!(tooltip, " · operator {}", inv.operator(x.operator).id);
        }
        if let Some(site) = x.text.as_ref().and_then(|t| t.site.as_deref()) {
            let _ = write!(tooltip, " · site {site}");
        }
        if let Some(r) = inv.region(x) {
            let _ = write!(tooltip, " · region {r}");
        }
        let _ = write!(tooltip, " · weight {}", weight(x.weight));
        (label, tooltip)
    }

    /// The label and tooltip of a collapsed bucket.
    fn bucket_text(&self, k: Key, st: &NodeState) -> (Label, String) {
        let inv = self.inv;
        let x = inv.asset(self.buckets.first(k));
        let sup = inv.supplier(x.supplier);
        let function = inv.function_name(x.function);
        let mut label = Label::new();
        label.push(format!("{function} × {}", count(st.members)));
        label.push(format!(
            "{} · {}",
            self.palette.marked(x.supplier, &sup.id),
            inv.region(x).unwrap_or("no region")
        ));
        label.push(format!("weight {}", weight(st.weight)));
        if st.locked > 0 {
            label.push(format!("{} in lock-in groups", count(st.locked)));
        }
        let tooltip = format!(
            "{} {function} assets of {} in region {}, weight {}",
            count(st.members),
            sup.id,
            inv.region(x).unwrap_or("(none)"),
            weight(st.weight)
        );
        (label, tooltip)
    }

    /// The group nodes: they sit outside the clusters, belonging to the link, not to a
    /// domain.
    fn group_nodes(&self) -> Vec<Stmt> {
        let mut stmts = Vec::new();
        for (gi, group) in self.wiring.groups.iter().enumerate() {
            let mut label = Label::new().line(format!("need {} of {}", group.need, group.targets));
            if group.links > 1 {
                label.push(format!("× {} links", count(group.links)));
            }
            let (colour, _, _) = kind_style(group.kind);
            let targets: Vec<String> = group
                .target_keys
                .iter()
                .map(|&k| self.buckets.describe(k))
                .collect();
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
                    targets.join(", "),
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
        }
        stmts
    }

    fn end_name(&self, e: End) -> String {
        match e {
            End::Node(k) => self.buckets.name(k),
            End::Group(gi) => format!("alternatives/{gi}"),
        }
    }

    fn describe_end(&self, e: End) -> String {
        match e {
            End::Node(k) => self.buckets.describe(k),
            End::Group(gi) => {
                let g = &self.wiring.groups[gi as usize];
                format!("need {} of {}", g.need, g.targets)
            }
        }
    }

    /// The edges, styled by kind, lock-in, failure and path.
    fn edges(&self) -> Vec<Stmt> {
        let mut stmts = Vec::new();
        for e in &self.wiring.edges {
            let k = &e.key;
            let (colour, style, _) = kind_style(k.kind);
            let mut text = k.interface.as_deref().unwrap_or("").to_owned();
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
            if e.down && self.down.is_some() {
                colour = FAILED;
                pen += 1.0;
            }
            if k.path {
                colour = PATH;
                pen = 4.5;
            }
            let mut attrs: Vec<Attribute> = vec![
                attr("color", colour),
                attr("style", &styles.join(",")),
                attr("penwidth", &format!("{pen}")),
            ];
            if !text.is_empty() {
                attrs.push(label_attr(&Label::new().line(&text)));
            }
            if matches!(k.to, End::Group(_)) {
                attrs.push(attr("arrowhead", "none"));
            }
            if k.path {
                attrs.push(attr("fontcolor", PATH));
            }
            attrs.push(tooltip_attr(&format!(
                "{} {} {}{}{}",
                self.describe_end(k.from),
                k.kind,
                self.describe_end(k.to),
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
            stmts.push(edge_stmt(
                &self.end_name(k.from),
                &self.end_name(k.to),
                attrs,
            ));
        }
        stmts
    }

    /// The title: the operator, its size and lock-in groups, and the highlights.
    fn title(
        &self,
        sel: &Selection,
        figures: &OperatorFigures,
        collapsed: bool,
        options: &DiagramOptions,
    ) -> Label {
        let inv = self.inv;
        let op = inv.operator(self.o);
        let own = self.a.graph().operator_assets(self.o);
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
        let locked_groups = figures.lockin.groups.len();
        let mut facts = format!(
            "{} assets · radio weight {} · {} lock-in group{}",
            count(own.len()),
            weight(figures.outage.units_weight),
            locked_groups,
            if locked_groups == 1 { "" } else { "s" }
        );
        if collapsed {
            let _ = write!(
                facts,
                " · {} and {} collapsed per (function, supplier, region)",
                vocab::RAN.to_uppercase(),
                vocab::TRANSPORT
            );
        }
        title.push_long(facts, 160);
        if let Some(d) = self.down {
            let failed: Vec<&str> = d.failed().iter().map(|&s| &*inv.supplier(s).id).collect();
            // One supplier fails; its outage is the scan's figure.
            let outage = match d.failed() {
                [s] => figures.outage.of_supplier(*s),
                _ => None,
            };
            title.push_long(
                format!(
                    "if {} fails: {} of {} assets down · outage {} of radio weight",
                    failed.join(", "),
                    count(d.count_in(own)),
                    count(own.len()),
                    outage.map_or_else(|| "undefined (no radio weight)".to_owned(), pct)
                ),
                160,
            );
        }
        if let Some((asked, _)) = &options.path {
            let line = match options.path.as_ref().and_then(|(_, p)| p.as_ref()) {
                None => format!(
                    "{}: not exposed to a high-risk supplier",
                    inv.asset(*asked).id
                ),
                Some(path) => {
                    let ids: Vec<&str> = sel.path.iter().map(|&p| &*inv.asset(p).id).collect();
                    format!(
                        "exposure path ({}): {} · high-risk supplier {}",
                        path.kind_name(),
                        ids.join(" → "),
                        inv.supplier(inv.asset(path.end()).supplier).id
                    )
                }
            };
            title.push_long(line, 200);
        }
        title
    }
}
