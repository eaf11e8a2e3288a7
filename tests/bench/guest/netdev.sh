#!/bin/sh
# make bench, section 4: the example netdev's loopback packet rate with
# its rings and buffers in the region, against the same driver with them
# in ordinary kernel memory (its rings_in_ram parameter), in the same
# guest.  The kernel's pktgen sends @COUNT@ frames of 64 and of 1500
# bytes through cxlaccel0, @REPEATS@ rounds each after a warm-up; every
# frame comes back through the driver's RX ring (its counters say so).
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ plan: 14
#@ timeout: 1800
. /lib/cxlt.sh
. /lib/cxlt_bench.sh

REPEATS=@REPEATS@
COUNT=@COUNT@
ND=cxlaccel0
PG=/proc/net/pktgen
STATS=/sys/class/net/$ND/statistics

for m in cxl_acpi cxl_port; do
	modprobe "$m" 2>/dev/null
done
check "insmod cxl_accel" insmod "$MODDIR/cxl_accel.ko" || exit 0
check "modprobe pktgen" modprobe pktgen || exit 0
for rings in region ram; do
	param=
	[ $rings = ram ] && param=rings_in_ram=1
	check "insmod cxl_accel_netdev $param (rings and buffers in $rings)" \
		insmod "$MODDIR/cxl_accel_netdev.ko" tx_ring_size=256 rx_ring_size=256 $param || exit 0
	# no frames of the kernel's own (IPv6 neighbour discovery) in the counts
	echo 1 > "/proc/sys/net/ipv6/conf/$ND/disable_ipv6" 2> /dev/null
	check "$ND up" ip link set "$ND" up || exit 0
	runs=0 back=0 crc0=$(cat "$STATS/rx_crc_errors")
	for size in 64 1500; do
		# round 0: a warm-up, not reported (see setup.sh)
		i=0
		while [ $i -le "$REPEATS" ]; do
			echo rem_device_all > "$PG/kpktgend_0"
			echo "add_device $ND" > "$PG/kpktgend_0"
			echo "count $COUNT" > "$PG/$ND"
			echo "pkt_size $size" > "$PG/$ND"
			echo "delay 0" > "$PG/$ND"
			rx0=$(cat "$STATS/rx_packets")
			echo start > "$PG/pgctrl" || break
			rx1=$(cat "$STATS/rx_packets")
			res=$(grep -m 1 'Result: OK' "$PG/$ND")
			pps=$(sed -n 's/^ *\([0-9]*\)pps.*/\1/p' "$PG/$ND" | head -n 1)
			usec=$(echo "$res" | sed -n 's/.*OK: \([0-9]*\)(.*/\1/p')
			[ -n "$pps" ] && [ -n "$usec" ] || { diag "pktgen said: $(cat "$PG/$ND")"; break; }
			diag "bench netdev kernel=$(uname -r) rings=$rings frame=$size round=$i count=$COUNT usec=$usec pps=$pps rx=$((rx1 - rx0))"
			[ $((rx1 - rx0)) -eq "$COUNT" ] && back=$((back + 1))
			runs=$((runs + 1))
			i=$((i + 1))
		done
	done
	echo rem_device_all > "$PG/kpktgend_0"
	expect_eq "$rings: $((2 * REPEATS)) pktgen runs of $COUNT frames (and two warm-ups)" "$runs" $((2 * REPEATS + 2))
	expect_eq "$rings: every frame of every run came back, no CRC error" \
		"$back $(cat "$STATS/rx_crc_errors")" "$((2 * REPEATS + 2)) $crc0"
	check "rmmod cxl_accel_netdev" rmmod cxl_accel_netdev
done
check "rmmod cxl_accel" rmmod cxl_accel
