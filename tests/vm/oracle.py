#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Host-side data oracle for the guest tests.

After a guest has powered off, check against the devices' own memory that
every word the guest says it wrote through a host physical address (HPA)
is at the device physical address (DPA) where CXL's decoding puts it, in the
right device, and that nothing was written anywhere else.  The devices'
memory is QEMU's: each type-3 device of the topology is backed by
<dir>/mem/<name>.raw (memory-backend-file,share=on), so the file holds the
guest's bytes once QEMU has exited.  Neither the kernel nor our module is
trusted here; QEMU's HDM decoding and these files are the referee.

    oracle.py --name NAME [--expect-fail CHECKS] TOPOLOGY DIR
    oracle.py --self-test [--name NAME]

Protocol
--------
The guest reports on its result port (DIR/results.log), among its TAP
lines, lines that start with "oracle " (tests/vm/guest/cxlt.sh writes
them; the TAP reader in tests/vm/lib.sh ignores them).  Numbers are C
literals (0x... or decimal); words are separated by single spaces.

  oracle region ID base=HPA size=BYTES ways=N granularity=BYTES targets=SN@DPA[,SN@DPA...]
      Region ID (any word without spaces, e.g. the kernel's "region0")
      decodes HPA..HPA+BYTES.  Interleave position k (0-based) is the
      k-th target: the device whose serial number is SN, from DPA on.  A
      region is reported once, before anything written to it.
  oracle write ID offset=OFF value=VALUE [width=BITS]
      VALUE was written with one BITS-wide (8, 16, 32, 64; default 64)
      little-endian store at offset OFF of region ID, i.e. at HPA
      base + OFF.
  oracle retire ID
      region ID is gone: a region reported later may use its device
      memory again (its words stay expected until overwritten).
  oracle fill ID offset=OFF count=N seed=SEED
      N 64-bit words were written from offset OFF of region ID; word i
      (at OFF + 8 i) is (SEED + i) mod 2^32 in the high half and
      (OFF + 8 i) mod 2^32 in the low half (cxlt_fill_word), so a word
      found in the wrong place tells where it belonged.
  oracle opaque ID offset=OFF len=BYTES [what=WORD]
      BYTES bytes from offset OFF of region ID were written by someone
      the test cannot predict (a CRC the driver computed, a timestamp or
      IP ID the kernel or ping chose): their content is not checked, and
      the stray check exempts exactly these bytes, nothing around them.
      WORD says what they are in the summary.  The report and stray
      checks say how many opaque bytes a guest declared, so that nobody
      takes them for checked ones.  Declare as few bytes as the data's
      format allows.  (The alternative, reporting as written what the
      guest read back through the mapping under test, makes the stray
      check self-fulfilling: a stray write read back is reported too.)

Later writes to the same bytes replace earlier ones.  A value of zero is
refused: it cannot be told apart from memory nobody wrote.  Words reported
inside an opaque range are still checked; an opaque range stays exempt
after its region is retired.

Mapping
-------
For a region offset OFF with W ways and granularity G:
    position k = (OFF / G) % W
    DPA        = DPA base of target k + (OFF / (G * W)) * G + OFF % G
which for W = 1 is DPA = OFF + DPA base.  A DPA is an offset in the
device's backing file (see file_offset()).

Checks (one TAP line each, "ok - NAME: oracle: ..." / "not ok - ...")
------
  report     the guest reported at least one region, something written to
             every region, and every line is well-formed and consistent
             with the topology (known serial numbers, writes inside their
             region, DPA ranges inside their device and not shared by two
             regions).  A test that reports nothing fails here.
  placement  per region: every byte written is at its DPA in its device's
             file; the first differences are listed (expected vs found).
  stray      every backing file is zero except where reported bytes are
             and inside opaque ranges (listed, first few, with their
             counts per WORD); only the files' data extents are read
             (SEEK_DATA/SEEK_HOLE: the files are sparse, 256 MiB to
             1 GiB, and hold a few pages of data).  The first stray
             ranges are listed with the region offset that would decode
             to them.

--expect-fail "placement stray" is for tests that report something wrong
on purpose, to prove that the oracle catches it.  The guest says what it
planted, one line per wrong word:

  oracle expect CHECK ID offset=OFF
      CHECK (placement or stray) must find region ID's offset OFF wrong:
      placement, a word reported there that is not at its DPA; stray,
      bytes nobody reported where offset OFF decodes.

Each check named must fail, and find exactly the planted pairs, nothing
else; then it prints "ok - NAME: oracle: detects ..." with what it found.
If it passes, finds something else, or nothing was planted for it: "not
ok".  The other checks must still pass, and the report check always must.

The exit status is 0 when the checks ran, whatever they found (the TAP
lines say that), and non-zero only for bad usage or an internal error.
"""

import argparse
import bisect
import errno
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field

# topology.py is next to this file; leave no __pycache__ in the tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from topology import Topology, TopologyError  # noqa: E402

# What an expected failure of each check shows.
DETECTS = {
    "placement": "data missing from its DPA",
    "stray": "data nobody reported",
}
# Differences and stray ranges listed per failing check.
MAX_LISTED = 8
SCAN_CHUNK = 1 << 20
NONZERO = re.compile(rb"[^\x00]+")


class ReportError(Exception):
    pass


def number(text, what):
    try:
        return int(text, 0)
    except ValueError:
        raise ReportError(f"{what} '{text}' is not a number") from None


def human(n):
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} B"


@dataclass
class Device:
    name: str
    sn: int
    kind: str
    size: int
    path: str

    @property
    def file(self):
        return os.path.basename(self.path)


def file_offset(dev, dpa):
    """Where DPA of DEV is in its backing file.

    QEMU's cxl-type3 puts the volatile memdev at DPA 0 and the persistent
    one after it; topology.py gives every device exactly one of the two, so
    a DPA is an offset in that one file.  (A persistent device's label
    storage area is a separate file, <name>.lsa, which is not device
    memory: the kernel's label writes land there and are not checked.)
    """
    return dpa


@dataclass
class Region:
    id: str
    base: int
    size: int
    ways: int
    granularity: int
    targets: list            # [(Device, dpa base)], by interleave position
    reported_at: int = 0     # report line of the region
    retired_at: int = None   # report line of its "retire", if any

    @property
    def extent(self):
        """DPA bytes each target gives the region."""
        return self.size // self.ways

    def describe(self):
        if self.ways == 1:
            return f"{self.id} (1-way)"
        return f"{self.id} ({self.ways}-way, {human(self.granularity)} granules)"

    def decode(self, offset, length):
        """[(position, dpa, start in the data, length)] for LENGTH bytes at
        OFFSET, split where they cross a granule."""
        out = []
        done = 0
        g, w = self.granularity, self.ways
        while done < length:
            off = offset + done
            n = min(length - done, g - off % g)
            pos = (off // g) % w
            dpa = self.targets[pos][1] + (off // (g * w)) * g + off % g
            out.append((pos, dpa, done, n))
            done += n
        return out

    def offset_of(self, pos, dpa):
        """The region offset that decodes to DPA of position POS, or None."""
        rel = dpa - self.targets[pos][1]
        if rel < 0 or rel >= self.extent:
            return None
        g, w = self.granularity, self.ways
        return ((rel // g) * w + pos) * g + rel % g


@dataclass
class Pattern:
    region: Region
    offset: int
    data: bytes
    what: str


@dataclass
class Opaque:
    region: Region
    offset: int
    length: int
    what: str


@dataclass
class Report:
    regions: dict = field(default_factory=dict)     # id -> Region
    patterns: list = field(default_factory=list)    # in the guest's order
    opaque: list = field(default_factory=list)      # [Opaque], not checked
    writes: int = 0
    fill_words: int = 0
    expects: dict = field(default_factory=dict)     # check -> {(id, offset)}

    def opaque_bytes(self):
        return sum(o.length for o in self.opaque)

    def opaque_summary(self):
        """"K opaque ranges (B bytes) not checked"."""
        n = len(self.opaque)
        return f"{n} opaque range{'s' * (n != 1)} ({self.opaque_bytes()} bytes) not checked"


def fill_word(offset, i, seed):
    """Word I of an "oracle fill" from OFFSET (cxlt_fill_word in the guest)."""
    return (((seed + i) & 0xffffffff) << 32) | ((offset + 8 * i) & 0xffffffff)


def parse_fields(words, keys, optional=()):
    got = {}
    for w in words:
        k, sep, v = w.partition("=")
        if not sep or k not in keys + optional or k in got:
            raise ReportError(f"unexpected '{w}'")
        got[k] = v
    missing = [k for k in keys if k not in got]
    if missing:
        raise ReportError(f"missing {', '.join(k + '=' for k in missing)}")
    return got


def parse_region(words, devices):
    if len(words) < 1:
        raise ReportError("region without an id")
    f = parse_fields(words[1:], ("base", "size", "ways", "granularity", "targets"))
    r = Region(words[0], number(f["base"], "base"), number(f["size"], "size"),
               number(f["ways"], "ways"), number(f["granularity"], "granularity"), [])
    if r.ways < 1 or r.granularity < 1 or r.size < 1:
        raise ReportError("ways, granularity and size must be positive")
    if r.size % (r.granularity * r.ways):
        raise ReportError(f"size {r.size:#x} is not a multiple of ways x granularity")
    seen = set()
    for t in f["targets"].split(","):
        sn, sep, dpa = t.partition("@")
        if not sep:
            raise ReportError(f"target '{t}' is not SN@DPA")
        sn = number(sn, "serial number")
        dev = devices.get(sn)
        if dev is None:
            raise ReportError(f"no device with serial number {sn:#x} in the topology")
        if sn in seen:
            raise ReportError(f"device {sn:#x} is a target twice")
        seen.add(sn)
        dpa = number(dpa, "DPA")
        r.targets.append((dev, dpa))
    if len(r.targets) != r.ways:
        raise ReportError(f"{len(r.targets)} targets for {r.ways} ways")
    for dev, dpa in r.targets:
        if dpa < 0 or file_offset(dev, dpa) + r.extent > dev.size:
            raise ReportError(f"DPA {dpa:#x}+{r.extent:#x} is outside {dev.name} "
                              f"({human(dev.size)})")
    return r


def region_of(report, rid):
    r = report.regions.get(rid)
    if r is None:
        raise ReportError(f"no region '{rid}' reported before this line")
    return r


def check_inside(r, offset, length):
    if offset < 0 or offset + length > r.size:
        raise ReportError(f"offset {offset:#x}+{length} is outside {r.id} "
                          f"(size {r.size:#x})")


def parse_write(rep, args):
    if not args:
        raise ReportError("write without a region")
    r = region_of(rep, args[0])
    f = parse_fields(args[1:], ("offset", "value"), ("width",))
    off = number(f["offset"], "offset")
    width = number(f.get("width", "64"), "width")
    if width not in (8, 16, 32, 64):
        raise ReportError(f"width {width} is not 8, 16, 32 or 64")
    value = number(f["value"], "value")
    if not 0 < value < 1 << width:
        raise ReportError(f"value {f['value']} is zero or wider than {width} bits")
    check_inside(r, off, width // 8)
    rep.patterns.append(Pattern(r, off, value.to_bytes(width // 8, "little"),
                                f"write at offset {off:#x} (HPA {r.base + off:#x})"))
    rep.writes += 1


def parse_fill(rep, args):
    if not args:
        raise ReportError("fill without a region")
    r = region_of(rep, args[0])
    f = parse_fields(args[1:], ("offset", "count", "seed"))
    off = number(f["offset"], "offset")
    count = number(f["count"], "count")
    seed = number(f["seed"], "seed")
    if count < 1:
        raise ReportError("count must be positive")
    check_inside(r, off, 8 * count)
    for i in range(count):
        v = fill_word(off, i, seed)
        if v == 0:
            raise ReportError(f"fill word {i} is zero")
        rep.patterns.append(Pattern(r, off + 8 * i, v.to_bytes(8, "little"),
                                    f"fill from {off:#x}, word {i} at offset "
                                    f"{off + 8 * i:#x} (HPA {r.base + off + 8 * i:#x})"))
    rep.fill_words += count


def parse_opaque(rep, args):
    if not args:
        raise ReportError("opaque without a region")
    r = region_of(rep, args[0])
    f = parse_fields(args[1:], ("offset", "len"), ("what",))
    off = number(f["offset"], "offset")
    length = number(f["len"], "len")
    if length < 1:
        raise ReportError("len must be positive")
    check_inside(r, off, length)
    rep.opaque.append(Opaque(r, off, length, f.get("what") or "unnamed"))


def parse_report(lines, devices):
    """The guest's report from its result lines; (Report, [errors])."""
    rep = Report()
    errors = []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.startswith("oracle "):
            continue
        kind, *args = line.split()[1:] or [""]
        try:
            if kind == "region":
                r = parse_region(args, devices)
                if r.id in rep.regions:
                    raise ReportError(f"region '{r.id}' reported twice")
                r.reported_at = n
                rep.regions[r.id] = r
            elif kind == "retire":
                if len(args) != 1:
                    raise ReportError("retire takes one region")
                region_of(rep, args[0]).retired_at = n
            elif kind == "write":
                parse_write(rep, args)
            elif kind == "fill":
                parse_fill(rep, args)
            elif kind == "opaque":
                parse_opaque(rep, args)
            elif kind == "expect":
                if len(args) != 3 or args[0] not in DETECTS:
                    raise ReportError(f"expect takes a check ({', '.join(DETECTS)}), "
                                      "a region and offset=OFF")
                region_of(rep, args[1])
                off = number(parse_fields(args[2:], ("offset",))["offset"], "offset")
                rep.expects.setdefault(args[0], set()).add((args[1], off))
            else:
                raise ReportError(f"unknown kind '{kind}'")
        except ReportError as e:
            errors.append(f"line {n}: {e}: {line}")
    return rep, errors


def check_regions_apart(rep):
    """Two regions must not decode to the same device memory."""
    errors = []
    spans = {}
    for r in rep.regions.values():
        for dev, dpa in r.targets:
            spans.setdefault(dev.sn, []).append((dpa, dpa + r.extent, r.id, dev.name))
    for lst in spans.values():
        lst.sort()
        for i, a in enumerate(lst):
            for b in lst[i + 1:]:
                if b[0] >= a[1]:
                    break
                if not one_after_other(rep.regions[a[2]], rep.regions[b[2]]):
                    errors.append(f"{a[2]} and {b[2]} both use {a[3]} DPA "
                                  f"{b[0]:#x}..{min(a[1], b[1]):#x}")
    return errors


def one_after_other(a, b):
    """One region was retired before the other was reported: the device
    memory was given back and reused, and later writes replace earlier
    ones."""
    def before(x, y):
        return x.retired_at is not None and x.retired_at < y.reported_at
    return before(a, b) or before(b, a)


class Result:
    """One check's verdict; a failed placement or stray check also says
    which (region id, offset) pairs it found wrong, in ITEMS, so that an
    expected failure can be matched with what the test planted."""
    def __init__(self, check, title, ok, diags=(), items=()):
        self.check, self.title, self.ok, self.diags = check, title, ok, list(diags)
        self.items = set(items)
        self.expects = {}


def hexbytes(b):
    if len(b) == 8:
        return f"{int.from_bytes(b, 'little'):#018x}"
    return b.hex(" ")


def expected_bytes(rep):
    """{device sn: {file offset: byte}} after every reported write, and
    each pattern's pieces [(Device, file offset, expected bytes)]."""
    want = {}
    pieces = []
    for p in rep.patterns:
        mine = []
        for pos, dpa, start, n in p.region.decode(p.offset, len(p.data)):
            dev = p.region.targets[pos][0]
            fo = file_offset(dev, dpa)
            b = want.setdefault(dev.sn, {})
            for i in range(n):
                b[fo + i] = p.data[start + i]
            mine.append((dev, fo, n))
        pieces.append(mine)
    return want, pieces


def opaque_spans(rep):
    """{device sn: sorted, disjoint [(start, end)] of file offsets} that
    the opaque ranges decode to."""
    spans = {}
    for o in rep.opaque:
        for pos, dpa, _, n in o.region.decode(o.offset, o.length):
            dev = o.region.targets[pos][0]
            fo = file_offset(dev, dpa)
            spans.setdefault(dev.sn, []).append((fo, fo + n))
    return {sn: merge(lst) for sn, lst in spans.items()}


def merge(spans):
    """SPANS [(start, end)] sorted and joined where they touch or overlap."""
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def opaque_listing(rep):
    """Diagnostics naming the opaque ranges: per WORD, how many and how
    many bytes, and the first few offsets."""
    groups = {}
    for o in rep.opaque:
        groups.setdefault((o.region.id, o.what), []).append(o)
    out = []
    for (rid, what), lst in groups.items():
        sizes = sorted({o.length for o in lst})
        size = (f"{sizes[0]} bytes each" if len(sizes) == 1 else
                f"{sum(o.length for o in lst)} bytes")
        offs = ", ".join(f"{o.offset:#x}" for o in lst[:MAX_LISTED])
        more = f", ... ({len(lst) - MAX_LISTED} more)" if len(lst) > MAX_LISTED else ""
        out.append(f"not checked: {rid} {what}: {len(lst)} range"
                   f"{'s' * (len(lst) != 1)} of {size}, at {offs}{more}")
    return out


def check_placement(rep, want, pieces, files):
    results = []
    for r in rep.regions.values():
        bad = []
        items = set()
        count = 0
        for p, mine in zip(rep.patterns, pieces):
            if p.region is not r:
                continue
            count += 1
            exp = b"".join(bytes(want[d.sn][fo + i] for i in range(n)) for d, fo, n in mine)
            got = b""
            for d, fo, n in mine:
                f = files[d.sn]
                f.seek(fo)
                got += f.read(n).ljust(n, b"\0")
            if got != exp:
                where = ", ".join(f"{d.file} DPA {fo:#x}" for d, fo, n in mine)
                bad.append(f"{r.id} {p.what}: {where}: expected {hexbytes(exp)}, "
                           f"found {hexbytes(got)}")
                items.add((r.id, p.offset))
        files_used = ", ".join(d.file for d, _ in r.targets)
        if not bad:
            results.append(Result("placement", f"{r.describe()}: {count} words at their "
                                  f"DPAs in {files_used}", True))
        else:
            results.append(Result("placement", f"{r.describe()}: words at their DPAs in "
                                  f"{files_used}", False,
                                  [f"{len(bad)} of {count} words not where they belong:"] +
                                  bad[:MAX_LISTED] +
                                  ([f"... and {len(bad) - MAX_LISTED} more"]
                                   if len(bad) > MAX_LISTED else []), items))
    return results


def data_extents(f, size):
    """(start, end) of the allocated data in file F, holes skipped."""
    fd = f.fileno()
    pos = 0
    while pos < size:
        try:
            start = os.lseek(fd, pos, os.SEEK_DATA)
        except OSError as e:
            if e.errno == errno.ENXIO:      # only a hole is left
                return
            if e.errno == errno.EINVAL:     # no SEEK_DATA here: read it all
                yield pos, size
                return
            raise
        if start >= size:
            return
        end = min(os.lseek(fd, start, os.SEEK_HOLE), size)
        yield start, end
        pos = end


def nonzero_runs(f, size):
    """(start, end) of the runs of non-zero bytes in F; the number of
    bytes read is in the last element yielded (None, scanned)."""
    scanned = 0
    for start, end in data_extents(f, size):
        pos = start
        f.seek(pos)
        while pos < end:
            chunk = f.read(min(SCAN_CHUNK, end - pos))
            if not chunk:
                break
            scanned += len(chunk)
            if chunk.count(0) != len(chunk):
                for m in NONZERO.finditer(chunk):
                    yield pos + m.start(), pos + m.end()
            pos += len(chunk)
    yield None, scanned


def subtract(a, b, covered):
    """Parts of [a, b) outside the sorted, disjoint intervals COVERED."""
    out = []
    i = bisect.bisect_right(covered, (a, float("inf"))) - 1
    i = max(i, 0)
    pos = a
    while pos < b and i < len(covered):
        s, e = covered[i]
        if e <= pos:
            i += 1
            continue
        if s >= b:
            break
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
        i += 1
    if pos < b:
        out.append((pos, b))
    return out


def intervals(offsets):
    out = []
    for o in sorted(offsets):
        if out and out[-1][1] == o:
            out[-1] = (out[-1][0], o + 1)
        else:
            out.append((o, o + 1))
    return out


def decodes_to(rep, dev, fo):
    """(region id, offset) of the reported region that decodes to file
    offset FO of DEV, or None."""
    for r in rep.regions.values():
        for pos, (d, dpa) in enumerate(r.targets):
            if d.sn == dev.sn:
                off = r.offset_of(pos, fo)
                if off is not None:
                    return (r.id, off)
    return None


def who_decodes_to(rep, dev, fo):
    at = decodes_to(rep, dev, fo)
    return f"{at[0]} offset {at[1]:#x}" if at else "no reported region"


def check_stray(rep, want, devices, files):
    strays = []
    items = set()
    scanned = 0
    opaque = opaque_spans(rep)
    for dev in devices.values():
        f = files[dev.sn]
        covered = merge(intervals(want.get(dev.sn, {}).keys()) + opaque.get(dev.sn, []))
        found = []      # [start, end) of 8-byte words with stray bytes
        for a, b in nonzero_runs(f, dev.size):
            if a is None:
                scanned += b
                continue
            for s, e in subtract(a, b, covered):
                s, e = s & ~7, (e + 7) & ~7
                if found and s <= found[-1][1]:
                    found[-1] = (found[-1][0], max(e, found[-1][1]))
                else:
                    found.append((s, e))
        for s, e in found:
            f.seek(s)
            data = f.read(min(e - s, 16))
            words = " ".join(hexbytes(data[i:i + 8]) for i in range(0, len(data), 8))
            strays.append(f"{dev.file} DPA {s:#x}..{e:#x} ({who_decodes_to(rep, dev, s)}): "
                          f"{words}{' ...' if e - s > 16 else ''}")
            items.add(decodes_to(rep, dev, s) or (None, s))
    names = ", ".join(d.file for d in devices.values())
    title = f"nothing written outside the reported words in {names}"
    if rep.opaque:
        title += f", except in {rep.opaque_summary()}"
    listing = opaque_listing(rep)
    if not strays:
        return [Result("stray", title, True,
                       [f"read {human(scanned)} of data extents"] + listing)]
    n = len(strays)
    return [Result("stray", title, False,
                   [f"{n} range{'s' * (n != 1)} of words with non-zero bytes nobody "
                    "reported:"] + strays[:MAX_LISTED] +
                   ([f"... and {n - MAX_LISTED} more"] if n > MAX_LISTED else []) +
                   listing, items)]


def run_checks(topo_path, results_log):
    """Every check's Results for one guest."""
    try:
        topo = Topology(topo_path)
    except (OSError, TopologyError) as e:
        return [Result("report", "the topology can be read", False, [str(e)])]
    memdir = os.path.join(os.path.dirname(results_log), "mem")
    devices = {sn: Device(name, sn, kind, size, path)
               for name, sn, kind, size, path in topo.devices(memdir)}
    try:
        with open(results_log, errors="replace") as f:
            lines = f.readlines()
    except OSError as e:
        return [Result("report", "the guest reported what it wrote", False, [str(e)])]
    rep, errors = parse_report(lines, devices)
    errors += check_regions_apart(rep)
    if not rep.regions:
        errors.append("no 'oracle region' line: a test that asks for the oracle must "
                      "report its regions and what it wrote")
    for r in rep.regions.values():
        if not any(p.region is r for p in rep.patterns):
            errors.append(f"nothing reported written to {r.id}")
    if errors:
        more = len(errors) - 2 * MAX_LISTED
        return [Result("report", "the guest reported what it wrote", False,
                       errors[:2 * MAX_LISTED] + [f"... and {more} more"] * (more > 0))]
    files = {}
    try:
        for dev in devices.values():
            st = os.stat(dev.path)
            if st.st_size != dev.size:
                raise OSError(f"{dev.path}: {st.st_size} bytes, the topology says {dev.size}")
            files[dev.sn] = open(dev.path, "rb")
        n = len(rep.regions)
        title = (f"the guest reported {n} region{'s' * (n != 1)}, "
                 f"{rep.writes} writes and {rep.fill_words} fill words")
        if rep.opaque:
            title += f"; {rep.opaque_summary()}"
        results = [Result("report", title, True)]
        want, pieces = expected_bytes(rep)
        results += check_placement(rep, want, pieces, files)
        results += check_stray(rep, want, devices, files)
        results[0].expects = rep.expects
        return results
    except OSError as e:
        return [Result("report", "the devices' backing files can be read", False, [str(e)])]
    finally:
        for f in files.values():
            f.close()


def verdicts(results, expect_fail=()):
    """[(ok, check, title, diags)] for RESULTS; see --expect-fail in the
    module's doc."""
    out = [(r.ok, r.check, r.title, r.diags) for r in results
           if r.check not in expect_fail]
    if any(r.check == "report" and not r.ok for r in results):
        return out
    expects = results[0].expects if results else {}

    def pairs(items):
        return ", ".join(f"{i} offset {o:#x}" for i, o in sorted(items, key=str)) or "none"

    for check in expect_fail:
        failed = [r for r in results if r.check == check and not r.ok]
        found = set().union(*(r.items for r in failed))
        planted = expects.get(check, set())
        title = f"detects {DETECTS[check]}, as the test intends"
        if not planted:
            out.append((False, check, title,
                        [f"the test planted nothing for the {check} check to find "
                         "(no 'oracle expect' line)"]))
        elif not failed:
            out.append((False, check, title,
                        [f"the {check} check passed although the guest's report is "
                         "wrong on purpose"]))
        elif found != planted:
            out.append((False, check, title,
                        [f"planted: {pairs(planted)}; found: {pairs(found)}"] +
                        [d for r in failed for d in [r.title + ":"] + r.diags]))
        else:
            out.append((True, check, title,
                        [f"exactly what was planted: {pairs(planted)}"] +
                        [d for r in failed for d in [r.title + ":"] + r.diags]))
    return out


def tap(results, name, expect_fail=()):
    out = []
    for ok, _, title, diags in verdicts(results, expect_fail):
        out.append(f"{'ok' if ok else 'not ok'} - {name}: oracle: {title}")
        out.extend(f"# {d}" for d in diags)
    return out


# --- self-test ---------------------------------------------------------------
#
# Synthetic topologies and backing files with data put where hand-computed
# (not oracle-computed) DPAs say, so that the oracle's mapping is checked
# against the arithmetic of the CXL interleave, not against itself.

SELFTEST_BASE = 0x110000000


class SelfTest:
    def __init__(self, tmp):
        self.tmp = tmp
        self.n = 0

    def guest(self, topo_lines, oracle_lines, data):
        """A guest directory: topology, empty backing files, DATA
        [(device name, file offset, bytes)] in them, and the report."""
        self.n += 1
        d = os.path.join(self.tmp, f"g{self.n}")
        os.makedirs(d)
        topo = os.path.join(d, "t.topo")
        with open(topo, "w") as f:
            f.write("\n".join(topo_lines) + "\n")
        Topology(topo).create_backing(os.path.join(d, "mem"))
        for dev, off, b in data:
            with open(os.path.join(d, "mem", f"{dev}.raw"), "r+b") as f:
                f.seek(off)
                f.write(b)
        with open(os.path.join(d, "results.log"), "w") as f:
            f.write("ok - something\n" + "\n".join(oracle_lines) + "\nend\n")
        return topo, os.path.join(d, "results.log")


def topo_ways(n, size="256M", kind="volatile"):
    lines = []
    for i in range(n):
        lines += [f"hostbridge hb{i}", f"rootport rp{i} hostbridge=hb{i}",
                  f"type3 t{i} port=rp{i} sn={0x1000 + i:#x} {kind}={size}"]
    lines.append(f"window w0 targets={','.join(f'hb{i}' for i in range(n))} size=4G")
    return lines


def w64(v):
    return v.to_bytes(8, "little")


def region_line(ways, gran, size, targets, rid="region0"):
    t = ",".join(f"{0x1000 + i:#x}@{dpa:#x}" for i, dpa in targets)
    return (f"oracle region {rid} base={SELFTEST_BASE:#x} size={size:#x} ways={ways} "
            f"granularity={gran} targets={t}")


def val(i, off):
    """A word that says which write it was and where it belonged."""
    return (0xC0DE0000 + i) << 32 | off


def write_line(off, v, rid="region0", width=64):
    w = "" if width == 64 else f" width={width}"
    return f"oracle write {rid} offset={off:#x} value={v:#x}{w}"


def opaque_line(off, length, what="crc", rid="region0"):
    return f"oracle opaque {rid} offset={off:#x} len={length} what={what}"


def netdev_like(plants):
    """A loopback NIC's TX side laid out as cxl_accel_netdev does it, in
    small: 4 descriptors of 16 bytes at 0 (addr, CRC, len, flags), 2 of
    them used; 4 KiB buffers at 0x100000, frames of 0x40 bytes in the 2
    used ones.  Reported as netdev_traffic.sh does: the descriptors'
    addresses and lengths and the frames' first and last words, the CRCs
    and the frames' middles opaque.  PLANTS [(offset, bytes)] are written
    too and not reported.  (oracle lines, data)"""
    lines = [region_line(1, 256, 0x10000000, [(0, 0)])]
    data = []
    for s in range(4):
        d, buf = 16 * s, 0x100000 + 0x1000 * s
        lines.append(write_line(d, buf))
        data.append(("t0", d, w64(buf)))
        if s >= 2:
            continue
        lines += [opaque_line(d + 8, 4, "tx-crc"), write_line(d + 12, 0x40, width=16)]
        data += [("t0", d + 8, bytes([0x9c, 0x11, 0x3e, 0x7a + s])),
                 ("t0", d + 12, bytes([0x40, 0]))]
        lines += [write_line(buf, val(s, buf)), opaque_line(buf + 8, 0x30, "frame-hdr"),
                  write_line(buf + 0x38, val(s, buf + 0x38))]
        data += [("t0", buf, w64(val(s, buf))), ("t0", buf + 8, bytes(range(1, 0x31))),
                 ("t0", buf + 0x38, w64(val(s, buf + 0x38)))]
    return lines, data + [("t0", off, b) for off, b in plants]


# 2-way, 4 KiB granules: (region offset, device, DPA), worked out by hand.
IL2_4K = [(0x0, "t0", 0x0), (0x8, "t0", 0x8), (0xff8, "t0", 0xff8), (0x1000, "t1", 0x0),
          (0x1ff8, "t1", 0xff8), (0x2000, "t0", 0x1000), (0x3008, "t1", 0x1008),
          (0x5010, "t1", 0x2010), (0x123450, "t1", 0x91450), (0x1ffffff8, "t1", 0xffffff8)]
# 4-way and 3-way, 256-byte granules.
IL4_256 = [(0x100, "t1", 0x0), (0x4f8, "t0", 0x1f8), (0x1234, "t2", 0x434),
           (0x3f8, "t3", 0xf8), (0x3ffffff8, "t3", 0xffffff8)]
IL3_256 = [(0x1234, "t0", 0x634), (0x308, "t0", 0x108), (0x208, "t2", 0x8)]


def selftest_cases():
    """(description, topology, oracle lines, data, expect-fail, expected
    verdicts {check: ok}) for every case."""
    cases = []

    # 1-way: DPA = offset + DPA base; a fill; the last word of the region.
    offs = [0x0, 0x100, 0x123450, 0xffffff8]
    cases.append(("1-way region: words and a fill at offset + DPA base",
                  topo_ways(1, "512M"),
                  [region_line(1, 256, 0x10000000, [(0, 0x10000000)])] +
                  [write_line(o, val(i, o)) for i, o in enumerate(offs)] +
                  ["oracle fill region0 offset=0x3c0 count=4 seed=0xf1110000"],
                  [("t0", 0x10000000 + o, w64(val(i, o))) for i, o in enumerate(offs)] +
                  [("t0", 0x100003c0 + 8 * i, w64((0xf1110000 + i) << 32 | (0x3c0 + 8 * i)))
                   for i in range(4)],
                  (), {"report": True, "placement": True, "stray": True}))
    # 2-way 4 KiB, with a fill across a granule boundary: offsets
    # 0x3fc0..0x3fff are t1's second granule (DPA 0x1fc0..), 0x4000.. t0's
    # third (DPA 0x2000..).
    il2 = ([region_line(2, 4096, 0x20000000, [(0, 0), (1, 0)])] +
           [write_line(o, val(i, o)) for i, (o, _, _) in enumerate(IL2_4K)])
    il2_data = [(d, dpa, w64(val(i, o))) for i, (o, d, dpa) in enumerate(IL2_4K)]
    fill = [("t1" if i < 8 else "t0", (0x1fc0 if i < 8 else 0x2000 - 0x40) + 8 * i,
             w64((0x77 + i) << 32 | (0x3fc0 + 8 * i))) for i in range(16)]
    cases.append(("2-way 4 KiB interleave: words at hand-computed DPAs, fill across granules",
                  topo_ways(2), il2 + ["oracle fill region0 offset=0x3fc0 count=16 seed=0x77"],
                  il2_data + fill,
                  (), {"report": True, "placement": True, "stray": True}))
    cases.append(("4-way 256 B interleave at hand-computed DPAs",
                  topo_ways(4),
                  [region_line(4, 256, 0x40000000, [(i, 0) for i in range(4)])] +
                  [write_line(o, val(i, o)) for i, (o, _, _) in enumerate(IL4_256)],
                  [(d, dpa, w64(val(i, o))) for i, (o, d, dpa) in enumerate(IL4_256)],
                  (), {"report": True, "placement": True, "stray": True}))
    cases.append(("3-way 256 B interleave at hand-computed DPAs",
                  topo_ways(3),
                  [region_line(3, 256, 0x30000000, [(i, 0) for i in range(3)])] +
                  [write_line(o, val(i, o)) for i, (o, _, _) in enumerate(IL3_256)],
                  [(d, dpa, w64(val(i, o))) for i, (o, d, dpa) in enumerate(IL3_256)],
                  (), {"report": True, "placement": True, "stray": True}))
    cases.append(("a later write to the same bytes replaces the earlier one",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]),
                   write_line(0x100, 0x1111), write_line(0x100, 0x2222)],
                  [("t0", 0x100, w64(0x2222))],
                  (), {"report": True, "placement": True, "stray": True}))
    cases.append(("persistent devices: DPA is the offset in the .raw file",
                  topo_ways(2, kind="persistent"), il2, il2_data,
                  (), {"report": True, "placement": True, "stray": True}))

    # Wrong reports must fail.
    cases.append(("a word reported 0x1000 past where it is: placement and stray fail",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x1100, 0xabc)],
                  [("t0", 0x100, w64(0xabc))],
                  (), {"report": True, "placement": False, "stray": False}))
    cases.append(("2-way targets reported in the wrong order: placement fails",
                  topo_ways(2),
                  [region_line(2, 4096, 0x20000000, [(1, 0), (0, 0)])] + il2[1:],
                  il2_data, (), {"report": True, "placement": False, "stray": False}))
    cases.append(("a wrong DPA base: placement fails",
                  topo_ways(1, "512M"),
                  [region_line(1, 256, 0x10000000, [(0, 0x1000)]), write_line(0x100, 0xabc)],
                  [("t0", 0x100, w64(0xabc))],
                  (), {"report": True, "placement": False, "stray": False}))
    cases.append(("one byte of a word different: placement fails",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]),
                   write_line(0x100, 0x1122334455667788)],
                  [("t0", 0x100, w64(0x1122334455667789))],
                  (), {"report": True, "placement": False, "stray": True}))
    cases.append(("an unreported word deep in a sparse file and the file's last byte: "
                  "stray fails",
                  topo_ways(2),
                  il2,
                  il2_data + [("t1", 0x8000000, w64(0x5a5a)), ("t0", 0xfffffff, b"\x01")],
                  (), {"report": True, "placement": True, "stray": False}))
    # Opaque ranges: what is in them is not checked, what is around them is.
    cases.append(("opaque range: bytes nobody could predict inside it are not stray",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x100, 0xabc),
                   opaque_line(0x108, 4)],
                  [("t0", 0x100, w64(0xabc)), ("t0", 0x108, bytes([0xde, 0xad, 0xbe, 0xef]))],
                  (), {"report": True, "placement": True, "stray": True}))
    cases.append(("expect-fail: a byte just before and one just after an opaque range "
                  "are stray",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x100, 0xabc),
                   opaque_line(0x208, 16), "oracle expect stray region0 offset=0x200",
                   "oracle expect stray region0 offset=0x218"],
                  [("t0", 0x100, w64(0xabc)), ("t0", 0x207, b"\x01"),
                   ("t0", 0x208, b"\xff" * 16), ("t0", 0x218, b"\x02")],
                  ("stray",), {"report": True, "placement": True, "stray": True}))
    # 2-way 4 KiB: offsets 0x3ff8..0x4007 are t1 DPA 0x1ff8..0x1fff and t0
    # DPA 0x2000..0x2007; t1 DPA 0x1ff0 is offset 0x3ff0, t0 DPA 0x2008
    # offset 0x4008.
    cases.append(("expect-fail: an opaque range across a 2-way granule boundary exempts "
                  "its bytes on both devices and nothing beside them",
                  topo_ways(2),
                  il2 + [opaque_line(0x3ff8, 16), "oracle expect stray region0 offset=0x3ff0",
                         "oracle expect stray region0 offset=0x4008"],
                  il2_data + [("t1", 0x1ff8, b"\x11" * 8), ("t0", 0x2000, b"\x22" * 8),
                              ("t1", 0x1ff7, b"\x33"), ("t0", 0x2008, b"\x44")],
                  ("stray",), {"report": True, "placement": True, "stray": True}))
    lines, data = netdev_like([])
    cases.append(("netdev-like rings and buffers with opaque CRCs and headers: pass",
                  topo_ways(1), lines, data,
                  (), {"report": True, "placement": True, "stray": True}))
    # Unused slot 3's len field (word 0x38), used buffer 1's tail, unused
    # buffer 2: each must be found, and nothing else.
    lines, data = netdev_like([(0x3c, b"\xa2\x00"), (0x101800, w64(0x5a5a)),
                               (0x102000, b"\x01")])
    cases.append(("expect-fail: netdev-like strays in an unused descriptor, a used "
                  "buffer's tail and an unused buffer are found, exactly",
                  topo_ways(1),
                  lines + [f"oracle expect stray region0 offset={o:#x}"
                           for o in (0x38, 0x101800, 0x102000)], data,
                  ("stray",), {"report": True, "placement": True, "stray": True}))
    # A stray that lands inside an opaque range is not found: the price of
    # declaring it, which is why the summary says how many bytes that is.
    lines, data = netdev_like([(0x101010, b"\x5a")])
    cases.append(("netdev-like: a byte changed inside an opaque header is not checked",
                  topo_ways(1), lines, data,
                  (), {"report": True, "placement": True, "stray": True}))

    cases.append(("nothing reported: report fails",
                  topo_ways(1), [], [("t0", 0, b"\x01")],
                  (), {"report": False}))
    cases.append(("a region with nothing written: report fails",
                  topo_ways(1), [region_line(1, 256, 0x10000000, [(0, 0)])], [],
                  (), {"report": False}))
    for why, lines in (
            ("an unknown serial number",
             ["oracle region r base=0x0 size=0x10000000 ways=1 granularity=256 "
              "targets=0x2000@0x0", write_line(0, 1, "r")]),
            ("a write outside its region",
             [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x10000000, 1)]),
            ("a write to a region not reported",
             [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0, 1, "region9")]),
            ("a zero value", [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0, 0)]),
            ("fewer targets than ways",
             [region_line(2, 256, 0x10000000, [(0, 0)]), write_line(0, 1)]),
            ("a region beyond its device",
             [region_line(1, 256, 0x20000000, [(0, 0)]), write_line(0, 1)]),
            ("a malformed line",
             [region_line(1, 256, 0x10000000, [(0, 0)]), "oracle write region0 offset=1"]),
            ("an opaque range outside its region",
             [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0, 1),
              opaque_line(0xffffffc, 8)]),
            ("an opaque range of no bytes",
             [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0, 1),
              opaque_line(0x100, 0)]),
            ("an opaque range without a length",
             [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0, 1),
              "oracle opaque region0 offset=0x100"]),
            ("an opaque range in a region not reported",
             [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0, 1),
              opaque_line(0x100, 4, rid="region9")]),
            ("a region with only an opaque range in it",
             [region_line(1, 256, 0x10000000, [(0, 0)]), opaque_line(0x100, 4)]),
            ("two regions on the same DPA",
             [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0, 1),
              region_line(1, 256, 0x10000000, [(0, 0x8000000)], "region1"),
              write_line(0, 1, "region1")])):
        cases.append((f"{why}: report fails", topo_ways(1), lines, [], (), {"report": False}))

    # --expect-fail: a wrong report is "ok", a right one "not ok".
    planted = ["oracle expect placement region0 offset=0x1100",
               "oracle expect stray region0 offset=0x100"]
    cases.append(("expect-fail: a detected misplacement is ok",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x1100, 0xabc)] +
                  planted,
                  [("t0", 0x100, w64(0xabc))],
                  ("placement", "stray"), {"report": True, "placement": True, "stray": True}))
    cases.append(("expect-fail: an undetected misplacement is not ok",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x100, 0xabc),
                   "oracle expect placement region0 offset=0x100"],
                  [("t0", 0x100, w64(0xabc))],
                  ("placement",), {"report": True, "placement": False, "stray": True}))
    cases.append(("expect-fail: a failure other than the planted one is not ok",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x1100, 0xabc),
                   write_line(0x2000, 0xdef)] + planted,
                  [("t0", 0x100, w64(0xabc)), ("t0", 0x2000, w64(0xdee))],
                  ("placement", "stray"), {"report": True, "placement": False, "stray": True}))
    cases.append(("expect-fail: a failure with nothing planted is not ok",
                  topo_ways(1),
                  [region_line(1, 256, 0x10000000, [(0, 0)]), write_line(0x1100, 0xabc)],
                  [("t0", 0x100, w64(0xabc))],
                  ("placement", "stray"), {"report": True, "placement": False, "stray": False}))
    return cases


