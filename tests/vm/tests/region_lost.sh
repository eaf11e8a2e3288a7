#!/bin/sh
# The vendor driver is told when its region is lost for a reason it did
# not ask for: here cxl_acpi, the CXL root, goes away.  The driver's
# notifier runs (it unmaps), mapping again is refused, and the region is
# released cleanly afterwards.
#@ tier: smoke debug rt
#@ topology: direct-hdm
#@ plan: 13
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
accel_cmd "request 0x10000000"
expect_eq "request" "$(accel_status rc)" 0
expect_eq "mapped, nothing lost yet" "$(accel_slot 0 mapped) $(accel_status lost)" "1 0"
cxlt_unbind_cxl_root
accel_wait_lost
expect_eq "the driver's notifier ran once" "$(accel_status lost)" 1
expect_eq "it unmapped the region" "$(accel_slot 0 mapped)" 0
check "cxl_accel said why" sh -c "dmesg | grep -q 'lost: its CXL path is going away'"
accel_cmd "release 0"
expect_eq "release after the loss" "$(accel_status rc)" 0
accel_check_clean
