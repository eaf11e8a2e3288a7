#!/bin/sh
# "cxl-accel explain" and "windows" where the only window's restrictions
# exclude device-coherent memory: the CEDT as QEMU builds it, patched to
# 0x000e (host-only coherent, volatile, persistent), as region_restricted
# does.  The reason must name the restrictions the test reads from the CEDT
# itself, and explain must repeat the kernel's refusal.
#@ topology: direct
#@ plan: 11
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ cedt: restrictions=0x000e
#@ tools: cxl-accel
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
check "the kernel took our CEDT" sh -c "dmesg | grep -q 'ACPI: Table Upgrade: override \[CEDT'"
r=$(hw_cedt_cfmws | awk '{ print $4; exit }')
why="restrictions $(printf '%#x' "$r") exclude device-coherent volatile memory"
check "the CEDT's window has no device-coherent restriction bit" [ $((r & 1)) -eq 0 ]
accel_cmd "request 0x10000000"
expect_eq "the request is refused" "$(accel_status rc)" -95
accel_explain_refused "$why"
