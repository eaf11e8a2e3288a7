#!/bin/sh
# Proves that the oracle sees writes nobody reported.  On a region the
# kernel made (PMEM, which every kernel has), the standard words go where
# they are reported, plus one word that is not reported at all: every
# reported word is in place, and the oracle must still fail its "nothing
# elsewhere" check.
#@ kernels: 6.1 6.12
#@ topology: direct-pmem
#@ plan: 6
#@ oracle: expect-fail stray
. /lib/cxlt.sh

cxlt_kernel_region pmem || exit 0
cxlt_patterns "$CXLT_REGION" "$CXLT_BASE" "$CXLT_SIZE" "$CXLT_GRAN"
# Clear of the standard words and fill; not reported on purpose.
x=0x5000
v=$(cxlt_word 0x57AA0000 $x)
cxlt_write64 $((CXLT_BASE + x)) "$v"
oracle_expect stray "$CXLT_REGION" "$(printf '0x%x' $x)"
expect_eq "the unreported word reads back" "$(cxlt_read64 $((CXLT_BASE + x)))" "$v"
