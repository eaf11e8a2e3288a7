#!/bin/sh
# The README's main job, guest side: cxl_accel and the example vendor
# netdev (tests/modules/cxl_accel_netdev) on QEMU's CXL device.  Shows what
# cxl_accel found, the private claim in /proc/iomem, and cxlaccel0 passing
# pings through rings and buffers in the region; then tells the host-side
# oracle what each descriptor and frame must be in the device's memory.
#@ topology: direct-hdm
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ oracle: yes
#@ timeout: 120
#@ tools: cxl-accel
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
SYS=/sys/class/net/$ND
SIZE=0x10000000
PINGS=8
FRAME=162	# 14 Ethernet + 20 IPv4 + 8 ICMP + 120 data

section() {
	diag "" "== $*"
}

show() {
	while IFS= read -r l; do
		diag "  $l"
	done
}

for m in cxl_acpi cxl_port; do
	modprobe "$m" 2>/dev/null
done
check "insmod cxl_accel.ko" insmod "$MODDIR/cxl_accel.ko"
check "insmod cxl_accel_netdev.ko (binds the device through driver_override)" \
	insmod "$MODDIR/cxl_accel_netdev.ko"
ACCEL_BDF=$(pci_by_sn "$ACCEL_SN")
ACCEL_STATE=/sys/kernel/debug/cxl_accel/$ACCEL_BDF/state
DBG=/sys/kernel/debug/cxl_accel_netdev/$ACCEL_BDF
if [ ! -e "$DBG/layout" ]; then
	notok "cxl_accel_netdev has its region" "$(dmesg | tail -n 5)"
	exit 0
fi
HPA=$(netdev_layout hpa)
DPA=$(netdev_layout dpa)

section "what cxl_accel found on $ACCEL_BDF (/sys/kernel/debug/cxl_accel/$ACCEL_BDF/state)"
sed -n -E \
	-e 's/^(dvsec[0-9]+): offset=([^ ]+) id=([^ ]+) rev=([^ ]+).* name="([^"]*)".*/\1: \5 (ID \3, rev \4) at \2/p' \
	-e 's/^(range[0-9]+: size=[^ ]+ base=[^ ]+ info_valid=1 active=[01]).*/\1/p' \
	-e 's/^(hdm: ).*(decoders=[0-9]+).*(enabled=[01]).*/\1\2 \3/p' \
	-e 's/^((hop[0-9]+\.)?decoder[0-9]+: state=[a-z]+ base=[^ ]+ size=[^ ]+).*/\1/p' \
	-e 's/^(hop[0-9]+: kind=[^ ]+ ).*(hdm=[01])$/\1\2/p' \
	-e 's/^(region: .* window=[^ ]+).*/\1/p' "$ACCEL_STATE" | show
accel_check_decoders "$HPA" "$SIZE" 0

section "what an administrator sees: cxl-accel list (src/tools, from /sys/class/cxl_accel)"
cxl-accel list 2>&1 | show

section "the claimed range in /proc/iomem"
grep -E 'CXL Window|cxl_accel' /proc/iomem | show
accel_check_claim "$HPA" "$SIZE"
accel_check_private "$HPA"

section "$ND: a loopback NIC whose rings and buffers live in that region"
diag "  region HPA $HPA, DPA $DPA: TX descriptors at +$(netdev_layout tx_ring) ($(netdev_layout tx_ring_size)), RX at +$(netdev_layout rx_ring) ($(netdev_layout rx_ring_size)), TX buffers at +$(netdev_layout tx_buf), RX buffers at +$(netdev_layout rx_buf)"
# Two addresses on one loopback wire: 10.0.0.1 pings 10.0.0.2, the frame
# comes back in on cxlaccel0, 10.0.0.2 answers, the reply loops back too.
netdev_loopback $ND
ip link set $ND up
ip addr show dev $ND | show
answered=0
j=1
while [ $j -le $PINGS ]; do
	p=$(printf '%02x' $((0x40 + j)))
	out=$(ping -c 1 -W 5 -s 120 -p "$p" -I 10.0.0.1 10.0.0.2 2>&1)
	case $out in *"1 packets received"*) answered=$((answered + 1)) ;; esac
	diag "  ping 10.0.0.2, 120 bytes of '$(awk -v c=$((0x40 + j)) 'BEGIN { printf "%c", c }')': $(echo "$out" | grep 'packets transmitted')"
	j=$((j + 1))
done
expect_eq "$PINGS pings answered through the region" $answered $PINGS
st() {
	cat "$SYS/statistics/$1"
}
diag "  $ND: TX $(st tx_packets) frames, $(st tx_bytes) bytes; RX $(st rx_packets) frames, $(st rx_bytes) bytes; $(st rx_crc_errors) CRC errors, $(st rx_dropped) dropped"
expect_eq "every frame came back: $((2 * PINGS)) of $FRAME bytes each way, CRC checked" \
	"$(st tx_packets) $(st rx_packets) $(st tx_bytes) $(st rx_bytes) $(st rx_crc_errors) $(st rx_errors)" \
	"$((2 * PINGS)) $((2 * PINGS)) $((2 * PINGS * FRAME)) $((2 * PINGS * FRAME)) 0 0"

# For the host-side oracle: only what the demo can compute, never what it
# reads back through the mapping it shows (netdev_oracle_expect says what
# and why).  Frame k is in TX and RX slot k: the rings are larger than
# the demo's traffic.
oracle_region nd0 "$HPA" "$SIZE" 1 256 "$ACCEL_SN@$DPA"
netdev_oracle_expect "$DPA" "$(netdev_layout tx_ring_size)" "$(netdev_layout rx_ring_size)" \
	$((2 * PINGS)) $FRAME "$(cat $SYS/address)" > /tmp/oracle
cat /tmp/oracle > "$CXLT_OUT"
diag "  told the host-side oracle about region nd0 (DPA $DPA of device $ACCEL_SN): $(netdev_oracle_summary /tmp/oracle), the opaque ones what it cannot predict (CRCs, IP IDs and checksums, ICMP fields and ping's timestamps)"
