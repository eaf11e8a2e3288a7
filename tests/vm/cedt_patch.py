#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Patch a CEDT for the kernel's initrd ACPI table upgrade.

    cedt_patch.py IN OUT restrictions=MASK

Sets the Window Restrictions of every CFMWS to MASK (CXL 2.0 9.14.1.3:
bit 0 device coherent, 1 host-only coherent, 2 volatile, 3 persistent,
4 fixed device configuration), raises the OEM revision so the kernel
prefers the copy, and fixes the checksum.  QEMU cannot express window
restrictions itself (it always says 0x000f); the table upgrade that
Debian's kernels enable (CONFIG_ACPI_TABLE_UPGRADE) can.
"""

import struct
import sys

HDR_LEN = 36
CFMWS = 1
RESTRICTIONS = 0x20     # in a CFMWS subtable


def patch(data, restrictions):
    t = bytearray(data)
    if t[:4] != b"CEDT" or len(t) < HDR_LEN:
        raise ValueError("not a CEDT")
    length = struct.unpack_from("<I", t, 4)[0]
    if length != len(t):
        raise ValueError(f"length {length} but {len(t)} bytes")
    off, n = HDR_LEN, 0
    while off + 4 <= length:
        kind = t[off]
        sublen = struct.unpack_from("<H", t, off + 2)[0]
        if sublen < 4 or off + sublen > length:
            raise ValueError(f"bad subtable at {off:#x}")
        if kind == CFMWS:
            struct.pack_into("<H", t, off + RESTRICTIONS, restrictions)
            n += 1
        off += sublen
    if not n:
        raise ValueError("no CFMWS to patch")
    rev = struct.unpack_from("<I", t, 24)[0]
    struct.pack_into("<I", t, 24, rev + 1)
    t[9] = 0
    t[9] = (-sum(t)) & 0xff
    return bytes(t), n


def main(argv):
    if len(argv) != 4 or not argv[3].startswith("restrictions="):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        data = f.read()
    try:
        out, n = patch(data, int(argv[3].split("=", 1)[1], 0))
    except ValueError as e:
        print(f"cedt_patch: {e}", file=sys.stderr)
        return 1
    with open(argv[2], "wb") as f:
        f.write(out)
    print(f"patched {n} CFMWS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
