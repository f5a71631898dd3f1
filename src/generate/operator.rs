//! Planning an operator: its subscribers, its RAN regions and their vendors, its cores,
//! management, transport and managed service; then writing its file.

use std::io::{self, Write};

use crate::export::{JsonWriter, LinkRow, OperatorRow, Table, Targets};
use crate::vocab::LinkKind;

use super::params::{Params, Summary};
use super::profiles::{CountryProfile, EU27};
use super::registry::integrator_id;
use super::rng::{Rng, derive, split};

/// Writes the file of operator `n` (from 1) of the country at `country` in [`EU27`]: the
/// operator row, its assets and its links.
///
/// # Panics
/// When `country` or `n` is out of the ranges of `params`.
///
/// # Errors
/// An I/O error of `w`.
pub fn write_operator(
    params: &Params,
    country: usize,
    n: usize,
    w: &mut impl Write,
) -> io::Result<Summary> {
    assert!(country < params.countries && (1..=params.operators).contains(&n));
    let plan = OperatorPlan::new(params, country, n);
    plan.write(w)
}

/// The id of operator `n` (from 1) of a country: `de-1`.
pub fn operator_id(country: &str, n: usize) -> String {
    format!("{}-{n}", country.to_ascii_lowercase())
}

/// The subscribers and target high-risk RAN share of every operator of a country, such
/// that the subscriber-weighted mean of the targets is the country's.
fn country_plan(params: &Params, country: usize) -> Vec<(u64, f64)> {
    let profile = &EU27[country];
    let mut rng = Rng::new(derive(params.seed, 1_000 + country as u64));
    let m = params.operators;
    // Market shares fall with rank (the incumbent first), with some noise.
    let raw: Vec<f64> = (0..m)
        .map(|j| rng.range(0.85, 1.15) / (j as f64 + 2.0))
        .collect();
    let sum: f64 = raw.iter().sum();
    let total = profile.population_millions * 1.2e6;
    let subs: Vec<u64> = raw
        .iter()
        .map(|r| ((total * r / sum / 1000.0).round() as u64).max(1) * 1000)
        .collect();
    let t = profile.high_risk_ran;
    let offsets: Vec<f64> = (0..m).map(|_| rng.range(-0.3, 0.3)).collect();
    let wsum: f64 = subs.iter().map(|&s| s as f64).sum();
    let mean: f64 = offsets
        .iter()
        .zip(&subs)
        .map(|(d, &s)| d * s as f64)
        .sum::<f64>()
        / wsum;
    // The largest spread in [0, 1] that keeps every target within [0, 1].
    let mut spread: f64 = 1.0;
    for d in &offsets {
        let c = d - mean;
        if c > 0.0 {
            spread = spread.min((1.0 - t) / c);
        } else if c < 0.0 {
            spread = spread.min(t / -c);
        }
    }
    subs.iter()
        .zip(&offsets)
        .map(|(&s, d)| (s, (t + spread.max(0.0) * (d - mean)).clamp(0.0, 1.0)))
        .collect()
}

/// A region of an operator's RAN: a run of sites with one vendor.
pub(super) struct Region {
    pub(super) name: &'static str,
    /// The first site (from 0) and the number of sites.
    pub(super) start: usize,
    pub(super) sites: usize,
    pub(super) vendor: &'static str,
}

/// The vendors of a 5G standalone core.
pub(super) struct Core5g {
    /// Supplier of each AMF of the pool.
    pub(super) amf: Vec<&'static str>,
    /// Supplier of SMF, AUSF, UDM, PCF, NRF and NSSF.
    pub(super) main: &'static str,
    /// Supplier of each UPF.
    pub(super) upf: Vec<&'static str>,
    pub(super) nfvi: &'static str,
    pub(super) servers: &'static str,
}

