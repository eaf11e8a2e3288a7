#!/bin/sh
# 100 bind/unbind cycles (10 under kmemleak) of a driver holding a
# region (request, write, unbind: devm releases it) leave no claim, no
# committed decoder, no object of cxl_accel and no kernel memory behind.
# Debian's kernels have no kmemleak, so memory is checked with SLUB's
# allocation tracking (slub_debug=U): no live kmalloc object may have
# been allocated on a path through cxl_accel or cxl_accel_test other
# than at module load (the trace names every frame, so the kernel's
# allocations made on our behalf count too), and no vmalloc/ioremap area
# of theirs may remain.  The totals of objects in use are only shown:
# measured, they wander by some 250 objects over 400 cycles without a
# trend (kmalloc-96 on 6.12), more than a one-object-per-cycle leak would
# add in 100.
#@ tier: debug rt
#@ topology: direct-hdm
#@ plan: 13
#@ plan: 6.12 direct-hdm 14
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ timeout: 400
#@ append: slub_debug=U
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
DRV=/sys/bus/pci/drivers/cxl_accel_test
cxlt_accel_load || exit 0

cycle() {
	echo "$ACCEL_BDF" > $DRV/bind 2>/dev/null || return 1
	accel_cmd "request $SIZE"
	[ "$(accel_status rc)" = 0 ] || return 2
	accel_cmd "fill 0 0 16 $1"
	[ "$(accel_status rc)" = 0 ] || return 6
	accel_cmd "verify 0 0 16 $1"
	[ "$(accel_status rc) $(accel_status mismatches)" = "0 0" ] || return 3
	echo "$ACCEL_BDF" > $DRV/unbind || return 4
	[ "$(cat /sys/kernel/debug/cxl_accel/stats)" = "regions=0 dpas=0 maps=0 parked=0" ] || return 5
}

# kmalloc objects in use, over all kmalloc caches (each shrunk first, so
# that the free objects of per-CPU slabs do not count)
kmalloc_objs() {
	sleep 1
	_n=0
	for _c in /sys/kernel/slab/kmalloc-*; do
		echo 1 > "$_c/shrink"
		_n=$((_n + $(cut -d' ' -f1 "$_c/objects")))
	done
	echo $_n
}

accel_cmd "request $SIZE"
expect_eq "a region to begin with" "$(accel_status rc)" 0
# control for the leak check below: a live region is seen in the traces
check "SLUB's allocation traces show the live region" \
	sh -c "cat /sys/kernel/debug/slab/kmalloc-*/alloc_traces | grep -q 'cxl_accel_region_create.*\[cxl_accel\]'"
echo "$ACCEL_BDF" > $DRV/unbind
i=0
while [ $i -lt 10 ]; do
	cycle $i || break
	i=$((i + 1))
done
# kmemleak (the debug kernel) reports a single leaked object, so a few
# cycles find a leak per cycle there; the stock kernels' slab counts are
# only shown, and 100 cycles make a one-object-per-cycle leak stand out.
if [ -e /sys/kernel/debug/kmemleak ]; then CYCLES=10; else CYCLES=100; fi
before=$(kmalloc_objs)
n=0
while [ $n -lt $CYCLES ]; do
	cycle $((n + 100))
	rc=$?
	[ $rc -eq 0 ] || break
	n=$((n + 1))
done
after=$(kmalloc_objs)
expect_eq "$CYCLES bind/request/write/unbind cycles" "$n" $CYCLES
[ $n -eq $CYCLES ] || diag "cycle $n failed at step $rc"
diag "kmalloc objects in use: $before before, $after after"
# Live kmalloc objects whose allocation went through our modules, other
# than what they allocate for their lifetime when they load (their init
# functions' own frames are gone with the init sections, so the helpers
# those call are named).
if [ -e /sys/kernel/debug/kmemleak ]; then
	# the debug kernel: KASAN's quarantine keeps freed objects in the
	# slub traces, so kmemleak is the judge (after its 5 s minimum age)
	. /lib/cxlt_fault.sh
	sleep 6
	expect_eq "no object allocated through CXL code or cxl_accel leaked (kmemleak)" \
		"$(fault_kmemleak)" 0
else
	live=$(slub_live_ours '\\[cxl_accel(_test)?\\]')
	if [ -z "$live" ]; then
		ok "no kmalloc object allocated through cxl_accel is still live"
	else
		notok "no kmalloc object allocated through cxl_accel is still live" "$live"
	fi
fi
expect_eq "no vmalloc or ioremap area of cxl_accel left" \
	"$(grep -c -E '\[cxl_accel(_test)?\]' /proc/vmallocinfo)" 0
expect_eq "no cxl_accel object left" "$(cat /sys/kernel/debug/cxl_accel/stats)" \
	"regions=0 dpas=0 maps=0 parked=0"
check "no claim left" sh -c "! grep -q 'cxl_accel' /proc/iomem"
echo "$ACCEL_BDF" > $DRV/bind
accel_use "$ACCEL_SN" && accel_check_clean
accel_check_core_view 0
