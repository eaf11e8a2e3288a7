#!/bin/sh
# The CXL core's region that has host address space but is not committed
# (nor busy: the core's region resources never are) is avoided (issue 12,
# item 10).  The core allocates from the bottom of the window, so its
# region takes the window's base; before the fix cxl_accel's free-space
# search saw only busy ranges and put its claim at the same base, nested
# inside the core's region.  Expected here, computed by the test from
# sysfs and /proc/iomem: the claim starts right after the core's region
# and is a direct child of the CXL window.
#@ topology: direct-hdm
#@ plan: 18
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
root=$CXLT_BUS/decoder0.0
check "the root decoder is there" test -d "$root" || exit 0
mode=ram
[ -e "$root/create_ram_region" ] || mode=pmem
r=$(cat "$root/create_${mode}_region")
check "the core creates $mode region $r" sh -c "echo $r > $root/create_${mode}_region" || exit 0
[ $mode = pmem ] && echo "$(cat /proc/sys/kernel/random/uuid)" > "$CXLT_BUS/$r/uuid"
cat "$root/interleave_granularity" > "$CXLT_BUS/$r/interleave_granularity"
echo 1 > "$CXLT_BUS/$r/interleave_ways"
check "the core gives $r host address space" sh -c "echo $SIZE > $CXLT_BUS/$r/size"
core=$(($(cat "$CXLT_BUS/$r/resource")))
w=$(grep -m 1 ' : CXL Window' /proc/iomem | sed 's/^ *\([0-9a-f]*\)-.*/0x\1/')
expect_eq "the core's region starts at the window's base" "$core" "$((w))"
check "/proc/iomem shows $r there, inside the window" \
	grep -q "^ *$(printf '%x' "$core")-$(printf '%x' $((core + SIZE - 1))) : $r\$" /proc/iomem
expect_eq "$r is not committed" "$(cat "$CXLT_BUS/$r/commit")" 0

accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc)" 0
hpa=$(($(accel_slot 0 hpa)))
expect_eq "the region starts right after the core's" "$hpa" $((core + SIZE))
accel_check_claim "$hpa" "$SIZE"
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
check "the core's region goes" sh -c "echo $r > $root/delete_region"
