#!/usr/bin/env python3
"""Builds fixtures/public-eu/ from the cited public facts in a public-eu data folder.

    python3 scripts/build-public-eu.py DATA_DIR [OUT_DIR]
    python3 scripts/build-public-eu.py --compare DATA_DIR SCAN_JSON [EU27_SCAN_JSON]

DATA_DIR holds operators-eu.csv, operator-splits.csv, market-shares.csv and
national-shares.csv (see its README). OUT_DIR defaults to fixtures/public-eu. The output is
a pure function of the input files: the same facts give the same bytes.

--compare reads the national figures of `vendorgraph scan fixtures/public-eu --format json`
(SCAN_JSON) and prints the Markdown table of docs/public-data.md: vendorgraph's national
high-risk share of 5G RAN beside each published national figure (`EUROPE` beside the scope
`all`; `EU27` beside the scope `all` of EU27_SCAN_JSON, a scan of the 27 members' files).

Rules (docs/public-data.md says them in words):
- suppliers: the vendors named; Huawei and ZTE `high`, citing the Commission's June 2023
  communication on the 5G toolbox; the others `unassessed`.
- operators: every row of operators-eu.csv, except rows `superseded_by=` a successor that is
  itself listed (their networks would count twice).
- 5G RAN: one `shares` row per vendor named in `ran_5g_vendors`, domain `ran`, generation
  `5g`. The share is the published split where one exists (operator-splits.csv: a 5G RAN
  split first, else a RAN split of 2021 or later, latest year first; site counts become
  shares); vendors named but not in the split share the rest equally; without a split, the
  vendors named split equally, and `notes` says `assumption: equal split of the vendors named`.
- core: where `core_vendors` is published, one row per vendor, equal split, domain `core`.
- subscribers: per country, published counts when every operator of the country has one;
  else market shares (x 1,000,000) when every operator has one; else none (equal weights).
"""

import csv
import json
import os
import re
import sys
from collections import defaultdict

COMMISSION_2023 = (
    "European Commission, Communication on the implementation of the 5G cybersecurity "
    "Toolbox, C(2023) 4049, 15 June 2023: "
    "https://digital-strategy.ec.europa.eu/en/library/communication-commission-implementation-5g-cybersecurity-toolbox"
)

# id, name, headquarters country, high-risk (Commission 2023), where the country is stated.
SUPPLIERS = [
    ("cisco", "Cisco", "US", False, "https://www.cisco.com/c/en/us/about.html"),
    ("ericsson", "Ericsson", "SE", False, "https://www.ericsson.com/en/about-us"),
    ("huawei", "Huawei", "CN", True, "https://www.huawei.com/en/corporate-information"),
    ("mavenir", "Mavenir", "US", False, "https://www.mavenir.com/company/"),
    ("nec", "NEC", "JP", False, "https://www.nec.com/en/global/about/"),
    ("nokia", "Nokia", "FI", False, "https://www.nokia.com/about-us/"),
    ("rakuten-symphony", "Rakuten Symphony", "JP", False, "https://symphony.rakuten.com/company"),
    ("samsung", "Samsung Networks", "KR", False, "https://www.samsung.com/global/business/networks/"),
    ("zte", "ZTE", "CN", True, "https://www.zte.com.cn/global/about/"),
]
VENDOR_IDS = {name.lower(): sid for sid, name, *_ in SUPPLIERS}
VENDOR_IDS["samsung"] = "samsung"
COUNTRY_NAMES = {
    "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "HR": "Croatia", "CY": "Cyprus",
    "CZ": "Czechia", "DK": "Denmark", "EE": "Estonia", "FI": "Finland", "FR": "France",
    "DE": "Germany", "GR": "Greece", "HU": "Hungary", "IE": "Ireland", "IT": "Italy",
    "LV": "Latvia", "LT": "Lithuania", "LU": "Luxembourg", "MT": "Malta", "NL": "Netherlands",
    "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SK": "Slovakia", "SI": "Slovenia",
    "ES": "Spain", "SE": "Sweden", "NO": "Norway", "IS": "Iceland", "CH": "Switzerland",
    "GB": "United Kingdom",
}
EQUAL = "assumption: equal split of the vendors named"


