#!/bin/sh
# A device that firmware left decoding CXL.mem through its DVSEC ranges
# (Mem_Enable set, HDM Decoder Enable clear, no HDM decoder committed) is
# not switched to HDM decoding behind firmware's back (issue 12, item 5):
# the request is refused with one line and both bits stay as firmware
# left them.  Before the fix the request went through and silently set
# HDM Decoder Enable.  Control: with Mem_Enable cleared, the same request
# succeeds and HDM Decoder Enable reads 1.  Every bit is read from config
# space or the HDM registers, not from cxl_accel.
#@ topology: direct-hdm
#@ plan: 17
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: iomem=relaxed
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000

# cfg_w BDF OFFSET BYTES VALUE: write config space as firmware would
cfg_w() {
	_v=$4
	_s=
	_i=0
	while [ $_i -lt "$3" ]; do
		_s="$_s\\$(printf '%03o' $((_v & 0xff)))"
		_v=$((_v >> 8))
		_i=$((_i + 1))
	done
	# shellcheck disable=SC2059 # the octal escapes are the format
	printf "$_s" | dd of="/sys/bus/pci/devices/$1/config" bs="$3" seek=$(($2 / $3)) count=1 conv=notrunc 2>/dev/null
}

cfg_u16() {
	od -A n -t u2 -j "$2" -N 2 "/sys/bus/pci/devices/$1/config" | tr -d ' '
}

mem_enable() {
	echo $(($(cfg_u16 "$ACCEL_BDF" $((dv + 0xc))) >> 2 & 1))
}

hdm_enable() {
	echo $(($(accel_rd32 $(($(hw_hdm ep) + 4))) >> 1 & 1))
}

cxlt_accel_load || exit 0
# the PCIe DVSEC for CXL Devices: DVSEC (0x23) of vendor 0x1e98, ID 0
dv=$(pci_ext_cap "$ACCEL_BDF" 0x23 0x1e98 0)
check "the device has a PCIe DVSEC for CXL Devices" test -n "$dv" || exit 0
w=$(grep -m 1 ' : CXL Window' /proc/iomem | sed 's/^ *\([0-9a-f]*\)-.*/0x\1/')
expect_eq "before: Mem_Enable, HDM Decoder Enable" "$(mem_enable) $(hdm_enable)" "0 0"

# firmware's DVSEC range mapping: range 1 at the window's base, Mem_Enable
cfg_w "$ACCEL_BDF" $((dv + 0x20)) 4 $((w >> 32))
cfg_w "$ACCEL_BDF" $((dv + 0x24)) 4 $((w & 0xf0000000))
cfg_w "$ACCEL_BDF" $((dv + 0xc)) 2 $(($(cfg_u16 "$ACCEL_BDF" $((dv + 0xc))) | 4))
expect_eq "as firmware left it: Mem_Enable 1, HDM Decoder Enable 0" \
	"$(mem_enable) $(hdm_enable)" "1 0"

accel_cmd "request $SIZE"
rc=$(accel_status rc)
[ "$rc" = 0 ] && accel_cmd "release 0"
accel_expect_refusal -16 "firmware left the device decoding CXL.mem through its DVSEC ranges"
expect_eq "both bits as firmware left them" "$(mem_enable) $(hdm_enable)" "1 0"

# control: firmware's mapping undone, the same request goes through
cfg_w "$ACCEL_BDF" $((dv + 0xc)) 2 $(($(cfg_u16 "$ACCEL_BDF" $((dv + 0xc))) & ~4))
cfg_w "$ACCEL_BDF" $((dv + 0x24)) 4 0
cfg_w "$ACCEL_BDF" $((dv + 0x20)) 4 0
expect_eq "Mem_Enable cleared" "$(mem_enable)" 0
accel_cmd "request $SIZE"
expect_eq "then the request succeeds" "$(accel_status rc)" 0
expect_eq "and the device decodes with HDM decoders, CXL.mem on" "$(mem_enable) $(hdm_enable)" "1 1"
accel_cmd "release 0"
accel_check_clean
