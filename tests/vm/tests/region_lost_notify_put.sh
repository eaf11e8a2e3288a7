#!/bin/sh
# A region lost while its driver was not listening, then a notifier that
# does what the kernel-doc asks of it: unmap and drop the reference.
# Setting it runs it at once, and its put is the region's last, so the
# region is released from inside the call that set the notifier (issue
# 12, item 1: cxl_accel then unlocked a mutex inside the freed region).
# SLUB poisoning is on so that such a use after free cannot pass
# unnoticed: a poisoned mutex spins forever or SLUB reports it.
#@ tier: smoke
#@ topology: direct-hdm
#@ plan: 17
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
expect_eq "the notifier ran at once, once" "$(accel_status lost)" 1
check "its put released the region" sh -c "dmesg | grep -q 'region \[$hpa-[0-9a-fx]*\] released'"
accel_check_clean
check "SLUB found no damage" sh -c "! dmesg | grep -E -q 'Poison overwritten|Redzone overwritten|Object already free|BUG kmalloc'"
