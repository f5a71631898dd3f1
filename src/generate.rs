//! GENERATE: a synthetic but realistic inventory of EU 5G networks, for demos and
//! benchmarks (`vendorgraph generate`).
//!
//! The output is a directory in the layout a regulator would hold: `suppliers.json`, the
//! supplier registry, and one file per operator, `<cc>-<n>.json` (for example `de-1.json`),
//! with that operator, its assets and its links. Countries are the EU 27 member states by
//! population, largest first ([`EU27`]): `--countries 2` gives Germany and France.
//!
//! Each operator has:
//! - a 4G EPC (MME pool, SGW and PGW pairs, HSS, PCRF) and, for some operators, a 5G
//!   standalone core (an AMF pool from one or two suppliers, SMF pair, UPFs with
//!   alternatives, UDM, AUSF, PCF, NSSF and an NRF set of which two of three must be up);
//! - NFVI platforms that the core functions run on, each on two server clusters;
//! - one OSS and one element manager (EMS) per RAN or core vendor, each EMS managing only
//!   its own vendor's equipment over closed links and managed by the OSS over an open one;
//! - aggregation routers per region and a pair of core routers;
//! - an outsourced managed service that operates the OSS and the NFVI, sometimes from
//!   outside the EU;
//! - `--sites` radio sites split into regions, each region with one RAN vendor. A site has
//!   an eNB and a gNB of the same vendor: either non-standalone (the gNB anchored by the
//!   eNB over X2) or, for operators with a 5G core, standalone (the gNB on the AMF pool and
//!   the UPFs). Radios weigh 3 cells; about 2% of sites are sensitive.
//!
//! The regions are given vendors so that each country's subscriber-weighted share of
//! high-risk vendors (Huawei, ZTE) in the RAN lands on [`CountryProfile::high_risk_ran`]:
//! Strand Consult's estimates where `../shared/DOMAIN.md` gives them, plausible values for
//! the other countries.
//!
//! The output is a pure function of the [`Params`] (seed included), and it is written as a
//! stream: memory does not grow with the number of sites. A site's random choices are
//! drawn from a hash of the seed, its operator and its index, so the assets and the links
//! of a site can be written in two passes without keeping anything per site.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::export::{AssetRow, JsonWriter, LinkRow, OperatorRow, SupplierRow, Table, Targets};
use crate::vocab::{LinkKind, Risk};

