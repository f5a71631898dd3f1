//! Tests: analyses. The figures of `fixtures/small`, worked out by hand.

use super::*;

// ---------------------------------------------------------------------------------------
// fixtures/small, by hand
// ---------------------------------------------------------------------------------------

fn small() -> (SupplyGraph, ScanResult) {
    let g = support::load_valid(&[support::fixture("small")]);
    let r = support::scan(&g);
    (g, r)
}

#[test]
fn small_de_nsa_concentration() {
    let (_, r) = small();
    let o = op(&r, "de-nsa");
    // de-nsa's 25 assets by domain: core 6 (mme, sgw, pgw, hss, pcrf, dra: huawei),
    // nmo 3, ran 10 radios of weight 3, services 1, transport 3, virtualisation 2.
    assert_eq!(
        domain_names(o),
        [
            "core",
            "nmo",
            "ran",
            "services",
            "transport",
            "virtualisation"
        ]
    );

    let ran = dom(o, "ran");
    // ran: huawei 5 radios * 3 = 15, ericsson 5 * 3 = 15, W = 30: 0.5 each.
    close(ran.weight, 30.0);
    assert_list(&shares(ran), &[("ericsson", 0.5), ("huawei", 0.5)]);
    // hhi = 50^2 + 50^2 = 5000; equivalent 2; high.
    close(ran.hhi, 5000.0);
    close(ran.equivalent_suppliers, 2.0);
    assert_eq!(ran.band.as_str(), "high");
    // tie at 0.5: the smallest id, ericsson.
    assert_eq!(ran.top.supplier, "ericsson");
    // huawei is high: 0.5.
    close(ran.high_risk_share, 0.5);

    let core = dom(o, "core");
    // core: huawei 6/6 = 1; hhi 10000; equivalent 1; high; high-risk 1.
    close(core.weight, 6.0);
    assert_list(&shares(core), &[("huawei", 1.0)]);
    close(core.hhi, 10000.0);
    close(core.equivalent_suppliers, 1.0);
    assert_eq!(core.band.as_str(), "high");
    close(core.high_risk_share, 1.0);

    // virtualisation: dn-nfvi-1 huawei-cloud, dn-srv-1 huawei: 1/2 each; both high-risk
    // (huawei-cloud through its group): 1. Groups: both roots are huawei: huawei 1.
    let v = dom(o, "virtualisation");
    assert_list(&shares(v), &[("huawei", 0.5), ("huawei-cloud", 0.5)]);
    close(v.high_risk_share, 1.0);
    assert_list(&groups(v), &[("huawei", 1.0)]);
    // nmo: ems-hw (huawei), ems-er (ericsson), oss (nokia): 1/3 each; hhi 3 * (100/3)^2
    // = 10000/3; high-risk 1/3.
    let nmo = dom(o, "nmo");
    assert_list(
        &shares(nmo),
        &[
            ("ericsson", 1.0 / 3.0),
            ("huawei", 1.0 / 3.0),
            ("nokia", 1.0 / 3.0),
        ],
    );
    close(nmo.hhi, 10000.0 / 3.0);
    close(nmo.high_risk_share, 1.0 / 3.0);
}

