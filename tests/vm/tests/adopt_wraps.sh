#!/bin/sh
# Firmware's decoder values whose base + size wraps past 2^64 are refused
# with a reason (issue 12, item 12), not taken as a small range that
# passes the checks.  (1) The endpoint's DPA Skip puts its DPA end at
# exactly 2^64: before the fix base + size wrapped to 0, passed the
# capacity check and was adopted.  (2) The switch's decoder 0 is
# 2^64 - 256 MiB long: its end wrapped below its base.  The registers are
# written from the guest through /dev/mem, as firmware would.
#@ topology: switch-single
#@ plan: 16
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: iomem=relaxed
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
base=$(hw_window_base 0)

# hops_path BASE: decoder 0 of every hop with HDM decoders routes
# [BASE, BASE + SIZE) to the path's port, committed (hops and targets as
# the test finds them, hw_hops)
hops_path() {
	hw_hops | while read -r _who _hdm _t; do
		accel_prog_decoder "$_hdm" 0 "$1" "$SIZE" "$_t" $ACCEL_CTRL_COMMIT
	done
}

# (1) endpoint decoder 0: HPA [base, base + SIZE), DPA Skip 2^64 - SIZE
d=$(($(hw_hdm ep) + 0x10))
accel_prog_decoder_raw "$(hw_hdm ep)" 0 $((base & 0xffffffff)) $((base >> 32)) \
	$SIZE 0 0xf0000000 0xffffffff $ACCEL_CTRL_COMMIT
hops_path "$base"
expect_eq "the endpoint's decoder 0 reads back committed with the skip" \
	"$(($(accel_rd32 $((d + 0x10))) >> 10 & 1)) $(accel_rd32 $((d + 0x18))) $(accel_rd32 $((d + 0x14)))" \
	"1 0xFFFFFFFF 0xF0000000"
before=$(accel_committed_snapshot)
accel_cmd adopt
rc=$(accel_status rc)
[ "$rc" = 0 ] && accel_cmd "release 0"
accel_expect_adopt_refusal -22 \
	"HDM decoder 0: DPA base 0xfffffffff0000000 \+ size 0x10000000 overflows"
expect_eq "no decoder touched" "$(accel_committed_snapshot)" "$before"

# (2) a sane endpoint, the switch's decoder 0 2^64 - 256 MiB long
accel_clear_path
accel_firmware_path "$base" "$SIZE"
# the switch: the first hop above the device (switch-single)
# shellcheck disable=SC2046 # three words
set -- $(hw_hops | head -n 1)
sw=$2
swt=$3
accel_clear_decoder "$sw" 0
d=$((sw + 0x10))
accel_prog_decoder_raw "$sw" 0 $((base & 0xffffffff)) $((base >> 32)) \
	0xf0000000 0xffffffff "$swt" 0 $ACCEL_CTRL_COMMIT
expect_eq "the switch's decoder 0 reads back committed, 2^64 - 256 MiB long" \
	"$(($(accel_rd32 $((d + 0x10))) >> 10 & 1)) $(accel_rd32 $((d + 0x0c))) $(accel_rd32 $((d + 0x08)))" \
	"1 0xFFFFFFFF 0xF0000000"
before=$(accel_committed_snapshot)
accel_cmd adopt
rc=$(accel_status rc)
[ "$rc" = 0 ] && accel_cmd "release 0"
accel_expect_adopt_refusal -34 \
	"adopt: hop 0 \(switch [0-9a-f:.]+\): decoder 0: base $(printf '%#x' "$base") \+ size 0xfffffffff0000000 wraps around"
expect_eq "no decoder touched" "$(accel_committed_snapshot)" "$before"

accel_clear_path
expect_eq "nothing committed at the end" \
	"$(hw_decoders "$ACCEL_BDF")" ""
