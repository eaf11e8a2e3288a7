#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench's report: the guests' "bench" lines in, a table out.

    report.py --raw RAW --out DIR --machine TEXT --date DATE [--smoke]

RAW holds the lines tests/bench/run collected, "bench series=S SECTION
KEY=VALUE...".  Round 0 of a repeated figure is a warm-up and is left
out (under TCG the first run of any code pays for its translation).
Every figure is the median of its rounds, with min and
max; ratios are taken between medians measured in the same guest.  Writes
DIR/results.json, DIR/results.md (printed by the runner) and DIR/results.png
(the scaling curve and the data-path ratios).  Exits 1 if a section that
must have figures has none: a bench that measured nothing never passes.
"""

import argparse
import json
import os
import statistics
import sys

GOAL_OWN_MS = 1.0


def parse(path):
    rows = []
    with open(path) as f:
        for line in f:
            words = line.split()
            if len(words) < 3 or words[0] != "bench":
                continue
            # "bench series=S SECTION K=V..." from a guest, or "bench
            # suite K=V..." from the runner
            if words[1].startswith("series="):
                row, rest = {"section": words[2]}, words[1:2] + words[3:]
            else:
                row, rest = {"section": words[1]}, words[2:]
            for w in rest:
                if "=" in w:
                    k, v = w.split("=", 1)
                    row[k] = v
            # round 0 of a repeated figure is the guest's warm-up
            if row.get("round") == "0":
                continue
            rows.append(row)
    return rows


def stats(values):
    values = [float(v) for v in values]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values),
            "max": max(values), "n": len(values)}


def ratio(a, b):
    if not a or not b or not b["median"]:
        return None
    return a["median"] / b["median"]


def fmt(s, scale=1.0, digits=2):
    if s is None:
        return "-"
    return (f"{s['median'] * scale:.{digits}f} "
            f"({s['min'] * scale:.{digits}f}-{s['max'] * scale:.{digits}f})")


def fmt_ratio(r):
    return "-" if r is None else f"{r:.2f}"


def series_of(rows):
    out = []
    for r in rows:
        if "series" in r and r["series"] not in out and r["section"] != "suite":
            out.append(r["series"])
    return out


def section_setup(rows):
    res = {}
    for s in series_of(rows):
        ours = [r for r in rows if r["section"] == "setup" and r["series"] == s
                and r.get("path") == "cxl_accel"]
        core = [r for r in rows if r["section"] == "setup" and r["series"] == s
                and r.get("path") == "core"]
        if not ours and not core:
            continue
        e = {"kernel": (ours or core)[0].get("kernel")}
        for key in ("wall_ns", "release_ns", "request_ns", "map_ns", "own_ns", "wait_ns",
                    "accesses"):
            e["cxl_accel_" + key] = stats([r[key] for r in ours if key in r])
        for key in ("wall_ns", "release_ns"):
            e["core_" + key] = stats([r[key] for r in core if key in r])
        e["ratio_wall_cxl_accel_to_core"] = ratio(e["cxl_accel_wall_ns"], e["core_wall_ns"])
        e["ratio_release_cxl_accel_to_core"] = ratio(e["cxl_accel_release_ns"],
                                                     e["core_release_ns"])
        own = e["cxl_accel_own_ns"]
        e["goal_own_under_1ms"] = bool(own and own["median"] <= GOAL_OWN_MS * 1e6)
        e["goal_not_slower_than_core"] = bool(
            e["ratio_wall_cxl_accel_to_core"] is not None
            and e["ratio_wall_cxl_accel_to_core"] <= 1.0)
        res[s] = e
    return res


def section_data(rows):
    res = {}
    for s in series_of(rows):
        d = [r for r in rows if r["section"] == "data" and r["series"] == s]
        if not d:
            continue
        e = {"kernel": d[0].get("kernel")}
        for mode in ("wb", "wc"):
            m = {}
            for op in ("write", "read", "copy", "chase"):
                per_view = {}
                for view in ("region", "raw"):
                    vals = []
                    for r in d:
                        if (r.get("mode"), r.get("view"), r.get("op")) != (mode, view, op):
                            continue
                        n, ns = float(r["n"]), float(r["ns"])
                        if ns <= 0:
                            continue
                        # bandwidth in MB/s, latency in ns per load
                        vals.append(ns / n if op == "chase" else n / ns * 1e3)
                    per_view[view] = stats(vals)
                unit = "ns/load" if op == "chase" else "MB/s"
                m[op] = {"unit": unit, "region": per_view["region"],
                         "raw": per_view["raw"],
                         "ratio_region_to_raw": ratio(per_view["region"], per_view["raw"])}
            e[mode] = m
        res[s] = e
    return res


def section_scale(rows):
    res = {}
    for s in series_of(rows):
        d = [r for r in rows if r["section"] == "scale" and r["series"] == s]
        if not d:
            continue
        layouts = {}
        for r in d:
            n = int(r["n"])
            each = [float(x) for x in r.get("each_ns", "").split(",") if x]
            each_probe = [float(x) for x in r.get("each_probe_ns", "").split(",") if x]
            # The first device's probe and region are the first run of
            # that code in the guest: under TCG they pay for its
            # translation, so they stand apart and the others make the
            # per-device figures.
            layouts.setdefault(r["layout"], []).append({
                "n": n,
                "probe_ms": float(r["probe_ns"]) / 1e6,
                "regions_ms": float(r["regions_ns"]) / 1e6,
                "probe_ms_per_device": float(r["probe_ns"]) / 1e6 / n,
                "probe_ms_first": each_probe[0] / 1e6 if each_probe else None,
                "region_ms_first": each[0] / 1e6 if each else None,
                "probe_ms_each": stats([x / 1e6 for x in each_probe[1:]]),
                "region_ms_each": stats([x / 1e6 for x in each[1:]]),
                "slab_kib_per_device": float(r["slab_probe_kb"]) / n,
                "vmalloc_kib_per_device": float(r["vmalloc_probe_kb"]) / n,
                "slab_kib_per_region": float(r["slab_region_kb"]) / n,
                "vmalloc_kib_per_region": float(r["vmalloc_region_kb"]) / n,
            })
        for pts in layouts.values():
            pts.sort(key=lambda p: p["n"])
            # the per-device medians at the largest count over those at the
            # smallest count that has devices after the first: 1.0 is flat
            base = [p for p in pts if p["region_ms_each"]]
            first, last = (base[0], base[-1]) if base else (None, None)
            if first and last["n"] > first["n"]:
                last["flatness_vs_smallest"] = {
                    "from_n": first["n"],
                    "region": last["region_ms_each"]["median"] / first["region_ms_each"]["median"],
                    "probe": last["probe_ms_each"]["median"] / first["probe_ms_each"]["median"],
                }
        res[s] = {"kernel": d[0].get("kernel"), "layouts": layouts}
    return res


def section_netdev(rows):
    res = {}
    for s in series_of(rows):
        d = [r for r in rows if r["section"] == "netdev" and r["series"] == s]
        if not d:
            continue
        e = {"kernel": d[0].get("kernel")}
        for frame in sorted({int(r["frame"]) for r in d}):
            per = {}
            for rings in ("region", "ram"):
                per[rings] = stats([r["pps"] for r in d
                                    if r["rings"] == rings and int(r["frame"]) == frame])
            e[f"frame_{frame}"] = {"pps_region": per["region"], "pps_ram": per["ram"],
                                   "ratio_region_to_ram": ratio(per["region"], per["ram"])}
        res[s] = e
    return res


def section_suite(rows):
    out = {}
    for r in rows:
        if r["section"] != "suite":
            continue
        key = f"{r['what']}_{r['kind']}"
        # the last record of each kind is the current one
        out[key] = {"secs": float(r["secs"]), "date": r.get("date"), "rev": r.get("rev")}
    return out


def markdown(res):
    L = [f"make bench, {res['date']}, {res['machine']}"
         + (" (smoke run: small sizes, one round after the warm-up)" if res["smoke"] else ""), ""]
    L += ["### 1. Setup: a 256 MiB region, request to mapping (ms, median (min-max))", "",
          "| kernel | cxl_accel wall | own time | hardware waits | register accesses | CXL core via sysfs | ratio cxl_accel/core | release: cxl_accel | release: core |",
          "|---|---|---|---|---|---|---|---|---|"]
    for s, e in res["setup"].items():
        L.append(f"| {s} | {fmt(e['cxl_accel_wall_ns'], 1e-6)} | {fmt(e['cxl_accel_own_ns'], 1e-6)} "
                 f"| {fmt(e['cxl_accel_wait_ns'], 1e-6)} | {fmt(e['cxl_accel_accesses'], 1, 0)} "
                 f"| {fmt(e['core_wall_ns'], 1e-6)} "
                 f"| {fmt_ratio(e['ratio_wall_cxl_accel_to_core'])} "
                 f"| {fmt(e['cxl_accel_release_ns'], 1e-6)} | {fmt(e['core_release_ns'], 1e-6)} |")
    L += ["", "### 2. Data path: through cxl_accel_region_map() and a raw memremap() of the same range", "",
          "| kernel | mode | op | cxl_accel | raw | ratio |", "|---|---|---|---|---|---|"]
    for s, e in res["data"].items():
        for mode in ("wb", "wc"):
            for op, m in e[mode].items():
                L.append(f"| {s} | {mode} | {op} ({m['unit']}) | {fmt(m['region'])} "
                         f"| {fmt(m['raw'])} | {fmt_ratio(m['ratio_region_to_raw'])} |")
    L += ["", "### 3. Scale: N accelerators, one 256 MiB region each", "",
          "| kernel | layout | N | probe, all (ms) | first probe, region (ms) | probe each, the others (ms) | region each, the others (ms) | Slab/device (KiB) | vmalloc/device (KiB) | Slab/region (KiB) | vmalloc/region (KiB) |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for s, e in res["scale"].items():
        for layout, pts in e["layouts"].items():
            for p in pts:
                L.append(f"| {s} | {layout} | {p['n']} | {p['probe_ms']:.1f} "
                         f"| {p['probe_ms_first'] or 0:.1f}, {p['region_ms_first'] or 0:.1f} "
                         f"| {fmt(p['probe_ms_each'])} "
                         f"| {fmt(p['region_ms_each'])} | {p['slab_kib_per_device']:.0f} "
                         f"| {p['vmalloc_kib_per_device']:.0f} | {p['slab_kib_per_region']:.0f} "
                         f"| {p['vmalloc_kib_per_region']:.0f} |")
    L += ["", "### 4. Netdev: the example driver's loopback, pktgen (packets/s)", "",
          "| kernel | frame | rings in the region | rings in kernel memory | ratio |",
          "|---|---|---|---|---|"]
    for s, e in res["netdev"].items():
        for k, v in e.items():
            if not k.startswith("frame_"):
                continue
            L.append(f"| {s} | {k[6:]} B | {fmt(v['pps_region'], 1, 0)} | {fmt(v['pps_ram'], 1, 0)} "
                     f"| {fmt_ratio(v['ratio_region_to_ram'])} |")
    L += ["", "Under TCG the ratio mostly measures QEMU's emulation of CXL memory accesses, "
          "not a CXL link (README, Costs).", "",
          "### 5. The suite's own times on this machine", "", "| what | kind | seconds | date | commit |",
          "|---|---|---|---|---|"]
    for k, v in sorted(res["suite"].items()):
        what, kind = k.split("_", 1)
        L.append(f"| make {what} | {kind} | {v['secs']:.0f} | {v['date']} | {v['rev']} |")
    if not res["suite"]:
        L.append("| - | - | none recorded yet | - | - |")
    L += ["", "### Goals", ""]
    L.append("(TCG emulates every instruction: absolute times are QEMU's, "
             "the ratios are what carries over to a real machine.)")
    L.append("")
    for g in res["goals"]:
        L.append(f"- {g}")
    return "\n".join(L) + "\n"


def goals(res):
    out = []
    for s, e in res["setup"].items():
        own = e["cxl_accel_own_ns"]
        out.append(f"{s}: cxl_accel's own time per region (outside hardware waits; "
                   f"{fmt(e['cxl_accel_accesses'], 1, 0)} register accesses, each emulated "
                   f"under TCG) {fmt(own, 1e-6)} ms: "
                   + ("met (goal: at most 1 ms)" if e["goal_own_under_1ms"] else "NOT met (goal: at most 1 ms)"))
        out.append(f"{s}: cxl_accel/core wall time {fmt_ratio(e['ratio_wall_cxl_accel_to_core'])}: "
                   + ("met (goal: not slower)" if e["goal_not_slower_than_core"] else "NOT met (goal: not slower)"))
    for s, e in res["data"].items():
        worst = None
        for mode in ("wb", "wc"):
            for op, m in e[mode].items():
                r = m["ratio_region_to_raw"]
                if r is not None and (worst is None or abs(r - 1) > abs(worst[2] - 1)):
                    worst = (mode, op, r)
        if worst:
            out.append(f"{s}: data path, furthest from 1.00: {worst[0]} {worst[1]} {worst[2]:.2f}")
    for s, e in res["scale"].items():
        for layout, pts in e["layouts"].items():
            f = pts[-1].get("flatness_vs_smallest")
            if f is not None:
                out.append(f"{s}: {layout}: per device at N={pts[-1]['n']} over N={f['from_n']} "
                           f"(devices after the first): region {f['region']:.2f}, probe {f['probe']:.2f} "
                           "(1.00 is flat)")
    return out


def plot(res, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        return f"no plot: {e}"
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.5))
    for s, e in res["scale"].items():
        for layout, pts in e["layouts"].items():
            xs = [p["n"] for p in pts if p["region_ms_each"]]
            ys = [p["region_ms_each"]["median"] for p in pts if p["region_ms_each"]]
            a.plot(xs, ys, marker="o", label=f"{s} {layout}: region each")
            a.plot([p["n"] for p in pts if p["probe_ms_each"]],
                   [p["probe_ms_each"]["median"] for p in pts if p["probe_ms_each"]],
                   marker="x", linestyle="--", label=f"{s} {layout}: probe each")
    a.set_xlabel("accelerators (per device: the devices after the first)")
    a.set_ylabel("ms (median)")
    a.set_xscale("log", base=2)
    a.set_title("Scale")
    a.legend(fontsize=7)
    labels, values = [], []
    for s, e in res["data"].items():
        for mode in ("wb", "wc"):
            for op, m in e[mode].items():
                if m["ratio_region_to_raw"] is not None:
                    labels.append(f"{s}\n{mode} {op}")
                    values.append(m["ratio_region_to_raw"])
    b.bar(range(len(values)), values)
    b.axhline(1.0, color="black", linewidth=0.8)
    b.set_xticks(range(len(values)))
    b.set_xticklabels(labels, fontsize=6, rotation=90)
    b.set_ylabel("cxl_accel / raw memremap()")
    b.set_title("Data path ratios")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--machine", default="")
    ap.add_argument("--date", default="")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()

    rows = parse(args.raw)
    res = {
        "machine": args.machine, "date": args.date, "smoke": args.smoke,
        "setup": section_setup(rows), "data": section_data(rows),
        "scale": section_scale(rows),
        "netdev": section_netdev(rows),
        "suite": section_suite(rows),
    }
    res["goals"] = goals(res)
    missing = [name for name in ("setup", "data", "scale", "netdev") if not res[name]]
    if not args.smoke and "demo_warm" not in res["suite"]:
        missing.append("suite: make demo was not timed")
    for s, e in res["netdev"].items():
        for k, v in e.items():
            if k.startswith("frame_") and v["ratio_region_to_ram"] is None:
                missing.append(f"netdev {s} {k}: no ratio")
    for s, e in res["setup"].items():
        if not e["cxl_accel_wall_ns"] or not e["core_wall_ns"] or e["cxl_accel_own_ns"] is None:
            missing.append(f"setup {s}: a path without figures")
    for s, e in res["data"].items():
        for mode in ("wb", "wc"):
            for op, m in e[mode].items():
                if m["ratio_region_to_raw"] is None:
                    missing.append(f"data {s} {mode} {op}: no ratio")
    res["plot"] = plot(res, os.path.join(args.out, "results.png")) or "results.png"
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(res, f, indent=1, sort_keys=True)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(markdown(res))
    if missing:
        print("missing figures: " + "; ".join(missing), file=sys.stderr)
        return 1
    if res["plot"] != "results.png":
        print(res["plot"], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
