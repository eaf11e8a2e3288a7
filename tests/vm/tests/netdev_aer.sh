#!/bin/sh
# The example vendor netdev across the PCI core's recovery from a fatal
# AER error, which QEMU injects at the device (HMP pcie_aer_inject_error,
# through the host's QMP relay): the root port's AER service resets the
# link below it (which resets the device's HDM decoders); the driver's
# error_detected() stops the interface and calls
# cxl_accel_reset_prepare(), its slot_reset() restores config space and
# calls cxl_accel_slot_reset(), and its state notifier starts the
# interface again on fresh rings when cxl_accel's work item says the
# region was restored.  Pings flow before and after; the region's decoders
# read back as before (registers, read here) and its claim is where it
# was (/proc/iomem); that the error was fatal and the link reset rests on
# the root port's AER counter and the kernel's log.
#@ tier: basic debug
#@ topology: direct-hdm
#@ plan: 18
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ qmp:
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
SYS=/sys/class/net/$ND

netdev_start $ND
RP=$(basename "$(dirname "$(readlink -f "/sys/bus/pci/devices/$ACCEL_BDF")")")
FATAL=/sys/bus/pci/devices/$RP/aer_rootport_total_err_fatal
hw_path_cache "$ACCEL_BDF"
before=$(hw_decoders "$ACCEL_BDF")
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)
check "the region's decoders are committed (registers)" [ -n "$before" ]
expect_eq "the root port $RP has AER and has counted no fatal error" "$(cat "$FATAL" 2>&1)" 0

cxlt_hmp "pcie_aer_inject_error t0 DLP"
check "the driver says traffic resumes after the recovery" \
	cxlt_wait_dmesg 'CXL region restored after a reset: traffic resumes' 30
expect_eq "the root port counted one fatal error" "$(cat "$FATAL")" 1
check "the PCI core reset the link below the root port" cxlt_wait_dmesg 'link has been reset' 1
netdev_check_restored $ND "$before" "$claim" "the recovery"
cxlt_netdev_unload
