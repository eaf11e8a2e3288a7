#!/bin/sh
# The other half of what cxl_accel says about /dev/mem: with iomem=relaxed
# the kernel treats busy, exclusive non-RAM ranges as any other, so root
# can map a claimed region once no conflicting mapping exists.  That is
# the administrator's explicit choice, documented, not a hole cxl_accel
# could close (marking the range System RAM to get around it would be
# worse).  The word the driver wrote through its mapping is read back
# through /dev/mem, which shows the read really reaches the region.
#@ topology: direct-hdm
#@ plan: 14
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: iomem=relaxed
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
expect_eq "the kernel runs with iomem=relaxed" "$(cxlt_cmdline iomem)" relaxed
accel_cmd "request $SIZE"
expect_eq "request" "$(accel_status rc)" 0
hpa=$(accel_slot 0 hpa)
accel_check_claim "$hpa" "$SIZE"
# pattern word 0 of "fill 0 0 1 SEED" is SEED << 32 | 0: its high half at +4
accel_cmd "fill 0 0 1 0x5a5a1234"
expect_eq "the driver writes a word" "$(accel_status rc)" 0
accel_cmd "unmap 0"
expect_eq "the driver drops its mapping" "$(accel_status rc) $(accel_slot 0 mapped)" "0 0"
o=$(devmem_read $((hpa + 4)))
expect_eq "with iomem=relaxed root reads the claimed region through /dev/mem" "$o" 0x5A5A1234
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
