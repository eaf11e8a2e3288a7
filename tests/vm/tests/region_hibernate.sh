#!/bin/sh
# A region across the device phases of hibernation: /sys/power/pm_test
# "devices" runs the freeze and thaw callbacks of every device and stops
# short of writing an image (the guest has no swap), so what is shown is
# the refusal and the callbacks, not a restore from an image: by default
# a live region hides "disk" from /sys/power/state (the CXL core's
# cxl_mem_active() says hibernation is not available); after
# cxl_accel_enable_suspend() it is offered, the test driver's freeze and
# thaw (DEFINE_SIMPLE_DEV_PM_OPS: its suspend and resume) suspend and
# restore the region, and every decoder of the path reads back as before
# (registers), with the data in place (the oracle reads the backing file).
#@ kernels: 6.12 7.2
#@ tier: basic
#@ topology: direct-hdm
#@ plan: 19
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
SIZE=0x10000000

check "hibernation is offered before any region (control: \"disk\" in /sys/power/state)" \
	grep -qw disk /sys/power/state
check "the kernel can test the device phases (/sys/power/pm_test)" \
	grep -qw devices /sys/power/pm_test
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request a 256 MiB region" "$(accel_status rc)" 0
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@0x0"
accel_cmd "fill 0 0 4096 0x5eedd151"
expect_eq "fill before" "$(accel_status rc)" 0
oracle_fill r0 0 4096 0x5eedd151
before=$(hw_decoders "$ACCEL_BDF")
check "no hibernation offered while the region is live" \
	sh -c "! grep -qw disk /sys/power/state"
accel_cmd "suspend-ok"
check "hibernation is offered once the driver restores its regions" \
	grep -qw disk /sys/power/state

echo devices > /sys/power/pm_test
check "the device phases of hibernation ran" sh -c "echo disk > /sys/power/state"
echo none > /sys/power/pm_test
expect_eq "the PM core froze and thawed the function once" "$(accel_status pm)" 1,1
expect_eq "the state notifier was told: suspended, then restored" \
	"$(accel_status states)" suspended,restored
expect_eq "cxl_accel_reset_done() in thaw answered 0" "$(accel_status reset_rc)" 0
expect_eq "every decoder of the path reads back as before (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"
accel_cmd "verify 0 0 4096 0x5eedd151"
expect_eq "the words written before read back" \
	"$(accel_status rc) $(accel_status mismatches)" "0 0"

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
