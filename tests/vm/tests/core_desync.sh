#!/bin/sh
# Check after write (src/core_view.c).  On a port the CXL core tracks,
# cxl_accel writes the core's decoder object after committing the
# decoder, then reads the core's view back through the core's own sysfs
# show methods and compares it with the registers.  Here the test build
# makes that write wrong on request (fault injection, "core_desync": the
# object gets a start one region size too high), as a core whose layout
# changed meaning would.  The check must catch it: the request is refused
# with -EIO, one line gives both views (the test computes both starts from
# the CEDT and /proc/iomem), the object is put back, the decoder is reset
# and nothing is claimed; and the core's view in sysfs, read by this test,
# agrees with the registers again.  The same request without the fault
# succeeds (the control) with the core's view true.  6.12 only: 7.x
# enumerates a host bridge's decoders only once an endpoint attaches, so
# the core tracks none on this topology (see core_layout_untested).
#@ kernels: 6.12
#@ topology: direct-hdm
#@ plan: 22
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

FAULT=/sys/kernel/debug/cxl_accel/fault
SIZE=0x10000000
cxlt_accel_load || exit 0
hw_path_cache "$ACCEL_BDF"
hb=$(accel_core_port_of "$(echo "$HW_HDMS" | sed -n 's/^\(hb:[^ ]*\) .*/\1/p' | head -n 1)")
check "the CXL core tracks the host bridge's decoders (sysfs)" \
	sh -c "[ -n '$hb' ] && [ \$(ls -d '$hb'/decoder[0-9]*.[0-9]* | wc -l) -gt 1 ]"
expect_eq "no decoder committed on the path yet (registers)" "$(hw_decoders "$ACCEL_BDF")" ""
accel_check_core_truth
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
wrong=$(printf '%#x' $((hpa + SIZE)))

echo core_desync > $FAULT
accel_cmd "request $SIZE"
expect_eq "the request whose core write went wrong is refused with -EIO" \
	"$(accel_status rc)" -5
check "the fault fired once" grep -q "fired=1" $FAULT
check "one line gives the core's view ($wrong) and the hardware's ($hpa)" \
	cxlt_wait_dmesg "commit of hop [0-9]+ decoder 0: the CXL core's view \\($(basename "$hb"): start $wrong size $SIZE .*\\) differs from the hardware's \\(start $hpa size $SIZE " 1
check "the core's object is put back" \
	cxlt_wait_dmesg "CXL port $(basename "$hb"): its decoder 0 object is put back as it was" 1
expect_eq "no decoder left committed (registers)" "$(hw_decoders "$ACCEL_BDF")" ""
check "no claim (/proc/iomem)" sh -c "! grep -q 'cxl_accel $ACCEL_BDF' /proc/iomem"
expect_eq "the core's decoder shows no range again (sysfs size)" \
	"$(cat "$hb"/decoder*.0/size)" 0x0
accel_check_core_truth
echo off > $FAULT

accel_cmd "request $SIZE"
expect_eq "without the fault the same request succeeds (the control)" \
	"$(accel_status rc) $(accel_slot 0 hpa)" "0 $hpa"
expect_eq "the host bridge's decoder routes it (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c '^hb')" 1
expect_eq "the core's decoder shows it (sysfs start)" \
	"$(cat "$hb"/decoder*.0/start)" "$hpa"
accel_check_core_truth
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
