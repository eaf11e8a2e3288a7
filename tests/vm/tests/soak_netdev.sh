#!/bin/sh
# Soak (issue 14): 1,000 cycles of the example vendor netdev with traffic:
# bind, addresses, up, two pings of a known pattern whose frames loop
# through the rings and buffers in its region (the replies must come
# back), unbind while the link is up; then nothing left (see
# soak_expect_clean in guest/cxlt_soak.sh) and the wall time.  Not part
# of make check: "make soak" runs it on the debug kernel (the "soak"
# tier, see tests/vm/run).
#@ tier: soak
#@ topology: direct-hdm
#@ plan: 12
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ append: slab_nomerge slub_debug=U
#@ timeout: 5000
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /lib/cxlt_soak.sh

ND=cxlaccel0
DRV=/sys/bus/pci/drivers/cxl_accel_netdev

cxlt_netdev_load
# shellcheck disable=SC2034 # read by cxlt_accel.sh's checks
ACCEL_STATE=/sys/kernel/debug/cxl_accel/$ACCEL_BDF/state
hpa=$(netdev_layout hpa)
if [ -z "$hpa" ]; then
	notok "cxl_accel_netdev bound at load" "$(dmesg | tail -n 5)"
	exit 0
fi
# the control for the end's decoder check: a live region's are seen
hw_path_cache "$ACCEL_BDF"
expect_eq "the region's decoders are seen committed (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c "base=$(printf '%#x' "$hpa") ")" \
	"$(echo "$HW_HDMS" | grep -c .)"
# the rules stay; the addresses go with the interface at every unbind
netdev_loopback $ND
ip link set $ND up
check "two pings loop through the region" ping -c 2 -W 5 -I 10.0.0.1 10.0.0.2

cycle() {
	echo "$ACCEL_BDF" > $DRV/bind || { echo "bind failed"; return; }
	echo 1 > "/proc/sys/net/ipv6/conf/$ND/disable_ipv6"
	echo 1 > "/proc/sys/net/ipv4/conf/$ND/accept_local"
	ip link set $ND arp off
	ip addr add 10.0.0.1/24 dev $ND
	ip addr add 10.0.0.2/24 dev $ND
	ip link set $ND up || echo "up failed"
	_p=$(printf '%02x' $(($1 % 256)))
	ping -c 2 -W 5 -p "$_p" -I 10.0.0.1 10.0.0.2 > /tmp/ping.out 2>&1 ||
		echo "ping: $(tail -n 2 /tmp/ping.out | tr '\n' ' ')"
	echo "$ACCEL_BDF" > $DRV/unbind || echo "unbind failed"
}

echo "$ACCEL_BDF" > $DRV/unbind
for i in 1 2 3; do
	cycle $i > /dev/null
done
soak_run cycle "bind, up, two pings through the region, unbind"
soak_expect_clean "cxl_accel(_netdev)?"
