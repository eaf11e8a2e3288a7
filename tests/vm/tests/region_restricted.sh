#!/bin/sh
# A window whose restrictions exclude device-coherent (Type-2) memory:
# the CEDT as QEMU builds it, patched to 0x000e (host-only coherent,
# volatile, persistent) through the kernel's initrd ACPI table upgrade.
# The kernel's own view must agree (cap_type2 = 0) and cxl_accel must
# refuse with one line and leave nothing behind.
#@ topology: direct
#@ plan: 12
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ cedt: restrictions=0x000e
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
check "the kernel took our CEDT" sh -c "dmesg | grep -q 'ACPI: Table Upgrade: override \[CEDT'"
expect_eq "the kernel's root decoder says no Type-2 memory" \
	"$(cat "$CXLT_BUS/decoder0.0/cap_type2") $(cat "$CXLT_BUS/decoder0.0/cap_type3")" "0 1"
accel_cmd "request 0x10000000"
accel_expect_refusal -95 "no usable CXL window: .* restrictions 0xe exclude device-coherent volatile memory"
accel_check_clean
