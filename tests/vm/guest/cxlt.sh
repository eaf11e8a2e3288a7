# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest-side helpers for test scripts (busybox sh).  Sourced by /init and by
# every /test.sh.  Results are TAP lines on /dev/ttyS1:
#	ok - name | not ok - name | # diagnostic | end
# echoed to the console as well for people reading the serial log.

CXLT_OUT=/dev/ttyS1

cxlt_emit() {
	echo "$*" > "$CXLT_OUT"
	echo "CXLT $*"
}

diag() {
	for l in "$@"; do
		cxlt_emit "# $l"
	done
}

ok() {
	cxlt_emit "ok - $1"
}

# notok NAME [DIAG...]
notok() {
	cxlt_emit "not ok - $1"
	shift
	[ $# -gt 0 ] && diag "$@"
	return 0
}

# check NAME CMD...: ok if CMD succeeds; otherwise not ok with its output.
# Returns CMD's success, so that "check ... || return 1" stops a test
# whose next steps depend on it.
check() {
	_n=$1
	shift
	if _o=$("$@" 2>&1); then
		ok "$_n"
	else
		notok "$_n" "command failed: $*"
		echo "$_o" | tail -n 10 | while IFS= read -r l; do diag "  $l"; done
		return 1
	fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		notok "$1" "got '$2', want '$3'"
	fi
}

cxlt_start() {
	stty -F "$CXLT_OUT" raw -echo 2>/dev/null
	cxlt_emit "# guest $(uname -r) up after $(cut -d' ' -f1 /proc/uptime) s"
}

cxlt_finish() {
	cxlt_emit "# guest done after $(cut -d' ' -f1 /proc/uptime) s"
	cxlt_emit "end"
}

# cxlt_cmdline KEY: the value of KEY=... on the kernel command line.
cxlt_cmdline() {
	for a in $(cat /proc/cmdline); do
		case $a in "$1"=*) echo "${a#*=}" ;; esac
	done
}

# Read config space of a PCI function: cfg_u32 BDF OFFSET, in decimal.
# The unquoted expansion drops od's padding without another process:
# every process costs, and on the debug kernel under TCG an exec costs
# tens of milliseconds.
cfg_u32() {
	# shellcheck disable=SC2005,SC2046 # one word, its padding dropped
	echo $(od -A n -t u4 -j "$2" -N 4 "/sys/bus/pci/devices/$1/config")
}

# cfg_caps BDF: the file that lists the function's capabilities, one per
# line: "std ID OFFSET" for the PCI capability list (from 0x34), "ext ID
# OFFSET VENDOR DVSEC-ID" for the extended list (from 0x100; VENDOR and
# DVSEC-ID are the DVSEC header's for a DVSEC, ID 0x23, else 0 0).  Read
# from config space with one od and one awk, the first time a test asks;
# the lists do not change while the function exists, and no test puts
# another function at the same address.
cfg_caps() {
	_f=/tmp/cxlt-caps/$1
	[ -e "$_f" ] && { echo "$_f"; return 0; }
	mkdir -p /tmp/cxlt-caps
	od -A n -t u4 -v -w4 "/sys/bus/pci/devices/$1/config" | awk '
		BEGIN { sh[0] = 1; sh[1] = 256; sh[2] = 65536; sh[3] = 16777216 }
		{ w[(NR - 1) * 4] = $1 + 0 }
		function byte(o) { return int(w[o - o % 4] / sh[o % 4]) % 256 }
		END {
			p = byte(52); p -= p % 4; n = 0
			while (p >= 64 && n++ < 48) {
				print "std", byte(p), p
				p = byte(p + 1); p -= p % 4
			}
			p = 256; n = 0
			while ((p in w) && n++ < 1024) {
				h = w[p]
				if (h == 0 || h == 4294967295)
					break
				id = h % 65536
				if (id == 35)
					print "ext", id, p, w[p + 4] % 65536, w[p + 8] % 65536
				else
					print "ext", id, p, 0, 0
				p = int(h / 1048576); p -= p % 4
				if (p < 256)
					break
			}
		}' > "$_f.tmp" && mv "$_f.tmp" "$_f" && echo "$_f"
}

