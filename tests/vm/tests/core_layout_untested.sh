#!/bin/sh
# On a kernel whose CXL core layout cxl_accel was not tested with, no port
# the core tracks is shared (src/compat/tested-layouts, src/core.c).  The
# guests' kernels are all tested ones, so the test build treats the
# layout as untested on request (fault injection, "untested_layout").
# The host bridge's port is the core's (its decoders are in sysfs): the
# request through it is refused with one line naming the fingerprint
# cxl_accel found, and nothing is committed or claimed (registers,
# /proc/iomem).  The same request with the layout trusted again succeeds
# (the control).  6.12 only: 7.x enumerates a port's decoders only once
# an endpoint attaches below it, so on this topology the core tracks no
# decoder of the host bridge there (the first sysfs check fails on 7.2
# and 7.3) and nothing is shared to refuse.
#@ kernels: 6.12 6.12-debug
#@ tier: basic smoke debug
#@ topology: direct-hdm
#@ plan: 16
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

FAULT=/sys/kernel/debug/cxl_accel/fault
SIZE=0x10000000
cxlt_accel_load || exit 0
fp=$(dmesg | sed -n 's/.*CXL core exports, core layout \([0-9a-f]*\), tested).*/\1/p' | head -n 1)
check "cxl_accel found a core layout it was tested with (its load line)" test -n "$fp"
check "the CXL core tracks decoders below its root (sysfs decoderN.M, N > 0)" \
	sh -c "ls /sys/bus/cxl/devices | grep -q '^decoder[1-9][0-9]*\.'"
hw_path_cache "$ACCEL_BDF"
expect_eq "no decoder committed on the path yet (registers)" "$(hw_decoders "$ACCEL_BDF")" ""

echo untested_layout > $FAULT
accel_cmd "request $SIZE"
expect_eq "a request through the core's host bridge is refused" "$(accel_status rc)" -16
check "one line names the fingerprint and the way out" \
	cxlt_wait_dmesg "CXL port .*\\(fingerprint $fp\\) cxl_accel was not tested with: refused \\(allow_untested_core_layout=1" 1
expect_eq "no decoder was committed (registers)" "$(hw_decoders "$ACCEL_BDF")" ""
check "no claim (/proc/iomem)" sh -c "! grep -q 'cxl_accel $ACCEL_BDF' /proc/iomem"
echo off > $FAULT

accel_cmd "request $SIZE"
expect_eq "with the layout trusted the same request succeeds (the control)" \
	"$(accel_status rc)" 0
expect_eq "the host bridge's decoder routes it (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c '^hb')" 1
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