/// The EU 27 member states, by population (largest first), with the figures that the
/// generator is calibrated on.
#[rustfmt::skip]
pub const EU27: [CountryProfile; 27] = [
    CountryProfile::sourced("DE", "Germany", 83.4, 0.58, &["Baden-Württemberg", "Bayern", "Berlin",
        "Hessen", "Niedersachsen", "Nordrhein-Westfalen", "Sachsen", "Hamburg"]),
    CountryProfile::sourced("FR", "France", 68.4, 0.21, &["Île-de-France", "Auvergne-Rhône-Alpes",
        "Provence-Alpes-Côte d'Azur", "Occitanie", "Nouvelle-Aquitaine", "Hauts-de-France",
        "Grand Est", "Bretagne"]),
    CountryProfile::sourced("IT", "Italy", 59.0, 0.51, &["Lombardia", "Lazio", "Campania",
        "Sicilia", "Veneto", "Emilia-Romagna", "Piemonte", "Puglia"]),
    CountryProfile::sourced("ES", "Spain", 48.6, 0.45, &["Madrid", "Cataluña", "Andalucía",
        "Comunitat Valenciana", "Galicia", "País Vasco", "Castilla y León"]),
    CountryProfile::sourced("PL", "Poland", 36.6, 0.49, &["Mazowieckie", "Śląskie",
        "Wielkopolskie", "Małopolskie", "Dolnośląskie", "Pomorskie"]),
    CountryProfile::plausible("RO", "Romania", 19.1, 0.40, &["București-Ilfov", "Nord-Est",
        "Nord-Vest", "Centru", "Sud-Est", "Vest"]),
    CountryProfile::sourced("NL", "Netherlands", 17.9, 0.51, &["Noord-Holland", "Zuid-Holland",
        "Utrecht", "Noord-Brabant", "Gelderland", "Groningen"]),
    CountryProfile::sourced("BE", "Belgium", 11.8, 1.0, &["Bruxelles-Capitale", "Antwerpen",
        "Oost-Vlaanderen", "Liège", "Hainaut", "Vlaams-Brabant"]),
    CountryProfile::plausible("CZ", "Czechia", 10.9, 0.25, &["Praha", "Středočeský",
        "Jihomoravský", "Moravskoslezský", "Ústecký"]),
    CountryProfile::plausible("SE", "Sweden", 10.6, 0.20, &["Stockholm", "Västra Götaland",
        "Skåne", "Uppsala", "Östergötland", "Norrbotten"]),
    CountryProfile::plausible("PT", "Portugal", 10.6, 0.35, &["Lisboa", "Norte", "Centro",
        "Alentejo", "Algarve"]),
    CountryProfile::plausible("GR", "Greece", 10.4, 0.35, &["Attiki", "Kentriki Makedonia",
        "Thessalia", "Dytiki Ellada", "Kriti"]),
    CountryProfile::sourced("HU", "Hungary", 9.6, 0.55, &["Budapest", "Pest", "Győr-Moson-Sopron",
        "Hajdú-Bihar", "Baranya"]),
    CountryProfile::plausible("AT", "Austria", 9.2, 0.40, &["Wien", "Niederösterreich",
        "Oberösterreich", "Steiermark", "Tirol", "Salzburg"]),
    CountryProfile::plausible("BG", "Bulgaria", 6.4, 0.35, &["Sofia-grad", "Plovdiv", "Varna",
        "Burgas", "Ruse"]),
    CountryProfile::plausible("DK", "Denmark", 6.0, 0.25, &["Hovedstaden", "Midtjylland",
        "Syddanmark", "Sjælland", "Nordjylland"]),
    CountryProfile::plausible("FI", "Finland", 5.6, 0.20, &["Uusimaa", "Pirkanmaa",
        "Varsinais-Suomi", "Pohjois-Pohjanmaa", "Lappi"]),
    CountryProfile::sourced("SK", "Slovakia", 5.4, 0.03, &["Bratislavský", "Košický", "Žilinský",
        "Banskobystrický", "Prešovský"]),
    CountryProfile::plausible("IE", "Ireland", 5.3, 0.30, &["Dublin", "Cork", "Galway", "Limerick",
        "Donegal"]),
    CountryProfile::plausible("HR", "Croatia", 3.9, 0.35, &["Grad Zagreb", "Splitsko-dalmatinska",
        "Primorsko-goranska", "Osječko-baranjska"]),
    CountryProfile::sourced("LT", "Lithuania", 2.9, 0.0, &["Vilnius", "Kaunas", "Klaipėda",
        "Šiauliai"]),
    CountryProfile::plausible("SI", "Slovenia", 2.1, 0.35, &["Osrednjeslovenska", "Podravska",
        "Savinjska", "Obalno-kraška"]),
    CountryProfile::sourced("LV", "Latvia", 1.9, 0.0, &["Rīga", "Kurzeme", "Latgale", "Vidzeme",
        "Zemgale"]),
    CountryProfile::sourced("EE", "Estonia", 1.4, 0.0, &["Harju", "Tartu", "Ida-Viru", "Pärnu"]),
    CountryProfile::sourced("CY", "Cyprus", 0.93, 1.0, &["Nicosia", "Limassol", "Larnaca", "Paphos"]),
    CountryProfile::plausible("LU", "Luxembourg", 0.67, 0.30, &["Luxembourg", "Esch-sur-Alzette",
        "Diekirch"]),
    CountryProfile::plausible("MT", "Malta", 0.56, 0.40, &["Malta", "Gozo"]),
];

/// The largest `--countries`: the EU 27.
pub const MAX_COUNTRIES: usize = EU27.len();

/// What the generator knows of one member state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountryProfile {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
    /// Population in millions (Eurostat, 1 January 2024, rounded); mobile subscriptions
    /// are taken as 1.2 per inhabitant.
    pub population_millions: f64,
    /// Target national share (0 to 1) of high-risk vendors in the RAN, weighted by
    /// subscribers.
    pub high_risk_ran: f64,
    /// Whether `high_risk_ran` comes from a public estimate (the mean of the Strand Consult
    /// figures that DOMAIN.md gives for the country: 4G RAN 2020, 5G RAN Q2 2022) or is a
    /// plausible value chosen for the synthetic data.
    pub sourced: bool,
    /// Region names; an operator's sites are split over up to this many regions.
    pub regions: &'static [&'static str],
}

impl CountryProfile {
    const fn sourced(
        code: &'static str,
        name: &'static str,
        population_millions: f64,
        high_risk_ran: f64,
        regions: &'static [&'static str],
    ) -> Self {
        CountryProfile {
            code,
            name,
            population_millions,
            high_risk_ran,
            sourced: true,
            regions,
        }
    }

    const fn plausible(
        code: &'static str,
        name: &'static str,
        population_millions: f64,
        high_risk_ran: f64,
        regions: &'static [&'static str],
    ) -> Self {
        CountryProfile {
            sourced: false,
            ..Self::sourced(code, name, population_millions, high_risk_ran, regions)
        }
    }
}

