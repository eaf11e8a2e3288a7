# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest helpers for make bench (tests/bench): the consumer
# cxl_accel_bench (tests/modules/cxl_accel_bench) and its clock.  Source
# after /lib/cxlt.sh.  Figures are "# bench SECTION KEY=VALUE..." lines,
# which tests/bench/report.py reads; TAP lines say whether each step
# worked, so that a figure is never taken from a step that failed.

BENCH_DBG=/sys/kernel/debug/cxl_accel_bench
BENCH_NOW=$BENCH_DBG/now
MODDIR=/lib/modules/$(uname -r)/extra

# bench_load: the CXL core's ACPI side, cxl_accel and the consumer (two
# checks); the consumer binds every device reserved for it.
bench_load() {
	for _m in cxl_acpi cxl_port; do
		modprobe "$_m" 2>/dev/null
	done
	check "insmod cxl_accel" insmod "$MODDIR/cxl_accel.ko" || return 1
	check "insmod cxl_accel_bench" insmod "$MODDIR/cxl_accel_bench.ko"
}

# bench_use SN: BENCH_BDF, BENCH_CTL, BENCH_RES for the device with
# serial SN; fails if the consumer has not probed it.  Not under check:
# that runs its command in a subshell, and the variables would be lost.
bench_use() {
	BENCH_BDF=$(pci_by_sn "$1") || return 1
	BENCH_CTL=$BENCH_DBG/$BENCH_BDF/ctl
	BENCH_RES=$BENCH_DBG/$BENCH_BDF/result
	[ -e "$BENCH_CTL" ]
}

# bench_now: ktime_get_ns() in BENCH_T, read by the shell itself (no
# fork inside a timed stretch).
bench_now() {
	read -r BENCH_T < "$BENCH_NOW"
}

# bench_result KEY: KEY='s value on the consumer's result line.
bench_result() {
	sed -n "s/.* $1=\\([0-9]*\\).*/\\1/p" "$BENCH_RES" | head -n 1
}

# bench_timing BDF KEY: KEY='s value on cxl_accel's own "timing:" line
# for the device's region (its debugfs state).
bench_timing() {
	sed -n "s/^timing: .* $2=\\([0-9]*\\).*/\\1/p" \
		"/sys/kernel/debug/cxl_accel/$1/state" | head -n 1
}

# bench_meminfo: "SLAB_KB VMALLOC_KB" from /proc/meminfo.
bench_meminfo() {
	awk '$1 == "Slab:" { s = $2 } $1 == "VmallocUsed:" { v = $2 }
		END { print s, v }' /proc/meminfo
}

# bench_why: what the consumer and the kernel said last, as diagnostics.
bench_why() {
	diag "cxl_accel_bench: $(tr '\n' ' ' < "$BENCH_RES")"
	dmesg | tail -n 8 | while IFS= read -r _l; do diag "  $_l"; done
}
