#!/bin/sh
# CPU caches are invalidated after the decoders are committed and before
# they are reset (issue 12, item 7): dirty lines must reach the device
# while the range still decodes, and nothing cached from before the
# decode may survive it.  The order is taken from the kernel's function
# tracer, not from cxl_accel's log: calls of the kernel's invalidation
# (cpu_cache_invalidate_memregion, or wbinvd_on_all_cpus on 6.1) and of
# cxl_accel's decoder commit and reset, as the CPU made them.  Before the
# fix the request invalidated before committing and the release after
# resetting.  (TCG does not model caches, so the order is all a guest
# can show.)
#@ topology: direct-hdm
#@ plan: 13
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
T=/sys/kernel/tracing
cxlt_accel_load || exit 0
mount -t tracefs nodev $T 2>/dev/null
check "the function tracer is there" grep -qw function $T/available_tracers || exit 0
inv=cpu_cache_invalidate_memregion
grep -q "^$inv\b" $T/available_filter_functions || inv=wbinvd_on_all_cpus
check "the kernel's invalidation ($inv) can be traced" \
	grep -q "^$inv\b" $T/available_filter_functions || exit 0
check "cxl_accel's commit and reset can be traced" \
	sh -c "grep -q '^cxl_spec_hdm_commit ' $T/available_filter_functions && grep -q '^cxl_spec_hdm_reset ' $T/available_filter_functions" ||
	exit 0
echo "$inv cxl_spec_hdm_commit cxl_spec_hdm_reset" > $T/set_ftrace_filter
echo function > $T/current_tracer

# calls: the traced calls since the last clear, one letter each:
# C commit, R reset, I invalidate
calls() {
	sed -n "s/.* \(cxl_spec_hdm_commit\|cxl_spec_hdm_reset\|$inv\) <-.*/\1/p" $T/trace |
		sed -e 's/cxl_spec_hdm_commit/C/' -e 's/cxl_spec_hdm_reset/R/' -e "s/$inv/I/" | tr -d '\n'
}

echo > $T/trace
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc)" 0
# the endpoint's and the host bridge's decoders: two commits
expect_eq "request: commit the endpoint and the host bridge, then invalidate" "$(calls)" "CCI"
echo > $T/trace
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
expect_eq "release: invalidate, then reset the host bridge and the endpoint" "$(calls)" "IRR"
echo nop > $T/current_tracer
accel_check_clean
