#!/bin/sh
# 100 bind/up/unbind cycles of the example vendor netdev: afterwards no
# claim, no region, reservation or mapping, no more kmalloc objects in use
# than before (a leak of one object per cycle would show), and none live
# that was allocated on a path through our modules (SLUB's allocation
# traces, slub_debug=U), nor a vmalloc/ioremap area.  Then 10 more
# with IPv6 traffic in flight at unbind, and one last bind that gets the
# same HPA with one decoder per hop.
#@ topology: direct direct-hdm
# the cycles are the same code on every topology: one each on 6.1 and 6.12
#@ topology 6.1: direct-hdm
#@ topology 6.12: direct
#@ plan: 23
#@ plan: * direct-hdm 25
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ timeout: 240
#@ append: slab_nomerge slub_debug=U
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

CYCLES=${CYCLES:-100}
ND=cxlaccel0
DRV=/sys/bus/pci/drivers/cxl_accel_netdev
SIZE=0x10000000

cxlt_netdev_load
ACCEL_STATE=/sys/kernel/debug/cxl_accel/$ACCEL_BDF/state
HPA0=$(netdev_layout hpa)
if [ -z "$HPA0" ]; then
	notok "cxl_accel_netdev bound at load" "$(dmesg | tail -n 5)"
	exit 0
fi
diag "first region at $HPA0"
# control for the leak check below: a live region is seen in the traces
check "SLUB's allocation traces show the live region" \
	sh -c "cat /sys/kernel/debug/slab/kmalloc-*/alloc_traces | grep -q 'cxl_accel_region_create.*\[cxl_accel\]'"

# cycle: bind, up, unbind; prints what went wrong, if anything.
cycle() {
	echo "$ACCEL_BDF" > $DRV/bind || { echo "bind failed"; return; }
	ip link set $ND up || echo "up failed"
	echo "$ACCEL_BDF" > $DRV/unbind || echo "unbind failed"
}

# Measured cycles send nothing (IPv6 would, with timers whose objects come
# and go at their own pace); a few cycles first, so that caches the first
# ones fill are warm.
echo "$ACCEL_BDF" > $DRV/unbind
echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
for i in 1 2 3; do
	cycle
done
before=$(kmalloc_objects /tmp/slab.before)
t0=$(cut -d' ' -f1 /proc/uptime)
bad=
i=0
while [ $i -lt "$CYCLES" ]; do
	e=$(cycle 2>&1)
	[ -z "$e" ] || bad="$bad cycle $i: $e;"
	i=$((i + 1))
done
t1=$(cut -d' ' -f1 /proc/uptime)
after=$(kmalloc_objects /tmp/slab.after)
if [ -z "$bad" ]; then
	ok "$CYCLES cycles of bind, up, unbind"
else
	notok "$CYCLES cycles of bind, up, unbind" "$bad"
fi
diag "$CYCLES cycles in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
expect_eq "no region, reservation or mapping left" \
	"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
if grep -q "cxl_accel $ACCEL_BDF" /proc/iomem; then
	notok "no claim left in /proc/iomem" "$(grep cxl_accel /proc/iomem)"
else
	ok "no claim left in /proc/iomem"
fi
# A leak of one object per cycle would be $CYCLES more in one cache.
diag "kmalloc objects in use: $before before, $after after; by cache:" \
	"$(awk 'NR == FNR { a[$1] = $2; next } $2 != a[$1] { printf "%s %+d ", $1, $2 - a[$1] }' \
		/tmp/slab.before /tmp/slab.after)"
worst=$(awk 'NR == FNR { a[$1] = $2; next } $2 - a[$1] > w { w = $2 - a[$1]; c = $1 }
	END { print w + 0, c }' /tmp/slab.before /tmp/slab.after)
check "no kmalloc cache has $((CYCLES / 2)) objects more (most: ${worst% *})" \
	[ "${worst%% *}" -lt $((CYCLES / 2)) ]
check "kmalloc caches: fewer than $((CYCLES / 2)) objects more in all" \
	[ $((after - before)) -lt $((CYCLES / 2)) ]
# Live kmalloc objects whose allocation went through our modules, other
# than what cxl_accel allocates for its lifetime when it loads.
live=$(slub_live_ours '\\[cxl_accel(_netdev)?\\]')
if [ -z "$live" ]; then
	ok "no kmalloc object allocated through our modules is still live"
else
	notok "no kmalloc object allocated through our modules is still live" "$live"
fi
expect_eq "no vmalloc or ioremap area of ours left" \
	"$(grep -c -E '\[cxl_accel(_netdev)?\]' /proc/vmallocinfo)" 0
check "no 'still mapped' or 'parked' from cxl_accel" \
	sh -c "! dmesg | grep -E 'still mapped|parked'"

# Teardown with traffic in flight: IPv6 sends its first frames (MLD,
# DAD, router solicitation) through the region, at times of its own,
# while cxlaccel0 is unbound after 0 to 400 ms.
echo 0 > /proc/sys/net/ipv6/conf/default/disable_ipv6
frames=0
bad=
i=0
while [ $i -lt 10 ]; do
	echo "$ACCEL_BDF" > $DRV/bind || bad="$bad bind $i failed;"
	ip link set $ND up
	sleep 0.$((i % 5 * 2))
	frames=$((frames + $(cat /sys/class/net/$ND/statistics/tx_packets)))
	echo "$ACCEL_BDF" > $DRV/unbind || bad="$bad unbind $i failed;"
	i=$((i + 1))
done
if [ -z "$bad" ] && [ $frames -gt 0 ]; then
	ok "10 cycles with IPv6 traffic in flight ($frames frames)"
else
	notok "10 cycles with IPv6 traffic in flight ($frames frames)" "$bad"
fi
expect_eq "nothing left after them" "$(cat /sys/kernel/debug/cxl_accel/stats)" \
	"regions=0 dpas=0 maps=0 parked=0"

# One more bind: the same HPA again, one decoder per hop committed.
check "bind once more" sh -c "echo $ACCEL_BDF > $DRV/bind"
expect_eq "the region is at the same HPA" "$(netdev_layout hpa)" "$HPA0"
expect_eq "one claim in /proc/iomem" "$(grep -c "cxl_accel $ACCEL_BDF" /proc/iomem)" 1
accel_check_decoders "$HPA0" "$SIZE" 0
hw=$(hw_decoders "$ACCEL_BDF")
for who in $(echo "$HW_HDMS" | cut -d' ' -f1); do
	expect_eq "$who: one decoder committed (registers)" \
		"$(echo "$hw" | grep -c "^$who ")" 1
done
check "unbind" sh -c "echo $ACCEL_BDF > $DRV/unbind"
expect_eq "nothing left" "$(cat /sys/kernel/debug/cxl_accel/stats)" \
	"regions=0 dpas=0 maps=0 parked=0"
check "rmmod cxl_accel_netdev cxl_accel" rmmod cxl_accel_netdev cxl_accel
