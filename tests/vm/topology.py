#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""CXL topologies for QEMU guests, described declaratively.

A topology file lists the pieces of a CXL hierarchy, one per line:

    hostbridge HB [hdm=on]              pxb-cxl (hdm=on: hdm_for_passthrough)
    rootport RP hostbridge=HB           cxl-rp
    switch SW port=PORT                 cxl-upstream below a root/downstream port
    downstream DP switch=SW             cxl-downstream
    type3 DEV port=PORT sn=0xNNNN volatile=SIZE | persistent=SIZE
    window W targets=HB[,HB...] size=SIZE [granularity=SIZE]
    ram SIZE                            guest RAM (default 1G)

Names are free; bus numbers, port numbers, chassis and slots are assigned
here so that descriptions stay short.  Commands:

    topology.py qemu-args TOPO MEMDIR   QEMU arguments, one per line; creates
                                        an empty backing file per device
    topology.py devices TOPO MEMDIR     "name sn kind size file" per device
    topology.py facts TOPO              what the guest must see, key=value
"""

import os
import sys

SIZES = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def size_of(text):
    text = text.strip().upper()
    if text and text[-1] in SIZES:
        return int(text[:-1], 0) * SIZES[text[-1]]
    return int(text, 0)


class TopologyError(Exception):
    pass


class Topology:
    def __init__(self, path):
        self.path = path
        self.items = []         # (kind, name, attrs) in file order
        self.by_name = {}
        self.ram = "1G"
        with open(path) as f:
            for lineno, line in enumerate(f, 1):
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                self._parse(line, lineno)
        self._check()

    def _parse(self, line, lineno):
        words = line.split()
        kind = words[0]
        if kind == "ram":
            self.ram = words[1]
            return
        if kind not in ("hostbridge", "rootport", "switch", "downstream",
                        "type3", "window"):
            raise TopologyError(f"{self.path}:{lineno}: unknown item '{kind}'")
        if len(words) < 2:
            raise TopologyError(f"{self.path}:{lineno}: '{kind}' needs a name")
        name = words[1]
        attrs = {}
        for w in words[2:]:
            if "=" not in w:
                raise TopologyError(f"{self.path}:{lineno}: '{w}' is not key=value")
            k, v = w.split("=", 1)
            attrs[k] = v
        if name in self.by_name:
            raise TopologyError(f"{self.path}:{lineno}: '{name}' defined twice")
        item = (kind, name, attrs)
        self.items.append(item)
        self.by_name[name] = item

    def of_kind(self, kind):
        return [i for i in self.items if i[0] == kind]

    def _ref(self, item, key, kinds):
        kind, name, attrs = item
        ref = attrs.get(key)
        if ref is None or ref not in self.by_name or self.by_name[ref][0] not in kinds:
            raise TopologyError(f"{self.path}: {kind} {name}: {key}= must name a {'/'.join(kinds)}")
        return self.by_name[ref]

    def _check(self):
        for item in self.items:
            kind, name, attrs = item
            if kind == "rootport":
                self._ref(item, "hostbridge", ["hostbridge"])
            elif kind == "switch":
                self._ref(item, "port", ["rootport", "downstream"])
            elif kind == "downstream":
                self._ref(item, "switch", ["switch"])
            elif kind == "type3":
                self._ref(item, "port", ["rootport", "downstream"])
                if "sn" not in attrs:
                    raise TopologyError(f"{self.path}: type3 {name} needs sn=")
                if ("volatile" in attrs) == ("persistent" in attrs):
                    raise TopologyError(f"{self.path}: type3 {name} needs one of volatile= or persistent=")
            elif kind == "window":
                for hb in attrs.get("targets", "").split(","):
                    if hb not in self.by_name or self.by_name[hb][0] != "hostbridge":
                        raise TopologyError(f"{self.path}: window {name}: unknown target '{hb}'")
                size_of(attrs.get("size", "0"))

    # --- QEMU -----------------------------------------------------------

    def devices(self, memdir):
        out = []
        for kind, name, attrs in self.of_kind("type3"):
            dkind = "volatile" if "volatile" in attrs else "persistent"
            size = size_of(attrs[dkind])
            out.append((name, int(attrs["sn"], 0), dkind, size,
                        os.path.join(memdir, f"{name}.raw")))
        return out

    def qemu_args(self, memdir):
        args = ["-M", "q35,cxl=on", "-m", self.ram]
        hb_id = {}
        bus_nr = 12
        for _, name, attrs in self.of_kind("hostbridge"):
            hb_id[name] = f"cxl.{len(hb_id) + 1}"
            opt = f"pxb-cxl,bus_nr={bus_nr},bus=pcie.0,id={hb_id[name]}"
            if attrs.get("hdm") == "on":
                opt += ",hdm_for_passthrough=on"
            args += ["-device", opt]
            bus_nr += 40
        slot = 2
        ports_per_parent = {}

        def next_port(parent):
            n = ports_per_parent.get(parent, 0)
            ports_per_parent[parent] = n + 1
            return n

        for kind, name, attrs in self.items:
            if kind == "rootport":
                hb = attrs["hostbridge"]
                args += ["-device", f"cxl-rp,port={next_port(hb)},bus={hb_id[hb]},"
                                    f"id={name},chassis=0,slot={slot}"]
                slot += 1
            elif kind == "switch":
                args += ["-device", f"cxl-upstream,bus={attrs['port']},id={name}"]
            elif kind == "downstream":
                sw = attrs["switch"]
                args += ["-device", f"cxl-downstream,port={next_port(sw)},bus={sw},"
                                    f"id={name},chassis=0,slot={slot}"]
                slot += 1
        for name, sn, dkind, size, path in self.devices(memdir):
            attrs = self.by_name[name][2]
            args += ["-object", f"memory-backend-file,id={name}-mem,share=on,"
                                f"mem-path={path},size={size}"]
            dev = f"cxl-type3,bus={attrs['port']},id={name},sn={sn:#x}"
            if dkind == "volatile":
                dev += f",volatile-memdev={name}-mem"
            else:
                lsa = os.path.join(memdir, f"{name}.lsa")
                args += ["-object", f"memory-backend-file,id={name}-lsa,share=on,"
                                    f"mem-path={lsa},size=1M"]
                dev += f",persistent-memdev={name}-mem,lsa={name}-lsa"
            args += ["-device", dev]
        # QEMU wants every cxl-fmw property in one -M.
        fmw = []
        for n, (_, name, attrs) in enumerate(self.of_kind("window")):
            for t, hb in enumerate(attrs["targets"].split(",")):
                fmw.append(f"cxl-fmw.{n}.targets.{t}={hb_id[hb]}")
            fmw.append(f"cxl-fmw.{n}.size={attrs.get('size', '4G')}")
            if "granularity" in attrs:
                fmw.append(f"cxl-fmw.{n}.interleave-granularity={attrs['granularity']}")
        if fmw:
            args += ["-M", ",".join(fmw)]
        return args

    def create_backing(self, memdir):
        os.makedirs(memdir, exist_ok=True)
        for name, sn, dkind, size, path in self.devices(memdir):
            for p, s in ((path, size), (os.path.join(memdir, f"{name}.lsa"), 1 << 20)):
                if p.endswith(".lsa") and dkind != "persistent":
                    continue
                with open(p, "wb") as f:
                    f.truncate(s)

    # --- what the guest must see ------------------------------------------

    def facts(self):
        """Counts the guest's CXL view must match once cxl_acpi has probed.

        root decoders: one per window.  Host bridges with hdm=on have 4 HDM
        decoders (QEMU); switches' upstream ports have 4; type-3 devices 4.
        """
        hbs = self.of_kind("hostbridge")
        facts = {
            "hostbridges": len(hbs),
            "rootports": len(self.of_kind("rootport")),
            "switches": len(self.of_kind("switch")),
            "downstreamports": len(self.of_kind("downstream")),
            "type3": len(self.of_kind("type3")),
            "windows": len(self.of_kind("window")),
            "hb_hdm": sum(1 for h in hbs if h[2].get("hdm") == "on"),
        }
        for n, (_, name, attrs) in enumerate(self.of_kind("window")):
            facts[f"window{n}_size"] = size_of(attrs.get("size", "4G"))
            facts[f"window{n}_ways"] = len(attrs["targets"].split(","))
        for name, sn, dkind, size, _ in self.devices(""):
            facts[f"dev_{name}"] = f"{sn:#x}:{dkind}:{size:#x}"
        return facts


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, path = argv[1], argv[2]
    try:
        topo = Topology(path)
        if cmd == "qemu-args":
            topo.create_backing(argv[3])
            print("\n".join(topo.qemu_args(argv[3])))
        elif cmd == "devices":
            for name, sn, dkind, size, p in topo.devices(argv[3]):
                print(name, f"{sn:#x}", dkind, size, p)
        elif cmd == "facts":
            for k, v in topo.facts().items():
                print(f"{k}={v}")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (TopologyError, OSError, ValueError, KeyError) as e:
        print(f"topology: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
