#!/bin/sh
# cxl_accel's trace events (src/cxl_accel_trace.h), captured with tracefs
# through a region's life and a lost region.  What each event must say is
# computed here from what cxl_accel does not control: the HPA from the
# CEDT and /proc/iomem, each component's decoder from its registers while
# the region lives, the refusal's text from the kernel log; the region's
# name is its sysfs object's.  Each expected event is looked for by its
# whole line, so a wrong field fails it; the events' presence in tracefs
# is the control for every check that looks for one.
#@ tier: basic
#@ topology: switch-single
#@ plan: 22
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

T=/sys/kernel/tracing
SIZE=0x10000000
cxlt_accel_load || exit 0
hw_path_cache "$ACCEL_BDF"
[ -d $T/events ] || mount -t tracefs nodev $T
expect_eq "tracefs lists cxl_accel's five events" \
	"$(ls $T/events/cxl_accel 2>/dev/null | grep -c '^cxl_accel_')" 5
echo 1 > $T/events/cxl_accel/enable
echo > $T/trace
# has_event NAME FIELDS: the trace has a NAME event whose fields are FIELDS
has_event() {
	grep -qF ": $1: $2" $T/trace
}

accel_cmd "request 0x1000"
expect_eq "a 4 KiB request is refused" "$(accel_status rc)" -22
logged=$(dmesg | sed -n "s/.* $ACCEL_BDF: cxl_accel: //p" | tail -n 1)
check "cxl_accel_error carries the log line" \
	has_event cxl_accel_error "dev=$ACCEL_BDF msg=\"$logged\""

hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc) $(accel_slot 0 hpa)" "0 $hpa"
name=$(basename "$(ls -d /sys/class/cxl_accel/cxl_accel*.* | head -n 1)")
check "cxl_accel_region_request names the region, its range and how" \
	has_event cxl_accel_region_request "dev=$ACCEL_BDF region=$name hpa=$hpa size=$SIZE how=programmed rc=0"
# the decoder of each component with HDM decoders, from its registers
decs=$(hw_decoders "$ACCEL_BDF" | awk -v b="base=$hpa" '$3 == b { print $1, $2 }')
expect_eq "every component with HDM decoders has one for it (registers)" \
	"$(echo "$decs" | grep -c .)" "$(echo "$HW_HDMS" | grep -c .)"
component() {
	case $1 in
	ep) echo endpoint ;;
	usp:*) echo "${1#usp:}" ;;
	hb:*) echo host-bridge ;;
	esac
}
echo "$decs" | while read -r who n; do
	check "cxl_accel_decoder_commit of $(component "$who")'s decoder $n" \
		has_event cxl_accel_decoder_commit "dev=$ACCEL_BDF region=$name component=$(component "$who") decoder=$n hpa=$hpa size=$SIZE rc=0"
done

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
echo "$decs" | while read -r who n; do
	check "cxl_accel_decoder_reset of $(component "$who")'s decoder $n" \
		has_event cxl_accel_decoder_reset "dev=$ACCEL_BDF region=$name component=$(component "$who") decoder=$n hpa=$hpa size=$SIZE rc=0"
done
check "cxl_accel_region_state: released" \
	has_event cxl_accel_region_state "dev=$ACCEL_BDF region=$name hpa=$hpa size=$SIZE state=released"
accel_check_clean

# a region the hardware takes: cxl_acpi, the CXL root, goes away
accel_cmd "request $SIZE"
expect_eq "request again" "$(accel_status rc)" 0
name=$(basename "$(ls -d /sys/class/cxl_accel/cxl_accel*.* | head -n 1)")
hpa=$(accel_slot 0 hpa)
cxlt_unbind_cxl_root
accel_wait_lost
check "cxl_accel_region_state: lost" \
	has_event cxl_accel_region_state "dev=$ACCEL_BDF region=$name hpa=$hpa size=$SIZE state=lost"
accel_cmd "release 0"
expect_eq "release after the loss" "$(accel_status rc)" 0
echo 0 > $T/events/cxl_accel/enable
