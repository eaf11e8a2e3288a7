#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of the cxl-accel command (src/tools): build it, then run it on
# a fake sysfs and procfs tree (CXL_ACCEL_SYSROOT) made here, with a CEDT
# built byte by byte.  TAP lines "ok - tools: ..." on stdout, for
# tests/unit/run (and tests/run, which numbers them).
#
#   tests/unit/tools.sh [BUILD-LOG]
#
# CXL_ACCEL_TOOLS_KEEP=1 keeps the fake tree and says where it is, to run
# the command on it by hand (CXL_ACCEL_SYSROOT=<dir>/root).

set -u
. "$(dirname "$0")/../lib/common.sh"

PYTHON=/usr/bin/python3
log=${1:-$OUT/tools-build.log}
mkdir -p "$OUT"
T=$(mktemp -d /tmp/cxl-accel-tools.XXXXXX)
if [ -n "${CXL_ACCEL_TOOLS_KEEP:-}" ]; then
	trap 'diag "fake tree kept in $T/root"' EXIT
else
	trap 'rm -rf "$T"' EXIT
fi
chmod 755 "$T"

if make -C "$TOP/src/tools" > "$log" 2>&1 && [ -x "$TOP/src/tools/cxl-accel" ]; then
	t_pass "tools: cxl-accel builds with -Wall -Wextra -Werror"
else
	t_fail "tools: cxl-accel builds with -Wall -Wextra -Werror" "make -C src/tools failed" "$log"
	exit 0
fi
# a copy that an unprivileged user can run too
cp "$TOP/src/tools/cxl-accel" "$T/cxl-accel"
chmod 755 "$T/cxl-accel"
TOOL=$T/cxl-accel

# --- the fake tree ---------------------------------------------------------

R=$T/root
mk() {	# mk FILE CONTENT
	mkdir -p "$(dirname "$R/$1")"
	printf '%s\n' "$2" > "$R/$1"
}

# pci_fn ROOTBUS-DIR BDF [DRIVER]: a PCI function below a root bus
pci_fn() {
	local dir=sys/devices/$1/$2

	mkdir -p "$R/$dir" "$R/sys/bus/pci/devices"
	ln -s "../../../devices/$1/$2" "$R/sys/bus/pci/devices/${2##*/}"
	mk "$dir/vendor" 0x1af4
	mk "$dir/device" 0x10ff
	if [ -n "${3:-}" ]; then
		mkdir -p "$R/sys/bus/pci/drivers/$3"
		ln -s "$(realpath --relative-to="$R/$dir" "$R/sys/bus/pci/drivers/$3")" "$R/$dir/driver"
	fi
}

mk sys/devices/pci0000:0c/firmware_node/uid 7
mk sys/devices/pci0000:0e/firmware_node/uid 8
pci_fn pci0000:0c 0000:0c:00.0/0000:0d:00.0 vendor_accel
pci_fn pci0000:0e 0000:0e:00.0 vendor_accel
pci_fn pci0000:0c 0000:0c:01.0 virtio-pci
pci_fn pci0000:0c 0000:0c:02.0

# configuration spaces: 0c:01.0 has no CXL DVSEC, 0c:02.0 is a CXL
# Type-2 device with 1 GiB in its DVSEC range 1
"$PYTHON" - "$R/sys/devices/pci0000:0c/0000:0c:01.0/config" \
	"$R/sys/devices/pci0000:0c/0000:0c:02.0/config" <<'PY'
import struct, sys
plain = bytearray(4096)
plain[0:4] = struct.pack('<HH', 0x1af4, 0x10ff)
open(sys.argv[1], 'wb').write(plain)
cxl = bytearray(plain)
# extended capability 0x23 (DVSEC), version 1, next 0
struct.pack_into('<I', cxl, 0x100, 0x23 | 1 << 16)
# DVSEC header 1: vendor 0x1e98, revision 1, length 0x38; header 2: ID 0
struct.pack_into('<I', cxl, 0x104, 0x1e98 | 1 << 16 | 0x38 << 20)
struct.pack_into('<H', cxl, 0x108, 0)
# Capability: Cache_Capable, Mem_Capable, HDM_Count 1
struct.pack_into('<H', cxl, 0x10a, 0x1 | 0x4 | 1 << 4)
# Range 1 Size High/Low: 1 GiB, Memory_Info_Valid, Memory_Active
struct.pack_into('<II', cxl, 0x118, 0, 0x40000000 | 3)
open(sys.argv[2], 'wb').write(cxl)
PY

