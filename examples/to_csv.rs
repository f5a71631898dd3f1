//! Writes an inventory as the four CSV tables, for the benchmark of CSV against JSON input
//! (`scripts/bench-eu.sh`): the same inventory, in the other format.
//!
//! ```sh
//! cargo run --release --example to_csv -- IN_DIR OUT_DIR
//! ```
//!
//! Every field is written explicitly (domains and generations included), so the CSV
//! loads as the same inventory.
#![expect(
    clippy::disallowed_macros,
    reason = "a command-line tool prints its errors"
)]

use std::path::PathBuf;

use vendorgraph::model::{Inventory, Provenance};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [input, out] = args.as_slice() else {
        return Err("usage: to_csv IN_DIR OUT_DIR".into());
    };
    let loaded = vendorgraph::load::load(std::slice::from_ref(input));
    let Some(inv) = loaded.inventory else {
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        return Err("the input is not valid".into());
    };
    std::fs::create_dir_all(out)?;
    write_tables(&inv, out)?;
    Ok(())
}

fn opt(v: &Option<Box<str>>) -> &str {
    v.as_deref().unwrap_or("")
}

fn prov(p: &Provenance) -> [&str; 2] {
    [opt(&p.source), opt(&p.notes)]
}

fn write_tables(inv: &Inventory, out: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_path(out.join("suppliers.csv"))?;
    w.write_record(["id", "name", "country", "risk", "group", "source", "notes"])?;
    for s in &inv.suppliers {
        let group = s.group.map_or("", |g| &*inv.supplier(g).id);
        let [source, notes] = prov(&s.provenance);
        let country = s.country.to_string();
        w.write_record([
            &*s.id,
            opt(&s.name),
            &country,
            s.risk.as_str(),
            group,
            source,
            notes,
        ])?;
    }
    w.flush()?;

    let mut w = csv::Writer::from_path(out.join("operators.csv"))?;
    w.write_record(["id", "name", "country", "subscribers", "source", "notes"])?;
    for o in &inv.operators {
        let [source, notes] = prov(&o.provenance);
        let subs = o.subscribers.map(|n| n.to_string()).unwrap_or_default();
        let country = o.country.to_string();
        w.write_record([&*o.id, opt(&o.name), &country, &subs, source, notes])?;
    }
    w.flush()?;

    let mut w = csv::Writer::from_path(out.join("assets.csv"))?;
    w.write_record([
        "id",
        "operator",
        "function",
        "supplier",
        "domain",
        "weight",
        "generation",
        "sensitive",
        "location",
        "site",
        "region",
        "name",
        "source",
        "notes",
    ])?;
    for a in &inv.assets {
        let text = a.text.as_deref();
        let [source, notes] = text.map_or(["", ""], |t| prov(&t.provenance));
        let location = a.location.map(|c| c.to_string()).unwrap_or_default();
        w.write_record([
            &*a.id,
            &*inv.operator(a.operator).id,
            inv.function_name(a.function),
            &*inv.supplier(a.supplier).id,
            inv.domain_name(a.domain),
            &a.weight.to_string(),
            a.generation.map_or("", |g| g.as_str()),
            if a.sensitive { "true" } else { "false" },
            &location,
            text.map_or("", |t| opt(&t.site)),
            opt(&a.region),
            text.map_or("", |t| opt(&t.name)),
            source,
            notes,
        ])?;
    }
    w.flush()?;

    let mut w = csv::Writer::from_path(out.join("links.csv"))?;
    w.write_record([
        "from",
        "to",
        "kind",
        "need",
        "interface",
        "open",
        "source",
        "notes",
    ])?;
    for l in &inv.links {
        let to: Vec<&str> = l.targets.iter().map(|&t| &*inv.asset(t).id).collect();
        let [source, notes] = prov(&l.provenance);
        w.write_record([
            &*inv.asset(l.from).id,
            &to.join("|"),
            l.kind.as_str(),
            &l.need.to_string(),
            opt(&l.interface),
            if l.open { "true" } else { "false" },
            source,
            notes,
        ])?;
    }
    w.flush()?;
    Ok(())
}
