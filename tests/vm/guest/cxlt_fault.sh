# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest helpers for fault injection (src/fault.h): arm a step or a
# register fault, tell whether it fired, and check what a failure left.
# Source after /lib/cxlt_accel.sh.
#
# On a kernel with fail_function (the debug guest kernel) step faults go
# through the kernel's own mechanism, on the hook cxl_accel_fault_<step>;
# elsewhere through cxl_accel's test-build switch, debugfs cxl_accel/fault.
# Register faults always use the switch.

FAULT=/sys/kernel/debug/cxl_accel/fault
FAILFN=/sys/kernel/debug/fail_function

if [ -d "$FAILFN" ]; then
	FAULT_VIA=fail_function
else
	FAULT_VIA=cxl_accel
fi

# fault_arm STEP ERRNO [NTH]: the NTH time STEP is reached, it fails.
fault_arm() {
	fault_off
	if [ $FAULT_VIA = fail_function ]; then
		echo "cxl_accel_fault_$1" > "$FAILFN/inject" || return 1
		# an unsigned attribute: the errno as the 64-bit pattern
		printf '%#x' "$2" > "$FAILFN/cxl_accel_fault_$1/retval" &&
		echo 100 > "$FAILFN/probability" &&
		echo 1 > "$FAILFN/interval" &&
		echo 0 > "$FAILFN/verbose" &&
		# should_fail() lets "space" calls of size 1 pass, the last
		# of them failing: space N fails the Nth
		echo "${3:-1}" > "$FAILFN/space" &&
		echo 1 > "$FAILFN/times"
	else
		echo "$1 $2 ${3:-1}" > "$FAULT"
	fi
}

# fault_arm_reg KIND [ARGS...]: a register fault (see src/fault.c).
fault_arm_reg() {
	fault_off
	echo "$*" > "$FAULT"
}

# fault_fired: the armed fault struck (at least once).
fault_fired() {
	if [ $FAULT_VIA = fail_function ] && [ -n "$(cat "$FAILFN/inject" 2>/dev/null)" ]; then
		[ "$(cat "$FAILFN/times")" = 0 ]
	else
		[ "$(sed -n 's/.* fired=\([0-9]*\).*/\1/p' "$FAULT")" -gt 0 ]
	fi
}

fault_off() {
	[ $FAULT_VIA = fail_function ] && echo > "$FAILFN/inject" 2>/dev/null
	echo off > "$FAULT"
}

# fault_snapshot: what must be the same before and after a failure: the
# decoders committed on the path (registers), our claims (/proc/iomem),
# and the CXL core's decoders (sysfs).
fault_snapshot() {
	hw_decoders "$ACCEL_BDF"
	grep "cxl_accel $ACCEL_BDF" /proc/iomem
	# read, not cat: no process per file (seconds a snapshot on the debug
	# kernel, several snapshots a fault)
	for _d in /sys/bus/cxl/devices/decoder*; do
		[ -e "$_d/start" ] || continue
		_s= _z=
		read -r _s < "$_d/start" 2>/dev/null
		read -r _z < "$_d/size" 2>/dev/null
		echo "${_d##*/} $_s $_z"
	done
	for _p in /sys/bus/cxl/devices/*/decoders_committed; do
		[ -e "$_p" ] && read -r _n < "$_p" && echo "$_p $_n"
	done
}

# fault_live: cxl_accel's live kmalloc allocations by call site and
# count (slub_debug=U), without ages: what a probed device holds for its
# lifetime is there, and must be all that is there after a failure.
fault_live() {
	slub_live_ours '\\[cxl_accel\\]' | sed 's/ waste=[^ ]*//; s/ age=.*//' | sort
}

KMEMLEAK=/sys/kernel/debug/kmemleak

# fault_log_has REGEX...: the kernel log has a line matching each REGEX
# (grep -E), in any order.
fault_log_has() {
	for _re in "$@"; do
		dmesg | grep -q -E -- "$_re" || return 1
	done
}