/// The profile of a country by its ISO code.
pub fn country_profile(code: &str) -> Option<&'static CountryProfile> {
    EU27.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Number of countries, the first of [`EU27`]: 1 to 27.
    pub countries: usize,
    /// Operators per country, at least 1.
    pub operators: usize,
    /// Radio sites per operator, at least 1.
    pub sites: usize,
    /// The seed: the same parameters give byte-identical files.
    pub seed: u64,
}

impl Params {
    /// Checks the ranges.
    ///
    /// # Errors
    /// [`GenerateError::Params`] when a count is out of range.
    pub fn check(&self) -> Result<(), GenerateError> {
        let bad = |m: String| Err(GenerateError::Params(m));
        if self.countries == 0 || self.countries > MAX_COUNTRIES {
            return bad(format!(
                "--countries {}: the generator knows the {MAX_COUNTRIES} EU member states, give 1 to {MAX_COUNTRIES}",
                self.countries
            ));
        }
        if self.operators == 0 {
            return bad("--operators 0: give at least 1 operator per country".into());
        }
        if self.sites == 0 {
            return bad("--sites 0: give at least 1 site per operator".into());
        }
        Ok(())
    }

    /// The number of operators in all.
    pub fn operator_count(&self) -> usize {
        self.countries * self.operators
    }

    /// The number of sites in all.
    pub fn site_count(&self) -> u64 {
        (self.operator_count() as u64) * (self.sites as u64)
    }
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// A parameter is out of range.
    #[error("{0}")]
    Params(String),
    /// The output directory holds files and `force` was not given.
    #[error(
        "output directory {} is not empty: choose another or pass --force to replace its inventory files",
        .0.display()
    )]
    NotEmpty(PathBuf),
    /// Reading or writing a file failed.
    #[error("failed to write {}", .path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files written.
    pub files: usize,
    /// Supplier rows.
    pub suppliers: u64,
    /// Operator rows.
    pub operators: u64,
    /// Asset rows.
    pub assets: u64,
    /// Link rows.
    pub links: u64,
    /// Radio sites.
    pub sites: u64,
    /// Bytes written.
    pub bytes: u64,
}

impl Summary {
    fn add(mut self, o: Summary) -> Summary {
        self.files += o.files;
        self.suppliers += o.suppliers;
        self.operators += o.operators;
        self.assets += o.assets;
        self.links += o.links;
        self.sites += o.sites;
        self.bytes += o.bytes;
        self
    }
}

/// Generates the inventory into the directory `dir`, which is created if missing.
///
/// The files are written into a temporary directory first, so that a failure or a crash
/// leaves no half-written inventory: when `dir` is missing or empty, the temporary
/// directory (made next to it) is renamed to `dir` at the end. A non-empty `dir` is
/// refused unless `force` is given; then the files that a directory input would load
/// (`*.json` and the four table CSV files) are removed and replaced by the new ones, and
/// every other file (a README, say) is kept.
///
/// `progress` is called with the number of sites of each file written, from worker
/// threads: files are generated in parallel on the current rayon pool. The output does not
/// depend on the number of threads.
///
/// # Errors
/// Bad parameters, a non-empty directory without `force`, or an I/O error.
pub fn generate(
    params: &Params,
    dir: &Path,
    force: bool,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Summary, GenerateError> {
    params.check()?;
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenerateError::Io { path, source }
    };
    let non_empty = match fs::read_dir(dir) {
        Ok(mut entries) => Some(entries.next().is_some()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(dir)(e)),
    };
    match non_empty {
        Some(true) if !force => Err(GenerateError::NotEmpty(dir.to_path_buf())),
        Some(true) => {
            // Generate beside the old files (a hidden subdirectory is never loaded: inputs
            // are not searched recursively), then swap the inventory files.
            let tmp = temp_dir_in(dir).map_err(io_err(dir))?;
            let summary = write_files(params, tmp.path(), progress)?;
            for path in inventory_files(dir).map_err(io_err(dir))? {
                fs::remove_file(&path).map_err(io_err(&path))?;
            }
            for name in file_names(params) {
                let to = dir.join(&name);
                fs::rename(tmp.path().join(&name), &to).map_err(io_err(&to))?;
            }
            Ok(summary)
        }
        _ => {
            let parent = match dir.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            fs::create_dir_all(parent).map_err(io_err(parent))?;
            let tmp = temp_dir_in(parent).map_err(io_err(parent))?;
            let summary = write_files(params, tmp.path(), progress)?;
            if non_empty == Some(false) {
                fs::remove_dir(dir).map_err(io_err(dir))?;
            }
            fs::rename(tmp.path(), dir).map_err(io_err(dir))?;
            // Renamed: nothing left for the guard to delete.
            let _ = tmp.keep();
            Ok(summary)
        }
    }
}

/// The file names of an inventory, in the order they are written: `suppliers.json`, then
/// one file per operator.
pub fn file_names(params: &Params) -> Vec<String> {
    let mut names = vec!["suppliers.json".to_owned()];
    for c in &EU27[..params.countries.min(MAX_COUNTRIES)] {
        for n in 1..=params.operators {
            names.push(format!("{}.json", operator_id(c.code, n)));
        }
    }
    names
}

