#!/bin/sh
# A driver that is not listening when its region is lost is told when it
# starts listening again: from a work item, as every notifier call (API 4),
# not from inside the call that registers it (a driver may hold, around
# that call, a lock its notifier takes).  While nobody listens, nothing is
# called.
#@ topology: direct-hdm
#@ plan: 17
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
accel_cmd "request 0x10000000"
expect_eq "request" "$(accel_status rc)" 0
accel_cmd "unnotify 0"
expect_eq "stop listening" "$(accel_status rc)" 0
cxlt_unbind_cxl_root
check "cxl_accel revoked the region" cxlt_wait_dmesg 'lost: its CXL path is going away' 5
expect_eq "no notifier was called" "$(accel_status lost) $(accel_slot 0 mapped)" "0 1"
accel_cmd "notify 0"
expect_eq "listen again" "$(accel_status rc)" 0
check "the notifier ran" accel_wait_status lost 1 5
expect_eq "once, from a work item, not inside the call that set it" \
	"$(accel_status lost) $(accel_status lost_work) $(accel_status lost_in_call)" "1 1 0"
expect_eq "it unmapped the region" "$(accel_slot 0 mapped)" 0
accel_cmd "notify 0"
sleep 1
expect_eq "registering again calls nothing (1 s later)" "$(accel_status lost)" 1
accel_cmd "release 0"
expect_eq "release after the loss" "$(accel_status rc)" 0
accel_check_clean
