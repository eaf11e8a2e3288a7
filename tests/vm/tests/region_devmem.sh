#!/bin/sh
# What cxl_accel promises about /dev/mem on a default kernel (strict
# iomem checks): the claimed range cannot be read through it, because
# the claim is busy and exclusive, and for no other reason.  The same
# page reads before the request and after the release (controls), and the
# refusal stays once the driver's own write-back mapping is gone, so it
# is not a memory-type conflict with that mapping.  The expected HPA is
# the window's base, read from /proc/iomem: the window is empty.
# region_devmem_relaxed shows the other half of the statement.
#@ topology: direct-hdm
#@ plan: 18
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
w=$(grep -m 1 ' : CXL Window' /proc/iomem | sed 's/^ *\([0-9a-f]*\)-.*/0x\1/')
check "the CXL window is in /proc/iomem" test -n "$w" || exit 0
check "before the request, /dev/mem reads the window's first page (control)" devmem_read "$w"
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc)" 0
expect_eq "the region starts at the empty window's base" "$(($(accel_slot 0 hpa)))" "$((w))"
accel_check_claim "$w" "$SIZE"
o=$(devmem_read "$w")
expect_eq "while claimed and mapped, /dev/mem is refused: EPERM" \
	"$(echo "$o" | grep -c 'Operation not permitted')" 1
accel_cmd "unmap 0"
expect_eq "the driver drops its mapping" "$(accel_status rc) $(accel_slot 0 mapped)" "0 0"
o=$(devmem_read "$w")
expect_eq "claimed and not mapped, /dev/mem is still refused: EPERM" \
	"$(echo "$o" | grep -c 'Operation not permitted')" 1
o=$(devmem_read $((w + SIZE - 4)))
expect_eq "the region's last word is refused too" \
	"$(echo "$o" | grep -c 'Operation not permitted')" 1
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
check "after the release, /dev/mem reads it again (control)" devmem_read "$w"
accel_check_clean
