#!/bin/sh
# The mainline Type-2 hand-off.  On 7.2 and 7.3 an adopted region is handed
# to the CXL core (devm_cxl_probe_mem()): the core then has a memdev, a
# child of the device, with an endpoint port and a locked region whose
# resource is our range and which has no dax region; our claim nests under
# it in /proc/iomem.  The core keeps them until the driver unbinds (taking
# the memdev away earlier would make the core unbind the driver), so a
# release and a new adoption in the same binding find them still there;
# after the unbind they are gone, the decoders still committed and the
# range still claimed, and once cxl_accel is reloaded the region is
# adopted and handed over again (the core now has the ports' decoders
# enumerated and agreeing).  On 6.1 and 6.12 there is no such API: the
# region stays cxl_accel's own and the core shows no memdev for the
# device.  The data written across all that lands at the right DPA
# (oracle).
#
# `cxl list -M` from Debian 12's ndctl (76) does not show such a memdev:
# libcxl skips a memdev whose pmem/size or ram/size it cannot read, and
# 7.x gives Type-2 memdevs (CXL_DEVTYPE_DEVMEM) no sysfs attributes at all
# (no serial either: the memdev is checked as the device's child instead).
# `cxl list -R` does show the core's region.
#@ tier: smoke
#@ topology: direct-hdm switch-hdm
#@ plan: 36
#@ plan: 7.2 direct-hdm 73
#@ plan: 7.3 direct-hdm 73
#@ plan: 6.12 switch-hdm 37
#@ plan: 7.2 switch-hdm 76
#@ plan: 7.3 switch-hdm 76
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ tools: cxl
#@ oracle: yes
#@ timeout: 360
#@ skip: 6.1 switch-hdm 6.1 cannot share a switch with another CXL.mem device below it (t1): the request is refused (coexist_switch_accel_first)
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
mainline=0
case $(uname -r) in
6.*) ;;
*) mainline=1 ;;
esac
# cxl_mem: devm_cxl_probe_mem() lives there
modprobe cxl_mem 2>/dev/null
cxlt_accel_load || exit 0
# where it must land, from the CEDT, /proc/iomem and the registers
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
dpa=0x0
accel_cmd "request $SIZE keep"
expect_eq "request a kept region, where the test expects it, DPA 0" \
	"$(accel_status rc) $(accel_slot 0 hpa) $(accel_slot 0 dpa)" "0 $hpa $dpa"
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@$dpa"
accel_cmd "fill 0 0 4096 0xc0c00001"
oracle_fill r0 0 4096 0xc0c00001
accel_cmd "release 0"
expect_eq "release, kept" "$(accel_status rc)" 0

# check_handed ROUND: the core's objects for the adopted region
check_handed() {
	mem=$(accel_region core)
	if [ $mainline = 0 ]; then
		expect_eq "$1: the region stays cxl_accel's own" "$mem" -
		check "$1: the log says why" sh -c "dmesg | grep -q 'no mainline Type-2 attach API'"
		expect_eq "$1: the CXL core has no memdev" "$(ls -d "$CXLT_BUS"/mem* 2>/dev/null | wc -l)" 0
		o=$(accel_obj)
		expect_eq "$1: our object ${o##*/} has its pci_device link and no cxl_memdev link" \
			"$(test -L "$o/pci_device" && echo pci)$(test -L "$o/cxl_memdev" && echo memdev)" pci
		accel_check_claim "$hpa" "$SIZE"
		return
	fi
	case $mem in
	mem*) ok "$1: the CXL core has the device as $mem" ;;
	*) notok "$1: the CXL core has the device" "core=$mem"; cxlt_dmesg_tail; return ;;
	esac
	expect_eq "$1: $mem is a child of the device" \
		"$(basename "$(readlink -f "$CXLT_BUS/$mem/..")")" "$ACCEL_BDF"
	diag "$1: $mem in sysfs: $(ls "$CXLT_BUS/$mem/" | tr '\n' ' ')"
	ep=
	for e in "$CXLT_BUS"/endpoint*; do
		[ "$(basename "$(readlink -f "$e/uport")")" = "$mem" ] && ep=$(basename "$e")
	done
	check "$1: $mem has an endpoint port ($ep)" [ -n "$ep" ]
	if ! reg=$(accel_core_region "$hpa"); then
		notok "$1: the core has a region at $hpa" "$(ls "$CXLT_BUS" | tr '\n' ' ')"
		return
	fi
	expect_eq "$1: $reg is our range" \
		"$(cat "$CXLT_BUS/$reg/resource") $(cat "$CXLT_BUS/$reg/size")" \
		"$hpa $(printf '%#x' "$SIZE")"
	expect_eq "$1: $reg is locked and committed" \
		"$(cat "$CXLT_BUS/$reg/locked" 2>&1) $(cat "$CXLT_BUS/$reg/commit")" "1 1"
	expect_eq "$1: $reg's target is $ep's decoder" \
		"$(dirname "$(readlink -f "$CXLT_BUS/$(cat "$CXLT_BUS/$reg/target0")")")" \
		"$(readlink -f "$CXLT_BUS/$ep")"
	expect_eq "$1: no dax region, no dax device" \
		"$(ls "$CXLT_BUS/$reg" | grep -c dax) $(ls /sys/bus/dax/devices 2>/dev/null | wc -l)" "0 0"
	accel_check_claim "$hpa" "$SIZE" "$reg"
	accel_check_core_truth
	check "$1: cxl list runs" sh -c "cxl list -M > /tmp/cxl-m && cxl list -R > /tmp/cxl-r"
	tr -d ' \n' < /tmp/cxl-r > /tmp/cxl-r1
	check "$1: cxl list -R shows $reg, committed, at our range" \
		grep -q "\"region\":\"$reg\",\"resource\":$((hpa)),\"size\":$((SIZE)),.*\"decode_state\":\"commit\"" /tmp/cxl-r1
	# no attributes, so ndctl 76's libcxl skips the memdev (see the top)
	diag "$1: cxl list -M: $(tr -d ' \n' < /tmp/cxl-m)" "$1: cxl list -R: $(cat /tmp/cxl-r1)"
	# the core's objects and cxl_accel's point at each other (src/sysfs.c)
	o=$(accel_obj)
	ro=$(accel_region_obj "$hpa")
	check "$1: our device object ${o##*/} and region object ${ro##*/} are there" \
		test -n "$o" -a -n "$ro"
	expect_eq "$1: $mem's cxl_accel link is our device object" \
		"$(readlink -f "$CXLT_BUS/$mem/cxl_accel")" "$(readlink -f "$o")"
	expect_eq "$1: our device object's cxl_memdev link is $mem" \
		"$(readlink -f "$o/cxl_memdev")" "$(readlink -f "$CXLT_BUS/$mem")"
	expect_eq "$1: our region object links to $mem and $reg" \
		"$(readlink -f "$ro/cxl_memdev") $(readlink -f "$ro/cxl_region")" \
		"$(readlink -f "$CXLT_BUS/$mem") $(readlink -f "$CXLT_BUS/$reg")"
}