#[test]
fn small_fr_sa_concentration() {
    let (_, r) = small();
    let o = op(&r, "fr-sa");
    assert_eq!(
        domain_names(o),
        ["core", "nmo", "ran", "services", "virtualisation"]
    );
    let core = dom(o, "core");
    // core: 11 functions of weight 1: ericsson amf-1, smf, upf-1, ausf, udm, pcf, nrf-1..3
    // = 9; nokia amf-2, upf-2 = 2. Shares 9/11 and 2/11.
    close(core.weight, 11.0);
    assert_list(
        &shares(core),
        &[("ericsson", 9.0 / 11.0), ("nokia", 2.0 / 11.0)],
    );
    // hhi = (900/11)^2 + (200/11)^2 = (810000 + 40000) / 121 = 850000/121 = 7024.79..
    close(core.hhi, 850000.0 / 121.0);
    // equivalent = 10000 * 121 / 850000 = 1.42352..
    close(core.equivalent_suppliers, 1210000.0 / 850000.0);
    assert_eq!(core.band.as_str(), "high");
    assert_eq!(core.top.supplier, "ericsson");
    close(core.high_risk_share, 0.0);

    let ran = dom(o, "ran");
    // ran: nokia gnb-p1, p2 = 3 + 3 = 6; samsung gnb-l1, l2 (3 + 3), cu-l3 1, du-l3 1 = 8;
    // fujitsu ru-l3a..c = 3. W = 17.
    close(ran.weight, 17.0);
    assert_list(
        &shares(ran),
        &[
            ("samsung", 8.0 / 17.0),
            ("nokia", 6.0 / 17.0),
            ("fujitsu", 3.0 / 17.0),
        ],
    );
    // hhi = (800^2 + 600^2 + 300^2) / 17^2 = (640000 + 360000 + 90000) / 289 = 1090000/289
    close(ran.hhi, 1090000.0 / 289.0);
    assert_eq!(ran.band.as_str(), "high");
    assert_eq!(ran.top.supplier, "samsung");
    close(ran.high_risk_share, 0.0);

    // virtualisation: vmware nfvi 1, dell srv-1, srv-2 2: dell 2/3, vmware 1/3; groups dell
    // 2/3, broadcom 1/3 (vmware's group).
    let v = dom(o, "virtualisation");
    assert_list(&shares(v), &[("dell", 2.0 / 3.0), ("vmware", 1.0 / 3.0)]);
    assert_list(&groups(v), &[("dell", 2.0 / 3.0), ("broadcom", 1.0 / 3.0)]);
    // hhi = (200/3)^2 + (100/3)^2 = 40000/9 + 10000/9 = 50000/9
    close(v.hhi, 50000.0 / 9.0);
}

