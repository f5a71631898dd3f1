//! The core of an operator: its 4G EPC, its 5G standalone core when it has one, the cloud
//! platforms and servers under them, the management (OSS, one EMS per vendor), the
//! transport routers and the managed service, with their links.

use std::io::{self, Write};

use crate::export::{AssetRow, JsonWriter, LinkRow, Targets};
use crate::vocab::function::{
    AMF, AUSF, EMS, HSS, MME, NFVI, NRF, NSSF, OSS, PCF, PCRF, PGW, ROUTER, SERVER, SGW, SMF, UDM,
    UPF,
};
use crate::vocab::{self, LinkKind};

use super::operator::{Core5g, OperatorPlan, link};

impl OperatorPlan {
    /// Writes a core asset: in the first region's data centre.
    fn core_asset<W: Write>(
        &self,
        out: &mut JsonWriter<W>,
        id: &str,
        function: &str,
        supplier: &str,
        name: Option<&str>,
    ) -> io::Result<()> {
        out.row(&AssetRow {
            id,
            operator: &self.id,
            function,
            supplier,
            name,
            site: Some(&self.dc),
            ..AssetRow::default()
        })
    }

    pub(super) fn core_assets<W: Write>(&self, out: &mut JsonWriter<W>) -> io::Result<()> {
        let op = &self.id;
        // EPC.
        for m in 1..=self.mme {
            let id = self.member(MME, m);
            self.core_asset(out, &id, MME, self.epc, Some("MME pool member"))?;
        }
        for f in [SGW, PGW] {
            for id in self.pair(f) {
                self.core_asset(out, &id, f, self.epc, None)?;
            }
        }
        for f in [HSS, PCRF] {
            self.core_asset(out, &self.member(f, 1), f, self.epc, None)?;
        }
        let nfvi = self.member(NFVI, 1);
        self.core_asset(out, &nfvi, NFVI, self.epc_nfvi, Some("EPC cloud platform"))?;
        for s in ["a", "b"] {
            let id = format!("{op}-srv-1{s}");
            let name = Some("EPC server cluster");
            self.core_asset(out, &id, SERVER, self.epc_servers, name)?;
        }
        if let Some(c) = &self.core {
            self.core_5g_assets(out, c)?;
        }
        self.management_assets(out)
    }

    fn core_5g_assets<W: Write>(&self, out: &mut JsonWriter<W>, c: &Core5g) -> io::Result<()> {
        let op = &self.id;
        for (m, s) in c.amf.iter().enumerate() {
            let id = self.member(AMF, m + 1);
            self.core_asset(out, &id, AMF, s, Some("AMF set member"))?;
        }
        for id in self.pair(SMF) {
            self.core_asset(out, &id, SMF, c.main, None)?;
        }
        for (m, s) in c.upf.iter().enumerate() {
            self.core_asset(out, &self.member(UPF, m + 1), UPF, s, None)?;
        }
        for f in [AUSF, UDM, PCF, NSSF] {
            self.core_asset(out, &self.member(f, 1), f, c.main, None)?;
        }
        for m in 1..=3 {
            self.core_asset(out, &self.member(NRF, m), NRF, c.main, None)?;
        }
        let nfvi = self.member(NFVI, 2);
        self.core_asset(out, &nfvi, NFVI, c.nfvi, Some("5G core cloud platform"))?;
        for s in ["a", "b"] {
            let id = format!("{op}-srv-2{s}");
            let name = Some("5G core server cluster");
            self.core_asset(out, &id, SERVER, c.servers, name)?;
        }
        Ok(())
    }

    /// The OSS, the EMSs, the routers and the managed service.
    fn management_assets<W: Write>(&self, out: &mut JsonWriter<W>) -> io::Result<()> {
        let oss = self.member(OSS, 1);
        self.core_asset(out, &oss, OSS, self.oss, Some("multi-vendor OSS"))?;
        for v in &self.ems {
            let name = Some("vendor element manager");
            self.core_asset(out, &self.ems_id(v), EMS, v, name)?;
        }
        for m in 1..=2 {
            let id = self.member("rtr-core", m);
            let name = Some("core router");
            self.core_asset(out, &id, ROUTER, self.core_routers, name)?;
        }
        for (ri, r) in self.regions.iter().enumerate() {
            for id in self.agg_routers_of(ri + 1) {
                out.row(&AssetRow {
                    id: &id,
                    operator: &self.id,
                    function: ROUTER,
                    supplier: self.agg_routers,
                    name: Some("aggregation router"),
                    region: Some(r.name),
                    ..AssetRow::default()
                })?;
            }
        }
        out.row(&AssetRow {
            id: &self.member("ms", 1),
            operator: &self.id,
            function: vocab::MANAGED_SERVICE,
            supplier: &self.managed_service,
            name: Some("operation of the OSS and the core cloud"),
            location: self.ms_location,
            ..AssetRow::default()
        })
    }

