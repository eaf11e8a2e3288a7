#!/bin/sh
# Decoders committed by "firmware": before cxl_acpi loads, the guest writes
# the endpoint's decoder 0 and decoder 0 of every switch and host bridge
# with HDM decoders through /dev/mem, committed for the first 256 MiB of
# window 0, so the CXL core reads them committed when it enumerates its
# ports.  cxl_accel then adopts them: the same range, claimed privately,
# the device decoding, the core's view true, data through the mapping at
# DPA 0 (oracle), and the decoders left committed on release.  On 7.x,
# with cxl_mem loaded, the region is also handed to the CXL core where it
# can assemble a region (direct-hdm), and not through a host bridge
# without HDM decoders (switch-single), which the log says.
#@ topology: direct-hdm switch-single
#@ plan: 28
#@ plan: 6.12 direct-hdm 31
#@ plan: 7.2 direct-hdm 30
#@ plan: 7.3 direct-hdm 30
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
#@ append: iomem=relaxed
#@ timeout: 300
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
# cxl_accel's debugfs page gives the register addresses; the CXL core's
# ACPI side is not loaded yet
cxlt_accel_load nocore || exit 0
check "cxl_acpi is not loaded yet" sh -c "! grep -q '^cxl_acpi ' /proc/modules"
base=$(hw_window_base 0)
diag "window 0 at $base; programming the path as firmware would"
accel_firmware_path "$base" "$SIZE"
accel_check_decoders "$base" "$SIZE" 0
before=$(accel_committed_snapshot)

for m in cxl_acpi cxl_port cxl_mem; do
	modprobe "$m" 2>/dev/null
done
check "cxl_acpi loaded" grep -q '^cxl_acpi ' /proc/modules
accel_check_core_truth

accel_cmd adopt
expect_eq "adopt the firmware's decoders" "$(accel_status rc)" 0
expect_eq "the firmware's range and DPA 0" \
	"$(accel_slot 0 hpa) $(accel_slot 0 size) $(accel_slot 0 dpa)" \
	"$(printf '%#x' "$base") $SIZE 0x0"
expect_eq "cxl_accel calls it adopted" "$(accel_region adopted)" 1
check "the log says adopted" sh -c "dmesg | grep -q 'adopted region \[$(printf '%#x' "$base")-'"
core=$(accel_region core)
parent=
# the host bridge has HDM decoders (1) or not (0), as the test finds them
case $(uname -r)/$(hw_hops | awk '$1 ~ /^hb:/ { n++ } END { print n + 0 }') in
6.*)
	check "no mainline hand-off on this kernel" sh -c "dmesg | grep -q 'no mainline Type-2 attach API'"
	accel_check_claim "$base" "$SIZE" ;;
*/0)
	check "no hand-off through a host bridge without HDM decoders" \
		sh -c "dmesg | grep -q 'stays cxl_accel.s own: the CXL core cannot assemble a region through host bridge UID [0-9]*, which has no HDM decoders'"
	accel_check_claim "$base" "$SIZE" ;;
*)
	case $core in
	mem*) ok "handed to the CXL core as $core" ;;
	*) notok "handed to the CXL core" "core=$core" ;;
	esac
	parent="region*"
	accel_check_claim "$base" "$SIZE" "$parent" ;;
esac
accel_check_private "$base"
expect_eq "adoption wrote no decoder" "$(accel_committed_snapshot)" "$before"
expect_eq "the device decodes with HDM decoders" "$(accel_state hdm enabled)" 1
accel_check_core_truth

oracle_region fw "$base" "$SIZE" 1 256 "0x1000@0x0"
accel_cmd "fill 0 0 4096 0xf1f10001"
accel_cmd "fill 0 $((SIZE - 0x8000)) 4096 0xf1f10002"
accel_cmd "verify 0 0 4096 0xf1f10001"
expect_eq "read back the start" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "verify 0 $((SIZE - 0x8000)) 4096 0xf1f10002"
expect_eq "read back the end" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_fill fw 0 4096 0xf1f10001
oracle_fill fw $((SIZE - 0x8000)) 4096 0xf1f10002

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
expect_eq "the firmware's decoders stay as they were" "$(accel_committed_snapshot)" "$before"
# (a region handed to the CXL core stays the core's until the driver unbinds)
accel_check_claim "$base" "$SIZE" ${parent:+"$parent"}
accel_check_core_truth
cxlt_kernel_healthy
