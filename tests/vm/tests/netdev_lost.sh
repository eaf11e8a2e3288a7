#!/bin/sh
# The example vendor netdev loses its region while pings flow: cxl_acpi,
# the CXL root, goes away.  cxl_accel's notification makes the driver stop
# the interface (carrier off, detached) and unmap the region; it cannot be
# brought up again, and unbinding afterwards releases everything.
#@ topology: direct-hdm
#@ plan: 17
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
SYS=/sys/class/net/$ND

netdev_start $ND
DBG=/sys/kernel/debug/cxl_accel_netdev/$ACCEL_BDF

ping -q -i 0.05 -c 400 -I 10.0.0.1 10.0.0.2 > /dev/null 2>&1 &
pinger=$!
sleep 1
rx=$(cat $SYS/statistics/rx_packets)
cxlt_unbind_cxl_root "while pings flow"
i=0
while [ -e "$DBG" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "the driver was told: region lost" \
	sh -c "dmesg | grep -q '$ACCEL_BDF: CXL region lost: $ND stops'"
kill $pinger 2>/dev/null
wait $pinger 2>/dev/null
check "frames had come back before the loss" [ "$rx" -gt 2 ]
expect_eq "still up, but no carrier" "$(($(cat $SYS/flags) & 1)) $(cat $SYS/carrier)" "1 0"
expect_eq "the region is unmapped, still held" \
	"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=1 dpas=1 maps=0 parked=0"
check "its debugfs directory is gone" sh -c "[ ! -e $DBG ]"
check "ip link set down" ip link set $ND down
check "ip link set up is refused" sh -c "! ip link set $ND up 2>/dev/null"

cxlt_netdev_unload
check "$ND is gone" sh -c "[ ! -e $SYS ]"
