#!/bin/sh
# The example vendor netdev (tests/modules/cxl_accel_netdev) on its private
# region: ring-size bounds, ethtool's view, the claim and decoders, MTU
# limits, down/up, a jumbo frame, then 8 pings of known payload whose
# request and reply frames loop through rings and buffers in the region.
# Every frame comes back (ping's replies, the counters, the driver's CRC
# check), and the host-side oracle finds the descriptors and frames at
# their DPA in the device's backing file, and nothing else written.
# Unbinding leaves nothing behind.
#@ tier: smoke debug basic trixie next rt
#@ topology: direct direct-hdm
#@ topology 6.12-debug: direct-hdm
#@ topology 6.12-trixie: direct-hdm
#@ topology 6.12-rt: direct-hdm
#@ topology 7.3: direct-hdm
#@ topology 7.3-trixie: direct direct-hdm
#@ plan: 46
#@ plan: * direct-hdm 47
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ tools: ethtool
#@ oracle: yes
#@ timeout: 180
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
SYS=/sys/class/net/$ND
SIZE=0x10000000
TXN=8
RXN=16
PINGS=8
PSIZE=120	# ICMP data bytes: frames of 14 + 20 + 8 + 120 = 162 bytes
FRAME=162

counters() {
	for c in tx_packets rx_packets tx_bytes rx_bytes tx_dropped rx_dropped rx_errors rx_crc_errors; do
		cat "$SYS/statistics/$c"
	done | tr '\n' ' '
}

# delta BEFORE AFTER: AFTER - BEFORE, field by field
delta() {
	echo "$1 $2" | awk '{ n = NF / 2; for (i = 1; i <= n; i++) printf "%d ", $(i + n) - $i }'
}

for m in cxl_acpi cxl_port; do
	modprobe "$m" 2>/dev/null
done
check "insmod cxl_accel" insmod "$MODDIR/cxl_accel.ko"
ACCEL_BDF=$(pci_by_sn "$ACCEL_SN")
# shellcheck disable=SC2034 # read by cxlt_accel.sh's checks
ACCEL_STATE=/sys/kernel/debug/cxl_accel/$ACCEL_BDF/state
DBG=/sys/kernel/debug/cxl_accel_netdev/$ACCEL_BDF

# Ring sizes are checked when the module is loaded.
for p in tx_ring_size=12 rx_ring_size=8192 tx_ring_size=4; do
	if insmod "$MODDIR/cxl_accel_netdev.ko" "$p" 2>/dev/null; then
		notok "insmod with $p is refused"
		rmmod cxl_accel_netdev
	else
		check "insmod with $p is refused, saying why" sh -c \
			"dmesg | grep -q 'cxl_accel_netdev: $p: must be a power of two from 8 to 4096'"
	fi
done
# where its region must land, from the CEDT, /proc/iomem and the registers
want=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
check "insmod cxl_accel_netdev tx_ring_size=$TXN rx_ring_size=$RXN" \
	insmod "$MODDIR/cxl_accel_netdev.ko" tx_ring_size=$TXN rx_ring_size=$RXN
expect_eq "bound to the device through driver_override" \
	"$(basename "$(readlink "/sys/bus/pci/devices/$ACCEL_BDF/driver")")" cxl_accel_netdev
expect_eq "it registered $ND" "$(ls "/sys/bus/pci/devices/$ACCEL_BDF/net" 2>&1)" $ND
if [ ! -e "$DBG/layout" ]; then
	notok "debugfs layout" "$(dmesg | tail -n 5)"
	exit 0
fi
HPA=$(netdev_layout hpa)
DPA=$(netdev_layout dpa)
diag "region at HPA $HPA, DPA $DPA; $(tr '\n' ' ' < "$DBG/layout")"
expect_eq "a 256 MiB region, where the test expects it, DPA 0" \
	"$(($(netdev_layout size))) $HPA $DPA" "$((SIZE)) $want 0x0"
accel_check_claim "$HPA" "$SIZE"
accel_check_private "$HPA"
accel_check_decoders "$HPA" "$SIZE" 0

# ethtool
expect_eq "ethtool -i: driver and bus-info" \
	"$(ethtool -i $ND | sed -n 's/^driver: //p; s/^bus-info: //p' | tr '\n' ' ')" \
	"cxl_accel_netdev $ACCEL_BDF "
expect_eq "ethtool -g: ring sizes (max, current)" \
	"$(ethtool -g $ND | awk '/^(RX|TX):/ { print $2 }' | tr '\n' ' ')" \
	"4096 4096 $RXN $TXN "