#[test]
fn small_outage() {
    let (_, r) = small();
    // de-nsa: units = 6 eNBs (4g) + 4 gNBs (5g), weight 3 each: 30 (18 4g, 12 5g).
    // Reached along runs_on / anchored_by / connects_to: the EPC (huawei), dn-nfvi-1
    // (huawei-cloud), dn-srv-1 (huawei), the three routers (cisco), the radios (huawei,
    // ericsson). R = {cisco, ericsson, huawei, huawei-cloud}.
    //   huawei: the EPC (mme, sgw) down: every eNB down, every gNB down (anchor and S1-U): 1.
    //   huawei-cloud: the NFVI down, so the EPC running on it: 1.
    //   cisco: rtr-core-1 down -> rtr-b1, rtr-m1 down -> every eNB down -> gNBs (anchor): 1.
    //   ericsson: the Bayern radios only: 15/30 = 0.5; 4g 9/18; 5g 6/12.
    let o = op(&r, "de-nsa");
    close(o.outage.units_weight, 30.0);
    assert_list(
        &outages(o),
        &[
            ("cisco", 1.0),
            ("huawei", 1.0),
            ("huawei-cloud", 1.0),
            ("ericsson", 0.5),
        ],
    );
    let e = outage_of(o, "ericsson");
    close_opt(e.outage_4g, Some(0.5));
    close_opt(e.outage_5g, Some(0.5));
    let h = outage_of(o, "huawei");
    close_opt(h.outage_4g, Some(1.0));
    close_opt(h.outage_5g, Some(1.0));
    // worst single: three at 1, smallest id cisco. worst pair: every pair with cisco is 1;
    // the smallest pair is (cisco, ericsson).
    worst_single(o, "cisco", 1.0);
    worst_pair(o, ["cisco", "ericsson"], 1.0);

    // fr-sa: units = gnb-p1, p2, l1, l2 (3 each, 5g) + ru-l3a..c (1 each, no generation)
    // = 15; 5g weight 12; no 4g unit. CU and DU are not radio units.
    // R = {dell, ericsson, fujitsu, nokia, samsung, vmware} (offshore-ms and the EMSs are
    // reached only over operated_by / managed_by).
    //   ericsson: ausf and smf down -> both AMFs down -> every unit: 1.
    //   vmware: NFVI down -> every core function -> 1. dell: both server clusters -> 1.
    //   samsung: gnb-l1, l2 (6), cu -> du -> three RUs (3): 9/15 = 0.6; 5g 6/12 = 0.5.
    //   nokia: gnb-p1, p2 (6); amf-2 and upf-2 down but amf-1 and upf-1 up: 6/15 = 0.4;
    //          5g 6/12 = 0.5.
    //   fujitsu: the RUs: 3/15 = 0.2; 5g 0/12 = 0.
    let o = op(&r, "fr-sa");
    close(o.outage.units_weight, 15.0);
    assert_list(
        &outages(o),
        &[
            ("dell", 1.0),
            ("ericsson", 1.0),
            ("vmware", 1.0),
            ("samsung", 0.6),
            ("nokia", 0.4),
            ("fujitsu", 0.2),
        ],
    );
    let s = outage_of(o, "samsung");
    close_opt(s.outage_5g, Some(0.5));
    close_opt(s.outage_4g, None);
    let n = outage_of(o, "nokia");
    close_opt(n.outage_5g, Some(0.5));
    let f = outage_of(o, "fujitsu");
    close_opt(f.outage_5g, Some(0.0));
    worst_single(o, "dell", 1.0);
    // (dell, ericsson) = 1 is the smallest pair with the largest outage.
    worst_pair(o, ["dell", "ericsson"], 1.0);

    // de-b: gNBs (zte, 9) -> db-amf-1 -> smf -> upf, udm (nokia). nokia 1, zte 1.
    let o = op(&r, "de-b");
    assert_list(&outages(o), &[("nokia", 1.0), ("zte", 1.0)]);
    worst_single(o, "nokia", 1.0);
    worst_pair(o, ["nokia", "zte"], 1.0);
}

#[test]
fn small_lockin() {
    let (_, r) = small();
    // de-nsa closed pairs: 4 X2 anchored_by (gNB -> eNB), 11 managed_by to dn-ems-hw, 5 to
    // dn-ems-er (the Itf-N links to the OSS are open).
    //   huawei group: ems-hw, enb-b1..b3, gnb-b1..b2, mme, sgw, pgw, hss, pcrf, dra = 12
    //   assets; weight 1 + 5 * 3 + 6 = 22; id dn-dra-1 ("dn-d" < "dn-e").
    //   ericsson group: ems-er, enb-m1..m3, gnb-m1..m2 = 6 assets; 1 + 15 = 16; id dn-ems-er
    //   ("dn-em" < "dn-en").
    let o = op(&r, "de-nsa");
    assert_eq!(
        lockin_groups(o),
        [("dn-dra-1", 12, 22.0), ("dn-ems-er", 6, 16.0)]
    );
    assert_eq!(o.lockin.groups[0].suppliers, ["huawei"]);
    assert_eq!(o.lockin.groups[0].domains, ["core", "nmo", "ran"]);
    assert_eq!(o.lockin.groups[1].suppliers, ["ericsson"]);
    assert_eq!(o.lockin.groups[1].domains, ["nmo", "ran"]);
    // total weight of de-nsa: core 6 + nmo 3 + ran 30 + services 1 + transport 3 + virt 2
    // = 45; in groups 22 + 16 = 38. index = 38/45.
    close(o.lockin.index.unwrap(), 38.0 / 45.0);

    // fr-sa: managed_by to the Nokia EMS (2) and the Samsung EMS (4); Itf-N open; 7.2x
    // explicitly open.
    //   samsung: cu-l3, du-l3, ems-samsung, gnb-l1, gnb-l2: 5 assets, 1 + 1 + 1 + 3 + 3 = 9,
    //   id fr-cu-l3. nokia: ems-nokia, gnb-p1, gnb-p2: 3 assets, 1 + 3 + 3 = 7, id
    //   fr-ems-nokia.
    let o = op(&r, "fr-sa");
    assert_eq!(
        lockin_groups(o),
        [("fr-cu-l3", 5, 9.0), ("fr-ems-nokia", 3, 7.0)]
    );
    // total: core 11 + virt 3 + ran 17 + nmo 3 + services 1 = 35; in groups 16: 16/35.
    close(o.lockin.index.unwrap(), 16.0 / 35.0);

    // de-b: db-ems-1 and the three gNBs: 4 assets, 1 + 9 = 10; total 4 + 9 + 1 = 14.
    let o = op(&r, "de-b");
    assert_eq!(lockin_groups(o), [("db-ems-1", 4, 10.0)]);
    close(o.lockin.index.unwrap(), 10.0 / 14.0);
}

