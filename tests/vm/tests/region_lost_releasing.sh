#!/bin/sh
# A port removed while a region's last reference is being dropped revokes
# the live regions and leaves the dying one alone: nobody holds it any
# more, so there is nobody to tell, and taking a reference on a count
# that reached zero would bring freed memory back (issue 12, item 2).
# cxl_accel's test build holds that window open ("pause released"), the
# CXL root goes away inside it, and the region that is still held is the
# control: the same removal must revoke it.
#@ topology: switch-single-hdm
#@ plan: 17
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /lib/cxlt_fault.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
accel_cmd "request $SIZE"
accel_cmd "request $SIZE"
expect_eq "two regions" "$(accel_status rc) $(accel_slot 0 size) $(accel_slot 1 size)" \
	"0 $SIZE $SIZE"
hpa0=$(accel_slot 0 hpa)
hpa1=$(accel_slot 1 hpa)
lost="lost: its CXL path is going away"

fault_unbind_in_pause released "release 1" "release, its last reference gone,"
expect_eq "the release then finishes" "$([ -e /tmp/fault.cmd.done ] && accel_status rc)" 0

# the held region is the control: the removal did revoke regions
accel_wait_lost
expect_eq "the held region's driver was told, once" "$(accel_status lost)" 1
check "a log line says the held region [$hpa0] is lost" sh -c \
	"dmesg | grep -q 'region \[$hpa0-.*\] $lost'"
expect_eq "none says so of the released one [$hpa1]" \
	"$(dmesg | grep -c "region \[$hpa1-.*\] $lost")" 0
if grep -q "^ *$(printf '%x' $((hpa1)))-" /proc/iomem; then
	notok "the released region's claim is gone" "$(grep cxl_accel /proc/iomem)"
else
	ok "the released region's claim is gone"
fi

accel_cmd "release 0"
expect_eq "release the held region after its loss" "$(accel_status rc)" 0
accel_check_clean
