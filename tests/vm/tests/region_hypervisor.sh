#!/bin/sh
# Under a CPU that says it runs on a hypervisor the kernel will not trust
# a cache invalidation (cpu_cache_has_invalidate_memregion() is false;
# 6.1 has no such call and cxl_accel applies the same rule).  A region's
# new decode must not be used with stale lines in the caches, so the
# request is refused with one line and nothing is programmed or claimed.
#@ topology: direct
#@ plan: 11
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ cpu: max
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
check "the guest sees a hypervisor" grep -q '^flags.* hypervisor' /proc/cpuinfo
accel_cmd "request 0x10000000"
accel_expect_refusal -6 "cannot invalidate CPU caches for a new CXL decode"
accel_check_clean
