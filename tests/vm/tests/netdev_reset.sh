#!/bin/sh
# The example vendor netdev across a reset of its function (sysfs
# "reset": a secondary bus reset in QEMU, which resets the device's HDM
# decoders): its reset handlers stop the interface and call
# cxl_accel_reset_prepare(), then cxl_accel_reset_done() and start the
# interface again on fresh rings.  Pings flow before and after; the
# region's decoders read back as before the reset (registers, read here)
# and its claim is where it was (/proc/iomem).  Then a reset that the
# region does not survive: the path's decoder is taken by someone else
# while the device is reset (this test writes it, as a firmware or
# another OS component would), so cxl_accel_reset_done() loses the
# region and the driver detaches the interface, HDM decoding stays off
# (registers) and unbinding releases everything.
#@ tier: basic
#@ topology: direct-hdm
#@ plan: 25
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ append: iomem=relaxed
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
SYS=/sys/class/net/$ND

netdev_start $ND
RESET=/sys/bus/pci/devices/$ACCEL_BDF/reset
before=$(hw_decoders "$ACCEL_BDF")
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)
check "the region's decoders are committed (registers)" [ -n "$before" ]

check "reset the function" sh -c "echo 1 > $RESET"
check "the driver says traffic resumes" \
	sh -c "dmesg | grep -q 'CXL region restored after a reset: traffic resumes'"
netdev_check_restored $ND "$before" "$claim" "the reset"
check "a second reset, pings right after" \
	sh -c "echo 1 > $RESET && ping -c 2 -W 5 -I 10.0.0.1 10.0.0.2"

# A reset the region does not survive: the host bridge's decoder 0, the
# region's, holds another range when cxl_accel looks after the reset
# (QEMU's root port reset leaves the host bridge's decoders alone, so
# the change is this test's own write, made while the device is down).
hb=$(hw_hops | awk '$1 ~ /^hb:/ { print; exit }')
check "the path has a host bridge decoder (registers)" [ -n "$hb" ]
hb_hdm=$(echo "$hb" | cut -d' ' -f2)
hw_path_cache "$ACCEL_BDF"
ep_hdm=$(echo "$HW_HDMS" | awk '$1 == "ep" { print $2; exit }')
expect_eq "HDM Decoder Enable is set with the region live (registers: the control)" \
	$(($(hw_u32 $((ep_hdm + 4))) >> 1 & 1)) 1
dmesg -c > /dev/null
accel_clear_decoder "$hb_hdm" 0
accel_prog_decoder "$hb_hdm" 0 0x1f0000000 0x10000000 "$(echo "$hb" | cut -d' ' -f3)" $ACCEL_CTRL_COMMIT
check "reset the function" sh -c "echo 1 > $RESET"
check "cxl_accel says why the region is lost" \
	sh -c "dmesg | grep -q 'lost in the reset: .* decoder 0 holds \\[0x1f0000000-'"
i=0
while ! dmesg | grep -q "CXL region lost: $ND stops" && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "the driver was told: region lost" \
	sh -c "dmesg | grep -q '$ACCEL_BDF: CXL region lost: $ND stops'"
expect_eq "no carrier" "$(cat $SYS/carrier 2>/dev/null || echo 0)" 0
expect_eq "the endpoint's decoder was reset (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c '^ep ')" 0
expect_eq "HDM decoding is left off: no region came through (registers)" \
	$(($(hw_u32 $((ep_hdm + 4))) >> 1 & 1)) 0
accel_clear_decoder "$hb_hdm" 0
cxlt_netdev_unload
