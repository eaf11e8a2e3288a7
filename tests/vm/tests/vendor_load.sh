#!/bin/sh
# A vendor module built against cxl_accel loads through kmod's modprobe,
# which pulls in cxl_accel first from the dependency in its modinfo.
#@ tier: smoke basic
#@ topology: direct
#@ plan: 10
#@ modules: cxl_accel cxl_vendor_example
#@ tools: kmod
. /lib/cxlt.sh

# kmod's modprobe, not busybox's: the one distributions run.
ln -s /usr/bin/kmod /tmp/modprobe
ln -s /usr/bin/kmod /tmp/modinfo
expect_eq "vendor module depends on cxl_accel" \
	"$(/tmp/modinfo -F depends cxl_vendor_example)" cxl_accel
expect_eq "vendor module imports CXL_ACCEL" \
	"$(/tmp/modinfo -F import_ns cxl_vendor_example)" CXL_ACCEL
check "modprobe cxl_vendor_example" /tmp/modprobe cxl_vendor_example
check "cxl_accel was loaded as its dependency" grep -q '^cxl_accel ' /proc/modules
check "cxl_accel is used by the vendor module" \
	sh -c "grep '^cxl_accel ' /proc/modules | grep -q cxl_vendor_example"
check "vendor module saw the API version" \
	sh -c "dmesg | grep -q 'cxl_vendor_example: cxl_accel API version [1-9]'"
check "rmmod cxl_accel is refused while the vendor module uses it" \
	sh -c '! rmmod cxl_accel 2>/dev/null'
check "modprobe -r removes both" /tmp/modprobe -r cxl_vendor_example cxl_accel
check "both are gone" sh -c '! grep -q -e "^cxl_accel " -e "^cxl_vendor_example " /proc/modules'
