//! Tests: properties of lock-in, exposure, the national figures and scoped scans.

use super::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lockin_and_exposure_invariants(spec in inventory_strategy()) {
        let g = support::graph_of(&spec.json());
        let inv = g.inventory();
        let r = support::scan(&g);
        let (comp, want_groups) = reference_lockin(&g);
        prop_assert_eq!(r.lockin.groups.len(), want_groups.len());
        for (grp, want) in r.lockin.groups.iter().zip(&want_groups) {
            prop_assert!(grp.members.len() >= 2);
            prop_assert_eq!(&*inv.asset(grp.first()).id, want.0.as_str());
            prop_assert_eq!(grp.members.len(), want.1);
            prop_assert!(close_to(grp.weight, want.2));
            let ops: BTreeSet<String> = grp.operators.iter().map(|&o| inv.operator(o).id.to_string()).collect();
            prop_assert_eq!(ops, want.3.clone());
        }
        for o in &r.operators {
            let oix = inv.operator_ix(&o.id).unwrap();
            let total: f64 = g.operator_assets(oix).iter().map(|&a| inv.asset(a).weight).sum();
            let locked: f64 = g
                .operator_assets(oix)
                .iter()
                .filter(|a| comp[a.index()] != usize::MAX)
                .map(|&a| inv.asset(a).weight)
                .sum();
            match o.lockin.index {
                None => prop_assert!(total <= 0.0),
                Some(x) => {
                    prop_assert!(in_unit(x), "lock-in index {}", x);
                    prop_assert!(close_to(x, locked / total));
                }
            }
            // the operator's groups: those holding one of its assets, weight descending, id
            let mut want: Vec<(String, f64)> = want_groups
                .iter()
                .filter(|w| w.3.contains(&o.id))
                .map(|w| (w.0.clone(), w.2))
                .collect();
            want.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let got: Vec<String> = o.lockin.groups.iter().map(|x| x.id.clone()).collect();
            prop_assert_eq!(got, want.into_iter().map(|w| w.0).collect::<Vec<_>>());
            // key assets and their control distance to a high-risk supplier
            let mut key_weight = 0.0;
            let mut exposed_weight = 0.0;
            let mut want_exposed: Vec<(&str, usize)> = Vec::new();
            for &a in g.operator_assets(oix) {
                let asset = inv.asset(a);
                let dname = inv.domain_name(asset.domain);
                if !(asset.sensitive || dname == "core" || dname == "nmo") {
                    continue;
                }
                key_weight += asset.weight;
                if let Some(k) = control_distance(&g, a) {
                    exposed_weight += asset.weight;
                    want_exposed.push((&asset.id, k));
                }
            }
            prop_assert!(close_to(o.exposure.key_weight, key_weight));
            match o.exposure.index {
                None => prop_assert!(key_weight <= 0.0),
                Some(x) => {
                    prop_assert!(in_unit(x), "exposure index {}", x);
                    prop_assert!(close_to(x, exposed_weight / key_weight));
                }
            }
            for d in &o.exposure.domains {
                prop_assert!(in_unit(d.index));
            }
            let got: Vec<(&str, usize)> = o
                .exposure
                .exposed
                .iter()
                .map(|e| (e.asset.as_str(), e.path.len() - 1))
                .collect();
            prop_assert_eq!(got, want_exposed, "exposed key assets with the smallest k");
            for e in &o.exposure.exposed {
                let path: Vec<AssetIx> = e.path.iter().map(|a| inv.asset_ix(a).expect("asset")).collect();
                prop_assert_eq!(&*inv.asset(path[0]).id, e.asset.as_str());
                for w in path.windows(2) {
                    prop_assert!(
                        g.dependencies(w[0]).any(|d| d.kind.propagates_control() && d.asset == w[1]),
                        "{} -> {} is not a control edge", inv.asset(w[0]).id, inv.asset(w[1]).id
                    );
                }
                let end = inv.asset(*path.last().unwrap());
                prop_assert!(high_risk(&g, end.supplier), "path ends at a supplier that is not high-risk");
                prop_assert_eq!(&e.supplier, &*inv.supplier(end.supplier).id);
                if path.len() == 1 {
                    prop_assert_eq!(e.kind.as_str(), "direct");
                } else {
                    let kinds: Vec<LinkKind> = g
                        .dependencies(path[0])
                        .filter(|d| d.asset == path[1] && d.kind.propagates_control())
                        .map(|d| d.kind)
                        .collect();
                    prop_assert!(kinds.iter().any(|k| k.as_str() == e.kind), "kind {} of the first step", e.kind);
                }
            }
        }
    }

    #[test]
    fn national_invariants(spec in inventory_strategy()) {
        let g = support::graph_of(&spec.json());
        let inv = g.inventory();
        let r = support::scan(&g);
        let last = r.countries.last().expect("at least one operator");
        prop_assert_eq!(last.country.as_str(), "all");
        for c in &r.countries {
            // w_o, as the spec defines it
            let ops: Vec<&str> = c.operators.iter().map(String::as_str).collect();
            let subs: Vec<Option<u64>> = ops
                .iter()
                .map(|o| inv.operator(inv.operator_ix(o).unwrap()).subscribers)
                .collect();
            let by_subs = subs.iter().all(Option::is_some) && subs.iter().map(|s| s.unwrap_or(0)).sum::<u64>() > 0;
            let w = |o: &str| -> f64 {
                if by_subs {
                    inv.operator(inv.operator_ix(o).unwrap()).subscribers.unwrap() as f64
                } else {
                    1.0
                }
            };
            let members: Vec<&OperatorEntry> = r
                .operators
                .iter()
                .filter(|o| ops.contains(&o.id.as_str()))
                .collect();
            // national shares by reference from the operators' shares
            let mut want_domains: BTreeMap<&str, (f64, BTreeMap<&str, f64>)> = BTreeMap::new();
            for o in &members {
                for d in &o.domains {
                    let e = want_domains.entry(&d.domain).or_default();
                    e.0 += w(&o.id);
                    for s in &d.suppliers {
                        *e.1.entry(&s.supplier).or_default() += w(&o.id) * s.share;
                    }
                }
            }
            let names: Vec<&str> = c.domains.iter().map(|d| d.domain.as_str()).collect();
            prop_assert_eq!(names, want_domains.keys().copied().collect::<Vec<_>>());
            for d in &c.domains {
                let (tw, sums) = &want_domains[d.domain.as_str()];
                let listed: BTreeSet<&str> = d.suppliers.iter().map(|s| s.supplier.as_str()).collect();
                prop_assert_eq!(listed, sums.keys().copied().collect::<BTreeSet<_>>());
                for s in &d.suppliers {
                    let want = if *tw > 0.0 { sums[s.supplier.as_str()] / tw } else { 0.0 };
                    prop_assert!(close_to(s.share, want), "national share of {} in {} {}", s.supplier, c.country, d.domain);
                }
            }
            // national outage by reference from the operators' outages
            let defined: Vec<&&OperatorEntry> =
                members.iter().filter(|o| o.outage.units_weight > 0.0).collect();
            let dw: f64 = defined.iter().map(|o| w(&o.id)).sum();
            let mut want_out: BTreeMap<&str, f64> = BTreeMap::new();
            for o in &defined {
                for s in &o.outage.suppliers {
                    *want_out.entry(&s.supplier).or_default() += w(&o.id) * s.outage;
                }
            }
            let listed: BTreeSet<&str> = c.outage.iter().map(|s| s.supplier.as_str()).collect();
            if dw > 0.0 {
                prop_assert_eq!(listed, want_out.keys().copied().collect::<BTreeSet<_>>());
            } else {
                // 0/0: undefined, so vendorgraph lists nothing (docs/analyses.md).
                prop_assert!(listed.is_empty());
            }
            if dw > 0.0 {
                for s in &c.outage {
                    prop_assert!(close_to(s.outage, want_out[s.supplier.as_str()] / dw));
                }
            }
            for d in &c.domains {
                let total: f64 = r
                    .operators
                    .iter()
                    .filter(|o| ops.contains(&o.id.as_str()) && o.domains.iter().any(|x| x.domain == d.domain))
                    .map(|o| w(&o.id))
                    .sum();
                let sum: f64 = d.suppliers.iter().map(|s| s.share).sum();
                if total > 0.0 {
                    prop_assert!(close_to(sum, 1.0), "national shares of {} {} sum to {}", c.country, d.domain, sum);
                } else {
                    prop_assert!(close_to(sum, 0.0));
                }
                prop_assert!(d.hhi >= 0.0 && d.hhi <= 10000.0 + 1e-6);
                prop_assert!(in_unit(d.high_risk_share));
                for s in &d.suppliers {
                    prop_assert!(in_unit(s.share));
                    prop_assert!(s.operators <= ops.len());
                }
            }
            let defined: f64 = r
                .operators
                .iter()
                .filter(|o| ops.contains(&o.id.as_str()) && o.outage.units_weight > 0.0)
                .map(|o| w(&o.id))
                .sum();
            // With no weight among the operators whose outage is defined (all of them with 0
            // subscribers), the spec's quotient is 0/0: not checked here.
            if defined > 0.0 {
                for s in &c.outage {
                    prop_assert!(in_unit(s.outage), "national outage {} of {}", s.outage, s.supplier);
                }
            }
        }
    }

    #[test]
    fn scan_ignores_row_order_and_thread_count(spec in inventory_strategy()) {
        let g = support::graph_of(&spec.json());
        let base = figures_json(&support::scan(&g));
        let shuffled = support::graph_of(&spec.shuffled_json());
        prop_assert_eq!(&base, &figures_json(&support::scan(&shuffled)), "shuffled rows");
        for n in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
            let out = pool.install(|| figures_json(&support::scan(&g)));
            prop_assert_eq!(&base, &out, "{} thread(s)", n);
        }
    }

    #[test]
    fn scoped_scans_give_the_whole_scans_figures(spec in inventory_strategy()) {
        let g = support::graph_of(&spec.json());
        let cx = analysis::Context::new(&g, &Config::default());
        let whole = analysis::scan_in(&cx);
        for (i, f) in whole.operators.iter().enumerate() {
            let o = vendorgraph::model::OperatorIx(i as u32);
            let one = analysis::scan_scope(&cx, analysis::Scope::Operator(o));
            prop_assert_eq!(text(&one.operators), text(std::slice::from_ref(f)));
            prop_assert!(one.countries.is_empty());
        }
        let mut scopes: Vec<Option<vendorgraph::model::Country>> =
            g.operators_by_country().into_keys().map(Some).collect();
        scopes.push(None);
        for c in scopes {
            let code = c.map_or("all".to_owned(), |c| c.to_string());
            let part = analysis::scan_scope(&cx, analysis::Scope::Country(c));
            let want = whole.country(&code).expect("scanned");
            prop_assert_eq!(part.countries.len(), 1);
            prop_assert_eq!(text(&part.countries[0]), text(want));
            for &o in &part.assessed {
                prop_assert_eq!(text(part.operator(o).unwrap()), text(whole.operator(o).unwrap()));
            }
            // The parts into a supplier add up to its national share; weights to 1.
            let weights: f64 = want.weights.iter().map(|w| w.1).sum();
            prop_assert!(close_to(weights, 1.0));
            for d in &want.domains {
                for s in &d.suppliers {
                    let sum: f64 = d.parts.iter().filter(|p| p.supplier == s.supplier).map(|p| p.part).sum();
                    prop_assert!(close_to(sum, s.share), "parts of {:?} in {} {:?}", s.supplier, code, d.domain);
                }
            }
        }
    }

    #[test]
    fn a_down_sets_failed_links_follow_the_k_of_n_rule(spec in inventory_strategy(), mask in any::<u8>()) {
        let g = support::graph_of(&spec.json());
        let inv = g.inventory();
        let failed: Vec<SupplierIx> = (0..inv.suppliers.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| SupplierIx(i as u32))
            .collect();
        let d = down_set(&g, &failed);
        for (i, l) in inv.links.iter().enumerate() {
            let up = inv.targets(l).iter().filter(|&&t| !d.contains(t)).count();
            let want = l.kind.propagates_failure() && up < l.need as usize;
            prop_assert_eq!(d.link_fails(vendorgraph::model::LinkIx(i as u32)), want);
            if want {
                prop_assert!(d.contains(l.from));
            }
        }
        for s in 0..inv.suppliers.len() {
            let s = SupplierIx(s as u32);
            prop_assert_eq!(d.is_failed(s), failed.contains(&s));
        }
    }
}
