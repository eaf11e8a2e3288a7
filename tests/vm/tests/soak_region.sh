#!/bin/sh
# Soak (issue 14): 1,000 cycles of the test consumer: bind, request a
# region, write a pattern through it, read it back, release, unbind; then
# nothing left (see soak_expect_clean in guest/cxlt_soak.sh) and the wall
# time.  Not part of make check: "make soak" runs it on the debug kernel
# (the "soak" tier, see tests/vm/run).
#@ tier: soak
#@ topology: direct-hdm
#@ plan: 12
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: slub_debug=U
#@ timeout: 3000
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /lib/cxlt_soak.sh

SIZE=0x10000000
DRV=/sys/bus/pci/drivers/cxl_accel_test
cxlt_accel_load || exit 0

cycle() {
	echo "$ACCEL_BDF" > $DRV/bind 2>/dev/null || { echo "bind failed"; return; }
	accel_cmd "request $SIZE"
	[ "$(accel_status rc)" = 0 ] || { echo "request: rc=$(accel_status rc)"; return; }
	accel_cmd "fill 0 0 16 $1"
	[ "$(accel_status rc)" = 0 ] || echo "fill: rc=$(accel_status rc)"
	accel_cmd "verify 0 0 16 $1"
	[ "$(accel_status rc) $(accel_status mismatches)" = "0 0" ] ||
		echo "verify: rc=$(accel_status rc), $(accel_status mismatches) mismatches"
	accel_cmd "release 0"
	[ "$(accel_status rc)" = 0 ] || echo "release: rc=$(accel_status rc)"
	echo "$ACCEL_BDF" > $DRV/unbind || echo "unbind failed"
}

# the control for the end's decoder check: a live region's are seen
accel_cmd "request $SIZE"
expect_eq "a region to begin with" "$(accel_status rc)" 0
expect_eq "its decoders are seen committed (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c "base=$(printf '%#x' "$(accel_slot 0 hpa)") ")" \
	"$(hw_path_cache "$ACCEL_BDF"; echo "$HW_HDMS" | grep -c .)"
accel_cmd "release 0"
echo "$ACCEL_BDF" > $DRV/unbind
for i in 1 2 3; do
	cycle $i > /dev/null
done
soak_run cycle "bind, request, write, verify, release, unbind"
soak_expect_clean "cxl_accel(_test)?"