# check_core_gone: the core's objects gone once the driver unbound
check_core_gone() {
	[ $mainline = 1 ] || return 0
	expect_eq "$1: no memdev any more" "$(ls -d "$CXLT_BUS"/mem* 2>/dev/null | wc -l)" 0
	if r=$(accel_core_region "$hpa"); then
		notok "$1: no core region at $hpa any more" "$r"
	else
		ok "$1: no core region at $hpa any more"
	fi
	check "$1: the claim is there still" grep -q "cxl_accel $ACCEL_BDF" /proc/iomem
	accel_check_claim "$hpa" "$SIZE"
	n=0
	for l in /sys/class/cxl_accel/*/cxl_memdev /sys/class/cxl_accel/*/*/cxl_memdev \
		 /sys/class/cxl_accel/*/*/cxl_region; do
		[ -L "$l" ] && [ ! -e "$l" ] && n=$((n + 1))
	done
	expect_eq "$1: no link of ours to the core's objects dangles" "$n" 0
}

accel_cmd adopt
expect_eq "adopt" "$(accel_status rc)" 0
expect_eq "the kept range" "$(accel_slot 0 hpa) $(accel_slot 0 dpa)" "$hpa $dpa"
check_handed first
accel_cmd "verify 0 0 4096 0xc0c00001"
expect_eq "first: the data written before is there" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "fill 0 0x200000 4096 0xc0c00002"
oracle_fill r0 0x200000 4096 0xc0c00002
accel_cmd "release 0"
expect_eq "first: release" "$(accel_status rc)" 0
accel_check_decoders "$hpa" "$SIZE" 0
if [ $mainline = 1 ]; then
	check "first: the core keeps its memdev after the release" test -e "$CXLT_BUS/$mem"
	check "first: and its cxl_accel link" test -L "$CXLT_BUS/$mem/cxl_accel"
	accel_cmd adopt
	expect_eq "adopt again in the same binding" "$(accel_status rc)" 0
	check "the log says it is still the core's" sh -c "dmesg | grep -q 'is still the CXL core.s, as $mem'"
	expect_eq "the same memdev" "$(accel_region core)" "$mem"
	accel_cmd "release 0"
fi

accel_reload || exit 0
check_core_gone unbound
accel_cmd adopt
expect_eq "adopt after reloading" "$(accel_status rc)" 0
check_handed second
accel_cmd "verify 0 0x200000 4096 0xc0c00002"
expect_eq "second: the data written before is there" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "fill 0 0x400000 4096 0xc0c00003"
accel_cmd "verify 0 0x400000 4096 0xc0c00003"
expect_eq "second: new data reads back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_fill r0 0x400000 4096 0xc0c00003
# the vendor's driver unbinds with the region held
check "unbind cxl_accel_test with the region held" sh -c "echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_test/unbind"
check_core_gone "unbound again"
check "rmmod cxl_accel_test" rmmod cxl_accel_test
check "rmmod cxl_accel" rmmod cxl_accel
cxlt_kernel_healthy
