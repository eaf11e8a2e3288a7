#!/bin/sh
# The README's main job, guest side: show the CXL topology the kernel found,
# load cxl_accel.ko, show what it reports, unload it.
#@ topology: direct
#@ modules: cxl_accel
. /lib/cxlt.sh

show() {
	diag "\$ $*"
	sh -c "$*" 2>&1 | while IFS= read -r l; do diag "  $l"; done
}

for m in cxl_acpi cxl_port cxl_pci cxl_mem; do
	modprobe "$m" 2>/dev/null
done
cxlt_wait 1 20 '/sys/bus/cxl/devices/endpoint*'
show "ls /sys/bus/cxl/devices"
show "grep -i -e cxl -e 'window' /proc/iomem"
ko=/lib/modules/$(uname -r)/extra/cxl_accel.ko
check "load cxl_accel.ko" insmod "$ko"
show "grep cxl_accel /proc/modules"
show "dmesg | grep cxl_accel"
check "unload cxl_accel.ko" rmmod cxl_accel
