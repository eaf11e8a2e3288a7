# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Soak tests (tests/vm/tests/soak_*.sh): many cycles of a consumer, then
# the same checks as the bind loops, over the whole run.  Needs cxlt.sh
# and cxlt_accel.sh, and ACCEL_BDF set.

CYCLES=${CYCLES:-1000}

# soak_run FN WHAT: FN 0 .. FN CYCLES-1, each printing what went wrong,
# if anything; one result for all, the first errors and the wall time.
soak_run() {
	SOAK_BEFORE=$(kmalloc_objects /tmp/soak.before)
	_t0=$(cut -d' ' -f1 /proc/uptime)
	_bad=0
	_first=
	_i=0
	while [ $_i -lt "$CYCLES" ]; do
		_e=$("$1" $_i 2>&1)
		if [ -n "$_e" ]; then
			_bad=$((_bad + 1))
			[ $_bad -le 5 ] && _first="$_first cycle $_i: $_e;"
		fi
		_i=$((_i + 1))
		[ $((_i % 100)) -eq 0 ] &&
			diag "$_i cycles, $_bad failed, $(awk -v a="$_t0" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN { printf "%.0f", b - a }') s"
	done
	_t1=$(cut -d' ' -f1 /proc/uptime)
	SOAK_AFTER=$(kmalloc_objects /tmp/soak.after)
	expect_eq "$CYCLES cycles of $2, none failing" "$_bad" 0
	[ -z "$_first" ] || diag "first failures:$_first"
	diag "soak: $CYCLES cycles in $(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.0f", b - a }') s of guest time"
}

# soak_expect_clean MODULES-REGEX: after soak_run, nothing of the run
# left: no region, claim or committed decoder (registers), kmalloc
# objects as at the start (a leak of one object every fourth cycle
# would show; the kernel's own caches wander by less, see
# region_bind_loop), no vmalloc area of MODULES, and none of their kmalloc
# objects live (slub traces), or on the debug kernel no kmemleak report.
soak_expect_clean() {
	expect_eq "no region, reservation or mapping left" \
		"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
	check "no claim left (/proc/iomem)" sh -c "! grep -q 'cxl_accel' /proc/iomem"
	expect_eq "no decoder committed on the path (registers)" \
		"$(hw_decoders "$ACCEL_BDF" | grep -c .)" 0
	diag "kmalloc objects in use: $SOAK_BEFORE before, $SOAK_AFTER after; by cache:" \
		"$(awk 'NR == FNR { a[$1] = $2; next } $2 != a[$1] { printf "%s %+d ", $1, $2 - a[$1] }' \
			/tmp/soak.before /tmp/soak.after)"
	check "kmalloc objects in use back to their start (fewer than $((CYCLES / 4)) more)" \
		[ $((SOAK_AFTER - SOAK_BEFORE)) -lt $((CYCLES / 4)) ]
	expect_eq "no vmalloc or ioremap area of ours left" \
		"$(grep -c -E "\\[($1)\\]" /proc/vmallocinfo)" 0
	if [ -e /sys/kernel/debug/kmemleak ]; then
		# as in region_bind_loop: under KASAN the slub traces list
		# objects of the load (seen: cxl_acpi's probe, all of one age,
		# before the first cycle) beside ours, so kmemleak is the judge
		sleep 6
		. /lib/cxlt_fault.sh
		expect_eq "no leak through CXL code or ours (kmemleak)" "$(fault_kmemleak)" 0
		return
	fi
	_live=$(slub_live_ours "\\\\[($1)\\\\]")
	if [ -z "$_live" ]; then
		ok "no kmalloc object allocated through our modules is still live"
	else
		notok "no kmalloc object allocated through our modules is still live" "$_live"
	fi
}
