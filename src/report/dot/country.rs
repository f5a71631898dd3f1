//! The country view: a country's operators and, per domain, their suppliers, with edges
//! weighted by each operator's part of the national share. Every figure is the
//! assessment's national figures.

use graphviz_rust::dot_structures::{Attribute, Graph, Id, Stmt};

use crate::analysis::{CountryDomain, CountryFigures, NationalScope, OperatorFigures};
use crate::assess::Assessment;
use crate::model::{DomainIx, OperatorIx, SupplierIx};
use crate::vocab;

use super::escape::Label;
use super::legend::country_legend;
use super::style::{
    DOWN, FAILED, HIGH_RISK, OUTLINE, PARTLY_DOWN, Palette, attr, cluster, count, edge_stmt,
    header, hhi, label_attr, node_stmt, pct, tooltip_attr,
};
use super::{Diagram, DiagramOptions};

/// Draws one country: its operators and, per domain, their suppliers, with edges weighted
/// by each operator's part of the national share. `None` when the assessment has no
/// national figures for `country` (a country code, or `all`).
///
/// With a highlighted supplier, its nodes and edges are coloured and each operator shows
/// its outage if it fails.
pub fn country_view(
    a: &Assessment<'_>,
    country: &str,
    options: &DiagramOptions,
) -> Option<Diagram> {
    let figures = a.scan.country(country)?;
    // The operators with their figures and weights, in id order.
    let ops: Vec<(OperatorIx, &OperatorFigures, f64)> = figures
        .weights
        .iter()
        .filter_map(|&(o, w)| a.scan.operator(o).map(|f| (o, f, w)))
        .collect();
    if ops.is_empty() {
        return None;
    }
    let inv = a.graph().inventory();
    let mut domains: Vec<&CountryDomain> = figures.domains.iter().collect();
    domains.sort_by_key(|d| {
        let name = inv.domain_name(d.domain);
        (
            vocab::known_domains()
                .position(|k| k == name)
                .unwrap_or(usize::MAX),
            d.domain,
        )
    });
    let view = CountryView {
        a,
        country,
        figures,
        ops,
        palette: Palette::new(
            inv,
            domains
                .iter()
                .flat_map(|d| d.suppliers.iter())
                .map(|s| s.supplier),
        ),
        domains,
        highlight: options.highlight_supplier,
    };
    let mut stmts = vec![view.operators()];
    stmts.extend(
        view.domains
            .iter()
            .enumerate()
            .map(|(i, d)| view.suppliers(i, d)),
    );
    let mut nodes = view.ops.len()
        + view
            .domains
            .iter()
            .map(|d| d.suppliers.len())
            .sum::<usize>();
    let edges = view.edges();
    let edge_count = edges.len();
    stmts.extend(edges);
    let highlight_id = view.highlight.map(|s| view.supplier_id(s));
    let legend = country_legend(highlight_id, view.palette.shares_colours());
    stmts.push(legend.stmt);
    nodes += legend.nodes;

    let mut all = header(&view.title(), "LR", "1.5");
    all.extend(stmts);
    Some(Diagram {
        graph: Graph::DiGraph {
            id: Id::Plain("vendorgraph".to_owned()),
            strict: false,
            stmts: all,
        },
        notes: Vec::new(),
        nodes,
        edges: edge_count + legend.edges,
        collapsed: false,
    })
}

