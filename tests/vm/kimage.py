#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The uncompressed kernel of a bzImage, for QEMU's PVH boot.

Under TCG the bzImage's own decompressor is slow for XZ: 6.1's image
(XZ) spent about 6 s of every boot in it, against nothing measurable for
6.12's (zstd).  QEMU boots an ELF vmlinux through its PVH entry point
(the Xen ELF note PHYS32_ENTRY, CONFIG_PVH) without decompressing
anything, so the guests of an XZ kernel boot the ELF instead.

    kimage.py compression BZIMAGE     xz, zstd, gzip, ... or unknown
    kimage.py pvh BZIMAGE OUT         write the ELF; fails unless it has
                                      a PVH entry point

The payload is found through the boot protocol's header (x86 boot
protocol 2.08 and later: setup_sects at 0x1f1, payload_offset at 0x248
and payload_length at 0x24c, the offset counted from the protected-mode
code that follows the setup sectors).
"""

import gzip
import lzma
import struct
import subprocess
import sys

MAGIC = [
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x1f\x8b", "gzip"),
    (b"\x02\x21\x4c\x18", "lz4"),
    (b"BZh", "bzip2"),
    (b"\x5d\x00\x00", "lzma"),
]

# Xen ELF note type XEN_ELFNOTE_PHYS32_ENTRY: the PVH entry point
XEN_ELFNOTE_PHYS32_ENTRY = 18


def payload(image):
    if len(image) < 0x250 or image[0x202:0x206] != b"HdrS":
        raise ValueError("not a bzImage (no HdrS header)")
    if struct.unpack_from("<H", image, 0x206)[0] < 0x208:
        raise ValueError("boot protocol older than 2.08: no payload fields")
    setup_sects = image[0x1f1] or 4
    offset, length = struct.unpack_from("<II", image, 0x248)
    start = (setup_sects + 1) * 512 + offset
    return image[start:start + length]


def compression(data):
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    return "unknown"


def decompress(data):
    kind = compression(data)
    if kind == "xz":
        return lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data)
    if kind == "gzip":
        return gzip.decompress(data)
    if kind == "zstd":
        return subprocess.run(["zstd", "-qdc"], input=data, check=True,
                              stdout=subprocess.PIPE).stdout
    raise ValueError("cannot decompress a %s payload" % kind)


def elf_notes(elf):
    """(name, type) of every note in the ELF64's PT_NOTE segments."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        raise ValueError("the payload is not an ELF64 image")
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    for i in range(phnum):
        ptype, _, off, _, _, filesz = struct.unpack_from(
            "<IIQQQQ", elf, phoff + i * phentsize)
        if ptype != 4:          # PT_NOTE
            continue
        pos, end = off, off + filesz
        while pos + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", elf, pos)
            name = elf[pos + 12:pos + 12 + namesz].rstrip(b"\0")
            yield name, ntype
            pos += 12 + ((namesz + 3) & ~3) + ((descsz + 3) & ~3)


def main(argv):
    if len(argv) == 3 and argv[1] == "compression":
        with open(argv[2], "rb") as f:
            print(compression(payload(f.read())))
        return 0
    if len(argv) == 4 and argv[1] == "pvh":
        with open(argv[2], "rb") as f:
            elf = decompress(payload(f.read()))
        if (b"Xen", XEN_ELFNOTE_PHYS32_ENTRY) not in set(elf_notes(elf)):
            print("%s: no PVH entry point (CONFIG_PVH)" % argv[2], file=sys.stderr)
            return 1
        with open(argv[3], "wb") as f:
            f.write(elf)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