/// The id of operator `n` (from 1) of a country: `de-1`.
pub fn operator_id(country: &str, n: usize) -> String {
    format!("{}-{n}", country.to_ascii_lowercase())
}

/// Writes the supplier registry of an inventory.
///
/// # Errors
/// An I/O error of `w`.
pub fn write_suppliers(params: &Params, w: &mut impl Write) -> io::Result<Summary> {
    let source = format!(
        "synthetic: vendorgraph generate --seed {} (not a real contract; risk marks illustrative)",
        params.seed
    );
    let mut out = JsonWriter::new(w)?;
    out.begin(Table::Suppliers)?;
    for s in GLOBAL_SUPPLIERS {
        out.row(&SupplierRow {
            source: Some(&source),
            ..*s
        })?;
    }
    for c in &EU27[..params.countries] {
        let id = integrator_id(c.code);
        let name = format!("{} Network Services (synthetic integrator)", c.name);
        out.row(&SupplierRow {
            id: &id,
            name: Some(&name),
            country: c.code,
            risk: Risk::Low,
            group: None,
            source: Some(&source),
            notes: Some("fictional domestic systems integrator and managed-service provider"),
        })?;
    }
    let n = out.end()?;
    out.finish()?;
    Ok(Summary {
        files: 1,
        suppliers: n,
        ..Summary::default()
    })
}

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

// ---------------------------------------------------------------------------------------
// The supplier registry.

const fn sup(
    id: &'static str,
    name: &'static str,
    country: &'static str,
    risk: Risk,
    group: Option<&'static str>,
    notes: Option<&'static str>,
) -> SupplierRow<'static> {
    SupplierRow {
        id,
        name: Some(name),
        country,
        risk,
        group,
        source: None,
        notes,
    }
}

const HIGH_RISK_NOTE: &str = "the European Commission held in June 2023 that Huawei and ZTE present materially higher risks than other 5G suppliers";

const GLOBAL_SUPPLIERS: &[SupplierRow<'static>] = &[
    sup("ericsson", "Ericsson", "SE", Risk::Low, None, None),
    sup("nokia", "Nokia", "FI", Risk::Low, None, None),
    sup("samsung", "Samsung Networks", "KR", Risk::Low, None, None),
    sup(
        "huawei",
        "Huawei",
        "CN",
        Risk::High,
        None,
        Some(HIGH_RISK_NOTE),
    ),
    sup("zte", "ZTE", "CN", Risk::High, None, Some(HIGH_RISK_NOTE)),
    sup(
        "huawei-cloud",
        "Huawei Cloud (NFVI)",
        "CN",
        Risk::Unassessed,
        Some("huawei"),
        Some("no risk mark of its own: counts as high-risk through its group huawei"),
    ),
    sup("broadcom", "Broadcom", "US", Risk::Low, None, None),
    sup(
        "vmware",
        "VMware Telco Cloud",
        "US",
        Risk::Low,
        Some("broadcom"),
        None,
    ),
    sup("ibm", "IBM", "US", Risk::Low, None, None),
    sup(
        "redhat",
        "Red Hat OpenShift",
        "US",
        Risk::Low,
        Some("ibm"),
        None,
    ),
    sup(
        "hpe",
        "Hewlett Packard Enterprise",
        "US",
        Risk::Low,
        None,
        None,
    ),
    sup(
        "juniper",
        "Juniper Networks",
        "US",
        Risk::Low,
        Some("hpe"),
        None,
    ),
    sup("cisco", "Cisco", "US", Risk::Low, None, None),
    sup("dell", "Dell Technologies", "US", Risk::Low, None, None),
    sup(
        "lenovo",
        "Lenovo",
        "CN",
        Risk::Unassessed,
        None,
        Some("server vendor, not assessed in this synthetic registry"),
    ),
    sup("nec", "NEC", "JP", Risk::Low, None, None),
    sup(
        "netcracker",
        "Netcracker",
        "US",
        Risk::Low,
        Some("nec"),
        None,
    ),
    sup(
        "noc-offshore-in",
        "Offshore NOC Services (synthetic)",
        "IN",
        Risk::Medium,
        None,
        Some("fictional managed-service provider operating networks from Bengaluru"),
    ),
    sup(
        "noc-nearshore-rs",
        "Nearshore NOC Services (synthetic)",
        "RS",
        Risk::Medium,
        None,
        Some("fictional managed-service provider operating networks from Belgrade"),
    ),
];

fn integrator_id(code: &str) -> String {
    format!("integrator-{}", code.to_ascii_lowercase())
}

// ---------------------------------------------------------------------------------------
// Writing files.

