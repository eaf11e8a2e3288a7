#!/bin/sh
# The switch downstream port above a device with a live region removed
# from the PCI tree (sysfs "remove": QEMU's downstream port slots have no
# power controller, so a device_del below one never completes, and this
# is the removal Linux can do).  The PCI core removes the device first,
# so the test driver's remove releases the region while the device still
# answers; then the port.  Checked: both gone from sysfs, no claim left
# (/proc/iomem), no decoder left committed on the switch's upstream port
# or the host bridge (their registers, read here; the positive control
# is the same read before the removal), cxl_accel counts nothing.  A
# rescan brings port and device back, and the device gets a fresh region.
#@ tier: basic smoke debug
#@ topology: switch-single-hdm
#@ plan: 24
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
SIZE=0x10000000
size=$(printf '%#x' $SIZE)
DSP=$(basename "$(dirname "$(readlink -f "/sys/bus/pci/devices/$ACCEL_BDF")")")

hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request a 256 MiB region" "$(accel_status rc)" 0
expect_eq "its HPA is the first free 256 MiB of the device's window" "$(accel_slot 0 hpa)" "$hpa"
accel_check_claim "$hpa" "$SIZE"
hw_path_cache "$ACCEL_BDF"
HW_HDMS=$(echo "$HW_HDMS" | grep -v '^ep ')
expect_eq "the switch's and the host bridge's decoders route the region (registers)" \
	"$(hw_decoders | grep -c " [0-9]* base=$hpa size=$size\$")" 2
expect_eq "the device sits below downstream port $DSP" "$(pcie_type "$DSP")" 6

check "remove the downstream port" sh -c "echo 1 > /sys/bus/pci/devices/$DSP/remove"
check "the device and the port are gone" \
	sh -c "[ ! -e /sys/bus/pci/devices/$ACCEL_BDF ] && [ ! -e /sys/bus/pci/devices/$DSP ]"
accel_check_gone "$hpa" "on the switch or the host bridge (registers)"

# The rescan brings them back: a fresh region.
check "rescan" sh -c "echo 1 > /sys/bus/pci/rescan"
accel_rebind 0x1000 10 "the device is back"
accel_cmd "request $SIZE"
expect_eq "a region after the rescan" "$(accel_status rc)" 0
expect_eq "the endpoint's decoder 0 decodes it (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c "^ep 0 base=$(accel_slot 0 hpa) size=$size\$")" 1
accel_cmd "release 0"
expect_eq "release it" "$(accel_status rc)" 0
accel_check_clean
