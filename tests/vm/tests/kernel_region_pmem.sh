#!/bin/sh
# Proves the host-side oracle on a PMEM region that the kernel's own sysfs
# ABI created over Type-3 devices bound to cxl_pci (no cxl_accel, and no
# nvdimm on top): every word written through the region's HPA must be at
# its DPA in the right device's backing file, and nothing anywhere else.
# PMEM because it is the one region type every supported kernel has.
#@ topology: direct-pmem interleave-pmem
#@ plan: 5
#@ plan: 6.1 * 6
#@ oracle: yes
. /lib/cxlt.sh

cxlt_kernel_region pmem || exit 0
case $(uname -r) in
6.1.*)
	# RAM regions arrived in 6.3: why 6.1 is covered with PMEM only.
	check "6.1 has no create_ram_region" \
		test ! -e "$CXLT_BUS/decoder0.0/create_ram_region" ;;
esac
cxlt_patterns "$CXLT_REGION" "$CXLT_BASE" "$CXLT_SIZE" "$CXLT_GRAN"