fn temp_dir_in(dir: &Path) -> io::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(".vendorgraph-generate-")
        .tempdir_in(dir)
}

/// The files of `dir` that a directory input loads.
fn inventory_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        let table_csv = ["suppliers", "operators", "assets", "links"]
            .iter()
            .any(|t| name.strip_suffix(".csv") == Some(t));
        if name.ends_with(".json") || table_csv {
            out.push(entry.path());
        }
    }
    Ok(out)
}

/// Writes every file into `dir`, in parallel, each through a buffered stream.
fn write_files(
    params: &Params,
    dir: &Path,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Summary, GenerateError> {
    let names = file_names(params);
    // Job 0 is the registry; job 1 + c * operators + (n - 1) is operator n of country c.
    let results: Vec<Result<Summary, GenerateError>> = (0..names.len())
        .into_par_iter()
        .map(|job| {
            let path = dir.join(&names[job]);
            let write = || -> io::Result<Summary> {
                let file = File::create(&path)?;
                let mut w = CountingWriter {
                    inner: BufWriter::with_capacity(1 << 20, file),
                    bytes: 0,
                };
                let mut summary = if job == 0 {
                    write_suppliers(params, &mut w)?
                } else {
                    let (c, n) = ((job - 1) / params.operators, (job - 1) % params.operators);
                    write_operator(params, c, n + 1, &mut w)?
                };
                summary.bytes = w.bytes;
                let file = w.inner.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                Ok(summary)
            };
            let summary = write().map_err(|source| GenerateError::Io {
                path: path.clone(),
                source,
            })?;
            progress(summary.sites);
            Ok(summary)
        })
        .collect();
    let mut total = Summary::default();
    for r in results {
        total = total.add(r?);
    }
    Ok(total)
}

/// Counts the bytes written through it.
struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)?;
        self.bytes += buf.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

// ---------------------------------------------------------------------------------------
// Randomness: SplitMix64 (Steele, Lea and Flood, 2014), small and good enough for synthetic
// data. Written here so that the output for a seed never changes with a dependency's version.

