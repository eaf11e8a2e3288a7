#!/bin/sh
# A claim of a whole CXL window lets its probe go before the claim takes
# its place (claim_fallback() in src/window.c), with the window as the
# place.  cxl_acpi frees its windows only when it is unbound, and the
# unbind waits for the lock of cxl_acpi's device, which cxl_accel holds
# for the whole claim: an unbind in that gap waits until the request is
# done, and the window is in iomem all along (issue 12, item 9; on 6.1
# cxl_accel took no lock of the core's, and the unbind freed the window
# under the claim).  cxl_accel's test build holds the gap open ("pause
# claiming"); the test unbinds cxl_acpi inside it.
#@ topology: small-window
#@ plan: 17
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /lib/cxlt_fault.sh

cxlt_accel_load || exit 0
# the window is 256 MiB, the device 1 GiB: a 256 MiB region is the
# whole window, which the test reads from the CEDT (hw_expect_hpa)
SIZE=0x10000000
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
win=$(awk '/ : CXL Window/ { sub(/^ */, ""); sub(/-/, " "); print $1, $2; exit }' /proc/iomem)
expect_eq "the CEDT's window for the device is iomem's CXL Window, 256 MiB" \
	"$hpa $((SIZE))" "$(printf '%#x' $((0x${win% *}))) $((0x${win#* } - 0x${win% *} + 1))"
root=$(basename "$(readlink -f /sys/bus/platform/drivers/cxl_acpi/ACPI0017:*)")
rm -f /tmp/req.done /tmp/unbind.done
fault_arm_reg pause claiming 3000
(accel_cmd "request $SIZE"; touch /tmp/req.done) &
check "the request pauses inside the claim of the whole window" \
	cxlt_wait_dmesg 'pausing 3000 ms at "claiming"' 10
(echo "$root" > /sys/bus/platform/drivers/cxl_acpi/unbind; touch /tmp/unbind.done) &
sleep 1
check "cxl_acpi's unbind ($root) has not returned 1 s later, in the gap" \
	[ ! -e /tmp/unbind.done ]
check "the window is still in /proc/iomem in the gap" grep -q " : CXL Window" /proc/iomem
cxlt_wait 1 10 /tmp/req.done
check "the request returned" [ -e /tmp/req.done ]
cxlt_wait 1 10 /tmp/unbind.done
check "the unbind returned after the request" [ -e /tmp/unbind.done ]
check "the pause was reached once" sh -c "grep -q 'armed=pause .* hits=1 fired=1' $FAULT"
fault_off
check "the window is gone with cxl_acpi (positive control of the check above)" \
	sh -c "! grep -q ' : CXL Window' /proc/iomem"
# Once the request let go of its locks the unbind goes on and revokes
# the new region, before or after cxl_accel_test maps it: it is then
# refused the mapping (-ENXIO, region_lost_returning) or told it lost
# the region.  Either way a region of the whole window was made.
rc=$(accel_status rc)
check "the request got the region (0) or its mapping was refused once revoked (-6): $rc" \
	sh -c "[ '$rc' = 0 ] || [ '$rc' = -6 ]"
check "one line says the region of the whole window [${win% *}-${win#* }] is lost" \
	cxlt_wait_dmesg "region \[$hpa-0x${win#* }\] lost: its CXL path is going away" 10
if [ "$rc" = 0 ]; then
	accel_cmd "release 0"
	expect_eq "released after the loss" "$(accel_status rc)" 0
else
	expect_eq "the driver holds no region (it put the one it could not map)" \
		"$(accel_slot 0 hpa)" ""
fi
accel_check_clean