/// Everything about an operator but its sites, which are drawn one by one as they are
/// written.
pub(super) struct OperatorPlan {
    pub(super) id: String,
    pub(super) country: &'static CountryProfile,
    pub(super) n: usize,
    pub(super) seed: u64,
    pub(super) sites: usize,
    pub(super) width: usize,
    pub(super) subscribers: u64,
    pub(super) target: f64,
    /// Share of standalone sites (0 without a 5G core).
    pub(super) sa_share: f64,
    pub(super) regions: Vec<Region>,
    pub(super) epc: &'static str,
    pub(super) mme: usize,
    pub(super) epc_nfvi: &'static str,
    pub(super) epc_servers: &'static str,
    pub(super) core: Option<Core5g>,
    pub(super) oss: &'static str,
    pub(super) agg_routers: &'static str,
    pub(super) core_routers: &'static str,
    pub(super) managed_service: String,
    pub(super) ms_location: Option<&'static str>,
    /// Every vendor with RAN or core equipment, sorted: one EMS each.
    pub(super) ems: Vec<&'static str>,
    /// The site of the core assets: the first region's data centre.
    pub(super) dc: String,
}

impl OperatorPlan {
    fn new(params: &Params, country: usize, n: usize) -> Self {
        let profile = &EU27[country];
        let (subscribers, target) = country_plan(params, country)[n - 1];
        let seed = derive(derive(params.seed, country as u64 + 1), n as u64);
        let mut rng = Rng::new(seed);
        let k = params.sites;
        // High-risk vendors are possible only where the country has some.
        let hr = profile.high_risk_ran > 0.0;
        let hr_heavy = target >= 0.5;
        let regions = plan_regions(profile, k, target, &mut rng);
        let epc = pick_epc(hr, hr_heavy, &mut rng);
        let mme = 2 + rng.below(2);
        let (epc_nfvi, epc_servers) = platform(epc, &mut rng);
        // 5G standalone core, for about half of the operators (more likely for the
        // incumbent).
        let has_sa = rng.chance(if n == 1 { 0.7 } else { 0.45 });
        let core = has_sa.then(|| plan_core_5g(hr && hr_heavy, &mut rng));
        let sa_share = if has_sa { rng.range(0.2, 0.8) } else { 0.0 };
        let (oss, agg_routers, core_routers) = pick_management(hr, &mut rng);
        let (managed_service, ms_location) = pick_managed_service(profile, epc, &mut rng);
        let mut ems: Vec<&'static str> = regions.iter().map(|r| r.vendor).collect();
        ems.push(epc);
        if let Some(c) = &core {
            ems.extend(c.amf.iter().chain(&c.upf).copied());
            ems.push(c.main);
        }
        ems.sort_unstable();
        ems.dedup();
        OperatorPlan {
            id: operator_id(profile.code, n),
            country: profile,
            n,
            seed,
            sites: k,
            width: k.to_string().len().max(6),
            subscribers,
            target,
            sa_share,
            regions,
            epc,
            mme,
            epc_nfvi,
            epc_servers,
            core,
            oss,
            agg_routers,
            core_routers,
            managed_service,
            ms_location,
            ems,
            dc: format!("{} core DC", profile.regions[0]),
        }
    }

    pub(super) fn write(&self, w: &mut impl Write) -> io::Result<Summary> {
        let p = self.country;
        let figure = if p.sourced {
            "the mean of the Strand Consult estimates for the country (4G RAN 2020, 5G RAN Q2 2022)"
        } else {
            "a plausible value (no public figure used)"
        };
        let name = format!("{} Mobile {} (synthetic)", p.name, self.n);
        let notes = format!(
            "high-risk RAN share of this operator {:.3}; national target {:.2}, {figure}",
            self.target, p.high_risk_ran
        );
        let mut out = JsonWriter::new(w)?;
        out.begin(Table::Operators)?;
        out.row(&OperatorRow {
            id: &self.id,
            name: Some(&name),
            country: p.code,
            subscribers: Some(self.subscribers),
            source: Some("synthetic: vendorgraph generate, not a real operator"),
            notes: Some(&notes),
        })?;
        out.end()?;
        out.begin(Table::Assets)?;
        self.core_assets(&mut out)?;
        for region in &self.regions {
            for i in region.start..region.start + region.sites {
                self.site_assets(&mut out, region, i)?;
            }
        }
        let assets = out.end()?;
        out.begin(Table::Links)?;
        self.core_links(&mut out)?;
        let targets = self.site_targets();
        for (ri, region) in self.regions.iter().enumerate() {
            for i in region.start..region.start + region.sites {
                self.site_links(&mut out, &targets, ri, i)?;
            }
        }
        let links = out.end()?;
        out.finish()?;
        Ok(Summary {
            files: 1,
            operators: 1,
            assets,
            links,
            sites: self.sites as u64,
            ..Summary::default()
        })
    }

