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
//!
//! Code map: [`profiles`](EU27) (the member states), `params` (what to generate, what was
//! written), `files` (the output directory), `registry` (the supplier registry), `operator`
//! (planning an operator and writing its file), `core` (its core, management and
//! transport), `sites` (its radio sites), `rng` (the seeded random numbers). Every file is
//! written through [`crate::export::JsonWriter`].

mod core;
mod files;
mod operator;
mod params;
mod profiles;
mod registry;
mod rng;
mod sites;

pub use files::{file_names, generate};
pub use operator::{operator_id, write_operator};
pub use params::{GenerateError, Params, Summary};
pub use profiles::{CountryProfile, EU27, MAX_COUNTRIES, country_profile};
pub use registry::write_suppliers;
