#!/bin/sh
# API 4's own answers (include/cxl_accel.h), through the test consumer's
# "api4" command: a mode that is not CXL_ACCEL_MODE_RAM, a mapping flag
# forced into a region call and a region flag into a map call (sparse
# refuses both at build time, tests/build checks that; this is the
# run-time answer), devm_cxl_accel_region_map() without a device, a
# two-step request with no alignment argument, and a devm mapping that
# keeps its region after the driver's own put.  Each refusal is one line
# in the log.  The region's placement and its release at the unbind are
# checked from /proc/iomem and the decoder registers, not the module.
#@ tier: smoke
#@ topology: direct-hdm
#@ plan: 32
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

API4_CHECKS=13
# log_count PATTERN: kernel log lines matching PATTERN (grep -E)
log_count() {
	dmesg | grep -c -E "$1"
}

cxlt_accel_load || exit 0
modes=$(log_count "cxl_accel: [a-z_]*\(\): mode [0-9]+: only CXL_ACCEL_MODE_RAM")
rflags=$(log_count "cxl_accel: [a-z_]*\(\): unknown region flags")
mflags=$(log_count "cxl_accel: cxl_accel_region_map\(\): unknown mapping flags 0x4")
nulldev=$(log_count "devm_cxl_accel_region_map\(\) called with a NULL device")
accel_cmd api4
expect_eq "the api4 command ran" "$(accel_status rc)" 0
n=0
while read -r _c _r _d; do
	n=$((n + 1))
	if [ "$_r" = ok ]; then
		ok "$_c: $_d"
	else
		notok "$_c" "$_d"
	fi
done < "/sys/kernel/debug/cxl_accel_test/$ACCEL_BDF/api4"
expect_eq "the command reported all its checks" "$n" "$API4_CHECKS"
expect_eq "one log line for each mode refused (3)" \
	$(($(log_count "cxl_accel: [a-z_]*\(\): mode [0-9]+: only CXL_ACCEL_MODE_RAM") - modes)) 3
expect_eq "one log line for each region flag refused (2)" \
	$(($(log_count "cxl_accel: [a-z_]*\(\): unknown region flags") - rflags)) 2
expect_eq "one log line for the region flag given to map (KEEP, 0x4)" \
	$(($(log_count "cxl_accel: cxl_accel_region_map\(\): unknown mapping flags 0x4") - mflags)) 1
expect_eq "one log line for the NULL device" \
	$(($(log_count "devm_cxl_accel_region_map\(\) called with a NULL device") - nulldev)) 1

# The region the devm mapping keeps, seen from outside cxl_accel: one
# claim of 256 MiB on a 256 MiB boundary, and the endpoint decoder
# committed over the same range.
claim=$(sed -n "s/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : cxl_accel $ACCEL_BDF\$/\1 \2/p" /proc/iomem)
expect_eq "one claim in /proc/iomem after the driver's put" "$(echo "$claim" | grep -c .)" 1
start=$((0x${claim% *}))
size=$((0x${claim#* } - start + 1))
expect_eq "256 MiB, on a 256 MiB boundary" "$size $((start % 0x10000000))" "268435456 0"
expect_eq "the endpoint decoder decodes it (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | sed -n 's/^ep [0-9]* //p')" \
	"$(printf 'base=%#x size=%#x' "$start" "$size")"
expect_eq "cxl_accel holds one region, mapped once" \
	"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=1 dpas=1 maps=1 parked=0"

check "unbind the driver" sh -c "echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_test/unbind"
accel_check_clean
check "rmmod cxl_accel_test" rmmod cxl_accel_test
check "rmmod cxl_accel: no reference left" rmmod cxl_accel