    pub(super) fn core_links<W: Write>(&self, out: &mut JsonWriter<W>) -> io::Result<()> {
        use LinkKind::{ConnectsTo, ManagedBy, OperatedBy, RunsOn};
        let core_rtr = self.pair("rtr-core");
        let sgw = self.pair(SGW);
        let pgw = self.pair(PGW);
        let [hss, pcrf, nfvi1, ms] = [HSS, PCRF, NFVI, "ms"].map(|f| self.member(f, 1));
        let ms = std::slice::from_ref(&ms);
        // EPC.
        let mut epc = Vec::new();
        for m in 1..=self.mme {
            let mme = self.member(MME, m);
            link(
                out,
                &mme,
                std::slice::from_ref(&hss),
                ConnectsTo,
                None,
                Some("S6a"),
            )?;
            link(out, &mme, &sgw, ConnectsTo, None, Some("S11"))?;
            epc.push(mme);
        }
        for s in &sgw {
            link(out, s, &pgw, ConnectsTo, None, Some("S5"))?;
            epc.push(s.clone());
        }
        for p in &pgw {
            link(
                out,
                p,
                std::slice::from_ref(&pcrf),
                ConnectsTo,
                None,
                Some("Gx"),
            )?;
            link(out, p, &core_rtr, ConnectsTo, None, Some("SGi"))?;
            epc.push(p.clone());
        }
        epc.push(hss.clone());
        epc.push(pcrf.clone());
        let epc_ems = [self.ems_id(self.epc)];
        for f in &epc {
            link(out, f, std::slice::from_ref(&nfvi1), RunsOn, None, None)?;
            link(out, f, &epc_ems, ManagedBy, None, None)?;
        }
        let srv1 = [format!("{}-srv-1a", self.id), format!("{}-srv-1b", self.id)];
        link(out, &nfvi1, &srv1, RunsOn, None, None)?;
        link(out, &nfvi1, ms, OperatedBy, None, None)?;
        if let Some(c) = &self.core {
            self.core_5g_links(out, c, &core_rtr)?;
        }
        self.management_links(out)
    }

    fn core_5g_links<W: Write>(
        &self,
        out: &mut JsonWriter<W>,
        c: &Core5g,
        core_rtr: &[String],
    ) -> io::Result<()> {
        use LinkKind::{ConnectsTo, ManagedBy, OperatedBy, RunsOn};
        let one = |f: &str| [self.member(f, 1)];
        let nfvi2 = [self.member(NFVI, 2)];
        let nrf: Vec<String> = (1..=3).map(|m| self.member(NRF, m)).collect();
        let smf = self.pair(SMF);
        let upf: Vec<String> = (1..=c.upf.len()).map(|m| self.member(UPF, m)).collect();
        let mut nfs: Vec<(String, &str)> = Vec::new();
        for (m, v) in c.amf.iter().enumerate() {
            let amf = self.member(AMF, m + 1);
            link(out, &amf, &nrf, ConnectsTo, Some(2), Some("SBI"))?;
            link(out, &amf, &smf, ConnectsTo, None, Some("N11"))?;
            link(out, &amf, &one(AUSF), ConnectsTo, None, Some("N12"))?;
            link(out, &amf, &one(UDM), ConnectsTo, None, Some("N8"))?;
            link(out, &amf, &one(NSSF), ConnectsTo, None, Some("N22"))?;
            nfs.push((amf, v));
        }
        for s in &smf {
            link(out, s, &upf, ConnectsTo, None, Some("N4"))?;
            link(out, s, &one(UDM), ConnectsTo, None, Some("N10"))?;
            link(out, s, &one(PCF), ConnectsTo, None, Some("N7"))?;
            link(out, s, &nrf, ConnectsTo, Some(2), Some("SBI"))?;
            nfs.push((s.clone(), c.main));
        }
        for (m, v) in c.upf.iter().enumerate() {
            let u = self.member(UPF, m + 1);
            link(out, &u, core_rtr, ConnectsTo, None, Some("N6"))?;
            nfs.push((u, v));
        }
        let [ausf] = one(AUSF);
        link(out, &ausf, &one(UDM), ConnectsTo, None, Some("N13"))?;
        for f in [AUSF, UDM, PCF, NSSF] {
            let [x] = one(f);
            link(out, &x, &nrf, ConnectsTo, Some(2), Some("SBI"))?;
            nfs.push((x, c.main));
        }
        for n in &nrf {
            nfs.push((n.clone(), c.main));
        }
        for (f, v) in &nfs {
            link(out, f, &nfvi2, RunsOn, None, None)?;
            link(out, f, &[self.ems_id(v)], ManagedBy, None, None)?;
        }
        let srv2 = [format!("{}-srv-2a", self.id), format!("{}-srv-2b", self.id)];
        link(out, &nfvi2[0], &srv2, RunsOn, None, None)?;
        link(out, &nfvi2[0], &one("ms"), OperatedBy, None, None)
    }

    /// Each EMS under the OSS over an open northbound interface; the OSS operated by the
    /// managed service; aggregation pairs dual-homed on the core routers.
    fn management_links<W: Write>(&self, out: &mut JsonWriter<W>) -> io::Result<()> {
        let oss = [self.member(OSS, 1)];
        for v in &self.ems {
            out.row(&LinkRow {
                interface: Some("Itf-N"),
                open: Some(true),
                ..LinkRow::new(&self.ems_id(v), Targets::Strings(&oss), LinkKind::ManagedBy)
            })?;
        }
        let ms = [self.member("ms", 1)];
        link(out, &oss[0], &ms, LinkKind::OperatedBy, None, None)?;
        let core_rtr = self.pair("rtr-core");
        for ri in 1..=self.regions.len() {
            for agg in self.agg_routers_of(ri) {
                link(out, &agg, &core_rtr, LinkKind::ConnectsTo, None, None)?;
            }
        }
        Ok(())
    }
}