expect_eq "ring sizes in /sys/module" \
	"$(cat /sys/module/cxl_accel_netdev/parameters/tx_ring_size) $(cat /sys/module/cxl_accel_netdev/parameters/rx_ring_size)" \
	"$TXN $RXN"
expect_eq "a locally administered unicast MAC" \
	"$(( $(printf '0x%s' "$(cut -c1-2 "$SYS/address")") & 3 ))" 2

# MTU limits: 68 .. 4096 - 18 (a 4 KiB buffer holds a VLAN-tagged frame)
expect_eq "default MTU" "$(cat $SYS/mtu)" 1500
for m in 67 4079 9000; do
	check "MTU $m is refused" sh -c "! ip link set $ND mtu $m 2>/dev/null"
done
for m in 68 4078 1500; do
	check "MTU $m is accepted" ip link set $ND mtu $m
done
expect_eq "MTU is back to 1500" "$(cat $SYS/mtu)" 1500

netdev_loopback $ND
check "ip link set $ND up" ip link set $ND up
expect_eq "carrier is on" "$(cat $SYS/carrier)" 1
check "ip link set $ND down" ip link set $ND down
expect_eq "down: not up, no carrier" \
	"$(($(cat $SYS/flags) & 1)) $(cat $SYS/carrier 2>/dev/null || echo none)" "0 none"
check "ip link set $ND up again" ip link set $ND up
expect_eq "carrier is on again" "$(cat $SYS/carrier)" 1

# One jumbo frame each way.
ip link set $ND mtu 4078
c0=$(counters)
check "ping with 4000 bytes at MTU 4078" ping -c 1 -W 5 -s 4000 -I 10.0.0.1 10.0.0.2
expect_eq "jumbo: 2 frames of 4042 bytes each way, no drops or errors" \
	"$(delta "$c0" "$(counters)")" "2 2 8084 8084 0 0 0 0 "
ip link set $ND mtu 1500

# The frames the oracle will look for: down/up zeroes rings and buffers,
# then ping j carries the byte 0x40 + j as its pattern.
ip link set $ND down
ip link set $ND up
c0=$(counters)
bad=
j=1
while [ $j -le $PINGS ]; do
	p=$(printf '%02x' $((0x40 + j)))
	out=$(ping -c 1 -W 5 -s $PSIZE -p "$p" -I 10.0.0.1 10.0.0.2 2>&1)
	case $out in
	*"1 packets received"*) ;;
	*) bad="$bad ping $j: $(echo "$out" | tail -n 2 | tr '\n' ' ')" ;;
	esac
	j=$((j + 1))
done
if [ -z "$bad" ]; then
	ok "$PINGS pings of $PSIZE bytes answered"
else
	notok "$PINGS pings of $PSIZE bytes answered" "$bad"
fi
expect_eq "$((2 * PINGS)) frames of $FRAME bytes each way, no drops, no CRC errors" \
	"$(delta "$c0" "$(counters)")" \
	"$((2 * PINGS)) $((2 * PINGS)) $((2 * PINGS * FRAME)) $((2 * PINGS * FRAME)) 0 0 0 0 "
diag "$ND: $(cd $SYS/statistics && for c in tx_packets tx_bytes rx_packets rx_bytes rx_crc_errors; do printf '%s=%s ' $c "$(cat $c)"; done)"

# The oracle, told only what the test can compute (netdev_oracle_expect).
oracle_region nd0 "$HPA" "$SIZE" 1 256 "$ACCEL_SN@$DPA"
netdev_oracle_expect "$DPA" $TXN $RXN $((2 * PINGS)) $FRAME "$(cat $SYS/address)" > /tmp/oracle
cat /tmp/oracle > "$CXLT_OUT"
diag "oracle: $(netdev_oracle_summary /tmp/oracle)"

# Unbind: no claim, no region, reservation or mapping left.
check "unbind" sh -c "echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_netdev/unbind"
check "$ND is gone" sh -c "[ ! -e $SYS ]"
if grep -q "cxl_accel $ACCEL_BDF" /proc/iomem; then
	notok "no claim left in /proc/iomem" "$(grep cxl_accel /proc/iomem)"
else
	ok "no claim left in /proc/iomem"
fi
expect_eq "no region, reservation or mapping left" \
	"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
check "rmmod cxl_accel_netdev cxl_accel" rmmod cxl_accel_netdev cxl_accel