def self_test(name):
    """TAP lines: the oracle against synthetic guests."""
    with tempfile.TemporaryDirectory(prefix="oracle-selftest-") as tmp:
        st = SelfTest(tmp)
        for desc, topo_lines, lines, data, xfail, verdict in selftest_cases():
            topo, log = st.guest(topo_lines, lines, data)
            results = run_checks(topo, log)
            got = {}
            for ok, check, _, _ in verdicts(results, xfail):
                got[check] = got.get(check, True) and ok
            diags = []
            if got != verdict:
                diags = [f"expected {verdict}, got {got}"] + \
                    [f"  {t}" for t in tap(results, "x", xfail)]
            print(f"{'ok' if not diags else 'not ok'} - {name}: {desc}")
            for d in diags:
                print(f"# {d}")
        # The summary says what was not checked, in the report and the
        # stray check, so that an opaque range is not taken for a checked one.
        lines, data = netdev_like([])
        topo, log = st.guest(topo_ways(1), lines, data)
        results = run_checks(topo, log)
        told = "4 opaque ranges (104 bytes) not checked"
        want = [("report", told), ("stray", told),
                ("stray", "not checked: region0 tx-crc: 2 ranges of 4 bytes each, at 0x8, 0x18"),
                ("stray", "not checked: region0 frame-hdr: 2 ranges of 48 bytes each, "
                 "at 0x100008, 0x101008")]
        missing = [w for c, w in want
                   if not any(r.check == c and any(w in t for t in [r.title] + r.diags)
                              for r in results)]
        print(f"{'ok' if not missing else 'not ok'} - {name}: the report and the stray "
              "check name the opaque ranges and their bytes")
        for m in missing:
            print(f"# missing: {m}")
        for t in missing and tap(results, "x") or []:
            print(f"#   {t}")
        # Holes are skipped: one word in a 256 MiB file reads one page.
        topo, log = st.guest(topo_ways(1), [region_line(1, 256, 0x10000000, [(0, 0)]),
                                            write_line(0x100, 1)], [("t0", 0x100, w64(1))])
        stray = [r for r in run_checks(topo, log) if r.check == "stray"]
        scanned = stray[0].diags[0] if stray else "no stray result"
        # At most a few MiB: the host's file system may allocate up to a
        # 2 MiB folio per write (ext4 with large folios does).
        m = re.fullmatch(r"read (\d+) (KiB|MiB) of data extents", scanned)
        ok = bool(m) and (m[2] == "KiB" or int(m[1]) <= 4)
        print(f"{'ok' if ok else 'not ok'} - {name}: the stray scan skips holes "
              f"(one word in a 256 MiB file: {scanned})")


def main(argv):
    ap = argparse.ArgumentParser(description="Host-side data oracle for the guest tests.")
    ap.add_argument("--name", default="oracle", help="prefix of the TAP lines")
    ap.add_argument("--expect-fail", default="", metavar="CHECKS",
                    help="checks (placement, stray) the guest's report must make fail")
    ap.add_argument("--self-test", action="store_true",
                    help="check the oracle against synthetic guests")
    ap.add_argument("topology", nargs="?")
    ap.add_argument("dir", nargs="?", help="the guest's directory (results.log, mem/)")
    a = ap.parse_args(argv[1:])
    if a.self_test:
        self_test(a.name)
        return 0
    if not a.topology or not a.dir:
        ap.error("TOPOLOGY and DIR are needed")
    xfail = tuple(a.expect_fail.split())
    unknown = [c for c in xfail if c not in DETECTS]
    if unknown:
        ap.error(f"--expect-fail: unknown check {', '.join(unknown)} "
                 f"(checks: {', '.join(DETECTS)})")
    for line in tap(run_checks(a.topology, os.path.join(a.dir, "results.log")), a.name, xfail):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
