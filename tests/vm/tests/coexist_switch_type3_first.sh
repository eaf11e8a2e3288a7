#!/bin/sh
# Coexistence (b), Type-3 first: t1 is bound to cxl_pci with a region of
# the kernel's when cxl_accel is asked for a region on t0 behind the same
# switch.  The core has an endpoint below that switch, and cxl_accel
# cannot take the core's region lock: the request is refused with one
# line, nothing is programmed or claimed, and t1's region keeps working.
# Once t1 lets go, the request succeeds (6.12 and later).
#@ tier: smoke debug trixie rt
#@ topology: switch-pmem switch-hdm-pmem
#@ topology 6.12-debug: switch-hdm-pmem
#@ topology 6.12-trixie: switch-hdm-pmem
#@ topology 6.12-rt: switch-hdm-pmem
#@ topology 7.3-trixie: switch-hdm-pmem
#@ plan: 21
#@ plan: * switch-hdm-pmem 23
#@ plan: 6.1 switch-pmem 18
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
if ! cxlt_cxl_core 1; then
	notok "t1 has an endpoint" "$(ls "$CXLT_BUS" | tr '\n' ' ')"
	exit 0
fi
ep=$(basename "$(ls -d "$CXLT_BUS"/endpoint* | head -n 1)")
accel_kernel_region t1 "$ep" "$SIZE" || exit 0
t1reg=$CXLT_REGION

accel_cmd "request $SIZE"
case $(uname -r) in
6.1.*) accel_expect_refusal -16 "will track switch .* once $t1 attaches" ;;
*) accel_expect_refusal -16 "has endpoints attached below it" ;;
esac
accel_check_core_truth
check "t1's region still committed" grep -qx 1 "$CXLT_BUS/$t1reg/commit"

accel_kernel_region_destroy "$t1reg" t1
echo "$t1" > /sys/bus/pci/drivers/cxl_pci/unbind
accel_cmd "request $SIZE"
case $(uname -r) in
6.1.*)
	accel_expect_refusal -16 "will track switch .* once $t1 attaches" ;;
*)
	expect_eq "the request succeeds once t1 let go" "$(accel_status rc)" 0
	hpa=$(accel_slot 0 hpa)
	accel_check_decoders "$hpa" "$SIZE" 0
	accel_cmd "release 0"
	accel_check_clean ;;
esac
