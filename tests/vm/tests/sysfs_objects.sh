#!/bin/sh
# /sys/class/cxl_accel (src/sysfs.c, ABI in src/ABI/sysfs-class-cxl_accel)
# tells the truth.  Every value the test compares is computed here from
# what cxl_accel does not control: the function's config space (DSN,
# DVSEC for CXL Devices), the HDM decoder registers of every component on
# the path, the CEDT and /proc/iomem.  The region's object appears with
# the region (its absence before is checked against the device object's
# presence) and goes with it; a refused request leaves its reason, the
# same text as the kernel log's; the device object goes when its driver
# unbinds.
#@ tier: smoke debug basic trixie
#@ topology: switch-single
#@ plan: 35
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

CLASS=/sys/class/cxl_accel
SIZE=0x10000000
cxlt_accel_load || exit 0
hw_path_cache "$ACCEL_BDF"

# --- the device's object --------------------------------------------------
objs=$(ls "$CLASS" 2>/dev/null)
expect_eq "one object in $CLASS, for the one device probed" "$(echo "$objs" | grep -c '^cxl_accel[0-9]*$')" 1
dev=$CLASS/$(echo "$objs" | grep '^cxl_accel[0-9]*$' | head -n 1)
expect_eq "its pci_device link is the function" \
	"$(basename "$(readlink -f "$dev/pci_device")")" "$ACCEL_BDF"

dsn=$(pci_ext_cap "$ACCEL_BDF" 3)
check "the function has a DSN capability (config space)" [ -n "$dsn" ]
expect_eq "serial is the DSN (config space)" "$(cat "$dev/serial")" \
	"$(printf '%#x' $(( ($(cfg_u32 "$ACCEL_BDF" $((dsn + 8))) << 32) | $(cfg_u32 "$ACCEL_BDF" $((dsn + 4))) )))"
dv=$(pci_ext_cap "$ACCEL_BDF" 0x23 0x1e98 0)
# DVSEC Capability: the upper half of the dword at 0x8 (offset 0xa)
cap=$(( ($(cfg_u32 "$ACCEL_BDF" $((dv + 8))) >> 16) & 0xffff ))
size_lo=$(cfg_u32 "$ACCEL_BDF" $((dv + 0x1c)))
size_hi=$(cfg_u32 "$ACCEL_BDF" $((dv + 0x18)))
expect_eq "capacity is the DVSEC's range 1 size (config space)" "$(cat "$dev/capacity")" \
	"$(printf '%#x' $(( (size_hi << 32) | (size_lo & 0xf0000000) )))"
expect_eq "cache_capable and mem_hwinit are the DVSEC's capability bits 0 and 3" \
	"$(cat "$dev/cache_capable") $(cat "$dev/mem_hwinit")" "$((cap & 1)) $(((cap >> 3) & 1))"
case $((size_lo & 3)) in
3) want=active ;;
1) want=inactive ;;
*) want=info-invalid ;;
esac
expect_eq "media_state reads Memory_Info_Valid and Memory_Active (config space)" \
	"$(cat "$dev/media_state")" "$want"
expect_eq "hdm_decoders is the HDM Decoder Capability's count (registers)" \
	"$(cat "$dev/hdm_decoders")" "$(echo "$HW_HDMS" | sed -n 's/^ep [0-9]* \([0-9]*\)$/\1/p')"
usps=$(echo "$HW_HDMS" | sed -n 's/^usp:\([^ ]*\) .*/\1/p' | tr '\n' ' ')
expect_eq "path: the switch's upstream port, then the host bridge (PCI topology)" \
	"$(cat "$dev/path")" "${usps}host-bridge"
check "api_version is a number" sh -c "[ \$(cat '$dev/api_version') -ge 6 ]"
expect_eq "no refusal yet" "$(cat "$dev/last_refusal")" ""
expect_eq "no region object before a region (the device object is there)" \
	"$(ls -d "$dev"/cxl_accel*.* 2>/dev/null)" ""

# --- a refusal --------------------------------------------------------------
accel_cmd "request 0x1000"
expect_eq "a request of 4 KiB is refused" "$(accel_status rc)" -22
logged=$(dmesg | sed -n "s/.* $ACCEL_BDF: cxl_accel: //p" | tail -n 1)
check "the log has a line about it" [ -n "$logged" ]
expect_eq "last_refusal is that line (kernel log)" "$(cat "$dev/last_refusal")" "$logged"

# --- a region's object --------------------------------------------------------
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc) $(accel_slot 0 hpa)" "0 $hpa"
reg=$(ls -d "$dev"/cxl_accel*.* 2>/dev/null)
expect_eq "one region object below the device's" "$(echo "$reg" | grep -c .)" 1
reg=$(echo "$reg" | head -n 1)
check "it is in the class too" [ -e "$CLASS/$(basename "$reg")" ]
expect_eq "hpa_start, size, dpa_start (registers, CEDT, iomem)" \
	"$(cat "$reg/hpa_start") $(cat "$reg/size") $(cat "$reg/dpa_start")" "$hpa $SIZE 0x0"
expect_eq "hpa_start and window are root's only, size everyone's" \
	"$(stat -c %a "$reg/hpa_start") $(stat -c %a "$reg/window") $(stat -c %a "$reg/size")" "400 400 444"
w=$(hw_cedt_cfmws | while read -r b s _; do
	[ $((hpa)) -ge "$b" ] && [ $((hpa)) -lt $((b + s)) ] && printf '%#x-%#x\n' "$b" $((b + s - 1))
done | head -n 1)
expect_eq "window is the CFMWS that holds it (CEDT)" "$(cat "$reg/window")" "$w"
want=
for who in $(echo "$HW_HDMS" | cut -d' ' -f1); do
	n=$(hw_decoders "$ACCEL_BDF" | awk -v w="$who" -v b="$(printf '%#x' "$hpa")" '$1 == w && $3 == "base=" b { print $2 }')
	case $who in
	ep) want="endpoint=${n:--}" ;;
	usp:*) want="$want ${who#usp:}=${n:--}" ;;
	hb:*) hb=${n:--} ;;
	esac
done
want="$want host-bridge=${hb:--}"
expect_eq "decoders: each component's decoder for it (registers)" "$(cat "$reg/decoders")" "$want"
ep_hdm=$(echo "$HW_HDMS" | sed -n 's/^ep \([0-9]*\) .*/\1/p')
n=$(hw_decoders "$ACCEL_BDF" | awk '$1 == "ep" { print $2 }' | tail -n 1)
ig=$(( $(hw_u32 $((ep_hdm + 0x10 + n * 0x20 + 0x10))) & 0xf ))
expect_eq "interleave: 1 way, the endpoint decoder's granularity (registers)" \
	"$(cat "$reg/interleave_ways") $(cat "$reg/interleave_granularity")" "1 $((256 << ig))"
expect_eq "state and flags" "$(cat "$reg/state") $(cat "$reg/flags")" "active programmed"

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
check "the region object has gone" sh -c "! ls -d '$dev'/cxl_accel*.* 2>/dev/null"
check "the device object stays while its driver is bound" [ -e "$dev/serial" ]
accel_check_clean
check "rmmod cxl_accel_test" rmmod cxl_accel_test
check "the device object goes with its driver" sh -c "! ls -d '$CLASS'/cxl_accel* 2>/dev/null"
