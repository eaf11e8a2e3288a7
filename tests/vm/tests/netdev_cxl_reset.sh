#!/bin/sh
# The example vendor netdev recovering its device with a CXL Reset
# (debugfs cxl_reset: the interface stops, cxl_accel_cxl_reset(), the
# state notifier starts the interface over on fresh rings).  QEMU's
# cxl-type3 does not offer CXL Reset: the reset is refused and the
# interface passes traffic again at once.  Then the reset is emulated
# below cxl_accel's spec layer (fault injection, "cxl_reset"): while the
# restore is held the endpoint's decoder reads reset (registers, read
# here); after it pings flow, the path's decoders read back as before and
# the claim is where it was (/proc/iomem).
#@ kernels: 6.12 7.2
#@ tier: basic
#@ topology: direct-hdm
#@ plan: 22
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
SYS=/sys/class/net/$ND
FAULT=/sys/kernel/debug/cxl_accel/fault

netdev_start $ND
CXLRESET=/sys/kernel/debug/cxl_accel_netdev/$ACCEL_BDF/cxl_reset
hw_path_cache "$ACCEL_BDF"
before=$(hw_decoders "$ACCEL_BDF")
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)
expect_eq "the endpoint's decoder 0 is committed (registers)" \
	"$(echo "$before" | grep -c '^ep 0 ')" 1

check "a CXL Reset of QEMU's device is refused" sh -c "! echo 1 > $CXLRESET"
check "cxl_accel says why" cxlt_wait_dmesg 'CXL Reset: the device does not offer it' 1
check "pings right after the refusal" ping -c 2 -W 5 -I 10.0.0.1 10.0.0.2

# The emulated CXL Reset, held 3 s after it completed.
echo "cxl_reset 1 3000" > $FAULT
dmesg -c > /dev/null
sh -c "echo 1 > $CXLRESET" &
pid=$!
check "the emulated reset completed and the restore is held back" \
	cxlt_wait_dmesg 'holding the restore after the emulated CXL Reset' 10
expect_eq "the endpoint's decoder 0 reads reset (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c '^ep 0 ')" 0
expect_eq "the interface is detached meanwhile: no carrier" \
	"$(cat $SYS/carrier 2>/dev/null || echo 0)" 0
wait $pid
expect_eq "the CXL Reset write succeeded" $? 0
check "the driver says traffic resumes" \
	cxlt_wait_dmesg 'CXL region restored after a reset: traffic resumes' 5
netdev_check_restored $ND "$before" "$claim" "the CXL Reset"
echo off > $FAULT
cxlt_netdev_unload
