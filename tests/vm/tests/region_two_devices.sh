#!/bin/sh
# Two accelerators on two host bridges, each with its own window: each gets
# a region in the window of its own host bridge, the data of each lands in
# its own device, and releasing one leaves the other intact.
#@ topology: two-windows
#@ plan: 20
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test,t1=cxl_accel_test
#@ oracle: yes
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
windows=
cxlt_accel_load || exit 0
for sn in 0x1000 0x1001; do
	accel_use $sn || exit 0
	# where it must land, from the CEDT, /proc/iomem and the registers
	hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
	accel_cmd "request $SIZE"
	expect_eq "$sn: request, at the first free 256 MiB of its host bridge's window, DPA 0" \
		"$(accel_status rc) $(accel_slot 0 hpa) $(accel_slot 0 dpa)" "0 $hpa 0x0"
	accel_check_claim "$hpa" "$SIZE"
	accel_check_decoders "$hpa" "$SIZE" 0
	accel_cmd "fill 0 0x4000 1024 $sn"
	oracle_region "r$sn" "$hpa" "$SIZE" 1 256 "$sn@0x0"
	oracle_fill "r$sn" 0x4000 1024 "$sn"
	windows="$windows${windows:+ / }$ACCEL_CLAIM_PARENT"
done
expect_eq "each region is in its own host bridge's window" "$windows" \
	"CXL Window 0 / CXL Window 1"
expect_eq "each device's claim is in its host bridge's window" \
	"$(grep -c 'cxl_accel 0000' /proc/iomem)" 2

accel_use 0x1000
accel_cmd "release 0"
accel_check_clean_self() {
	check "$1: no claim left" sh -c "! grep -q 'cxl_accel $ACCEL_BDF' /proc/iomem"
}
accel_check_clean_self 0x1000
accel_use 0x1001
accel_cmd "verify 0 0x4000 1024 0x1001"
expect_eq "0x1001 untouched by the other's release" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "release 0"
accel_check_clean
