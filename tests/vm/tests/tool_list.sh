#!/bin/sh
# The cxl-accel command (src/tools) in a guest: "list --json" with a
# region, each field compared with what the test reads itself, not with
# /sys/class/cxl_accel (which the command reads): the topology file, the
# function from lspci and config space (DSN, DVSEC), its host bridge's
# _UID from the PCI root's ACPI node, the region's range from the CEDT and /proc/iomem, its window
# from the CXL core's root decoder in /sys/bus/cxl and the CEDT, every
# component's decoder from the registers.  "explain" names the region,
# and answers 2 for a function that does not exist (the control: 0 for
# ours); "windows --json" finds the window qualifying for the device.
#@ tier: smoke basic
#@ topology: switch-single
#@ plan: 32
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ tools: lspci cxl-accel setpriv
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
J=/tmp/list.json
# json_get KEY [N]: the Nth (default first) scalar value of KEY in $J, as
# json-c prints it pretty: one "key":value per line.
json_get() {
	sed -n "s/^ *\"$1\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\} *\$/\1/p" "$J" |
		sed -n "${2:-1}p"
}

cxlt_accel_load || exit 0
hw_path_cache "$ACCEL_BDF"
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc) $(accel_slot 0 hpa)" "0 $hpa"

check "cxl-accel list --json succeeds" sh -c "cxl-accel list --json > $J"
check "it lists one device" [ "$(grep -c '"accel":' $J)" -eq 1 ]
expect_eq "pci: the function" "$(json_get pci)" "$ACCEL_BDF"
ids=$(lspci -n -s "$ACCEL_BDF" | awk '{ print $3 }')
expect_eq "vendor_id and device_id are lspci's" \
	"$(printf '%04x:%04x' "$(json_get vendor_id)" "$(json_get device_id)")" "$ids"
root=$(readlink -f "/sys/bus/pci/devices/$ACCEL_BDF")
root=${root#/sys/devices/}
expect_eq "host_bridge_uid is the PCI root's ACPI _UID" "$(json_get host_bridge_uid)" \
	"$(cat "/sys/devices/${root%%/*}/firmware_node/uid")"
dsn=$(pci_ext_cap "$ACCEL_BDF" 3)
expect_eq "serial is the DSN (config space)" "$(json_get serial)" \
	"$(( ($(cfg_u32 "$ACCEL_BDF" $((dsn + 8))) << 32) | $(cfg_u32 "$ACCEL_BDF" $((dsn + 4))) ))"
dv=$(pci_ext_cap "$ACCEL_BDF" 0x23 0x1e98 0)
expect_eq "capacity is the DVSEC's range 1 size (config space)" "$(json_get capacity)" \
	"$(( ($(cfg_u32 "$ACCEL_BDF" $((dv + 0x18))) << 32) | ($(cfg_u32 "$ACCEL_BDF" $((dv + 0x1c))) & 0xf0000000) ))"
# the topology file's word for it: dev_t0=SERIAL:KIND:SIZE, window0_size
. /etc/cxlt-facts
expect_eq "serial and capacity are the topology file's for t0" \
	"$(printf '%#x' "$(json_get serial)"):volatile:$(printf '%#x' "$(json_get capacity)")" "$dev_t0"
expect_eq "hdm_decoders is the HDM Decoder Capability's count (registers)" \
	"$(json_get hdm_decoders)" "$(echo "$HW_HDMS" | sed -n 's/^ep [0-9]* \([0-9]*\)$/\1/p')"

check "it lists one region" [ "$(grep -c '"region":' $J)" -eq 1 ]
expect_eq "hpa_start and size (CEDT, /proc/iomem)" \
	"$(json_get hpa_start) $(json_get size)" "$((hpa)) $((SIZE))"
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem | sed 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) .*/\1 \2/')
expect_eq "the range is the claim in /proc/iomem" \
	"$(json_get hpa_start) $(($(json_get hpa_start) + $(json_get size) - 1))" \
	"$((0x${claim% *})) $((0x${claim#* }))"
rd=
for d in "$CXLT_BUS"/decoder0.*; do
	s=$(cat "$d/start")
	z=$(cat "$d/size")
	[ $((hpa)) -ge $((s)) ] && [ $((hpa)) -lt $((s + z)) ] && rd="$((s)) $((s + z - 1))"
done
check "the CXL core has a root decoder for the window (/sys/bus/cxl)" [ -n "$rd" ]
expect_eq "window_start and window_end are that root decoder's" \
	"$(json_get window_start) $(json_get window_end)" "$rd"
expect_eq "the window's size is the topology file's" \
	"$(($(json_get window_end) - $(json_get window_start) + 1))" "$window0_size"
want=
for who in $(echo "$HW_HDMS" | cut -d' ' -f1); do
	n=$(hw_decoders "$ACCEL_BDF" | awk -v w="$who" -v b="base=$hpa" '$1 == w && $3 == b { print $2 }')
	case $who in
	ep) want="endpoint ${n:-}" ;;
	usp:*) want="$want ${who#usp:} ${n:-}" ;;
	hb:*) hb=$n ;;
	esac
done
want="$want host-bridge${hb:+ $hb}"
expect_eq "decoders: each component's decoder for it (registers)" \
	"$(sed -n 's/^ *"\(component\|decoder\)": *"\{0,1\}\([^",]*\)"\{0,1\},\{0,1\} *$/\2/p' $J | tr '\n' ' ' | sed 's/ $//')" \
	"$want"
expect_eq "state and flags" "$(json_get state) $(sed -n '/"flags":/,/]/p' $J | sed -n 's/^ *"\([a-z]*\)",\{0,1\}$/\1/p' | tr '\n' ' ')" \
	"active programmed "

check "the table names the device and the region" \
	sh -c "cxl-accel list | grep -q '$ACCEL_BDF' && cxl-accel list | grep -q '$(json_get region)'"
check "explain names the region" sh -c "cxl-accel explain $ACCEL_BDF | grep -q '$(json_get region)'"
cxl-accel explain 0000:ff:1f.7 > /dev/null 2>&1
expect_eq "explain of a function that does not exist answers 2" "$?" 2
check "windows --json says the window qualifies for the device" \
	sh -c "cxl-accel windows --json | grep -q '\"qualifies\": *true'"

# As an unprivileged user, with the kernel's own file modes: what sysfs
# shows everyone is there, the root-only host physical addresses are not
# (root's list above has them: the control).  util-linux's setpriv
# (busybox's cannot change the user).
/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups cxl-accel list --json \
	> /tmp/unpriv.json 2> /tmp/unpriv.err
rc=$?
expect_eq "list --json as nobody exits 0 ($(head -c 200 /tmp/unpriv.err))" "$rc" 0
check "as nobody: the device's serial and the region's name, as root sees them" \
	sh -c "grep -qE '\"serial\": *$(json_get serial)(,|\$)' /tmp/unpriv.json &&
	       grep -q '\"region\": *\"$(json_get region)\"' /tmp/unpriv.json"
check "as nobody: no hpa_start (sysfs mode 0400; root's list has it)" \
	sh -c "! grep -q '\"hpa_start\"' /tmp/unpriv.json && grep -q '\"hpa_start\"' $J"

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
