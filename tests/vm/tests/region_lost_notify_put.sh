#!/bin/sh
# A region lost while its driver was not listening, then a notifier that
# does what the kernel-doc asks of it: unmap and drop the reference.
# Its put is the region's last.  Under API 3 setting it ran it at once,
# inside the call (issue 12, item 1: cxl_accel then unlocked a mutex
# inside the freed region); under API 4 it runs from a work item, which
# holds a reference of its own for the call.
# SLUB poisoning is on so that such a use after free cannot pass
# unnoticed: a poisoned mutex spins forever or SLUB reports it.  The
# test driver sets its state notifier first: at 039cb8c it set it after
# the lost notifier, on a region the work item could have freed already
# (CI saw SLUB report it on 6.12).
#@ tier: smoke
#@ topology: direct-hdm
#@ plan: 19
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: slub_debug=FZPU
#@ timeout: 150
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc)" 0
hpa=$(accel_slot 0 hpa)
accel_check_claim "$hpa" "$SIZE"
accel_cmd "unnotify 0"
expect_eq "stop listening" "$(accel_status rc)" 0
cxlt_unbind_cxl_root
check "cxl_accel revoked the region" cxlt_wait_dmesg 'lost: its CXL path is going away' 5
expect_eq "nobody was told yet" "$(accel_status lost)" 0
accel_cmd "notify-put 0"
expect_eq "setting the notifier returned" "$(accel_status rc)" 0
check "the notifier ran" accel_wait_status lost 1 5
expect_eq "once, from a work item" "$(accel_status lost) $(accel_status lost_work)" "1 1"
expect_eq "the state notifier was told first: lost" "$(accel_status states)" lost
check "its put released the region" cxlt_wait_dmesg "region \[$hpa-[0-9a-fx]*\] released" 5
# the release runs in the work item: let it finish (accel_check_clean checks)
accel_wait_stats "regions=0 dpas=0 maps=0 parked=0" 5 || :
accel_check_clean
check "SLUB found no damage" sh -c "! dmesg | grep -E -q 'Poison overwritten|Redzone overwritten|Object already free|BUG kmalloc'"
