#!/bin/sh
# Coexistence (b), accelerator first: t0 (ours) and a Type-3 device t1
# behind the same switch.  cxl_accel programs the path before cxl_pci
# binds t1; the core then enumerates the switch (and the host bridge) and
# adopts our decoder, the kernel's region on t1 goes above it, both
# regions' data land right, and sysfs tells the truth.  Our release is
# parked while the kernel's decoder sits above ours (rmmod cxl_accel is
# refused meanwhile) and completes once t1 lets go.  6.1 cannot share the
# switch: its core reuses decoders it did not commit itself; the request
# is refused there and t1 keeps working.
#@ topology: switch-pmem switch-hdm-pmem
#@ plan: 32
#@ plan: 6.1 switch-pmem 9
#@ plan: 6.12 switch-pmem 27
#@ plan: 7.2 switch-pmem 27
#@ plan: 7.3 switch-pmem 27
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
#@ timeout: 300
#@ skip: 6.1 switch-hdm-pmem 6.1 treats a one-root-port host bridge as passthrough and never programs its HDM decoders, so its own regions cannot route through QEMU's hdm_for_passthrough=on host bridge (cxl_view shows the single passthrough decoder)
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
t1=$(pci_by_sn 0x1001)
# where it must land, from the CEDT, /proc/iomem and the registers
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
dpa=0x0
accel_cmd "request $SIZE"
case $(uname -r) in
6.1.*)
	accel_expect_refusal -16 "will track switch .* once $t1 attaches"
	cxlt_cxl_core 1
	ep=$(basename "$(ls -d "$CXLT_BUS"/endpoint* | head -n 1)")
	accel_kernel_region t1-only "$ep" "$SIZE"
	exit 0 ;;
esac
expect_eq "request before t1 attaches, where the test expects it" \
	"$(accel_status rc) $(accel_slot 0 hpa) $(accel_slot 0 dpa)" "0 $hpa $dpa"
accel_check_claim "$hpa" "$SIZE"
accel_check_decoders "$hpa" "$SIZE" 0
accel_cmd "fill 0 0 2048 0xacce1001"
oracle_region accel "$hpa" "$SIZE" 1 256 "0x1000@$dpa"
oracle_fill accel 0 2048 0xacce1001

# t1 attaches: the core enumerates the switch with our decoder in it
if ! cxlt_cxl_core 1; then
	notok "t1 has an endpoint" "$(ls "$CXLT_BUS" | tr '\n' ' ')"
	exit 0
fi
ep=$(basename "$(ls -d "$CXLT_BUS"/endpoint* | head -n 1)")
accel_check_core_truth
accel_kernel_region t1 "$ep" "$SIZE" || exit 0
t1reg=$CXLT_REGION
check "the kernel's region is above ours" \
	[ "$(($(cat "$CXLT_BUS/$t1reg/resource")))" -ge $((hpa + SIZE)) ]
accel_check_core_truth
accel_cmd "verify 0 0 2048 0xacce1001"
expect_eq "our region untouched" "$(accel_status rc) $(accel_status mismatches)" "0 0"

# Release ours: the kernel's decoder is above ours on the switch, so it waits.
accel_cmd "release 0"
expect_eq "release accepted" "$(accel_status rc)" 0
expect_eq "the region is parked" "$(cat /sys/kernel/debug/cxl_accel/stats)" \
	"regions=1 dpas=1 maps=0 parked=1"
check "its range stays claimed meanwhile" grep -q "cxl_accel $ACCEL_BDF" /proc/iomem
check "rmmod cxl_accel_test" rmmod cxl_accel_test
check "rmmod cxl_accel is refused while a region is parked" sh -c '! rmmod cxl_accel 2>/dev/null'
accel_check_core_truth

# t1 lets go: its region, then its endpoint (and the switch port with it)
accel_kernel_region_destroy "$t1reg" t1
echo "$t1" > /sys/bus/pci/drivers/cxl_pci/unbind
if accel_wait_stats "regions=0 dpas=0 maps=0 parked=0" 10; then
	ok "the parked region is released once t1 is gone"
else
	notok "the parked region is released once t1 is gone" "$(cat /sys/kernel/debug/cxl_accel/stats)"
	cxlt_dmesg_tail
fi
check "no claim left" sh -c "! grep -q 'cxl_accel $ACCEL_BDF' /proc/iomem"
accel_check_core_view 0
check "rmmod cxl_accel" rmmod cxl_accel
