//! Integration tests: one binary, one module per area (guppy, ripgrep).

mod analyses;
mod cli;
mod country;
mod crashers;
mod critical;
mod diagram;
mod diagram_views;
mod diff;
mod docs_commands;
mod export;
mod fuzz;
mod generate;
mod html;
mod import;
mod load;
mod plan;
mod plan_backhaul;
mod policy;
mod properties;
mod shares;
mod snapshots;
mod snapshots_all;
mod support;
mod terminal;
mod workbook;
mod worst_pair;
