#!/usr/bin/env python3
"""Writes the four hostile graph shapes of issue 12 at any size (docs/BENCHMARKS.md).

    scripts/stress-inputs.py SHAPE N > FILE.json

SHAPE is one of:
  chain      N key assets in a chain of closed managed_by links ending at a high-risk asset
  lockin     N operators whose gNBs are all managed by one shared EMS (one lock-in group)
  suppliers  one operator with N gNBs, each from its own supplier, all on one AMF
  kofn       one gNB with an N-of-N link to N routers, each from its own supplier

At N = 8000, 5000, 8000 and 16000 the output is byte for byte the corresponding
`fixtures/crashers/stress-*.json.gz` (decompressed).
"""
import json
import sys

BASE = [
    {"id": "s-a", "country": "SE", "risk": "low"},
    {"id": "s-b", "country": "SE", "risk": "low"},
    {"id": "s-hr", "country": "CN", "risk": "high"},
]
OP = {"id": "op", "country": "DE", "subscribers": 1000}


def asset(i, op, function, supplier, **more):
    return dict({"id": i, "operator": op, "function": function, "supplier": supplier}, **more)


def chain(n):
    assets = [asset("a0", "op", "gnb", "s-a", sensitive=True)]
    assets += [asset(f"a{i}", "op", "ems", "s-a") for i in range(1, n)]
    assets.append(asset(f"a{n}", "op", "ems", "s-hr"))
    links = [{"from": f"a{i}", "to": f"a{i + 1}", "kind": "managed_by"} for i in range(n)]
    return BASE, [OP], assets, links


def lockin(n):
    ops = [{"id": f"op{i}", "country": "DE", "subscribers": 1000 + i} for i in range(n)]
    assets = [asset("ems", "op0", "ems", "s-a")]
    assets += [asset(f"g{i}", f"op{i}", "gnb", "s-a") for i in range(n)]
    links = [{"from": f"g{i}", "to": "ems", "kind": "managed_by"} for i in range(n)]
    return BASE, ops, assets, links


def suppliers(n):
    sups = BASE + [{"id": f"r{i:05}", "country": "SE", "risk": "low"} for i in range(n)]
    assets = [asset("amf", "op", "amf", "s-a")]
    assets += [asset(f"g{i}", "op", "gnb", f"r{i:05}") for i in range(n)]
    links = [{"from": f"g{i}", "to": "amf", "kind": "connects_to"} for i in range(n)]
    return sups, [OP], assets, links


def kofn(n):
    sups = BASE + [{"id": f"t{i:05}", "country": "SE", "risk": "low"} for i in range(n)]
    assets = [asset("g0", "op", "gnb", "s-a")]
    assets += [asset(f"t{i:05}", "op", "router", f"t{i:05}") for i in range(n)]
    links = [{"from": "g0", "to": [f"t{i:05}" for i in range(n)], "need": n, "kind": "connects_to"}]
    return sups, [OP], assets, links


def main():
    shapes = {"chain": chain, "lockin": lockin, "suppliers": suppliers, "kofn": kofn}
    if len(sys.argv) != 3 or sys.argv[1] not in shapes:
        sys.exit(__doc__)
    sups, ops, assets, links = shapes[sys.argv[1]](int(sys.argv[2]))
    doc = {"format": "vendorgraph/1", "suppliers": sups, "operators": ops,
           "assets": assets, "links": links}
    sys.stdout.write(json.dumps(doc, separators=(",", ":")))


main()
