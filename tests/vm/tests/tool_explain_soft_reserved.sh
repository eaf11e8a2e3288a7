#!/bin/sh
# "cxl-accel explain" and "windows" where the memory map marks part of the
# only window Soft Reserved (EFI_MEMORY_SP), which cxl_accel leaves to
# dax_hmem.  QEMU's firmware puts no CXL window in the memory map, so the
# kernel's own memmap= adds an E820 Soft Reserved range (type 0xefffffff)
# over the first 256 MiB of the window QEMU builds for this topology (its
# base, 0x110000000, is that of the CEDT cached for it).  The test checks
# itself that /proc/iomem has such a range inside the CEDT's window (the
# positive control that the map took), then that the request is refused
# for it and that explain and windows say so.
#@ topology: direct
#@ plan: 11
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: memmap=256M%0x110000000+0xefffffff
#@ tools: cxl-accel
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
accel_soft_reserved_in_window || exit 0
why="Soft Reserved \[$SR_RANGE\] overlaps it"
accel_cmd "request 0x10000000"
check "the request is refused ($(accel_status rc))" [ "$(accel_status rc)" -lt 0 ]
accel_explain_refused "$why"
