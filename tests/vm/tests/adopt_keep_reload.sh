#!/bin/sh
# Keep, unload, reload, adopt.  A region requested with
# CXL_ACCEL_REGION_KEEP is released with its decoders still committed and
# its range still claimed; the consumer and cxl_accel are unloaded (the
# claim outlives cxl_accel in /proc/iomem) and loaded again, and adoption
# finds the same HPA and DPA with the data written before still there.
# New data lands next to it (the oracle checks both in the device's
# memory), and the adopted region is kept again when released.  cxl_mem
# is not loaded: on 7.x the region stays cxl_accel's own (the hand-off is
# adopt_mainline's).
#@ tier: smoke debug
#@ topology: direct direct-hdm switch-single
#@ topology 6.12-debug: direct-hdm
#@ plan: 52
#@ plan: * direct 47
#@ plan: 6.12 direct-hdm 54
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
#@ timeout: 300
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
# where it must land, from the CEDT, /proc/iomem and the registers
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
dpa=0x0
accel_cmd "request $SIZE keep"
expect_eq "request a kept region, where the test expects it, DPA 0" \
	"$(accel_status rc) $(accel_slot 0 hpa) $(accel_slot 0 dpa)" "0 $hpa $dpa"
diag "region at $hpa, DPA $dpa"
expect_eq "cxl_accel calls it kept" "$(accel_region keep) $(accel_region adopted)" "1 0"
accel_check_decoders "$hpa" "$SIZE" 0
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@$dpa"
accel_cmd "fill 0 0 4096 0xa0a00001"
accel_cmd "verify 0 0 4096 0xa0a00001"
expect_eq "pattern A reads back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_fill r0 0 4096 0xa0a00001

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
expect_eq "no region object left" "$(cat /sys/kernel/debug/cxl_accel/stats)" \
	"regions=0 dpas=0 maps=0 parked=0"
check "the log says it stays" sh -c "dmesg | grep -q 'released; decoder 0 stays committed and the range claimed'"
accel_check_decoders "$hpa" "$SIZE" 0
accel_check_claim "$hpa" "$SIZE"
accel_check_core_truth

accel_reload || exit 0
check "the claim outlived cxl_accel" grep -q "cxl_accel $ACCEL_BDF" /proc/iomem
accel_check_decoders "$hpa" "$SIZE" 0

accel_cmd adopt
expect_eq "adopt" "$(accel_status rc)" 0
expect_eq "the same HPA, size and DPA" \
	"$(accel_slot 0 hpa) $(accel_slot 0 size) $(accel_slot 0 dpa)" "$hpa $SIZE $dpa"
expect_eq "cxl_accel calls it adopted and kept" \
	"$(accel_region adopted) $(accel_region keep) $(accel_region decoder)" "1 1 0"
check "the log says it took the kept claim over" sh -c "dmesg | grep -q 'taking over the reservation of'"
case $(uname -r) in
6.*) check "no mainline hand-off on this kernel" sh -c "dmesg | grep -q 'no mainline Type-2 attach API'" ;;
*) check "no hand-off (no cxl_mem, or no HDM decoders on the host bridge)" \
	sh -c "dmesg | grep -q -E 'stays cxl_accel.s own: (cxl_mem is not loaded|the CXL core cannot assemble)'" ;;
esac
expect_eq "claimed once" "$(grep -c "cxl_accel $ACCEL_BDF" /proc/iomem)" 1
accel_check_claim "$hpa" "$SIZE"
accel_check_private "$hpa"
accel_check_decoders "$hpa" "$SIZE" 0
accel_cmd "verify 0 0 4096 0xa0a00001"
expect_eq "pattern A is still there" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "fill 0 0x100000 4096 0xb0b00002"
accel_cmd "verify 0 0x100000 4096 0xb0b00002"
expect_eq "pattern B reads back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_fill r0 0x100000 4096 0xb0b00002
accel_check_core_truth

accel_cmd "release 0"
expect_eq "release the adopted region" "$(accel_status rc)" 0
accel_check_decoders "$hpa" "$SIZE" 0
accel_check_claim "$hpa" "$SIZE"
cxlt_kernel_healthy
