#!/bin/sh
# A device that has gone (surprise removal, link down) while it held a
# region: its registers read all ones, so its decoders cannot be read
# back, but they decode nothing either.  The release must not park the
# region forever (issue 12, item 4: the host bridge's decoder and the
# claim leaked, the module stayed pinned): the decoders of the ports
# above it are reset (registers read here), the range is given back
# (/proc/iomem), nothing is parked or pinned, and the gone device's own
# registers are not written again: its decoder reads as it was left.
# QEMU cannot unplug a device by surprise; the test build's "gone" fault
# makes the device's presence check fail and its component registers
# read all ones to cxl_accel (src/fault.h), while this test reads the
# real ones.
#@ tier: smoke debug
#@ topology: switch-single-hdm
#@ plan: 15
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /lib/cxlt_fault.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
refs=$(cat /sys/module/cxl_accel/refcnt)
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc)" 0
hpa=$(printf '%#x' "$(accel_slot 0 hpa)")
hw_path_cache "$ACCEL_BDF"
nhdm=$(echo "$HW_HDMS" | grep -c .)
nports=$(echo "$HW_HDMS" | grep -c -v '^ep ')
diag "HDM decoder capabilities on the path: $nhdm, $nports of them on ports"
# the control for the checks below: every decoder of the path is seen
# committed to the region, the ports' among them
mine=$(hw_decoders "$ACCEL_BDF" | grep "base=$hpa size=$(printf '%#x' $SIZE)")
expect_eq "the region's decoders are committed on the whole path (registers)" \
	"$(echo "$mine" | grep -c .) $(echo "$mine" | grep -c -v '^ep ')" "$nhdm $nports"
check "ports above the device have decoders of their own" [ "$nports" -ge 1 ]
ep=$(echo "$mine" | grep '^ep ')

dmesg -c > /dev/null
check "the device drops off the link (test build)" sh -c "echo gone > $FAULT"
accel_cmd "release 0"
check "a log line says the device has gone" \
	sh -c "dmesg | grep -q 'region \[$hpa-[0-9a-fx]*\]: the device has gone'"
left=$(hw_decoders "$ACCEL_BDF" | grep "base=$hpa ")
expect_eq "the ports' decoders are reset (registers)" \
	"$(echo "$left" | grep -v '^ep ' | grep -c .)" 0
expect_eq "the gone device's decoder was not written (registers)" "$left" "$ep"
check "the range is given back (/proc/iomem)" \
	sh -c "! grep -q 'cxl_accel $ACCEL_BDF' /proc/iomem"
expect_eq "nothing parked, no region or reservation alive" \
	"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
expect_eq "the module is not pinned" "$(cat /sys/module/cxl_accel/refcnt)" "$refs"
check "the fault is disarmed" sh -c "echo off > $FAULT"
check "cxl_accel unloads once its user has" sh -c \
	"echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_test/unbind && rmmod cxl_accel_test && rmmod cxl_accel"
