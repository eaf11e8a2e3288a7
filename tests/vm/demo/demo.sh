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
# reads back through the mapping it shows (a stray write read back would
# be reported as written).  Byte by byte, the rings and the buffers in use,
# as tests/vm/tests/netdev_traffic.sh does it:
#  - descriptors (the driver's format, cxl_accel_netdev.c): addr is the
#    DPA of the slot's buffer; a TX slot that sent a frame keeps its
#    length and CRC, its flags cleared by the reclaim; an RX slot is
#    posted again (OWN), length and CRC cleared.  Only the CRC is opaque.
#  - frames: Ethernet to our own MAC from it (ARP off), IPv4 without
#    options, TTL 64, ICMP echo between 10.0.0.1 and 10.0.0.2, ping's
#    pattern; opaque are what the kernel and ping choose: IP ID and DF
#    bit, IP checksum, ICMP code, checksum, identifier and sequence, and
#    ping's 4-byte timestamp.
# Everything else is unreported, so the oracle checks it is zero: the
# rest of each descriptor and each buffer after its frame, the slots no
# frame used, the rest of the region.  Frame k (ping k / 2 + 1's request
# if k is even, its reply if odd) is in TX and RX slot k.
oracle_region nd0 "$HPA" "$SIZE" 1 256 "$ACCEL_SN@$DPA"
awk -v id=nd0 -v dpa=$((DPA)) -v mac="$(cat $SYS/address)" \
    -v txr=$(($(netdev_layout tx_ring))) -v rxr=$(($(netdev_layout rx_ring))) \
    -v txb=$(($(netdev_layout tx_buf))) -v rxb=$(($(netdev_layout rx_buf))) \
    -v ds="$(netdev_layout desc_size)" -v bs="$(netdev_layout buf_size)" \
    -v txn="$(netdev_layout tx_ring_size)" -v rxn="$(netdev_layout rx_ring_size)" \
    -v frames=$((2 * PINGS)) -v len=$FRAME '
	# T[i]: the byte expected at i, two hex digits, or "" if opaque (W[i]
	# says what it is).  Zero bytes are left unreported where they can
	# be: the stray check then sees to them.
	function clear(n,   i) { for (i = 0; i < n; i++) { T[i] = "00"; W[i] = "" } }
	function le(at, v, n,   i) {
		for (i = 0; i < n; i++) { T[at + i] = sprintf("%02x", v % 256); v = int(v / 256) }
	}
	function hex(at, h,   i) { for (i = 0; 2 * i < length(h); i++) T[at + i] = substr(h, 2 * i + 1, 2) }
	function opaque(at, n, what,   i) { for (i = 0; i < n; i++) { T[at + i] = ""; W[at + i] = what } }
	function known(i, w,   j) { for (j = 0; j < w; j++) if (T[i + j] == "") return 0; return 1 }
	# emit OFF N: T[0 .. N - 1], at region offset OFF, as oracle lines
	function emit(off, n,   i, j, w, v) {
		for (i = 0; i < n; i += w) {
			if (T[i] == "") {
				for (w = 1; i + w < n && T[i + w] == "" && W[i + w] == W[i]; w++)
					;
				printf "oracle opaque %s offset=0x%x len=%d what=%s\n", id, off + i, w, W[i]
				continue
			}
			for (w = 8; w > 1 && (i + w > n || !known(i, w)); w /= 2)
				;
			v = ""
			for (j = 0; j < w; j++)
				v = T[i + j] v
			if (v !~ /^0+$/)
				printf "oracle write %s offset=0x%x value=0x%s width=%d\n", id, off + i, v, 8 * w
		}
	}
	function frame(k,   i) {
		clear(len)
		split(mac, M, ":")
		for (i = 0; i < 6; i++)
			T[i] = T[6 + i] = M[i + 1]
		hex(12, "0800")				# IPv4
		hex(14, sprintf("4500%04x", len - 14))	# no options, TOS 0, length
		opaque(18, 4, "ip-id-df")		# ID, DF, fragment offset
		hex(22, "4001")				# TTL 64, ICMP
		opaque(24, 2, "ip-csum")
		hex(26, k % 2 ? "0a0000020a000001" : "0a0000010a000002")
		hex(34, k % 2 ? "00" : "08")		# echo reply or request
		opaque(35, 11, "icmp-ping-ts")		# code .. sequence, timestamp
		for (i = 46; i < len; i++)		# the pattern
			T[i] = sprintf("%02x", 65 + int(k / 2))
	}
	BEGIN {
		for (rx = 0; rx < 2; rx++) {
			n = rx ? rxn : txn
			for (s = 0; s < n; s++) {
				clear(ds)
				le(0, dpa + (rx ? rxb : txb) + s * bs, 8)	# addr
				if (rx) {
					hex(14, "0100")			# flags: OWN
				} else if (s < frames) {
					opaque(8, 4, "tx-crc")
					le(12, len, 2)
				}
				emit((rx ? rxr : txr) + s * ds, ds)
				if (s >= frames)
					continue
				frame(s + int((frames - 1 - s) / n) * n)
				emit((rx ? rxb : txb) + s * bs, len)
			}
		}
	}' > /tmp/oracle
cat /tmp/oracle > "$CXLT_OUT"
diag "  told the host-side oracle $(grep -c '^oracle write' /tmp/oracle) writes to region nd0 (DPA $DPA of device $ACCEL_SN) and $(grep -c '^oracle opaque' /tmp/oracle) opaque ranges of $(awk -F 'len=' '/^oracle opaque/ { n += $2 } END { print n + 0 }' /tmp/oracle) bytes it cannot predict (CRCs, IP IDs and checksums, ICMP fields and ping's timestamps)"