#[test]
fn small_exposure() {
    let (_, r) = small();
    // de-nsa key assets: core 6 (weight 6), nmo 3 (ems-hw, ems-er, oss-1: 3), sensitive
    // enb-b1, gnb-b1, enb-m3 (3 each: 9). key weight = 18.
    // Exposed: the six huawei core functions and dn-ems-hw (direct), dn-enb-b1 and dn-gnb-b1
    // (huawei, direct). dn-ems-er -> oss (nokia) -> ms (rheinnetz): no; dn-oss-1: no;
    // dn-enb-m3 -> ems-er -> ...: no. Exposed weight 6 + 1 + 3 + 3 = 13: index 13/18.
    let o = op(&r, "de-nsa");
    close(o.exposure.key_weight, 18.0);
    close(o.exposure.index.unwrap(), 13.0 / 18.0);
    let ids: Vec<&str> = o
        .exposure
        .exposed
        .iter()
        .map(|e| e.asset.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "dn-dra-1",
            "dn-ems-hw",
            "dn-enb-b1",
            "dn-gnb-b1",
            "dn-hss-1",
            "dn-mme-1",
            "dn-pcrf-1",
            "dn-pgw-1",
            "dn-sgw-1"
        ]
    );
    assert!(o.exposure.exposed.iter().all(|e| e.kind == "direct"));
    // per domain: core 6/6; nmo 1/3; ran (sensitive radios) 6/9.
    let per: Vec<(&str, f64)> = o
        .exposure
        .domains
        .iter()
        .map(|d| (d.domain.as_str(), d.index))
        .collect();
    assert_list(
        &per,
        &[("core", 1.0), ("nmo", 1.0 / 3.0), ("ran", 2.0 / 3.0)],
    );
    // dn-ms-1 has no location: operated from DE: no offshore operation.
    assert!(o.exposure.offshore.is_empty());

    // fr-sa: no high-risk supplier anywhere in its control paths: key weight 11 + 3 = 14,
    // index 0, nothing exposed.
    let o = op(&r, "fr-sa");
    close(o.exposure.key_weight, 14.0);
    close(o.exposure.index.unwrap(), 0.0);
    assert!(o.exposure.exposed.is_empty());
    // Offshore (fr-ms-1 in IN): the 11 core functions (runs_on fr-nfvi-1, operated_by
    // fr-ms-1), fr-oss-1 (operated_by), both EMSs (managed_by the OSS, then operated_by).
    let off: Vec<(&str, usize)> = o
        .exposure
        .offshore
        .iter()
        .map(|x| (x.asset.as_str(), x.path.len()))
        .collect();
    assert_eq!(
        off,
        [
            ("fr-amf-1", 3),
            ("fr-amf-2", 3),
            ("fr-ausf-1", 3),
            ("fr-ems-nokia", 3),
            ("fr-ems-samsung", 3),
            ("fr-nrf-1", 3),
            ("fr-nrf-2", 3),
            ("fr-nrf-3", 3),
            ("fr-oss-1", 2),
            ("fr-pcf-1", 3),
            ("fr-smf-1", 3),
            ("fr-udm-1", 3),
            ("fr-upf-1", 3),
            ("fr-upf-2", 3),
        ]
    );
    assert_eq!(
        o.exposure.offshore[0].path.clone(),
        ["fr-amf-1", "fr-nfvi-1", "fr-ms-1"]
    );

    // de-b: key = core 4 (nokia) + db-ems-1 (zte): 5; exposed db-ems-1 only: 1/5.
    let o = op(&r, "de-b");
    close(o.exposure.index.unwrap(), 0.2);
    assert_eq!(exposed(o), [ex("db-ems-1", "direct", &["db-ems-1"])]);
}

