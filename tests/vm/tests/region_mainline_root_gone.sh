#!/bin/sh
# cxl_acpi unbound while an adopted region is the CXL core's (7.2 and 7.3,
# the mainline Type-2 hand-off).  Taking the core's objects away makes
# the core unbind the vendor driver, whose remove puts the region; the
# release takes the locks of cxl_acpi's device and of the ports
# (cxl_accel_core_lock()), which the unbind itself takes.  The unbind
# must return (before cxl_accel took the lock of cxl_acpi's device it
# took the host bridge port's, which the unbind also holds), the driver
# be unbound, and the adopted region, a kept one, stay claimed and
# committed for a later load.
#@ kernels: 7.2 7.3
#@ tier: basic smoke
#@ topology: direct-hdm
#@ plan: 12
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
# cxl_mem: the core's hand-off lives there
modprobe cxl_mem 2>/dev/null
cxlt_accel_load || exit 0
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE keep"
expect_eq "request a kept region where the test expects it" \
	"$(accel_status rc) $(accel_slot 0 hpa)" "0 $hpa"
accel_cmd "release 0"
accel_cmd adopt
expect_eq "adopt it" "$(accel_status rc)" 0
mem=$(accel_region core)
case $mem in
mem*) ok "handed to the CXL core as $mem" ;;
*) notok "handed to the CXL core" "core=$mem" ;;
esac
check "the driver is bound before the unbind" [ -e "/sys/bus/pci/devices/$ACCEL_BDF/driver" ]
root=$(basename "$(readlink -f /sys/bus/platform/drivers/cxl_acpi/ACPI0017:*)")
rm -f /tmp/unbind.done
(echo "$root" > /sys/bus/platform/drivers/cxl_acpi/unbind; touch /tmp/unbind.done) &
cxlt_wait 1 60 /tmp/unbind.done
if [ -e /tmp/unbind.done ]; then
	ok "cxl_acpi's unbind ($root) returned"
else
	notok "cxl_acpi's unbind ($root) returned within 60 s" "$(cat /proc/*/stack 2>/dev/null | grep -A3 -B3 cxl | head -n 60)"
fi
check "the core unbound the vendor driver" [ ! -e "/sys/bus/pci/devices/$ACCEL_BDF/driver" ]
expect_eq "the kept region's claim stays in /proc/iomem" \
	"$(grep -c "cxl_accel $ACCEL_BDF\$" /proc/iomem)" 1
expect_eq "its endpoint decoder stays committed at $hpa (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | awk '$1 == "ep" { print $3 }')" "base=$hpa"
check "no task hung" sh -c "! dmesg | grep -q 'blocked for more than'"