def read(data, name):
    with open(os.path.join(data, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def vendor_id(name):
    key = name.strip().lower()
    if key not in VENDOR_IDS:
        raise SystemExit(f"unknown vendor {name!r}: add it to SUPPLIERS")
    return VENDOR_IDS[key]


def vendors(cell):
    return [vendor_id(v) for v in cell.split(";") if v.strip()]


def as_of(notes):
    m = re.match(r"as_of=([^;]*)", notes)
    return f"as_of={m.group(1).strip()}" if m else None


def conflict(notes):
    i = notes.find("CONFLICT")
    if i < 0:
        return None
    text = notes[i:].split(". subscribers")[0]
    return "other source: " + text.split(":", 1)[-1].strip() if ":" in text[:12] else "other source: " + text


def num(s):
    return round(float(s), 6)


def included(rows):
    """Operators, less those superseded by a successor that is itself listed."""
    names = {(r["country"], r["operator"]) for r in rows}
    out = []
    for r in rows:
        m = re.search(r"superseded_by=([^;(]+)", r["notes"])
        if m and (r["country"], m.group(1).strip()) in names:
            continue
        out.append(r)
    return out


def match_operator(country, name, ops):
    """The operators-eu row a split or market-share row names (exact, else by first word)."""
    exact = [o for o in ops if o["country"] == country and o["operator"] == name]
    if exact:
        return exact[0]
    first = name.split()[0].lower()
    cands = [o for o in ops if o["country"] == country and o["operator"].split()[0].lower() == first]
    return cands[0] if len(cands) == 1 else None


def published_split(op, splits):
    """(year, {vendor: share}, source, basis note, other years) of the split to use, or None."""
    mine = [s for s in splits if s["_op"] is op and s["vendor"] != "CHINESE"]

    def by_year(domain, min_year):
        years = defaultdict(list)
        for s in mine:
            if s["domain"] != domain or int(s["year"]) < min_year:
                continue
            if s["share"] and s["share_kind"] in ("exact", "approx", ""):
                years[s["year"]].append(s)
            elif not s["share"] and s["count"] and s["share_kind"] == "":
                years[s["year"]].append(s)
        return years

    for domain, min_year, basis in (("ran_5g", 0, "5G RAN split"), ("ran", 2021, "RAN split (all generations) applied to 5G RAN")):
        years = by_year(domain, min_year)
        if not years:
            continue
        year = max(years)
        rows = years[year]
        if all(r["share"] for r in rows):
            split = {vendor_id(r["vendor"]): num(r["share"]) for r in rows}
        elif all(r["count"] for r in rows):
            total = sum(float(r["count"]) for r in rows)
            split = {vendor_id(r["vendor"]): round(float(r["count"]) / total, 6) for r in rows}
            basis += " (from published site counts)"
        else:
            continue
        kinds = {r["share_kind"] or "count" for r in rows}
        sources = " ; ".join(sorted({r["source"] for r in rows}))
        others = sorted(set(years) - {year})
        return year, split, sources, f"published {basis}, {year} ({'/'.join(sorted(kinds))})", others
    return None


def ran_rows(op, oid, splits):
    named = vendors(op["ran_5g_vendors"])
    if not named:
        return []
    base = [x for x in (as_of(op["notes"]), conflict(op["notes"])) if x]
    found = published_split(op, splits)
    rows = []
    if found:
        year, split, source, basis, others = found
        if sum(split.values()) > 1 + 1e-9:
            total = sum(split.values())
            split = {v: round(s / total, 6) for v, s in split.items()}
            basis += "; scaled to sum to 1"
        rest = [v for v in named if v not in split]
        left = max(0.0, 1 - sum(split.values()))
        note_other = [f"other published split years not used: {', '.join(others)}"] if others else []
        for v in sorted(split):
            rows.append((v, split[v], f"{op['source']} ; {source}", base + [basis] + note_other))
        for v in rest:
            share = left / len(rest)
            rows.append((v, share, op["source"], base + [f"assumption: the rest of the published split ({round(left, 6)}) split equally among the other vendors named"]))
        if not rest and left > 1e-9:
            pass  # The rest is unknown: vendorgraph warns (shares-below-one).
    else:
        share = 1 / len(named)
        for v in named:
            rows.append((v, share, op["source"], base + [EQUAL]))
    # The last row takes what is left, so that a split meant to be whole sums to 1 exactly.
    total = sum(r[1] for r in rows)
    if rows and abs(total - 1) < 1e-5:
        v, s, src, n = rows[-1]
        rows[-1] = (v, 1 - sum(r[1] for r in rows[:-1]), src, n)
    return [
        {"operator": oid, "domain": "ran", "supplier": v, "share": s, "generation": "5g",
         "source": src, "notes": "; ".join(n)}
        for v, s, src, n in sorted(rows, key=lambda r: r[0])
    ]


def core_rows(op, oid):
    named = vendors(op["core_vendors"])
    rows = []
    for v in sorted(set(named)):
        share = 1 / len(set(named))
        rows.append({"operator": oid, "domain": "core", "supplier": v, "share": share,
                     "source": op["source"],
                     "notes": "; ".join(x for x in (as_of(op["notes"]), EQUAL) if x)})
    if rows:
        rows[-1]["share"] = 1 - sum(r["share"] for r in rows[:-1])
    return rows


def subscribers(country, ops, markets):
    """{operator row id: (subscribers, note)} for one country, one basis for all."""
    if all(o["subscribers"] for o in ops):
        return {id(o): (int(o["subscribers"]), f"subscribers: published count ({o['subscribers_year']}), see source") for o in ops}
    mine = defaultdict(dict)
    for m in markets:
        if m["country"] != country or m["_op"] is None:
            continue
        value = m["share"] or m["share_min"]
        if value and id(m["_op"]) not in mine[m["year"]]:
            mine[m["year"]][id(m["_op"])] = (float(value), m)
    for year in sorted(mine, reverse=True):
        got = mine[year]
        if all(id(o) in got for o in ops):
            out = {}
            for o in ops:
                share, m = got[id(o)]
                kind = "lower bound " if not m["share"] else ""
                out[id(o)] = (round(share * 1_000_000), f"subscribers: {kind}mobile market share {year} x 1,000,000, not a count ({m['basis']}; {m['source']})")
            return out
    return {id(o): (None, "subscribers: not published for every operator of the country; national figures weigh its operators equally") for o in ops}


def dump(doc):
    """One row per line, keys in a fixed order: easy to read and to diff."""
    lines = ['{"format": "vendorgraph/1"']
    for table in ("suppliers", "operators", "shares"):
        rows = doc.get(table)
        if not rows:
            continue
        body = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows)
        lines.append(f',\n"{table}": [\n{body}\n]')
    return "".join(lines) + "}\n"


def build(data, out):
    ops = included(read(data, "operators-eu.csv"))
    splits = read(data, "operator-splits.csv")
    for s in splits:
        s["_op"] = match_operator(s["country"], s["operator"], ops)
    markets = read(data, "market-shares.csv")
    for m in markets:
        m["_op"] = match_operator(m["country"], m["operator"], ops)
    os.makedirs(out, exist_ok=True)
    suppliers = []
    for sid, name, country, high, source in SUPPLIERS:
        row = {"id": sid, "name": name, "country": country}
        if high:
            row["risk"] = "high"
            row["source"] = COMMISSION_2023
            row["notes"] = "the Commission considers Huawei and ZTE to represent materially higher risks than other 5G suppliers; headquarters: " + source
        else:
            row["source"] = source
            row["notes"] = "headquarters; risk not assessed in this dataset"
        suppliers.append(row)
    with open(os.path.join(out, "suppliers.json"), "w", encoding="utf-8") as f:
        f.write(dump({"suppliers": suppliers}))
    by_country = defaultdict(list)
    for o in ops:
        by_country[o["country"]].append(o)
    if set(by_country) != set(COUNTRY_NAMES):
        raise SystemExit(f"countries differ: {sorted(set(by_country) ^ set(COUNTRY_NAMES))}")
    for country in sorted(by_country):
        cops = by_country[country]
        subs = subscribers(country, cops, markets)
        operators, shares = [], []
        for o in cops:
            oid = f"{country.lower()}-{slug(o['operator'])}"[:64].strip("-")
            count, note = subs[id(o)]
            row = {"id": oid, "name": o["operator"], "country": country}
            if count is not None:
                row["subscribers"] = count
            row["source"] = o["source"]
            row["notes"] = f"{o['notes']} | {note}"
            operators.append(row)
            shares += ran_rows(o, oid, splits)
            shares += core_rows(o, oid)
        with open(os.path.join(out, f"{country}.json"), "w", encoding="utf-8") as f:
            f.write(dump({"operators": operators, "shares": shares}))


def national_ran(scan_json):
    """Each scope's national high-risk share of `ran` in a `vendorgraph scan` JSON report."""
    with open(scan_json, encoding="utf-8") as f:
        scan = json.load(f)
    return {
        c["country"]: d["high_risk_share"]
        for c in scan["countries"]
        for d in c["domains"]
        if d["domain"] == "ran"
    }


def compare(data, scan_json, eu27_json=None):
    """The Markdown table of docs/public-data.md."""
    ours = national_ran(scan_json)
    # `EUROPE` is the 31 countries of the dataset: vendorgraph's scope `all`.
    if "all" in ours:
        ours["EUROPE"] = ours["all"]
    if eu27_json:
        ours["EU27"] = national_ran(eu27_json).get("all")
    published = [r for r in read(data, "national-shares.csv") if r["metric"] in ("chinese_share_5g_ran", "chinese_share_5g_ran_min")]
    print("| country | published Huawei + ZTE share of 5G RAN | year | vendorgraph (this dataset) | difference (points) |")
    print("| --- | --- | --- | --- | --- |")
    for r in sorted(published, key=lambda r: (r["country"], r["year"], r["metric"])):
        c = r["country"]
        pub = float(r["value"])
        bound = " (lower bound)" if r["metric"].endswith("_min") else ""
        mine = ours.get(c)
        if mine is None:
            why = "not in the dataset" if c not in COUNTRY_NAMES and c not in ("EUROPE", "EU27") else "no 5G RAN data"
            print(f"| {c} | {pub:.2f}{bound} | {r['year']} | {why} | |")
        else:
            print(f"| {c} | {pub:.2f}{bound} | {r['year']} | {mine:.2f} | {100 * (mine - pub):+.0f} |")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--compare"] and len(args) in (3, 4):
        compare(*args[1:])
    elif len(args) in (1, 2) and not args[0].startswith("-"):
        build(args[0], args[1] if len(args) == 2 else "fixtures/public-eu")
    else:
        raise SystemExit(__doc__)
