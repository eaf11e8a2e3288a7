#!/bin/sh
# Coexistence (a): the accelerator t0 behind one host bridge, a Type-3
# device t1 bound to cxl_pci behind another with its own window.  The
# kernel has a region on t1 while cxl_accel programs t0's path, and makes
# another after it (t1's host bridge passes through: one region at a
# time); all three regions' data land where they should (oracle) and the
# CXL core's view of the decoders stays true.
#@ topology: two-windows-pmem
#@ plan: 25
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
if ! cxlt_cxl_core 1; then
	notok "t1 has an endpoint" "$(ls "$CXLT_BUS" | tr '\n' ' ')"
	exit 0
fi
ep=$(basename "$(ls -d "$CXLT_BUS"/endpoint* | head -n 1)")
expect_eq "the only endpoint is t1's" "$(cat "$CXLT_BUS/$ep/uport/serial")" 0x1001

accel_kernel_region before "$ep" "$SIZE" || exit 0
before=$CXLT_REGION

# where it must land, from the CEDT, /proc/iomem (the kernel's region
# is there) and the registers
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
dpa=0x0
accel_cmd "request $SIZE"
expect_eq "cxl_accel region next to the kernel's, where the test expects it" \
	"$(accel_status rc) $(accel_slot 0 hpa) $(accel_slot 0 dpa)" "0 $hpa $dpa"
accel_check_claim "$hpa" "$SIZE"
accel_check_decoders "$hpa" "$SIZE" 0
accel_cmd "fill 0 0x1000 2048 0xacce1000"
accel_cmd "verify 0 0x1000 2048 0xacce1000"
expect_eq "cxl_accel region reads back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_region accel "$hpa" "$SIZE" 1 256 "0x1000@$dpa"
oracle_fill accel 0x1000 2048 0xacce1000

accel_check_core_truth
accel_kernel_region_destroy "$before" before
accel_kernel_region after "$ep" "$SIZE" || exit 0
after=$CXLT_REGION
accel_check_core_truth
accel_cmd "verify 0 0x1000 2048 0xacce1000"
expect_eq "cxl_accel region untouched by the kernel's regions" \
	"$(accel_status rc) $(accel_status mismatches)" "0 0"

accel_kernel_region_destroy "$after" after
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
accel_check_core_truth
