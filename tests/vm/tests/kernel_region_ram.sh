#!/bin/sh
# Proves the host-side oracle on a RAM region that the kernel's own sysfs
# ABI created over Type-3 devices bound to cxl_pci (no cxl_accel here):
# every word written through the region's HPA must be at its DPA in the
# right device's backing file, and nothing anywhere else.  6.1 has no RAM
# regions (kernel_region_pmem asserts that).
#@ topology: direct interleave
#@ plan: 5
#@ kernels: 6.12 7.2 7.3
#@ oracle: yes
. /lib/cxlt.sh

cxlt_kernel_region ram || exit 0
cxlt_patterns "$CXLT_REGION" "$CXLT_BASE" "$CXLT_SIZE" "$CXLT_GRAN"