A=sys/class/cxl_accel
mkdir -p "$R/$A/cxl_accel0/cxl_accel0.0" "$R/$A/cxl_accel1"
ln -s ../../../devices/pci0000:0c/0000:0c:00.0/0000:0d:00.0 "$R/$A/cxl_accel0/pci_device"
ln -s ../../../devices/pci0000:0e/0000:0e:00.0 "$R/$A/cxl_accel1/pci_device"
ln -s cxl_accel0/cxl_accel0.0 "$R/$A/cxl_accel0.0"
for d in 0 1; do
	mk $A/cxl_accel$d/serial 0x123$d
	mk $A/cxl_accel$d/capacity 0x40000000
	mk $A/cxl_accel$d/hdm_decoders 2
	mk $A/cxl_accel$d/cache_capable 1
	mk $A/cxl_accel$d/mem_hwinit 0
	mk $A/cxl_accel$d/media_state active
	mk $A/cxl_accel$d/api_version 6
done
mk $A/cxl_accel0/path "0000:0c:00.0 host-bridge"
mk $A/cxl_accel1/path "host-bridge"
mk $A/cxl_accel0/last_refusal ""
REFUSAL="0000:0e:00.0: region of 0x40000000 bytes refused: no CXL window for host bridge UID 8 (-EBUSY)"
mk $A/cxl_accel1/last_refusal "$REFUSAL"
G=$A/cxl_accel0/cxl_accel0.0
mk $G/hpa_start 0x1050000000
mk $G/size 0x40000000
mk $G/dpa_start 0x0
mk $G/window 0x1050000000-0x114fffffff
mk $G/decoders "endpoint=0 0000:0c:00.0=- host-bridge=1"
mk $G/interleave_ways 1
mk $G/interleave_granularity 4096
mk $G/state active
mk $G/flags "programmed kept"

mk proc/iomem "00000000-00000fff : Reserved
00001000-0009fbff : System RAM
1050000000-114fffffff : CXL Window 0
  1050000000-108fffffff : cxl_accel 0000:0d:00.0
1150000000-118fffffff : CXL Window 1
1190000000-120fffffff : CXL Window 2
  1190000000-120fffffff : Soft Reserved
    1190000000-120fffffff : dax1.0
1210000000-128fffffff : CXL Window 3
1290000000-129fffffff : CXL Window 4"

# The CEDT: host bridges 7 and 8, and five windows (see the checks below).
mkdir -p "$R/sys/firmware/acpi/tables"
"$PYTHON" - "$R/sys/firmware/acpi/tables/CEDT" <<'PY'
import struct, sys
def chbs(uid, base):
    return struct.pack('<BBHIIIQQ', 0, 0, 0x20, uid, 1, 0, base, 0x10000)
def cfmws(base, size, eniw, restr, targets):
    n = 36 + 4 * len(targets)
    return struct.pack('<BBHIQQBBHIHH', 1, 0, n, 0, base, size, eniw, 0, 0,
                       0, restr, 0) + b''.join(struct.pack('<I', t) for t in targets)
DEV_VOL, HOST_VOL = 0x1 | 0x4, 0x2 | 0x4
body = (chbs(7, 0xfe000000) + chbs(8, 0xfe010000) +
        cfmws(0x1050000000, 0x100000000, 0, DEV_VOL, [7]) +
        cfmws(0x1150000000, 0x40000000, 0, HOST_VOL, [7]) +
        cfmws(0x1190000000, 0x80000000, 0, DEV_VOL, [8]) +
        cfmws(0x1210000000, 0x80000000, 1, DEV_VOL, [7, 8]) +
        cfmws(0x1290000000, 0x10000000, 0, DEV_VOL, [8]))
hdr = bytearray(b'CEDT' + struct.pack('<IBB', 36 + len(body), 1, 0) +
                b'QEMU  ' + b'CXLACCEL' + struct.pack('<I', 1) + b'TEST' +
                struct.pack('<I', 1))
t = hdr + body
t[9] = (-sum(t)) & 0xff
open(sys.argv[1], 'wb').write(bytes(t))
PY
chmod -R a+rX "$R"