    /// The id of member `m` (from 1) of the operator's function `f`: `de-1-amf-2`.
    pub(super) fn member(&self, f: &str, m: usize) -> String {
        format!("{}-{f}-{m}", self.id)
    }

    pub(super) fn pair(&self, f: &str) -> [String; 2] {
        [self.member(f, 1), self.member(f, 2)]
    }

    pub(super) fn ems_id(&self, vendor: &str) -> String {
        format!("{}-ems-{vendor}", self.id)
    }

    /// The aggregation router pair of region `r` (from 1).
    pub(super) fn agg_routers_of(&self, r: usize) -> [String; 2] {
        ["a", "b"].map(|s| format!("{}-rtr-agg-{r}{s}", self.id))
    }
}

/// The RAN of an operator of `k` sites: regions, each with one vendor, sized so that the
/// high-risk sites are exactly `round(target * k)`.
fn plan_regions(profile: &CountryProfile, k: usize, target: f64, rng: &mut Rng) -> Vec<Region> {
    let high_sites = ((target * k as f64).round() as usize).min(k);
    let low_sites = k - high_sites;
    let r = k.min(profile.regions.len());
    let mut r_high = if high_sites == 0 {
        0
    } else if low_sites == 0 {
        r
    } else {
        ((target * r as f64).round() as usize).clamp(1, r - 1)
    };
    r_high = r_high.min(high_sites);
    let r_low = if low_sites == 0 {
        0
    } else {
        (r - r_high).min(low_sites).max(1)
    };
    let mut names: Vec<&'static str> = profile.regions.to_vec();
    rng.shuffle(&mut names);
    let high_vendors = {
        let first = rng.pick(&[("huawei", 0.75), ("zte", 0.25)]);
        let second = if first == "huawei" { "zte" } else { "huawei" };
        if r_high >= 2 && rng.chance(0.3) {
            vec![first, second]
        } else {
            vec![first]
        }
    };
    let low_vendors = {
        let first = rng.pick(&[("ericsson", 0.5), ("nokia", 0.4), ("samsung", 0.1)]);
        let second = rng.pick(&[("ericsson", 0.45), ("nokia", 0.45), ("samsung", 0.1)]);
        if r_low >= 2 && second != first && rng.chance(0.5) {
            vec![first, second]
        } else {
            vec![first]
        }
    };
    let mut regions = Vec::with_capacity(r_high + r_low);
    let mut start = 0;
    for (class, count, total, vendors) in [
        (0, r_high, high_sites, &high_vendors),
        (1, r_low, low_sites, &low_vendors),
    ] {
        let sizes = split(total, count, rng);
        for (i, size) in sizes.into_iter().enumerate() {
            let name = names[if class == 0 { i } else { r_high + i }];
            regions.push(Region {
                name,
                start,
                sites: size,
                vendor: vendors[i % vendors.len()],
            });
            start += size;
        }
    }
    debug_assert_eq!(start, k);
    regions
}

/// The vendor of the 4G EPC.
fn pick_epc(hr: bool, hr_heavy: bool, rng: &mut Rng) -> &'static str {
    if !hr {
        rng.pick(&[("ericsson", 0.55), ("nokia", 0.45)])
    } else if hr_heavy {
        rng.pick(&[
            ("huawei", 0.45),
            ("zte", 0.1),
            ("ericsson", 0.25),
            ("nokia", 0.2),
        ])
    } else {
        rng.pick(&[
            ("ericsson", 0.45),
            ("nokia", 0.4),
            ("huawei", 0.1),
            ("zte", 0.05),
        ])
    }
}