#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finalize(self.0)
    }

    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// One of the items, with probability proportional to its weight (weights > 0 in sum).
    fn pick<T: Copy>(&mut self, items: &[(T, f64)]) -> T {
        let total: f64 = items.iter().map(|i| i.1).sum();
        let mut x = self.f64() * total;
        for &(item, w) in items {
            if x < w {
                return item;
            }
            x -= w;
        }
        items[items.len() - 1].0
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// SplitMix64's output function: a bijective mix of 64 bits.
fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seed derived from a seed and a tag, so that streams for different tags are unrelated.
fn derive(seed: u64, tag: u64) -> u64 {
    finalize(seed ^ finalize(tag.wrapping_add(0x6A09_E667_F3BC_C909)))
}

// ---------------------------------------------------------------------------------------
// Planning an operator: everything but the sites, which are drawn one by one.

const CELLS: u32 = 3;
const SENSITIVE_SITES: f64 = 0.02;

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

struct Region {
    name: &'static str,
    /// The first site (from 0) and the number of sites.
    start: usize,
    sites: usize,
    vendor: &'static str,
}

struct Core5g {
    /// Supplier of each AMF of the pool.
    amf: Vec<&'static str>,
    /// Supplier of SMF, AUSF, UDM, PCF, NRF and NSSF.
    main: &'static str,
    /// Supplier of each UPF.
    upf: Vec<&'static str>,
    nfvi: &'static str,
    servers: &'static str,
}

struct OperatorPlan {
    id: String,
    country: &'static CountryProfile,
    n: usize,
    seed: u64,
    sites: usize,
    width: usize,
    subscribers: u64,
    target: f64,
    /// Share of standalone sites (0 without a 5G core).
    sa_share: f64,
    regions: Vec<Region>,
    epc: &'static str,
    mme: usize,
    epc_nfvi: &'static str,
    epc_servers: &'static str,
    core: Option<Core5g>,
    oss: &'static str,
    agg_routers: &'static str,
    core_routers: &'static str,
    managed_service: String,
    ms_location: Option<&'static str>,
    /// Every vendor with RAN or core equipment, sorted: one EMS each.
    ems: Vec<&'static str>,
    /// The site of the core assets: the first region's data centre.
    dc: String,
}

impl OperatorPlan {
    fn new(params: &Params, country: usize, n: usize) -> Self {
        let profile = &EU27[country];
        let (subscribers, target) = country_plan(params, country)[n - 1];
        let seed = derive(derive(params.seed, country as u64 + 1), n as u64);
        let mut rng = Rng::new(seed);
        let id = operator_id(profile.code, n);
        let k = params.sites;
        // High-risk vendors are possible only where the country has some.
        let hr = profile.high_risk_ran > 0.0;
        let hr_heavy = target >= 0.5;

        // RAN: regions, each with one vendor, sized so that the high-risk sites are
        // exactly round(target * K).
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
            let sizes = split(total, count, &mut rng);
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

        // 4G EPC.
        let epc = if !hr {
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
        };
        let mme = 2 + rng.below(2);
        let (epc_nfvi, epc_servers) = platform(epc, &mut rng);

        // 5G standalone core, for about half of the operators (more likely for the
        // incumbent).
        let has_sa = rng.chance(if n == 1 { 0.7 } else { 0.45 });
        let core = has_sa.then(|| {
            let main = if hr && hr_heavy {
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
            let (nfvi, servers) = platform(main, &mut rng);
            Core5g {
                amf,
                main,
                upf,
                nfvi,
                servers,
            }
        });
        let sa_share = if has_sa { rng.range(0.2, 0.8) } else { 0.0 };

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
        let (managed_service, ms_location) = match rng.pick(&[
            ("domestic", 0.45),
            ("vendor", 0.2),
            ("offshore-in", 0.25),
            ("nearshore-rs", 0.1),
        ]) {
            "domestic" => (integrator_id(profile.code), None),
            "vendor" => (epc.to_owned(), None),
            "offshore-in" => ("noc-offshore-in".to_owned(), Some("IN")),
            _ => ("noc-nearshore-rs".to_owned(), Some("RS")),
        };

        let mut ems: Vec<&'static str> = regions.iter().map(|r| r.vendor).collect();
        ems.push(epc);
        if let Some(c) = &core {
            ems.extend(c.amf.iter().chain(&c.upf).copied());
            ems.push(c.main);
        }
        ems.sort_unstable();
        ems.dedup();

        OperatorPlan {
            id,
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

    fn write(&self, w: &mut impl Write) -> io::Result<Summary> {
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

    /// Whether site `i` is sensitive and whether it is standalone: a hash of the
    /// operator's seed and the index, the same in both passes.
    fn site_draw(&self, i: usize) -> (bool, bool) {
        let mut rng = Rng::new(derive(self.seed, 1 << 40 | i as u64));
        let sensitive = rng.chance(SENSITIVE_SITES);
        let sa = rng.chance(self.sa_share);
        (sensitive, sa)
    }

    /// The id of the asset of function `f` at site `i` (from 0): `de-1-gnb-000042`.
    fn site_id(&self, f: &str, i: usize) -> String {
        format!("{}-{f}-{:0wd$}", self.id, i + 1, wd = self.width)
    }

    fn site_assets<W: Write>(
        &self,
        out: &mut JsonWriter<W>,
        region: &Region,
        i: usize,
    ) -> io::Result<()> {
        let (sensitive, _) = self.site_draw(i);
        for f in ["enb", "gnb"] {
            out.row(&AssetRow {
                id: &self.site_id(f, i),
                operator: &self.id,
                function: f,
                supplier: region.vendor,
                weight: Some(f64::from(CELLS)),
                sensitive,
                region: Some(region.name),
                ..AssetRow::default()
            })?;
        }
        Ok(())
    }

    fn site_links<W: Write>(
        &self,
        out: &mut JsonWriter<W>,
        t: &SiteTargets,
        ri: usize,
        i: usize,
    ) -> io::Result<()> {
        use LinkKind::{AnchoredBy, ConnectsTo, ManagedBy};
        let (_, sa) = self.site_draw(i);
        let (enb, gnb) = (self.site_id("enb", i), self.site_id("gnb", i));
        let routers = &t.routers[ri][..];
        let ems = std::slice::from_ref(&t.ems[ri]);
        link(out, &enb, &t.mme, ConnectsTo, None, Some("S1-MME"))?;
        link(out, &enb, &t.sgw, ConnectsTo, None, Some("S1-U"))?;
        link(out, &enb, routers, ConnectsTo, None, Some("backhaul"))?;
        link(out, &enb, ems, ManagedBy, None, None)?;
        if sa && self.core.is_some() {
            link(out, &gnb, &t.amf, ConnectsTo, None, Some("N2"))?;
            link(out, &gnb, &t.upf, ConnectsTo, None, Some("N3"))?;
        } else {
            link(out, &gnb, &[enb], AnchoredBy, None, Some("X2"))?;
        }
        link(out, &gnb, routers, ConnectsTo, None, Some("backhaul"))?;
        link(out, &gnb, ems, ManagedBy, None, None)
    }

    /// The targets of site links, made once per operator.
    fn site_targets(&self) -> SiteTargets {
        let list =
            |f: &str, n: usize| -> Vec<String> { (1..=n).map(|m| self.member(f, m)).collect() };
        SiteTargets {
            mme: list("mme", self.mme),
            sgw: list("sgw", 2),
            amf: list("amf", self.core.as_ref().map_or(0, |c| c.amf.len())),
            upf: list("upf", self.core.as_ref().map_or(0, |c| c.upf.len())),
            routers: (1..=self.regions.len())
                .map(|r| self.agg_routers_of(r))
                .collect(),
            ems: self.regions.iter().map(|r| self.ems_id(r.vendor)).collect(),
        }
    }

    /// The id of member `m` (from 1) of the operator's function `f`: `de-1-amf-2`.
    fn member(&self, f: &str, m: usize) -> String {
        format!("{}-{f}-{m}", self.id)
    }

    fn pair(&self, f: &str) -> [String; 2] {
        [self.member(f, 1), self.member(f, 2)]
    }

    fn ems_id(&self, vendor: &str) -> String {
        format!("{}-ems-{vendor}", self.id)
    }

    /// The aggregation router pair of region `r` (from 1).
    fn agg_routers_of(&self, r: usize) -> [String; 2] {
        ["a", "b"].map(|s| format!("{}-rtr-agg-{r}{s}", self.id))
    }

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

    fn core_assets<W: Write>(&self, out: &mut JsonWriter<W>) -> io::Result<()> {
        let op = &self.id;
        // EPC.
        for m in 1..=self.mme {
            let id = self.member("mme", m);
            self.core_asset(out, &id, "mme", self.epc, Some("MME pool member"))?;
        }
        for f in ["sgw", "pgw"] {
            for id in self.pair(f) {
                self.core_asset(out, &id, f, self.epc, None)?;
            }
        }
        for f in ["hss", "pcrf"] {
            self.core_asset(out, &self.member(f, 1), f, self.epc, None)?;
        }
        let nfvi = self.member("nfvi", 1);
        self.core_asset(
            out,
            &nfvi,
            "nfvi",
            self.epc_nfvi,
            Some("EPC cloud platform"),
        )?;
        for s in ["a", "b"] {
            let id = format!("{op}-srv-1{s}");
            let name = Some("EPC server cluster");
            self.core_asset(out, &id, "server", self.epc_servers, name)?;
        }
        if let Some(c) = &self.core {
            self.core_5g_assets(out, c)?;
        }
        self.management_assets(out)
    }

    fn core_5g_assets<W: Write>(&self, out: &mut JsonWriter<W>, c: &Core5g) -> io::Result<()> {
        let op = &self.id;
        for (m, s) in c.amf.iter().enumerate() {
            let id = self.member("amf", m + 1);
            self.core_asset(out, &id, "amf", s, Some("AMF set member"))?;
        }
        for id in self.pair("smf") {
            self.core_asset(out, &id, "smf", c.main, None)?;
        }
        for (m, s) in c.upf.iter().enumerate() {
            self.core_asset(out, &self.member("upf", m + 1), "upf", s, None)?;
        }
        for f in ["ausf", "udm", "pcf", "nssf"] {
            self.core_asset(out, &self.member(f, 1), f, c.main, None)?;
        }
        for m in 1..=3 {
            self.core_asset(out, &self.member("nrf", m), "nrf", c.main, None)?;
        }
        let nfvi = self.member("nfvi", 2);
        self.core_asset(out, &nfvi, "nfvi", c.nfvi, Some("5G core cloud platform"))?;
        for s in ["a", "b"] {
            let id = format!("{op}-srv-2{s}");
            let name = Some("5G core server cluster");
            self.core_asset(out, &id, "server", c.servers, name)?;
        }
        Ok(())
    }

    /// The OSS, the EMSs, the routers and the managed service.
    fn management_assets<W: Write>(&self, out: &mut JsonWriter<W>) -> io::Result<()> {
        let oss = self.member("oss", 1);
        self.core_asset(out, &oss, "oss", self.oss, Some("multi-vendor OSS"))?;
        for v in &self.ems {
            let name = Some("vendor element manager");
            self.core_asset(out, &self.ems_id(v), "ems", v, name)?;
        }
        for m in 1..=2 {
            let id = self.member("rtr-core", m);
            let name = Some("core router");
            self.core_asset(out, &id, "router", self.core_routers, name)?;
        }
        for (ri, r) in self.regions.iter().enumerate() {
            for id in self.agg_routers_of(ri + 1) {
                out.row(&AssetRow {
                    id: &id,
                    operator: &self.id,
                    function: "router",
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
            function: "managed-service",
            supplier: &self.managed_service,
            name: Some("operation of the OSS and the core cloud"),
            location: self.ms_location,
            ..AssetRow::default()
        })
    }

    fn core_links<W: Write>(&self, out: &mut JsonWriter<W>) -> io::Result<()> {
        use LinkKind::{ConnectsTo, ManagedBy, OperatedBy, RunsOn};
        let core_rtr = self.pair("rtr-core");
        let sgw = self.pair("sgw");
        let pgw = self.pair("pgw");
        let [hss, pcrf, nfvi1, ms] = ["hss", "pcrf", "nfvi", "ms"].map(|f| self.member(f, 1));
        let ms = std::slice::from_ref(&ms);
        // EPC.
        let mut epc = Vec::new();
        for m in 1..=self.mme {
            let mme = self.member("mme", m);
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
        let nfvi2 = [self.member("nfvi", 2)];
        let nrf: Vec<String> = (1..=3).map(|m| self.member("nrf", m)).collect();
        let smf = self.pair("smf");
        let upf: Vec<String> = (1..=c.upf.len()).map(|m| self.member("upf", m)).collect();
        let mut nfs: Vec<(String, &str)> = Vec::new();
        for (m, v) in c.amf.iter().enumerate() {
            let amf = self.member("amf", m + 1);
            link(out, &amf, &nrf, ConnectsTo, Some(2), Some("SBI"))?;
            link(out, &amf, &smf, ConnectsTo, None, Some("N11"))?;
            link(out, &amf, &one("ausf"), ConnectsTo, None, Some("N12"))?;
            link(out, &amf, &one("udm"), ConnectsTo, None, Some("N8"))?;
            link(out, &amf, &one("nssf"), ConnectsTo, None, Some("N22"))?;
            nfs.push((amf, v));
        }
        for s in &smf {
            link(out, s, &upf, ConnectsTo, None, Some("N4"))?;
            link(out, s, &one("udm"), ConnectsTo, None, Some("N10"))?;
            link(out, s, &one("pcf"), ConnectsTo, None, Some("N7"))?;
            link(out, s, &nrf, ConnectsTo, Some(2), Some("SBI"))?;
            nfs.push((s.clone(), c.main));
        }
        for (m, v) in c.upf.iter().enumerate() {
            let u = self.member("upf", m + 1);
            link(out, &u, core_rtr, ConnectsTo, None, Some("N6"))?;
            nfs.push((u, v));
        }
        let [ausf] = one("ausf");
        link(out, &ausf, &one("udm"), ConnectsTo, None, Some("N13"))?;
        for f in ["ausf", "udm", "pcf", "nssf"] {
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
        let oss = [self.member("oss", 1)];
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

/// The NFVI and server suppliers that go with a core vendor.
fn platform(core_vendor: &str, rng: &mut Rng) -> (&'static str, &'static str) {
    if core_vendor == "huawei" && rng.chance(0.8) {
        return ("huawei-cloud", "huawei");
    }
    let nfvi = rng.pick(&[("vmware", 0.5), ("redhat", 0.5)]);
    let servers = rng.pick(&[("dell", 0.45), ("hpe", 0.4), ("lenovo", 0.15)]);
    (nfvi, servers)
}

/// Splits `total` into `parts` positive sizes of random proportions (each at least 1 when
/// `total >= parts`).
fn split(total: usize, parts: usize, rng: &mut Rng) -> Vec<usize> {
    if parts == 0 {
        return Vec::new();
    }
    let weights: Vec<f64> = (0..parts).map(|_| rng.range(0.5, 1.5)).collect();
    let wsum: f64 = weights.iter().sum();
    let spare = total - parts.min(total);
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| usize::from(total >= parts) + (spare as f64 * w / wsum).floor() as usize)
        .collect();
    let mut left = total - sizes.iter().sum::<usize>();
    let mut i = 0;
    while left > 0 {
        sizes[i % parts] += 1;
        left -= 1;
        i += 1;
    }
    sizes
}

/// The targets of the links of sites, made once per operator.
struct SiteTargets {
    mme: Vec<String>,
    sgw: Vec<String>,
    amf: Vec<String>,
    upf: Vec<String>,
    /// By region: its aggregation router pair.
    routers: Vec<[String; 2]>,
    /// By region: the EMS of its vendor.
    ems: Vec<String>,
}

/// Writes a link with no `open` and no provenance.
fn link<W: Write>(
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

    #[test]
    fn splitmix_is_stable() {
        // The first outputs of SplitMix64 from seed 0 (reference values of the algorithm).
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn split_covers_the_total() {
        let mut r = Rng::new(7);
        for (total, parts) in [(0, 0), (5, 1), (10, 3), (2, 2), (1000, 7), (3, 5)] {
            let s = split(total, parts, &mut r);
            assert_eq!(s.len(), parts);
            assert_eq!(s.iter().sum::<usize>(), total);
            if total >= parts {
                assert!(s.iter().all(|&x| x >= 1), "{s:?}");
            }
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

    #[test]
    fn every_country_is_known_and_distinct() {
        let mut codes: Vec<&str> = EU27.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 27);
        for c in &EU27 {
            assert!(crate::vocab::EEA.contains(&c.code));
            assert!(c.regions.len() >= 2);
            for r in c.regions {
                assert!(!r.contains('"') && !r.contains('\\'));
            }
        }
    }
}
