#!/bin/sh
# Requests cxl_accel must refuse cleanly: no CXL window at all, a window
# too small for the request, and a window whose restrictions exclude
# device-coherent memory.  Each is refused with the right errno and one
# line that says why, and leaves nothing claimed or committed.
#@ topology: no-window small-window
#@ plan: 11
#@ plan: * small-window 14
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /etc/cxlt-facts

cxlt_accel_load || exit 0
if [ "$windows" -eq 0 ]; then
	accel_cmd freespace
	expect_eq "no window: freespace fails with -ENODEV" "$(accel_status rc)" -19
	accel_cmd "request 0x10000000"
	accel_expect_refusal -19 "no CXL window targets its host bridge"
else
	# window0 is 256 MiB, the device 1 GiB
	accel_cmd "request 0x20000000"
	accel_expect_refusal -28 "no usable CXL window: .* 0x10000000 bytes free in one piece, 0x20000000 wanted"
	accel_cmd "request 0x10000000"
	expect_eq "exactly the window's size fits" "$(accel_status rc)" 0
	accel_cmd "request 0x10000000"
	expect_eq "a second one no longer fits" "$(accel_status rc)" -28
	check "one line says why" sh -c "dmesg | grep -q 'no usable CXL window: .* 0x0 bytes free in one piece'"
	expect_eq "the first region alone is claimed and committed" \
		"$(grep -c "cxl_accel $ACCEL_BDF" /proc/iomem) $(hw_decoders "$ACCEL_BDF" | grep -c '^ep ')" "1 1"
	accel_cmd "release 0"
fi
accel_check_clean
