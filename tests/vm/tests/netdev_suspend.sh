#!/bin/sh
# The example vendor netdev across system suspend to RAM (S3): its
# dev_pm_ops stop the interface and suspend the region, restore it after
# the wakeup (which resets the device's decoders), and its state notifier
# starts the interface over; it calls cxl_accel_enable_suspend(), so its
# live region does not refuse S3.  Pings flow before and after; the
# path's decoders read back as before (registers, read here) and the
# claim is where it was (/proc/iomem).  That the guest slept and woke
# rests on QEMU's SUSPEND and WAKEUP events and the kernel's suspend
# count.
#
# SeaBIOS's first S3 resume in a guest leaves Q35's MMCONFIG window off
# (region_suspend shows it), which would leave the CXL DVSEC out of reach
# of the restore; so the guest sleeps once before the driver loads, and
# the test sets the window again as firmware did at boot.  Later resumes
# find it set (checked below with lspci).
#@ kernels: 6.12 7.2 6.12-debug
#@ tier: basic debug
#@ topology: direct-hdm
#@ plan: 23
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ qmp: SUSPEND - WAKEUP -
#@ qemu: -global ICH9-LPC.disable_s3=0 -global cxl-rp.hotplug=off
#@ boot: vmlinuz
#@ tools: lspci
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
STATS=/sys/power/suspend_stats/success

BDF=$(pci_by_sn "$ACCEL_SN")
check "lspci reads the accelerator's CXL DVSEC (the control)" \
	sh -c "lspci -vvv -s $BDF | grep -q CXLCtl"
cxlt_pciexbar_save
check "a first S3, before the driver loads" cxlt_s3
check "SeaBIOS's first resume left the window off: no CXL DVSEC for lspci" \
	sh -c "! lspci -vvv -s $BDF | grep -q CXLCtl"
cxlt_pciexbar_restore
check "with the window set again lspci reads the CXL DVSEC" \
	sh -c "lspci -vvv -s $BDF | grep -q CXLCtl"

netdev_start $ND
before=$(hw_decoders "$ACCEL_BDF")
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)
expect_eq "the endpoint's decoder 0 is committed (registers)" \
	"$(echo "$before" | grep -c '^ep 0 ')" 1
check "\"deep\" suspend is offered with the region live" \
	grep -qw deep /sys/power/mem_sleep

slept=$(cat $STATS)
dmesg -c > /dev/null
check "the guest suspended to RAM and woke up" cxlt_s3
expect_eq "the kernel counted one more successful suspend" "$(cat $STATS)" $((slept + 1))
check "lspci reads the CXL DVSEC after the wakeup" \
	sh -c "lspci -vvv -s $ACCEL_BDF | grep -q CXLCtl"
check "the driver says traffic resumes" \
	cxlt_wait_dmesg 'CXL region restored after a reset: traffic resumes' 5
netdev_check_restored $ND "$before" "$claim" "the suspend"
cxlt_netdev_unload