/// The vendors of a 5G standalone core; `hr_heavy`: in a country with high-risk vendors,
/// for an operator whose RAN target is at least one half.
fn plan_core_5g(hr_heavy: bool, rng: &mut Rng) -> Core5g {
    let main = if hr_heavy {
        rng.pick(&[("ericsson", 0.45), ("nokia", 0.4), ("huawei", 0.15)])
    } else {
        rng.pick(&[("ericsson", 0.5), ("nokia", 0.45), ("samsung", 0.05)])
    };
    let other = match main {
        "ericsson" => "nokia",
        _ => "ericsson",
    };
    // A pool of n members: all from the main vendor, or alternating with the other.
    let pool = |n, two_vendors: bool| {
        (0..n)
            .map(|i| {
                if two_vendors && i % 2 == 1 {
                    other
                } else {
                    main
                }
            })
            .collect()
    };
    let n_amf = 2 + rng.below(2);
    let amf = pool(n_amf, rng.chance(0.35));
    let n_upf = 2 + rng.below(3);
    let upf = pool(n_upf, rng.chance(0.4));
    let (nfvi, servers) = platform(main, rng);
    Core5g {
        amf,
        main,
        upf,
        nfvi,
        servers,
    }
}

/// The vendors of the OSS, the aggregation routers and the core routers.
fn pick_management(hr: bool, rng: &mut Rng) -> (&'static str, &'static str, &'static str) {
    let oss = rng.pick(&[("ericsson", 0.35), ("nokia", 0.35), ("netcracker", 0.3)]);
    let agg_routers = if hr {
        rng.pick(&[
            ("cisco", 0.35),
            ("nokia", 0.25),
            ("juniper", 0.15),
            ("huawei", 0.2),
            ("ericsson", 0.05),
        ])
    } else {
        rng.pick(&[
            ("cisco", 0.4),
            ("nokia", 0.3),
            ("juniper", 0.2),
            ("ericsson", 0.1),
        ])
    };
    let core_routers = rng.pick(&[("cisco", 0.45), ("juniper", 0.3), ("nokia", 0.25)]);
    (oss, agg_routers, core_routers)
}

/// Who operates the OSS and the core cloud, and from where when not from the country.
fn pick_managed_service(
    profile: &CountryProfile,
    epc: &'static str,
    rng: &mut Rng,
) -> (String, Option<&'static str>) {
    match rng.pick(&[
        ("domestic", 0.45),
        ("vendor", 0.2),
        ("offshore-in", 0.25),
        ("nearshore-rs", 0.1),
    ]) {
        "domestic" => (integrator_id(profile.code), None),
        "vendor" => (epc.to_owned(), None),
        "offshore-in" => ("noc-offshore-in".to_owned(), Some("IN")),
        _ => ("noc-nearshore-rs".to_owned(), Some("RS")),
    }
}

/// The NFVI and server suppliers that go with a core vendor.
fn platform(core_vendor: &str, rng: &mut Rng) -> (&'static str, &'static str) {
    if core_vendor == "huawei" && rng.chance(0.8) {
        return ("huawei-cloud", "huawei");
    }
    let nfvi = rng.pick(&[("vmware", 0.5), ("redhat", 0.5)]);
    let servers = rng.pick(&[("dell", 0.45), ("hpe", 0.4), ("lenovo", 0.15)]);
    (nfvi, servers)
}

/// Writes a link with no `open` and no provenance.
pub(super) fn link<W: Write>(
    out: &mut JsonWriter<W>,
    from: &str,
    to: &[String],
    kind: LinkKind,
    need: Option<u32>,
    interface: Option<&str>,
) -> io::Result<()> {
    out.row(&LinkRow {
        need,
        interface,
        ..LinkRow::new(from, Targets::Strings(to), kind)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::MAX_COUNTRIES;
    use crate::vocab;

    #[test]
    fn every_function_the_generator_writes_is_in_the_vocabulary() {
        for f in vocab::function::ALL
            .into_iter()
            .chain([vocab::MANAGED_SERVICE])
        {
            assert!(vocab::function_info(f).is_some(), "{f}");
        }
    }

    #[test]
    fn national_targets_are_met_exactly_before_rounding() {
        for (c, profile) in EU27.iter().enumerate() {
            for m in 1..5 {
                let p = Params {
                    countries: MAX_COUNTRIES,
                    operators: m,
                    sites: 10,
                    seed: 3,
                };
                let plan = country_plan(&p, c);
                let subs: f64 = plan.iter().map(|x| x.0 as f64).sum();
                let mean: f64 = plan.iter().map(|x| x.0 as f64 * x.1).sum::<f64>() / subs;
                assert!(
                    (mean - profile.high_risk_ran).abs() < 1e-9,
                    "{}",
                    profile.code
                );
                assert!(plan.iter().all(|x| (0.0..=1.0).contains(&x.1)));
            }
        }
    }
}
