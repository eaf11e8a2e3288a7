#!/bin/sh
# "cxl-accel explain" and "windows" where the only window interleaves two
# host bridges: a device-coherent window one device cannot decode alone.
# The number of ways comes from the CEDT's ENIW, read here; the window's
# restrictions are the positive control (they allow the device's memory,
# so the interleave is the only reason left), and explain must repeat the
# kernel's refusal.
#@ topology: interleave
#@ plan: 12
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ tools: cxl-accel
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
expect_eq "the CEDT has one window" "$(hw_cedt_cfmws | grep -c .)" 1
# BASE SIZE ENIW RESTRICTIONS TARGET0
# shellcheck disable=SC2046 # five words
set -- $(hw_cedt_cfmws | head -n 1)
eniw=$3
r=$4
# CXL 3.x 9.18.1.3: ENIW 0-4 is 2^ENIW ways, 8-10 is 3 x 2^(ENIW - 8)
if [ "$eniw" -lt 8 ]; then ways=$((1 << eniw)); else ways=$((3 << (eniw - 8))); fi
expect_eq "the window interleaves two host bridges (CEDT ENIW $eniw)" "$ways" 2
check "its restrictions allow device-coherent volatile memory ($(printf '%#x' "$r"))" \
	[ $((r & 0x5)) -eq 5 ]
why="interleaves $ways host bridges; one device needs a 1-way window"
accel_cmd "request 0x10000000"
check "the request is refused ($(accel_status rc))" [ "$(accel_status rc)" -lt 0 ]
accel_explain_refused "$why"
