#!/bin/sh
# A region across the PCI core's recovery from AER errors, which QEMU
# injects at the device (HMP pcie_aer_inject_error, through the host's
# QMP relay).  First a non-fatal one (a poisoned TLP): the driver is told
# the channel is normal, nothing is reset, the region stays active.  Then
# an uncorrectable Data Link Protocol error (fatal by default): the
# root port's AER service reports it and resets the link below the port
# (a secondary bus reset, which resets the device's HDM decoders); the
# test driver's error_detected() calls cxl_accel_reset_prepare() and
# answers NEED_RESET, its slot_reset() restores config space and calls
# cxl_accel_slot_reset().
#
# The control first: the driver holds the restore back, and the
# endpoint's decoder reads reset after the recovery (registers).  Then
# the restore (cxl_accel_reset_done() from the test driver's debugfs):
# the decoders of the path read back as before (registers), the claim is
# where it was (/proc/iomem), the words written before the error are at
# their DPAs (the oracle reads the backing file).  A second fatal error
# is restored by the recovery itself, through cxl_accel_slot_reset()'s
# work item, checked the same way.  That the errors happened and were
# recovered rests on the kernel's AER counters and log, not on the
# driver's word.
#@ tier: basic smoke debug
#@ topology: direct-hdm
#@ plan: 38
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
#@ qmp:
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
SIZE=0x10000000
RP=$(basename "$(dirname "$(readlink -f "/sys/bus/pci/devices/$ACCEL_BDF")")")
FATAL=/sys/bus/pci/devices/$RP/aer_rootport_total_err_fatal
NONFATAL=/sys/bus/pci/devices/$RP/aer_rootport_total_err_nonfatal

hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request a 256 MiB region" "$(accel_status rc)" 0
expect_eq "its HPA is the first free 256 MiB of the device's window" "$(accel_slot 0 hpa)" "$hpa"
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@0x0"
accel_cmd "fill 0 0 4096 0x5eed00a1"
expect_eq "fill before the error" "$(accel_status rc)" 0
oracle_fill r0 0 4096 0x5eed00a1
hw_path_cache "$ACCEL_BDF"
before=$(hw_decoders "$ACCEL_BDF")
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)
expect_eq "the endpoint's decoder 0 decodes the region (registers)" \
	"$(echo "$before" | grep -c "^ep 0 base=$hpa size=$(printf '%#x' $SIZE)\$")" 1
expect_eq "the root port $RP has AER and has counted no error" \
	"$(cat "$NONFATAL" 2>&1) $(cat "$FATAL" 2>&1)" "0 0"

# A non-fatal error: reported, recovered without a reset.
cxlt_hmp "pcie_aer_inject_error t0 POISON_TLP"
check "the recovery of a non-fatal error reached the driver's resume()" \
	accel_wait_status resumed 1 30
expect_eq "the root port counted one non-fatal error, no fatal one" \
	"$(cat "$NONFATAL") $(cat "$FATAL")" "1 0"
expect_eq "error_detected() was told the channel is normal" "$(accel_status errors)" normal
expect_eq "the region stayed active: no state change, no reset" \
	"$(accel_status states) $(accel_status resets)" "none 0"
expect_eq "every decoder of the path reads as before (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"

# The control: the recovery resets the decoders, and nothing restores them.
accel_cmd "reset-hold 1"
cxlt_hmp "pcie_aer_inject_error t0 DLP"
check "the AER service reported a fatal error" cxlt_wait_dmesg 'AER: .*[Ff]atal' 30
check "the recovery reached the driver's resume()" accel_wait_status resumed 2 30
expect_eq "the root port counted one fatal error" "$(cat "$FATAL")" 1
check "the PCI core reset the link below the root port" cxlt_wait_dmesg 'link has been reset' 1
expect_eq "error_detected() was told the channel is frozen" "$(accel_status errors)" normal,frozen
expect_eq "the region was suspended (state notifier)" "$(accel_status states)" suspended
expect_eq "the endpoint's decoder 0 reads reset after the recovery (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c '^ep 0 ')" 0

# The restore.
accel_cmd "restore"
expect_eq "cxl_accel_reset_done() restores it" "$(accel_status rc) $(accel_status reset_rc)" "0 0"
expect_eq "the state notifier was told: suspended, then restored" "$(accel_status states)" suspended,restored
expect_eq "every decoder of the path reads back as before the error (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"
expect_eq "the claim is where it was (/proc/iomem)" "$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)" "$claim"
accel_cmd "verify 0 0 4096 0x5eed00a1"
expect_eq "the words written before the error read back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "fill 0 0x100000 4096 0x5eed00a2"
expect_eq "fill after the restore" "$(accel_status rc)" 0
oracle_fill r0 0x100000 4096 0x5eed00a2

# A second fatal error, restored by the recovery itself: slot_reset()
# calls cxl_accel_slot_reset(), whose work item commits the path again
# (the PCI core holds pci_bus_sem across the error handlers, which a
# restore must not nest in) and tells the state notifier from there.
accel_cmd "reset-hold 0"
cxlt_hmp "pcie_aer_inject_error t0 DLP"
check "the recovery of the second fatal error reached the driver's resume()" \
	accel_wait_status resumed 3 30
expect_eq "the root port counted two fatal errors" "$(cat "$FATAL")" 2
check "the state notifier was told: suspended, then restored (work item)" \
	accel_wait_status states suspended,restored,suspended,restored 30
expect_eq "cxl_accel_slot_reset() queued the restore" "$(accel_status reset_rc)" 0
expect_eq "every decoder of the path reads back as before the errors (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"
expect_eq "the claim is still where it was (/proc/iomem)" \
	"$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)" "$claim"
accel_cmd "verify 0 0 4096 0x5eed00a1"
expect_eq "the first words read back after the second error" \
	"$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "verify 0 0x100000 4096 0x5eed00a2"
expect_eq "the words written after the first restore read back" \
	"$(accel_status rc) $(accel_status mismatches)" "0 0"

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