# Unprivileged: a copy with the root-only files unreadable, run as nobody
# when we are root (root reads anything).
U=$T/unpriv
cp -a "$R" "$U"
chmod 000 "$U/$G/hpa_start" "$U/$G/window" "$U/$A/cxl_accel0/last_refusal" \
	"$U/$A/cxl_accel1/last_refusal" "$U/sys/firmware/acpi/tables/CEDT"
sed -i 's/^\( *\)[0-9a-f]*-[0-9a-f]* :/\100000000-00000000 :/' "$U/proc/iomem"
UNPRIV=()
[ "$(id -u)" = 0 ] && UNPRIV=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# --- the checks --------------------------------------------------------------

# run [ENV...] -- CMD...: output in $T/out, errors in $T/err, status in $rc
run() {
	local envs=()

	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	env CXL_ACCEL_SYSROOT="$R" "${envs[@]}" "$@" > "$T/out" 2> "$T/err"
	rc=$?
}

# json_check NAME PYTHON-ASSERTIONS: $T/out parses, and d (the data) passes
json_check() {
	local why

	if why=$("$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
'"$2" "$T/out" 2>&1); then
		t_pass "$1"
	else
		t_fail "$1" "$(tail -n 3 <<< "$why" | tr '\n' ' ')"
		sed 's/^/#   /' "$T/out" | head -n 40
	fi
}

# one_error: stderr is exactly one line starting "cxl-accel: "
one_error() {
	[ "$(wc -l < "$T/err")" -eq 1 ] && grep -q '^cxl-accel: ' "$T/err"
}

run -- "$TOOL" --version
t_check "tools: --version prints the package version" "got '$(cat "$T/out")', rc $rc" \
	[ "$rc" -eq 0 -a "$(cat "$T/out")" = "cxl-accel $(package_version)" ]

bad=""
for c in "" list windows explain; do
	run -- "$TOOL" $c --help
	[ "$rc" -eq 0 ] && grep -q 'usage: cxl-accel' "$T/out" || bad="$bad '${c:-cxl-accel}'"
done
t_check "tools: --help of the command and of each subcommand" "failed:$bad" [ -z "$bad" ]

bad=""
for args in "" "frob" "list --frob" "explain" "explain not-an-address" "windows extra"; do
	run -- "$TOOL" $args
	{ [ "$rc" -eq 1 ] && one_error; } || bad="$bad [$args: rc $rc]"
done
t_check "tools: usage errors exit 1 with one 'cxl-accel: ' line on stderr" "failed:$bad" [ -z "$bad" ]

run -- "$TOOL" list
t_check "tools: list prints a table of the devices and their regions" "rc $rc: $(head -c 300 "$T/out")" \
	eval '[ "$rc" -eq 0 ] && grep -q "^cxl_accel0 .*0000:0d:00.0 .*0x40000000 .*active .*7 " "$T/out" &&
	      grep -q "^  cxl_accel0.0 .*hpa 0x1050000000 .*programmed kept" "$T/out" &&
	      grep -q "last refusal: $REFUSAL" "$T/out"'

run -- "$TOOL" list --json
if [ "$rc" -eq 0 ] && "$PYTHON" -m json.tool "$T/out" > /dev/null 2>&1; then
	t_pass "tools: list --json exits 0 and python3 -m json.tool accepts it"
else
	t_fail "tools: list --json exits 0 and python3 -m json.tool accepts it" "rc $rc: $(head -c 300 "$T/err")"
fi
json_check "tools: list --json field values" '
a0, a1 = d
assert [x["accel"] for x in d] == ["cxl_accel0", "cxl_accel1"]
assert a0["pci"] == "0000:0d:00.0" and a0["pci_present"] is True
assert a0["host_bridge_uid"] == 7 and a1["host_bridge_uid"] == 8
assert a0["vendor_id"] == 0x1af4 and a0["device_id"] == 0x10ff
assert a0["capacity"] == 1 << 30 and a0["serial"] == 0x1230
assert a0["hdm_decoders"] == 2 and a0["api_version"] == 6
assert a0["cache_capable"] is True and a0["mem_hwinit"] is False
assert a0["media_state"] == "active"
assert a0["path"] == ["0000:0c:00.0", "host-bridge"]
assert a0["last_refusal"] == "" and a1["last_refusal"].startswith("0000:0e:00.0: region")
r, = a0["regions"]
assert r["region"] == "cxl_accel0.0" and r["hpa_start"] == 0x1050000000
assert r["size"] == 1 << 30 and r["dpa_start"] == 0
assert r["window_start"] == 0x1050000000 and r["window_end"] == 0x114fffffff
assert r["decoders"] == [{"component": "endpoint", "decoder": 0},
                         {"component": "0000:0c:00.0"},
                         {"component": "host-bridge", "decoder": 1}]
assert r["interleave_ways"] == 1 and r["interleave_granularity"] == 4096
assert r["state"] == "active" and r["flags"] == ["programmed", "kept"]
assert a1["regions"] == []
assert "windows" not in a0
'

run CXL_ACCEL_SYSROOT="$U" -- "${UNPRIV[@]}" "$TOOL" list --json
if [ "$rc" -eq 0 ]; then
	json_check "tools: list --json unprivileged leaves out hpa_start, window, last_refusal" '
r = d[0]["regions"][0]
assert "hpa_start" not in r and "window_start" not in r and "window_end" not in r
assert "last_refusal" not in d[0] and "last_refusal" not in d[1]
assert r["size"] == 1 << 30 and r["state"] == "active"
'
else
	t_fail "tools: list --json unprivileged leaves out hpa_start, window, last_refusal" "rc $rc: $(cat "$T/err")"
fi

run CXL_ACCEL_SYSROOT="$T/nothing" -- "$TOOL" list --json
t_check "tools: list --json without cxl_accel loaded prints [] and exits 0" "rc $rc: $(cat "$T/out" "$T/err")" \
	eval '[ "$rc" -eq 0 ] && [ "$(tr -d " \n" < "$T/out")" = "[]" ]'

run -- "$TOOL" list -v --json
json_check "tools: list -v --json adds each device's window verdicts" '
w0 = d[0]["windows"]
assert len(w0) == 5 and w0[0]["qualifies"] is True and w0[0]["start"] == 0x1090000000
assert w0[2]["targets_host_bridge"] is False
assert all(not w["qualifies"] for w in d[1]["windows"])
'

run -- "$TOOL" windows
t_check "tools: windows prints the five windows and a verdict per device" "rc $rc: $(head -c 400 "$T/out")" \
	eval '[ "$rc" -eq 0 ] && [ "$(grep -c "^window [0-4]: " "$T/out")" -eq 5 ] &&
	      [ "$(grep -c "^  cxl_accel[01] (" "$T/out")" -eq 10 ] &&
	      grep -q "(CXL Window 2)" "$T/out" &&
	      grep -q "overlap: Soft Reserved \[0x1190000000-0x120fffffff\], held by device-dax or kmem" "$T/out"'

run -- "$TOOL" windows --json
json_check "tools: windows --json decodes the CEDT and /proc/iomem" '
assert [w["base"] for w in d] == [0x1050000000, 0x1150000000, 0x1190000000, 0x1210000000, 0x1290000000]
w = d[0]
assert w["size"] == 1 << 32 and w["interleave_ways"] == 1 and w["targets"] == [7]
assert w["restrictions"] == 5 and w["allows"] == ["device-coherent", "volatile"]
assert w["iomem_name"] == "CXL Window 0" and w["interleave_arithmetic"] == "modulo"
assert w["in_use"] == [{"start": 0x1050000000, "end": 0x108fffffff}]
assert w["largest_free"] == 3 << 30
assert d[2]["overlap"] == {"kind": "soft_reserved", "start": 0x1190000000, "end": 0x120fffffff}
assert d[3]["interleave_ways"] == 2 and d[3]["targets"] == [7, 8]
'
json_check "tools: windows --json verdicts are window_pick's reasons" '
v = {(w["window"], x["accel"]): x for w in d for x in w["devices"]}
ok = v[0, "cxl_accel0"]
assert ok["qualifies"] and ok["start"] == 0x1090000000 and ok["wanted"] == 1 << 30
assert not v[0, "cxl_accel1"]["targets_host_bridge"]
assert "does not target host bridge UID 8" in v[0, "cxl_accel1"]["reason"]
assert "restrictions 0x6 exclude device-coherent volatile memory" in v[1, "cxl_accel0"]["reason"]
assert v[2, "cxl_accel1"]["reason"] == "Soft Reserved [0x1190000000-0x120fffffff] overlaps it: device-dax or kmem holds [0x1190000000-0x120fffffff] in it"
assert "interleaves 2 host bridges" in v[3, "cxl_accel0"]["reason"]
assert "interleaves 2 host bridges" in v[3, "cxl_accel1"]["reason"]
assert v[4, "cxl_accel1"]["reason"] == "0x10000000 bytes free in one piece, 0x40000000 wanted"
'

run CXL_ACCEL_SYSROOT="$U" -- "${UNPRIV[@]}" "$TOOL" windows
t_check "tools: windows exits 3 when the CEDT is unreadable" "rc $rc: $(cat "$T/err")" \
	eval '[ "$rc" -eq 3 ] && one_error && grep -q "CEDT: Permission denied" "$T/err"'

run CXL_ACCEL_SYSROOT="$T/nothing" -- "$TOOL" windows
t_check "tools: windows exits 2 without a CEDT" "rc $rc: $(cat "$T/err")" \
	eval '[ "$rc" -eq 2 ] && one_error'

run -- "$TOOL" explain 0d:00.0
t_check "tools: explain of a probed function with a region" "rc $rc: $(head -c 600 "$T/out")" \
	eval '[ "$rc" -eq 0 ] && grep -q "^0000:0d:00.0 is probed by cxl_accel as cxl_accel0 (API version 6)" "$T/out" &&
	      grep -q "^Region cxl_accel0.0: 0x40000000 bytes at host physical address 0x1050000000 in CXL window \[0x1050000000-0x114fffffff\].*active: it is usable (programmed, kept)" "$T/out" &&
	      grep -q "logged no refusal" "$T/out" &&
	      grep -q "below the host bridge with UID 7" "$T/out" &&
	      grep -q "window 0 .*qualifies" "$T/out"'

run -- "$TOOL" explain 0000:0e:00.0
t_check "tools: explain of a probed function with a refusal" "rc $rc: $(head -c 600 "$T/out")" \
	eval '[ "$rc" -eq 0 ] && grep -q "It has no region" "$T/out" &&
	      grep -qF "The last error cxl_accel logged about it: $REFUSAL" "$T/out" &&
	      grep -qF "window 2 [0x1190000000-0x120fffffff]: does not qualify: Soft Reserved [0x1190000000-0x120fffffff] overlaps it" "$T/out" &&
	      grep -qF "window 4 [0x1290000000-0x129fffffff]: does not qualify: 0x10000000 bytes free in one piece" "$T/out"'

run CXL_ACCEL_SYSROOT="$U" -- "${UNPRIV[@]}" "$TOOL" explain 0000:0e:00.0
t_check "tools: explain unprivileged says what it could and exits 3" "rc $rc: $(head -c 600 "$T/out")" \
	eval '[ "$rc" -eq 3 ] && grep -q "probed by cxl_accel as cxl_accel1" "$T/out" &&
	      grep -q "readable by root only" "$T/out"'

run -- "$TOOL" explain 0000:0c:01.0
t_check "tools: explain of a function that is not a CXL device" "rc $rc: $(head -c 600 "$T/out")" \
	eval '[ "$rc" -eq 0 ] && grep -q "is not probed by cxl_accel" "$T/out" &&
	      grep -q "Driver virtio-pci is bound to it" "$T/out" &&
	      grep -q "it is not a CXL device" "$T/out"'

run -- "$TOOL" explain 0000:0c:02.0
t_check "tools: explain of an unbound CXL device reads its DVSEC" "rc $rc: $(head -c 600 "$T/out")" \
	eval '[ "$rc" -eq 0 ] && grep -q "No driver is bound to it" "$T/out" &&
	      grep -q "It is a CXL device: DVSEC for CXL Devices at 0x100, revision 1; Cache_Capable 1, Mem_Capable 1" "$T/out" &&
	      grep -q "Its DVSEC ranges hold 0x40000000 bytes" "$T/out"'

run -- "$TOOL" explain 0000:99:00.0
t_check "tools: explain of an unknown function exits 2" "rc $rc: $(cat "$T/err")" \
	eval '[ "$rc" -eq 2 ] && one_error && [ ! -s "$T/out" ]'

# The static build, for the busybox guests: json-c only.
if make -C "$TOP/src/tools" static >> "$log" 2>&1 &&
   file "$TOP/src/tools/cxl-accel-static" | grep -q 'statically linked'; then
	run -- "$TOP/src/tools/cxl-accel-static" list --json
	json_check "tools: the static build links statically and lists the fake tree" '
assert [x["accel"] for x in d] == ["cxl_accel0", "cxl_accel1"]
'
else
	t_fail "tools: the static build links statically and lists the fake tree" "make static failed" "$log"
fi
exit 0