# fault_kmemleak: how many unreferenced objects kmemleak finds whose
# allocation trace goes through CXL code or ours, since the last call.
# kmemleak reports an object only once it is 5 s old, and a scan under
# KASAN and TCG takes tens of seconds: the walks check every step with
# the slub traces (which see only allocations through our code) and
# leave kmemleak to the scan at the end of every guest
# (cxlt_kernel_healthy), which sees every leak of the walk, CXL core's
# included, with its allocation trace.
fault_kmemleak() {
	echo scan > "$KMEMLEAK"
	awk 'BEGIN { RS = "unreferenced object" } NR > 1 &&
		/\[cxl_accel|\[cxl_vendor|cxl_|devm_cxl/ { n++ } END { print n + 0 }' "$KMEMLEAK"
	grep -B2 -A20 'unreferenced object' "$KMEMLEAK" | head -n 40 | while IFS= read -r _x; do diag "  $_x"; done
	echo clear > "$KMEMLEAK"
}

# fault_baseline: what cxl_accel holds now (FAULT_LIVE, see fault_live).
fault_baseline() {
	FAULT_LIVE=$(fault_live)
	echo "$FAULT_LIVE" > /tmp/fault.live0
}

# fault_expect_no_leak NAME LIVE: nothing of ours leaked since LIVE was
# taken: the slub traces show what they showed then.
fault_expect_no_leak() {
	expect_eq "$1: cxl_accel's live allocations as before (slub traces)" \
		"$(fault_live)" "$2"
}

# fault_expect_clean NAME BEFORE: after a failure, everything as BEFORE
# (a fault_snapshot), and no more objects of ours alive than FAULT_LIVE
# (a fault_live taken after the probe).
fault_expect_clean() {
	_now=$(fault_snapshot)
	if [ "$_now" = "$2" ]; then
		ok "$1: nothing committed, claimed or changed in the CXL core's view"
	else
		echo "$2" > /tmp/fault.before
		echo "$_now" > /tmp/fault.after
		notok "$1: nothing committed, claimed or changed in the CXL core's view" \
			"$(diff /tmp/fault.before /tmp/fault.after | tr '\n' ';')"
	fi
	expect_eq "$1: no region, reservation or mapping alive" \
		"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
	fault_expect_no_leak "$1" "$FAULT_LIVE"
}

# fault_expect_works NAME: a request on the device succeeds now, its
# decoders are committed (registers) and its range claimed, and it goes
# away again: the positive control for fault_expect_clean.
fault_expect_works() {
	accel_cmd "request $FAULT_SIZE"
	if [ "$(accel_status rc)" != 0 ]; then
		notok "$1: the next request succeeds" "rc=$(accel_status rc)"
		return 1
	fi
	_hpa=$(accel_slot 0 hpa)
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$ACCEL_BDF"
	_want=$(echo "$HW_HDMS" | grep -c .)
	_got=$(hw_decoders "$ACCEL_BDF" | grep -c "base=$(printf '%#x' "$_hpa") size=$(printf '%#x' "$FAULT_SIZE")")
	_claim=$(grep -c "^ *$(printf '%x' "$_hpa")-.* : cxl_accel $ACCEL_BDF\$" /proc/iomem)
	_live=$(fault_live | diff - /tmp/fault.live0 | grep -c '^-[^-]')
	expect_eq "$1: the next request succeeds: $_want decoders commit it (registers), it is claimed, objects seen alive" \
		"$_got $_claim $([ "$_live" -gt 0 ] && echo alive)" "$_want 1 alive"
	accel_cmd "release 0"
}

# fault_unbind_in_pause POINT CMD WHAT: the consumer's command CMD held 3 s
# at the pause point POINT (src/fault.c), and the CXL root unbound inside
# that pause; WHAT names CMD in the checks: it paused, the unbind returned
# while it still paused, the pause was reached once.  Returns once CMD has
# finished (or after 10 s more).
fault_unbind_in_pause() {
	rm -f /tmp/fault.cmd.done
	fault_arm_reg pause "$1" 3000
	(echo "$2" > "$ACCEL_CTL"; touch /tmp/fault.cmd.done) &
	check "the $3 pauses" cxlt_wait_dmesg "pausing 3000 ms at \"$1\"" 10
	cxlt_unbind_cxl_root "inside the pause"
	check "the unbind returned while the $3 still pauses" [ ! -e /tmp/fault.cmd.done ]
	_i=0
	while [ ! -e /tmp/fault.cmd.done ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	check "the pause was reached once" sh -c "grep -q 'armed=pause .* hits=1 fired=1' $FAULT"
	fault_off
}
