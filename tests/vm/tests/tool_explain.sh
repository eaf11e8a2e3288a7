#!/bin/sh
# "cxl-accel explain" and "cxl-accel windows" where cxl_accel refuses a
# region: no CXL window at all, and a window smaller than the device's
# memory.  Their reasons must be the right ones by what the test reads
# itself: the CEDT (how many windows, each one's size), the DVSEC (the
# device's memory), and the kernel log (the refusal's text, which explain
# must repeat as the last error).
#@ tier: basic
#@ topology: no-window small-window
#@ plan: 11
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ tools: cxl-accel
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

E=/tmp/explain.out
cxlt_accel_load || exit 0
dv=$(pci_ext_cap "$ACCEL_BDF" 0x23 0x1e98 0)
cap=$(( ($(cfg_u32 "$ACCEL_BDF" $((dv + 0x18))) << 32) | ($(cfg_u32 "$ACCEL_BDF" $((dv + 0x1c))) & 0xf0000000) ))
nwin=$(hw_cedt_cfmws | grep -c .)

accel_cmd "request $(printf '%#x' "$cap")"
check "the request of the whole device is refused" [ "$(accel_status rc)" -lt 0 ]
logged=$(dmesg | sed -n "s/.* $ACCEL_BDF: cxl_accel: //p" | tail -n 1)
check "the kernel log says why" [ -n "$logged" ]
check "cxl-accel explain succeeds" sh -c "cxl-accel explain $ACCEL_BDF > $E"
check "it repeats the kernel's refusal as the last error" \
	grep -qF "The last error cxl_accel logged about it: $logged" $E
check "it says the function is probed by cxl_accel" grep -q "^$ACCEL_BDF is probed by cxl_accel" $E
if [ "$nwin" -eq 0 ]; then
	expect_eq "no window (CEDT): the kernel says none targets its host bridge" \
		"$(echo "$logged" | grep -c 'no CXL window targets its host bridge')" 1
	check "windows says the CEDT has no usable window" \
		sh -c "cxl-accel windows | grep -q 'the CEDT has no usable CXL window'"
	check "explain lists no window that qualifies" sh -c "! grep -q 'qualifies;' $E"
else
	wsize=$(hw_cedt_cfmws | awk '{ print $2; exit }')
	why="$(printf '%#x' "$wsize") bytes free in one piece, $(printf '%#x' "$cap") wanted"
	check "the window is smaller than the device (CEDT, DVSEC)" [ "$wsize" -lt "$cap" ]
	check "explain: the window does not qualify, $why" grep -q "does not qualify: .*$why" $E
	check "windows says the same" sh -c "cxl-accel windows | grep -q 'does not qualify: .*$why'"
fi