# pci_ext_cap BDF ID [DVSEC-VENDOR DVSEC-ID]: the config space offset of
# the function's extended capability ID (for a DVSEC, 0x23, the one of
# that vendor and ID); empty if absent.  Read from config space, not from
# any driver.
pci_ext_cap() {
	_f=$(cfg_caps "$1") || return 0
	while read -r _k _i _o _v _d; do
		[ "$_k" = ext ] && [ "$_i" -eq $(($2)) ] || continue
		if [ -z "${3:-}" ] || { [ "$_v" -eq $(($3)) ] && [ "$_d" -eq $(($4)) ]; }; then
			echo "$_o"
			return
		fi
	done < "$_f"
}

# pci_cap BDF ID: the config space offset of capability ID; empty if absent.
pci_cap() {
	_f=$(cfg_caps "$1") || return 0
	while read -r _k _i _o _x; do
		[ "$_k" = std ] && [ "$_i" -eq $(($2)) ] && { echo "$_o"; return; }
	done < "$_f"
}

# pci_dsn BDF: the PCIe Device Serial Number (extended capability 0x0003),
# which QEMU's cxl-type3 takes from sn=; empty if absent.
pci_dsn() {
	_c=$(pci_ext_cap "$1" 3)
	[ -n "$_c" ] &&
		printf '0x%x\n' $(( ($(cfg_u32 "$1" $((_c + 8))) << 32) | $(cfg_u32 "$1" $((_c + 4))) ))
}

# pci_by_sn SN: the PCI address of the function with that serial number.
pci_by_sn() {
	for _d in /sys/bus/pci/devices/*; do
		[ "$(pci_dsn "${_d##*/}")" = "$(printf '0x%x' "$1")" ] && { echo "${_d##*/}"; return 0; }
	done
	return 1
}

# cxlt_takeover SN DRIVER: reserve the device with serial SN for DRIVER
# before cxl_pci can bind it (unbinding after the kernel committed decoders
# would make the kernel reset them).
cxlt_takeover() {
	_bdf=$(pci_by_sn "$1") || { notok "takeover $1 for $2" "no PCI function with serial $1"; return 1; }
	echo "$2" > "/sys/bus/pci/devices/$_bdf/driver_override"
	diag "device $1 ($_bdf) reserved for $2"
}

# What the kernel reports when something went wrong: WARN and BUG, and
# on the debug kernel KASAN, lockdep, object debugging, list debugging,
# atomic-sleep checks.
CXLT_REPORTS='WARNING:|BUG:|Oops|KASAN|UBSAN|possible circular locking|possible recursive locking|inconsistent lock state|held lock freed|suspicious RCU usage|ODEBUG|list_(add|del) corruption|sleeping function called from invalid context|unreferenced object'