/// A country view under construction.
struct CountryView<'a, 'g> {
    a: &'a Assessment<'g>,
    country: &'a str,
    figures: &'a CountryFigures,
    ops: Vec<(OperatorIx, &'a OperatorFigures, f64)>,
    /// In vocabulary order, then by name.
    domains: Vec<&'a CountryDomain>,
    palette: Palette,
    highlight: Option<SupplierIx>,
}

impl<'a> CountryView<'a, '_> {
    fn supplier_id(&self, s: SupplierIx) -> &'a str {
        self.a.cx.supplier_id(s)
    }

    fn domain_name(&self, d: DomainIx) -> &'a str {
        self.a.cx.graph.inventory().domain_name(d)
    }

    fn by_subscribers(&self) -> bool {
        matches!(self.figures.weighting, NationalScope::Subscribers)
    }

    /// The operators, each with its weight and, with a highlight, its outage.
    fn operators(&self) -> Stmt {
        // Each operator's node, with its country: the view of `all` groups them by country.
        let mut nodes: Vec<(&str, Stmt)> = Vec::new();
        for &(_, f, w) in &self.ops {
            let op = self.a.cx.graph.inventory().operator(f.operator);
            let mut label = Label::new().line(&op.id);
            if let Some(n) = &op.name {
                label.push(n);
            }
            if self.by_subscribers() {
                label.push(format!(
                    "{} subscribers · {}",
                    count(op.subscribers.unwrap_or(0) as usize),
                    pct(w)
                ));
            } else {
                label.push(format!("weight {}", pct(w)));
            }
            let mut fill = "#eeeeee";
            if let Some(s) = self.highlight {
                let line = match f.outage.of_supplier(s) {
                    None => "no radio units".to_owned(),
                    Some(o) => {
                        if o >= 0.5 {
                            fill = DOWN;
                        } else if o > 0.0 {
                            fill = PARTLY_DOWN;
                        }
                        format!("if {} fails: {} of radio down", self.supplier_id(s), pct(o))
                    }
                };
                label.push(line);
            }
            nodes.push((
                op.country.as_str(),
                node_stmt(
                    &format!("operator/{}", op.id),
                    vec![
                        label_attr(&label),
                        attr("fillcolor", fill),
                        attr("fontsize", "11"),
                        tooltip_attr(&format!(
                            "operator {}{}",
                            op.id,
                            op.name
                                .as_deref()
                                .map(|n| format!(" ({n})"))
                                .unwrap_or_default()
                        )),
                    ],
                ),
            ));
        }
        let body = if self.country == "all" {
            Self::by_country(nodes)
        } else {
            nodes.into_iter().map(|(_, n)| n).collect()
        };
        cluster(
            "operators",
            vec![
                label_attr(&Label::new().line(format!(
                    "operators ({})",
                    if self.by_subscribers() {
                        "weighted by subscribers"
                    } else {
                        "weighted equally"
                    }
                ))),
                attr("style", "rounded"),
                attr("color", "#999999"),
                attr("fontsize", "12"),
            ],
            body,
        )
    }

    /// The operators' nodes in one cluster per country, by country code.
    fn by_country(nodes: Vec<(&str, Stmt)>) -> Vec<Stmt> {
        let mut groups: std::collections::BTreeMap<&str, Vec<Stmt>> = Default::default();
        for (c, n) in nodes {
            groups.entry(c).or_default().push(n);
        }
        groups
            .into_iter()
            .map(|(c, body)| {
                cluster(
                    &format!("country_{c}"),
                    vec![
                        label_attr(&Label::new().line(c)),
                        attr("style", "rounded,dashed"),
                        attr("color", "#bbbbbb"),
                        attr("fontsize", "11"),
                    ],
                    body,
                )
            })
            .collect()
    }

    /// The cluster of domain `d` (the `di`-th drawn): its suppliers' national shares.
    fn suppliers(&self, di: usize, d: &CountryDomain) -> Stmt {
        let domain = self.domain_name(d.domain);
        let mut label = Label::left().line(domain.to_uppercase());
        label.push(format!("national HHI {} ({})", hhi(d.hhi), d.band.as_str()));
        if d.high_risk_share > 0.0 {
            label.push(format!("high-risk share {}", pct(d.high_risk_share)));
        }
        let mut body = Vec::new();
        for s in &d.suppliers {
            let six = s.supplier;
            let sid = self.supplier_id(six);
            let high = self.a.cx.high_risk[six.index()];
            let mut l = Label::new().line(self.palette.marked(six, sid));
            l.push(format!(
                "{} national · {} operator{}",
                pct(s.share),
                s.operators,
                if s.operators == 1 { "" } else { "s" }
            ));
            if high {
                l.push("HIGH-RISK");
            }
            let lit = self.highlight == Some(six);
            let mut attrs = vec![
                label_attr(&l),
                attr("fillcolor", if lit { FAILED } else { self.palette.of(six) }),
                attr("color", if high { HIGH_RISK } else { OUTLINE }),
                attr("penwidth", if high { "3" } else { "1" }),
                tooltip_attr(&format!(
                    "{} in {} of {}: {} of the national weight",
                    sid,
                    domain,
                    self.country,
                    pct(s.share)
                )),
            ];
            if lit {
                attrs.push(attr("fontcolor", "white"));
            }
            attrs.extend(self.palette.style_attr(six));
            body.push(node_stmt(&format!("domain/{domain}/{sid}"), attrs));
        }
        cluster(
            &format!("domain_{di}"),
            vec![
                label_attr(&label),
                attr("style", "rounded"),
                attr("color", "#999999"),
                attr("fontsize", "12"),
                attr("labeljust", "r"),
            ],
            body,
        )
    }

    /// Edges: operator to supplier in domain, weighted by the operator's part of the
    /// national share.
    fn edges(&self) -> Vec<Stmt> {
        let mut stmts = Vec::new();
        for (oi, &(o, f, _)) in self.ops.iter().enumerate() {
            for d in &f.domains {
                let Some(cd) = self.domains.iter().find(|c| c.domain == d.domain) else {
                    continue;
                };
                let domain = self.domain_name(d.domain);
                for &(six, share) in &d.suppliers {
                    let Some(part) = cd.part(o, six) else {
                        continue;
                    };
                    let angle = 30.0 - 60.0 * oi as f64 / (self.ops.len().max(2) - 1) as f64;
                    stmts.push(self.edge(f, domain, six, share, part, angle));
                }
            }
        }
        stmts
    }

    /// One operator-to-supplier edge.
    fn edge(
        &self,
        f: &OperatorFigures,
        domain: &str,
        s: SupplierIx,
        share: f64,
        part: f64,
        angle: f64,
    ) -> Stmt {
        let sid = self.supplier_id(s);
        let oid = &self.a.cx.graph.inventory().operator(f.operator).id;
        let colour = if self.highlight == Some(s) {
            FAILED
        } else if self.a.cx.high_risk[s.index()] {
            HIGH_RISK
        } else {
            "#7f7f7f"
        };
        edge_stmt(
            &format!("operator/{oid}"),
            &format!("domain/{domain}/{sid}"),
            vec![
                // The figure sits at the supplier's end, clear of the wide strokes in the
                // middle.
                Attribute(
                    Id::Plain("headlabel".to_owned()),
                    Label::new().line(pct(part)).id(),
                ),
                attr("labeldistance", "3"),
                // Spread the figures of several operators at one supplier.
                attr("labelangle", &format!("{angle:.0}")),
                attr("labelfontsize", "9"),
                attr("labelfontcolor", colour),
                attr("headport", "w"),
                attr("tailport", "e"),
                attr("penwidth", &format!("{:.2}", 0.8 + 10.0 * part)),
                attr("color", colour),
                attr("arrowhead", "none"),
                tooltip_attr(&format!(
                    "{} gets {} of its {domain} from {sid}: {} of the national {domain}",
                    oid,
                    pct(share),
                    pct(part),
                )),
            ],
        )
    }

    /// The title: the scope, the national HHI of each domain, the highlight's outage.
    fn title(&self) -> Label {
        let n = self.ops.len();
        let mut title = Label::left();
        title.push_long(
            format!(
                "{} · national vendor balance · {n} operator{}",
                if self.country == "all" {
                    "all countries"
                } else {
                    self.country
                },
                if n == 1 { "" } else { "s" }
            ),
            120,
        );
        let parts: Vec<String> = self
            .domains
            .iter()
            .map(|d| {
                let name = self.domain_name(d.domain);
                format!("{name} {} ({})", hhi(d.hhi), d.band.as_str())
            })
            .collect();
        for (i, chunk) in parts.chunks(4).enumerate() {
            let prefix = if i == 0 { "national HHI: " } else { "" };
            title.push_long(format!("{prefix}{}", chunk.join(" · ")), 200);
        }
        if let Some(s) = self.highlight {
            let sid = self.supplier_id(s);
            title.push_long(
                format!(
                    "if {sid} fails: national outage {} of radio weight",
                    pct(self.figures.outage_of(s))
                ),
                160,
            );
        }
        title
    }
}