#[test]
fn small_national() {
    let (_, r) = small();
    let names: Vec<&str> = r.countries.iter().map(|c| c.country.as_str()).collect();
    assert_eq!(names, ["DE", "FR", "all"]);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let de = country(&r, "DE");
    // weights: de-nsa 30 M, de-b 10 M (40 M).
    // ran: de-nsa ericsson 0.5, huawei 0.5; de-b zte 1.
    //   ericsson = 30 * 0.5 / 40 = 0.375; huawei = 0.375; zte = 10 * 1 / 40 = 0.25.
    let ran = national_shares(de, "ran");
    assert_list(
        &nat_list(ran),
        &[("ericsson", 0.375), ("huawei", 0.375), ("zte", 0.25)],
    );
    // hhi = 37.5^2 * 2 + 25^2 = 2812.5 + 625 = 3437.5; high-risk = huawei + zte = 0.625.
    close(ran.hhi, 3437.5);
    close(ran.high_risk_share, 0.625);
    assert_eq!(
        nat_operators(ran),
        [("ericsson", 1), ("huawei", 1), ("zte", 1)]
    );
    // core: huawei 30 * 1 / 40 = 0.75, nokia 10 * 1 / 40 = 0.25; hhi 5625 + 625 = 6250.
    let core = national_shares(de, "core");
    assert_list(&nat_list(core), &[("huawei", 0.75), ("nokia", 0.25)]);
    close(core.hhi, 6250.0);
    close(core.high_risk_share, 0.75);
    // nmo: de-nsa 1/3 each of ericsson, huawei, nokia; de-b zte 1:
    //   10/40 each = 0.25; high-risk huawei + zte = 0.5.
    let nmo = national_shares(de, "nmo");
    assert_list(
        &nat_list(nmo),
        &[
            ("ericsson", 0.25),
            ("huawei", 0.25),
            ("nokia", 0.25),
            ("zte", 0.25),
        ],
    );
    close(nmo.high_risk_share, 0.5);
    // outage: de-nsa cisco, huawei, huawei-cloud 1, ericsson 0.5; de-b nokia 1, zte 1.
    //   cisco = 30 / 40 = 0.75 (likewise huawei, huawei-cloud); ericsson = 15 / 40 = 0.375;
    //   nokia = 10 / 40 = 0.25; zte = 0.25.
    assert_list(
        &nat_outage(de),
        &[
            ("cisco", 0.75),
            ("huawei", 0.75),
            ("huawei-cloud", 0.75),
            ("ericsson", 0.375),
            ("nokia", 0.25),
            ("zte", 0.25),
        ],
    );

    // all: weights 30, 20, 10 (60). ran: ericsson 15/60 = 0.25, huawei 0.25,
    // zte 10/60 = 1/6, samsung 20 * 8/17 / 60 = 8/51, nokia 6/51, fujitsu 3/51.
    let ran = national_shares(country(&r, "all"), "ran");
    assert_list(
        &nat_list(ran),
        &[
            ("ericsson", 0.25),
            ("huawei", 0.25),
            ("zte", 1.0 / 6.0),
            ("samsung", 8.0 / 51.0),
            ("nokia", 6.0 / 51.0),
            ("fujitsu", 3.0 / 51.0),
        ],
    );
}
