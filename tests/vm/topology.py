#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""CXL topologies for QEMU guests, described declaratively.

A topology file lists the pieces of a CXL hierarchy, one per line:

    hostbridge HB [hdm=on]              pxb-cxl (hdm=on: hdm_for_passthrough)
    rootport RP hostbridge=HB           cxl-rp
    switch SW port=PORT                 cxl-upstream below a root/downstream port
    downstream DP switch=SW             cxl-downstream
    type3 DEV port=PORT sn=0xNNNN volatile=SIZE | persistent=SIZE [cdat=KIND]
    window W targets=HB[,HB...] size=SIZE [granularity=SIZE]
    ram SIZE                            guest RAM (default 1G)

Names are free; bus numbers, port numbers, chassis and slots are assigned
here so that descriptions stay short.

Each device serves a CDAT of our own (QEMU's cdat= file), written beside
its backing file: QEMU's default DSMAS and DSLBIS (hw/mem/cxl_type3.c),
with a DSEMTS that says what an accelerator's memory is, EfiReservedMemory-
Type.  cdat=KIND picks another (see CDAT_KINDS); cdat=qemu serves QEMU's
own table, whose DSEMTS asks for EFI_MEMORY_SP on volatile memory.
Commands:

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


# --- CDAT (CDAT specification r1.03; QEMU serves the file as it is) ----

DSEMTS_CONVENTIONAL, DSEMTS_SP, DSEMTS_RESERVED = 0, 1, 2

CDAT_KINDS = {
    # what the device's DSEMTS asks; the decision cxl_accel must make
    "reserved": "one DSEMTS, EfiReservedMemoryType: mapped",
    "qemu": "QEMU's own table (EFI_MEMORY_SP for volatile): refused",
    "soft-reserved": "one DSEMTS, EFI_MEMORY_SP: refused",
    "conventional": "one DSEMTS, EfiConventionalMemory: refused",
    "mixed": "two DSEMTS, Reserved then conventional: refused",
    "no-dsemts": "no DSEMTS: unstated, mapped as Reserved",
    "dsemts-outside": "an EFI_MEMORY_SP DSEMTS past its DSMAS, skipped: mapped",
    "bad-checksum": "a wrong checksum, the table refused: mapped",
    "bad-length": "a header Length 24 bytes too long, the table refused: mapped",
}


def _sub(kind, body):
    return bytes([kind, 0]) + (4 + len(body)).to_bytes(2, "little") + body


def _u(v, n):
    return v.to_bytes(n, "little")


def cdat_table(kind, size, persistent):
    """The CDAT bytes a device of SIZE bytes serves for KIND."""
    dsmas = _sub(0, bytes([0, 4 if persistent else 0]) + _u(0, 2) +
                 _u(0, 8) + _u(size, 8))
    # QEMU's: read and write latency (10 ns units), read and write
    # bandwidth (GB/s)
    dslbis = b"".join(_sub(1, bytes([0, 0, dtype, 0]) + _u(unit, 8) +
                           _u(value, 2) + _u(0, 2) + _u(0, 2) + _u(0, 2))
                      for dtype, unit, value in ((1, 10000, 15), (2, 10000, 25),
                                                 (4, 1000, 16), (5, 1000, 16)))

    def dsemts(mtype, off, length):
        return _sub(4, bytes([0, mtype]) + _u(0, 2) + _u(off, 8) + _u(length, 8))

    body = dsmas + dslbis
    if kind in ("reserved", "bad-checksum", "bad-length"):
        body += dsemts(DSEMTS_RESERVED, 0, size)
    elif kind == "soft-reserved":
        body += dsemts(DSEMTS_SP, 0, size)
    elif kind == "conventional":
        body += dsemts(DSEMTS_CONVENTIONAL, 0, size)
    elif kind == "mixed":
        body += dsemts(DSEMTS_RESERVED, 0, size // 2)
        body += dsemts(DSEMTS_CONVENTIONAL, size // 2, size - size // 2)
    elif kind == "dsemts-outside":
        body += dsemts(DSEMTS_SP, size, size)
    elif kind != "no-dsemts":
        raise TopologyError(f"unknown cdat kind '{kind}'")
    length = 16 + len(body) + (24 if kind == "bad-length" else 0)
    hdr = bytearray(_u(length, 4) + bytes([1, 0]) + bytes(6) + _u(0, 4))
    hdr[5] = (-sum(hdr + body)) & 0xff
    if kind == "bad-checksum":
        hdr[5] = (hdr[5] + 1) & 0xff
    return bytes(hdr) + body


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
                if attrs.get("cdat", "reserved") not in CDAT_KINDS:
                    raise TopologyError(f"{self.path}: type3 {name}: cdat= must be one of {', '.join(CDAT_KINDS)}")
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
            if attrs.get("cdat", "reserved") != "qemu":
                dev += f",cdat={os.path.join(memdir, name + '.cdat')}"
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
            kind = self.by_name[name][2].get("cdat", "reserved")
            if kind != "qemu":
                with open(os.path.join(memdir, f"{name}.cdat"), "wb") as f:
                    f.write(cdat_table(kind, size, dkind == "persistent"))

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
            facts[f"cdat_{name}"] = self.by_name[name][2].get("cdat", "reserved")
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
