#!/bin/sh
# cxl_accel.ko loads with the CXL core present and unloads cleanly.
#@ tier: smoke basic trixie next
#@ topology: direct
#@ plan: 9
#@ modules: cxl_accel
. /lib/cxlt.sh

ko=/lib/modules/$(uname -r)/extra/cxl_accel.ko
check "insmod cxl_accel.ko" insmod "$ko"
check "cxl_accel is live" grep -q '^cxl_accel .* Live ' /proc/modules
expect_eq "sysfs version is the package version" \
	"$(cat /sys/module/cxl_accel/version 2>&1)" "$(modinfo -F version "$ko")"
check "load message names version and kernel" \
	sh -c "dmesg | grep -q 'cxl_accel: version $(modinfo -F version "$ko") for $(uname -r)'"
check "rmmod cxl_accel" rmmod cxl_accel
check "cxl_accel is gone" sh -c '! grep -q "^cxl_accel " /proc/modules && [ ! -e /sys/module/cxl_accel ]'
check "insmod again after rmmod" insmod "$ko"
check "rmmod again" rmmod cxl_accel
