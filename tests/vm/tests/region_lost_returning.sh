#!/bin/sh
# A port removed after a new region let go of its locks and before the
# driver has it still reaches the driver: the region is listed for the
# bus notifiers before the CXL core's port locks go, so the removal
# revokes it, and the driver's first use of it, the mapping, is refused
# (issue 12, item 11).  cxl_accel's test build holds that window open
# ("pause returned") and the CXL root goes away inside it.
#@ topology: direct-hdm
#@ plan: 13
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /lib/cxlt_fault.sh

cxlt_accel_load || exit 0
SIZE=0x10000000
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
fault_unbind_in_pause returned "request $SIZE" "request, before it returns the region,"
# cxl_accel_test maps the region it is given at once, before it sets a
# notifier: the mapping is where it learns the region is gone
expect_eq "the driver's mapping of the region it got is refused (-ENXIO)" \
	"$(accel_status rc)" -6
check "one line says why: [$hpa] was revoked" sh -c \
	"dmesg | grep -q 'cannot map region \[$hpa-.*\]: it was revoked'"
check "one line says the region is lost" sh -c \
	"dmesg | grep -q 'region \[$hpa-.*\] lost: its CXL path is going away'"
accel_check_clean