# The kernel stayed healthy: no WARN (taint W), no oops (taint D), none of
# CXLT_REPORTS in the log, and, where kmemleak is built in (the debug
# kernel), no leak whose allocation trace goes through one of our modules
# or the CXL core, after an explicit scan (objects younger than kmemleak's
# 5 s minimum age are not reported, hence the wait).
cxlt_kernel_healthy() {
	_t=$(cat /proc/sys/kernel/tainted)
	_leaks=""
	if [ -e /sys/kernel/debug/kmemleak ]; then
		sleep 6
		echo scan > /sys/kernel/debug/kmemleak
		_leaks=$(awk 'BEGIN { RS = "unreferenced object" } NR > 1 &&
			/\[cxl_accel|\[cxl_vendor|cxl_|devm_cxl/ { n++ } END { print n + 0 }' \
			/sys/kernel/debug/kmemleak)
		_all=$(grep -c 'unreferenced object' /sys/kernel/debug/kmemleak)
		diag "kmemleak: $_all unreferenced objects, $_leaks with CXL or cxl_accel code in their allocation trace"
	fi
	if [ $((_t & (512 | 128))) -ne 0 ]; then
		notok "kernel not tainted by a warning or oops, no report" "tainted=$_t"
		dmesg | grep -E -A 12 'WARNING:|BUG:|Oops' | head -n 40 | while IFS= read -r l; do diag "  $l"; done
	elif dmesg | grep -q -E "$CXLT_REPORTS"; then
		notok "kernel not tainted by a warning or oops, no report" "$(dmesg | grep -m 1 -E "$CXLT_REPORTS")"
		dmesg | grep -E -A 30 "$CXLT_REPORTS" | head -n 60 | while IFS= read -r l; do diag "  $l"; done
	elif [ "${_leaks:-0}" -gt 0 ]; then
		notok "kernel not tainted by a warning or oops, no report" "kmemleak: $_leaks leaks through CXL code"
		head -n 60 /sys/kernel/debug/kmemleak | while IFS= read -r l; do diag "  $l"; done
	else
		ok "kernel not tainted by a warning or oops, no report"
	fi
}

# cxlt_wait_dmesg PATTERN SECONDS: wait until the kernel log matches
# PATTERN (grep -E); fails if it does not in time.
cxlt_wait_dmesg() {
	_i=0
	while ! dmesg | grep -q -E "$1"; do
		[ $_i -ge $(($2 * 10)) ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}

# cxlt_qmp COMMAND [JSON-ARGUMENTS], cxlt_hmp COMMAND-LINE: ask QEMU to act
# on the machine (the test says "#@ qmp:"; tests/vm/qmp.py relays the
# line to QEMU's monitor, the host checks the answer).  Nothing comes back
# here: wait for what the request does.
cxlt_qmp() {
	cxlt_emit "qmp $*"
}

cxlt_hmp() {
	cxlt_emit "hmp $*"
}

# cxlt_s3: suspend the guest to RAM; the host's QMP relay wakes it when
# QEMU reports the suspend (the test says "#@ qmp:" and "#@ qemu:
# -global ICH9-LPC.disable_s3=0").  Returns the write's status: 0 once
# the guest is back.
cxlt_s3() {
	cxlt_emit "wake-on-suspend"
	echo deep > /sys/power/mem_sleep || return 1
	echo mem > /sys/power/state
}

# cxlt_pciexbar_save, cxlt_pciexbar_restore: Q35's PCIEXBAR (the MMCONFIG
# window, which firmware programs at boot and SeaBIOS's first S3 resume
# does not) read before a suspend and written back as firmware did.
CXLT_MCH=/sys/bus/pci/devices/0000:00:00.0/config
cxlt_pciexbar_save() {
	CXLT_PCIEXBAR=$(od -An -tx1 -j 96 -N 8 $CXLT_MCH | tr -d ' \n')
}

cxlt_pciexbar_restore() {
	printf "$(echo "$CXLT_PCIEXBAR" | sed 's/../\\x&/g')" |
		dd of=$CXLT_MCH bs=8 seek=12 count=1 conv=notrunc 2>/dev/null
}

# cxlt_wait_gone PATH SECONDS: wait until PATH does not exist.
cxlt_wait_gone() {
	_i=0
	while [ -e "$1" ]; do
		[ $_i -ge $(($2 * 10)) ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}

# cxlt_wait_read FILE VALUE SECONDS: wait until FILE reads VALUE.
cxlt_wait_read() {
	_i=0
	while [ "$(cat "$1" 2>/dev/null)" != "$2" ]; do
		[ $_i -ge $(($3 * 10)) ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}

# cxlt_unbind_cxl_root [WHEN]: take the CXL root (cxl_acpi's ACPI0017
# device) away, as a test of what happens to regions below it; WHEN ends
# the check's name.
cxlt_unbind_cxl_root() {
	_root=$(basename "$(readlink -f /sys/bus/platform/drivers/cxl_acpi/ACPI0017:*)")
	check "unbind cxl_acpi ($_root)${1:+ $1}" \
		sh -c "echo $_root > /sys/bus/platform/drivers/cxl_acpi/unbind"
}

# cxlt_wait COUNT SECONDS GLOB: wait until GLOB matches COUNT paths.
cxlt_wait() {
	_i=0
	while [ $_i -lt $(($2 * 10)) ]; do
		# shellcheck disable=SC2086 # GLOB is meant to expand
		[ "$(ls -d $3 2>/dev/null | wc -l)" -ge "$1" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# --- Regions made through the CXL core's own sysfs ABI ---------------------
#
# These drive the kernel's region ABI the way ndctl's "cxl create-region"
# does, so that a test can put data in a region nobody in this project
# programmed and let the host-side oracle (tests/vm/oracle.py) prove where
# it landed.

CXLT_BUS=/sys/bus/cxl/devices

# cxlt_cxl_core COUNT: load the CXL core's drivers for Type-3 memory and
# wait until COUNT endpoints exist.  Deliberately not dax_cxl, device_dax
# or kmem: they would turn a RAM region into System RAM that the kernel
# uses for itself and that /dev/mem then refuses.
cxlt_cxl_core() {
	for _m in cxl_acpi cxl_port cxl_pci cxl_mem; do
		modprobe "$_m" 2>/dev/null	# cxl_port is built in on Debian
	done
	cxlt_wait "$1" 20 "$CXLT_BUS/endpoint*"
}

# _cxlt_host_bridge PATH: the host bridge device PATH (a root dport or a
# host bridge port's uport) stands for.  6.1 links both to the host
# bridge's ACPI companion, later kernels to its PCI root; both resolve to
# the PCI root.
_cxlt_host_bridge() {
	if [ -e "$1/physical_node" ]; then
		readlink -f "$1/physical_node"
	else
		readlink -f "$1"
	fi
}

# cxlt_endpoints ROOT: the endpoints below root decoder ROOT, in the order
# of the host bridges in ROOT's target list: the interleave position each
# must take in a region there.  One endpoint per host bridge is assumed
# (interleaving below a switch would need the switch's order too).
cxlt_endpoints() {
	_root=$(dirname "$(readlink -f "$CXLT_BUS/$1")")
	for _id in $(tr ',' ' ' < "$CXLT_BUS/$1/target_list"); do
		_hb=$(_cxlt_host_bridge "$_root/dport$_id")
		for _ep in "$CXLT_BUS"/endpoint*; do
			[ -e "$_ep" ] || continue
			# The host bridge's port is the ancestor right below root.
			_port=$(readlink -f "$_ep" | sed -n 's|.*/root[0-9]*/\(port[0-9]*\)/.*|\1|p')
			[ "$(_cxlt_host_bridge "$_root/$_port/uport")" = "$_hb" ] && basename "$_ep"
		done
	done
}

# _cxlt_put VALUE FILE: write VALUE to a sysfs FILE; on failure CXLT_ERR
# says what was written where and the kernel's answer.
_cxlt_put() {
	if ! _e=$( (echo "$1" > "$2") 2>&1); then
		CXLT_ERR="echo $1 > ${2#"$CXLT_BUS"/}: ${_e##*: }"
		return 1
	fi
}

# cxlt_region_create ROOT MODE GRANULARITY ENDPOINT...: create, configure
# and commit a MODE (ram or pmem) region in root decoder ROOT interleaved
# over the ENDPOINTs in that order, each giving its whole MODE partition.
# GRANULARITY empty means the root decoder's; CXLT_EACH, if set, limits
# what each endpoint gives (bytes).  Sets CXLT_REGION to the
# region's name; on failure returns 1 with CXLT_ERR set, leaving whatever
# was done for the test's diagnostics.  The region is committed but not
# bound to cxl_region: binding would hand it to device-dax (RAM) or
# nvdimm (PMEM), which would claim the range and stop /dev/mem.
cxlt_region_create() {
	_root=$CXLT_BUS/$1
	_mode=$2
	_gran=${3:-$(cat "$_root/interleave_granularity")}
	CXLT_REGION=
	CXLT_ERR=
	if [ ! -e "$_root/create_${_mode}_region" ]; then
		CXLT_ERR="$1 has no create_${_mode}_region"
		return 1
	fi
	shift 3
	_r=$(cat "$_root/create_${_mode}_region")
	_cxlt_put "$_r" "$_root/create_${_mode}_region" || return 1
	CXLT_REGION=$_r
	_reg=$CXLT_BUS/$_r
	# A PMEM region needs its identity before it gets address space.
	if [ "$_mode" = pmem ]; then
		_cxlt_put "$(cat /proc/sys/kernel/random/uuid)" "$_reg/uuid" || return 1
	fi
	_cxlt_put "$_gran" "$_reg/interleave_granularity" || return 1
	_cxlt_put $# "$_reg/interleave_ways" || return 1
	_decs=
	_each=
	for _ep in "$@"; do
		_mem=$(readlink -f "$CXLT_BUS/$_ep/uport")
		_sz=$(($(cat "$_mem/$_mode/size")))
		if [ -z "$_each" ] || [ "$_sz" -lt "$_each" ]; then
			_each=$_sz
		fi
	done
	# CXLT_EACH: give each endpoint only that much of its partition
	_each=${CXLT_EACH:-$_each}
	for _ep in "$@"; do
		# The endpoint's lowest decoder not yet given DPA: the core
		# allocates DPA in decoder order.
		_dec=
		for _d in $(ls -d "$CXLT_BUS/$_ep"/decoder[0-9]*.[0-9]* | sort -t . -k 2 -n); do
			if [ "$(($(cat "$_d/dpa_size")))" -eq 0 ]; then
				_dec=$(basename "$_d")
				break
			fi
		done
		if [ -z "$_dec" ]; then
			CXLT_ERR="$_ep has no free decoder"
			return 1
		fi
		_cxlt_put "$_mode" "$CXLT_BUS/$_dec/mode" || return 1
		_cxlt_put "$_each" "$CXLT_BUS/$_dec/dpa_size" || return 1
		_decs="$_decs $_dec"
	done
	_cxlt_put $(($# * _each)) "$_reg/size" || return 1
	_k=0
	for _dec in $_decs; do
		_cxlt_put "$_dec" "$_reg/target$_k" || return 1
		_k=$((_k + 1))
	done
	_cxlt_put 1 "$_reg/commit"
}

# cxlt_dmesg_tail: the kernel's last CXL messages as diagnostics.
cxlt_dmesg_tail() {
	dmesg | grep -i -E 'cxl|region|decoder' | tail -n 8 |
		while IFS= read -r l; do diag "  $l"; done
}

# --- The host-side oracle's protocol (see tests/vm/oracle.py) --------------
#
# "oracle ..." lines on the result port tell the host what the guest put
# where; they are not TAP, the host's TAP reader ignores them.

# oracle_region ID BASE SIZE WAYS GRANULARITY SN@DPA[,SN@DPA...]: region ID
# spans HPA BASE..BASE+SIZE, interleaved WAYS ways at GRANULARITY bytes;
# position k is the device with serial SN, from its DPA onwards.
oracle_region() {
	cxlt_emit "oracle region $1 base=$2 size=$3 ways=$4 granularity=$5 targets=$6"
}

# oracle_retire ID: region ID is gone; a later region may reuse its DPA.
oracle_retire() {
	cxlt_emit "oracle retire $1"
}

# oracle_write ID OFFSET VALUE: the 64-bit VALUE was written at OFFSET in
# region ID.
oracle_write() {
	cxlt_emit "oracle write $1 offset=$2 value=$3"
}

# oracle_expect CHECK ID OFFSET: a test that reports something wrong on
# purpose ("#@ oracle: expect-fail CHECK...") says what it planted: the
# oracle's CHECK must find region ID's OFFSET wrong, and nothing else.
oracle_expect() {
	cxlt_emit "oracle expect $1 $2 offset=$3"
}

# oracle_fill ID OFFSET COUNT SEED: COUNT words of cxlt_fill_word were
# written from OFFSET in region ID.
oracle_fill() {
	cxlt_emit "oracle fill $1 offset=$2 count=$3 seed=$4"
}

# cxlt_region_report REGION [ID]: oracle_region for a region the core made
# (as ID, default its name: the core reuses names),
# as its sysfs describes it; the devices are named by serial number, since
# guest names are not stable across boots.
cxlt_region_report() {
	_reg=$CXLT_BUS/$1
	_ways=$(cat "$_reg/interleave_ways")
	_t=
	_k=0
	while [ $_k -lt "$_ways" ]; do
		_dec=$(cat "$_reg/target$_k")
		_ep=$(dirname "$(readlink -f "$CXLT_BUS/$_dec")")
		_sn=$(cat "$_ep/uport/serial")
		_dpa=$(cat "$CXLT_BUS/$_dec/dpa_resource")
		_t="$_t${_t:+,}$_sn@$(printf '0x%x' "$_dpa")"
		_k=$((_k + 1))
	done
	oracle_region "${2:-$1}" "$(cat "$_reg/resource")" "$(cat "$_reg/size")" \
		"$_ways" "$(cat "$_reg/interleave_granularity")" "$_t"
}

# cxlt_word HI LO: a 64-bit value from two 32-bit halves, in the format
# busybox devmem prints.  (Shell arithmetic is signed 64-bit; halves keep
# printf away from negative numbers.)
cxlt_word() {
	printf '0x%08X%08X\n' $(($1 & 0xffffffff)) $(($2 & 0xffffffff))
}

# cxlt_write64 ADDR VALUE / cxlt_read64 ADDR: one 64-bit access to a host
# physical address through /dev/mem (busybox devmem maps it; dd would be
# refused by STRICT_DEVMEM).
cxlt_write64() {
	devmem "$(printf '0x%x' "$1")" 64 "$2"
}

cxlt_read64() {
	devmem "$(printf '0x%x' "$1")" 64
}

# cxlt_put64 ID BASE OFFSET VALUE: write VALUE at OFFSET in region ID whose
# HPA is BASE, and tell the oracle.
cxlt_put64() {
	cxlt_write64 $(($2 + $3)) "$4" && oracle_write "$1" "$(printf '0x%x' "$3")" "$4"
}

# cxlt_fill_word OFFSET I SEED: word I of a fill that starts at OFFSET:
# high half SEED + I, low half its own region offset, so that a word found
# in the wrong place says where it belonged.  oracle.py computes the same.
cxlt_fill_word() {
	cxlt_word $(($3 + $2)) $(($1 + 8 * $2))
}

# cxlt_fill ID BASE OFFSET COUNT SEED: COUNT fill words from OFFSET in
# region ID whose HPA is BASE, reported as one oracle line.
cxlt_fill() {
	_i=0
	while [ $_i -lt "$4" ]; do
		cxlt_write64 $(($2 + $3 + 8 * _i)) "$(cxlt_fill_word "$3" $_i "$5")" || return 1
		_i=$((_i + 1))
	done
	oracle_fill "$1" "$(printf '0x%x' "$3")" "$4" "$(printf '0x%x' "$5")"
}

# cxlt_fill_check BASE OFFSET COUNT SEED: read a fill back through the HPA;
# prints the first difference and returns 1 if there is one.
cxlt_fill_check() {
	_i=0
	while [ $_i -lt "$3" ]; do
		_want=$(cxlt_fill_word "$2" $_i "$4")
		_got=$(cxlt_read64 $(($1 + $2 + 8 * _i)))
		if [ "$_got" != "$_want" ]; then
			echo "offset $(printf '0x%x' $(($2 + 8 * _i))): read $_got, wrote $_want"
			return 1
		fi
		_i=$((_i + 1))
	done
}

# cxlt_patterns ID BASE SIZE GRANULARITY: the standard data set for a
# region: 64-bit words at its first and last bytes, on both sides of
# interleave granule boundaries, mid-way and at an odd place, plus a fill
# straddling a granule boundary; each read back through the HPA (one TAP
# line) and reported to the oracle.  CXLT_PATTERNS is left holding the
# offsets of the single words.
cxlt_patterns() {
	_g=$4
	CXLT_PATTERNS=
	_n=0
	for _o in 0 8 0x100 $((_g - 8)) "$_g" $((_g + 8)) $((2 * _g + 0x10)) \
		  $((3 * _g + 0x18)) 0x123450 $(($3 / 2)) $(($3 / 2 + _g)) $(($3 - 8)); do
		_o=$(printf '0x%x' "$_o")
		case " $CXLT_PATTERNS " in *" $_o "*) continue ;; esac
		[ $((_o + 8)) -le $(($3)) ] || continue
		CXLT_PATTERNS="$CXLT_PATTERNS $_o"
		cxlt_put64 "$1" "$2" "$_o" "$(cxlt_word $((0xC0DE0000 + _n)) "$_o")"
		_n=$((_n + 1))
	done
	_fill=$((4 * _g - 64))
	cxlt_fill "$1" "$2" "$_fill" 16 0xF1110000
	_bad=
	_n=0
	for _o in $CXLT_PATTERNS; do
		_want=$(cxlt_word $((0xC0DE0000 + _n)) "$_o")
		_got=$(cxlt_read64 $(($2 + _o)))
		[ "$_got" = "$_want" ] || _bad="$_bad offset $_o: read $_got, wrote $_want;"
		_n=$((_n + 1))
	done
	_f=$(cxlt_fill_check "$2" "$_fill" 16 0xF1110000) || _bad="$_bad fill: $_f"
	if [ -z "$_bad" ]; then
		ok "$1: $_n words and a 16-word fill read back through the HPA"
	else
		notok "$1: words and fill read back through the HPA" "$_bad"
	fi
}

# cxlt_kernel_region MODE: the CXL core up with every type-3 device of the
# topology, and one MODE region over all of them in window 0, made through
# sysfs and reported to the oracle, with TAP lines for each step.  Sets
# CXLT_REGION, CXLT_BASE, CXLT_SIZE and CXLT_GRAN; returns 1 (after a not
# ok) if there is no region.
# shellcheck disable=SC2034 # CXLT_* are for the test script
cxlt_kernel_region() {
	_want=$(sed -n 's/^type3=//p' /etc/cxlt-facts)
	if ! cxlt_cxl_core "$_want"; then
		notok "every type-3 device has an endpoint" "$(ls "$CXLT_BUS" | tr '\n' ' ')"
		return 1
	fi
	_eps=$(cxlt_endpoints decoder0.0)
	expect_eq "endpoints below window 0, in its target order" \
		"$(echo "$_eps" | wc -w)" "$_want"
	# shellcheck disable=SC2086 # a list of names
	if ! cxlt_region_create decoder0.0 "$1" "" $_eps; then
		notok "$1 region over $_want device(s) committed through sysfs" "$CXLT_ERR"
		cxlt_dmesg_tail
		return 1
	fi
	_reg=$CXLT_BUS/$CXLT_REGION
	CXLT_BASE=$(cat "$_reg/resource")
	CXLT_SIZE=$(cat "$_reg/size")
	CXLT_GRAN=$(cat "$_reg/interleave_granularity")
	ok "$CXLT_REGION: $(cat "$_reg/interleave_ways")-way $1 region committed through sysfs"
	# Nothing may own the range but the test: no region driver, no dax,
	# no System RAM (or the kernel would use the memory, and /dev/mem
	# would refuse it).
	check "$CXLT_REGION: not bound, no dax or kmem loaded" sh -c \
		"[ ! -e $_reg/driver ] && ! grep -q -E '^(dax_cxl|device_dax|kmem|dax_pmem|nd_pmem) ' /proc/modules"
	cxlt_region_report "$CXLT_REGION"
}
