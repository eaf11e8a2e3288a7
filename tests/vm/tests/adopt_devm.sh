#!/bin/sh
# devm_cxl_accel_region_adopt(): a kept region adopted for the lifetime of
# the driver's binding is put by the unbind, and being kept, stays as it
# was: its claim in /proc/iomem and its decoders committed (registers),
# while cxl_accel has no region object left and both modules unload (no
# reference was left behind).  Issue 13: an exported call no test reached.
#@ tier: smoke
#@ topology: direct-hdm
#@ plan: 21
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
accel_cmd "request $SIZE keep"
expect_eq "request a kept region" "$(accel_status rc)" 0
hpa=$(accel_slot 0 hpa)
dpa=$(accel_slot 0 dpa)
accel_cmd "release 0"
expect_eq "release it, kept" "$(accel_status rc)" 0
accel_reload || exit 0

accel_cmd "adopt devm"
expect_eq "adopt it with devm_cxl_accel_region_adopt()" "$(accel_status rc)" 0
expect_eq "the same HPA and DPA" "$(accel_slot 0 hpa) $(accel_slot 0 dpa)" "$hpa $dpa"
check "unbind the driver" sh -c "echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_test/unbind"
expect_eq "the unbind put it: cxl_accel has no region left" \
	"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
accel_check_claim "$hpa" "$SIZE"
accel_check_decoders "$hpa" "$SIZE" 0
check "rmmod cxl_accel_test" rmmod cxl_accel_test
check "rmmod cxl_accel: no reference left" rmmod cxl_accel
